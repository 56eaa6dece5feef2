"""The failure taxonomy on real failing programs: every category rule of every language is exercised by a
program of that language that fails that way (tests/programs/<lang>/failure.<kind>.txt), executed by
lrcg.execution and then classified; real SmolLM2-135M failures are re-executed and classified too."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from lrcg.analysis import failures as F
from lrcg.benchmarks import build_program, load_benchmark
from lrcg.execution import Program, run_programs

from conftest import LOOP_TIMEOUT, PROGRAMS, hand_written_program, needs_toolchain

KIND_CATEGORY = {"syntax": F.SYNTAX, "undefined": F.UNDEFINED, "arity": F.UNDEFINED, "type": F.TYPE,
                 "runtime": F.RUNTIME, "wrong": F.WRONG_ANSWER, "timeout": F.TIMED_OUT, "resource": F.RESOURCE,
                 "foreign": F.OTHER_LANGUAGE}
LANGUAGES = ["py", "lua", "r", "rkt", "java", "js", "ts", "cpp", "go", "jl"]
SMOLLM2 = Path(__file__).parent / "fixtures" / "smollm2_failures.jsonl"


def failing_programs(lang: str) -> dict[str, str]:
    return {p.stem.split(".")[1]: p.stem for p in sorted((PROGRAMS / lang).glob("failure.*.txt"))}


def run_and_classify(lang: str, cases: dict[str, str]) -> dict[str, tuple[str, object]]:
    sources = [hand_written_program(lang, case) for case in cases.values()]
    programs = [Program(lang, s, LOOP_TIMEOUT if kind == "timeout" else None) for kind, s in zip(cases, sources)]
    outcomes = run_programs(programs, workers=2, progress=False)
    completions = [(PROGRAMS / lang / f"{case}.txt").read_text() for case in cases.values()]
    return {kind: (F.classify(lang, o.status, o.stderr, o.stdout, c), o)
            for kind, o, c in zip(cases, outcomes, completions)}


@pytest.mark.slow  # a few seconds per language; Java and Go compile each program
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_category_on_real_failing_programs(lang):
    needs_toolchain(lang)
    cases = failing_programs(lang)
    # every language has a program for each category (arity only where the language checks it)
    assert set(KIND_CATEGORY) - {"arity"} <= set(cases), sorted(cases)
    got = run_and_classify(lang, cases)
    wrong = {kind: (category, o.status, o.stderr[-300:], o.stdout[-300:]) for kind, (category, o) in got.items()
             if category != KIND_CATEGORY[kind]}
    assert not wrong, wrong
    # and what passes is not a failure: the language's correct programs are classified as passed
    correct = {p.stem: p.stem for p in sorted((PROGRAMS / lang).glob("*.correct.txt"))}
    assert {F.PASSED} == {category for category, _ in run_and_classify(lang, correct).values()}


def test_correct_code_never_looks_like_another_language():
    for lang in LANGUAGES:
        for path in sorted((PROGRAMS / lang).glob("*.txt")):
            if not path.stem.startswith("failure.foreign"):
                assert F.other_language(lang, path.read_text()) is None, path
    python_answer = (PROGRAMS / "lua" / "failure.foreign.txt").read_text()
    assert F.other_language("lua", python_answer) == "py" and F.other_language("py", python_answer) is None


@pytest.mark.slow
def test_real_smollm2_failures_reexecuted_and_classified():
    rows = [json.loads(line) for line in SMOLLM2.read_text().splitlines()]
    assert {r["category"] for r in rows} >= {F.OTHER_LANGUAGE, F.SYNTAX, F.UNDEFINED, F.TYPE, F.RESOURCE,
                                              F.WRONG_ANSWER}
    for lang in {r["language"] for r in rows}:
        needs_toolchain(lang)
    problems = [load_benchmark("multipl-e", r["language"], problems=[r["problem"]])[0] for r in rows]
    outcomes = run_programs([Program(r["language"], build_program(p, r["completion"])) for r, p in zip(rows, problems)],
                            workers=2, progress=False)
    got = [F.classify(r["language"], o.status, o.stderr, o.stdout, r["completion"]) for r, o in zip(rows, outcomes)]
    assert got == [r["category"] for r in rows]


def test_rule_order_and_table():
    # a sandbox kill outranks the status; status alone decides where no pattern matches
    assert F.classify("py", "Exception", "x\n[lrcg] killed: memory limit (4096 MB) exceeded") == F.RESOURCE
    assert F.classify("py", "Timeout") == F.TIMED_OUT and F.classify("py", "OK") == F.PASSED
    assert F.classify("r", "SyntaxError", "Error: unexpected symbol") == F.SYNTAX
    # a response that ends inside the code block it opened was cut off, whatever the fragment then did
    cut = "Here is the function:\n```r\nf <- function(x) {\n  if (x > 0"
    assert F.code_cut_off(cut) and not F.code_cut_off(cut + "\n}\n```\nIt works.") and not F.code_cut_off("x <- 1")
    assert F.classify("r", "SyntaxError", "Error: unexpected end of input", "", "f <- function(x) {", cut) == F.CUT_OFF
    assert F.classify("r", "SyntaxError", "Error: unexpected end of input", "", "", cut + "\n}\n```") == F.SYNTAX
    assert F.classify("r", "Exception", "Error in f(): boom") == F.RUNTIME
    assert F.classify("go", "AssertionError", "", "--- FAIL: TestX\npanic: runtime error: index out of range") == F.RUNTIME
    assert F.classify("go", "AssertionError", "", "--- FAIL: TestX\n    main_test.go:32: expected '1', got '0'") \
        == F.WRONG_ANSWER
    frame = pd.DataFrame({"model": ["m"] * 4, "language": ["py", "py", "lua", "lua"],
                          "status": ["OK", "AssertionError", "SyntaxError", "SyntaxError"],
                          "stderr": ["", "AssertionError", "syntax error near 'x'", "syntax error"],
                          "stdout": [""] * 4,
                          "completion": ["", "", "def f(x):\n    return x\n", "not code at all"]})
    table = F.failure_table(frame)
    assert list(table.columns) == [F.PASSED, *F.CATEGORIES]
    assert table.loc[("m", "py"), F.PASSED] == 1 and table.loc[("m", "py"), F.WRONG_ANSWER] == 1
    assert table.loc[("m", "lua"), F.OTHER_LANGUAGE] == 1 and table.loc[("m", "lua"), F.SYNTAX] == 1
    assert (F.failure_table(frame, share=True).sum(axis=1) == 1.0).all()


def test_failure_figure_png_and_pdf(tmp_path):
    frame = pd.DataFrame({"model": ["m", "m", "n"], "language": ["py", "rkt", "py"],
                          "status": ["OK", "Timeout", "AssertionError"], "stderr": ["", "", ""],
                          "stdout": ["", "", ""], "completion": ["", "", ""]})
    paths = F.plot_failures(frame, tmp_path / "failures")
    assert paths["png"].read_bytes()[:4] == b"\x89PNG" and paths["pdf"].read_bytes()[:4] == b"%PDF"
