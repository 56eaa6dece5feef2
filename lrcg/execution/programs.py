"""What a program and its outcome are, and what both modes (process, warm) do to prepare one: write its
file, expand its command lines, give it an environment and limits, read back what it printed.

Process mode (`process`) and warm mode (`warm`) both import this module and not each other.
"""
from __future__ import annotations

import functools
import os
import shutil
import sys
from dataclasses import dataclass, replace
from typing import Sequence

from .. import config
from . import sandbox
from .languages import OK, Language, get_language, source_filename
from .sandbox import Limits

OUTPUT_KEPT = 2048  # characters of each stream kept in an Outcome
_JUDGE_WINDOW = 64 * 1024  # bytes of each stream (head and tail) the verdict is read from
REFERENCE_BUDGET = "reference"  # MultiPL-E's per-language limits (see lrcg.execution.budget for the others)


@dataclass(frozen=True)
class Outcome:
    status: str
    exit_code: int | None
    stdout: str
    stderr: str
    seconds: float  # wall time of every step (compile and run)
    run_seconds: float | None = None  # the run step alone (process mode; None when not measured apart)
    time_budget: str = REFERENCE_BUDGET  # the time-budget policy whose limit judged this outcome
    time_limit: float | None = None  # that limit: the run step's wall-time limit in seconds

    @property
    def passed(self) -> bool:
        return self.status == OK


@dataclass(frozen=True)
class Program:
    language: Language  # a name or alias is looked up once, here
    source: str
    timeout: float | None = None  # run-step timeout; None = the language's default
    problem: str | None = None  # what the adaptive time budget groups by (see budget.py); no effect otherwise

    def __post_init__(self):
        object.__setattr__(self, "language", get_language(self.language))

    @property
    def run_timeout(self) -> float:
        return float(self.timeout if self.timeout is not None else self.language.timeout)


@functools.lru_cache(maxsize=None)
def resolve_tool(name: str) -> str:
    """Absolute path of a toolchain executable; Python programs run with the interpreter running lrcg."""
    if name in ("python3", "python"):
        return sys.executable
    return shutil.which(name) or name


def expand_command(template: Sequence[str], mapping: dict[str, str]) -> list[str]:
    """A language's command template with the program's names filled in, its tool resolved to a path."""
    argv = [part.format(**mapping) for part in template]
    if sandbox.container_command():
        return argv  # host paths (this venv's python) mean nothing inside the user's container
    return [resolve_tool(argv[0])] + argv[1:]


def read_capped(path: str) -> tuple[str, str]:
    """(kept text, judged text) of a captured stream: the first OUTPUT_KEPT chars, and head+tail for the verdict."""
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as f:
            head = f.read(_JUDGE_WINDOW)
            tail = b""
            if size > 2 * _JUDGE_WINDOW:
                f.seek(size - _JUDGE_WINDOW)
                tail = f.read()
            elif size > _JUDGE_WINDOW:
                tail = f.read()
    except OSError:
        return "", ""
    text = (head + tail).decode("utf-8", errors="replace")
    return text[:OUTPUT_KEPT], text


def cache_env(lang: Language) -> dict[str, str]:
    """The language's shared build caches (`Language.cache_env`, e.g. Go's GOCACHE), created if need be."""
    env = {}
    for name, directory in lang.cache_env:
        path = config.cache_dir() / directory
        path.mkdir(parents=True, exist_ok=True)
        env[name] = str(path)
    return env


def language_env(lang: Language, workdir: str) -> tuple[dict[str, str], tuple[str, ...]]:
    """(scrubbed environment, extra writable paths) of a language's processes running in `workdir`."""
    caches = cache_env(lang)
    return sandbox.scrubbed_env(workdir, {**dict(lang.env), **caches}), tuple(caches.values())


def write_source(lang: Language, source: str, workdir: str) -> dict[str, str]:
    """Write the program where its language expects it; the names the command templates use."""
    filename = source_filename(lang, source)
    with open(os.path.join(workdir, filename), "w", encoding="utf-8", errors="surrogateescape") as f:
        f.write(source)
    stem = filename[: -len(lang.extension)]
    return {"file": filename, "stem": stem, "dir": workdir, "main_class": stem}  # Java: the file is its class


def cpu_seconds_for(timeout: float) -> int:
    """The CPU-time cap of a step with wall-time limit `timeout`: CPU time across threads (JIT, GC) can exceed
    wall time."""
    return int(timeout * 4) + 5


def limits_for(lang: Language, timeout: float, limits: Limits | None) -> Limits:
    """The limits of one step (compile or run) with wall-time limit `timeout`."""
    base = limits or Limits()
    cpu = max(cpu_seconds_for(timeout), base.cpu_seconds or 0)
    memory = base.memory_mb
    if memory and lang.memory_limit_mb:
        memory = min(memory, lang.memory_limit_mb)
    # memory_limit_mb=None: the runtime reserves huge virtual memory, so only a memory cgroup may cap it
    return replace(base, cpu_seconds=cpu, memory_mb=memory, address_space_cap=lang.memory_limit_mb is not None)
