"""`make bench`: run every benchmark script in this folder and print its numbers.

Each `bench_*.py` defines `main(argv=None)` and runs with its defaults; `make bench BENCH=warm` (or
`python benchmarks/run_all.py warm execution`) runs only the named ones. A failing script is reported
and the others still run.
"""
from __future__ import annotations

import importlib.util
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    only = [a for a in argv if not a.startswith("-")]
    failed = []
    for script in sorted(HERE.glob("bench_*.py")):
        if only and script.stem not in only and script.stem.removeprefix("bench_") not in only:
            continue
        print(f"\n=== {script.stem} ===", flush=True)
        spec = importlib.util.spec_from_file_location(script.stem, script)
        module = importlib.util.module_from_spec(spec)
        start = time.perf_counter()
        try:
            spec.loader.exec_module(module)
            module.main([])
        except SystemExit as e:
            if e.code not in (0, None):
                failed.append(script.stem)
        except Exception:
            traceback.print_exc()
            failed.append(script.stem)
        print(f"--- {script.stem}: {time.perf_counter() - start:.1f} s", flush=True)
    if failed:
        print(f"\nbenchmarks that failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
