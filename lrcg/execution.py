"""Run programs and judge them: `run_program` for one, `run_programs` for a batch.

Process mode (`isolation="process"`) is the reference: every program gets a fresh temporary
directory and fresh processes, contained by `lrcg.sandbox`, its whole process tree SIGKILLed on
timeout. Statuses follow MultiPL-E (see `lrcg.languages.judge`).
"""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, replace
from typing import Iterable, Sequence

from . import config, sandbox
from .errors import unknown_choice
from .languages import OK, Language, get_language, java_main_class, judge, source_filename
from .sandbox import Limits

OUTPUT_KEPT = 2048  # characters of each stream kept in an Outcome
_JUDGE_WINDOW = 64 * 1024  # bytes of each stream (head and tail) the verdict is read from
ISOLATION_MODES = ("warm", "process")  # warm: lrcg.warm workers; process: the reference


@dataclass(frozen=True)
class Outcome:
    status: str
    exit_code: int | None
    stdout: str
    stderr: str
    seconds: float  # wall time of every step (compile and run)
    run_seconds: float | None = None  # the run step alone (process mode; None when not measured apart)

    @property
    def passed(self) -> bool:
        return self.status == OK


@dataclass(frozen=True)
class Program:
    language: str
    source: str
    timeout: float | None = None  # run-step timeout; None = the language's default


@functools.lru_cache(maxsize=None)
def resolve_tool(name: str) -> str:
    """Absolute path of a toolchain executable; Python programs run with the interpreter running lrcg."""
    if name in ("python3", "python"):
        return sys.executable
    return shutil.which(name) or name


def _expand(template: Sequence[str], mapping: dict[str, str]) -> list[str]:
    argv = [part.format(**mapping) for part in template]
    if sandbox.container_command():
        return argv  # host paths (this venv's python) mean nothing inside the user's container
    return [resolve_tool(argv[0])] + argv[1:]


def _read_capped(path: str) -> tuple[str, str]:
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


@dataclass(frozen=True)
class _Step:
    """One contained command (a compile or a run step)."""
    exit_code: int | None  # None when it timed out
    stdout: str  # kept (OUTPUT_KEPT characters)
    stderr: str
    stdout_full: str  # what the verdict is read from
    stderr_full: str
    timed_out: bool
    over_disk_limit: bool
    seconds: float


def run_contained(argv: list[str], workdir: str, timeout: float, env: dict[str, str], limits: Limits,
                  writable: tuple[str, ...] = ()) -> _Step:
    """Run one command contained."""
    out_path, err_path = os.path.join(workdir, ".lrcg-stdout"), os.path.join(workdir, ".lrcg-stderr")
    start = time.perf_counter()
    with sandbox.contained(argv, workdir, limits, writable=writable, tool_paths=(argv[0],)) as box, \
            open(out_path, "wb") as out, open(err_path, "wb") as err:
        proc = subprocess.Popen(box.argv, cwd=workdir, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                start_new_session=True, close_fds=True)
        timed_out = sandbox.wait(proc, timeout, box)  # kills the whole tree, also after a normal exit
    seconds = time.perf_counter() - start
    stdout, stdout_full = _read_capped(out_path)
    stderr, stderr_full = _read_capped(err_path)
    note = sandbox.describe_events(box)  # e.g. "[lrcg] killed: memory limit (4096 MB) exceeded"
    return _Step(None if timed_out else proc.returncode, stdout, stderr + note, stdout_full, stderr_full + note,
                 timed_out, "disk" in box.events, seconds)


def _language_env(lang: Language, workdir: str) -> tuple[dict[str, str], tuple[str, ...]]:
    extra = dict(lang.env)
    writable: tuple[str, ...] = ()
    if lang.name == "go":
        gocache = config.cache_dir() / "go-build"
        gocache.mkdir(parents=True, exist_ok=True)
        extra["GOCACHE"] = str(gocache)
        writable = (str(gocache),)
    return sandbox.scrubbed_env(workdir, extra), writable


def write_source(lang: Language, source: str, workdir: str) -> dict[str, str]:
    """Write the program where its language expects it; the names the command templates use."""
    filename = source_filename(lang, source)
    with open(os.path.join(workdir, filename), "w", encoding="utf-8", errors="surrogateescape") as f:
        f.write(source)
    stem = filename[: -len(lang.extension)]
    return {"file": filename, "stem": stem, "dir": workdir,
            "main_class": java_main_class(source) if lang.name == "java" else stem}


def _limits_for(lang: Language, timeout: float, limits: Limits | None) -> Limits:
    base = limits or Limits()
    cpu = max(int(timeout * 4) + 5, base.cpu_seconds or 0)  # CPU time across threads (JIT, GC) can exceed wall time
    memory = base.memory_mb
    if memory and lang.memory_limit_mb:
        memory = min(memory, lang.memory_limit_mb)
    # memory_limit_mb=None: the runtime reserves huge virtual memory, so only a memory cgroup may cap it
    return replace(base, cpu_seconds=cpu, memory_mb=memory, address_space_cap=lang.memory_limit_mb is not None)


def run_program(language: str | Language, source: str, timeout: float | None = None, *,
                isolation: str = "warm", limits: Limits | None = None) -> Outcome:
    """Write `source` to a fresh directory, compile it if the language compiles, run it, judge it."""
    lang = get_language(language)
    if isolation not in ISOLATION_MODES:
        raise unknown_choice("isolation mode", isolation, ISOLATION_MODES)
    lang.check_toolchain()
    run_timeout = float(timeout if timeout is not None else lang.timeout)
    if isolation == "warm":
        outcome = _run_warm(lang, source, run_timeout, limits)
        if outcome is not None:
            return outcome
    workdir = tempfile.mkdtemp(prefix=f"lrcg-{lang.name}-")
    try:
        mapping = write_source(lang, source, workdir)
        env, writable = _language_env(lang, workdir)
        total = 0.0
        if lang.compile:
            step = run_contained(_expand(lang.compile, mapping), workdir, lang.compile_timeout, env,
                                 _limits_for(lang, lang.compile_timeout, limits), writable)
            total += step.seconds
            if step.timed_out or step.exit_code != 0 or step.over_disk_limit:
                return Outcome(_judge_step(lang, step, compile_failed=True), step.exit_code, step.stdout,
                               step.stderr, total)
        step = run_contained(_expand(lang.run, mapping), workdir, run_timeout, env,
                             _limits_for(lang, run_timeout, limits), writable)
        total += step.seconds
        return Outcome(_judge_step(lang, step, compile_failed=False), step.exit_code, step.stdout, step.stderr, total,
                       step.seconds)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _judge_step(lang: Language, step: _Step, *, compile_failed: bool) -> str:
    return judge(lang, timed_out=step.timed_out, compile_failed=compile_failed, exit_code=step.exit_code,
                 stdout=step.stdout_full, stderr=step.stderr_full, over_disk_limit=step.over_disk_limit)


def _run_warm(lang: Language, source: str, run_timeout: float, limits: Limits | None) -> Outcome | None:
    """Run in a warm worker (lrcg.warm); None when the worker failed (the caller falls back to process mode)."""
    from . import warm

    start = time.perf_counter()
    try:
        reply, workdir = warm.run_warm(lang, source, run_timeout, limits or Limits())
    except warm.WorkerFailed:
        return None
    try:
        out, out_full = _read_capped(os.path.join(workdir, ".lrcg-stdout"))
        err, err_full = _read_capped(os.path.join(workdir, ".lrcg-stderr"))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    status = judge(lang, timed_out=reply.timed_out, compile_failed=reply.compile_failed,
                   exit_code=reply.exit_code, stdout=out_full, stderr=err_full)
    return Outcome(status, reply.exit_code, out, err, time.perf_counter() - start)


def default_workers() -> int:
    return os.cpu_count() or 1


def run_programs(programs: Iterable[Program], *, workers: int | None = None, isolation: str = "warm",
                 limits: Limits | None = None, progress: bool = True, desc: str = "executing") -> list[Outcome]:
    """Run many programs over one global work queue; identical programs run once. Results in input order."""
    programs = list(programs)
    for lang in {get_language(p.language) for p in programs}:
        lang.check_toolchain()
    unique: dict[tuple[str, str, float | None], int] = {}
    order: list[tuple[str, str, float | None]] = []
    for p in programs:
        key = (get_language(p.language).name, p.source, p.timeout)
        if key not in unique:
            unique[key] = len(order)
            order.append(key)
    # Longest-running languages first keeps the tail of the queue short.
    schedule = sorted(range(len(order)), key=lambda i: -get_language(order[i][0]).timeouts)
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
    return [results[unique[(get_language(p.language).name, p.source, p.timeout)]] for p in programs]  # type: ignore[misc]
