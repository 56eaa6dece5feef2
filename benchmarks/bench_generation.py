"""Generation throughput (new tokens/s) of the batched path vs one prompt at a time, through
`lrcg.generation.generate` — the code `lrcg evaluate` runs.

    .venv/bin/python benchmarks/bench_generation.py                          # tiny Llama, CPU, then the real
                                                                             # model (bench_real_generation.py)
    .venv/bin/python benchmarks/bench_generation.py --config deepseek-1.3b   # real-size model, GPU

`--config deepseek-1.3b` builds a randomly initialised Llama with DeepSeek-Coder-1.3B's configuration
(written out below; no download), so the numbers show real-size compute and memory traffic. Every prompt
generates exactly --max-new-tokens tokens (min_new_tokens is set), so token counts are exact.
"""
from __future__ import annotations

import argparse
import tempfile
import time

# deepseek-ai/deepseek-coder-1.3b-instruct config.json (architecture fields)
DEEPSEEK_1_3B = dict(hidden_size=2048, intermediate_size=5504, num_hidden_layers=24, num_attention_heads=16,
                     num_key_value_heads=16, vocab_size=32256, max_position_embeddings=16384, rms_norm_eps=1e-6,
                     rope_theta=100000.0, rope_scaling={"type": "linear", "factor": 4.0}, hidden_act="silu",
                     tie_word_embeddings=False)

CODE_LINES = ["def add(a, b):\n    return a + b\n", "for i in range(10):\n    if i % 2 == 0:\n        print(i)\n",
              "local function add(a, b)\n  return a + b\nend\n", "add <- function(a, b) {\n  a + b\n}\n"]


def make_prompts(n: int) -> list[str]:
    """Prompts of varied length (1-8 code snippets), like a benchmark's mix of short and long problems."""
    return ["".join(CODE_LINES[(i + j) % len(CODE_LINES)] for j in range(1 + i % 8)) for i in range(n)]


def build(config: str, device: str):
    import torch

    from lrcg.generation.tiny import make_tokenizer

    if config == "tiny":
        from lrcg.generation.models import load_model
        from lrcg.generation.tiny import make_tiny_model

        path = make_tiny_model(tempfile.mkdtemp(prefix="lrcg-bench-gen-") + "/tiny")
        model, tokenizer = load_model(str(path), device_map=device if device != "cpu" else None)
        return model, tokenizer
    from transformers import AutoModelForCausalLM, LlamaConfig

    tokenizer = make_tokenizer()  # ids it never produces are simply skipped when decoding
    tokenizer.padding_side = "left"
    cfg = LlamaConfig(bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
                      pad_token_id=tokenizer.pad_token_id, **DEEPSEEK_1_3B)
    dtype = torch.bfloat16 if device.startswith("cuda") else torch.float32
    torch.manual_seed(0)
    model = AutoModelForCausalLM.from_config(cfg, dtype=dtype).to(device).eval()
    return model, tokenizer


def throughput(model, tokenizer, prompts, batch_size: int, max_new_tokens: int) -> tuple[float, float, float]:
    """(new tokens per wall second, wall seconds, CPU seconds of this process)."""
    import torch

    from lrcg.generation import generate

    if torch.cuda.is_available():
        torch.cuda.synchronize()
    start, cpu = time.perf_counter(), time.process_time()
    generate(model, tokenizer, prompts, max_new_tokens=max_new_tokens, batch_size=batch_size, progress=False)
    if torch.cuda.is_available():
        torch.cuda.synchronize()
    seconds = time.perf_counter() - start
    return len(prompts) * max_new_tokens / seconds, seconds, time.process_time() - cpu


def main(argv: list[str] | None = None) -> int:
    import torch

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", choices=["tiny", "deepseek-1.3b"], default="tiny")
    parser.add_argument("--prompts", type=int, default=16)
    parser.add_argument("--max-new-tokens", type=int, default=None, help="default: 64 (tiny), 128 (deepseek-1.3b)")
    parser.add_argument("--batch-sizes", default="8", help="comma-separated batch sizes to compare with 1")
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = parser.parse_args(argv)
    max_new = args.max_new_tokens or (64 if args.config == "tiny" else 128)

    model, tokenizer = build(args.config, args.device)
    # exact token counts: no early EOS (set after the warm-up below)
    prompts = make_prompts(args.prompts)
    model.generation_config.min_new_tokens = 4
    throughput(model, tokenizer, prompts[:2], 2, 4)  # warm-up
    model.generation_config.min_new_tokens = max_new
    params = sum(p.numel() for p in model.parameters()) / 1e6
    print(f"model: {args.config} ({params:.1f} M parameters) on {args.device}; {len(prompts)} prompts x "
          f"{max_new} new tokens (greedy)")
    single, s_sec, s_cpu = throughput(model, tokenizer, prompts, 1, max_new)
    print(f"one prompt at a time   : {single:9.1f} tokens/s  ({s_sec:.2f} s wall, {s_cpu:.2f} s CPU)")
    for b in (int(x) for x in args.batch_sizes.split(",")):
        batched, b_sec, b_cpu = throughput(model, tokenizer, prompts, b, max_new)
        print(f"batched, batch size {b:<3}: {batched:9.1f} tokens/s  ({b_sec:.2f} s wall, {b_cpu:.2f} s CPU)  "
              f"speed-up x{batched / single:.2f}")
    if args.config == "tiny" and not argv:
        import importlib.util
        from pathlib import Path

        path = Path(__file__).with_name("bench_real_generation.py")
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        print()
        return module.main([])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
