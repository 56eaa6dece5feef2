"""`lrcg evaluate` (generate + execute + store, resumable), `lrcg export` and `lrcg import` (MultiPL-E dirs).

    lrcg evaluate --model deepseek-coder-1.3b-instruct --benchmark multipl-e --languages r,rkt \\
        --technique baseline --samples 50 --temperature 0.2 --store runs/results.sqlite

Re-running the same command generates and executes nothing that is already in the store; a run that was
interrupted or killed continues where it stopped.
"""
from __future__ import annotations

import sys

from ..spec import DEFAULT_STORE


def format_summary(df) -> str:
    lines = [f"{'language':<9} {'problems':>8} {'samples':>8} {'passed':>7} {'pass@1':>7}  time budget"]
    for r in df.to_dict("records"):
        lines.append(f"{r['language']:<9} {r['problems']:>8} {r['executed']:>8} {r['passed']:>7} {r['pass@1']:>7.4f}  "
                     f"{r['time_budget']}")
    return "\n".join(lines)


def _endpoint(args) -> dict:
    import json

    from ..errors import LrcgError

    try:
        extra = json.loads(args.extra_body) if args.extra_body else {}
    except ValueError as e:
        raise LrcgError(f"--extra-body {args.extra_body!r} is not JSON ({e})") from None
    if not isinstance(extra, dict):
        raise LrcgError(f"--extra-body {args.extra_body!r} must be a JSON object")
    return {"base_url": args.base_url, "api_key_env": args.api_key_env, "concurrency": args.concurrency,
            "timeout": args.request_timeout, "retries": args.retries, "extra_body": extra,
            "chat": {"auto": None, "chat": True, "completions": False}[args.api]}


def spec_from_args(args):
    """The RunSpec of an `lrcg evaluate` command line."""
    from ..generation.backends import Decoding
    from ..spec import RunSpec
    from .options import policy_from_args

    return RunSpec(
        model=args.model, languages=args.languages, benchmark=args.benchmark, technique=args.technique,
        adapter=args.adapter, problems=args.problems, limit=args.limit, shard=args.shard, store=args.store,
        backend=args.backend, quantization=args.quantization, dtype=args.dtype,
        endpoint=_endpoint(args) if args.backend == "openai" else None, n_ctx=args.n_ctx,
        batch_size=args.batch_size, batching=args.batching, progress=not args.no_progress,
        decoding=Decoding(samples=args.samples, temperature=args.temperature, top_p=args.top_p,
                          max_new_tokens=args.max_new_tokens, loop_stop=args.loop_stop, seed=args.seed),
        execution=policy_from_args(args))


def format_generation(stats) -> str:
    summary = stats.decoding_summary()
    return (f"generated {stats.sequences} sequences ({stats.language}, {stats.technique}): {stats.new_tokens} new "
            f"tokens in {stats.seconds:.1f} s, {stats.tokens_per_second:.1f} tokens/s"
            + (f"\n  {summary}" if summary else ""))


def run_evaluate(args) -> int:
    from ..evaluate import evaluate

    spec = spec_from_args(args)
    try:
        result = evaluate(spec)
    except KeyboardInterrupt:
        print(f"lrcg evaluate: interrupted; every finished batch is kept in {args.store} — "
              "run the same command again to resume", file=sys.stderr)
        return 130
    print(format_summary(result.summary))
    for stats in result.generation:
        print(format_generation(stats))
    print(f"per-sample outcomes in {args.store}")
    return 0


def run_export(args) -> int:
    from ..store import export_multipl_e

    filters = {k: getattr(args, k) for k in ("model", "technique", "benchmark", "language")}
    files = export_multipl_e(args.store, args.output, **filters)
    print(f"wrote {len(files)} MultiPL-E files under {args.output}")
    return 0


def run_import(args) -> int:
    from ..store import import_multipl_e

    g, o = import_multipl_e(args.store, args.directory, model=args.model, technique=args.technique,
                            benchmark=args.benchmark)
    print(f"imported {g} generations and {o} outcomes into {args.store}")
    return 0


def register(sub) -> None:
    from ..generation.backends import BACKEND_CHOICES, BACKENDS
    from ..generation.models import DTYPES
    from .options import add_policy_arguments

    p = sub.add_parser("evaluate", help="generate with a model, execute, store per-sample outcomes; print pass@1",
                       description=__doc__, formatter_class=__import__("argparse").RawDescriptionHelpFormatter)
    p.add_argument("--model", required=True, help="registry name, Hub id or local model directory")
    p.add_argument("--benchmark", default="multipl-e", help="multipl-e (default), humaneval-x, humanevalpack, ...")
    p.add_argument("--languages", required=True, help="comma-separated, e.g. r,rkt")
    p.add_argument("--technique", default="baseline", help="baseline (default), translation-examples, "
                   "translation-rules, few-shot, codem")
    p.add_argument("--samples", type=int, default=1, help="samples per problem (default 1)")
    p.add_argument("--temperature", type=float, default=0.0, help="0 = greedy (default)")
    p.add_argument("--top-p", type=float, default=0.95)
    p.add_argument("--max-new-tokens", type=int, default=None, help="default: the technique's (1024-3072)")
    p.add_argument("--loop-stop", type=int, default=0, metavar="N",
                   help="end a sequence once its last N+ tokens are one block repeated 3+ times (a degenerate "
                   "loop it would ride to --max-new-tokens); 0 = off (default); hf backends")
    p.add_argument("--limit", type=int, default=None, help="first N problems of each language")
    p.add_argument("--problems", default=None, help="comma-separated task ids instead of --limit")
    p.add_argument("--quantization", choices=["8bit", "4bit"], default=None, help="bitsandbytes quantization")
    p.add_argument("--adapter", default=None, help="LoRA adapter directory (peft save_pretrained)")
    p.add_argument("--dtype", choices=DTYPES, default="auto")
    p.add_argument("--backend", choices=BACKEND_CHOICES, default="hf",
                   help="; ".join(f"{b.name}: {b.description}" for b in BACKENDS.values())
                   + "; auto: vllm where it can run, else hf")
    o = p.add_argument_group("--backend openai")
    o.add_argument("--base-url", default=None, help="the endpoint, e.g. http://127.0.0.1:8000/v1")
    o.add_argument("--api-key-env", default="OPENAI_API_KEY", metavar="VAR",
                   help="environment variable holding the API key (default OPENAI_API_KEY; unset: no key)")
    o.add_argument("--api", choices=["auto", "chat", "completions"], default="auto",
                   help="chat or completions endpoint (auto: the registry's flag for the model, else chat)")
    o.add_argument("--concurrency", type=int, default=4, help="requests in flight (default 4)")
    o.add_argument("--request-timeout", type=float, default=600.0, help="seconds per request (default 600)")
    o.add_argument("--retries", type=int, default=5,
                   help="retries on connection errors, timeouts, 429 and 5xx, with backoff (default 5)")
    o.add_argument("--extra-body", default=None, metavar="JSON", help="server-specific request fields, e.g. "
                   "'{\"repeat_penalty\": 1.0}' for plain greedy from llama.cpp's server")
    p.add_argument("--n-ctx", type=int, default=None, help="--backend llamacpp: context length (default 4096)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--shard", default=None, metavar="K/N", help="only the K-th of N disjoint parts of the tasks "
                   "(run K = 1..N as separate jobs, then `lrcg merge` their stores)")
    p.add_argument("--batch-size", type=int, default=8, help="rows decoded at once (default 8)")
    p.add_argument("--batching", choices=("static", "continuous"), default="static",
                   help="static: batch after batch (default); continuous: a finished row's place is taken by the "
                   "next request at once (hf; llamacpp-batched always does)")
    add_policy_arguments(p)
    p.add_argument("--store", default=DEFAULT_STORE, help=f"SQLite results store (default {DEFAULT_STORE})")
    p.add_argument("--no-progress", action="store_true", help="no progress bars")
    p.set_defaults(func=run_evaluate)

    e = sub.add_parser("export", help="write stored runs as MultiPL-E completion and result files")
    e.add_argument("--store", default=DEFAULT_STORE)
    e.add_argument("--output", "-o", required=True, metavar="DIR")
    e.add_argument("--model", default=None, help="only this model (as stored)")
    e.add_argument("--technique", default=None)
    e.add_argument("--benchmark", default=None)
    e.add_argument("--language", default=None)
    e.set_defaults(func=run_export)

    i = sub.add_parser("import", help="read a MultiPL-E directory (completions, results) into the store")
    i.add_argument("directory", metavar="DIR")
    i.add_argument("--store", default=DEFAULT_STORE)
    i.add_argument("--model", required=True, help="the model name to store the rows under")
    i.add_argument("--technique", default="baseline")
    i.add_argument("--benchmark", default="multipl-e")
    i.set_defaults(func=run_import)
