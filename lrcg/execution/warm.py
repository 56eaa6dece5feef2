"""Warm mode: long-lived contained workers per language run many programs, each in a fresh context.

A worker is started exactly like a process-mode program (``sandbox.contain``: bwrap, prlimit, scrubbed
environment) with one scratch directory; each program gets a fresh subdirectory of it. The worker
reads one JSON request per line on stdin and answers one JSON line on stdout (see
``workers/py_forkserver.py``); the program's stdout/stderr go to files in its directory, which are judged
by ``languages.judge`` exactly as in process mode. The worker sources live in ``workers/``.

Safety net: a worker that dies, stops answering (timeout + grace), or answers garbage is killed, and the
program is re-run in process mode, so its verdict is the reference verdict.
"""
from __future__ import annotations

import atexit
import functools
import hashlib
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from .. import config
from . import sandbox
from .languages import JAVATUPLES_JAR, Language, judge
from .precompiled_headers import compile_command, readable_paths
from .programs import (Outcome, cache_env, expand_command, language_env, limits_for, read_capped, resolve_tool,
                       write_source)
from .sandbox import Limits

WORKERS_DIR = Path(__file__).resolve().parent / "workers"
GRACE_SECONDS = 10.0  # beyond the program's own timeouts before a silent worker counts as hung
PROGRAMS_PER_WORKER = 2000  # recycle a worker after this many programs (bounds slow leaks)


@dataclass(frozen=True)
class WorkerReply:
    exit_code: int | None
    timed_out: bool
    compile_failed: bool


class WorkerFailed(Exception):
    """The worker crashed, hung or answered garbage; the caller re-runs the program in process mode."""


def _copied(name: str, own: str) -> str:
    return shutil.copy(WORKERS_DIR / name, own)


def _java_worker(own: str) -> list[str]:
    for cls in _java_worker_classes().glob("*.class"):
        shutil.copy(cls, own)
    return ["java", "-Djava.security.manager=allow", "-Xss8m", "-Xmx2g", "-XX:+UseSerialGC",
            "-cp", f"{own}:{JAVATUPLES_JAR}", "JavaWorker"]


# `Language.warm_worker` -> the worker's argv, given its own directory (where its program file is copied).
WORKERS = {
    "forkserver": lambda own: [sys.executable, "-u", _copied("py_forkserver.py", own)],
    "node": lambda own: ["node", _copied("node_worker.js", own)],
    "racket": lambda own: ["racket", _copied("racket_worker.rkt", own)],
    "r": lambda own: ["Rscript", "--vanilla", _copied("r_worker.R", own)],
    "java": _java_worker,
}


def _worker_argv(lang: Language, root: str) -> list[str]:
    """The argv of a language's worker. Its program file is copied into the worker's own directory, which
    is visible inside the sandbox wherever lrcg is installed (the sandbox hides $HOME)."""
    own = os.path.join(root, ".lrcg-worker")
    os.mkdir(own)
    return WORKERS[lang.warm_worker](own)


def _in_worker_env(lang: Language) -> dict[str, str]:
    """What a worker needs to run the language itself (`Language.in_worker`): the fork server imports
    Python's modules once or embeds liblua; the node worker compiles TypeScript with tsc's own package."""
    if lang.in_worker == "python":
        return {"LRCG_WARM_PYTHON": "1"}
    if lang.in_worker == "lua":
        return {"LRCG_LUA_LIBRARY": lua_library()}
    if lang.in_worker == "typescript":
        return {"LRCG_TYPESCRIPT": _typescript_module()}
    return {}


def _java_worker_classes() -> Path:
    """JavaWorker.java compiled once into the cache (recompiled when the source changes)."""
    source = WORKERS_DIR / "JavaWorker.java"
    out = config.cache_dir() / "java-worker" / hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    if not (out / "JavaWorker.class").exists():
        tmp = Path(tempfile.mkdtemp(dir=config.cache_dir()))
        subprocess.run([resolve_tool("javac"), "-nowarn", "-d", str(tmp), str(source)], check=True,
                       capture_output=True, timeout=300)
        out.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.rename(tmp, out)
        except OSError:  # another process got there first
            shutil.rmtree(tmp, ignore_errors=True)
    return out


@dataclass(eq=False)  # identity-hashed: kept in sets
class _Worker:
    lang: Language
    limits_key: tuple
    proc: subprocess.Popen
    root: str
    cgroup: sandbox.Cgroup | None = None  # the worker's process cap; every process in it dies with the worker
    served: int = 0
    _buffer: bytes = b""
    _counter: int = 0

    def new_dir(self) -> str:
        self._counter += 1
        path = os.path.join(self.root, f"p{self._counter}-{os.urandom(4).hex()}")
        os.mkdir(path)
        return path

    def alive(self) -> bool:
        return self.proc.poll() is None

    def request(self, payload: dict, deadline_s: float) -> WorkerReply:
        payload = dict(payload, id=os.urandom(8).hex())  # echoed: a program printing a fake reply is caught
        try:
            self.proc.stdin.write((json.dumps(payload) + "\n").encode())
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError, ValueError) as e:
            raise WorkerFailed(f"cannot write to worker: {e}") from e
        line = self._read_line(time.monotonic() + deadline_s)
        try:
            data = json.loads(line)
            if data.get("id") != payload["id"]:
                raise ValueError("reply for another request")
            if data.get("crashed"):
                raise WorkerFailed(f"the program crashed the worker's context: {data.get('crashed')}")
            reply = WorkerReply(data["exit_code"], bool(data["timed_out"]), bool(data.get("compile_failed", False)))
        except (ValueError, KeyError, TypeError) as e:
            raise WorkerFailed(f"garbled reply {line[:200]!r}") from e
        if reply.exit_code is not None and not isinstance(reply.exit_code, int):
            raise WorkerFailed(f"bad exit code {reply.exit_code!r}")
        self.served += 1
        return reply

    def _read_line(self, deadline: float) -> str:
        fd = self.proc.stdout.fileno()
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise WorkerFailed("worker did not answer in time")
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                raise WorkerFailed(f"worker exited (code {self.proc.poll()})")
            self._buffer += chunk
            if len(self._buffer) > 1 << 20:
                raise WorkerFailed("worker flooded the protocol channel")
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line.decode("utf-8", errors="replace")

    def close(self) -> None:
        try:
            os.killpg(self.proc.pid, 9)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.proc.kill()
        except ProcessLookupError:
            pass
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                stream.close()
            except OSError:
                pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        if self.cgroup is not None:
            sandbox.kill_cgroup(self.cgroup)
            sandbox.remove_cgroup(self.cgroup)
        shutil.rmtree(self.root, ignore_errors=True)


_idle: dict[tuple, list[_Worker]] = {}
_all: set = set()
_lock = threading.Lock()
# bwrap's --die-with-parent (PR_SET_PDEATHSIG) fires when the *thread* that started it ends, not the process:
# a worker started from one of run_programs' pool threads died with that call, so every call paid the
# workers' start-up again (0.5 s for Racket; the JVM's warm-up for Java). Workers start from this thread,
# which lives as long as lrcg does.
_spawner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lrcg-warm-spawner")


def _start_worker(lang: Language, limits: Limits, limits_key: tuple) -> _Worker:
    root = tempfile.mkdtemp(prefix=f"lrcg-warm-{lang.name}-")
    cgroup = None
    try:
        argv = _worker_argv(lang, root)
        argv = [resolve_tool(argv[0])] + argv[1:]
        env, writable = language_env(lang, root)
        if sandbox.bwrap_available():
            env["LRCG_WARM_PIDNS"] = "1"
        env.update(_in_worker_env(lang))
        tools = tuple(resolve_tool(t) for t in lang.tools)
        # One cgroup for the worker and all its programs, with a program's process and memory caps: without it
        # a fork bomb is bounded by nothing (RLIMIT_NPROC does not hold for root), nor is memory a program takes
        # outside its runtime's heap (node's Buffers). A program that makes the kernel kill the worker instead
        # of itself is re-run in process mode, under the caps exactly.
        cgroup = None if sandbox.container_command() else sandbox.create_cgroup(limits, "warm")
        full = sandbox.contain(argv, root, limits, writable=writable, readable=readable_paths(lang),
                               tool_paths=(argv[0],) + tools, cgroup=cgroup)
        try:
            started = _spawner.submit(subprocess.Popen, full, cwd=root, env=env, stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True,
                                      close_fds=True)
        except RuntimeError as e:  # the interpreter is exiting (Ctrl-C): no new workers, process mode instead
            raise WorkerFailed(f"no new worker: {e}") from e
        worker = _Worker(lang, limits_key, started.result(), root, cgroup)
    except BaseException:
        if cgroup is not None:
            sandbox.remove_cgroup(cgroup)
        shutil.rmtree(root, ignore_errors=True)
        raise
    with _lock:
        _all.add(worker)
    return worker


def _acquire(lang: Language, limits: Limits) -> _Worker:
    key = (lang.name, limits)
    with _lock:
        pool = _idle.setdefault(key, [])
        while pool:
            worker = pool.pop()
            if worker.alive():
                return worker
            _discard_locked(worker)
    return _start_worker(lang, limits, key)


def _release(worker: _Worker) -> None:
    if worker.served >= PROGRAMS_PER_WORKER or not worker.alive():
        _discard(worker)
        return
    with _lock:
        _idle.setdefault(worker.limits_key, []).append(worker)


def _discard_locked(worker: _Worker) -> None:
    _all.discard(worker)
    worker.close()


def _discard(worker: _Worker) -> None:
    with _lock:
        _all.discard(worker)
    worker.close()


def shutdown() -> None:
    """Kill every warm worker (also runs at interpreter exit)."""
    with _lock:
        workers = list(_all)
        _all.clear()
        _idle.clear()
    for w in workers:
        w.close()


atexit.register(shutdown)


def run_warm(lang: Language, source: str, run_timeout: float, limits: Limits):
    """Run one program in a warm worker. Returns (reply, dir) — the caller judges and removes `dir` —
    or raises WorkerFailed after killing the worker (the caller then falls back to process mode)."""
    run_limits = limits_for(lang, run_timeout, limits)
    compile_limits = limits_for(lang, lang.compile_timeout, limits)
    # The worker lives long, so it has no CPU-time cap; each program's steps get theirs in the worker.
    worker = _acquire(lang, replace(run_limits, cpu_seconds=None))
    workdir = worker.new_dir()
    try:
        mapping = write_source(lang, source, workdir)
        env = sandbox.scrubbed_env(workdir, {**dict(lang.env), **cache_env(lang)})
        payload = {
            "language": lang.name, "dir": workdir, "file": mapping["file"], "stem": mapping["stem"],
            "main_class": mapping["main_class"],
            "timeout": run_timeout, "compile_timeout": lang.compile_timeout, "env": env,
            "cpu_seconds": run_limits.cpu_seconds, "compile_cpu_seconds": compile_limits.cpu_seconds,
            "compile": compile_command(lang, expand_command(lang.compile, mapping), source) if lang.compile else None,
            "run": "python" if lang.in_worker == "python" else expand_command(lang.run, mapping),
        }
        deadline = run_timeout + (lang.compile_timeout if lang.compile else 0.0) + GRACE_SECONDS
        reply = worker.request(payload, deadline)
        if reply.timed_out and lang.confirm_timeouts_in_process:
            raise WorkerFailed("timed out in the worker: confirmed in process mode")
    except BaseException:
        _discard(worker)
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    _clean_root(worker.root, keep=os.path.basename(workdir))
    _release(worker)
    return reply, workdir


def run_in_warm_worker(lang: Language, source: str, run_timeout: float, limits: Limits | None) -> Outcome | None:
    """Run and judge one program in a warm worker; None when the worker failed (the caller falls back to
    process mode)."""
    start = time.perf_counter()
    try:
        reply, workdir = run_warm(lang, source, run_timeout, limits or Limits())
    except WorkerFailed:
        return None
    try:
        out, out_full = read_capped(os.path.join(workdir, ".lrcg-stdout"))
        err, err_full = read_capped(os.path.join(workdir, ".lrcg-stderr"))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    status = judge(lang, timed_out=reply.timed_out, compile_failed=reply.compile_failed,
                   exit_code=reply.exit_code, stdout=out_full, stderr=err_full)
    return Outcome(status, reply.exit_code, out, err, time.perf_counter() - start)


def _clean_root(root: str, keep: str) -> None:
    """Remove what a program left in the worker's own directory (in-process workers run with it as the
    working directory, so relative paths land there), keeping the worker's files and the program's."""
    for entry in os.listdir(root):
        if entry in (keep, ".lrcg-worker"):
            continue
        path = os.path.join(root, entry)
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            try:
                os.unlink(path)
            except OSError:
                pass


def _typescript_module() -> str:
    """The typescript package `tsc` belongs to (tsc is <pkg>/bin/tsc), so both modes use one compiler."""
    return str(Path(os.path.realpath(resolve_tool("tsc"))).parent.parent)


@functools.cache
def lua_library() -> str:
    """Debian's liblua5.4 (package liblua5.4-0), which the fork server embeds; "" where it is missing."""
    import ctypes.util

    return ctypes.util.find_library("lua5.4") or ""

