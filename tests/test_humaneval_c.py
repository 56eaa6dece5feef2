"""HumanEval-C (lrcg/data/humaneval-c): the shipped data is what the generator makes, every row follows the
conventions, canonical solutions pass (gcc -Wall -Werror, AddressSanitizer + UBSan + LeakSanitizer, and
`lrcg validate`), trivial wrong bodies fail, and the CodeM prompt ends with the C declaration."""
from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path

import pytest

from conftest import REPO, needs_toolchain
from lrcg.benchmarks import build_program, load_benchmark

DATA = REPO / "lrcg" / "data" / "humaneval-c"
N_HUMANEVAL = 164
EXCLUDED = {"C/22", "C/137"}  # boost::any problems (see excluded.csv)


def _script(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


make_humaneval_c = _script("make_humaneval_c", REPO / "scripts" / "make_humaneval_c.py")
check = _script("humaneval_c_check", REPO / "scripts" / "humaneval_c" / "check.py")


@pytest.fixture(scope="module")
def problems():
    return load_benchmark("humaneval-c", "c")


def _excluded_rows() -> list[dict]:
    with open(DATA / "excluded.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_shipped_files_are_what_the_generator_makes(data_dir):
    jsonl, excluded_csv, todo = make_humaneval_c.generate(data_dir / make_humaneval_c.DEFAULT_SOURCE)
    assert todo == []
    assert (DATA / "humaneval-c.jsonl").read_bytes() == jsonl.encode("utf-8")
    assert (DATA / "excluded.csv").read_bytes() == excluded_csv.encode("utf-8")


def test_generator_cli_writes_and_checks(tmp_path, capsys):
    assert make_humaneval_c.main(["--check", "--out", str(tmp_path)]) == 1  # nothing there yet
    assert make_humaneval_c.main(["--out", str(tmp_path)]) == 0
    assert make_humaneval_c.main(["--check", "--out", str(tmp_path)]) == 0
    assert "162 included, 2 excluded, 0 not yet done" in capsys.readouterr().out
    (tmp_path / "excluded.csv").write_text("task_id,reason\n")
    assert make_humaneval_c.main(["--check", "--out", str(tmp_path)]) == 1
    assert make_humaneval_c.main(["--source", str(tmp_path / "missing.jsonl.gz")]) == 2


def test_every_humaneval_problem_is_included_or_excluded_with_a_reason(problems):
    included = [p.task_id for p in problems]
    excluded = {r["task_id"]: r["reason"] for r in _excluded_rows()}
    assert len(included) == len(set(included)) == N_HUMANEVAL - len(EXCLUDED)
    assert set(excluded) == EXCLUDED and all(len(reason) > 40 for reason in excluded.values())
    assert sorted(p.index for p in problems) == sorted(set(range(N_HUMANEVAL)) - {int(t[2:]) for t in EXCLUDED})


def test_rows_follow_the_conventions(problems):
    for p in problems:
        assert p.benchmark == "humaneval-c" and p.language == "c" and p.task_id == f"C/{p.index}"
        assert p.prompt == "/*\n" + p.docstring + "*/\n" + p.declaration
        assert p.declaration.startswith("\n".join(make_humaneval_c.C_HEADERS) + "\n")
        assert p.declaration.endswith("\n" + p.signature + " {\n") and "\n" not in p.signature
        assert p.entry_point and f"{p.entry_point}(" in p.signature
        assert p.canonical_solution.rstrip().endswith("}") and p.extra["wrong_solution"].rstrip().endswith("}")
        assert p.tests.startswith(make_humaneval_c.TEST_PRELUDE) and "int main(void)" in p.tests
        for text in (p.declaration, p.canonical_solution, p.tests):
            assert not any(cpp in text for cpp in ("std::", "vector<", "using namespace", "#include<")), p.task_id
        assert p.stop_tokens == make_humaneval_c.STOP_TOKENS


def test_codem_prompt_ends_with_the_c_declaration(problems):
    from lrcg.generation.prompting import build_prompt, completion_from_response

    for p in problems:
        prompt = build_prompt("codem", p)
        assert "Complete the C code for this problem:\n" + p.prompt.strip("\n") in prompt
        assert prompt.endswith("### Response:\n" + p.signature + " {\n"), p.task_id
        # the canonical body, generated after that signature, comes back unchanged
        assert completion_from_response(p, p.canonical_solution + "\n\nint main(void) {\n", "codem").strip() \
            == p.canonical_solution.strip()


def test_problem_file_errors_name_the_file(tmp_path):
    bad = tmp_path / "007.c"
    bad.write_text("//@ signature\nint f(void)\n//@ canonical\n    return 1;\n}\n")
    with pytest.raises(SystemExit, match=r"007\.c: missing section 'wrong'"):
        make_humaneval_c.parse_problem_file(bad)
    bad.write_text("//@ signatur\nint f(void)\n")
    with pytest.raises(SystemExit, match="unknown section 'signatur'"):
        make_humaneval_c.parse_problem_file(bad)


def test_sanitizer_harness_catches_warnings_leaks_and_overflows():
    needs_toolchain("c")
    assert check.run("int main(void) { int unused; return 0; }\n")[0] == "compile"
    leak = "#include <stdlib.h>\nint main(void) { void *p = malloc(8); p = 0; return p != 0; }\n"
    assert check.run(leak)[0] == "fail"
    assert check.run("#include <stdlib.h>\nint main(void) { int *a = malloc(2 * sizeof(int)); a[2] = 1; "
                     "free(a); return 0; }\n")[0] == "fail"
    assert check.run("int main(void) { return 0; }\n")[0] == "ok"


@pytest.mark.slow
def test_canonical_solutions_compile_with_werror_and_pass_under_sanitizers(problems):
    """gcc -std=c11 -Wall -Werror -fsanitize=address,undefined, LeakSanitizer on: no warning, no memory error."""
    needs_toolchain("c")
    programs = [(f"c{p.index}", build_program(p, p.canonical_solution), check.defined_functions(p.declaration))
                for p in problems]
    status, log = check.run_together(programs)
    assert status == "ok", log


def test_run_together_renames_clashing_names_and_reports_failures():
    needs_toolchain("c")
    ok = ("#include <assert.h>\nint add(int a, int b) {\n    return a + b;\n}\n"
          "int main(void) { assert(add(1, 2) == 3); return 0; }\n")
    leak = "#include <stdlib.h>\nint add(void) {\n    return malloc(4) != 0;\n}\nint main(void) { return !add(); }\n"
    assert check.defined_functions("#include <x.h>\nbool is_p(const char *s) {\n  return 1;\n}\nchar *f(int n) {\n") \
        == ["is_p", "f"]
    assert check.run_together([("a", ok, ["add"]), ("b", ok, ["add"])]) == ("ok", "")
    status, log = check.run_together([("a", ok, ["add"]), ("b", leak, ["add"])])
    assert status == "fail" and "LeakSanitizer" in log and "add_b" in log
    status, log = check.run_together([("a", ok, ["add"]), ("b", "int main(void) { int unused; return 0; }\n", [])])
    assert status == "compile" and log.startswith("b: ")


@pytest.mark.slow
def test_lrcg_validate_humaneval_c(problems):
    """Through lrcg's own contained execution: every canonical passes, every wrong body compiles and fails."""
    from lrcg.execution.languages import OK, SYNTAX_ERROR
    from lrcg.execution.validate import validate_benchmark

    needs_toolchain("c")
    report = validate_benchmark("humaneval-c", "c")
    assert len(report.problems) == len(problems)
    assert [p.task_id for p in report.problems if p.canonical_status != OK] == []
    assert [p.task_id for p in report.problems if p.wrong_status in (OK, SYNTAX_ERROR)] == []
    assert all(not p.known for p in report.problems)
