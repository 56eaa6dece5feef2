"""Hostile programs (tests/hostile/<lang>.txt) against the sandbox: every attack in every language where it can
be expressed. Each program exits 0 only if its attack succeeded, so every one must end non-OK; and after the
batch: the canary program in the same batch passed, no process of the batch survives (/proc scan for the
batch's private temp dir in command lines and environments, and no per-run cgroup left), the victim file
outside the program directories is unchanged and nothing was written next to the directories, no secret
of the parent (HF_TOKEN, ~/.cache/huggingface/token) appears in any output, and the port the test listens
on received no connection.

`pytest tests/test_hostile.py -s` prints the attack x language x outcome table."""
from __future__ import annotations

import os
import socket
import tempfile
import threading
import time
import uuid
from pathlib import Path

import pytest

from conftest import leftover_cgroups, needs_toolchain, surviving_processes
from lrcg import config
from lrcg.execution import Program, run_programs, sandbox
from lrcg.execution.languages import OK, get_language
from lrcg.execution.sandbox import Limits

HOSTILE = Path(__file__).parent / "hostile"
ATTACKS = ("infinite_loop", "fork_bomb", "memory_bomb", "disk_filler", "big_output", "network_local",
           "network_public", "secrets", "write_outside", "kill_parent", "orphan_child")
LANGUAGES = ("py", "js", "ts", "cpp", "c", "java", "go", "lua", "r", "rkt", "jl")
FAST = ("py", "c")
# Languages with their own in-process warm worker (lrcg.execution.warm); the others' warm path is the fork server that
# the fast subset covers with py and c.
WARM_IN_PROCESS = ("js", "ts", "r", "rkt")
TIMEOUT = 3.0
LIMITS = Limits(memory_mb=512, processes=128, disk_mb=128, file_size_mb=32)


def hostile_programs(lang: str) -> dict[str, str]:
    """{attack or 'canary': source} from tests/hostile/<lang>.txt (sections start with '### name')."""
    sections: dict[str, list[str]] = {}
    current = None
    for line in (HOSTILE / f"{lang}.txt").read_text().splitlines(keepends=True):
        if line.startswith("### "):
            current = line[4:].strip()
            sections[current] = []
        elif current is not None:
            sections[current].append(line)
    return {name: "".join(lines) for name, lines in sections.items()}


class Arena:
    """What the attacks aim at: a listening port, a victim file, the parent's secrets, a private temp dir."""

    def __init__(self, tmp_path: Path, monkeypatch):
        self.tag = uuid.uuid4().hex[:12]
        self.secret = f"hf_hostile_{uuid.uuid4().hex}"
        self.workroot = tmp_path / f"lrcg-hostile-{self.tag}"
        self.workroot.mkdir()
        monkeypatch.setattr(tempfile, "tempdir", str(self.workroot))  # every program dir lands under it
        # Outside /tmp (which bwrap replaces): visible to a program, read-only to it.
        self.victim_dir = Path("/var/tmp") / f"lrcg-hostile-{self.tag}"
        self.victim_dir.mkdir(parents=True)
        self.victim = self.victim_dir / "victim.txt"
        self.victim.write_text("untouched")
        self.victim_stat = self.victim.stat()
        monkeypatch.setenv("LRCG_CACHE_DIR", str(config.cache_dir()))  # keep the Go build cache warm
        home = tmp_path / "home"
        self.secret_file = home / ".cache" / "huggingface" / "token"
        self.secret_file.parent.mkdir(parents=True)
        self.secret_file.write_text(self.secret)
        monkeypatch.setenv("HOME", str(home))
        monkeypatch.setenv("HF_TOKEN", self.secret)
        self.connections: list[bytes] = []
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            conn.settimeout(1)
            try:
                self.connections.append(conn.recv(100) or b"<connected>")
            except OSError:
                self.connections.append(b"<connected>")
            conn.close()

    def render(self, source: str) -> str:
        return (source.replace("@@PORT@@", str(self.port)).replace("@@VICTIM@@", str(self.victim))
                .replace("@@SECRET_FILE@@", str(self.secret_file)).replace("@@TAG@@", self.tag))

    def close(self) -> None:
        self.listener.close()
        for p in self.victim_dir.iterdir():
            p.unlink()
        self.victim_dir.rmdir()


@pytest.fixture
def arena(tmp_path, monkeypatch):
    a = Arena(tmp_path, monkeypatch)
    yield a
    a.close()


def require_isolation() -> None:
    if sandbox.bwrap_available():
        return
    reason = "network/filesystem/PID isolation is off (bwrap unavailable): the hostile suite would be unsafe"
    if os.environ.get("LRCG_REQUIRE_TOOLCHAINS") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


def run_hostile_batch(langs: tuple[str, ...], arena: Arena, isolation: str) -> list[tuple[str, str, str]]:
    """Run every attack of `langs` plus a canary per language in one batch; check the invariants;
    return the (attack, language, status) rows."""
    programs, names = [], []
    for lang in langs:
        for attack, source in hostile_programs(lang).items():
            assert attack in ATTACKS + ("canary",), f"{lang}.txt: unknown section {attack}"
            programs.append(Program(lang, arena.render(source), timeout=TIMEOUT))
            names.append((attack, lang))
    outcomes = run_programs(programs, workers=2, isolation=isolation, limits=LIMITS, progress=False)
    if isolation == "warm":
        from lrcg.execution import warm
        warm.shutdown()  # workers are part of the batch's process tree: they must go too
    time.sleep(0.3)
    problems = []
    rows = []
    for (attack, lang), outcome in zip(names, outcomes):
        rows.append((attack, lang, outcome.status))
        if attack == "canary":
            if outcome.status != OK:
                problems.append(f"{lang} canary failed: {outcome}")
        elif outcome.status == OK:
            problems.append(f"{lang} {attack} succeeded: {outcome.stdout[:300]!r} {outcome.stderr[:300]!r}")
        if arena.secret in outcome.stdout + outcome.stderr:
            problems.append(f"{lang} {attack} saw the secret")
        if len(outcome.stdout) > 4096 or len(outcome.stderr) > 4096:
            problems.append(f"{lang} {attack}: unbounded captured output")
    survivors = surviving_processes(str(arena.workroot))
    assert not survivors, survivors
    # the warm workers were shut down above; in process mode other tests' warm workers may live on
    kinds = "" if isolation == "warm" else "run-"
    assert not leftover_cgroups(kinds), leftover_cgroups(kinds)
    assert arena.victim.read_text() == "untouched" and arena.victim.stat().st_mtime == arena.victim_stat.st_mtime
    assert sorted(p.name for p in arena.victim_dir.iterdir()) == ["victim.txt"]
    leftovers = [p for p in arena.workroot.rglob("*") if not p.is_dir()]
    assert leftovers == [], leftovers  # no ../escape file, no program directory left with files in it
    assert arena.connections == [], arena.connections
    assert not problems, "\n".join(problems)
    return rows


def print_table(rows: list[tuple[str, str, str]], isolation: str) -> None:
    langs = list(dict.fromkeys(lang for _, lang, _ in rows))
    status = {(a, lang): s for a, lang, s in rows}
    print(f"\nattack x language ({isolation} mode)\n" + "| attack | " + " | ".join(langs) + " |")
    print("|---" * (len(langs) + 1) + "|")
    for attack in ATTACKS:
        print(f"| {attack} | " + " | ".join(status.get((attack, lang), "n/a") for lang in langs) + " |")


def installed(langs: tuple[str, ...]) -> tuple[str, ...]:
    for lang in langs:
        if get_language(lang).missing_tools():
            try:
                needs_toolchain(lang)  # fails under LRCG_REQUIRE_TOOLCHAINS=1, except Julia
            except pytest.skip.Exception:
                pass
    return tuple(lang for lang in langs if not get_language(lang).missing_tools())


def test_every_language_file_covers_the_attacks():
    for lang in LANGUAGES:
        sections = hostile_programs(lang)
        assert "canary" in sections, lang
        assert set(sections) - {"canary"} <= set(ATTACKS), lang
        assert len(set(sections) - {"canary"}) >= 9, (lang, sorted(set(ATTACKS) - set(sections)))


@pytest.mark.parametrize("isolation", ["process", "warm"])
def test_hostile_fast_subset(arena, isolation):
    require_isolation()
    rows = run_hostile_batch(installed(FAST), arena, isolation)
    print_table(rows, isolation)


@pytest.mark.slow
@pytest.mark.parametrize("isolation", ["process", "warm"])
def test_hostile_full_matrix(arena, isolation):
    require_isolation()
    langs = tuple(lang for lang in LANGUAGES if lang not in FAST and (isolation == "process" or lang in WARM_IN_PROCESS))
    langs = installed(langs)
    rows = run_hostile_batch(langs, arena, isolation)
    print_table(rows, isolation)


def test_attacks_are_live_without_isolation(arena, monkeypatch):
    """The same programs do reach the secret file, the port and the victim when nothing contains them
    (a fake container command that is no container at all), so the suite above can fail."""
    monkeypatch.setenv(sandbox.CONTAINER_ENV, "env")
    programs = hostile_programs("py")
    outcomes = run_programs([Program("py", arena.render(programs[a]), timeout=TIMEOUT)
                             for a in ("secrets", "network_local", "write_outside")],
                            isolation="process", limits=LIMITS, progress=False)
    assert [o.status for o in outcomes] == [OK, OK, OK], outcomes
    assert arena.secret in outcomes[0].stdout
    assert arena.connections
    assert not arena.victim.exists()
    arena.victim.write_text("untouched")
