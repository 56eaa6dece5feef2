"""Execution speed: the HumanEval-X canonical solutions of each language, run in process mode.

Prints, per language, the wall time of the batch, programs per second over the whole batch (with
`--workers` parallel programs), and the median / 90th-percentile wall time of one program (compile + run,
including sandbox start-up): the per-program overhead a user pays on top of the program's own work.
Usage: python benchmarks/bench_execution.py [--limit 40] [--workers N] [--languages py,js,cpp,java,go]
       [--isolation process|warm]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=40, help="problems per language (0 = all 164)")
    parser.add_argument("--workers", type=int, default=None, help="parallel programs (default: CPU count)")
    parser.add_argument("--languages", default="py,js,cpp,java,go")
    parser.add_argument("--isolation", default="process", choices=("process", "warm"))
    args = parser.parse_args(argv)
    os.environ.setdefault("LRCG_DATA_DIR", str((REPO.parent / "shared" / "data").resolve()))

    from lrcg.benchmarks import build_program, load_benchmark
    from lrcg.execution import Program, default_workers, run_programs
    from lrcg.execution.languages import parse_languages

    workers = args.workers or default_workers()
    print(f"HumanEval-X canonical solutions, {args.isolation} mode, {workers} workers, "
          f"{os.cpu_count()} CPUs, limit {args.limit or 'all'}")
    print(f"{'language':<9} {'programs':>8} {'wall s':>8} {'prog/s':>8} {'median s':>9} {'p90 s':>7} {'passed':>7}")
    for lang in parse_languages(args.languages):
        problems = load_benchmark("humaneval-x", lang.name, limit=args.limit or None)
        programs = [Program(lang.name, build_program(p, p.canonical_solution)) for p in problems]
        run_programs(programs[:1], workers=1, progress=False, isolation=args.isolation)  # warm caches (Go build cache)
        start = time.perf_counter()
        outcomes = run_programs(programs, workers=workers, progress=False, isolation=args.isolation)
        wall = time.perf_counter() - start
        seconds = sorted(o.seconds for o in outcomes)
        p90 = seconds[min(len(seconds) - 1, int(0.9 * len(seconds)))]
        print(f"{lang.name:<9} {len(programs):>8} {wall:>8.1f} {len(programs) / wall:>8.2f} "
              f"{statistics.median(seconds):>9.3f} {p90:>7.3f} {sum(o.passed for o in outcomes):>7}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
