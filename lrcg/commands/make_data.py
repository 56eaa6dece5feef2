"""`lrcg make-data`: fine-tuning pairs the MultiPL-T way (generate, execute, keep what passes, decontaminate).

    lrcg make-data --model qwen2.5-coder-1.5b-instruct@Qwen2.5-Coder-1.5B-Instruct.Q4_K.gguf --languages rkt,lua \
        --problems multipl-t --dtype bfloat16 --batch-size 16 --loop-stop 64 \
        --store runs/laptop-finetune/data.sqlite --output runs/laptop-finetune/data
    lrcg train --model qwen2.5-coder-0.5b-instruct --preset laptop --data runs/laptop-finetune/data/rkt-generation.jsonl ...

Resumable: generations and outcomes go to --store as with `lrcg evaluate`; a rerun only does what is missing and
rewrites the pair files from the store.
"""
from __future__ import annotations


def run(args) -> int:
    from ..harvest import DataSettings, make_data

    settings = DataSettings(
        model=args.model, languages=tuple(x.strip() for x in args.languages.split(",") if x.strip()),
        problems=args.problems, backend=args.backend, dtype=args.dtype, samples=args.samples,
        temperature=args.temperature, max_new_tokens=args.max_new_tokens, loop_stop=args.loop_stop,
        batch_size=args.batch_size, start=args.start, limit=args.limit,
        names=tuple(x.strip() for x in args.names.split(",") if x.strip()) if args.names else (),
        store=args.store, output_dir=args.output, ngram=args.ngram, progress=args.progress)
    make_data(settings)
    print(f"pairs and summary.json in {args.output}")
    return 0


def register(sub) -> None:
    p = sub.add_parser("make-data", help="fine-tuning pairs from a model's solutions that pass the problems' tests")
    p.add_argument("--model", required=True, help="registry name (NAME@FILE.gguf), Hub id or local model directory")
    p.add_argument("--languages", default="rkt,lua", help="comma-separated (default rkt,lua)")
    p.add_argument("--problems", default="multipl-t",
                   help="problem set (a benchmark with tests): multipl-t (default; docstring + signature), or "
                        "multipl-t-python (the canonical Python above it as comments: MultiPL-T's prompt for completion "
                        "models; instruct models answer it in Python). Translation pairs come with either")
    p.add_argument("--start", type=int, default=0, help="first problem of the slice (default 0)")
    p.add_argument("--limit", type=int, help="number of problems (default: all from --start)")
    p.add_argument("--names", help="comma-separated problem names instead of --start/--limit")
    p.add_argument("--samples", type=int, default=1)
    p.add_argument("--temperature", type=float, default=0.0)
    p.add_argument("--max-new-tokens", type=int, default=384)
    p.add_argument("--loop-stop", type=int, default=0, help="hf backends: end a looping sequence (e.g. 64)")
    p.add_argument("--backend", default="hf", help="hf | hf-generate | llamacpp | vllm | openai (default hf)")
    p.add_argument("--dtype", default="auto", help="auto | float32 | bfloat16 | float16")
    p.add_argument("--batch-size", type=int, default=16)
    p.add_argument("--ngram", type=int, default=10, help="decontamination: drop pairs sharing this many words "
                                                         "in a row with an evaluation prompt (default 10)")
    p.add_argument("--store", default="runs/finetune/data.sqlite", help="results store of the generations")
    p.add_argument("--output", default="runs/finetune/data", help="folder of the pair files and summary.json")
    p.add_argument("--no-progress", dest="progress", action="store_false")
    p.set_defaults(func=run)
