"""`--backend openai` throughput on the real model: llama-cpp-python's OpenAI-compatible server serving the
SmolLM2-135M-Instruct GGUF (`lrcg models fetch smollm2-135m-instruct`) on 127.0.0.1, MultiPL-E chat prompts
as `lrcg evaluate` sends them, greedy. Prints requests/s and new tokens/s (the server's usage counts) at each
concurrency. llama-cpp-python's server answers one request at a time, so concurrency shows what the client
side costs and hides (request overhead, queueing), not batching; vLLM's server batches.

    .venv/bin/python benchmarks/bench_openai.py [--prompts 16] [--concurrency 1,4,16] [--max-new-tokens 96]
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ALIAS = "smollm2-q4"


def _serve(gguf, n_threads: int | None):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--host", "127.0.0.1", "--port", str(port),
           "--model_alias", ALIAS, "--n_ctx", "2048"] + (["--n_threads", str(n_threads)] if n_threads else [])
    proc = subprocess.Popen(cmd, stdout=tempfile.TemporaryFile(), stderr=subprocess.STDOUT)
    for _ in range(600):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/models", timeout=2).close()
            return proc, f"http://127.0.0.1:{port}/v1"
        except OSError:
            if proc.poll() is not None:
                raise SystemExit("llama_cpp.server exited while starting")
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("llama_cpp.server did not start")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--prompts", type=int, default=16)
    ap.add_argument("--concurrency", default="1,4,16")
    ap.add_argument("--max-new-tokens", type=int, default=96)
    ap.add_argument("--n-threads", type=int, default=None, help="server threads (default: llama.cpp's)")
    args = ap.parse_args(argv)
    os.environ.setdefault("LRCG_DATA_DIR", str(Path(__file__).resolve().parents[2] / "shared" / "data"))
    from lrcg.generation import prompting
    from lrcg.benchmarks import load_benchmark
    from lrcg.generation import Request
    from lrcg.generation.models import fetch_model
    from lrcg.generation.openai_backend import Endpoint, generate_openai

    gguf = fetch_model("smollm2-135m-instruct", log=lambda *a: None)
    problems = load_benchmark("multipl-e", "py", limit=args.prompts)
    requests = [Request(json.dumps([{"role": "user", "content": prompting.prompt_text("baseline", p)}]))
                for p in problems]
    proc, url = _serve(gguf, args.n_threads)
    try:
        print(f"llama_cpp.server {url}, {len(requests)} MultiPL-E py chat prompts, greedy, "
              f"max {args.max_new_tokens} new tokens, {os.cpu_count()} CPUs")
        warm = Endpoint(base_url=url, model=ALIAS, extra_body={"repeat_penalty": 1.0})
        list(generate_openai(warm, requests[:1], chat=True, max_new_tokens=8, progress=False))
        print(f"{'concurrency':>11} {'requests/s':>10} {'tokens/s':>9} {'tokens':>7} {'seconds':>8}")
        for c in (int(x) for x in args.concurrency.split(",")):
            endpoint = Endpoint(base_url=url, model=ALIAS, concurrency=c, extra_body={"repeat_penalty": 1.0})
            stats: dict = {}
            start = time.perf_counter()
            n = sum(len(batch) for batch in generate_openai(endpoint, requests, chat=True,
                                                           max_new_tokens=args.max_new_tokens, progress=False,
                                                           stats=stats))
            seconds = time.perf_counter() - start
            print(f"{c:>11} {n / seconds:>10.2f} {stats['new_tokens'] / seconds:>9.1f} {stats['new_tokens']:>7} "
                  f"{seconds:>8.1f}", flush=True)
    finally:
        proc.kill()
        proc.wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
