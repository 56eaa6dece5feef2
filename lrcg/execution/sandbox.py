"""Isolation for untrusted programs: one function turns an argv into a contained one.

Layers, each used where the machine allows it (`lrcg doctor` says which are on):
- bubblewrap (`bwrap`): read-only root, a size-capped private /tmp, a tmpfs over $HOME (secrets such as
  ~/.cache/huggingface/token are not visible), no network (new network namespace), own PID namespace
  (killing the sandbox kills every process inside it), a new session, an unprivileged uid with no
  capabilities.
- cgroups (v1 here, v2 where delegated): a per-run `pids` cgroup caps processes+threads (RLIMIT_NPROC is
  not enforced for root) and a `memory` cgroup caps resident memory of the whole tree (works for JVM, Go and
  node, where an address-space cap breaks the runtime). After the run every process left in the cgroup is
  SIGKILLed, even ones that escaped the process group.
- util-linux `prlimit` (exec-based, so safe from threads): CPU time, file size (also caps captured
  output), open files, no core dumps, and the address-space cap where no memory cgroup is available.
- `wait`: the wall-clock timeout and a cap on the bytes written into the work directory.
- `LRCG_CONTAINER`: a user-supplied container command that prefixes every program (see docs/containment.md).
Without bwrap: a clear warning and plain processes in their own process group.
"""
from __future__ import annotations

import contextlib
import functools
import logging
import os
import shlex
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ..errors import LrcgError

log = logging.getLogger(__name__)

# Environment variables a program may see; everything else (HF_TOKEN, AWS_*, ...) is dropped.
PASSED_ENV = ("PATH", "LANG", "LC_ALL", "TERM", "TZ")
CONTAINER_ENV = "LRCG_CONTAINER"
SANDBOX_UID = 65534  # "nobody" inside the user namespace
CGROUP_ROOT = "/sys/fs/cgroup"


@dataclass(frozen=True)
class Limits:
    cpu_seconds: int | None = 60
    memory_mb: int | None = 4096  # resident memory of the whole tree (cgroup), else address space; None = uncapped
    file_size_mb: int = 64  # also caps captured stdout/stderr, which go to files
    processes: int = 256  # processes + threads of the whole tree
    open_files: int = 256
    disk_mb: int = 256  # bytes written into the work directory, all files together
    tmp_mb: int = 64  # size of the private /tmp (bwrap)
    # False for runtimes that reserve huge virtual memory (JVM, Go, node): then only a memory cgroup caps them.
    address_space_cap: bool = True


# ----------------------------------------------------------------------------------------------- bwrap

@functools.lru_cache(maxsize=1)
def bwrap_available() -> bool:
    """True when bubblewrap exists and can create the namespaces we ask for (root in a container can)."""
    exe = shutil.which("bwrap")
    if not exe:
        return False
    try:
        r = subprocess.run([exe, "--ro-bind", "/", "/", "--dev", "/dev", "--unshare-all", "--die-with-parent",
                            "--uid", str(SANDBOX_UID), "--gid", str(SANDBOX_UID), "--cap-drop", "ALL", "true"],
                           capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return False
    return r.returncode == 0


@functools.lru_cache(maxsize=1)
def warn_if_unisolated() -> bool:
    if container_command():
        return False
    if not bwrap_available():
        log.warning("bubblewrap (bwrap) is unavailable: programs run WITHOUT network/filesystem isolation "
                    "(apt-get install bubblewrap); resource limits and process-group kill still apply")
        return False
    return True


def network_isolated() -> bool:
    """Whether programs run without network (bwrap's network namespace); a container command is trusted."""
    return bool(container_command()) or bwrap_available()


# --------------------------------------------------------------------------------------------- cgroups

@dataclass(frozen=True)
class Cgroup:
    """One run's cgroup directories (one per controller); `procs` files list every process in the run."""
    dirs: tuple[str, ...]
    memory_dir: str | None = None
    pids_dir: str | None = None

    @property
    def procs_files(self) -> tuple[str, ...]:
        return tuple(os.path.join(d, "cgroup.procs") for d in self.dirs)


def _own_cgroup_dirs() -> dict[str, str]:
    """controller -> the directory of this process's cgroup for it ('unified' for cgroup v2)."""
    found: dict[str, str] = {}
    try:
        lines = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return found
    for line in lines:
        _, controllers, path = line.split(":", 2)
        for ctl in controllers.split(",") if controllers else ["unified"]:
            base = os.path.join(CGROUP_ROOT, ctl) if ctl != "unified" else CGROUP_ROOT
            if ctl == "unified" and not os.path.exists(os.path.join(CGROUP_ROOT, "cgroup.controllers")):
                continue
            found[ctl] = base + path.rstrip("/")
    return found


def _try_child(parent: str, files: tuple[str, ...]) -> bool:
    probe = os.path.join(parent, f"lrcg-probe-{os.getpid()}")
    try:
        os.mkdir(probe)
    except OSError:
        return False
    try:
        return all(os.access(os.path.join(probe, f), os.W_OK) for f in files)
    finally:
        with contextlib.suppress(OSError):
            os.rmdir(probe)


@functools.lru_cache(maxsize=1)
def cgroup_parents() -> dict[str, str]:
    """Where per-run cgroups can be created: {'memory': dir, 'pids': dir} (v1) or {'v2': dir}; {} if nowhere."""
    if os.environ.get("LRCG_NO_CGROUPS") == "1":
        return {}
    own = _own_cgroup_dirs()
    parents: dict[str, str] = {}
    if "pids" in own and _try_child(own["pids"], ("pids.max", "cgroup.procs")):
        parents["pids"] = own["pids"]
    if "memory" in own and _try_child(own["memory"], ("memory.limit_in_bytes", "cgroup.procs")):
        parents["memory"] = own["memory"]
    if not parents and "unified" in own and _try_child(own["unified"], ("memory.max", "pids.max", "cgroup.procs")):
        parents["v2"] = own["unified"]
    for parent in parents.values():
        _remove_stale(parent)
    return parents


def _remove_stale(parent: str) -> None:
    """Remove the empty cgroups (lrcg-PID-KIND-ID) of lrcg processes killed before they could clean up."""
    with contextlib.suppress(OSError):
        for name in os.listdir(parent):
            parts = name.split("-")
            if len(parts) == 4 and parts[0] == "lrcg" and parts[1].isdigit() and not os.path.exists(f"/proc/{parts[1]}"):
                with contextlib.suppress(OSError):
                    os.rmdir(os.path.join(parent, name))  # fails, harmlessly, while processes remain in it


def _write(path: str, value: str) -> None:
    with open(path, "w") as f:
        f.write(value)


def create_cgroup(limits: Limits, kind: str = "run") -> Cgroup | None:
    """A fresh cgroup with the process and memory caps, or None where cgroups are not writable. `kind` names
    what it holds: "run" (one program's run) or "warm" (a warm worker and the programs it runs)."""
    parents = cgroup_parents()
    if not parents:
        return None
    name = f"lrcg-{os.getpid()}-{kind}-{os.urandom(6).hex()}"
    dirs: list[str] = []
    memory_dir = pids_dir = None
    try:
        for ctl, parent in parents.items():
            d = os.path.join(parent, name)
            os.mkdir(d)
            dirs.append(d)
            if ctl in ("pids", "v2"):
                _write(os.path.join(d, "pids.max"), str(limits.processes))
                pids_dir = d
            if ctl in ("memory", "v2") and limits.memory_mb:
                cap = str(limits.memory_mb * 1024 * 1024)
                if ctl == "v2":
                    _write(os.path.join(d, "memory.max"), cap)
                    with contextlib.suppress(OSError):
                        _write(os.path.join(d, "memory.swap.max"), "0")
                else:
                    _write(os.path.join(d, "memory.limit_in_bytes"), cap)
                    with contextlib.suppress(OSError):  # only where swap accounting is on
                        _write(os.path.join(d, "memory.memsw.limit_in_bytes"), cap)
                memory_dir = d
    except OSError as e:
        log.warning("cannot set up a cgroup (%s); falling back to rlimits", e)
        remove_cgroup(Cgroup(tuple(dirs)))
        return None
    return Cgroup(tuple(dirs), memory_dir, pids_dir)


def cgroup_pids(cgroup: Cgroup) -> set[int]:
    pids: set[int] = set()
    for procs in cgroup.procs_files:
        with contextlib.suppress(OSError, ValueError):
            pids.update(int(p) for p in Path(procs).read_text().split())
    return pids


def kill_cgroup(cgroup: Cgroup, patience: float = 5.0) -> bool:
    """SIGKILL every process in the cgroup until it is empty (a fork bomb is bounded by pids.max)."""
    deadline = time.monotonic() + patience
    while True:
        pids = cgroup_pids(cgroup)
        if not pids:
            return True
        for pid in pids:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        if time.monotonic() > deadline:
            log.warning("processes %s survive in cgroup %s", sorted(pids), cgroup.dirs)
            return False
        time.sleep(0.01)


def remove_cgroup(cgroup: Cgroup) -> None:
    for d in cgroup.dirs:
        for _ in range(50):  # rmdir fails (EBUSY) for a moment after the last process is reaped
            try:
                os.rmdir(d)
                break
            except FileNotFoundError:
                break
            except OSError:
                time.sleep(0.02)


def cgroup_events(cgroup: Cgroup | None) -> list[str]:
    """Which cgroup limits were hit during the run: 'memory', 'processes'."""
    if cgroup is None:
        return []
    hit = []
    if cgroup.memory_dir:
        for name, key in (("memory.oom_control", "oom_kill"), ("memory.events", "oom_kill")):
            with contextlib.suppress(OSError, ValueError):
                for line in Path(cgroup.memory_dir, name).read_text().splitlines():
                    k, _, v = line.partition(" ")
                    if k == key and int(v) > 0:
                        hit.append("memory")
    if cgroup.pids_dir:
        with contextlib.suppress(OSError, ValueError):
            for line in Path(cgroup.pids_dir, "pids.events").read_text().splitlines():
                k, _, v = line.partition(" ")
                if k == "max" and int(v) > 0:
                    hit.append("processes")
    return hit


_ENTER_CGROUP = 'while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift; exec "$@"'


# ------------------------------------------------------------------------------------------- container

def container_command(workdir: str = "{dir}") -> list[str]:
    """The user's container prefix from LRCG_CONTAINER, with {dir} replaced by the work directory."""
    text = os.environ.get(CONTAINER_ENV, "").strip()
    if not text:
        return []
    try:
        parts = shlex.split(text)
    except ValueError as e:
        raise LrcgError(f"{CONTAINER_ENV}={text!r} is not a valid command line: {e}") from None
    return [p.replace("{dir}", workdir) for p in parts]


# ------------------------------------------------------------------------------------------- assembly

def isolation_summary() -> str:
    parts = []
    if container_command():
        parts.append(f"container command ({CONTAINER_ENV}={os.environ[CONTAINER_ENV]!r}): network and filesystem "
                     "isolation are the container's")
    elif bwrap_available():
        parts.append("bubblewrap: read-only root, private /tmp and $HOME, no network, own PID namespace, "
                     "unprivileged uid")
    else:
        parts.append("network isolation OFF, filesystem isolation OFF (bwrap unavailable: apt-get install "
                     "bubblewrap)")
    parents = cgroup_parents()
    if parents:
        parts.append(f"cgroups: {', '.join(sorted(parents))} (process and memory caps for the whole tree)")
    else:
        parts.append("cgroups not writable: memory capped by address space (not for JVM/Go/node), process cap "
                     "only for non-root users")
    return "; ".join(parts)


def prlimit_prefix(limits: Limits, *, memory_cgroup: bool = False) -> list[str]:
    exe = shutil.which("prlimit")
    if not exe:
        return []
    args = [exe, f"--fsize={limits.file_size_mb * 1024 * 1024}", f"--nofile={limits.open_files}",
            f"--nproc={limits.processes}", "--core=0"]
    if limits.cpu_seconds:
        args.append(f"--cpu={limits.cpu_seconds}")
    if limits.memory_mb and limits.address_space_cap and not memory_cgroup:
        args.append(f"--as={limits.memory_mb * 1024 * 1024}")
    return args + ["--"]


def _tool_binds(paths: list[str], hidden: list[str]) -> list[str]:
    """Re-expose read-only the top-level folders of the hidden trees (the private /tmp, $HOME) that hold a
    toolchain (~/.pyenv, a venv under /tmp), found by each path as given and by the file it resolves to."""
    roots = {os.path.realpath(h) for h in hidden} | {os.path.abspath(h) for h in hidden}
    binds: list[str] = []
    for p in paths:
        if not os.path.isabs(p):
            continue  # ./program lives in the work directory, which is bound anyway
        for candidate in (os.path.abspath(p), os.path.realpath(p)):
            for root in roots:
                if candidate.startswith(root.rstrip(os.sep) + os.sep):
                    top = os.path.join(root, Path(candidate).relative_to(root).parts[0])
                    if top not in binds and os.path.exists(top):
                        binds.append(top)
    return [a for b in binds for a in ("--ro-bind", b, b)]


def contain(argv: list[str], workdir: str, limits: Limits, *, writable: tuple[str, ...] = (),
            readable: tuple[str, ...] = (), tool_paths: tuple[str, ...] = (), cgroup: Cgroup | None = None) -> list[str]:
    """The argv that runs `argv` in `workdir` under the limits: inside the user's container command if one is
    set, else inside bwrap where available; entering `cgroup` first when one is given (see `contained`)."""
    container = container_command(workdir)
    if container:
        return container + argv  # limits and isolation are the container's (docs/containment.md)
    inner = prlimit_prefix(limits, memory_cgroup=bool(cgroup and cgroup.memory_dir)) + argv
    if warn_if_unisolated():
        home = os.path.expanduser("~")
        args = ["bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
                "--size", str(limits.tmp_mb * 1024 * 1024), "--tmpfs", "/tmp"]
        hidden = ["/tmp"]
        if home not in ("/", "") and os.path.isdir(home):
            args += ["--tmpfs", home]
            hidden.append(home)
        args += _tool_binds(list(tool_paths), hidden)
        args += ["--bind", workdir, workdir]
        for w in writable:
            args += ["--bind", w, w]
        for r in readable:  # e.g. precompiled headers in the cache, which the private $HOME hides
            args += ["--ro-bind", r, r]
        args += ["--chdir", workdir, "--unshare-all", "--die-with-parent", "--new-session",
                 "--uid", str(SANDBOX_UID), "--gid", str(SANDBOX_UID), "--cap-drop", "ALL"]
        inner = args + inner
    if cgroup is not None:
        inner = ["/bin/sh", "-c", _ENTER_CGROUP, "lrcg-enter-cgroup", *cgroup.procs_files, "--", *inner]
    return inner


@dataclass
class Containment:
    """A contained command line and the cgroup its whole process tree runs in (None without cgroups)."""
    argv: list[str]
    cgroup: Cgroup | None
    workdir: str
    limits: Limits
    events: list[str] = field(default_factory=list)  # limits that were hit: 'memory', 'processes', 'disk'


@contextlib.contextmanager
def contained(argv: list[str], workdir: str, limits: Limits, *, writable: tuple[str, ...] = (),
              readable: tuple[str, ...] = (), tool_paths: tuple[str, ...] = ()) -> Iterator[Containment]:
    """`contain` plus a per-run cgroup: on exit every process of the run is SIGKILLed and the cgroup removed.

    with contained(argv, workdir, limits) as box:
        proc = subprocess.Popen(box.argv, ..., start_new_session=True)
        timed_out = wait(proc, timeout, box)
    """
    cgroup = None if container_command() else create_cgroup(limits)
    box = Containment(contain(argv, workdir, limits, writable=writable, readable=readable, tool_paths=tool_paths,
                              cgroup=cgroup), cgroup, workdir, limits)
    try:
        yield box
    finally:
        if cgroup is not None:
            kill_cgroup(cgroup)
            box.events.extend(e for e in cgroup_events(cgroup) if e not in box.events)
            remove_cgroup(cgroup)


def directory_bytes(path: str, max_entries: int = 20000) -> int:
    """Bytes allocated under `path` (sparse files count what they use); -1 past `max_entries` files."""
    total, seen, stack = 0, 0, [path]
    while stack:
        try:
            with os.scandir(stack.pop()) as it:
                for entry in it:
                    seen += 1
                    if seen > max_entries:
                        return -1
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            stack.append(entry.path)
                        else:
                            total += entry.stat(follow_symlinks=False).st_blocks * 512
                    except OSError:
                        pass
        except OSError:
            pass
    return total


def _over_disk_limit(used: int, disk_mb: int) -> bool:
    return used < 0 or used > disk_mb * 1024 * 1024


def kill_process_group(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        proc.kill()


def wait(proc: subprocess.Popen, timeout: float, box: Containment, poll: float = 0.05) -> bool:
    """Wait for `proc` up to `timeout` seconds while capping the work directory's size; then kill the whole
    tree (process group; the cgroup is emptied when `contained` exits). True when it timed out."""
    deadline = time.monotonic() + timeout
    next_disk_check = 0.0
    timed_out = False
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            try:
                proc.wait(timeout=min(poll, left))
                break
            except subprocess.TimeoutExpired:
                pass
            now = time.monotonic()
            if now >= next_disk_check:
                if _over_disk_limit(directory_bytes(box.workdir), box.limits.disk_mb):
                    box.events.append("disk")
                    break
                next_disk_check = now + 0.25
            poll = min(poll * 1.5, 0.25)
        if not timed_out and "disk" not in box.events and \
                _over_disk_limit(directory_bytes(box.workdir), box.limits.disk_mb):
            box.events.append("disk")  # written faster than the checks above could see
    finally:
        kill_process_group(proc)  # also reaps children left behind by a program that exited
        if box.cgroup is not None:
            kill_cgroup(box.cgroup)
        proc.wait()
    return timed_out


def describe_events(box: Containment) -> str:
    """A line for stderr naming the limits the run hit ('' if none)."""
    names = {"memory": f"memory limit ({box.limits.memory_mb} MB)", "processes": f"process limit "
             f"({box.limits.processes})", "disk": f"disk limit ({box.limits.disk_mb} MB in its directory)"}
    return "".join(f"\n[lrcg] killed: {names.get(e, e)} exceeded" for e in box.events)


def scrubbed_env(workdir: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: os.environ[k] for k in PASSED_ENV if k in os.environ}
    env.setdefault("PATH", "/usr/local/bin:/usr/bin:/bin")
    env.setdefault("LANG", "C.UTF-8")
    env.update(HOME=workdir, TMPDIR="/tmp" if bwrap_available() and not container_command() else workdir)
    env.update(extra or {})
    return env
