"""`--backend openai` against a real OpenAI-compatible server: llama-cpp-python's, serving the SmolLM2 GGUF
(fetched as tests/test_real_model.py does) on a free 127.0.0.1 port. Real completions are stored; the same
greedy requests through `--backend llamacpp` give the same completions; the server killed mid-run is one
clear error, keeps every finished sample, and a rerun against a restarted server generates only the rest."""
from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

import pytest

from conftest import needs_toolchain
from lrcg.cli import main
from test_real_model import EASY, smollm2  # noqa: F401  (pytest fixture)

ALIAS = "smollm2-q4"
KEY = "lrcg-test-key"
N_CTX = 2048
PLAIN_GREEDY = '{"repeat_penalty": 1.0}'  # llama.cpp's server penalizes repeats (1.1) unless told not to


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(gguf, port: int) -> subprocess.Popen:
    log = tempfile.TemporaryFile()  # not a pipe: llama.cpp logs a lot while loading, a full pipe would block it
    proc = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--host", "127.0.0.1",
                             "--port", str(port), "--model_alias", ALIAS, "--n_ctx", str(N_CTX), "--api_key", KEY],
                            stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"llama_cpp.server exited: {log.read().decode(errors='replace')[-2000:]}")
        try:
            req = urllib.request.Request(f"http://127.0.0.1:{port}/v1/models",
                                         headers={"Authorization": f"Bearer {KEY}"})
            with urllib.request.urlopen(req, timeout=2):
                return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("llama_cpp.server did not answer within 180 s")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.wait()


@pytest.fixture(scope="module")
def server(smollm2):
    port = free_port()
    proc = start_server(smollm2, port)
    yield f"http://127.0.0.1:{port}/v1"
    stop_server(proc)


@pytest.fixture(autouse=True)
def _env(monkeypatch):
    needs_toolchain("py")
    monkeypatch.setenv("LRCG_TEST_KEY", KEY)


def openai_args(url, store, problems, *extra, tokens=128):
    return ["evaluate", "--backend", "openai", "--base-url", url, "--api-key-env", "LRCG_TEST_KEY", "--model", ALIAS,
            "--languages", "py", "--problems", ",".join(problems), "--max-new-tokens", str(tokens),
            "--extra-body", PLAIN_GREEDY, "--store", str(store), "--no-progress", "--workers", "2", *extra]


def responses(store) -> dict[str, tuple[str, str]]:
    with sqlite3.connect(store) as db:
        return {p: (r, c) for p, r, c in db.execute("SELECT problem, response, completion FROM generations")}


@pytest.mark.slow
def test_real_server_stores_real_completions_equal_to_llamacpp_in_process(server, tmp_path):
    from lrcg.store import load_outcomes

    problems = EASY[:4]
    via_server, in_process = tmp_path / "server.sqlite", tmp_path / "llamacpp.sqlite"
    assert main(openai_args(server, via_server, problems, "--concurrency", "2")) == 0
    frame = load_outcomes(via_server)
    assert len(frame) == 4 and set(frame["model"]) == {f"openai:{ALIAS}"} and frame["status"].notna().all()
    assert (frame["status"] == "OK").sum() >= 1, frame[["problem", "status", "completion"]].to_string()
    assert main(["evaluate", "--backend", "llamacpp", "--model", "smollm2-135m-instruct@SmolLM2-135M-Instruct.Q4_1.gguf",
                 "--n-ctx", str(N_CTX), "--languages", "py", "--problems", ",".join(problems), "--max-new-tokens",
                 "128", "--store", str(in_process), "--no-progress", "--workers", "2"]) == 0
    a, b = responses(via_server), responses(in_process)
    assert set(a) == set(b) == set(problems)
    for p in problems:
        assert a[p][1] == b[p][1], p  # the same completion
        # the same tokens: in-process generation stops once the completion is settled, the server's runs on
        assert a[p][0].startswith(b[p][0]) and b[p][0].strip(), (p, a[p][0], b[p][0])


@pytest.mark.slow
def test_killed_server_is_a_clear_error_and_a_rerun_after_restart_generates_only_the_rest(smollm2, tmp_path):
    problems = EASY + ["HumanEval_34_unique", "HumanEval_45_triangle_area"]
    port = free_port()
    url = f"http://127.0.0.1:{port}/v1"
    store = tmp_path / "s.sqlite"
    cmd = [sys.executable, "-m", "lrcg", *openai_args(url, store, problems, "--concurrency", "1", "--retries", "2",
                                                     tokens=96)]
    proc = start_server(smollm2, port)
    try:
        run = subprocess.Popen(cmd, env={**os.environ, "LRCG_TEST_KEY": KEY}, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and run.poll() is None:
            try:
                with sqlite3.connect(store, timeout=5) as db:
                    if db.execute("SELECT COUNT(*) FROM generations").fetchone()[0] >= 2:
                        break
            except sqlite3.OperationalError:
                pass  # not created yet
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)  # the server dies with a request in flight
        out, err = run.communicate(timeout=300)
    finally:
        stop_server(proc)
    assert run.returncode == 2, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and f"cannot reach the server at {url}" in lines[0], lines
    assert "samples finished before it are stored" in lines[0] and "Traceback" not in err
    kept = responses(store)
    assert 2 <= len(kept) < len(problems)
    with sqlite3.connect(store) as db:
        before = dict(db.execute("SELECT problem, created FROM generations"))

    proc = start_server(smollm2, port)
    try:
        rerun = subprocess.run(cmd, env={**os.environ, "LRCG_TEST_KEY": KEY}, capture_output=True, text=True,
                               timeout=600)
    finally:
        stop_server(proc)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert f"generated {len(problems) - len(kept)} sequences" in rerun.stdout  # nothing generated twice
    after = responses(store)
    assert set(after) == set(problems) and all(after[p] == kept[p] for p in kept)
    with sqlite3.connect(store) as db:
        assert {p: c for p, c in db.execute("SELECT problem, created FROM generations") if p in before} == before
        assert db.execute("SELECT COUNT(*) FROM outcomes").fetchone()[0] == len(problems)


@pytest.mark.slow
@pytest.mark.parametrize("change, message", [
    (("--api-key-env", "LRCG_WRONG_KEY"), "refused the API key from $LRCG_WRONG_KEY (HTTP 401)"),
    (("--model", "deepseek-coder-1.3b-instruct"), f"does not serve model 'deepseek-coder-1.3b-instruct' "
                                                  f"(it serves: {ALIAS})"),
])
def test_real_server_wrong_key_or_model_is_one_clear_error(change, message, server, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LRCG_WRONG_KEY", "not-the-key")
    a = openai_args(server, tmp_path / "s.sqlite", EASY[:1])
    a[a.index(change[0]) + 1] = change[1]
    assert main(a) == 2
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], lines
    assert "not-the-key" not in out + err and KEY not in out + err
