"""Real model outputs under three regimes: process mode (the reference), warm mode, warm mode with
`--time-budget adaptive`. Prints wall time, programs/s and agreement with the reference per program set,
and lists every program whose verdict differs from the reference's.

Program sets:
  store     every executed program of a results store (`--store`, default runs/laptop/results.sqlite: the
            SmolLM2 outputs of issue 9), grouped by (language, problem); the store is copied to a temporary
            directory first and only the copy is opened (opening a store may migrate it)
  programs  tests/programs/<lang>/*.txt: hand-written correct, wrong and failing programs (timeouts and
            infinite loops among them), every one a completion of a MultiPL-E problem (C: whole programs)
Canonical solutions, where the benchmark has them, are the adaptive budget's evidence (as in `lrcg evaluate`).

Usage: python benchmarks/bench_time_budget.py [--store PATH] [--sets store,programs] [--limit N] [--workers 2]
"""
from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MODES = ("process", "warm", "warm+adaptive")


def store_programs(path: Path, limit: int | None):
    """(name, Program) of every executed program of a store, and canonical Programs of their problems."""
    from lrcg.benchmarks import build_program, load_benchmark
    from lrcg.execution import Program
    from lrcg.store import stored_rows

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "results.sqlite"
        shutil.copy(path, copy)
        rows = stored_rows(copy)
    per_language: dict[str, int] = {}
    named, problems = [], {}
    for r in rows:
        if limit is not None and per_language.get(r["language"], 0) >= limit:
            continue
        per_language[r["language"]] = per_language.get(r["language"], 0) + 1
        name = f"{r['benchmark']}/{r['language']}/{r['problem']}#{r['sample']}@{r['settings_hash'][:6]}"
        named.append((name, Program(r["language"], r["program"], problem=r["problem"])))
        problems.setdefault((r["benchmark"], r["language"]), set()).add(r["problem"])
    canonical = []
    for (bench, lang), wanted in sorted(problems.items()):
        for p in load_benchmark(bench, lang, problems=sorted(wanted)):
            if p.canonical_solution is not None:
                canonical.append(Program(lang, build_program(p, p.canonical_solution), problem=p.task_id))
    return named, canonical


def hand_written_programs():
    import sys

    sys.path.insert(0, str(REPO / "tests"))
    from conftest import PROGRAM_PROBLEMS, PROGRAMS, hand_written_program
    from lrcg.execution import Program
    from lrcg.execution.languages import get_language

    named = []
    for lang_dir in sorted(PROGRAMS.iterdir()):
        lang = lang_dir.name
        if get_language(lang).missing_tools():
            print(f"  programs/{lang}: skipped (toolchain missing)")
            continue
        for f in sorted(lang_dir.glob("*.txt")):
            case = f.stem
            key = case.split(".")[0] if case.split(".")[0] in PROGRAM_PROBLEMS else "strlen"
            problem = case if lang == "c" else PROGRAM_PROBLEMS[key]  # C files are whole programs of their own
            named.append((f"programs/{lang}/{case}", Program(lang, hand_written_program(lang, case), problem=problem)))
    return named, []


def run_mode(mode: str, programs, canonical, workers: int):
    from lrcg.execution import run_with_time_budget

    isolation = "process" if mode == "process" else "warm"
    budget = "adaptive" if mode.endswith("adaptive") else "reference"
    start = time.perf_counter()
    outcomes = run_with_time_budget(programs, time_budget=budget, canonical=canonical, workers=workers,
                                    isolation=isolation, progress=False)
    return time.perf_counter() - start, outcomes


def bench_set(label: str, named, canonical, workers: int, modes) -> list[str]:
    from lrcg.execution import Program, run_programs, warm

    names, programs = [n for n, _ in named], [p for _, p in named]
    langs = sorted({p.language.name for p in programs})
    print(f"\n{label}: {len(programs)} programs ({len(set((p.language, p.source) for p in programs))} distinct), "
          f"languages {', '.join(langs)}, {len(canonical)} canonical solutions, {workers} workers")
    first = {}
    for p in programs:
        first.setdefault(p.language, p)
    run_programs([Program(p.language, p.source) for p in first.values()], workers=workers, progress=False)  # start workers
    results = {}
    for mode in modes:
        results[mode] = run_mode(mode, programs, canonical, workers)
    reference = results.get("process") or results[modes[0]]
    ref_seconds, ref_outcomes = reference
    print(f"{'mode':<14} {'wall s':>8} {'prog/s':>7} {'vs process':>10} {'vs warm':>8}  agreement with process mode")
    differing = []
    for mode, (seconds, outcomes) in results.items():
        same = sum(a.status == b.status for a, b in zip(outcomes, ref_outcomes))
        warm_s = results["warm"][0] if "warm" in results else float("nan")
        print(f"{mode:<14} {seconds:8.1f} {len(programs) / seconds:7.2f} {ref_seconds / seconds:9.1f}x "
              f"{warm_s / seconds:7.1f}x  {same}/{len(programs)} ({100 * same / len(programs):.2f}%)")
        for name, a, b in zip(names, outcomes, ref_outcomes):
            if a.status != b.status:
                differing.append(f"  {label} {mode}: {name}: {b.status} (process, limit {b.time_limit}) -> "
                                 f"{a.status} ({a.time_budget}, limit {a.time_limit}, {a.seconds:.2f} s)")
    if "warm+adaptive" in results:
        _, outcomes = results["warm+adaptive"]
        timeouts = [(p, o) for p, o in zip(programs, outcomes) if o.status == "Timeout"]
        cut = sum(o.time_limit < p.language.timeout for p, o in timeouts)
        print(f"  adaptive: {len(timeouts)} timeouts, {cut} of them judged under a limit below the reference's; "
              f"limits: {sorted({round(o.time_limit, 2) for _, o in timeouts})}")
    print("\n".join(differing) if differing else "  every verdict agrees with process mode")
    warm.shutdown()
    return differing


def main(argv: list[str] | None = None) -> int:
    shared = REPO.parent / "shared" / "data"  # as the Makefile and tests do
    if "LRCG_DATA_DIR" not in os.environ and shared.is_dir():
        os.environ["LRCG_DATA_DIR"] = str(shared)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", default=str(REPO / "runs" / "laptop" / "results.sqlite"),
                    help="results store whose executed programs to run (copied first; never opened in place)")
    ap.add_argument("--sets", default="store,programs", help="comma-separated: store, programs")
    ap.add_argument("--limit", type=int, default=None, help="at most N store programs per language")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--modes", default=",".join(MODES), help=f"comma-separated, of {', '.join(MODES)}")
    args = ap.parse_args(argv)
    modes = [m for m in args.modes.split(",") if m]
    for m in modes:
        if m not in MODES:
            from lrcg.errors import unknown_choice
            raise unknown_choice("mode", m, MODES)
    differing = []
    for name in [s for s in args.sets.split(",") if s]:
        if name == "store":
            if not Path(args.store).is_file():
                print(f"store: skipped ({args.store} does not exist; give --store)")
                continue
            named, canonical = store_programs(Path(args.store), args.limit)
        elif name == "programs":
            named, canonical = hand_written_programs()
        else:
            from lrcg.errors import unknown_choice
            raise unknown_choice("program set", name, ("store", "programs"))
        if named:
            differing += bench_set(name, named, canonical, args.workers, modes)
    print(f"\n{len(differing)} verdicts differ from process mode in all")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
