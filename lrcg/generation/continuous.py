"""Continuous batching for lrcg's decode loop: a finished row's place is refilled with the next prompt.

The plain decode loop (`batched._hf_decode_batch`) runs a batch until its last row finishes; finished rows leave
it, so the batch shrinks to a few long responses while the rest of the prompts wait. On a CPU the cost of a
decoding step barely grows with the number of rows (the weights are read once a step either way), so a shrinking
batch wastes most of a step. Here, once an eighth of the rows are free (finished, or never filled), the finished
rows leave and the next prompts join the running batch: each new prompt is computed alone (its prompt prefix
shared with every other prompt reused from one cache), so no padding is computed, and the caches are left-padded
to one length and concatenated once; the attention mask hides the padding, and every row keeps its own
positions. Columns that no remaining row uses are trimmed away, so the cache stays as long as the longest live
context.

Greedy tokens are `generate`'s on each row's own context; which rows share a matrix product changes, which can
move float rounding, as pruning already does (bf16 more than fp32; benchmarks/bench_decoding.py counts it).
"""
from __future__ import annotations

import copy
import inspect
import time
from dataclasses import dataclass, field
from typing import Iterator, Sequence

from .batched import (PREFIX_MIN_TOKENS, PRUNE_FRACTION, REFILL_FRACTION, Request, _add_special_tokens,
                      _common_prefix, _eos_ids, _kv_cache, _sample_rows, check_decoding, cut_at_stop,
                      decode_loop_supported, generate_batches, progress_bar, sample_seed, takes_token,
                      unique_requests)


@dataclass
class _Row:
    request: int  # position in the requests; -1 once it finished (it waits to leave the batch)
    generated: list[int] = field(default_factory=list)
    chars: int = 0  # characters of its text at the previous check
    generator: object = None


def continuous_supported(model) -> bool:
    """Whether every cache layer of the model is a plain full-attention layer (what joining caches handles)."""
    from transformers.cache_utils import DynamicLayer

    try:
        cache = _kv_cache(model)
    except Exception:  # noqa: BLE001 - a model whose cache cannot be built here is not supported
        return False
    return all(isinstance(layer, DynamicLayer) and not getattr(layer, "is_sliding", False) for layer in cache.layers)


def _left_pad(tensor, columns: int, dim: int):
    """`tensor` with `columns` zero columns prepended along `dim`."""
    import torch

    if columns == 0:
        return tensor
    shape = list(tensor.shape)
    shape[dim] = columns
    return torch.cat([tensor.new_zeros(shape), tensor], dim=dim)


def _join(parts):
    """One cache and mask holding the rows of every `(cache, mask)` in `parts`, each left-padded to the longest;
    the first part's cache receives them."""
    import torch

    width = max(mask.shape[1] for _, mask in parts)
    cache = parts[0][0]
    for k, layer in enumerate(cache.layers):
        joined = [c.layers[k] for c, _ in parts]
        layer.keys = torch.cat([_left_pad(j.keys, width - j.keys.shape[-2], 2) for j in joined])
        layer.values = torch.cat([_left_pad(j.values, width - j.values.shape[-2], 2) for j in joined])
    return cache, torch.cat([_left_pad(mask, width - mask.shape[1], 1) for _, mask in parts])


def _trim(cache, mask):
    """Drop the leading columns no row attends to (left behind by rows that finished)."""
    used = mask.any(0).nonzero()
    start = int(used[0]) if len(used) else 0
    if start:
        for layer in cache.layers:
            layer.keys, layer.values = layer.keys[:, :, start:], layer.values[:, :, start:]
        mask = mask[:, start:]
    return mask


def decode_continuous(model, tokenizer, requests: Sequence[Request], *, rows: int, temperature: float, top_p: float,
                      max_new_tokens: int, seed: int, stats: dict, loop_stop: int = 0
                      ) -> Iterator[list[tuple[int, str]]]:
    """Yield `(request position, text)` for requests as they finish, decoding up to `rows` of them at once."""
    import torch

    cache_arg = "cache" if "cache" in inspect.signature(model.forward).parameters else "past_key_values"
    device = model.device
    add_special = _add_special_tokens(tokenizer, [r.prompt for r in requests])
    ids = [tokenizer(r.prompt, add_special_tokens=add_special)["input_ids"] for r in requests]
    shared = _common_prefix(ids) if len(ids) > 1 else 0

    def spent(key: str, since: float) -> None:
        stats[key] = stats.get(key, 0) + round(1000 * (time.perf_counter() - since))

    prefix = None
    if shared >= PREFIX_MIN_TOKENS:
        began = time.perf_counter()
        prefix = _kv_cache(model)
        with torch.inference_mode():
            model(input_ids=torch.tensor([ids[0][:shared]], device=device), **{cache_arg: prefix}, use_cache=True,
                  logits_to_keep=1)
        stats["prompt_tokens"] = stats.get("prompt_tokens", 0) + shared
        spent("prefill_ms", began)
    else:
        shared = 0
    eos = _eos_ids(model, tokenizer)
    window = 4 * max((len(s) for r in requests for s in r.stop), default=0) + 8
    waiting = list(range(len(requests)))
    live: list[_Row] = []
    cache = mask = logits = None
    idle = torch.Generator(device=device).manual_seed(seed)  # draws the ignored tokens of finished rows
    refill_at = max(1, int(REFILL_FRACTION * rows))  # free rows that make a refill worth its cache copies

    def prefill(i: int):
        """Cache, mask and next-token logits of request `i` alone (no padding), its shared prefix reused."""
        if prefix is not None:
            c = copy.deepcopy(prefix)
            stats["prefix_tokens_reused"] = stats.get("prefix_tokens_reused", 0) + shared
        else:
            c = _kv_cache(model)
        suffix = ids[i][shared:]
        stats["prompt_tokens"] = stats.get("prompt_tokens", 0) + len(suffix)
        m = torch.ones((1, len(ids[i])), dtype=torch.long, device=device)
        position = torch.arange(shared, len(ids[i]), device=device)[None]
        out = model(input_ids=torch.tensor([suffix], device=device), attention_mask=m, position_ids=position,
                    **{cache_arg: c}, use_cache=True, logits_to_keep=1).logits[:, -1, :]
        return c, m, out

    with torch.inference_mode():
        while waiting or live:
            dead = [j for j, row in enumerate(live) if row.request < 0]
            refill = bool(waiting) and rows - len(live) + len(dead) >= refill_at
            if dead and (refill or len(dead) == len(live) or len(dead) >= max(1, PRUNE_FRACTION * len(live))):
                # Finished rows leave in one cache copy once prompts can take their places, or, with none
                # waiting, once they are a quarter of the batch (until then they cost a share of each step, which
                # is cheaper than copying the cache every time one finishes).
                began = time.perf_counter()
                keep = [j for j, row in enumerate(live) if row.request >= 0]
                live = [live[j] for j in keep]
                if live:
                    index = torch.tensor(keep, device=device)
                    cache.batch_select_indices(index)
                    mask, logits = _trim(cache, mask[index]), logits[index]
                else:
                    cache = mask = logits = None
                spent("join_ms", began)
            if refill:  # the finished rows have left: `rows - len(live) >= refill_at`
                batch, waiting = waiting[:rows - len(live)], waiting[rows - len(live):]
                began = time.perf_counter()
                parts = [prefill(i) for i in batch]
                spent("prefill_ms", began)
                began = time.perf_counter()
                new = [_Row(i) for i in batch]
                if temperature > 0:
                    for row in new:
                        row.generator = torch.Generator(device=device).manual_seed(
                            sample_seed(seed, requests[row.request].prompt, requests[row.request].sample))
                if live:
                    stats["joins"] = stats.get("joins", 0) + 1
                    parts.insert(0, (cache, mask, logits))
                cache, mask = _join([(c, m) for c, m, _ in parts])
                mask, logits = _trim(cache, mask), torch.cat([out for _, _, out in parts])
                live += new
                spent("join_ms", began)
            if not live:
                break
            if temperature > 0:
                tokens = _sample_rows(logits, [row.generator or idle for row in live], temperature, top_p)
            else:
                tokens = logits.float().argmax(-1)  # under half of bf16's argmax time; same index
            decode = lambda ids: tokenizer.decode(ids, skip_special_tokens=True)  # noqa: E731
            finished = [row for j, row in enumerate(live) if row.request >= 0 and not takes_token(
                row, int(tokens[j]), requests[row.request], eos=eos, max_new_tokens=max_new_tokens,
                loop_stop=loop_stop, window=window, decode=decode)]
            if finished:
                stats["new_tokens"] = stats.get("new_tokens", 0) + sum(len(row.generated) for row in finished)
                stats["sequences"] = stats.get("sequences", 0) + len(finished)
                yield [(row.request, cut_at_stop(tokenizer.decode(row.generated, skip_special_tokens=True),
                                                 requests[row.request].stop)) for row in finished]
                for row in finished:
                    row.request, row.generator = -1, None
                if all(row.request < 0 for row in live):
                    continue
            mask = torch.cat([mask, mask.new_ones((len(live), 1))], dim=-1)
            position = mask.sum(-1, keepdim=True) - 1
            stats["row_steps"] = stats.get("row_steps", 0) + len(live)
            stats["steps"] = stats.get("steps", 0) + 1
            stats["cache_columns"] = stats.get("cache_columns", 0) + mask.shape[1]
            began = time.perf_counter()
            logits = model(input_ids=tokens[:, None], attention_mask=mask, position_ids=position,
                           **{cache_arg: cache}, use_cache=True).logits[:, -1, :]
            spent("step_ms", began)


def generate_continuous(model, tokenizer, requests: Sequence[Request], *, temperature: float = 0.0,
                        top_p: float = 0.95, max_new_tokens: int = 512, seed: int = 0, batch_size: int = 8,
                        progress: bool = True, stats: dict | None = None,
                        loop_stop: int = 0) -> Iterator[list[tuple[int, str]]]:
    """`batched.generate_batches` with finished rows refilled: `(request position, text)` as requests finish,
    `batch_size` rows decoded at once. A model the decode loop or joined caches cannot serve goes batch by
    batch through `generate_batches`."""
    if not (decode_loop_supported(model) and continuous_supported(model)):
        yield from generate_batches(model, tokenizer, requests, temperature=temperature, top_p=top_p,
                                    max_new_tokens=max_new_tokens, seed=seed, batch_size=batch_size,
                                    progress=progress, stats=stats, loop_stop=loop_stop)
        return
    check_decoding(temperature, top_p, max_new_tokens, batch_size, loop_stop)
    unique = unique_requests(requests, temperature)
    stats = {} if stats is None else stats
    with progress_bar(len(requests), progress) as advance:
        for finished in decode_continuous(model, tokenizer, [requests[idx[0]] for idx in unique], rows=batch_size,
                                          temperature=temperature, top_p=top_p, max_new_tokens=max_new_tokens,
                                          seed=seed, stats=stats, loop_stop=loop_stop):
            done = [(i, text) for k, text in finished for i in unique[k]]
            advance(len(done))
            yield done
