"""The `lrcg` command. Each subcommand lives next to the code it drives and registers itself here.

A module listed in COMMANDS defines `register(subparsers)`, which adds its parser and sets
`func=<callable(args) -> int>`. Heavy imports stay inside those callables.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import sys

from .errors import LrcgError

COMMANDS = [
    "lrcg.commands.doctor",
    "lrcg.commands.execute",
    "lrcg.commands.validate",
    "lrcg.commands.evaluate",
    "lrcg.commands.merge",
    "lrcg.commands.snapshot",
    "lrcg.commands.train",
    "lrcg.commands.make_data",
    "lrcg.commands.finetune",
    "lrcg.commands.reproduce",
    "lrcg.commands.models",
    "lrcg.commands.report",
    "lrcg.commands.agreement",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lrcg", description="Low-resource code generation: evaluate, train, reproduce.")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMANDS:
        importlib.import_module(module).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING, format="lrcg: %(message)s")
    try:
        return int(args.func(args) or 0)
    except LrcgError as e:
        print(f"lrcg {args.command}: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"lrcg {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
