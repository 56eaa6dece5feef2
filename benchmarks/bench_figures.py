"""Wall time of `make figures` for the paper profile (target: < 60 s on 2 cores) and of `import lrcg`.

    .venv/bin/python benchmarks/bench_figures.py [--repeat 3] [--jobs 3]

`make figures` is timed as `lrcg reproduce --profile paper` in a fresh process writing to a temporary folder
(five papermill kernels, `--jobs` at a time); `import lrcg` as a fresh interpreter importing the package and
the modules notebooks use first (minus the interpreter's own start-up), and it must not import torch.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
IMPORTS = ("import lrcg, lrcg.cli, lrcg.params, lrcg.analysis.published, lrcg.analysis.stats, lrcg.analysis.sources, "
           "lrcg.reproduce")


def _seconds(cmd: list[str], env=None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def import_seconds(repeat: int) -> tuple[float, list[str]]:
    base = statistics.median(_seconds([sys.executable, "-c", "pass"]) for _ in range(repeat))
    full = statistics.median(_seconds([sys.executable, "-c", IMPORTS]) for _ in range(repeat))
    heavy = subprocess.run([sys.executable, "-c", IMPORTS + "; import sys; print(' '.join(m for m in "
                            "('torch', 'transformers', 'matplotlib', 'papermill') if m in sys.modules))"],
                           capture_output=True, text=True, check=True, cwd=REPO).stdout.split()
    return max(full - base, 0.0), heavy


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def figures_seconds(repeat: int, jobs: int) -> list[tuple[float, float]]:
    """(wall s, CPU s of the whole process tree) per run; CPU time is what a busy machine cannot inflate."""
    lrcg = str(Path(sys.executable).with_name("lrcg"))
    times = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            cpu = _cpu()
            wall = _seconds([lrcg, "reproduce", "--profile", "paper", "--output-dir", tmp, "--jobs", str(jobs)],
                            env=dict(os.environ, MPLBACKEND="Agg"))
            times.append((wall, _cpu() - cpu))
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=3)
    args = parser.parse_args(argv)
    seconds, heavy = import_seconds(max(3, args.repeat))
    print(f"import lrcg (+ params, published, stats, sources, reproduce): {seconds * 1000:.0f} ms; "
          f"heavy modules imported: {', '.join(heavy) or 'none'}")
    times = figures_seconds(args.repeat, args.jobs)
    best = min(wall for wall, _ in times)
    load = os.getloadavg()[0]
    print(f"make figures (paper profile, {args.jobs} jobs, {os.cpu_count()} cores, load {load:.1f}): wall "
          f"{', '.join(f'{w:.1f}' for w, _ in times)} s, CPU {', '.join(f'{c:.1f}' for _, c in times)} s "
          f"(best wall {best:.1f} s; target < 60 s: {'ok' if best < 60 else 'MISSED'})")
    if heavy:
        print(f"FAIL: import lrcg pulled in {', '.join(heavy)}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
