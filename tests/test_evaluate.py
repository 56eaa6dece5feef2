"""`lrcg evaluate` end to end on tiny local models: store contents, resume without rework, SIGKILL at several
points, 4-bit, LoRA, bad input."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import needs_toolchain
from fixtures_models import tiny_bigcode, tiny_llama, tiny_lora  # noqa: F401  (pytest fixtures)
from lrcg.cli import main

LANGS = "py,lua,r"


@pytest.fixture(autouse=True)
def _toolchains():
    for lang in LANGS.split(","):
        needs_toolchain(lang)


def evaluate_args(model, store, *extra, limit=2, tokens=8):
    return ["evaluate", "--model", str(model), "--languages", LANGS, "--limit", str(limit), "--max-new-tokens",
            str(tokens), "--store", str(store), "--no-progress", "--workers", "2", *extra]


def counts(store) -> tuple[int, int]:
    con = sqlite3.connect(store, timeout=30)
    try:
        return (con.execute("SELECT COUNT(*) FROM generations").fetchone()[0],
                con.execute("SELECT COUNT(*) FROM outcomes").fetchone()[0])
    finally:
        con.close()


def stored_rows(store) -> list[tuple]:
    from lrcg.store import load_outcomes

    df = load_outcomes(store, executed_only=False)
    cols = ["technique", "benchmark", "language", "problem", "sample", "settings_hash", "completion", "status"]
    return sorted(map(tuple, df[cols].itertuples(index=False)))


def forbid_work(monkeypatch):
    import lrcg.evaluate
    import lrcg.execution

    def boom(*a, **k):
        raise AssertionError("a finished run must neither generate nor execute")

    monkeypatch.setattr(lrcg.evaluate, "_generate_missing", boom)
    monkeypatch.setattr(lrcg.execution, "run_programs", boom)


@pytest.mark.parametrize("model_fixture, extra", [("tiny_llama", ()), ("tiny_bigcode", ("--quantization", "4bit")),
                                                  ("tiny_llama", ("adapter",)),
                                                  ("tiny_llama", ("--time-budget", "adaptive"))])
def test_evaluate_stores_outcomes_and_a_second_run_does_nothing(model_fixture, extra, request, tmp_path, capsys,
                                                               monkeypatch):
    model = request.getfixturevalue(model_fixture)
    if extra == ("adapter",):
        extra = ("--adapter", str(request.getfixturevalue("tiny_lora")))
    store = tmp_path / "results.sqlite"
    assert main(evaluate_args(model, store, *extra)) == 0
    out = capsys.readouterr().out
    for lang in LANGS.split(","):
        assert f"\n{lang} " in out  # one pass@1 line per language
    assert counts(store) == (6, 6)
    rows = stored_rows(store)
    assert {r[2] for r in rows} == set(LANGS.split(",")) and all(r[7] is not None for r in rows)
    from lrcg.store import load_outcomes
    budget = "adaptive" if "--time-budget" in extra else "reference"
    assert set(load_outcomes(store)["time_budget"]) == {budget} and f"  {budget}" in out

    forbid_work(monkeypatch)
    assert main(evaluate_args(model, store, *extra)) == 0
    assert counts(store) == (6, 6) and stored_rows(store) == rows


def test_adapter_and_quantization_are_separate_runs_in_one_store(tiny_llama, tiny_lora, tmp_path):
    from lrcg.store import load_outcomes

    store = tmp_path / "results.sqlite"
    assert main(evaluate_args(tiny_llama, store, limit=1)) == 0
    assert main(evaluate_args(tiny_llama, store, "--adapter", str(tiny_lora), limit=1)) == 0
    df = load_outcomes(store)
    assert len(df) == 6 and df.groupby("adapter").size().tolist() == [3, 3]
    assert df["adapter"].iloc[-1] == str(Path(tiny_lora).resolve())


def _run_until(cmd, store, env, condition, timeout=180.0):
    """Start `cmd`, SIGKILL it as soon as `condition(generations, outcomes)` holds; False if it finished first."""
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if store.exists():
                try:
                    if condition(*counts(store)):
                        os.kill(proc.pid, signal.SIGKILL)
                        proc.wait()
                        return True
                except sqlite3.OperationalError:
                    pass  # schema not created yet
            time.sleep(0.02)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return False


@pytest.mark.slow
def test_sigkill_at_several_points_then_resume_gives_the_uninterrupted_rows(tiny_llama, tmp_path):
    # batch size 1: a resumed run batches its prompts exactly as the uninterrupted one did
    reference, killed = tmp_path / "reference.sqlite", tmp_path / "killed.sqlite"
    args = lambda store: evaluate_args(tiny_llama, store, "--batch-size", "1", limit=2, tokens=48)  # noqa: E731
    assert main(args(reference)) == 0
    expected = stored_rows(reference)
    assert len(expected) == 6

    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "lrcg", *args(killed)]
    # kill points: during generation (1, 3, 5 generations stored), then during execution (2, 4 outcomes)
    points = [lambda g, o: g >= 1, lambda g, o: g >= 3, lambda g, o: g >= 5, lambda g, o: o >= 2,
              lambda g, o: o >= 4]
    kills = 0
    for point in points:
        before = counts(killed) if killed.exists() else (0, 0)
        kills += _run_until(cmd, killed, env, lambda g, o: point(g, o) and (g, o) != before)
    assert kills >= 3  # the rest may have finished their slice before the poll saw it
    assert main(args(killed)) == 0
    assert stored_rows(killed) == expected
    assert counts(killed) == (6, 6)


@pytest.mark.slow
def test_two_concurrent_runs_on_one_store_do_not_duplicate(tiny_llama, tmp_path):
    store = tmp_path / "results.sqlite"
    cmd = [sys.executable, "-m", "lrcg", *evaluate_args(tiny_llama, store, limit=2)]
    procs = [subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(2)]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err.decode()[-2000:]
    assert counts(store) == (6, 6)
    con = sqlite3.connect(store)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# ---------------------------------------------------------------------------------------------
# bad input: one clear line on stderr, exit status 2, nothing stored lost


@pytest.fixture(scope="module")
def filled_store(tiny_llama, tmp_path_factory):
    store = tmp_path_factory.mktemp("filled") / "results.sqlite"
    assert main(evaluate_args(tiny_llama, store, limit=1)) == 0
    return store


@pytest.mark.parametrize("change, message", [
    ({"--model": "./no/such/model"}, "is neither a local model directory"),
    ({"--technique": "telepathy"}, "unknown technique 'telepathy'"),
    ({"--technique": "few-shot"}, "technique 'few-shot' is not available for 'py'"),
    ({"--languages": "py,cobol"}, "unknown language 'cobol'"),
    ({"--adapter": "/no/adapter"}, "adapter '/no/adapter' is not a directory"),
    ({"--loop-stop": "-3"}, "loop_stop must be a whole number of tokens >= 0 (0 = off), not -3"),
    ({"--loop-stop": "8", "--backend": "llamacpp"}, "loop_stop works with the hf, hf-generate, llamacpp-batched backends, not 'llamacpp'"),
])
def test_bad_input_is_one_clear_error_and_keeps_the_store(change, message, filled_store, tiny_llama, capsys):
    before = stored_rows(filled_store)
    args = evaluate_args(tiny_llama, filled_store, limit=1)
    for flag, value in change.items():
        if flag in args:
            args[args.index(flag) + 1] = value
        else:
            args += [flag, value]
    assert main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0], err
    assert stored_rows(filled_store) == before


def test_loop_stop_is_a_run_of_its_own_and_off_leaves_the_settings_as_they_were(tiny_llama, tmp_path):
    import json

    store = tmp_path / "results.sqlite"
    assert main(evaluate_args(tiny_llama, store, limit=1, tokens=24)) == 0
    assert main(evaluate_args(tiny_llama, store, "--loop-stop", "4", limit=1, tokens=24)) == 0
    with sqlite3.connect(store) as db:
        settings = [json.loads(s) for (s,) in db.execute("SELECT settings FROM generations ORDER BY id")]
    assert len(settings) == 6  # three languages, each twice: the two are separate runs
    plain = {"temperature", "top_p", "max_new_tokens", "seed", "chat", "quantization", "dtype", "stop"}
    assert [set(s) for s in settings[:3]] == [plain] * 3  # the hash of a run without it is what it always was
    assert [s.get("loop_stop") for s in settings[3:]] == [4] * 3


def test_unreadable_store_is_a_clear_error_and_untouched(tiny_llama, tmp_path, capsys):
    store = tmp_path / "results.sqlite"
    data = os.urandom(4096)
    store.write_bytes(data)
    assert main(evaluate_args(tiny_llama, store, limit=1)) == 2
    err = capsys.readouterr().err
    assert "results.sqlite" in err and "Traceback" not in err
    assert store.read_bytes() == data


def test_export_and_import_commands(filled_store, tmp_path, capsys):
    from lrcg.store import load_outcomes

    assert main(["export", "--store", str(filled_store), "--output", str(tmp_path / "out")]) == 0
    dirs = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(dirs) == 3  # one MultiPL-E directory per language run
    other = tmp_path / "other.sqlite"
    for d in dirs:
        assert main(["import", str(tmp_path / "out" / d), "--store", str(other), "--model", "tiny"]) == 0
    a, b = load_outcomes(filled_store), load_outcomes(other)
    assert sorted(a["completion"]) == sorted(b["completion"]) and sorted(a["status"]) == sorted(b["status"])
