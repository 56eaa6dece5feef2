"""Fine-tuning throughput and peak memory: full vs LoRA vs QLoRA.

    .venv/bin/python benchmarks/bench_training.py                       # tiny model (hidden 64, 2 layers), CPU
    .venv/bin/python benchmarks/bench_training.py --config deepseek-1.3b --steps 20   # GPU: randomly initialised
                                                                         # DeepSeek-Coder-1.3B architecture
Each method runs in its own process (`lrcg.training.train` on synthetic instruction/response pairs of about
--seq-len tokens), so its peak memory is its own: CPU peak RSS of the process (ru_maxrss), and on a GPU
torch.cuda.max_memory_allocated. Samples/s is the Trainer's train_samples_per_second (model loading excluded).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

METHODS = ("full", "lora", "qlora")
# DeepSeek-Coder-1.3B's architecture (its config.json on the Hub): Llama, 24 layers, hidden 2048.
CONFIGS = {
    "tiny": None,
    "deepseek-1.3b": dict(hidden_size=2048, intermediate_size=5504, num_hidden_layers=24, num_attention_heads=16,
                          num_key_value_heads=16, max_position_embeddings=16384, rope_theta=100000.0,
                          vocab_size=32256, tie_word_embeddings=False),
}


def make_model(config: str, path: Path) -> Path:
    """Save a randomly initialised model of the named configuration (with lrcg's tiny tokenizer) to `path`."""
    from lrcg.generation.tiny import make_tiny_model, make_tokenizer

    if config == "tiny":
        return make_tiny_model(path)
    import torch
    from transformers import AutoModelForCausalLM, LlamaConfig

    tokenizer = make_tokenizer()
    cfg = LlamaConfig(bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
                      pad_token_id=tokenizer.pad_token_id, **CONFIGS[config])
    torch.manual_seed(0)
    model = AutoModelForCausalLM.from_config(cfg, dtype=torch.bfloat16)
    model.save_pretrained(path)
    tokenizer.save_pretrained(path)
    return path


def synthetic_examples(n: int, seq_len: int):
    """n instruction/response pairs of roughly seq_len tokens (about 3 characters per token in the tiny BPE)."""
    from lrcg.training import Example

    line = "    total = total + values[i] * weight  # accumulate\n"
    body = line * max(1, (seq_len * 3 // 2) // len(line))
    return [Example(f"Write function f{i} that sums weighted values.\n" + body, f"def f{i}(values, weight):\n" + body)
            for i in range(n)]


def worker(method: str, model: str, steps: int, batch_size: int, seq_len: int, out: Path) -> dict:
    import torch

    from lrcg.training import train
    from lrcg.training.train import read_summary

    examples = synthetic_examples(steps * batch_size, seq_len)
    path = train(model, examples, method, "paper-a", out / method, max_steps=steps, batch_size=batch_size,
                 gradient_accumulation=1, warmup_steps=0, learning_rate=1e-4, validation_fraction=0,
                 save_checkpoints=False, logging_steps=1000, max_length=4 * seq_len)
    s = read_summary(path)
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cuda = torch.cuda.max_memory_allocated() / 2**20 if torch.cuda.is_available() else None
    return dict(method=method, steps=s["global_step"], samples_per_s=s["train_samples_per_second"],
                peak_rss_mb=round(peak_rss_mb), peak_cuda_mb=None if cuda is None else round(cuda))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", default="tiny", choices=sorted(CONFIGS))
    ap.add_argument("--methods", default=",".join(METHODS))
    ap.add_argument("--steps", type=int, default=8)
    ap.add_argument("--batch-size", type=int, default=4)
    ap.add_argument("--seq-len", type=int, default=None, help="tokens per example (default 128 tiny, 512 otherwise)")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--model", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    seq_len = args.seq_len or (128 if args.config == "tiny" else 512)
    if args.worker:
        print("RESULT " + json.dumps(worker(args.worker, args.model, args.steps, args.batch_size, seq_len,
                                            Path(args.out))), flush=True)
        return 0
    with tempfile.TemporaryDirectory(prefix="lrcg-bench-train-") as tmp:
        model = make_model(args.config, Path(tmp) / "model")
        print(f"config {args.config}, {args.steps} steps x batch {args.batch_size}, ~{seq_len} tokens/example")
        print(f"{'method':<7} {'samples/s':>10} {'peak RSS MB':>12} {'peak CUDA MB':>13}")
        for method in args.methods.split(","):
            cmd = [sys.executable, __file__, "--worker", method, "--model", str(model), "--out", tmp,
                   "--config", args.config, "--steps", str(args.steps), "--batch-size", str(args.batch_size),
                   "--seq-len", str(seq_len)]
            r = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "TQDM_DISABLE": "1"})
            lines = [ln for ln in r.stdout.splitlines() if ln.startswith("RESULT ")]
            if r.returncode != 0 or not lines:
                tail = (r.stderr.strip().splitlines() or ["(no output)"])[-1]
                print(f"{method:<7} failed: {tail}")
                continue
            res = json.loads(lines[-1][len("RESULT "):])
            cuda = "-" if res["peak_cuda_mb"] is None else str(res["peak_cuda_mb"])
            print(f"{method:<7} {res['samples_per_s']:>10.2f} {res['peak_rss_mb']:>12} {cuda:>13}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
