"""`lrcg finetune --plan NAME`: a fine-tuning plan end to end (params/finetune/NAME.yaml): data, then adapters.

    lrcg finetune --plan laptop                    # MultiPL-T data for Racket and Lua, then 4 LoRA adapters
    lrcg finetune --plan laptop --steps data       # only the data
    lrcg finetune --plan laptop --limit 8 --max-steps 2   # a quick slice of the same plan (other folders advised)
    lrcg reproduce --profile laptop-finetune       # then: evaluate the adapters, Table III and the transfer table

Resumable: the data's generations are in a store, adapters resume from their last complete checkpoint, and a
finished adapter is kept.
"""
from __future__ import annotations


def run(args) -> int:
    from ..training.plan import load_plan, run_plan

    plan = load_plan(args.plan, languages=args.languages, limit=args.limit, start=args.start,
                     max_steps=args.max_steps, epochs=args.epochs)
    print(f"plan {plan.name}: fine-tune {plan.model} ({plan.method}, preset {plan.preset}) on data written by "
          f"{plan.data.model}; languages {', '.join(plan.data.languages)}; techniques {', '.join(plan.techniques)}")
    run_plan(plan, steps=tuple(s.strip() for s in args.steps.split(",") if s.strip()))
    return 0


def register(sub) -> None:
    p = sub.add_parser("finetune", help="a fine-tuning plan end to end: MultiPL-T-style data, then LoRA adapters")
    p.add_argument("--plan", required=True, help="a plan in params/finetune/ (e.g. laptop) or a YAML path")
    p.add_argument("--steps", default="data,train", help="data, train or both (default data,train)")
    p.add_argument("--languages", help="comma-separated subset of the plan's languages")
    p.add_argument("--start", type=int, help="first problem of the data slice")
    p.add_argument("--limit", type=int, help="number of problems per language")
    p.add_argument("--max-steps", type=int, help="optimizer steps per adapter (overrides epochs)")
    p.add_argument("--epochs", type=float)
    p.set_defaults(func=run)
