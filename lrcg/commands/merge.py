"""`lrcg merge A.sqlite B.sqlite ... -o ALL.sqlite`: combine the stores of a split run (see `lrcg.merge`).

    lrcg merge runs/shard-*.sqlite -o runs/results.sqlite

Rows already in the output stay; merging again changes nothing; rows with the same key that disagree
(completion or outcome) are refused, naming them, and nothing is written.
"""
from __future__ import annotations


def run_merge(args) -> int:
    from ..merge import merge_stores

    result = merge_stores(args.stores, args.output)
    print(f"merged {len(args.stores)} stores into {args.output}: {result.generations_added} generations and "
          f"{result.outcomes_added} outcomes added ({result.generations} and {result.outcomes} in all)")
    return 0


def register(sub) -> None:
    p = sub.add_parser("merge", help="combine results stores (e.g. the shards of a split run) into one",
                       description=__doc__, formatter_class=__import__("argparse").RawDescriptionHelpFormatter)
    p.add_argument("stores", nargs="+", metavar="STORE", help="input SQLite stores (.gz: gzip-compressed)")
    p.add_argument("--output", "-o", required=True, metavar="STORE", help="the combined store (created or extended)")
    p.set_defaults(func=run_merge)
