"""`run_program` for one program, `run_programs` for a batch: pick the mode, run each distinct program once.

`isolation="process"` (`process`) is the reference; `isolation="warm"` (`warm`, the default) runs programs
in long-lived workers and falls back to process mode whenever a worker fails, so its verdicts are the
reference's.
"""
from __future__ import annotations

import os
from dataclasses import replace
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import Iterable

from ..errors import unknown_choice
from .languages import Language, get_language
from .process import run_in_process
from .programs import Outcome, Program
from .sandbox import Limits
from .warm import run_in_warm_worker

ISOLATION_MODES = ("warm", "process")  # warm: lrcg.execution.warm workers; process: the reference


def run_program(language: str | Language, source: str, timeout: float | None = None, *,
                isolation: str = "warm", limits: Limits | None = None) -> Outcome:
    """Write `source` to a fresh directory, compile it if the language compiles, run it, judge it."""
    lang = get_language(language)
    if isolation not in ISOLATION_MODES:
        raise unknown_choice("isolation mode", isolation, ISOLATION_MODES)
    lang.check_toolchain()
    run_timeout = float(timeout if timeout is not None else lang.timeout)
    outcome = run_in_warm_worker(lang, source, run_timeout, limits) if isolation == "warm" else None
    if outcome is None:  # process mode, or a warm worker failed
        outcome = run_in_process(lang, source, run_timeout, limits)
    return replace(outcome, time_limit=run_timeout)


def default_workers() -> int:
    return os.cpu_count() or 1


def run_programs(programs: Iterable[Program], *, workers: int | None = None, isolation: str = "warm",
                 limits: Limits | None = None, progress: bool = True, desc: str = "executing") -> list[Outcome]:
    """Run many programs over one global work queue; identical programs run once. Results in input order."""
    programs = list(programs)
    for lang in {p.language for p in programs}:
        lang.check_toolchain()
    unique: dict[tuple[Language, str, float | None], int] = {}
    order: list[tuple[Language, str, float | None]] = []
    for p in programs:
        key = (p.language, p.source, p.timeout)
        if key not in unique:
            unique[key] = len(order)
            order.append(key)
    # Longest-running languages first keeps the tail of the queue short.
    schedule = sorted(range(len(order)), key=lambda i: -order[i][0].timeouts)
    results: list[Outcome | None] = [None] * len(order)

    def work(i: int) -> None:
        lang, source, timeout = order[i]
        results[i] = run_program(lang, source, timeout, isolation=isolation, limits=limits)

    bar = None
    if progress:
        from tqdm.auto import tqdm
        bar = tqdm(total=len(order), desc=desc, unit="prog", leave=False)
    try:
        with ThreadPoolExecutor(max_workers=workers or default_workers()) as pool:
            for future in as_completed([pool.submit(work, i) for i in schedule]):
                future.result()
                if bar is not None:
                    bar.update(1)
    finally:
        if bar is not None:
            bar.close()
    return [results[unique[(p.language, p.source, p.timeout)]] for p in programs]  # type: ignore[misc]
