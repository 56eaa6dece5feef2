"""The one judge: programs + an execution policy -> outcomes, and the one pass rule.

`lrcg evaluate`, `lrcg execute` and `lrcg validate` all run their programs through `judge_programs` and
count a sample as passed by `passed` (MultiPL-E's rule: status OK; `languages.judge` gives OK only to a
program that exited 0). The pass@1 summary over judged samples is `analysis.passk.PassSummary`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from ..errors import LrcgError, unknown_choice
from .budget import TIME_BUDGETS, run_with_time_budget
from .languages import OK
from .programs import REFERENCE_BUDGET, Outcome, Program
from .run import ISOLATION_MODES


@dataclass(frozen=True)
class ExecutionPolicy:
    """How programs are run and judged: the isolation mode (`run.ISOLATION_MODES`; process is the reference),
    the time budget (`budget.TIME_BUDGETS`) and the parallel programs (None: the CPU count)."""
    isolation: str = "warm"
    time_budget: str = REFERENCE_BUDGET
    workers: int | None = None

    def __post_init__(self):
        if self.isolation not in ISOLATION_MODES:
            raise unknown_choice("isolation mode", self.isolation, ISOLATION_MODES)
        if self.time_budget not in TIME_BUDGETS:
            raise unknown_choice("time budget", self.time_budget, TIME_BUDGETS)
        if self.workers is not None and (not isinstance(self.workers, int) or self.workers < 1):
            raise LrcgError(f"workers must be a whole number >= 1, not {self.workers!r}")

    @property
    def judges_together(self) -> bool:
        """Whether a verdict depends on the other programs judged with it (an adaptive budget learns each
        problem's pace from them), so a language's programs must be judged in one call."""
        return self.time_budget != REFERENCE_BUDGET


def passed(status: str | None) -> bool:
    """The pass rule: the program ran to the end of its tests with status OK."""
    return status == OK


def judge_programs(programs: Iterable[Program], policy: ExecutionPolicy = ExecutionPolicy(), *,
                   canonical: Sequence[Program] = (), progress: bool = True,
                   desc: str = "executing") -> list[Outcome]:
    """Run and judge `programs` under `policy`; results in input order. `canonical`: programs known to be
    correct, with `problem` set (the adaptive budget's evidence; unused by the reference budget)."""
    return run_with_time_budget(programs, time_budget=policy.time_budget, canonical=canonical,
                                workers=policy.workers, isolation=policy.isolation, progress=progress, desc=desc)
