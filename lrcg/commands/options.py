"""Options several commands share."""
from __future__ import annotations


def add_policy_arguments(parser) -> None:
    """--isolation, --time-budget and --workers: how every command that runs programs runs and judges them
    (`execution.judge.ExecutionPolicy`)."""
    from ..execution.budget import TIME_BUDGETS
    from ..execution.programs import REFERENCE_BUDGET
    from ..execution.run import ISOLATION_MODES

    parser.add_argument("--isolation", choices=ISOLATION_MODES, default="warm",
                        help="execution mode: warm (default: long-lived workers, falling back to process mode) "
                             "or process (the reference)")
    parser.add_argument("--time-budget", choices=TIME_BUDGETS, default=REFERENCE_BUDGET,
                        help="run-step time limits: reference (default: MultiPL-E's per-language limits) or "
                             "adaptive (a factor of what a passing program of the problem needs, with a floor; "
                             "see lrcg.execution.budget)")
    parser.add_argument("--workers", type=int, default=None, help="parallel programs (default: CPU count)")


def policy_from_args(args):
    from ..execution.judge import ExecutionPolicy

    return ExecutionPolicy(isolation=args.isolation, time_budget=args.time_budget, workers=args.workers)
