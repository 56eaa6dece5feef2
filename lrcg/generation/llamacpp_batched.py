"""Many sequences at once through llama.cpp's batch API, refilled as they finish (continuous batching).

llama-cpp-python's high-level API decodes one sequence at a time, which leaves a CPU's matrix units mostly idle
on a small model: a step costs about the same for one row as for thirty. Here one llama.cpp context holds up to
`rows` sequences in a unified KV cache; each `llama_decode` call takes one new token of every running sequence
plus prompt tokens of the sequences that are starting, so a finished sequence's place is taken by the next prompt
at once, with no padding. The prompt prefix every request shares (a chat template's system turn, the in-context
examples or rules) is computed once into a sequence of its own and copied into each new sequence
(`llama_memory_seq_cp`: in a unified cache the cells are shared, not copied).

Prompts are the text a chat template renders (the GGUF's own template, as transformers applies it for the hf
backends) or the completion prompt as is. Greedy picks the argmax of each row's logits; sampling draws each
sample from its own generator seeded from (seed, prompt, sample), as the hf decode loop does.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Iterator, Sequence

from ..errors import LrcgError

BATCH_TOKENS = 512  # tokens one llama_decode call takes at most (running rows first, then prompt tokens)


def render_chat(llm, messages_json: str) -> str:
    """The prompt text the GGUF's own chat template gives for a JSON list of messages (generation prompt added)."""
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    template = llm.metadata.get("tokenizer.chat_template")
    if not template:
        raise LrcgError("the GGUF has no chat template (tokenizer.chat_template): use a completion prompt")
    eos, bos = llm.token_eos(), llm.token_bos()
    formatter = Jinja2ChatFormatter(template=template,
                                    eos_token=llm._model.token_get_text(eos) if eos != -1 else "",
                                    bos_token=llm._model.token_get_text(bos) if bos != -1 else "")
    return formatter(messages=json.loads(messages_json)).prompt


@dataclass
class _Seq:
    request: int
    slot: int  # llama.cpp sequence id
    pending: list[int]  # prompt tokens not yet decoded
    position: int  # tokens of this sequence in the cache
    generated: list[int] = field(default_factory=list)
    chars: int = 0
    generator: object = None


def _context(llm, rows: int, n_ctx: int):
    """A second context over the loaded model with room for `rows` + 1 sequences in one unified cache."""
    import llama_cpp
    from llama_cpp import _internals

    params = llama_cpp.llama_context_default_params()
    # Every core: a step over many rows is compute-bound (llama-cpp-python's default is half the cores, which
    # suits one memory-bound sequence; measured on 2 cores, 16 rows: 38 tokens/s on one thread, 75 on two).
    params.n_threads = params.n_threads_batch = max(os.cpu_count() or 1, llm.context_params.n_threads)
    params.n_ctx = n_ctx
    params.n_batch = params.n_ubatch = BATCH_TOKENS
    params.n_seq_max = rows + 1  # + the shared prefix's own sequence
    params.kv_unified = True
    return _internals.LlamaContext(model=llm._model, params=params, verbose=False)


def generate_llamacpp_batched(llm, tokenize, requests: Sequence, *, rows: int, temperature: float = 0.0,
                              top_p: float = 0.95, max_new_tokens: int = 512, seed: int = 0, loop_stop: int = 0,
                              stats: dict | None = None) -> Iterator[list[tuple[int, str]]]:
    """Yield `(request position, text)` as requests finish. `tokenize(text) -> ids` turns a request's prompt
    (already the text the model reads) into tokens."""
    import llama_cpp
    import numpy as np

    from .batched import _common_prefix, _sample_rows, cut_at_stop, sample_seed, takes_token

    stats = {} if stats is None else stats
    ids = [tokenize(r.prompt) for r in requests]
    if not ids:
        return
    longest = max(len(t) for t in ids)
    shared = _common_prefix(ids) if len(ids) > 1 else 0
    n_ctx = shared + rows * (longest - shared + max_new_tokens) + BATCH_TOKENS
    ctx = _context(llm, rows, n_ctx)
    memory = llama_cpp.llama_get_memory(ctx.ctx)
    batch = llama_cpp.llama_batch_init(BATCH_TOKENS, 0, 1)
    n_vocab = llm.n_vocab()
    eos = {llm.token_eos(), *(t for t in (llm._model.token_eot(),) if t != -1)}
    window = 4 * max((len(s) for r in requests for s in r.stop), default=0) + 8
    prefix_slot = rows

    def decode(entries: list[tuple[int, int, int, bool]]) -> None:
        """One llama_decode over (token, position, sequence, wants logits) entries."""
        batch.n_tokens = len(entries)
        for k, (token, position, slot, logits) in enumerate(entries):
            batch.token[k], batch.pos[k], batch.n_seq_id[k] = token, position, 1
            batch.seq_id[k][0], batch.logits[k] = slot, logits
        if llama_cpp.llama_decode(ctx.ctx, batch) != 0:
            raise LrcgError(f"llama.cpp could not decode a batch of {len(entries)} tokens "
                            f"(context {n_ctx} tokens for {rows} rows)")

    try:
        if shared:
            for start in range(0, shared, BATCH_TOKENS):
                chunk = ids[0][start:start + BATCH_TOKENS]
                decode([(t, start + k, prefix_slot, False) for k, t in enumerate(chunk)])
            stats["prompt_tokens"] = stats.get("prompt_tokens", 0) + shared
        waiting = list(range(len(requests)))
        free = list(range(rows))
        running: list[_Seq] = []
        while waiting or running:
            while waiting and free:
                i, slot = waiting.pop(0), free.pop(0)
                llama_cpp.llama_memory_seq_rm(memory, slot, -1, -1)
                if shared:
                    llama_cpp.llama_memory_seq_cp(memory, prefix_slot, slot, 0, shared)
                    stats["prefix_tokens_reused"] = stats.get("prefix_tokens_reused", 0) + shared
                seq = _Seq(i, slot, ids[i][shared:], shared)
                stats["prompt_tokens"] = stats.get("prompt_tokens", 0) + len(seq.pending)
                if temperature > 0:
                    import torch

                    r = requests[i]
                    seq.generator = torch.Generator().manual_seed(sample_seed(seed, r.prompt, r.sample))
                running.append(seq)
            # Running rows' next tokens first, then as many prompt tokens as the batch has room for.
            entries, wants = [], []
            for seq in running:
                if not seq.pending:
                    wants.append((seq, len(entries)))
                    entries.append((seq.generated[-1], seq.position, seq.slot, True))
            for seq in running:
                if seq.pending and len(entries) < BATCH_TOKENS:
                    take = seq.pending[:BATCH_TOKENS - len(entries)]
                    seq.pending = seq.pending[len(take):]
                    for k, t in enumerate(take):
                        last = not seq.pending and k == len(take) - 1
                        if last:
                            wants.append((seq, len(entries)))
                        entries.append((t, seq.position + k, seq.slot, last))
                    seq.position += len(take)
            for seq, _ in wants:
                if seq.generated:
                    seq.position += 1  # its last token is now in the cache
            decode(entries)
            stats["row_steps"] = stats.get("row_steps", 0) + len(wants)
            logits = np.stack([np.ctypeslib.as_array(llama_cpp.llama_get_logits_ith(ctx.ctx, k), shape=(n_vocab,))
                               for _, k in wants]) if wants else None
            if logits is None:
                continue
            if temperature > 0:
                import torch

                tokens = _sample_rows(torch.from_numpy(logits.copy()), [s.generator for s, _ in wants],
                                      temperature, top_p).tolist()
            else:
                tokens = logits.argmax(-1).tolist()
            text_of = lambda ids: llm.detokenize(ids).decode("utf-8", errors="ignore")  # noqa: E731
            finished = [seq for (seq, _), token in zip(wants, tokens) if not takes_token(
                seq, token, requests[seq.request], eos=eos, max_new_tokens=max_new_tokens, loop_stop=loop_stop,
                window=window, decode=text_of)]
            if finished:
                stats["new_tokens"] = stats.get("new_tokens", 0) + sum(len(s.generated) for s in finished)
                stats["sequences"] = stats.get("sequences", 0) + len(finished)
                yield [(s.request, cut_at_stop(llm.detokenize(s.generated).decode("utf-8", errors="ignore"),
                                               requests[s.request].stop)) for s in finished]
                for s in finished:
                    running.remove(s)
                    free.append(s.slot)
    finally:
        llama_cpp.llama_batch_free(batch)
        ctx.close()
