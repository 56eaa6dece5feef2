"""Batched generation: many prompts x many samples, greedy or sampled, cut at stop strings.

`generate(model, tokenizer, prompts, n_samples, ...)` returns one list of texts per prompt.
`generate_batches(...)` is the same work as an iterator of finished batches, so a caller can store each
batch the moment it exists (this is how `lrcg evaluate` stays resumable).

Reproducible sampling: each sample draws its tokens from its own torch.Generator seeded from
(seed, prompt, sample index), inside a logits processor that leaves exactly one allowed token, after which
greedy search takes it. So a sample does not depend on which other samples share its batch or on the
global RNG (up to the float differences that padding itself can cause).

vLLM (optional, GPUs): pass a `vllm.LLM` as `model` (see `load_vllm`), the same function does the rest.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

from .errors import LrcgError, unknown_choice

BACKENDS = ("auto", "hf", "vllm")


@dataclass(frozen=True)
class Request:
    prompt: str
    sample: int = 0  # sample index: seeds the sample's own random stream
    stop: tuple[str, ...] = ()


def sample_seed(seed: int, prompt: str, sample: int) -> int:
    digest = hashlib.sha256(f"{seed}\0{sample}\0{prompt}".encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:8], "little") & ((1 << 63) - 1)


def cut_at_stop(text: str, stop: Iterable[str]) -> str:
    """`text` up to (not including) the earliest stop string, as MultiPL-E truncates completions."""
    cut = len(text)
    for s in stop:
        if s:
            i = text.find(s)
            if i != -1:
                cut = min(cut, i)
    return text[:cut]


def vllm_available() -> bool:
    try:
        import vllm  # noqa: F401
    except ImportError:
        return False
    return True


def is_vllm_model(model) -> bool:
    return type(model).__module__.split(".")[0] == "vllm"


def pick_backend(backend: str, *, adapter: str | None = None, quantization: str | None = None) -> str:
    """"auto" -> vllm when importable, a GPU is there and neither an adapter nor bitsandbytes is asked for."""
    if backend not in BACKENDS:
        raise unknown_choice("generation backend", backend, BACKENDS)
    if backend == "vllm" and not vllm_available():
        raise LrcgError("--backend vllm needs vllm (pip install vllm, on a machine with a GPU)")
    if backend != "auto":
        return backend
    import torch

    ok = vllm_available() and torch.cuda.is_available() and adapter is None and quantization is None
    return "vllm" if ok else "hf"


def _stopping_criteria(stops: list[tuple[str, ...]], prompt_len: int, tokenizer):
    import torch
    from transformers import StoppingCriteria

    window = 4 * max((len(s) for row in stops for s in row), default=0) + 8

    class StopStrings(StoppingCriteria):
        """Per row: stop once the generated text contains one of that row's stop strings."""

        def __call__(self, input_ids, scores, **kwargs):
            done = []
            for i, row_stops in enumerate(stops):
                if not row_stops:
                    done.append(False)
                    continue
                tail = input_ids[i, max(prompt_len, input_ids.shape[1] - window):]
                text = tokenizer.decode(tail, skip_special_tokens=True)
                done.append(any(s in text for s in row_stops))
            return torch.tensor(done, dtype=torch.bool, device=input_ids.device)

    return StopStrings()


def _seeded_sampler(seeds: list[int], temperature: float, top_p: float):
    """A logits processor that samples each row from its own generator and masks every other token."""
    import torch
    from transformers import LogitsProcessor

    class SeededSampler(LogitsProcessor):
        def __init__(self):
            self.generators = None

        def __call__(self, input_ids, scores):
            if self.generators is None:
                self.generators = [torch.Generator(device=scores.device).manual_seed(s) for s in seeds]
            probs = torch.softmax(scores.float() / temperature, dim=-1)
            if top_p < 1.0:
                sorted_p, order = torch.sort(probs, descending=True, dim=-1)
                drop = torch.cumsum(sorted_p, dim=-1) - sorted_p > top_p  # keep the smallest set reaching top_p
                sorted_p = sorted_p.masked_fill(drop, 0.0)
                probs = torch.zeros_like(probs).scatter(-1, order, sorted_p)
            chosen = [torch.multinomial(probs[i], 1, generator=g) for i, g in enumerate(self.generators)]
            out = torch.full_like(scores, float("-inf"))
            for i, c in enumerate(chosen):
                out[i, c] = 0.0
            return out

    return SeededSampler()


def _encode(tokenizer, prompts: list[str], device):
    bos = tokenizer.bos_token
    # A chat-templated prompt usually starts with BOS already; do not add a second one.
    add_special = not (bos and all(p.startswith(bos) for p in prompts))
    return tokenizer(prompts, return_tensors="pt", padding=True, add_special_tokens=add_special).to(device)


def _hf_batch(model, tokenizer, batch: list[Request], temperature: float, top_p: float, max_new_tokens: int,
              seed: int) -> list[str]:
    import torch
    from transformers import LogitsProcessorList, StoppingCriteriaList

    enc = _encode(tokenizer, [r.prompt for r in batch], model.device)
    prompt_len = enc["input_ids"].shape[1]
    kwargs = dict(max_new_tokens=max_new_tokens, do_sample=False, pad_token_id=tokenizer.pad_token_id,
                  temperature=None, top_p=None, top_k=None)
    if any(r.stop for r in batch):
        kwargs["stopping_criteria"] = StoppingCriteriaList([_stopping_criteria([r.stop for r in batch], prompt_len, tokenizer)])
    if temperature > 0:
        seeds = [sample_seed(seed, r.prompt, r.sample) for r in batch]
        kwargs["logits_processor"] = LogitsProcessorList([_seeded_sampler(seeds, temperature, top_p)])
    with torch.inference_mode():
        out = model.generate(**enc, **kwargs)
    texts = tokenizer.batch_decode(out[:, prompt_len:], skip_special_tokens=True)
    return [cut_at_stop(t, r.stop) for t, r in zip(texts, batch)]


def _vllm_batch(llm, batch: list[Request], temperature: float, top_p: float, max_new_tokens: int,
                seed: int) -> list[str]:  # pragma: no cover - needs vllm and a GPU
    from vllm import SamplingParams

    params = [SamplingParams(temperature=temperature, top_p=top_p if temperature > 0 else 1.0,
                             max_tokens=max_new_tokens, stop=list(r.stop) or None,
                             seed=sample_seed(seed, r.prompt, r.sample)) for r in batch]
    outputs = llm.generate([r.prompt for r in batch], params, use_tqdm=False)
    return [cut_at_stop(o.outputs[0].text, r.stop) for o, r in zip(outputs, batch)]


def load_vllm(name_or_path: str, tensor_parallel_size: int | None = None, dtype: str = "auto"):  # pragma: no cover
    """A vllm.LLM over every visible GPU (tensor parallel), for `generate(..., backend="vllm")`."""
    import torch
    from vllm import LLM

    from .models import resolve_model

    tp = tensor_parallel_size or max(1, torch.cuda.device_count())
    return LLM(model=resolve_model(name_or_path), tensor_parallel_size=tp, dtype=dtype)


def generate_batches(model, tokenizer, requests: Sequence[Request], *, temperature: float = 0.0, top_p: float = 0.95,
                     max_new_tokens: int = 512, seed: int = 0, batch_size: int = 8,
                     progress: bool = True) -> Iterator[list[tuple[int, str]]]:
    """Yield, batch after batch, `(request position, generated text)` for every request.

    Greedy requests with the same prompt and stops are generated once and shared (they are identical).
    Requests are batched longest prompt first, which keeps padding small.
    """
    if temperature < 0 or not 0 < top_p <= 1 or max_new_tokens < 1 or batch_size < 1:
        raise LrcgError(f"bad decoding settings: temperature={temperature} (>= 0), top_p={top_p} (0 < p <= 1), "
                        f"max_new_tokens={max_new_tokens} (>= 1), batch_size={batch_size} (>= 1)")
    groups: dict[tuple, list[int]] = {}
    for i, r in enumerate(requests):
        key = (r.prompt, r.stop) if temperature == 0 else (r.prompt, r.stop, r.sample)
        groups.setdefault(key, []).append(i)
    unique = sorted(groups.values(), key=lambda idx: -len(requests[idx[0]].prompt))
    vllm = is_vllm_model(model)
    bar = None
    if progress:
        from tqdm.auto import tqdm
        bar = tqdm(total=len(requests), desc="generating", unit="sample", leave=False)
    try:
        for start in range(0, len(unique), batch_size):
            chunk = unique[start:start + batch_size]
            batch = [requests[idx[0]] for idx in chunk]
            if vllm:
                texts = _vllm_batch(model, batch, temperature, top_p, max_new_tokens, seed)
            else:
                texts = _hf_batch(model, tokenizer, batch, temperature, top_p, max_new_tokens, seed)
            done = [(i, text) for idx, text in zip(chunk, texts) for i in idx]
            if bar is not None:
                bar.update(len(done))
            yield done
    finally:
        if bar is not None:
            bar.close()


def generate(model, tokenizer, prompts: Sequence[str], n_samples: int = 1, temperature: float = 0.0,
             top_p: float = 0.95, max_new_tokens: int = 512, stop: Sequence[str] = (), seed: int = 0,
             batch_size: int = 8, progress: bool = True) -> list[list[str]]:
    """`n_samples` generated texts for each prompt (greedy when temperature == 0), cut at `stop`."""
    if n_samples < 1:
        raise LrcgError(f"n_samples must be >= 1, not {n_samples}")
    requests = [Request(p, s, tuple(stop)) for p in prompts for s in range(n_samples)]
    texts: list[str | None] = [None] * len(requests)
    for done in generate_batches(model, tokenizer, requests, temperature=temperature, top_p=top_p,
                                 max_new_tokens=max_new_tokens, seed=seed, batch_size=batch_size, progress=progress):
        for i, text in done:
            texts[i] = text
    return [texts[j * n_samples:(j + 1) * n_samples] for j in range(len(prompts))]  # type: ignore[misc]
