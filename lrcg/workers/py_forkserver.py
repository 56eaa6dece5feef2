"""lrcg warm worker: a fork server. Runs inside the same containment as a process-mode program.

Protocol (one JSON object per line): requests on stdin, replies on stdout.
  request: {"dir", "file", "timeout", "compile_timeout", "compile": argv|null, "run": argv|"python", "env": {...}}
  reply:   {"exit_code": int|null, "timed_out": bool, "compile_failed": bool}
Every step runs in a forked child with its own session, working directory and stdout/stderr files
(`<dir>/.lrcg-stdout`, `.lrcg-stderr`). Python programs run in the forked child itself (no exec), so
the interpreter start-up and the imports below are paid once. Nothing a child does reaches the server:
it has its own copy of the interpreter, and its process group is killed after every step.
"""
import json
import os
import select
import shutil
import signal
import sys
import time

# Modules HumanEval-style programs import, imported once so that forked children find them loaded.
# (Not `random`: a forked child would inherit the server's random state.)
PRELOAD = ("math", "re", "collections", "itertools", "functools", "typing", "heapq", "string", "hashlib",
           "bisect", "fractions", "decimal", "statistics", "copy", "traceback", "runpy", "operator", "json")
for _name in PRELOAD:
    try:
        __import__(_name)
    except ImportError:
        pass

import runpy  # noqa: E402
import traceback  # noqa: E402

IN_PID_NAMESPACE = os.environ.pop("LRCG_WARM_PIDNS", "") == "1"
PROTOCOL_OUT = os.fdopen(os.dup(1), "w", buffering=1)
os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # nothing but replies on the protocol channel


def _redirect(workdir):
    os.setsid()
    os.chdir(workdir)
    null = os.open(os.devnull, os.O_RDONLY)
    out = os.open(os.path.join(workdir, ".lrcg-stdout"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    err = os.open(os.path.join(workdir, ".lrcg-stderr"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(null, 0)
    os.dup2(out, 1)
    os.dup2(err, 2)
    for fd in (null, out, err):
        os.close(fd)
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _run_python(path):
    """What `python3 path` does, in this already-started interpreter; never returns."""
    code = 0
    sys.argv = [path]
    sys.path[0] = os.path.dirname(path)
    try:
        runpy.run_path(path, run_name="__main__")
    except SystemExit as e:
        if e.code is None:
            code = 0
        elif isinstance(e.code, int):
            code = e.code & 0xFF
        else:
            print(e.code, file=sys.stderr)
            code = 1
    except BaseException:
        traceback.print_exc()
        code = 1
    try:
        import atexit
        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:
        pass
    os._exit(code)


def _wait(pid, timeout):
    """(exit_code, timed_out) of a child, SIGKILLing its process group after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    fd = os.pidfd_open(pid) if hasattr(os, "pidfd_open") else None
    try:
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                code = os.waitstatus_to_exitcode(status)
                return (code if code >= 0 else 128 - code), False  # killed by signal N: 128+N, as a shell says
            left = deadline - time.monotonic()
            if left <= 0:
                _killpg(pid)
                os.waitpid(pid, 0)
                return None, True
            if fd is not None:
                select.select([fd], [], [], left)
            else:
                time.sleep(min(left, 0.002))
    finally:
        if fd is not None:
            os.close(fd)
        _killpg(pid)


def _killpg(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _sweep():
    """Inside our own PID namespace: kill every process but us and our ancestors (escaped daemons)."""
    if not IN_PID_NAMESPACE:
        return
    keep = {os.getpid(), os.getppid(), 1}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) not in keep:
            try:
                os.kill(int(entry), signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
    try:
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass
    except ChildProcessError:
        pass
    for entry in os.listdir("/tmp"):  # a private tmpfs inside the sandbox: nothing carries over
        path = os.path.join("/tmp", entry)
        if os.path.ismount(path) or os.getcwd().startswith(path + "/") or os.getcwd() == path:
            continue  # our own directory (and any other bind mount) is not the private /tmp's
        try:
            shutil.rmtree(path) if os.path.isdir(path) and not os.path.islink(path) else os.unlink(path)
        except OSError:
            pass


def _step(req, argv, timeout, cpu_seconds):
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        try:
            _redirect(req["dir"])
            if cpu_seconds:
                import resource
                resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
            if argv == "python":
                _run_python(os.path.join(req["dir"], req["file"]))
            os.execvpe(argv[0], argv, req["env"])
        except BaseException:
            traceback.print_exc()
        os._exit(127)
    return _wait(pid, timeout)


def serve():
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        reply = {"id": req.get("id"), "exit_code": None, "timed_out": False, "compile_failed": False}
        if req.get("compile"):
            code, timed_out = _step(req, req["compile"], req["compile_timeout"], req.get("compile_cpu_seconds"))
            if timed_out or code != 0:
                reply.update(exit_code=code, timed_out=timed_out, compile_failed=True)
        if not reply["compile_failed"]:
            code, timed_out = _step(req, req["run"], req["timeout"], req.get("cpu_seconds"))
            reply.update(exit_code=code, timed_out=timed_out)
        _sweep()
        PROTOCOL_OUT.write(json.dumps(reply) + "\n")


if __name__ == "__main__":
    serve()
