"""Warm vs process mode, per language, on the same programs: programs/s of each and the ratio.

Programs: HumanEval-X canonical solutions (py, js, cpp, java, go) and MultiPL-E prompts completed with
a trivial body (ts, lua, r, rkt: MultiPL-E has no canonical solutions). Both modes run the same list
through `run_programs` (2 workers); warm workers are started before timing (a long run pays that once).
Process mode is timed once (start-up dominates it, so it varies little), warm mode `--repeats` times (median).
With a dozen programs a warm batch is too short to time well (it understated Racket by 1.7x): 40 by default.
C++ compiles use precompiled harness includes (lrcg.execution.precompiled_headers), built before timing;
`--no-pch` compiles without them.
Usage: python benchmarks/bench_warm.py [--n 40] [--repeats 3] [--process-repeats 1] [--languages py,r] [--no-pch]
"""
from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from lrcg.benchmarks import build_program, load_benchmark
from lrcg.execution import Program, precompiled_headers, resolve_tool, run_programs, warm
from lrcg.execution.languages import get_language

LANGUAGES = ("rkt", "r", "ts", "java", "py", "js", "lua", "c", "cpp", "go")
GOALS = {"rkt": 10, "r": 10, "ts": 10, "java": 10}  # others: 3
TRIVIAL_BODY = {"ts": "  return undefined as any;\n}\n", "lua": "    return nil\nend\n",
                "r": "  NULL\n}\n", "rkt": "  #f)\n"}


def programs_for(lang: str, n: int) -> list[Program]:
    if lang in TRIVIAL_BODY:
        problems = load_benchmark("multipl-e", lang, limit=n)
        return [Program(lang, build_program(p, TRIVIAL_BODY[lang])) for p in problems]
    if lang == "c":
        problems = load_benchmark("humaneval-c", "c", limit=n)
    else:
        problems = load_benchmark("humaneval-x", lang, limit=n)
    return [Program(lang, build_program(p, p.canonical_solution)) for p in problems]


def rate(programs: list[Program], isolation: str, workers: int) -> tuple[float, list[str]]:
    start = time.perf_counter()
    outcomes = run_programs(programs, workers=workers, isolation=isolation, progress=False)
    return len(programs) / (time.perf_counter() - start), [o.status for o in outcomes]


def main(argv: list[str] | None = None) -> int:
    shared = Path(__file__).resolve().parents[2] / "shared" / "data"  # as the Makefile and tests do
    if "LRCG_DATA_DIR" not in os.environ and shared.is_dir():
        os.environ["LRCG_DATA_DIR"] = str(shared)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=40, help="programs per language")
    ap.add_argument("--repeats", type=int, default=3, help="warm-mode runs; the median is reported")
    ap.add_argument("--process-repeats", type=int, default=1, help="process-mode runs; the median is reported")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--languages", default=",".join(LANGUAGES))
    ap.add_argument("--no-pch", action="store_true", help="compile C++ without precompiled harness includes")
    args = ap.parse_args(argv)
    precompiled_headers.ENABLED = not args.no_pch
    print(f"{'lang':5} {'n':>4} {'process/s':>10} {'warm/s':>8} {'ratio':>6} {'goal':>5}  same statuses")
    for lang in [x for x in args.languages.split(",") if x]:
        try:
            programs = programs_for(lang, args.n)
        except Exception as e:  # a missing benchmark file or toolchain: say so, go on
            print(f"{lang:5} skipped: {e}")
            continue
        # distinct sources per repeat would defeat nothing: run_programs dedups within one call only
        run_programs(programs[:2], workers=args.workers, isolation="warm", progress=False)  # start workers
        compiler = get_language(lang).compile
        for p in programs if compiler else ():  # build the precompiled headers a long run has built long ago
            precompiled_headers.compile_command(get_language(lang), [resolve_tool(compiler[0]), *compiler[1:]],
                                                p.source)
        process_runs = [rate(programs, "process", args.workers) for _ in range(args.process_repeats)]
        warm_runs = [rate(programs, "warm", args.workers) for _ in range(args.repeats)]
        process_rates, warm_rates = [r for r, _ in process_runs], [r for r, _ in warm_runs]
        same = all(statuses == process_runs[0][1] for _, statuses in process_runs + warm_runs)
        pw, ww = statistics.median(process_rates), statistics.median(warm_rates)
        print(f"{lang:5} {len(programs):4d} {pw:10.2f} {ww:8.2f} {ww / pw:6.1f} {GOALS.get(lang, 3):5d}  {same}",
              flush=True)
        warm.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
