"""MultiPL-E interchange files: completion files in, result files out.

A completion file (`<problem>.json.gz` or `.json`) holds one problem: `name`, `language`, `prompt`,
`tests`, `stop_tokens`, `completions` (and whatever else MultiPL-E put there, e.g. `temperature`).
A result file (`<problem>.results.json.gz`) holds the same fields minus `completions`, plus
`results: [{program, timestamp, stdout, stderr, exit_code, status}]`. MultiPL-E's `pass_k.py` counts a
sample as passing when `status == "OK" and exit_code == 0`, and reads `temperature` (default 0.2).
"""
from __future__ import annotations

import gzip
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..errors import LrcgError
from .languages import get_language

RESULT_SUFFIXES = (".results.json.gz", ".results.json")
TIMEOUT_EXIT_CODE = -1  # what MultiPL-E's executors record for a killed program


@dataclass(frozen=True)
class CompletionFile:
    path: Path
    name: str
    language: str  # canonical lrcg language name
    prompt: str
    tests: str
    completions: tuple[str, ...]
    fields: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)  # everything but completions

    def program(self, completion: str) -> str:
        """MultiPL-E's program: prompt + completion + newline + tests."""
        return self.prompt + completion + "\n" + self.tests


def _open_json(path: Path, mode: str):
    return gzip.open(path, mode + "t", encoding="utf-8") if path.suffix == ".gz" else open(path, mode, encoding="utf-8")


def read_json_file(path: str | Path) -> Any:
    path = Path(path)
    try:
        with _open_json(path, "r") as f:
            return json.load(f)
    except FileNotFoundError:
        raise LrcgError(f"{path}: no such file") from None
    except (json.JSONDecodeError, UnicodeDecodeError, EOFError, gzip.BadGzipFile) as e:
        raise LrcgError(f"{path}: not a valid JSON{' (gzip)' if path.suffix == '.gz' else ''} file ({e})") from None


def write_json_file(path: str | Path, data: Any) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with _open_json(path, "w") as f:
        json.dump(data, f)
    return path


def is_result_file(path: Path) -> bool:
    return path.name.endswith(RESULT_SUFFIXES)


def read_completion_file(path: str | Path) -> CompletionFile:
    path = Path(path)
    data = read_json_file(path)
    if not isinstance(data, dict):
        raise LrcgError(f"{path}: a MultiPL-E completion file holds one JSON object")
    for key in ("name", "language", "prompt", "tests", "completions"):
        if key not in data:
            raise LrcgError(f"{path}: missing field {key!r} (a MultiPL-E completion file has name, language, "
                            "prompt, tests, stop_tokens, completions)")
    completions = data["completions"]
    if not isinstance(completions, list) or not all(isinstance(c, str) for c in completions):
        raise LrcgError(f"{path}: field 'completions' must be a list of strings")
    try:
        language = get_language(data["language"]).name
    except LrcgError as e:
        raise LrcgError(f"{path}: {e}") from None
    fields = {k: v for k, v in data.items() if k != "completions"}
    return CompletionFile(path=path, name=str(data["name"]), language=language, prompt=data["prompt"],
                          tests=data["tests"], completions=tuple(completions), fields=fields)


def completion_files_in(directory: str | Path) -> list[Path]:
    """The completion files of a MultiPL-E directory (`*.json.gz`, `*.json`; result files excluded)."""
    directory = Path(directory)
    if not directory.is_dir():
        raise LrcgError(f"{directory}: not a directory of MultiPL-E completion files")
    files = sorted(p for p in directory.iterdir()
                   if p.is_file() and p.name.endswith((".json.gz", ".json")) and not is_result_file(p))
    if not files:
        raise LrcgError(f"{directory}: no MultiPL-E completion files (*.json.gz or *.json) in it")
    return files


def read_completion_dir(directory: str | Path) -> list[CompletionFile]:
    return [read_completion_file(p) for p in completion_files_in(directory)]


def result_entry(program: str, status: str, exit_code: int | None, stdout: str, stderr: str) -> dict[str, Any]:
    return {"program": program, "timestamp": int(time.time()), "stdout": stdout, "stderr": stderr,
            "exit_code": TIMEOUT_EXIT_CODE if exit_code is None else exit_code, "status": status}


def safe_file_stem(name: str) -> str:
    """A problem name usable as a file name ("HumanEval/0" -> "HumanEval_0")."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "problem"


def result_file_path(output_dir: str | Path, name: str) -> Path:
    return Path(output_dir) / f"{safe_file_stem(name)}.results.json.gz"


def write_result_file(output_dir: str | Path, fields: dict[str, Any], results: Iterable[dict[str, Any]]) -> Path:
    """Write `<name>.results.json.gz`: the problem's fields (no completions) plus `results`."""
    data = {k: v for k, v in fields.items() if k not in ("completions", "results")}
    data["results"] = list(results)
    return write_json_file(result_file_path(output_dir, str(data["name"])), data)


def read_result_counts(path: str | Path) -> tuple[int, int]:
    """(n, c) of a result file, counted as MultiPL-E's pass_k.py counts them."""
    data = read_json_file(path)
    results = data["results"]
    return len(results), sum(1 for r in results if r["status"] == "OK" and r["exit_code"] == 0)
