"""The execution engine: run programs in many languages, contained, and judge them as MultiPL-E does.

  languages.py    the languages table (file names, compile and run commands, limits) and the judge
  sandbox.py      containment: bwrap, prlimit, cgroups, a scrubbed environment
  programs.py     Program and Outcome, and what both modes do to prepare a program
  process.py      process mode, the reference: fresh directory and processes per program
  warm.py         warm mode: long-lived contained workers per language (sources in workers/)
  run.py          run_program / run_programs: pick the mode, run each distinct program once
  precompiled_headers.py  C++ harness includes compiled once, used by both modes' compile steps
  budget.py       time-budget policies: MultiPL-E's limits (the reference) or adaptive limits
  judge.py        the one judge: programs + ExecutionPolicy (isolation, time budget, workers) -> outcomes,
                  and the one pass rule (`passed`) that evaluate, execute and validate share
  validate.py     `lrcg validate`: canonical solutions pass, trivial wrong bodies fail
  multiple_io.py  MultiPL-E's completion and result files
"""
from __future__ import annotations

from .budget import ADAPTIVE_BUDGET, TIME_BUDGETS, AdaptiveBudget, run_with_time_budget
from .programs import OUTPUT_KEPT, REFERENCE_BUDGET, Outcome, Program, resolve_tool
from .run import ISOLATION_MODES, default_workers, run_program, run_programs

__all__ = ["ADAPTIVE_BUDGET", "ISOLATION_MODES", "OUTPUT_KEPT", "REFERENCE_BUDGET", "TIME_BUDGETS", "AdaptiveBudget",
           "Outcome", "Program", "default_workers", "resolve_tool", "run_program", "run_programs",
           "run_with_time_budget"]
