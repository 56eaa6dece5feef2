"""Decoding at the CPU's limit: one GGUF, the same chat prompts, every way lrcg can decode them on a CPU.

Side by side, on the first N MultiPL-E problems of each language (baseline chat prompts as `lrcg evaluate` builds
them, greedy, at most --max-new-tokens, loop stop 64, a response ending once its kept completion is settled):

  llama.cpp single stream      llama-cpp-python, one sequence at a time (the anchor)
  llama.cpp batched            llama.cpp's batch API, --rows sequences refilled as they finish (its own quantized
                               kernels on the GGUF's weights)
  hf loop fp32 / bf16          lrcg's decode loop, batch after batch (bf16 only where the CPU has native bf16)
  hf continuous fp32 / bf16    the same loop refilling finished rows with waiting prompts
  hf continuous int8           weights of every Linear layer dynamically quantized to int8 (torch.ao)

Each line: new tokens/s, tokens per response, wall time, the speed-up over llama.cpp, the effective GFLOP/s
(2 x parameters x tokens/s: what the decoded tokens cost at the model's size), programs passed (executed by
lrcg's engine) and greedy pass/fail agreement with the reference (hf loop fp32), with the problems that differ.

    .venv/bin/python benchmarks/bench_decoding.py [--model qwen2.5-coder-0.5b-instruct] [--prompts 32]
        [--languages py] [--rows 32] [--only llamacpp,loop-fp32,...]
"""
from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

CONFIGS = ("llamacpp", "llamacpp-batched", "loop-fp32", "loop-bf16", "continuous-fp32", "continuous-bf16",
           "continuous-int8")
LOOP_STOP = 64


def _requests(tokenizer, problems):
    from functools import partial

    from lrcg.generation import Request, prompting
    from lrcg.generation.postprocess import chat_completion_final

    return [Request(prompting.build_prompt("baseline", p, tokenizer=tokenizer, chat=True),
                    final=partial(chat_completion_final, p)) for p in problems]


def _hf(model, tokenizer, problems, rows, max_new, continuous):
    from lrcg.generation import generate_batches
    from lrcg.generation.continuous import generate_continuous

    requests = _requests(tokenizer, problems)
    stats, texts, start = {}, [None] * len(requests), time.perf_counter()
    generate = generate_continuous if continuous else generate_batches
    for done in generate(model, tokenizer, requests, max_new_tokens=max_new, batch_size=rows, progress=False,
                         stats=stats, loop_stop=LOOP_STOP):
        for i, t in done:
            texts[i] = t
    return texts, stats["new_tokens"], time.perf_counter() - start


def _llamacpp(gguf, tokenizer, problems, max_new):
    """One sequence at a time, greedy, with the same early stop and loop stop as the decode loop."""
    from llama_cpp import Llama

    from lrcg.generation.batched import ends_in_loop

    # as `--backend llamacpp` loads it: llama-cpp-python's default threads (half the cores)
    llm = Llama(model_path=str(gguf), n_ctx=4096, n_threads=None, verbose=False)
    texts, tokens, start = [], 0, time.perf_counter()
    for r in _requests(tokenizer, problems):
        out = []
        for token in llm.generate(llm.tokenize(r.prompt.encode(), add_bos=False, special=True), temp=0.0, top_k=1,
                                  reset=True):
            if llm.token_eos() == token or token in (tokenizer.eos_token_id, tokenizer.pad_token_id):
                break
            out.append(token)
            text = llm.detokenize(out).decode("utf-8", errors="ignore")
            if len(out) >= max_new or ends_in_loop(out, LOOP_STOP) or r.final(text):
                break
        texts.append(llm.detokenize(out).decode("utf-8", errors="ignore"))
        tokens += len(out)
    return texts, tokens, time.perf_counter() - start


def _llamacpp_batched(gguf, tokenizer, problems, rows, max_new):
    """The GGUF through llama.cpp's batch API, `rows` sequences at once, on the same rendered prompts."""
    from llama_cpp import Llama

    from lrcg.generation.llamacpp_batched import generate_llamacpp_batched

    llm = Llama(model_path=str(gguf), n_ctx=512, n_threads=None, verbose=False)
    tokenize = lambda text: llm.tokenize(text.encode(), add_bos=False, special=True)  # noqa: E731
    requests = _requests(tokenizer, problems)
    stats, texts, start = {}, [None] * len(requests), time.perf_counter()
    for done in generate_llamacpp_batched(llm, tokenize, requests, rows=rows, max_new_tokens=max_new,
                                          loop_stop=LOOP_STOP, stats=stats):
        for i, t in done:
            texts[i] = t
    return texts, stats["new_tokens"], time.perf_counter() - start


def _passed(problems, texts) -> list[bool]:
    from lrcg.benchmarks import build_program
    from lrcg.execution import Program, run_programs
    from lrcg.generation.postprocess import completion_from_chat

    programs = [Program(p.language, build_program(p, completion_from_chat(p, t))) for p, t in zip(problems, texts)]
    return [o.status == "OK" for o in run_programs(programs, progress=False)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="qwen2.5-coder-0.5b-instruct", help="a registry model with a GGUF")
    parser.add_argument("--prompts", type=int, default=32, help="problems per language")
    parser.add_argument("--languages", default="py")
    parser.add_argument("--max-new-tokens", type=int, default=384)
    parser.add_argument("--rows", type=int, default=32, help="batch size / rows decoded at once")
    parser.add_argument("--only", default=",".join(CONFIGS), help=f"comma-separated subset of {', '.join(CONFIGS)}")
    args = parser.parse_args(argv)
    shared = Path(__file__).resolve().parents[2] / "shared" / "data"  # as the Makefile and tests do
    if "LRCG_DATA_DIR" not in os.environ and shared.is_dir():
        os.environ["LRCG_DATA_DIR"] = str(shared)

    import torch

    from lrcg.benchmarks import load_benchmark
    from lrcg.generation.models import fetched_gguf, load_model, model_info
    from lrcg.hardware import cpu_bf16

    info = model_info(args.model)
    gguf = fetched_gguf(info) if info is not None else None
    if gguf is None:
        print(f"skipped: {args.model} has no fetched GGUF (lrcg models fetch {args.model})")
        return 0
    variant = f"{info.name}@{info.gguf.file}"
    wanted = [c for c in args.only.split(",") if c]
    problems = [p for lang in args.languages.split(",") for p in load_benchmark("multipl-e", lang)[:args.prompts]]
    bf16 = cpu_bf16()
    print(f"{variant}: {len(problems)} MultiPL-E baseline chat prompts ({args.languages}), greedy, at most "
          f"{args.max_new_tokens} new tokens, loop stop {LOOP_STOP}, {args.rows} rows; torch "
          f"{torch.__version__}, {torch.get_num_threads()} threads, CPU capability "
          f"{torch.backends.cpu.get_cpu_capability()}, native bf16: {'yes' if bf16 else 'no'}", flush=True)
    results: dict[str, tuple] = {}
    model = tokenizer = params = None
    for name in [c for c in CONFIGS if c in wanted]:
        kind, _, precision = name.partition("-")
        if precision == "bf16" and not bf16:
            print(f"{name:<20} skipped: this CPU has no native bf16 (avx512_bf16 / amx_bf16)")
            continue
        if kind == "llamacpp":
            try:
                import llama_cpp  # noqa: F401
            except ImportError:
                print(f"{name:<20} skipped: llama-cpp-python is not installed")
                continue
            if tokenizer is None:
                from lrcg.generation.models import load_tokenizer, resolve_model
                tokenizer = load_tokenizer(resolve_model(variant))
            results[name] = (_llamacpp(gguf, tokenizer, problems, args.max_new_tokens) if name == "llamacpp" else
                             _llamacpp_batched(gguf, tokenizer, problems, args.rows, args.max_new_tokens))
        else:
            model, tokenizer = load_model(variant, dtype="bfloat16" if precision == "bf16" else "float32")
            params = params or sum(p.numel() for p in model.parameters())
            if precision == "int8":
                model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
            results[name] = _hf(model, tokenizer, problems, args.rows, args.max_new_tokens, kind == "continuous")
        texts, tokens, seconds = results[name]
        results[name] = (texts, tokens, seconds, _passed(problems, texts))
        print(f"{name:<20} {tokens / seconds:7.1f} tokens/s  {tokens / len(problems):6.1f} tokens/response  "
              f"{seconds:7.1f} s  passed {sum(results[name][3])}/{len(problems)}", flush=True)
    anchor = results.get("llamacpp")
    reference = results.get("loop-fp32")
    print(f"\n{'decoding':<20} {'tokens/s':>9} {'x llama.cpp':>12} {'GFLOP/s':>8} {'passed':>7}  pass/fail vs loop-fp32")
    for name, (texts, tokens, seconds, passed) in results.items():
        rate = tokens / seconds
        speedup = f"{rate / (anchor[1] / anchor[2]):.2f}" if anchor else "-"
        flops = f"{2 * params * rate / 1e9:.0f}" if params else "-"
        if reference is not None:
            differ = [p.task_id for p, a, b in zip(problems, passed, reference[3]) if a != b]
            agree = f"{len(problems) - len(differ)}/{len(problems)} agree" + (f"; differ: {', '.join(differ)}"
                                                                             if differ else "")
        else:
            agree = "-"
        print(f"{name:<20} {rate:9.1f} {speedup:>12} {flops:>8} {sum(passed):>3}/{len(problems):<3}  {agree}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
