"""Ctrl-C (SIGINT) on `lrcg evaluate`: it stops cleanly — exit 130, a message saying how to resume, no worker
or program process left, every stored row kept — and running the same command again finishes the job with
exactly the rows of an uninterrupted run."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from conftest import needs_toolchain, surviving_processes
from fixtures_models import tiny_llama  # noqa: F401  (pytest fixture)
from lrcg.cli import main

LANGS = "py,r"


def evaluate_args(model, store, limit=3):
    return ["evaluate", "--model", str(model), "--languages", LANGS, "--limit", str(limit), "--max-new-tokens",
            "24", "--batch-size", "1", "--store", str(store), "--no-progress", "--workers", "2"]


def counts(store) -> tuple[int, int]:
    con = sqlite3.connect(store, timeout=30)
    try:
        return (con.execute("SELECT COUNT(*) FROM generations").fetchone()[0],
                con.execute("SELECT COUNT(*) FROM outcomes").fetchone()[0])
    finally:
        con.close()


def rows(store) -> list[tuple]:
    con = sqlite3.connect(store, timeout=30)
    try:
        return sorted(con.execute(
            "SELECT g.language, g.problem, g.sample, g.settings_hash, g.completion, o.status FROM generations g "
            "LEFT JOIN outcomes o ON o.generation_id = g.id").fetchall())
    finally:
        con.close()


def default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGINT])


def interrupt_when(cmd, store, env, condition, timeout=240.0, seen: list | None = None) -> tuple[int, str]:
    """Start `cmd`, send SIGINT once `condition(generations, outcomes)` holds; (exit code, stderr). `seen` gets
    what the wait saw (the counts at each poll where they changed, the seconds waited, whether it signalled), so a
    run that finished unsignalled says why."""
    seen = [] if seen is None else seen
    started = time.monotonic()
    # its own process group, signalled as a whole: what a terminal's Ctrl-C does; started with SIGINT at its
    # default and unblocked, as a shell starts a command, since both an ignored disposition and a blocked mask
    # survive exec (an ignored SIGINT gets no KeyboardInterrupt handler; a blocked one is never delivered, and the
    # run finishes with exit 0), and the test process's own state is not lrcg's
    seen.append(f"SIGINT in the test process: {signal.getsignal(signal.SIGINT)}, "
                f"blocked: {signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, [])}")
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, preexec_fn=default_sigint)
    deadline = time.monotonic() + timeout
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            try:
                now = counts(store) if store.exists() else None
                if now is not None and (not isinstance(seen[-1], tuple) or seen[-1] != now):
                    seen.append(now)
                if now is not None and condition(*now):
                    os.killpg(proc.pid, signal.SIGINT)
                    seen.append("SIGINT")
                    break
            except sqlite3.OperationalError:
                pass  # schema not created yet
            time.sleep(0.02)
        seen.append(f"{time.monotonic() - started:.1f} s")
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return proc.returncode, err


@pytest.mark.slow
def test_ctrl_c_stops_cleanly_and_the_same_command_resumes(tiny_llama, tmp_path):
    for lang in LANGS.split(","):
        needs_toolchain(lang)
    reference, store = tmp_path / "reference.sqlite", tmp_path / "interrupted.sqlite"
    assert main(evaluate_args(tiny_llama, reference)) == 0
    expected = rows(reference)
    assert len(expected) == 6

    marker = tmp_path / "lrcg-interrupt-tmp"  # every program and warm-worker directory of the child lands here
    marker.mkdir()
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "TMPDIR": str(marker)}
    cmd = [sys.executable, "-m", "lrcg", *evaluate_args(tiny_llama, store)]
    interrupted, waits = [], []
    # during generation, then during execution (the second run resumes the first)
    for condition in (lambda g, o: g >= 2, lambda g, o: o >= 1):
        before = counts(store) if store.exists() else (0, 0)
        seen = []
        code, err = interrupt_when(cmd, store, env, condition, seen=seen)
        waits.append(seen)
        if code == 0:
            continue  # it finished its slice before the signal: nothing to check for this point
        interrupted.append(code)
        assert code == 130, err[-2000:]
        assert "Traceback" not in err, err[-2000:]
        assert "run the same command again to resume" in err, err[-2000:]
        after = counts(store)
        assert after[0] >= before[0] and after[1] >= before[1]  # nothing stored was lost
        time.sleep(0.3)
        assert surviving_processes(str(marker)) == []
        assert [p for p in marker.rglob("*") if not p.is_dir()] == []
    assert interrupted, f"neither SIGINT arrived before the run finished; (generations, outcomes) seen: {waits}"
    print(f"interrupted {len(interrupted)} of 2 times")
    assert main(evaluate_args(tiny_llama, store)) == 0
    assert rows(store) == expected
