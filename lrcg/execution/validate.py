"""Check a benchmark's own tests with its canonical solutions: each must pass, and a trivial wrong body
(return the zero value of the declared return type) must fail.

A canonical solution that fails, or a wrong body that passes, is either our mistake (program assembly,
toolchain) or an upstream defect. Upstream defects are listed, with the reason, in
`lrcg/data/known_broken.csv` (see known_broken.md); anything else is reported as unexpected.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from .. import config
from ..errors import LrcgError
from .judge import ExecutionPolicy, judge_programs, passed
from .languages import get_language

CANONICAL_FAILS, CANONICAL_FLAKY, WEAK_TEST = "canonical_fails", "canonical_flaky", "weak_test"
KNOWN_BROKEN_KINDS = (CANONICAL_FAILS, CANONICAL_FLAKY, WEAK_TEST)
KNOWN_BROKEN_CSV = config.PACKAGE_DATA_DIR / "known_broken.csv"
BENCHMARKS_WITH_SOLUTIONS = ("humaneval", "humaneval-x", "humanevalpack", "humaneval-c")


@dataclass(frozen=True)
class KnownBroken:
    benchmark: str
    language: str
    task_id: str
    kind: str  # one of KNOWN_BROKEN_KINDS
    reason: str


@lru_cache(maxsize=None)
def _known_broken(path: str) -> tuple[KnownBroken, ...]:
    with open(path, newline="", encoding="utf-8") as f:
        rows = [KnownBroken(**{k: (v or "").strip() for k, v in row.items()}) for row in csv.DictReader(f)]
    for r in rows:
        if r.kind not in KNOWN_BROKEN_KINDS:
            raise LrcgError(f"{path}: kind {r.kind!r} of {r.task_id} is not one of {', '.join(KNOWN_BROKEN_KINDS)}")
    return tuple(rows)


def known_broken(benchmark: str | None = None, language: str | None = None) -> list[KnownBroken]:
    """Entries of the documented known-broken list, optionally for one benchmark/language."""
    return [r for r in _known_broken(str(KNOWN_BROKEN_CSV))
            if (benchmark is None or r.benchmark == benchmark) and (language is None or r.language == language)]


# ---------------------------------------------------------------------------------------------
# Trivial wrong bodies

_JAVA_ZERO = {"int": "0", "long": "0L", "short": "(short) 0", "byte": "(byte) 0", "double": "0.0",
              "float": "0.0f", "boolean": "false", "char": "(char) 0"}
_JAVA_METHOD = re.compile(r"public\s+(?:static\s+)?(?:final\s+)?([\w<>\[\],.? ]+?)\s+\w+\s*\([^)]*\)\s*(?:throws\s+[\w, .]+)?\{\s*\Z")


def _closing_lines(canonical: str) -> str:
    """The trailing lines of a canonical solution that only close blocks (`}`), kept after a wrong body."""
    lines = canonical.rstrip().split("\n")
    tail: list[str] = []
    while lines and lines[-1].strip() and re.fullmatch(r"[\s};]*", lines[-1]):
        tail.insert(0, lines.pop())
    return "\n".join(tail) + "\n" if tail else ""


def _go_return_types(prompt: str) -> list[str] | None:
    """Result types of the last `func` in a Go prompt ([] = no result, None = named results)."""
    line = [ln for ln in prompt.rstrip().split("\n") if ln.lstrip().startswith("func ")][-1]
    start = line.index("(")
    depth = 0
    for i in range(start, len(line)):
        depth += {"(": 1, ")": -1}.get(line[i], 0)
        if depth == 0:
            break
    result = line[i + 1:].rsplit("{", 1)[0].strip()
    if not result:
        return []
    if result.startswith("(") and result.endswith(")"):
        parts = [p.strip() for p in _split_top_level(result[1:-1])]
        return None if any(" " in p and not p.startswith(("[]", "map[", "func", "*", "chan")) for p in parts) else parts
    return [result]


def _split_top_level(text: str) -> list[str]:
    parts, depth, cur = [], 0, ""
    for ch in text:
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    return parts + [cur]


def _java_zero_return(problem) -> str:
    m = _JAVA_METHOD.search(problem.prompt.rstrip() + "\n")
    rtype = m.group(1).split()[-1] if m else "Object"
    return f"        return {_JAVA_ZERO.get(rtype, 'null')};\n"


def _go_zero_return(problem) -> str:
    types = _go_return_types(problem.prompt)
    if types is None:
        return "    return\n"
    return "    return " + ", ".join(f"*new({t})" for t in types) + "\n"


# The languages whose zero value depends on the declared return type (the others: `Language.zero_return`)
TYPED_ZERO_RETURNS = {"java": _java_zero_return, "go": _go_zero_return}


def wrong_completion(problem) -> str:
    """A body that compiles but returns the zero value of the declared return type (or the row's own
    `wrong_solution`, as HumanEval-C rows carry), followed by the canonical solution's closing lines."""
    if problem.extra.get("wrong_solution"):
        return problem.extra["wrong_solution"]
    lang = get_language(problem.language)
    typed = TYPED_ZERO_RETURNS.get(lang.name)
    body = typed(problem) if typed else lang.zero_return
    if not body:
        raise LrcgError(f"no trivial wrong body for language {lang.name!r}")
    return body + _closing_lines(problem.canonical_solution or "")


# ---------------------------------------------------------------------------------------------
# Validation

@dataclass(frozen=True)
class ProblemValidation:
    task_id: str
    canonical_status: str
    wrong_status: str
    canonical_stderr: str  # tail, to say why a canonical failed
    known: tuple[str, ...]  # kinds under which the known-broken list names this problem

    @property
    def canonical_ok(self) -> bool:
        return passed(self.canonical_status)

    @property
    def wrong_fails(self) -> bool:
        return not passed(self.wrong_status)


@dataclass(frozen=True)
class ValidationReport:
    benchmark: str
    language: str
    problems: tuple[ProblemValidation, ...]

    @property
    def canonical_failures(self) -> list[ProblemValidation]:
        return [p for p in self.problems if not p.canonical_ok]

    @property
    def weak_tests(self) -> list[ProblemValidation]:
        return [p for p in self.problems if not p.wrong_fails]

    @property
    def unexpected_failures(self) -> list[ProblemValidation]:
        """Canonical failures the known-broken list does not explain: lrcg or toolchain bugs."""
        return [p for p in self.canonical_failures if not {CANONICAL_FAILS, CANONICAL_FLAKY} & set(p.known)]

    @property
    def unexpected_weak_tests(self) -> list[ProblemValidation]:
        return [p for p in self.weak_tests if WEAK_TEST not in p.known]

    @property
    def stale_known(self) -> list[ProblemValidation]:
        """Listed as broken but behaving well (fixed upstream, or the list is wrong). One run cannot show that a
        flaky canonical solution is no longer flaky, so those are never reported here."""
        return [p for p in self.problems
                if (CANONICAL_FAILS in p.known and p.canonical_ok) or (WEAK_TEST in p.known and p.wrong_fails)]

    @property
    def ok(self) -> bool:
        return not self.unexpected_failures

    def summary_line(self) -> str:
        n = len(self.problems)
        return (f"{self.benchmark:<13} {self.language:<4} {n:>4} problems  canonical OK {n - len(self.canonical_failures):>3}/{n}"
                f"  wrong body fails {n - len(self.weak_tests):>3}/{n}  known broken {sum(bool(p.known) for p in self.problems)}"
                f"  unexpected {len(self.unexpected_failures) + len(self.unexpected_weak_tests)}")


def validate_benchmarks(benchmark: str, languages: Iterable[str] | None = None, *,
                        policy: ExecutionPolicy = ExecutionPolicy(), limit: int | None = None,
                        problems: Iterable[str] | None = None, progress: bool = False) -> list[ValidationReport]:
    """Validate several languages of a benchmark over one work queue, judged under `policy`."""
    from ..benchmarks import BENCHMARK_LANGUAGES, build_program, check_benchmark_language, load_benchmark, normalize_benchmark
    from .programs import Program

    bench = normalize_benchmark(benchmark)
    if bench not in BENCHMARKS_WITH_SOLUTIONS:
        raise LrcgError(f"benchmark {bench!r} has no canonical solutions to validate "
                        f"(valid: {', '.join(BENCHMARKS_WITH_SOLUTIONS)})")
    langs = [check_benchmark_language(bench, lang)[1] for lang in (languages or BENCHMARK_LANGUAGES[bench])]
    wanted = list(problems) if problems is not None else None
    loaded = {lang: load_benchmark(bench, lang, limit=limit, problems=wanted) for lang in langs}
    programs = []
    for lang, problems in loaded.items():
        for p in problems:
            if p.canonical_solution is None:
                raise LrcgError(f"{bench}/{lang} problem {p.task_id} has no canonical solution")
            programs.append(Program(lang, build_program(p, p.canonical_solution), problem=p.task_id))
            programs.append(Program(lang, build_program(p, wrong_completion(p)), problem=p.task_id))
    outcomes = iter(judge_programs(programs, policy, progress=progress, desc=f"validating {bench}"))
    reports = []
    for lang, problems in loaded.items():
        listed: dict[str, tuple[str, ...]] = {}
        for k in known_broken(bench, lang):
            listed[k.task_id] = listed.get(k.task_id, ()) + (k.kind,)
        checks = []
        for p in problems:
            canonical, wrong = next(outcomes), next(outcomes)
            checks.append(ProblemValidation(p.task_id, canonical.status, wrong.status,
                                            (canonical.stderr or canonical.stdout)[-300:], listed.get(p.task_id, ())))
        reports.append(ValidationReport(bench, lang, tuple(checks)))
    return reports


def validate_benchmark(benchmark: str, language: str, *, policy: ExecutionPolicy = ExecutionPolicy(),
                       limit: int | None = None, problems: Iterable[str] | None = None,
                       progress: bool = False) -> ValidationReport:
    """Run every canonical solution (expect OK) and a trivial wrong body (expect a failure) of one language."""
    return validate_benchmarks(benchmark, [language], policy=policy, limit=limit, problems=problems,
                               progress=progress)[0]


def format_report(report: ValidationReport) -> str:
    lines = [report.summary_line()]
    for p in report.unexpected_failures:
        detail = " ".join(p.canonical_stderr.split())[-160:]
        lines.append(f"  canonical {p.canonical_status:<14} {p.task_id}  {detail}")
    for p in report.unexpected_weak_tests:
        lines.append(f"  wrong body passes      {p.task_id}  (weak test: its assertions accept a zero value)")
    for p in report.problems:
        if p.known and p not in report.stale_known:
            lines.append(f"  known broken ({', '.join(p.known)}): {p.task_id}  (lrcg/data/known_broken.csv)")
    for p in report.stale_known:
        lines.append(f"  listed as known broken but behaves: {p.task_id} ({', '.join(p.known)})")
    return "\n".join(lines)
