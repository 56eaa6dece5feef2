"""`--backend llamacpp`: GGUF models in-process through llama-cpp-python (`pip install -e .[llamacpp]`).

The requests are the ones llama-cpp-python's OpenAI-compatible server would make of the same file: chat
models through `create_chat_completion` (the GGUF's own chat template; a chat request's prompt is the JSON
list of its messages), completion models through `create_completion`, with the stop strings, temperature,
top_p, max_tokens and the sample's seed. Greedy is plain greedy (no repeat penalty; the server's default is
1.1, so ask it for `{"repeat_penalty": 1.0}` through `--extra-body` to get the same tokens). A request
with a `final` callable streams and stops once `final` says the kept completion is settled.
One sequence at a time (llama-cpp-python's high-level API does not batch).

Store key: `llamacpp:<the model's key>` (`llamacpp:NAME@FILE.gguf` for a registry GGUF), so its tokens
never mix with the transformers backends' reading of the same file.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator, Sequence

from ..errors import LrcgError

KEY_PREFIX = "llamacpp:"
DEFAULT_N_CTX = 4096


def gguf_file(name_or_path: str) -> Path:
    """The GGUF file a `--model` names: a .gguf file, a folder holding one, or a registry model's GGUF
    (`NAME` or `NAME@FILE.gguf`, fetched if need be)."""
    from .models import fetch_model, fetched_gguf, find_gguf, model_info

    path = Path(str(name_or_path)).expanduser()
    found = find_gguf(path)
    if found is not None:
        return found.resolve()
    info = model_info(str(name_or_path))
    if info is not None and info.gguf:
        return fetched_gguf(info) or fetch_model(info.name, log=lambda *a: None)
    raise LrcgError(f"--backend llamacpp needs a GGUF model: a .gguf file, a folder holding one, or a registry "
                    f"model that ships one; {str(name_or_path)!r} is none of these")


def model_key(name_or_path: str) -> str:
    from .models import gguf_variant, model_info

    info = model_info(str(name_or_path))
    if info is not None and info.gguf and not Path(str(name_or_path)).expanduser().exists():
        return KEY_PREFIX + gguf_variant(info)
    return KEY_PREFIX + str(gguf_file(name_or_path))


def load_llama(path: str | Path, n_ctx: int = DEFAULT_N_CTX, n_threads: int | None = None):
    try:
        from llama_cpp import Llama
    except ImportError:
        raise LrcgError("--backend llamacpp needs llama-cpp-python (pip install -e .[llamacpp])") from None
    return Llama(model_path=str(path), n_ctx=n_ctx, n_threads=n_threads, verbose=False)


def is_chat_model(name_or_path: str, llm) -> bool:
    """The registry's flag, else whether the GGUF carries a chat template."""
    from .models import model_info

    info = model_info(str(name_or_path))
    if info is not None:
        return info.chat
    return bool(llm.metadata.get("tokenizer.chat_template"))


def _one(llm, r, chat: bool, settings: dict, seed: int) -> tuple[str, int, int]:
    """(text, prompt tokens, new tokens) of one request."""
    from .batched import cut_at_stop

    kwargs = dict(stop=list(r.stop) or None, seed=seed, repeat_penalty=1.0, **settings)
    if r.final is None:
        if chat:
            out = llm.create_chat_completion(messages=json.loads(r.prompt), **kwargs)
            text = out["choices"][0]["message"]["content"] or ""
        else:
            out = llm.create_completion(r.prompt, **kwargs)
            text = out["choices"][0]["text"]
        usage = out.get("usage") or {}
        return cut_at_stop(text, r.stop), usage.get("prompt_tokens", 0), usage.get("completion_tokens", 0)
    if chat:
        chunks = llm.create_chat_completion(messages=json.loads(r.prompt), stream=True, **kwargs)
        pieces = (c["choices"][0]["delta"].get("content") or "" for c in chunks)
    else:
        chunks = llm.create_completion(r.prompt, stream=True, **kwargs)
        pieces = (c["choices"][0]["text"] for c in chunks)
    text, tokens = "", 0
    try:
        for piece in pieces:
            text += piece
            tokens += 1
            if ("\n" in piece or "`" in piece) and r.final(text):
                break
    finally:
        chunks.close()
    return cut_at_stop(text, r.stop), 0, tokens


def generate_llamacpp(llm, requests: Sequence, *, chat: bool, temperature: float = 0.0, top_p: float = 0.95,
                      max_new_tokens: int = 512, seed: int = 0, progress: bool = True,
                      stats: dict | None = None) -> Iterator[list[tuple[int, str]]]:
    """Yield `(request position, text)` for each request, one generation at a time (greedy requests with the
    same prompt and stops are generated once)."""
    from .batched import sample_seed

    stats = {} if stats is None else stats
    groups: dict[tuple, list[int]] = {}
    for i, r in enumerate(requests):
        key = (r.prompt, r.stop) if temperature == 0 else (r.prompt, r.stop, r.sample)
        groups.setdefault(key, []).append(i)
    settings = {"temperature": float(temperature), "top_p": float(top_p) if temperature > 0 else 1.0,
                "max_tokens": int(max_new_tokens)}
    bar = None
    if progress:
        from tqdm.auto import tqdm
        bar = tqdm(total=len(requests), desc="generating (llama.cpp)", unit="sample", leave=False)
    try:
        for positions in groups.values():
            r = requests[positions[0]]
            try:
                text, prompt_tokens, new_tokens = _one(llm, r, chat, settings,
                                                       sample_seed(seed, r.prompt, r.sample) & 0xFFFFFFFF)
            except ValueError as e:  # llama-cpp-python's word for a prompt longer than the context
                raise LrcgError(f"llama.cpp: {e}") from None
            stats["prompt_tokens"] = stats.get("prompt_tokens", 0) + prompt_tokens
            stats["new_tokens"] = stats.get("new_tokens", 0) + new_tokens
            stats["sequences"] = stats.get("sequences", 0) + 1
            if bar is not None:
                bar.update(len(positions))
            yield [(i, text) for i in positions]
    finally:
        if bar is not None:
            bar.close()
