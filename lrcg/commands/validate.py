"""`lrcg validate BENCHMARK`: canonical solutions must pass, trivial wrong bodies must fail."""
from __future__ import annotations


def run(args) -> int:
    from ..execution.validate import format_report, validate_benchmarks
    from .options import policy_from_args

    reports = validate_benchmarks(args.benchmark, [args.language] if args.language else None,
                                  policy=policy_from_args(args), limit=args.limit, problems=args.problem,
                                  progress=not args.no_progress)
    for report in reports:
        print(format_report(report))
    bad = sum(len(r.unexpected_failures) for r in reports)
    if bad:
        print(f"{bad} canonical solution(s) fail outside the known-broken list (lrcg/data/known_broken.csv)")
    return 1 if bad else 0


def register(sub) -> None:
    from .options import add_policy_arguments

    p = sub.add_parser("validate", help="check a benchmark's tests with its canonical solutions and wrong bodies",
                       description=__doc__)
    p.add_argument("benchmark", help="humaneval, humaneval-x, humanevalpack or humaneval-c")
    p.add_argument("--language", help="one language (default: all of the benchmark's)")
    p.add_argument("--limit", type=int, default=None, help="only the first N problems")
    p.add_argument("--problem", action="append", default=None, metavar="TASK_ID",
                   help="only this problem (repeatable; with one --language)")
    add_policy_arguments(p)
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=run)
