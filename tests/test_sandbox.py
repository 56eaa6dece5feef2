"""lrcg.execution.sandbox units: the user-supplied container command (a fake one), what `lrcg doctor` says about
isolation, and the per-run cgroup limits naming themselves in stderr."""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile

import pytest

from conftest import leftover_cgroups
from lrcg.execution import sandbox
from lrcg.errors import LrcgError
from lrcg.execution import run_program
from lrcg.execution.languages import OK
from lrcg.execution.sandbox import Limits


@pytest.fixture
def fake_container(tmp_path, monkeypatch):
    """A 'container' that logs its arguments, checks it was given the work directory, and runs the rest."""
    log = tmp_path / "container.log"
    script = tmp_path / "fake-container"
    script.write_text(f'#!/bin/sh\necho "$@" >> {log}\n[ "$1" = --workdir ] && [ -d "$2" ] || exit 97\n'
                      'cd "$2" && shift 2 && exec "$@"\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv(sandbox.CONTAINER_ENV, f"{script} --workdir {{dir}}")
    return log


def test_container_command_prefixes_every_step(fake_container):
    outcome = run_program("py", "import os\nprint(os.getcwd())", isolation="process")
    assert outcome.status == OK, outcome
    (line,) = fake_container.read_text().splitlines()
    workdir = outcome.stdout.strip()
    # the work directory substituted for {dir}, and tool names left for the container's PATH
    assert line.split()[:4] == ["--workdir", workdir, "python3", "program.py"], line
    assert "bwrap" not in line and "prlimit" not in line
    assert "container command" in sandbox.isolation_summary()


def test_container_command_with_compile_step(fake_container):
    outcome = run_program("c", "int main(void) { return 0; }", isolation="process")
    assert outcome.status == OK, outcome
    lines = fake_container.read_text().splitlines()
    assert [line.split()[2] for line in lines] == ["gcc", "./program"], lines


def test_bad_container_command_is_one_clear_error(monkeypatch):
    monkeypatch.setenv(sandbox.CONTAINER_ENV, "docker run 'unbalanced")
    with pytest.raises(LrcgError, match="LRCG_CONTAINER"):
        run_program("py", "print(1)", isolation="process")


def test_doctor_says_when_network_isolation_is_off(monkeypatch, capsys):
    from lrcg.cli import main

    monkeypatch.setattr(sandbox, "bwrap_available", lambda: False)
    monkeypatch.delenv(sandbox.CONTAINER_ENV, raising=False)
    assert not sandbox.network_isolated()
    assert main(["doctor"]) in (0, 1)
    assert "network isolation OFF" in capsys.readouterr().out


def test_contain_uses_an_unprivileged_uid_and_no_network():
    if not sandbox.bwrap_available():
        pytest.skip("bwrap unavailable")
    argv = sandbox.contain(["true"], "/tmp", Limits())
    assert "--unshare-all" in argv and "--share-net" not in argv
    assert argv[argv.index("--uid") + 1] == str(sandbox.SANDBOX_UID) and "--cap-drop" in argv
    outcome = run_program("py", "import os\nprint(os.getuid(), os.environ.get('HF_TOKEN'))", isolation="process")
    assert outcome.stdout.split() == [str(sandbox.SANDBOX_UID), "None"], outcome


needs_cgroups = pytest.mark.skipif(not sandbox.cgroup_parents(), reason="no writable cgroup hierarchy here")


@needs_cgroups
@pytest.mark.parametrize("source, limits, note", [
    ("chunks = [bytearray(b'x' * (16 << 20)) for _ in range(64)]", Limits(memory_mb=128), "memory limit (128 MB)"),
    ("import os\nwhile True:\n    os.fork()", Limits(processes=32), "process limit (32)"),
    ("for n in range(100):\n    open(f'f{n}', 'wb').write(b'x' * (4 << 20))", Limits(disk_mb=16, file_size_mb=8),
     "disk limit (16 MB"),
])
def test_limits_name_themselves_in_stderr(source, limits, note):
    outcome = run_program("py", source, timeout=8, isolation="process", limits=limits)
    assert outcome.status != OK
    assert f"[lrcg] killed: {note}" in outcome.stderr, outcome
    assert leftover_cgroups("run-") == []  # warm workers of other tests may live on


def test_a_toolchain_under_the_private_tmp_stays_reachable():
    """A venv or toolchain under /tmp (or $HOME) is re-exposed read-only, by its own path and through a
    symlink (a venv's bin/python); the rest of /tmp stays private."""
    if not sandbox.bwrap_available():
        pytest.skip("bwrap unavailable")
    toolroot = tempfile.mkdtemp(prefix="lrcg-test-tool-", dir="/tmp")
    secret = tempfile.mkdtemp(prefix="lrcg-test-secret-", dir="/tmp")
    workdir = tempfile.mkdtemp(prefix="lrcg-test-work-", dir="/tmp")
    try:
        os.makedirs(f"{toolroot}/bin")
        script = f"{toolroot}/bin/tool"
        with open(script, "w") as f:
            f.write(f"#!/bin/sh\necho ran; ls {secret} 2>/dev/null && echo secret-visible; exit 0\n")
        os.chmod(script, 0o755)
        os.symlink("/bin/echo", f"{toolroot}/bin/linked")
        for root in (toolroot, f"{toolroot}/bin"):
            os.chmod(root, 0o755)
        for tool, expected in ((script, "ran"), (f"{toolroot}/bin/linked", "")):
            argv = sandbox.contain([tool], workdir, Limits(), tool_paths=(tool,))
            done = subprocess.run(argv, cwd=workdir, capture_output=True, text=True, timeout=30)
            assert done.returncode == 0, (tool, done.stderr)
            assert done.stdout.strip() == expected, (tool, done.stdout)
        # without the tool path the same program is not there
        argv = sandbox.contain([script], workdir, Limits())
        assert subprocess.run(argv, cwd=workdir, capture_output=True, timeout=30).returncode != 0
    finally:
        for d in (toolroot, secret, workdir):
            shutil.rmtree(d, ignore_errors=True)


@needs_cgroups
def test_cgroups_of_dead_lrcg_processes_are_removed():
    parent = next(iter(sandbox.cgroup_parents().values()))
    dead = os.path.join(parent, "lrcg-99999999-run-0a1b2c")  # above any pid_max: that process is gone
    mine = os.path.join(parent, f"lrcg-{os.getpid()}-warm-0a1b2c")
    for d in (dead, mine):
        os.mkdir(d)
    try:
        sandbox._remove_stale(parent)
        assert not os.path.exists(dead) and os.path.exists(mine)
    finally:
        for d in (dead, mine):
            if os.path.exists(d):
                os.rmdir(d)
