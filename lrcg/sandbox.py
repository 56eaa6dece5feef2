"""Isolation for untrusted programs: one function turns an argv into a contained one.

With bubblewrap (`bwrap`): read-only root, private /tmp, a tmpfs over $HOME (secrets such as
~/.cache/huggingface/token are not visible), no network, own PID namespace (killing the sandbox kills
every process inside it), a new session. Without it, a clear warning and plain processes in their own
process group. Resource limits come from util-linux `prlimit` (exec-based, so safe from threads).
"""
from __future__ import annotations

import functools
import logging
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("lrcg.sandbox")

# Environment variables a program may see; everything else (HF_TOKEN, AWS_*, ...) is dropped.
PASSED_ENV = ("PATH", "LANG", "LC_ALL", "TERM", "TZ")


@dataclass(frozen=True)
class Limits:
    cpu_seconds: int | None = 60
    memory_mb: int | None = 4096  # address space; None = uncapped (runtimes that reserve huge VM)
    file_size_mb: int = 64  # also caps captured stdout/stderr, which go to files
    processes: int = 256
    open_files: int = 256


@functools.lru_cache(maxsize=1)
def bwrap_available() -> bool:
    """True when bubblewrap exists and can create the namespaces we ask for (root in a container can)."""
    exe = shutil.which("bwrap")
    if not exe:
        return False
    try:
        r = subprocess.run([exe, "--ro-bind", "/", "/", "--dev", "/dev", "--unshare-all", "--die-with-parent", "true"],
                           capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return False
    return r.returncode == 0


@functools.lru_cache(maxsize=1)
def warn_if_unisolated() -> bool:
    if not bwrap_available():
        log.warning("bubblewrap (bwrap) is unavailable: programs run without network/filesystem isolation "
                    "(apt-get install bubblewrap); resource limits and process-group kill still apply")
        return False
    return True


def isolation_summary() -> str:
    if bwrap_available():
        return "bubblewrap: read-only root, private /tmp and $HOME, no network, own PID namespace"
    return "OFF (bwrap unavailable: apt-get install bubblewrap) — only rlimits and process-group kill"


def prlimit_prefix(limits: Limits) -> list[str]:
    exe = shutil.which("prlimit")
    if not exe:
        return []
    args = [exe, f"--fsize={limits.file_size_mb * 1024 * 1024}", f"--nofile={limits.open_files}",
            f"--nproc={limits.processes}", "--core=0"]
    if limits.cpu_seconds:
        args.append(f"--cpu={limits.cpu_seconds}")
    if limits.memory_mb:
        args.append(f"--as={limits.memory_mb * 1024 * 1024}")
    return args + ["--"]


def _home_binds(paths: list[str]) -> list[str]:
    """Re-expose read-only the top-level $HOME folders that hold a toolchain (e.g. ~/.pyenv)."""
    home = os.path.realpath(os.path.expanduser("~"))
    binds: list[str] = []
    for p in paths:
        real = os.path.realpath(p)
        if real.startswith(home + os.sep):
            top = os.path.join(home, Path(real).relative_to(home).parts[0])
            if top not in binds:
                binds.append(top)
    return [a for b in binds for a in ("--ro-bind", b, b)]


def contain(argv: list[str], workdir: str, limits: Limits, *, writable: tuple[str, ...] = (),
            tool_paths: tuple[str, ...] = ()) -> list[str]:
    """The argv that runs `argv` in `workdir` under the limits, inside bwrap where available."""
    inner = prlimit_prefix(limits) + argv
    if not warn_if_unisolated():
        return inner
    home = os.path.expanduser("~")
    args = ["bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"]
    if home not in ("/", "") and os.path.isdir(home):
        args += ["--tmpfs", home] + _home_binds(list(tool_paths))
    args += ["--bind", workdir, workdir]
    for w in writable:
        args += ["--bind", w, w]
    args += ["--chdir", workdir, "--unshare-all", "--die-with-parent", "--new-session"]
    return args + inner


def scrubbed_env(workdir: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: os.environ[k] for k in PASSED_ENV if k in os.environ}
    env.setdefault("PATH", "/usr/local/bin:/usr/bin:/bin")
    env.setdefault("LANG", "C.UTF-8")
    env.update(HOME=workdir, TMPDIR="/tmp" if bwrap_available() else workdir)
    env.update(extra or {})
    return env
