"""Benchmark loading (local data dir) and program assembly in each benchmark's convention."""
from __future__ import annotations

import pytest

from lrcg import benchmarks
from lrcg.benchmarks import build_program, common_problem_indices, load_benchmark
from lrcg.errors import LrcgError

MULTIPL_E_SIZES = {"jl": 159, "lua": 161, "r": 161, "rkt": 161, "java": 158, "ts": 159, "cpp": 161, "js": 161,
                   "go": 154, "py": 164}


@pytest.mark.parametrize("lang,size", sorted(MULTIPL_E_SIZES.items()))
def test_multipl_e_sizes(data_dir, lang, size):
    problems = load_benchmark("multipl-e", lang)
    assert len(problems) == size
    assert all(p.language == lang and p.tests and p.prompt for p in problems)
    assert len({p.index for p in problems}) == size


@pytest.mark.parametrize("bench", ["humaneval-x", "humanevalpack"])
@pytest.mark.parametrize("lang", ["py", "cpp", "java", "js", "go"])
def test_humaneval_x_and_pack_have_164_with_solutions(data_dir, bench, lang):
    problems = load_benchmark(bench, lang)
    assert [p.index for p in problems] == list(range(164))
    assert all(p.canonical_solution for p in problems)


def test_original_humaneval(data_dir):
    problems = load_benchmark("humaneval", "python")
    assert len(problems) == 164 and problems[0].task_id == "HumanEval/0"
    assert problems[0].tests.rstrip().endswith(f"check({problems[0].entry_point})")


def test_paper_a_common_problems(data_dir):
    assert len(common_problem_indices("multipl-e", ["jl", "lua", "r", "rkt", "java", "py"])) == 157


def test_multipl_e_program_is_prompt_completion_newline_tests(data_dir):
    (p,) = load_benchmark("multipl-e", "rkt", problems=["HumanEval_53_add"])
    assert build_program(p, "  (+ x y))") == p.prompt + "  (+ x y))" + "\n" + p.tests
    assert p.entry_point == "add" and p.index == 53 and p.stop_tokens


def test_humaneval_x_cpp_gets_codegeex_headers(data_dir):
    p = load_benchmark("humaneval-x", "cpp", limit=1)[0]
    program = build_program(p, p.canonical_solution)
    assert program.index(p.prompt) > program.index("#include<cassert>") >= 0
    assert program.endswith(p.tests)


def test_humaneval_x_go_moves_imports_to_the_test_setup(data_dir):
    p = load_benchmark("humaneval-x", "go", problems=["Go/2"])[0]
    program = build_program(p, p.canonical_solution)
    assert program.startswith(p.extra["test_setup"])
    assert p.extra["import"] not in p.prompt.replace(p.extra["import"], "")
    assert program.count('"math"') == 1  # the solution uses math.Mod: imported once, after the test setup


def test_limit_and_named_problems(data_dir):
    assert len(load_benchmark("humaneval-x", "js", limit=5)) == 5
    assert [p.task_id for p in load_benchmark("humaneval-x", "js", problems=["JavaScript/7", "JavaScript/3"])] == [
        "JavaScript/7", "JavaScript/3"]


def test_unknown_benchmark_lists_choices():
    with pytest.raises(LrcgError, match=r"unknown benchmark 'mbpp' \(valid: .*humaneval-x.*multipl-e"):
        load_benchmark("mbpp", "py")


def test_language_outside_benchmark_lists_choices():
    with pytest.raises(LrcgError, match=r"has no language 'rkt' \(valid: py, cpp, java, js, go\)"):
        load_benchmark("humaneval-x", "rkt")


def test_unknown_language():
    with pytest.raises(LrcgError, match="unknown language 'klingon'"):
        load_benchmark("multipl-e", "klingon")


def test_missing_data_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("LRCG_DATA_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(LrcgError, match="nowhere.*is not a directory"):
        load_benchmark("humaneval-x", "py")


def test_data_dir_without_the_benchmark(monkeypatch, tmp_path):
    monkeypatch.setenv("LRCG_DATA_DIR", str(tmp_path))
    with pytest.raises(LrcgError, match="has no humaneval-x data for 'cpp'"):
        load_benchmark("humaneval-x", "cpp")


def test_nonexistent_problem(data_dir):
    with pytest.raises(LrcgError, match="has no problem 'HumanEval_999_nope'"):
        load_benchmark("multipl-e", "lua", problems=["HumanEval_999_nope"])


def test_hub_sources_are_pinned_per_benchmark():
    assert set(benchmarks.HUB_SOURCES) == {"multipl-e", "humaneval-x", "humanevalpack", "humaneval"}
    assert all(rev for *_, rev in benchmarks.HUB_SOURCES.values())


def test_hub_unreachable_is_one_clear_error(monkeypatch):
    """Without LRCG_DATA_DIR the Hub is asked (pinned revision); offline that is one line naming the way out."""
    import datasets

    calls = []

    def offline(repo, name, split, revision):
        calls.append((repo, name, split, revision))
        raise ConnectionError(f"Couldn't reach '{repo}' on the Hub (LocalEntryNotFoundError)\nmore detail")

    monkeypatch.delenv("LRCG_DATA_DIR", raising=False)
    monkeypatch.setattr(datasets, "load_dataset", offline)
    benchmarks._load.cache_clear()
    with pytest.raises(LrcgError) as e:
        load_benchmark("multipl-e", "rkt")
    assert calls == [("nuprl/MultiPL-E", "humaneval-rkt", *benchmarks.HUB_SOURCES["multipl-e"][2:])]
    assert "\n" not in str(e.value) and "point LRCG_DATA_DIR at a local copy" in str(e.value)
