"""`--backend openai` against a small fake OpenAI-compatible server (http.server in a thread): storing and
resuming, `n` samples, bounded concurrency, 429 then 200 retried, a server that keeps failing, wrong key
and wrong model name. The real server (llama.cpp's, on the real model) is in test_openai_real.py."""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import needs_toolchain
from lrcg.cli import main

ADD = "HumanEval_53_add"
STRLEN = "HumanEval_23_strlen"
ANSWERS = {"add": "```python\ndef add(x: int, y: int) -> int:\n    return x + y\n```\nDone.",
           "strlen": "```python\ndef strlen(string: str) -> int:\n    return len(string)\n```"}
KEY = "sekret-key-123"


class FakeServer:
    """Serves model `fake-coder`; `failures` holds status codes to answer the next requests with."""

    def __init__(self, key: str | None = None, delay: float = 0.0):
        self.key, self.delay = key, delay
        self.failures: list[int] = []
        self.requests: list[dict] = []
        self.in_flight = self.max_in_flight = 0
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status, body, headers=()):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in headers:
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def _authorized(self):
                if server.key is None or self.headers.get("Authorization") == f"Bearer {server.key}":
                    return True
                self._send(401, {"error": {"message": "Invalid API key", "type": "invalid_request_error"}})
                return False

            def do_GET(self):
                if self._authorized():
                    self._send(200, {"object": "list", "data": [{"id": "fake-coder", "object": "model"}]})

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                if not self._authorized():
                    return
                with server.lock:
                    server.requests.append(body)
                    status = server.failures.pop(0) if server.failures else 200
                    server.in_flight += 1
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                try:
                    time.sleep(server.delay)
                    if status != 200:
                        self._send(status, {"error": {"message": f"fake {status}"}}, [("retry-after-ms", "10")])
                        return
                    if self.path.endswith("/chat/completions"):
                        text = body["messages"][0]["content"]
                        answer = ANSWERS["add" if "def add" in text else "strlen"]
                        choices = [{"index": i, "message": {"role": "assistant", "content": answer},
                                    "finish_reason": "stop"} for i in range(body.get("n") or 1)]
                        obj = "chat.completion"
                    else:
                        choices = [{"index": i, "text": "    return 1\n", "finish_reason": "stop"}
                                   for i in range(body.get("n") or 1)]
                        obj = "text_completion"
                    self._send(200, {"id": "x", "object": obj, "created": 0, "model": body["model"],
                                     "choices": choices,
                                     "usage": {"prompt_tokens": 10, "completion_tokens": 7, "total_tokens": 17}})
                finally:
                    with server.lock:
                        server.in_flight -= 1

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(autouse=True)
def _py():
    needs_toolchain("py")


def args(server, store, *extra, problems=(ADD, STRLEN), model="fake-coder"):
    return ["evaluate", "--backend", "openai", "--base-url", server.url, "--model", model, "--languages", "py",
            "--problems", ",".join(problems), "--store", str(store), "--no-progress", "--workers", "2",
            "--max-new-tokens", "64", *extra]


def test_samples_are_stored_with_n_bounded_concurrency_and_a_rerun_asks_nothing(tmp_path, capsys):
    from lrcg.store import load_outcomes

    store = tmp_path / "s.sqlite"
    problems = [ADD, STRLEN, "HumanEval_30_get_positive", "HumanEval_35_max_element", "HumanEval_42_incr_list"]
    with FakeServer(delay=0.2) as server:
        assert main(args(server, store, "--samples", "3", "--temperature", "0.8", "--concurrency", "2",
                         problems=problems)) == 0
        assert len(server.requests) == 5 and all(r["n"] == 3 for r in server.requests)  # one request a prompt
        assert server.max_in_flight == 2
        r = server.requests[0]
        assert r["model"] == "fake-coder" and r["temperature"] == 0.8 and r["top_p"] == 0.95
        assert r["max_tokens"] == 64 and isinstance(r["seed"], int) and r["messages"][0]["role"] == "user"
        frame = load_outcomes(store)
        assert len(frame) == 15 and set(frame["model"]) == {"openai:fake-coder"}
        assert (frame[frame["problem"].isin([ADD, STRLEN])]["status"] == "OK").all()
        assert "generated 15 sequences" in capsys.readouterr().out
        assert main(args(server, store, "--samples", "3", "--temperature", "0.8", problems=problems)) == 0
        assert len(server.requests) == 5  # everything was stored: nothing asked again


def test_greedy_completion_endpoint_sends_stop_tokens(tmp_path):
    from lrcg.store import load_outcomes

    with FakeServer() as server:
        assert main(args(server, tmp_path / "s.sqlite", "--api", "completions", "--samples", "2")) == 0
        assert len(server.requests) == 2 and all(r["n"] == 1 for r in server.requests)  # greedy: one generation
        r = server.requests[0]
        assert "\ndef" in r["stop"] and r["prompt"].lstrip().startswith("def ") and r["temperature"] == 0.0
        assert "messages" not in r and r["top_p"] == 1.0
    frame = load_outcomes(tmp_path / "s.sqlite")
    assert len(frame) == 4 and set(frame["completion"]) == {"    return 1\n"}


def test_429_and_503_then_200_are_retried(tmp_path):
    from lrcg.store import load_outcomes

    with FakeServer() as server:
        server.failures = [429, 503, 429]
        assert main(args(server, tmp_path / "s.sqlite", "--concurrency", "1")) == 0
        assert len(server.requests) == 5  # 3 refused + 2 answered
    assert len(load_outcomes(tmp_path / "s.sqlite")) == 2


def test_a_server_that_keeps_failing_is_one_clear_error_and_keeps_what_finished(tmp_path, capsys):
    from lrcg.store import load_outcomes

    store = tmp_path / "s.sqlite"
    with FakeServer() as server:
        server.failures = [200] + [500] * 10
        assert main(args(server, store, "--concurrency", "1", "--retries", "2")) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "HTTP 500" in err[0] and "1 samples finished before it are stored" in err[0], err
        assert len(server.requests) == 4  # 1 answered, then 1 + 2 retries
        assert len(load_outcomes(store, executed_only=False)) == 1
        server.failures.clear()  # the server is back: the rest is done, nothing asked twice
        assert main(args(server, store, "--concurrency", "1")) == 0
        assert len(server.requests) == 5
    assert len(load_outcomes(store)) == 2


@pytest.mark.parametrize("key, model, message", [
    ("wrong-key", "fake-coder", "refused the API key from $LRCG_TEST_KEY (HTTP 401)"),
    (KEY, "no-such-model", "does not serve model 'no-such-model' (it serves: fake-coder)"),
])
def test_wrong_key_or_model_is_one_clear_error(key, model, message, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LRCG_TEST_KEY", key)
    store = tmp_path / "s.sqlite"
    with FakeServer(key=KEY) as server:
        assert main(args(server, store, "--api-key-env", "LRCG_TEST_KEY", model=model)) == 2
        assert server.requests == []  # caught before any generation
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], lines
    assert key not in out + err
    assert not store.exists() or KEY.encode() not in store.read_bytes()


def test_unset_key_variable_and_missing_base_url_are_clear_errors(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("LRCG_NO_SUCH_KEY", raising=False)
    with FakeServer() as server:
        assert main(args(server, tmp_path / "s.sqlite", "--api-key-env", "LRCG_NO_SUCH_KEY")) == 2
        assert "LRCG_NO_SUCH_KEY: that environment variable is not set" in capsys.readouterr().err
        a = args(server, tmp_path / "s.sqlite")
        del a[a.index("--base-url"):a.index("--base-url") + 2]
        assert main(a) == 2
        assert "needs --base-url" in capsys.readouterr().err
        assert main(args(server, tmp_path / "s.sqlite", "--extra-body", "[1]")) == 2
        assert "must be a JSON object" in capsys.readouterr().err


def test_llamacpp_needs_a_gguf_and_engines_take_no_adapter(tmp_path, capsys):
    base = ["evaluate", "--languages", "py", "--limit", "1", "--store", str(tmp_path / "s.sqlite"), "--no-progress"]
    assert main(base + ["--backend", "llamacpp", "--model", str(tmp_path)]) == 2
    assert "--backend llamacpp needs a GGUF model" in capsys.readouterr().err
    assert main(base + ["--backend", "openai", "--model", "m", "--quantization", "4bit"]) == 2
    assert "no --adapter or --quantization" in capsys.readouterr().err
