"""Batched generation: many prompts x many samples, greedy or sampled, cut at stop strings.

`generate(model, tokenizer, prompts, n_samples, ...)` returns one list of texts per prompt.
`generate_batches(...)` is the same work as an iterator of finished batches, so a caller can store each
batch the moment it exists (this is how `lrcg evaluate` stays resumable).

Reproducible sampling: each sample draws its tokens from its own torch.Generator seeded from
(seed, prompt, sample index), inside a logits processor that leaves exactly one allowed token, after which
greedy search takes it. So a sample does not depend on which other samples share its batch or on the
global RNG (up to the float differences that padding itself can cause).

vLLM (optional, GPUs): pass a `vllm.LLM` as `model` (see `load_vllm`), the same function does the rest.
Which of these an `evaluate` run uses is chosen in `generation.backends`.
"""
from __future__ import annotations

import functools
from contextlib import contextmanager
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Sequence

from ..errors import LrcgError

@dataclass(frozen=True)
class Request:
    prompt: str  # the openai and llamacpp backends' chat requests: the JSON list of messages
    sample: int = 0  # sample index: seeds the sample's own random stream
    stop: tuple[str, ...] = ()
    # Called with the text generated so far: True once more text can no longer change what is kept
    # (e.g. `postprocess.chat_completion_final`); generation of this request then stops.
    final: Callable[[str], bool] | None = field(default=None, compare=False)


def sample_seed(seed: int, prompt: str, sample: int) -> int:
    digest = hashlib.sha256(f"{seed}\0{sample}\0{prompt}".encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:8], "little") & ((1 << 63) - 1)


def cut_at_stop(text: str, stop: Iterable[str]) -> str:
    """`text` up to (not including) the earliest stop string, as MultiPL-E truncates completions; unchanged
    when none occurs."""
    cut = min((i for i in (text.find(s) for s in stop if s) if i >= 0), default=len(text))
    return text[:cut]


def is_vllm_model(model) -> bool:
    return type(model).__module__.split(".")[0] == "vllm"


def _stops(r: Request, text: str, new: str, window: int) -> bool:
    """Whether `text` (the request's generation so far, `new` its last token's text) ends it: a stop string,
    or `final` says so. `final` is asked only when a token brings a line break or a backtick (where code
    blocks and functions end), which keeps its cost off most steps."""
    if r.stop and any(s in text[-window:] for s in r.stop):
        return True
    return r.final is not None and ("\n" in new or "`" in new) and r.final(text)


def takes_token(row, token: int, r: Request, *, eos, max_new_tokens: int, loop_stop: int, window: int,
                decode: Callable[[list[int]], str]) -> bool:
    """Add `token` to a refilled row's `generated` (its text's length so far in `chars`) and say whether the row
    goes on: not at EOS, `max_new_tokens`, a loop (`loop_stop`), one of its stop strings or once `final` says so.
    The continuous decoders' one rule for ending a row (lrcg's over transformers, and llama.cpp's batch API)."""
    if token in eos:
        return False
    row.generated.append(token)
    if len(row.generated) >= max_new_tokens or (loop_stop and ends_in_loop(row.generated, loop_stop)):
        return False
    if r.stop or r.final is not None:
        text = decode(row.generated)
        ends = _stops(r, text, text[row.chars:], window)
        row.chars = len(text)
        return not ends
    return True


LOOP_MIN_REPEATS = 3  # `loop_stop`: a block repeated at least this many times ends a sequence


def ends_in_loop(ids: Sequence[int], span: int) -> bool:
    """Whether the last tokens are one block of p <= `span` tokens repeated back to back, over at least
    `span` tokens and LOOP_MIN_REPEATS blocks: the degenerate loop a small model's greedy decoding falls into
    and rides to `max_new_tokens` (SmolLM2-135M: "# Each integer is a positive integer, ..." twenty times).
    Checked from the end, so a step that is not in a loop costs about `span` comparisons."""
    n = len(ids)
    for p in range(1, span + 1):
        need = max(span, LOOP_MIN_REPEATS * p)
        if need > n:
            break
        for i in range(n - 1, n - need + p - 1, -1):
            if ids[i] != ids[i - p]:
                break
        else:
            return True
    return False


def loop_cut(ids: Sequence[int], span: int) -> int | None:
    """How many of `ids` a generation with `loop_stop=span` would have kept, or None if it never ends them."""
    return next((k for k in range(span, len(ids) + 1) if ends_in_loop(ids[:k], span)), None)


def _stopping_criteria(batch: "list[Request]", prompt_len: int, tokenizer, loop_stop: int = 0):
    """HF `generate` stopping criteria: per row, stop at one of its stop strings, once `final` says so, or
    (`loop_stop`) once it ends in a loop."""
    import torch
    from transformers import StoppingCriteria

    window = 4 * max((len(s) for r in batch for s in r.stop), default=0) + 8

    class StopStrings(StoppingCriteria):
        def __init__(self):
            self.lengths = [0] * len(batch)

        def __call__(self, input_ids, scores, **kwargs):
            done = []
            for i, r in enumerate(batch):
                if loop_stop and ends_in_loop(input_ids[i, prompt_len:].tolist(), loop_stop):
                    done.append(True)
                    continue
                if not (r.stop or r.final is not None):
                    done.append(False)
                    continue
                text = tokenizer.decode(input_ids[i, prompt_len:], skip_special_tokens=True)
                done.append(_stops(r, text, text[self.lengths[i]:], window))
                self.lengths[i] = len(text)
            return torch.tensor(done, dtype=torch.bool, device=input_ids.device)

    return StopStrings()


def _sample_rows(scores, generators: list, temperature: float, top_p: float):
    """One token per row, each drawn from its row's own generator (temperature, nucleus)."""
    import torch

    probs = torch.softmax(scores.float() / temperature, dim=-1)
    if top_p < 1.0:
        sorted_p, order = torch.sort(probs, descending=True, dim=-1)
        drop = torch.cumsum(sorted_p, dim=-1) - sorted_p > top_p  # keep the smallest set reaching top_p
        sorted_p = sorted_p.masked_fill(drop, 0.0)
        probs = torch.zeros_like(probs).scatter(-1, order, sorted_p)
    return torch.cat([torch.multinomial(probs[i], 1, generator=g) for i, g in enumerate(generators)])


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
            chosen = _sample_rows(scores, self.generators, temperature, top_p)
            out = torch.full_like(scores, float("-inf"))
            out[torch.arange(len(chosen)), chosen] = 0.0
            return out

    return SeededSampler()


def _add_special_tokens(tokenizer, prompts: list[str]) -> bool:
    bos = tokenizer.bos_token
    # A chat-templated prompt usually starts with BOS already; do not add a second one.
    return not (bos and all(p.startswith(bos) for p in prompts))


def _encode(tokenizer, prompts: list[str], device):
    return tokenizer(prompts, return_tensors="pt", padding=True,
                     add_special_tokens=_add_special_tokens(tokenizer, prompts)).to(device)


def _hf_generate_batch(model, tokenizer, batch: list[Request], temperature: float, top_p: float,
                       max_new_tokens: int, seed: int, loop_stop: int = 0) -> tuple[list[str], Counter]:
    """The reference: transformers' own `generate` over one left-padded batch; (texts, token counts)."""
    import torch
    from transformers import LogitsProcessorList, StoppingCriteriaList

    enc = _encode(tokenizer, [r.prompt for r in batch], model.device)
    prompt_len = enc["input_ids"].shape[1]
    kwargs = dict(max_new_tokens=max_new_tokens, do_sample=False, pad_token_id=tokenizer.pad_token_id,
                  temperature=None, top_p=None, top_k=None)
    if loop_stop or any(r.stop or r.final for r in batch):
        kwargs["stopping_criteria"] = StoppingCriteriaList([_stopping_criteria(batch, prompt_len, tokenizer,
                                                                               loop_stop)])
    if temperature > 0:
        seeds = [sample_seed(seed, r.prompt, r.sample) for r in batch]
        kwargs["logits_processor"] = LogitsProcessorList([_seeded_sampler(seeds, temperature, top_p)])
    with torch.inference_mode():
        out = model.generate(**enc, **kwargs)
    new = out[:, prompt_len:]
    counts = Counter(prompt_tokens=int(enc["attention_mask"].sum()),
                     new_tokens=int((new != tokenizer.pad_token_id).sum()))
    texts = tokenizer.batch_decode(new, skip_special_tokens=True)
    return [cut_at_stop(t, r.stop) for t, r in zip(texts, batch)], counts


# Logits processors a generation config can ask for; with any of them set, the reference path runs
# (the decode loop below implements plain greedy and temperature/top-p sampling only).
_GENERATE_ONLY = {"repetition_penalty": 1.0, "no_repeat_ngram_size": 0, "encoder_repetition_penalty": 1.0,
                  "bad_words_ids": None, "suppress_tokens": None, "begin_suppress_tokens": None,
                  "forced_bos_token_id": None, "forced_eos_token_id": None, "sequence_bias": None,
                  "min_new_tokens": None, "min_length": 0}
PREFIX_MIN_TOKENS = 16  # a shared prompt prefix at least this long is computed once and its KV cache reused
KV_ROOM_TOKENS = 256  # a decode-loop cache buffer grows by at least this many tokens (or half its size)
PRUNE_FRACTION = 0.25  # finished rows leave the batch once they are this share of it (a cache copy each time)
REFILL_FRACTION = 0.125  # continuous batching refills rows once this share of them is free


def decode_loop_supported(model) -> bool:
    """Whether `_hf_decode_batch` does what `generate` would with this model's generation config."""
    config = getattr(model, "generation_config", None)
    if config is None or not hasattr(model, "forward") or getattr(model.config, "is_encoder_decoder", False):
        return False
    return all(getattr(config, k, default) in (default, None) for k, default in _GENERATE_ONLY.items())


def _eos_ids(model, tokenizer) -> set[int]:
    ids = getattr(model.generation_config, "eos_token_id", None)
    ids = set(ids if isinstance(ids, (list, tuple)) else [ids] if ids is not None else [])
    if tokenizer.eos_token_id is not None:
        ids.add(tokenizer.eos_token_id)
    return ids


def _common_prefix(rows: list[list[int]]) -> int:
    first, n = rows[0], min(len(r) for r in rows) - 1  # every row keeps at least one token of its own
    for k in range(max(n, 0)):
        if any(r[k] != first[k] for r in rows):
            return k
    return max(n, 0)


@functools.cache
def _in_place_layer():
    """A `DynamicLayer` that keeps its keys and values in a buffer with room to spare and writes each step into
    it, where `DynamicLayer` concatenates the whole cache every step (measured on SmolLM2-135M, 2 cores, 32 rows,
    700 tokens of context: 244 ms a step with concatenation, 181 ms in place). Attention gets views of the same
    values, so tokens are unchanged. A cache another method replaced (pruned rows, repeated batch) is copied
    into a new buffer at the next step."""
    from transformers.cache_utils import DynamicLayer

    class InPlaceLayer(DynamicLayer):
        def update(self, key_states, value_states, *args, **kwargs):
            if not self.is_initialized:
                self.lazy_initialization(key_states, value_states)
                self.buffers = None
            held = self.keys.shape[-2] if self.keys.dim() == 4 else 0
            need = held + key_states.shape[-2]
            buffers = self.buffers
            if (buffers is None or held and self.keys.data_ptr() != buffers[0].data_ptr()
                    or buffers[0].shape[0] != key_states.shape[0] or need > buffers[0].shape[-2]):
                rows, heads, _, dim = key_states.shape
                room = need + max(KV_ROOM_TOKENS, need // 2)
                buffers = (key_states.new_empty(rows, heads, room, dim),
                           value_states.new_empty(rows, heads, room, value_states.shape[-1]))
                if held:
                    buffers[0][:, :, :held] = self.keys
                    buffers[1][:, :, :held] = self.values
                self.buffers = buffers
            buffers[0][:, :, held:need] = key_states
            buffers[1][:, :, held:need] = value_states
            self.keys, self.values = buffers[0][:, :, :need], buffers[1][:, :, :need]
            return self.keys, self.values

    return InPlaceLayer


def _kv_cache(model):
    """The decode loop's cache: a `DynamicCache` whose full-attention layers grow in place."""
    from transformers import DynamicCache
    from transformers.cache_utils import DynamicLayer

    cache = DynamicCache(config=model.config)
    cache.layers = [_in_place_layer()() if type(layer) is DynamicLayer else layer for layer in cache.layers]
    return cache


class SharedPrefixCache:
    """The KV cache of one prompt prefix, kept across the batches of a `generate_batches` call (one at a time:
    batches come grouped by technique and language)."""

    def __init__(self):
        self.key: tuple | None = None  # the prefix's token ids
        self.cache = None

    def keep(self, key: tuple, cache) -> None:
        self.key, self.cache = key, cache


def _hf_decode_batch(model, tokenizer, batch: list[Request], temperature: float, top_p: float,
                     max_new_tokens: int, seed: int, prefix_cache: "SharedPrefixCache",
                     loop_stop: int = 0) -> tuple[list[str], Counter]:
    """Greedy or seeded sampling over one batch with a KV cache, in a loop of our own, so that:

    - a prompt prefix shared by the whole batch (a chat template's system turn, the in-context-learning
      rules or examples) is computed once per `generate_batches` call (`prefix_cache`) and its cache copied
      into the batch;
    - a row stops at EOS, at one of its stop strings, once its `final` says the kept completion can no
      longer change, or (`loop_stop`) once it ends in a loop; finished rows leave the batch (they stop
      costing time).
    Returns (texts, token counts). Tokens are the ones `generate` picks on the same batch; pruning and the
    shared prefix change which rows share a matrix product, which can move float rounding (measured in
    benchmarks/bench_generation.py).
    """
    import copy
    import inspect

    import torch

    cache_arg = "cache" if "cache" in inspect.signature(model.forward).parameters else "past_key_values"
    device = model.device
    add_special = _add_special_tokens(tokenizer, [r.prompt for r in batch])
    rows = [tokenizer(r.prompt, add_special_tokens=add_special)["input_ids"] for r in batch]
    n = len(rows)
    counts: Counter = Counter()
    shared = _common_prefix(rows) if n > 1 or prefix_cache.key is not None else 0
    cache = None
    if shared >= PREFIX_MIN_TOKENS:
        key = tuple(rows[0][:shared])
        if key != prefix_cache.key:
            pc = _kv_cache(model)
            with torch.inference_mode():
                model(input_ids=torch.tensor([list(key)], device=device), **{cache_arg: pc}, use_cache=True,
                      logits_to_keep=1)
            prefix_cache.keep(key, pc)
            counts["prompt_tokens"] += shared
        cache = copy.deepcopy(prefix_cache.cache)
        if n > 1:
            cache.batch_repeat_interleave(n)
        counts["prefix_tokens_reused"] += shared * n
    else:
        shared = 0
        cache = _kv_cache(model)
    suffixes = [r[shared:] for r in rows]
    width = max(len(s) for s in suffixes)
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
    ids = torch.tensor([[pad] * (width - len(s)) + s for s in suffixes], device=device)
    mask = torch.tensor([[1] * shared + [0] * (width - len(s)) + [1] * len(s) for s in suffixes], device=device)
    counts["prompt_tokens"] += sum(len(s) for s in suffixes)
    generators = None
    if temperature > 0:
        generators = [torch.Generator(device=device).manual_seed(sample_seed(seed, r.prompt, r.sample))
                      for r in batch]
    eos = _eos_ids(model, tokenizer)
    active = list(range(n))  # batch rows still generating, in cache order
    generated: list[list[int]] = [[] for _ in range(n)]
    finished: set[int] = set()
    lengths = [0] * n  # characters of each row's text at the previous step
    window = 4 * max((len(s) for r in batch for s in r.stop), default=0) + 8
    with torch.inference_mode():
        position = (mask.cumsum(-1) - 1).clamp(min=0)[:, shared:]
        logits = model(input_ids=ids, attention_mask=mask, position_ids=position, **{cache_arg: cache},
                       use_cache=True, logits_to_keep=1).logits[:, -1, :]
        for step in range(max_new_tokens):
            if generators is None:
                tokens = logits.float().argmax(-1)  # under half of bf16's argmax time; same index
            else:
                tokens = _sample_rows(logits, [generators[i] for i in active], temperature, top_p)
            for j, row in enumerate(active):
                if row in finished:
                    continue
                token = int(tokens[j])
                if token in eos:
                    finished.add(row)
                    continue
                generated[row].append(token)
                if loop_stop and ends_in_loop(generated[row], loop_stop):
                    finished.add(row)
                    continue
                r = batch[row]
                if r.stop or r.final is not None:
                    text = tokenizer.decode(generated[row], skip_special_tokens=True)
                    if _stops(r, text, text[lengths[row]:], window):
                        finished.add(row)
                    lengths[row] = len(text)
            live = [j for j, row in enumerate(active) if row not in finished]
            if not live or step == max_new_tokens - 1:
                break
            if len(active) - len(live) >= max(1, PRUNE_FRACTION * len(active)):
                keep = torch.tensor(live, device=device)
                cache.batch_select_indices(keep)
                mask, tokens = mask[keep], tokens[keep]
                active = [active[j] for j in live]
            mask = torch.cat([mask, mask.new_ones((len(active), 1))], dim=-1)
            position = mask.sum(-1, keepdim=True) - 1
            counts["row_steps"] += len(active)
            logits = model(input_ids=tokens[:, None], attention_mask=mask, position_ids=position,
                           **{cache_arg: cache}, use_cache=True).logits[:, -1, :]
    counts["new_tokens"] += sum(len(g) for g in generated)
    texts = [tokenizer.decode(g, skip_special_tokens=True) for g in generated]
    return [cut_at_stop(t, r.stop) for t, r in zip(texts, batch)], counts


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


def check_decoding(temperature: float, top_p: float, max_new_tokens: int, batch_size: int, loop_stop: int) -> None:
    if temperature < 0 or not 0 < top_p <= 1 or max_new_tokens < 1 or batch_size < 1 or loop_stop < 0:
        raise LrcgError(f"bad decoding settings: temperature={temperature} (>= 0), top_p={top_p} (0 < p <= 1), "
                        f"max_new_tokens={max_new_tokens} (>= 1), batch_size={batch_size} (>= 1), "
                        f"loop_stop={loop_stop} (>= 0)")


def unique_requests(requests: Sequence[Request], temperature: float) -> list[list[int]]:
    """Positions of the requests, grouped so that greedy requests with one prompt and stops (identical
    generations) are one group; longest prompt first, which keeps padding small."""
    groups: dict[tuple, list[int]] = {}
    for i, r in enumerate(requests):
        key = (r.prompt, r.stop) if temperature == 0 else (r.prompt, r.stop, r.sample)
        groups.setdefault(key, []).append(i)
    return sorted(groups.values(), key=lambda idx: -len(requests[idx[0]].prompt))


@contextmanager
def progress_bar(total: int, enabled: bool, desc: str = "generating"):
    """A callable that advances a bar of `total` samples (tqdm), closed on leaving; does nothing when disabled."""
    if not enabled:
        yield lambda n: None
        return
    from tqdm.auto import tqdm

    bar = tqdm(total=total, desc=desc, unit="sample", leave=False)
    try:
        yield bar.update
    finally:
        bar.close()


def generate_batches(model, tokenizer, requests: Sequence[Request], *, temperature: float = 0.0, top_p: float = 0.95,
                     max_new_tokens: int = 512, seed: int = 0, batch_size: int = 8,
                     progress: bool = True, reference: bool = False, stats: dict | None = None,
                     loop_stop: int = 0) -> Iterator[list[tuple[int, str]]]:
    """Yield, batch after batch, `(request position, generated text)` for every request.

    Greedy requests with the same prompt and stops are generated once and shared (they are identical).
    Requests are batched longest prompt first, which keeps padding small. HF models go through lrcg's
    decode loop (shared-prefix KV cache, finished rows leave the batch) unless `reference` is set or the
    model's generation config asks for processors the loop does not have; then through `model.generate`.
    `stats`, if given, accumulates prompt_tokens, prefix_tokens_reused, new_tokens, sequences and (decode
    loop) row_steps, the rows computed over all decoding steps. `loop_stop` > 0 ends a sequence once it ends
    in a loop (`ends_in_loop`): it saves the tokens a looping response spends until `max_new_tokens`, and
    changes that response's text (it ends earlier); 0, the default, leaves every response as generated.
    (`continuous.generate_continuous` is the same work with finished rows refilled.)
    """
    check_decoding(temperature, top_p, max_new_tokens, batch_size, loop_stop)
    unique = unique_requests(requests, temperature)
    vllm = is_vllm_model(model)
    loop = not vllm and not reference and decode_loop_supported(model)
    stats = {} if stats is None else stats
    prefix_cache = SharedPrefixCache()
    with progress_bar(len(requests), progress) as advance:
        for start in range(0, len(unique), batch_size):
            chunk = unique[start:start + batch_size]
            batch = [requests[idx[0]] for idx in chunk]
            if vllm:
                if loop_stop:
                    raise LrcgError("loop_stop works with the hf, hf-generate and llamacpp-batched backends, not vllm")
                texts, counts = _vllm_batch(model, batch, temperature, top_p, max_new_tokens, seed), Counter()
            elif loop:
                texts, counts = _hf_decode_batch(model, tokenizer, batch, temperature, top_p, max_new_tokens, seed,
                                                 prefix_cache, loop_stop)
            else:
                texts, counts = _hf_generate_batch(model, tokenizer, batch, temperature, top_p, max_new_tokens,
                                                   seed, loop_stop)
            counts["sequences"] += len(batch)
            for name, n in counts.items():
                stats[name] = stats.get(name, 0) + n
            done = [(i, text) for idx, text in zip(chunk, texts) for i in idx]
            advance(len(done))
            yield done


def generate(model, tokenizer, prompts: Sequence[str], n_samples: int = 1, temperature: float = 0.0,
             top_p: float = 0.95, max_new_tokens: int = 512, stop: Sequence[str] = (), seed: int = 0,
             batch_size: int = 8, progress: bool = True, reference: bool = False,
             stats: dict | None = None, loop_stop: int = 0) -> list[list[str]]:
    """`n_samples` generated texts for each prompt (greedy when temperature == 0), cut at `stop`."""
    if n_samples < 1:
        raise LrcgError(f"n_samples must be >= 1, not {n_samples}")
    requests = [Request(p, s, tuple(stop)) for p in prompts for s in range(n_samples)]
    texts: list[str | None] = [None] * len(requests)
    for done in generate_batches(model, tokenizer, requests, temperature=temperature, top_p=top_p,
                                 max_new_tokens=max_new_tokens, seed=seed, batch_size=batch_size, progress=progress,
                                 reference=reference, stats=stats, loop_stop=loop_stop):
        for i, text in done:
            texts[i] = text
    return [texts[j * n_samples:(j + 1) * n_samples] for j in range(len(prompts))]  # type: ignore[misc]
