"""Precompiled headers for the C++ harness includes: `#include<bits/stdc++.h>` alone takes most of a
MultiPL-E C++ compile (about 4 s of 4.5 s on a loaded laptop core; 0.5 s with the header precompiled).

A program whose first lines are `#include <...>` of system headers is compiled with `-include H`, where H
holds exactly those lines and `H.gch` is H precompiled with the program's own compile flags. The program's
own includes then find their headers already included (include guards; <assert.h> is re-read, as it is
meant to be), so it compiles as the same translation unit: same diagnostics' verdicts, same code. Where no
usable PCH exists (an unknown compiler, a failed build, a user container command) the program compiles as
before; GCC itself falls back to the text of H if the .gch does not match the flags.

Headers are built once per (compiler, flags, include lines) into LRCG_CACHE_DIR/cpp-pch (safe to delete
at any time), after a few programs used those include lines (`BUILD_AFTER_USES`), by lrcg outside
the sandbox: only system headers named in angle brackets qualify, never a path the program controls. A
header a PCH depends on that changed since (a libstdc++ upgrade) makes lrcg build it again.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from .. import config
from . import sandbox
from .languages import Language

PCH_LANGUAGES = ("cpp",)
ENABLED = True  # off: compile as before (benchmarks/bench_warm.py --no-pch measures the difference)
# A PCH takes seconds to build and tens of MB (100 MB for bits/stdc++.h): an include list is built only
# once this process has compiled it this many times, so one-off programs never pay for one.
BUILD_AFTER_USES = 4
_uses: dict[str, int] = {}
_SYSTEM_INCLUDE = re.compile(r"\s*#\s*include\s*<([A-Za-z0-9_+\-./]+)>\s*")
_BUILD_TIMEOUT = 300.0
_locks: dict[str, threading.Lock] = {}
_locks_lock = threading.Lock()


def harness_includes(source: str) -> tuple[str, ...]:
    """The program's leading `#include <...>` lines (as written), up to its first other line."""
    lines = []
    for line in source.splitlines():
        match = _SYSTEM_INCLUDE.fullmatch(line)
        if not match or ".." in match.group(1) or match.group(1).startswith("/"):
            break
        lines.append(line.strip())
    return tuple(lines)


def pch_root() -> Path:
    return config.cache_dir() / "cpp-pch"


def readable_paths(lang: Language) -> tuple[str, ...]:
    """What a contained compile of `lang` must be able to read (the PCH folder), created if missing."""
    if lang.name not in PCH_LANGUAGES or sandbox.container_command():
        return ()
    root = pch_root()
    root.mkdir(parents=True, exist_ok=True)
    return (str(root),)


def compile_command(lang: Language, argv: list[str], source: str) -> list[str]:
    """`argv` (the expanded compile command) with `-include H` where a precompiled H fits the program."""
    header = precompiled_header(lang, argv, source)
    return argv if header is None else [argv[0], "-include", header, *argv[1:]]


def precompiled_header(lang: Language, argv: list[str], source: str) -> str | None:
    if not ENABLED or lang.name not in PCH_LANGUAGES or sandbox.container_command():
        return None
    includes = harness_includes(source)
    if not includes:
        return None
    flags = tuple(a for a in argv[1:] if a.startswith(("-std=", "-O", "-D", "-U", "-f", "-m")))
    key = hashlib.sha256(json.dumps([_compiler_id(argv[0]), flags, includes]).encode()).hexdigest()[:20]
    folder = pch_root() / key
    with _lock_for(key):
        _uses[key] = _uses.get(key, 0) + 1
        if not _usable(folder):
            if _uses[key] < BUILD_AFTER_USES:
                return None
            _build(folder, argv[0], flags, includes)
    return str(folder / "harness.h") if _usable(folder) else None


def _lock_for(key: str) -> threading.Lock:
    with _locks_lock:
        return _locks.setdefault(key, threading.Lock())


@functools.lru_cache(maxsize=None)
def _compiler_id(compiler: str) -> str:
    try:
        version = subprocess.run([compiler, "--version"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return ""
    return f"{os.path.realpath(compiler)}\n{version}"


def _usable(folder: Path) -> bool:
    """The PCH exists and none of the headers it was built from changed since."""
    manifest = folder / "depends.json"
    if not (folder / "harness.h.gch").is_file() or not manifest.is_file():
        return False
    return _dependencies_unchanged(str(manifest), manifest.stat().st_mtime_ns)


@functools.lru_cache(maxsize=None)
def _dependencies_unchanged(manifest: str, _mtime: int) -> bool:  # checked once per process and build
    try:
        recorded = json.loads(Path(manifest).read_text())
        return all(os.stat(path).st_mtime_ns == mtime for path, mtime in recorded.items())
    except (OSError, ValueError):
        return False


def _build(folder: Path, compiler: str, flags: tuple[str, ...], includes: tuple[str, ...]) -> None:
    if not _compiler_id(compiler):
        return
    pch_root().mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=pch_root(), prefix=".build-"))
    try:
        header = tmp / "harness.h"
        header.write_text("\n".join(includes) + "\n")
        deps = tmp / "harness.d"
        done = subprocess.run([compiler, *flags, "-x", "c++-header", str(header), "-o", str(tmp / "harness.h.gch"),
                               "-MD", "-MF", str(deps)], capture_output=True, timeout=_BUILD_TIMEOUT)
        if done.returncode != 0:
            return
        paths = [p for p in deps.read_text().replace("\\\n", " ").split()[1:]
                 if os.path.isabs(p) and not p.startswith(str(tmp))]
        (tmp / "depends.json").write_text(json.dumps({p: os.stat(p).st_mtime_ns for p in paths}))
        deps.unlink()
        shutil.rmtree(folder, ignore_errors=True)  # a stale build
        os.rename(tmp, folder)
    except (OSError, subprocess.SubprocessError):
        pass  # no PCH: programs compile without one
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
