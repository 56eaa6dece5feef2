"""What `loop_stop` would change in a store of full-length greedy chat responses (generated without it):
for each response, where `ends_in_loop` would have ended it, the tokens that saves, whether the kept
completion changes, and whether the executed outcome changes (both programs are run here, in the sandbox).

    LRCG_DATA_DIR=../shared/data .venv/bin/python scripts/check_loop_stop.py runs/laptop/results.sqlite \
        [--span 64] [--model smollm2-135m-instruct] [--technique baseline] [--languages java,py]

Prints one line per (technique, language) and the totals, and each outcome whose status differs; exits 1 if
any sample's pass/fail differs.
"""
from __future__ import annotations

import argparse
import json
import sqlite3
import sys


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("store")
    ap.add_argument("--span", type=int, default=64)
    ap.add_argument("--model", default="smollm2-135m-instruct", help="whose tokenizer counts the tokens")
    ap.add_argument("--technique", default=None)
    ap.add_argument("--languages", default=None)
    args = ap.parse_args(argv)

    from lrcg.benchmarks import build_program, load_benchmark
    from lrcg.execution import Program, run_programs
    from lrcg.generation import prompting
    from lrcg.generation.batched import loop_cut
    from lrcg.generation.models import load_tokenizer, resolve_model

    tokenizer = load_tokenizer(resolve_model(args.model))
    con = sqlite3.connect(f"file:{args.store}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    where, params = ["g.settings NOT LIKE '%loop_stop%'"], []
    if args.technique:
        where.append("g.technique = ?")
        params.append(args.technique)
    if args.languages:
        langs = args.languages.split(",")
        where.append(f"g.language IN ({','.join('?' * len(langs))})")
        params += langs
    rows = con.execute("SELECT g.* FROM generations g "
                       f"WHERE {' AND '.join(where)} ORDER BY g.technique, g.language, g.problem_index",
                       params).fetchall()
    problems: dict = {}
    cuts, programs = [], []
    for r in rows:
        if not json.loads(r["settings"]).get("chat"):
            continue
        key = (r["benchmark"], r["language"])
        if key not in problems:
            problems[key] = {p.task_id: p for p in load_benchmark(*key)}
        problem = problems[key][r["problem"]]
        ids = tokenizer(r["response"], add_special_tokens=False)["input_ids"]
        k = loop_cut(ids, args.span)
        if k is None:
            cuts.append((r, len(ids), 0, None))
            continue
        completion = prompting.completion_from_response(problem, tokenizer.decode(ids[:k], skip_special_tokens=True),
                                                        r["technique"], True)
        cuts.append((r, len(ids), len(ids) - k, completion))
        for c in (r["completion"], completion):
            programs.append(Program(r["language"], build_program(problem, c)))
    outcomes = iter(run_programs(programs, progress=False))
    totals: dict = {}
    flips = []
    for r, n, saved, completion in cuts:
        t = totals.setdefault((r["technique"], r["language"]), [0] * 7)
        t[0] += 1
        t[1] += n
        if completion is None:
            continue
        before, after = next(outcomes), next(outcomes)
        t[2] += saved
        t[3] += 1
        t[4] += completion != r["completion"]
        if before.status != after.status:
            t[5] += 1
            t[6] += before.passed != after.passed
            flips.append((r["technique"], r["language"], r["problem"], before.status, after.status))
    print(f"loop_stop={args.span} on {args.store}")
    print(f"{'technique':22} {'language':8} {'samples':>7} {'tokens':>8} {'saved':>7} {'cut':>5} "
          f"{'changed':>7} {'status changed':>14} {'pass/fail changed':>17}")
    grand = [0] * 7
    for (tech, lang), t in sorted(totals.items()):
        print(f"{tech:22} {lang:8} {t[0]:7} {t[1]:8} {t[2]:7} {t[3]:5} {t[4]:7} {t[5]:14} {t[6]:17}")
        grand = [a + b for a, b in zip(grand, t)]
    print(f"{'all':31} {grand[0]:7} {grand[1]:8} {grand[2]:7} {grand[3]:5} {grand[4]:7} {grand[5]:14} {grand[6]:17}"
          f"   ({grand[2] / max(grand[1], 1):.0%} of the tokens saved)")
    for flip in flips:
        print("status changed:", *flip)
    return 1 if grand[6] else 0


if __name__ == "__main__":
    sys.exit(main())
