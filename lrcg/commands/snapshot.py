"""`lrcg snapshot STORE -o snapshots/NAME.sqlite.gz`: a gzip-compressed copy of a results store to keep in git
(see `lrcg.merge.snapshot_store`); safe while a run is writing to the store. Start from one with
`lrcg merge snapshots/NAME.sqlite.gz -o STORE`.
"""
from __future__ import annotations


def run_snapshot(args) -> int:
    from ..merge import snapshot_store

    made = snapshot_store(args.store, args.output, args.model or ())
    print(f"{args.output}: {made['generations']} generations, {made['outcomes']} outcomes, "
          f"{made['bytes'] / 2**20:.1f} MiB")
    return 0


def register(sub) -> None:
    p = sub.add_parser("snapshot", help="a compressed copy of a results store to commit (safe during a run)",
                       description=__doc__, formatter_class=__import__("argparse").RawDescriptionHelpFormatter)
    p.add_argument("store", metavar="STORE", help="the SQLite results store")
    p.add_argument("--output", "-o", required=True, metavar="SNAPSHOT", help="the .sqlite.gz file to write")
    p.add_argument("--model", action="append", metavar="MODEL",
                   help="keep only this model's rows (repeatable; as stored, e.g. qwen2.5-coder-1.5b-instruct@FILE.gguf)")
    p.set_defaults(func=run_snapshot)
