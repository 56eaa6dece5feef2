"""The execution engine, per language: hand-written correct and wrong completions to three MultiPL-E
problems (C: small self-made programs), a syntax error and an infinite loop (tests/programs/<lang>/)."""
from __future__ import annotations

import tempfile
import time

import pytest

from conftest import LOOP_TIMEOUT, PROGRAM_PROBLEMS, hand_written_program, needs_toolchain, surviving_processes
from lrcg.errors import LrcgError
from lrcg.execution import Program, run_program, run_programs
from lrcg.execution.languages import OK, SYNTAX_ERROR, TIMEOUT, get_language

LANGUAGES = ("py", "js", "ts", "cpp", "c", "java", "go", "lua", "r", "rkt", "jl")
MODE = "process"  # the reference mode; warm mode is checked against it in test_warm.py


@pytest.mark.parametrize("lang", LANGUAGES)
def test_correct_wrong_and_syntax_error(lang):
    needs_toolchain(lang)
    cases = [f"{p}.{kind}" for p in PROGRAM_PROBLEMS for kind in ("correct", "wrong")] + ["syntax_error"]
    outcomes = run_programs([Program(lang, hand_written_program(lang, c)) for c in cases], workers=4,
                            progress=False, isolation=MODE)
    got = dict(zip(cases, outcomes))
    for p in PROGRAM_PROBLEMS:
        correct, wrong = got[f"{p}.correct"], got[f"{p}.wrong"]
        assert correct.status == OK, (p, correct)
        assert correct.exit_code == 0
        assert wrong.status != OK, (p, wrong)
        assert wrong.status != SYNTAX_ERROR, (p, wrong)  # a wrong answer, not a broken program
    assert got["syntax_error"].status == SYNTAX_ERROR, got["syntax_error"]


def test_infinite_loops_time_out_and_leave_nothing(tmp_path, monkeypatch):
    """All languages at once (one queue, like real runs): the run step ends in Timeout within timeout + 2 s
    (the run step alone: compile time varies with machine load, and is not what the timeout bounds), no
    process left."""
    langs = [lang for lang in LANGUAGES if not get_language(lang).missing_tools()]
    for lang in set(LANGUAGES) - set(langs):
        needs_toolchain(lang) if lang != "jl" else None  # fails under LRCG_REQUIRE_TOOLCHAINS=1
    private_tmp = tmp_path / "lrcg-loop-marker"
    private_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))  # every work dir lands under our marker
    # Each toolchain compiles and runs a short program first, so a Timeout below is the loop, not a broken install.
    short = {lang: "strlen.correct" if lang != "c" else "add.correct" for lang in langs}
    baselines = run_programs([Program(lang, hand_written_program(lang, short[lang])) for lang in langs],
                             workers=2, progress=False, isolation=MODE)
    loops = run_programs([Program(lang, hand_written_program(lang, "infinite_loop"), LOOP_TIMEOUT)
                          for lang in langs], workers=2, progress=False, isolation=MODE)
    time.sleep(0.2)
    for lang, baseline, outcome in zip(langs, baselines, loops):
        assert baseline.status == OK, (lang, baseline)
        assert outcome.status == TIMEOUT, (lang, outcome)
        assert outcome.exit_code is None
        assert outcome.run_seconds is not None and outcome.run_seconds <= LOOP_TIMEOUT + 2.0, (lang, outcome)
    assert surviving_processes(str(private_tmp)) == []
    assert list(private_tmp.iterdir()) == []  # every work directory is removed


def test_output_is_capped():
    needs_toolchain("py")
    out = run_program("py", "print('x' * 100000)\nimport sys\nsys.exit(1)\n", isolation=MODE)
    assert out.status != OK
    assert len(out.stdout) <= 2048


def test_identical_programs_run_once(monkeypatch):
    needs_toolchain("py")
    import lrcg.execution.run as run  # run_programs calls run_program through its own module

    calls = []
    real = run.run_program
    monkeypatch.setattr(run, "run_program", lambda *a, **k: calls.append(a) or real(*a, **k))
    source = "assert 1 + 1 == 2\n"
    outcomes = run_programs([Program("py", source)] * 5 + [Program("py", "assert False\n")], workers=2,
                            progress=False, isolation=MODE)
    assert [o.status for o in outcomes] == [OK] * 5 + ["AssertionError"]
    assert len(calls) == 2


def test_environment_is_scrubbed(monkeypatch):
    needs_toolchain("py")
    monkeypatch.setenv("HF_TOKEN", "secret-token-value")
    out = run_program("py", "import os\nassert 'HF_TOKEN' not in os.environ, 'leaked'\nprint('clean')\n", isolation=MODE)
    assert out.status == OK, out
    assert "clean" in out.stdout


def test_missing_toolchain_names_the_package(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(LrcgError, match="apt-get install lua5.4"):
        run_program("lua", "print(1)", isolation=MODE)
    assert "racket" in get_language("rkt").install_hint
