"""Decontamination of fine-tuning data against the evaluation benchmark.

A training pair is dropped when it could teach the answer to an evaluation problem:
- `name`: its function name equals the entry point of an evaluation problem (compared normalised: case,
  `_`, `-` and `.` ignored, so `is_prime`, `isPrime` and `is-prime` are one name). MultiPL-T has some of
  HumanEval's names (`fib`, `is_prime`, `greatest_common_divisor`, ...).
- `ngram`: its instruction or response shares a run of `n` words (default 10, lowercased `\\w+` tokens, so
  comment markers and punctuation do not hide a copy; at least half of them not numbers) with an evaluation
  prompt: a copied docstring in another comment syntax is still caught.
The reference is every prompt of the benchmarks given (default: HumanEval in Python and MultiPL-E HumanEval in
the languages the data is for and the laptop study evaluates).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .data import normalize_name

DEFAULT_NGRAM = 10
# (benchmark, language): what a fine-tuned model is evaluated on in this package's live studies
DEFAULT_REFERENCE = (("humaneval", "py"), ("multipl-e", "java"), ("multipl-e", "jl"), ("multipl-e", "lua"),
                     ("multipl-e", "r"), ("multipl-e", "rkt"))


@dataclass(frozen=True)
class Reference:
    names: dict  # normalised entry point -> "benchmark/language/task_id" of the first problem with it
    ngrams: dict  # word n-gram (tuple) -> "benchmark/language/task_id"
    n: int
    sources: tuple[str, ...]  # "benchmark/language" read


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def ngrams(text: str, n: int) -> list[tuple[str, ...]]:
    """Word n-grams of `text` in text order, without repeats, that are mostly words: a run of digits
    (`0 1 2 3 ...`) is no evidence of a copy."""
    w = words(text)
    grams = (tuple(w[i:i + n]) for i in range(len(w) - n + 1))
    return list(dict.fromkeys(g for g in grams if sum(not t.isdigit() for t in g) * 2 >= n))


def build_reference(pairs=DEFAULT_REFERENCE, n: int = DEFAULT_NGRAM) -> Reference:
    """Names and word n-grams of every prompt of the (benchmark, language) pairs. A language whose file is missing
    from LRCG_DATA_DIR is an error (a silently smaller reference would keep contaminated pairs)."""
    from ..benchmarks import load_benchmark

    names: dict[str, str] = {}
    grams: dict[tuple, str] = {}
    for bench, lang in pairs:
        for p in load_benchmark(bench, lang):
            where = f"{bench}/{lang}/{p.task_id}"
            key = normalize_name(p.entry_point)
            if key:
                names.setdefault(key, where)
            for g in ngrams(p.prompt, n):
                grams.setdefault(g, where)
    return Reference(names, grams, n, tuple(f"{b}/{lang}" for b, lang in pairs))


def contamination(name: str, instruction: str, response: str, reference: Reference) -> str | None:
    """Why a pair must be dropped ("name: ... = ...", "ngram: '...' in ..."), or None when it is clean."""
    key = normalize_name(name)
    if key and key in reference.names:
        return f"name: {name} = entry point of {reference.names[key]}"
    for text in (instruction, response):
        for g in ngrams(text, reference.n):
            if g in reference.ngrams:
                return f"ngram: {' '.join(g)!r} in {reference.ngrams[g]}"
    return None
