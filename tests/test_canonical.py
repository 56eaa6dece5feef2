"""Every canonical solution of HumanEval, HumanEval-X and HumanEvalPack passes, or is in the documented
known-broken list (lrcg/data/known_broken.csv) — which is itself checked: a listed problem must still
misbehave (a flaky one, in some of many runs). Wrong bodies: all problems for the fast languages (py, js),
the listed weak tests for the rest (`lrcg validate humaneval-x` checks every wrong body; too slow for CI's
budget in C++/Java/Go)."""
from __future__ import annotations

import pytest

from conftest import needs_toolchain
from lrcg.benchmarks import BENCHMARK_LANGUAGES, build_program, load_benchmark
from lrcg.execution import Program, run_programs
from lrcg.execution.languages import get_language
from lrcg.execution.judge import ExecutionPolicy
from lrcg.execution.validate import CANONICAL_FAILS, CANONICAL_FLAKY, WEAK_TEST, known_broken, validate_benchmarks, wrong_completion

MODE = "process"  # the reference mode
BENCHMARKS = ("humaneval", "humaneval-x", "humanevalpack")


def _listed(kind: str, benchmarks=BENCHMARKS) -> set[tuple[str, str, str]]:
    return {(k.benchmark, k.language, k.task_id) for k in known_broken() if k.kind == kind and k.benchmark in benchmarks}


@pytest.mark.slow
def test_every_canonical_solution_passes_or_is_listed(data_dir):
    for lang in BENCHMARK_LANGUAGES["humaneval-x"]:
        needs_toolchain(lang)
    problems = [p for bench in BENCHMARKS for lang in BENCHMARK_LANGUAGES[bench] for p in load_benchmark(bench, lang)]
    assert len(problems) == 164 * 11
    # one queue for all: identical programs (most of HumanEvalPack equals HumanEval-X) run once
    outcomes = run_programs([Program(p.language, build_program(p, p.canonical_solution)) for p in problems],
                            workers=4, progress=False, isolation=MODE)
    # Under heavy load a compiler can exceed its timeout: a Timeout is retried once, alone.
    retry = [i for i, o in enumerate(outcomes) if o.status == "Timeout"]
    if retry:
        again = run_programs([Program(problems[i].language, build_program(problems[i], problems[i].canonical_solution))
                              for i in retry], workers=1, progress=False, isolation=MODE)
        for i, o in zip(retry, again):
            outcomes[i] = o
    failing = {(p.benchmark, p.language, p.task_id): o for p, o in zip(problems, outcomes) if not o.passed}
    unexplained = {k: (o.status, o.stderr[-300:] or o.stdout[-300:]) for k, o in failing.items()
                   if k not in _listed(CANONICAL_FAILS) | _listed(CANONICAL_FLAKY)}
    assert unexplained == {}
    stale = _listed(CANONICAL_FAILS) - set(failing)
    assert stale == set(), "listed as canonical_fails but passes"


@pytest.mark.slow
def test_listed_flaky_canonical_solutions_give_both_verdicts(data_dir):
    """A flaky listing is a claim too: over `runs` runs each such canonical solution both passes and fails.
    (Go/95 fails about one run in three, so all 24 agreeing has probability (2/3)**24 < 1e-4.)"""
    runs = 24
    listed = sorted(_listed(CANONICAL_FLAKY))
    problems = [load_benchmark(b, lang, problems=[t])[0] for b, lang, t in listed]
    for p in problems:
        needs_toolchain(p.language)
    # a distinct trailing comment per run: identical programs would run once
    programs = [Program(p.language, build_program(p, p.canonical_solution)
                        + f"\n{get_language(p.language).comment} run {i}\n")
                for p in problems for i in range(runs)]
    outcomes = run_programs(programs, workers=4, progress=False, isolation=MODE)
    verdicts = {k: {o.passed for o in outcomes[i * runs:(i + 1) * runs]} for i, k in enumerate(listed)}
    assert {k: v for k, v in verdicts.items() if v != {True, False}} == {}


@pytest.mark.slow
def test_wrong_bodies_fail_in_python_and_javascript(data_dir):
    needs_toolchain("js")
    for bench in BENCHMARKS:
        langs = [lang for lang in ("py", "js") if lang in BENCHMARK_LANGUAGES[bench]]
        for report in validate_benchmarks(bench, langs, policy=ExecutionPolicy(isolation=MODE, workers=4)):
            weak = {(bench, report.language, p.task_id) for p in report.weak_tests}
            assert weak == {k for k in _listed(WEAK_TEST, (bench,)) if k[1] == report.language}


@pytest.mark.slow
def test_listed_weak_tests_of_compiled_languages_are_weak(data_dir):
    listed = sorted(k for k in _listed(WEAK_TEST) if k[1] not in ("py", "js"))
    if not listed:
        return
    problems = [load_benchmark(b, lang, problems=[t])[0] for b, lang, t in listed]
    for p in problems:
        needs_toolchain(p.language)
    outcomes = run_programs([Program(p.language, build_program(p, wrong_completion(p))) for p in problems],
                            workers=4, progress=False, isolation=MODE)
    assert [k for k, o in zip(listed, outcomes) if not o.passed] == []
