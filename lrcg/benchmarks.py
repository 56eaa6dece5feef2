"""Benchmarks as one `Problem` type, and the full program for (problem, completion).

Sources, in order: the local folder named by LRCG_DATA_DIR (layout of ../shared/data), package data
(HumanEval-C), else the Hugging Face Hub through `datasets` at the revisions pinned in `HUB_SOURCES`.
"""
from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from . import config
from .errors import LrcgError, unknown_choice
from .execution.languages import get_language

MULTIPL_E_LANGUAGES = ("py", "jl", "lua", "r", "rkt", "java", "ts", "cpp", "js", "go")
HUMANEVAL_X_LANGUAGES = ("py", "cpp", "java", "js", "go")
# MultiPL-T's problem sets (fine-tuning data, not an evaluation benchmark): MultiPL-E's format, local files only
# (LRCG_DATA_DIR/multipl-t/); names are HumanEval_<N>_<name> with N unique and above HumanEval's 0-163.
# `multipl-t-python`: the same problems with the canonical Python solution as comments in the prompt.
MULTIPL_T_FILES = {"multipl-t": "{lang}-problems.jsonl.gz", "multipl-t-python": "{lang}-problems-with-python.jsonl.gz"}

# benchmark -> languages it has
BENCHMARK_LANGUAGES: dict[str, tuple[str, ...]] = {
    "multipl-e": MULTIPL_E_LANGUAGES,
    "humaneval-x": HUMANEVAL_X_LANGUAGES,
    "humanevalpack": HUMANEVAL_X_LANGUAGES,
    "humaneval": ("py",),
    "humaneval-c": ("c",),
    **{name: ("lua", "rkt") for name in MULTIPL_T_FILES},
}
BENCHMARK_ALIASES = {"multiple": "multipl-e", "multipl_e": "multipl-e", "humanevalx": "humaneval-x",
                     "humaneval_x": "humaneval-x", "openai_humaneval": "humaneval", "humanevalc": "humaneval-c"}
# Names the CodeGeeX/HumanEvalPack files use for a language.
_X_NAMES = {"py": "python", "cpp": "cpp", "java": "java", "js": "js", "go": "go"}

# Hub sources: (dataset id, config template, split, revision). Revisions are pinned so a run is reproducible.
HUB_SOURCES: dict[str, tuple[str, str | None, str, str]] = {
    "multipl-e": ("nuprl/MultiPL-E", "humaneval-{lang}", "test", "main"),
    "humaneval-x": ("THUDM/humaneval-x", "{xlang}", "test", "main"),
    "humanevalpack": ("bigcode/humanevalpack", "{xlang}", "test", "main"),
    "humaneval": ("openai_humaneval", None, "test", "main"),
}

# MultiPL-E's Python stop tokens (its humaneval-py config), used when Python comes from original HumanEval.
PY_STOP_TOKENS = ("\ndef", "\n#", "\nif", "\nclass")


@dataclass(frozen=True)
class Problem:
    benchmark: str
    language: str  # canonical language name (languages.LANGUAGES key)
    task_id: str  # as the benchmark names it: "HumanEval_23_strlen", "Go/0", "HumanEval/0"
    prompt: str
    tests: str
    stop_tokens: tuple[str, ...] = ()
    entry_point: str = ""
    canonical_solution: str | None = None
    declaration: str = ""
    signature: str = ""
    docstring: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def index(self) -> int:
        """HumanEval problem number: the key that pairs a problem across languages and benchmarks."""
        return humaneval_index(self.task_id)


def humaneval_index(task_id: str) -> int:
    m = re.search(r"(?:HumanEval_|/)(\d+)", task_id)
    if not m:
        raise LrcgError(f"cannot read a HumanEval problem number from task id {task_id!r}")
    return int(m.group(1))


def normalize_benchmark(name: str) -> str:
    key = str(name).strip().lower()
    key = BENCHMARK_ALIASES.get(key, key)
    if key not in BENCHMARK_LANGUAGES:
        raise unknown_choice("benchmark", name, BENCHMARK_LANGUAGES)
    return key


def check_benchmark_language(benchmark: str, language: str) -> tuple[str, str]:
    """Normalise a (benchmark, language) pair, or say which languages the benchmark has."""
    bench = normalize_benchmark(benchmark)
    lang = get_language(language).name
    if lang not in BENCHMARK_LANGUAGES[bench]:
        raise LrcgError(
            f"benchmark {bench!r} has no language {language!r} (valid: {', '.join(BENCHMARK_LANGUAGES[bench])})"
        )
    return bench, lang


def _read_jsonl(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    rows = []
    with opener(path, "rt", encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as e:
                    raise LrcgError(f"{path}:{lineno}: not valid JSON ({e.msg})") from None
    return rows


def _local_file(bench: str, lang: str) -> Path | None:
    if bench == "humaneval-c":
        path = config.PACKAGE_DATA_DIR / "humaneval-c" / "humaneval-c.jsonl"
        return path if path.exists() else None
    root = config.data_dir()
    if root is None:
        return None
    candidates = {
        "multipl-e": [root / "multipl-e" / f"humaneval-{lang}.jsonl.gz", root / "multipl-e" / f"humaneval-{lang}.jsonl"],
        "humaneval-x": [root / "humaneval-x" / f"{_X_NAMES.get(lang, lang)}.jsonl.gz"],
        "humanevalpack": [root / "humanevalpack" / f"{_X_NAMES.get(lang, lang)}.jsonl.gz"],
        "humaneval": [root / "humaneval" / "HumanEval.jsonl.gz", root / "humaneval" / "HumanEval.jsonl"],
        **{name: [root / "multipl-t" / pattern.format(lang=lang)] for name, pattern in MULTIPL_T_FILES.items()},
    }[bench]
    for c in candidates:
        if c.exists():
            return c
    if bench == "multipl-e" and lang == "py":
        return None  # derived from original HumanEval below
    raise LrcgError(f"LRCG_DATA_DIR={root} has no {bench} data for {lang!r} (looked for {candidates[0]})")


def _hub_rows(bench: str, lang: str) -> list[dict]:
    try:
        import datasets
    except ImportError as e:
        raise LrcgError("loading benchmarks from the Hub needs `pip install datasets`") from e
    repo, cfg, split, revision = HUB_SOURCES[bench]
    name = cfg.format(lang=lang, xlang=_X_NAMES.get(lang, lang)) if cfg else None
    try:
        ds = datasets.load_dataset(repo, name, split=split, revision=revision)
    except (ConnectionError, OSError) as e:  # offline, no cached copy: the Hub's own error is many lines long
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise LrcgError(f"cannot load {bench} {lang!r} from the Hugging Face Hub ({repo}"
                        f"{', ' + name if name else ''}): {first}; point LRCG_DATA_DIR at a local copy") from e
    return [dict(r) for r in ds]


def _multipl_e_problem(row: dict, lang: str, bench: str = "multipl-e") -> Problem:
    return Problem(
        benchmark=bench, language=lang, task_id=row["name"], prompt=row["prompt"], tests=row["tests"],
        stop_tokens=tuple(row.get("stop_tokens") or ()), entry_point=_multipl_e_entry_point(row["name"]),
        extra={k: row[k] for k in ("doctests", "prompt_terminology", "original") if k in row},
    )


def _multipl_e_entry_point(name: str) -> str:
    return re.sub(r"^HumanEval_\d+_", "", name)


def _humaneval_problem(row: dict, bench: str = "humaneval") -> Problem:
    return Problem(
        benchmark=bench, language="py", task_id=row["task_id"], prompt=row["prompt"],
        tests=row["test"] + f"\n\ncheck({row['entry_point']})\n", stop_tokens=PY_STOP_TOKENS,
        entry_point=row["entry_point"], canonical_solution=row["canonical_solution"],
    )


def _humaneval_as_multipl_e(row: dict) -> Problem:
    """MultiPL-E's humaneval-py, derived from original HumanEval when no local copy of it exists."""
    p = _humaneval_problem(row, bench="multipl-e")
    idx = humaneval_index(row["task_id"])
    return Problem(
        benchmark="multipl-e", language="py", task_id=f"HumanEval_{idx}_{row['entry_point']}", prompt=p.prompt,
        tests=p.tests, stop_tokens=PY_STOP_TOKENS, entry_point=p.entry_point,
        canonical_solution=p.canonical_solution,
    )


def _x_problem(row: dict, bench: str, lang: str) -> Problem:
    extra = {k: row[k] for k in ("import", "test_setup", "example_test", "buggy_solution", "instruction") if k in row}
    return Problem(
        benchmark=bench, language=lang, task_id=row["task_id"], prompt=row["prompt"], tests=row["test"],
        stop_tokens=(), entry_point=row.get("entry_point") or "", canonical_solution=row.get("canonical_solution"),
        declaration=row.get("declaration") or "", signature=row.get("signature") or "",
        docstring=row.get("docstring") or "", extra=extra,
    )


def _c_problem(row: dict) -> Problem:
    return Problem(
        benchmark="humaneval-c", language="c", task_id=row["task_id"], prompt=row["prompt"], tests=row["test"],
        stop_tokens=tuple(row.get("stop_tokens") or ()), entry_point=row.get("entry_point", ""),
        canonical_solution=row.get("canonical_solution"), declaration=row.get("declaration", ""),
        signature=row.get("signature", ""), docstring=row.get("docstring", ""),
        extra={k: v for k, v in row.items() if k in ("wrong_solution", "notes")},
    )


@lru_cache(maxsize=64)
def _load(bench: str, lang: str, data_root: str | None) -> tuple[Problem, ...]:
    path = _local_file(bench, lang)
    if bench == "multipl-e" and lang == "py" and path is None:
        if config.data_dir() is not None:
            he = _local_file("humaneval", "py")
            rows = _read_jsonl(he)
        else:
            return tuple(_multipl_e_problem(r, lang) for r in _hub_rows(bench, lang))
        return tuple(_humaneval_as_multipl_e(r) for r in rows)
    if path is None and bench in MULTIPL_T_FILES:
        raise LrcgError(f"{bench} problems are read from LRCG_DATA_DIR/multipl-t/ (set LRCG_DATA_DIR to a folder with "
                        f"{MULTIPL_T_FILES[bench].format(lang=lang)}; see ../shared/data/README.md)")
    if path is None and bench == "humaneval-c":
        raise LrcgError("HumanEval-C data is missing from the package (lrcg/data/humaneval-c/humaneval-c.jsonl)")
    rows = _read_jsonl(path) if path is not None else _hub_rows(bench, lang)
    if bench == "multipl-e" or bench in MULTIPL_T_FILES:
        return tuple(_multipl_e_problem(r, lang, bench) for r in rows)
    if bench == "humaneval":
        return tuple(_humaneval_problem(r) for r in rows)
    if bench == "humaneval-c":
        return tuple(_c_problem(r) for r in rows)
    return tuple(_x_problem(r, bench, lang) for r in rows)


def load_benchmark(benchmark: str, language: str, limit: int | None = None,
                   problems: Iterable[str] | None = None) -> list[Problem]:
    """All problems of one benchmark in one language (optionally the first `limit`, or named `problems`)."""
    bench, lang = check_benchmark_language(benchmark, language)
    root = config.data_dir()
    items = list(_load(bench, lang, str(root) if root else None))
    if problems is not None:
        wanted = list(problems)
        by_id = {p.task_id: p for p in items}
        missing = [w for w in wanted if w not in by_id]
        if missing:
            raise LrcgError(f"{bench}/{lang} has no problem {missing[0]!r} (e.g. {', '.join(list(by_id)[:3])}, ...)")
        items = [by_id[w] for w in wanted]
    return items[:limit] if limit else items


def common_problem_indices(benchmark: str, languages: Iterable[str]) -> list[int]:
    """HumanEval numbers present in every one of `languages` (paper A's cross-language set: 157)."""
    sets = [{p.index for p in load_benchmark(benchmark, lang)} for lang in languages]
    return sorted(set.intersection(*sets)) if sets else []


# ---------------------------------------------------------------------------------------------
# Program assembly: prompt + completion + tests, in each benchmark's own convention.

# CodeGeeX's IMPORT_HELPER (HumanEval-X's harness), which its programs are assembled with.
CPP_HEADERS = ("#include<stdlib.h>", "#include<algorithm>", "#include<math.h>", "#include<stdio.h>",
               "#include<vector>", "#include<string>", "#include<climits>", "#include<cstring>",
               "#include<iostream>", "#include<cassert>")
PY_IMPORTS = ("import math", "import re", "import sys", "import copy", "import datetime", "import itertools",
              "import collections", "import heapq", "import functools", "import hashlib", "import string",
              "from typing import *", "from collections import *")
GO_HELPER_PACKAGES = ("math", "strings", "fmt", "strconv", "time", "bytes", "regexp", "sort", "math/rand",
                      "crypto/md5")


def build_program(problem: Problem, completion: str) -> str:
    """The source file executed for a completion, exactly as the benchmark's own harness builds it."""
    if problem.benchmark in ("multipl-e", "humaneval", "humaneval-c", *MULTIPL_T_FILES):
        return problem.prompt + completion + "\n" + problem.tests
    lang = problem.language
    if lang == "py":
        return "\n".join(PY_IMPORTS) + "\n" + problem.prompt + completion + "\n" + problem.tests + "\n"
    if lang == "cpp":
        setup = "".join(h + "\n" for h in CPP_HEADERS if h not in problem.prompt)
        return setup + "\n" + problem.prompt + completion + "\n" + problem.tests
    if lang == "go":
        prompt = problem.prompt.replace(problem.extra.get("import", ""), "")
        setup = problem.extra.get("test_setup", "package main\n")
        # CodeGeeX looks only at the completion; the tests of Go/2, /4, /44, /151 also use math/strconv,
        # so a solution that does not happen to use them would fail to build.
        others = [f'"{pkg}"' for pkg in GO_HELPER_PACKAGES
                  if pkg not in setup and pkg.split("/")[-1] + "." in completion + problem.tests]
        imports = ("import (\n" + "".join(f"    {p}\n" for p in others) + ")\n") if others else ""
        return setup + "\n" + imports + prompt + completion + "\n" + problem.tests
    return problem.prompt + completion + "\n" + problem.tests
