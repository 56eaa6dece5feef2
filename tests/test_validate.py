"""`lrcg validate`: trivial wrong bodies per language, the known-broken list, reports and the CLI."""
from __future__ import annotations

import csv

import pytest

from conftest import needs_toolchain
from lrcg.execution import validate
from lrcg.benchmarks import BENCHMARK_LANGUAGES, Problem, load_benchmark
from lrcg.cli import main
from lrcg.execution.judge import ExecutionPolicy
from lrcg.execution.validate import (KNOWN_BROKEN_CSV, KNOWN_BROKEN_KINDS, ValidationReport, known_broken, validate_benchmark,
                           validate_benchmarks, wrong_completion)

MODE = "process"
POLICY = ExecutionPolicy(isolation=MODE)


def _problem(lang, prompt, canonical, **extra):
    return Problem(benchmark="humaneval-x", language=lang, task_id="X/0", prompt=prompt, tests="",
                   canonical_solution=canonical, extra=extra)


def test_wrong_bodies_return_the_zero_value_and_keep_the_closing_braces():
    java = _problem("java", "class Solution {\n    public List<Integer> f(int x) {\n", "        return x;\n    }\n}")
    assert wrong_completion(java) == "        return null;\n    }\n}\n"
    java_long = _problem("java", "class Solution {\n    public long f(int x) {\n", "  return 1;\n    }\n}\n")
    assert wrong_completion(java_long).startswith("        return 0L;")
    java_bool = _problem("java", "class Solution {\n    public boolean f(String s) {\n", "  return true;\n  }\n}")
    assert "return false;" in wrong_completion(java_bool)
    go = _problem("go", "func F(x []int) [2]interface{} {\n", "    return [2]interface{}{1, 2}\n}\n\n")
    assert wrong_completion(go) == "    return *new([2]interface{})\n}\n"
    go_pair = _problem("go", "func F(s string) (int, bool) {\n", "    return 1, true\n}\n")
    assert wrong_completion(go_pair) == "    return *new(int), *new(bool)\n}\n"
    assert wrong_completion(_problem("cpp", "int f(){\n", "    return 1;\n}\n")) == "    return {};\n}\n"
    assert wrong_completion(_problem("js", "const f = (x) => {\n", "  return 1;\n}\n\n")) == "  return undefined;\n}\n"
    assert wrong_completion(_problem("py", "def f():\n", "    return 1\n")) == "    return None\n"
    assert wrong_completion(_problem("c", "int f(void) {\n", "  return 1;\n}\n", wrong_solution="  return 7;\n}\n")) \
        == "  return 7;\n}\n"


def test_known_broken_list_is_well_formed(data_dir):
    with open(KNOWN_BROKEN_CSV, newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == ["benchmark", "language", "task_id", "kind", "reason"]
        rows = list(reader)
    assert len({(r["benchmark"], r["language"], r["task_id"], r["kind"]) for r in rows}) == len(rows)
    for r in rows:
        assert r["kind"] in KNOWN_BROKEN_KINDS
        assert len(r["reason"]) > 20, r
        assert r["language"] in BENCHMARK_LANGUAGES[r["benchmark"]]
        if r["benchmark"] != "humaneval-c":  # HumanEval-C rows are checked by its own tests
            load_benchmark(r["benchmark"], r["language"], problems=[r["task_id"]])  # raises if it does not exist
    assert (KNOWN_BROKEN_CSV.parent / "known_broken.md").read_text().count("known_broken.csv") >= 1


def test_validate_first_problems_of_every_humaneval_x_language(data_dir):
    for lang in BENCHMARK_LANGUAGES["humaneval-x"]:
        needs_toolchain(lang)
    reports = validate_benchmarks("humaneval-x", limit=3, policy=ExecutionPolicy(isolation=MODE, workers=4))
    assert [r.language for r in reports] == list(BENCHMARK_LANGUAGES["humaneval-x"])
    for r in reports:
        assert isinstance(r, ValidationReport) and len(r.problems) == 3
        assert r.ok and not r.canonical_failures and not r.weak_tests, validate.format_report(r)
        assert all(p.wrong_status in ("AssertionError", "Exception") for p in r.problems), r


def test_known_broken_problem_is_reported_but_does_not_fail(data_dir, monkeypatch, tmp_path):
    needs_toolchain("js")
    report = validate_benchmark("humaneval-x", "js", problems=["JavaScript/112"], policy=POLICY)
    (p,) = report.problems
    assert p.canonical_status == "AssertionError" and p.known == ("canonical_fails",)
    assert report.ok and report.canonical_failures == [p] and report.unexpected_failures == []
    # the same problem, absent from the list, is unexpected: exit 1 and named in the output
    empty = tmp_path / "known_broken.csv"
    empty.write_text("benchmark,language,task_id,kind,reason\n")
    monkeypatch.setattr(validate, "KNOWN_BROKEN_CSV", empty)
    assert not validate_benchmark("humaneval-x", "js", problems=["JavaScript/112"], policy=POLICY).ok


def test_cli_exit_codes(data_dir, capsys, monkeypatch, tmp_path):
    needs_toolchain("js")
    argv = ["validate", "humaneval-x", "--language", "js", "--problem", "JavaScript/112", "--problem",
            "JavaScript/0", "--no-progress", "--isolation", MODE]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "canonical OK   1/2" in out and "known broken 1" in out
    empty = tmp_path / "known_broken.csv"
    empty.write_text("benchmark,language,task_id,kind,reason\n")
    monkeypatch.setattr(validate, "KNOWN_BROKEN_CSV", empty)
    assert main(argv) == 1
    assert "JavaScript/112" in capsys.readouterr().out


@pytest.mark.parametrize("argv,message", [
    (["validate", "multipl-e"], "has no canonical solutions to validate (valid: humaneval, humaneval-x"),
    (["validate", "humaneval-x", "--language", "rkt"], "has no language 'rkt' (valid: py, cpp, java, js, go)"),
    (["validate", "nope"], "unknown benchmark 'nope'"),
])
def test_cli_bad_input(data_dir, capsys, argv, message):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_known_broken_filters():
    rows = known_broken()
    assert all(r.benchmark == "humaneval-x" for r in known_broken("humaneval-x"))
    assert len(known_broken("humaneval-x", "js")) <= len(rows)
