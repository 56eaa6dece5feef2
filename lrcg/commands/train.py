"""`lrcg train`: fine-tune a model (full, LoRA or QLoRA) with CodeM's or paper A's settings.

    lrcg train --model deepseek-coder-1.3b-instruct --data multipl-t:rkt --method lora --preset paper-a \
        --output runs/ft/rkt-lora
    lrcg train --model deepseek-coder-1.3b-instruct --two-stage --translation-data translation:rkt \
        --data multipl-t:rkt --method qlora --output runs/ft/rkt-2stage
    lrcg train --model qwen2.5-coder-0.5b-instruct --preset laptop --data runs/data/rkt-generation.jsonl \
        --output runs/ft/rkt     # a laptop CPU: LoRA r 16, bf16 autocast where native, checkpoint every 10 steps
    accelerate launch --config_file lrcg/configs/accelerate_multi_gpu.yaml -m lrcg train ... \
        --method full --deepspeed lrcg/configs/deepspeed_zero3.json
"""
from __future__ import annotations

import os

DATA_HELP = ("codem:LANG | codem:FILE.json | multipl-t:LANG | multipl-t:FILE.jsonl | translation:LANG | "
             "translation:LANG:PY.jsonl:TARGET.jsonl | FILE.json[l] with instruction/output fields")


def run(args) -> int:
    from ..errors import LrcgError
    from ..hardware import describe
    from ..training.train import read_summary, train, train_two_stage

    if args.two_stage and not args.translation_data:
        raise LrcgError("--two-stage needs --translation-data (e.g. translation:rkt)")
    if args.translation_data and not args.two_stage:
        raise LrcgError("--translation-data is used only with --two-stage")
    kwargs = dict(epochs=args.epochs, max_steps=args.max_steps, learning_rate=args.learning_rate,
                  batch_size=args.batch_size, gradient_accumulation=args.gradient_accumulation,
                  max_length=args.max_length, prompt_style=args.prompt_style, validation=args.validation_data,
                  validation_fraction=args.validation_fraction, resume=args.resume,
                  lora=_lora(args),
                  gradient_checkpointing=args.gradient_checkpointing, deepspeed=args.deepspeed, seed=args.seed,
                  save_steps=args.save_steps, precision=args.precision, progress=args.progress,
                  logging_steps=args.logging_steps)
    if int(os.environ.get("RANK", "0")) == 0:
        print(describe(), flush=True)
    if args.two_stage:
        out = train_two_stage(args.model, args.translation_data, args.data, args.method, args.preset, args.output,
                              **kwargs)
    else:
        out = train(args.model, args.data, args.method, args.preset, args.output, merge=args.merge, **kwargs)
    if int(os.environ.get("RANK", "0")) != 0:  # under accelerate launch / torchrun, rank 0 reports
        return 0
    s = read_summary(out)
    loss = (f"validation loss {s['eval_loss_before']:.4f} -> {s['eval_loss_after']:.4f}"
            if s.get("eval_loss_before") is not None and s.get("eval_loss_after") is not None else "")
    print(f"{s['output']} saved to {out} ({s['global_step']} steps, {s['train_examples']} training examples, "
          f"{s['dropped_too_long']} dropped as too long) {loss}".rstrip())
    if s.get("train_tokens_per_second"):
        print(f"trained {s['train_tokens']} tokens in {s['train_seconds']:.0f} s: {s['train_tokens_per_second']:.1f} "
              f"tokens/s ({s['precision']})")
    if s["output"] == "adapter":
        print(f"evaluate it with: lrcg evaluate --model {args.model} --adapter {out}")
    else:
        print(f"evaluate it with: lrcg evaluate --model {out}")
    return 0


def _lora(args):
    """LoRA settings from --lora-r/--lora-alpha/--lora-dropout; the preset's rank (alpha = 2 x rank) where not given."""
    from ..training.train import LoraSettings, get_preset

    if args.lora_r is None and args.lora_alpha is None and args.lora_dropout is None:
        return None
    r = args.lora_r or get_preset(args.preset).lora_r
    return LoraSettings(r=r, alpha=args.lora_alpha or 2 * r,
                        dropout=0.05 if args.lora_dropout is None else args.lora_dropout)


def register(sub) -> None:
    from ..hardware import PRECISIONS
    from ..training.data import PROMPT_STYLES

    p = sub.add_parser("train", help="fine-tune a model: full, LoRA or QLoRA; CodeM or paper-A presets")
    p.add_argument("--model", required=True, help="registry name, Hub id or local model directory")
    p.add_argument("--data", required=True, help=DATA_HELP)
    p.add_argument("--output", required=True, help="output directory (checkpoints, final model or adapter)")
    p.add_argument("--method", default="lora", help="full | lora | qlora (default lora)")
    p.add_argument("--preset", default="paper-a", help="paper-a | codem | laptop (default paper-a)")
    p.add_argument("--two-stage", action="store_true",
                   help="paper A technique 6: train on --translation-data first, then on --data from that result")
    p.add_argument("--translation-data", help="stage-1 data for --two-stage, e.g. translation:rkt")
    p.add_argument("--validation-data", help="validation data spec (default: a seeded split of --data)")
    p.add_argument("--validation-fraction", type=float, default=0.05)
    p.add_argument("--resume", action="store_true", help="continue from the last complete checkpoint in --output")
    p.add_argument("--save-steps", type=int, help="checkpoint every N optimizer steps (default: the preset's; "
                                                   "0 = once per epoch)")
    p.add_argument("--precision", default="auto", choices=PRECISIONS,
                   help="auto (default): bf16 autocast where bf16 is native (lrcg doctor), else fp32")
    p.add_argument("--logging-steps", type=int, default=1, help="log (loss, tokens/s) every N steps (default 1)")
    p.add_argument("--no-progress", dest="progress", action="store_false",
                   help="no progress bar and no per-log line (step, loss, tokens/s, time left)")
    p.add_argument("--epochs", type=float)
    p.add_argument("--max-steps", type=int, help="stop after N optimizer steps (overrides --epochs)")
    p.add_argument("--learning-rate", type=float)
    p.add_argument("--batch-size", type=int, help="per device")
    p.add_argument("--gradient-accumulation", type=int)
    p.add_argument("--max-length", type=int, help="drop examples longer than this many tokens")
    p.add_argument("--prompt-style", choices=PROMPT_STYLES, help="codem (Figure 2) or chat (the model's template)")
    p.add_argument("--lora-r", type=int, help="LoRA rank (default: the preset's, 16)")
    p.add_argument("--lora-alpha", type=int, help="default 2 x rank")
    p.add_argument("--lora-dropout", type=float, help="default 0.05")
    p.add_argument("--merge", action="store_true", help="LoRA: save the merged full model instead of the adapter")
    p.add_argument("--gradient-checkpointing", action="store_true")
    p.add_argument("--deepspeed", help="DeepSpeed config, e.g. lrcg/configs/deepspeed_zero3.json (multi-GPU)")
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(func=run)
