"""CLI subcommands; see lrcg.cli."""
