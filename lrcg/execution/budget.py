"""Time budgets: which run-step time limit judges a program.

`reference` (the default) is MultiPL-E's per-language limit (`Language.timeout`, or `Program.timeout`):
`run_programs` as it is. `adaptive` bounds a program by what its problem needs, evalplus style: the limit
is `max(floor, factor × T)` (never above the reference limit), where T is the measured time of a program
known to pass the same problem in the same language. Real model outputs that loop until the limit set the
pace of a run (15 s each under MultiPL-E's limits); most of them are cut after `floor` seconds here.

How the verdicts stay independent of scheduling order (every pass completes before anything is decided
from it, so which program happened to run first never matters):

1. Canonical solutions, where the benchmark has them (HumanEval-X, HumanEval-C; `canonical=`), run at the
   reference limit. A passing one's time is its problem's T.
2. The probe: every program runs with the limit `min(reference, floor)`; every other limit (CPU time,
   memory, processes) stays the reference's, the CPU-time cap included. A program that ends within the
   probe gets the verdict it would get under the reference limit, so it is final.
3. Only the probe's timeouts are left. For each, T is the canonical time of its problem; else the slowest
   passing probe run of the same problem and language; else the slowest passing run of the language
   (HumanEval-sized problems of a language need about the same; its start-up dominates); else there is no
   evidence and the budget is the reference limit. Times are whole-program wall times (a warm run's
   includes its compile step), which over-estimate T and so err towards a longer budget.
4. Budget `B = min(reference, max(floor, factor × T))`. If B is not above the probe limit the probe's
   Timeout is final (a genuine timeout over the budget); otherwise the program runs again with limit B and
   that verdict is final.

So a program the reference passes fails here only by running longer than its budget; the benchmark
`benchmarks/bench_time_budget.py` lists every program whose verdict differs from the reference's. Each
outcome records its policy (`Outcome.time_budget`) and the limit that judged it (`Outcome.time_limit`).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable, Sequence

from ..errors import unknown_choice
from .languages import OK, TIMEOUT
from .programs import REFERENCE_BUDGET, Outcome, Program, cpu_seconds_for
from .run import run_programs
from .sandbox import Limits

ADAPTIVE_BUDGET = "adaptive"
TIME_BUDGETS = (REFERENCE_BUDGET, ADAPTIVE_BUDGET)


@dataclass(frozen=True)
class AdaptiveBudget:
    floor: float = 3.0  # seconds: the probe's limit and the least budget
    factor: float = 4.0  # budget = factor × the time a passing program of the problem took


def check_time_budget(name: str) -> str:
    if name not in TIME_BUDGETS:
        raise unknown_choice("time budget", name, TIME_BUDGETS)
    return name


def _reference_limit(p: Program) -> float:
    return p.run_timeout


def _group(p: Program) -> tuple[str, str | None]:
    return p.language.name, p.problem


def _run_at(programs: list[Program], limits_of: list[float], *, limits: Limits | None, **run_kwargs) -> list[Outcome]:
    """Run `programs[i]` with run-step limit `limits_of[i]` and the reference's CPU-time cap."""
    by_cap: dict[int, list[int]] = {}
    for i, p in enumerate(programs):
        by_cap.setdefault(cpu_seconds_for(_reference_limit(p)), []).append(i)
    outcomes: list[Outcome | None] = [None] * len(programs)
    base = limits or Limits()
    for cap, indices in sorted(by_cap.items()):
        capped = replace(base, cpu_seconds=max(cap, base.cpu_seconds or 0))
        batch = [replace(programs[i], timeout=limits_of[i]) for i in indices]
        for i, o in zip(indices, run_programs(batch, limits=capped, **run_kwargs)):
            outcomes[i] = replace(o, time_budget=ADAPTIVE_BUDGET, time_limit=limits_of[i])
    return outcomes  # type: ignore[return-value]


def run_with_time_budget(programs: Iterable[Program], *, time_budget: str = REFERENCE_BUDGET,
                         canonical: Sequence[Program] = (), adaptive: AdaptiveBudget = AdaptiveBudget(),
                         workers: int | None = None, isolation: str = "warm", limits: Limits | None = None,
                         progress: bool = True, desc: str = "executing") -> list[Outcome]:
    """`run_programs` under a time budget (see the module docstring). Results in input order.

    `canonical`: programs known to be correct (canonical solutions), with `problem` set; adaptive only."""
    check_time_budget(time_budget)
    programs = list(programs)
    run_kwargs = {"workers": workers, "isolation": isolation, "progress": progress}
    if time_budget == REFERENCE_BUDGET:
        return run_programs(programs, limits=limits, desc=desc, **run_kwargs)

    evidence: dict[tuple[str, str | None], float] = {}  # (language, problem) -> T
    if canonical:
        canonical = list(canonical)
        ref = run_programs(canonical, limits=limits, desc=f"{desc} (canonical solutions)", **run_kwargs)
        for p, o in zip(canonical, ref):
            if o.status == OK:
                evidence[_group(p)] = max(evidence.get(_group(p), 0.0), o.seconds)

    probe_limits = [min(_reference_limit(p), adaptive.floor) for p in programs]
    outcomes = _run_at(programs, probe_limits, limits=limits, desc=f"{desc} (probe)", **run_kwargs)
    problem_times: dict[tuple[str, str | None], float] = {}
    language_times: dict[str, float] = {}
    for p, o in zip(programs, outcomes):
        if o.status == OK:
            lang, problem = _group(p)
            problem_times[(lang, problem)] = max(problem_times.get((lang, problem), 0.0), o.seconds)
            language_times[lang] = max(language_times.get(lang, 0.0), o.seconds)
    for lang, seconds in [(k[0], v) for k, v in evidence.items()]:
        language_times[lang] = max(language_times.get(lang, 0.0), seconds)

    again, again_limits = [], []
    for i, (p, o) in enumerate(zip(programs, outcomes)):
        if o.status != TIMEOUT:
            continue
        lang, problem = _group(p)
        measured = evidence.get((lang, problem), problem_times.get((lang, problem), language_times.get(lang)))
        reference = _reference_limit(p)
        budget = reference if measured is None else min(reference, max(adaptive.floor, adaptive.factor * measured))
        if budget > probe_limits[i]:
            again.append(i)
            again_limits.append(budget)
    if again:
        rerun = _run_at([programs[i] for i in again], again_limits, limits=limits, desc=f"{desc} (over the probe)",
                        **run_kwargs)
        for i, o in zip(again, rerun):
            outcomes[i] = o
    return outcomes
