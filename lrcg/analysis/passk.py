"""pass@k with the unbiased estimator of Chen et al. (2021), in its numerically stable form."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

import numpy as np


def pass_at_k(n: int, c: int, k: int) -> float:
    """Probability that at least one of k samples drawn from n (c of them correct) is correct.

    1 - C(n-c, k) / C(n, k), computed as 1 - prod_{i=n-c+1}^{n} (1 - k/i) to avoid huge binomials.
    """
    if not (0 <= c <= n) or k < 1:
        raise ValueError(f"pass_at_k needs 0 <= c <= n and k >= 1 (got n={n}, c={c}, k={k})")
    if k > n:
        raise ValueError(f"pass_at_k needs k <= n (got n={n}, k={k})")
    if n - c < k:
        return 1.0
    return float(1.0 - np.prod(1.0 - k / np.arange(n - c + 1, n + 1)))


def mean_pass_at_k(counts: Iterable[tuple[int, int]], k: int) -> float:
    """pass@k averaged over problems, from (n, c) per problem."""
    values = [pass_at_k(n, c, k) for n, c in counts]
    if not values:
        raise ValueError("mean_pass_at_k needs at least one problem")
    return float(np.mean(values))


@dataclass(frozen=True)
class PassSummary:
    """pass@1 over judged samples, and what judged them (what `evaluate`, `execute` and the tables report)."""
    problems: int  # problems with at least one judged sample
    executed: int
    passed: int
    pass_at_1: float  # mean over those problems; nan when none
    statuses: dict = field(default_factory=dict)  # status -> samples
    time_budget: str = ""  # the time-budget policies that judged them, "+"-joined

    @classmethod
    def of(cls, judged: Iterable[tuple[str, str, str]]) -> "PassSummary":
        """From (problem, status, time budget) of every judged sample, counted passed by the one pass rule
        (`execution.judge.passed`)."""
        from ..execution.judge import passed

        per_problem: dict[str, list[bool]] = {}
        statuses: Counter = Counter()
        budgets = set()
        for problem, status, budget in judged:
            per_problem.setdefault(problem, []).append(passed(status))
            statuses[status] += 1
            budgets.add(budget)
        scores = [pass_at_k(len(v), sum(v), 1) for v in per_problem.values()]
        return cls(problems=len(per_problem), executed=sum(len(v) for v in per_problem.values()),
                   passed=sum(sum(v) for v in per_problem.values()),
                   pass_at_1=float(np.mean(scores)) if scores else float("nan"),
                   statuses=dict(sorted(statuses.items())), time_budget="+".join(sorted(budgets)))
