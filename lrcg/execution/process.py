"""Process mode, the reference: every program gets a fresh temporary directory and fresh processes,
contained by `sandbox`, its whole process tree SIGKILLed on timeout. Statuses follow MultiPL-E (see
`languages.judge`).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass

from . import sandbox
from .languages import Language, judge
from .precompiled_headers import compile_command, readable_paths
from .programs import Outcome, expand_command, language_env, limits_for, read_capped, write_source
from .sandbox import Limits


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
                  writable: tuple[str, ...] = (), readable: tuple[str, ...] = ()) -> _Step:
    """Run one command contained."""
    out_path, err_path = os.path.join(workdir, ".lrcg-stdout"), os.path.join(workdir, ".lrcg-stderr")
    start = time.perf_counter()
    with sandbox.contained(argv, workdir, limits, writable=writable, readable=readable,
                           tool_paths=(argv[0],)) as box, \
            open(out_path, "wb") as out, open(err_path, "wb") as err:
        proc = subprocess.Popen(box.argv, cwd=workdir, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                start_new_session=True, close_fds=True)
        timed_out = sandbox.wait(proc, timeout, box)  # kills the whole tree, also after a normal exit
    seconds = time.perf_counter() - start
    stdout, stdout_full = read_capped(out_path)
    stderr, stderr_full = read_capped(err_path)
    note = sandbox.describe_events(box)  # e.g. "[lrcg] killed: memory limit (4096 MB) exceeded"
    return _Step(None if timed_out else proc.returncode, stdout, stderr + note, stdout_full, stderr_full + note,
                 timed_out, "disk" in box.events, seconds)


def run_in_process(lang: Language, source: str, run_timeout: float, limits: Limits | None) -> Outcome:
    """Write `source` to a fresh directory, compile it if the language compiles, run it, judge it."""
    workdir = tempfile.mkdtemp(prefix=f"lrcg-{lang.name}-")
    try:
        mapping = write_source(lang, source, workdir)
        env, writable = language_env(lang, workdir)
        total = 0.0
        if lang.compile:
            argv = compile_command(lang, expand_command(lang.compile, mapping), source)
            step = run_contained(argv, workdir, lang.compile_timeout, env,
                                 limits_for(lang, lang.compile_timeout, limits), writable, readable_paths(lang))
            total += step.seconds
            if step.timed_out or step.exit_code != 0 or step.over_disk_limit:
                return Outcome(_judge_step(lang, step, compile_failed=True), step.exit_code, step.stdout,
                               step.stderr, total)
        step = run_contained(expand_command(lang.run, mapping), workdir, run_timeout, env,
                             limits_for(lang, run_timeout, limits), writable)
        total += step.seconds
        return Outcome(_judge_step(lang, step, compile_failed=False), step.exit_code, step.stdout, step.stderr, total,
                       step.seconds)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _judge_step(lang: Language, step: _Step, *, compile_failed: bool) -> str:
    return judge(lang, timed_out=step.timed_out, compile_failed=compile_failed, exit_code=step.exit_code,
                 stdout=step.stdout_full, stderr=step.stderr_full, over_disk_limit=step.over_disk_limit)
