"""`--backend openai`: generation through an OpenAI-compatible endpoint (vLLM's server, llama.cpp's, ollama,
a hosted API), with the `openai` client library.

- Chat models get `/v1/chat/completions` (a chat request's prompt is the JSON list of its messages, which is
  also what the store keeps), completion models `/v1/completions`. Stop strings, temperature, top_p,
  max_tokens and a seed are sent with every request; the text is also cut at the stop strings here, as
  servers differ in what they do with more than four.
- Samples of one prompt go in one request with `n` (at most `MAX_N`); greedy samples are one generation,
  requested once and shared, as in-process.
- At most `concurrency` requests are in flight (threads); each answer is handed back as it arrives, so
  `lrcg evaluate` stores it at once and a crash keeps every finished sample.
- The client retries connection errors, timeouts, 408/409/429 and 5xx `retries` times with exponential
  backoff (it honours Retry-After); each request has a `timeout`. What still fails stops the run with one
  `LrcgError`, after the requests in flight have finished (and been handed back).
- The key is read from the environment variable named by `api_key_env` and goes nowhere but the request
  header (the client libraries' loggers are kept at WARNING).
- Store key: `openai:<served model name>`, e.g. `openai:deepseek-ai/deepseek-coder-1.3b-instruct`. The host
  is left out on purpose: the per-node servers of a job array serve one model, and their shards must merge.
  Serve different weights under different names.
"""
from __future__ import annotations

import json
import logging
import os
import threading
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Iterator, Sequence

from ..errors import LrcgError

MAX_N = 16  # samples asked for in one request
KEY_PREFIX = "openai:"


@dataclass(frozen=True)
class Endpoint:
    base_url: str
    model: str  # the name the server serves the model under
    api_key_env: str = "OPENAI_API_KEY"
    concurrency: int = 4
    timeout: float = 600.0  # seconds per request
    retries: int = 5
    extra_body: dict = field(default_factory=dict)  # server-specific sampling fields, sent as they are
    chat: bool | None = None  # chat or completions endpoint; None: as `lrcg.evaluate` decides for the model


def model_key(served_name: str) -> str:
    return KEY_PREFIX + served_name


def _api_key(endpoint: Endpoint) -> str:
    key = os.environ.get(endpoint.api_key_env)
    if key is None:
        if endpoint.api_key_env == "OPENAI_API_KEY":
            return "none"  # local servers want no key; the client wants a string
        raise LrcgError(f"--api-key-env {endpoint.api_key_env}: that environment variable is not set")
    return key


def make_client(endpoint: Endpoint):
    try:
        import openai
    except ImportError:
        raise LrcgError("--backend openai needs the openai package (pip install openai)") from None
    for name in ("openai", "httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)
    if not endpoint.base_url:
        raise LrcgError("--backend openai needs --base-url (e.g. http://127.0.0.1:8000/v1)")
    if endpoint.concurrency < 1 or endpoint.retries < 0 or endpoint.timeout <= 0:
        raise LrcgError(f"bad endpoint settings: concurrency={endpoint.concurrency} (>= 1), "
                        f"retries={endpoint.retries} (>= 0), timeout={endpoint.timeout} (> 0)")
    return openai.OpenAI(base_url=endpoint.base_url, api_key=_api_key(endpoint), max_retries=endpoint.retries,
                         timeout=endpoint.timeout)


def explain(e: Exception, endpoint: Endpoint) -> LrcgError:
    """One line for what the client raised (never the key)."""
    import openai

    where = endpoint.base_url
    if isinstance(e, openai.AuthenticationError | openai.PermissionDeniedError):
        return LrcgError(f"{where} refused the API key from ${endpoint.api_key_env} (HTTP {e.status_code}); "
                         f"set it to a valid key")
    if isinstance(e, openai.NotFoundError):
        return LrcgError(f"{where}: model {endpoint.model!r} not found (HTTP 404: {_message(e)})")
    if isinstance(e, openai.APITimeoutError):
        return LrcgError(f"{where}: no answer within {endpoint.timeout:g} s, {endpoint.retries} retries included "
                         f"(raise --request-timeout?)")
    if isinstance(e, openai.APIConnectionError):
        cause = e.__cause__ or e
        return LrcgError(f"cannot reach the server at {where} ({type(cause).__name__}: {cause}), "
                         f"{endpoint.retries} retries included")
    if isinstance(e, openai.RateLimitError):
        return LrcgError(f"{where}: still rate limited (HTTP 429) after {endpoint.retries} retries; "
                         f"lower --concurrency")
    if isinstance(e, openai.APIStatusError):
        return LrcgError(f"{where}: HTTP {e.status_code}: {_message(e)}")
    return LrcgError(f"{where}: {type(e).__name__}: {e}")


def _message(e) -> str:
    body = getattr(e, "body", None)
    if isinstance(body, dict):
        body = body.get("message") or body.get("detail") or body.get("error") or body
    text = str(body if body else e)
    return text.splitlines()[0][:300] if text else type(e).__name__


def check_endpoint(client, endpoint: Endpoint) -> None:
    """The server answers, takes the key and serves `endpoint.model` (some servers, llama.cpp's among them,
    answer any model name with their own model: asking /v1/models is the only way to catch a wrong one)."""
    import openai

    try:
        served = [m.id for m in client.models.list()]
    except openai.NotFoundError:
        return  # the endpoint has no /v1/models; a wrong name shows on the first request
    except openai.OpenAIError as e:
        raise explain(e, endpoint) from None
    if endpoint.model not in served:
        raise LrcgError(f"{endpoint.base_url} does not serve model {endpoint.model!r} "
                        f"(it serves: {', '.join(served) or 'nothing'})")


def _job(client, endpoint: Endpoint, prompt: str, stop: tuple[str, ...], chat: bool, count: int, settings: dict,
         first_seed: int) -> tuple[list[str], dict]:
    """`count` texts for one prompt (several requests when the server gives fewer choices than `n`)."""
    from .batched import cut_at_stop

    texts: list[str] = []
    usage = {"prompt_tokens": 0, "new_tokens": 0}
    while len(texts) < count:
        common = dict(model=endpoint.model, n=count - len(texts), stop=list(stop) or None,
                      seed=(first_seed + len(texts)) & 0xFFFFFFFF, extra_body=endpoint.extra_body or None,
                      **settings)
        if chat:
            out = client.chat.completions.create(messages=json.loads(prompt), **common)
            got = [c.message.content or "" for c in sorted(out.choices, key=lambda c: c.index)]
        else:
            out = client.completions.create(prompt=prompt, **common)
            got = [c.text or "" for c in sorted(out.choices, key=lambda c: c.index)]
        if not got:
            raise LrcgError(f"{endpoint.base_url}: an answer without choices for model {endpoint.model!r}")
        texts += [cut_at_stop(t, stop) for t in got]
        if out.usage is not None:
            usage["prompt_tokens"] += out.usage.prompt_tokens or 0
            usage["new_tokens"] += out.usage.completion_tokens or 0
    return texts[:count], usage


def generate_openai(endpoint: Endpoint, requests: Sequence, *, chat: bool, temperature: float = 0.0,
                    top_p: float = 0.95, max_new_tokens: int = 512, seed: int = 0, progress: bool = True,
                    stats: dict | None = None, client=None, check: bool = True) -> Iterator[list[tuple[int, str]]]:
    """Yield `(request position, text)` lists as answers arrive (see the module docstring). `check`: first
    ask the server whether it serves the model (`check_endpoint`)."""
    import openai

    from .batched import sample_seed

    client = client or make_client(endpoint)
    if check:
        check_endpoint(client, endpoint)
    stats = {} if stats is None else stats
    groups: dict[tuple, list[int]] = {}
    for i, r in enumerate(requests):
        groups.setdefault((r.prompt, r.stop), []).append(i)
    jobs = []  # (request positions, how many texts)
    for positions in groups.values():
        if temperature == 0:
            jobs.append((positions, [positions]))  # one greedy generation shared by all
        else:
            for k in range(0, len(positions), MAX_N):
                part = positions[k:k + MAX_N]
                jobs.append((part, [[p] for p in part]))
    settings = {"temperature": float(temperature), "top_p": float(top_p) if temperature > 0 else 1.0,
                "max_tokens": int(max_new_tokens)}
    bar = None
    if progress:
        from tqdm.auto import tqdm
        bar = tqdm(total=len(requests), desc=f"generating ({endpoint.model})", unit="sample", leave=False)
    failure: Exception | None = None
    finished = 0
    lock = threading.Lock()
    pool = ThreadPoolExecutor(max_workers=endpoint.concurrency, thread_name_prefix="lrcg-openai")
    try:
        todo = iter(jobs)
        running: dict = {}
        while True:
            while failure is None and len(running) < endpoint.concurrency:
                job = next(todo, None)
                if job is None:
                    break
                positions, owners = job
                r = requests[positions[0]]
                running[pool.submit(_job, client, endpoint, r.prompt, r.stop, chat, len(owners), settings,
                                    sample_seed(seed, r.prompt, r.sample))] = owners
            if not running:
                break
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            batch = []
            for future in done:
                owners = running.pop(future)
                try:
                    texts, usage = future.result()
                except (openai.OpenAIError, LrcgError) as e:
                    failure = failure or e
                    continue
                with lock:
                    stats["prompt_tokens"] = stats.get("prompt_tokens", 0) + usage["prompt_tokens"]
                    stats["new_tokens"] = stats.get("new_tokens", 0) + usage["new_tokens"]
                    stats["sequences"] = stats.get("sequences", 0) + len(texts)
                batch += [(i, text) for group, text in zip(owners, texts) for i in group]
            if batch:
                finished += len(batch)
                if bar is not None:
                    bar.update(len(batch))
                yield batch
        if failure is not None:
            error = failure if isinstance(failure, LrcgError) else explain(failure, endpoint)
            raise LrcgError(f"{error}; the {finished} samples finished before it are stored; run the same "
                            f"command again to resume") from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if bar is not None:
            bar.close()
