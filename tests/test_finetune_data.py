"""MultiPL-T problem sets as benchmarks, the canonical Python of a problem, decontamination, pairs from executed
samples (with known-correct solutions run through lrcg's engine), fine-tuning plans and the live transfer table."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import needs_toolchain
from lrcg.errors import LrcgError

SOLUTIONS = Path(__file__).parent / "fixtures" / "multipl_t_solutions.jsonl"


def _solutions() -> list[dict]:
    return [json.loads(line) for line in SOLUTIONS.read_text().splitlines() if line.strip()]


def test_multipl_t_problem_sets_load_as_benchmarks_with_unique_indices():
    from lrcg.benchmarks import build_program, load_benchmark

    for bench in ("multipl-t", "multipl-t-python"):
        for lang in ("rkt", "lua"):
            problems = load_benchmark(bench, lang)
            assert len(problems) == 1000 and {p.benchmark for p in problems} == {bench}
            indices = [p.index for p in problems]
            # paired across languages by index: unique, and never one of HumanEval's 0-163
            assert len(set(indices)) == 1000 and min(indices) > 163
    rkt, lua = load_benchmark("multipl-t", "rkt"), load_benchmark("multipl-t", "lua")
    assert [p.index for p in rkt] == [p.index for p in lua]
    first = rkt[0]
    assert first.entry_point == "bit_ceil" and first.prompt.startswith("#lang racket")
    assert build_program(first, " 1)") == first.prompt + " 1)\n" + first.tests
    with pytest.raises(LrcgError, match="no language 'r'"):
        load_benchmark("multipl-t", "r")


def test_multipl_t_needs_a_local_folder(monkeypatch):
    from lrcg.benchmarks import load_benchmark

    monkeypatch.delenv("LRCG_DATA_DIR")
    with pytest.raises(LrcgError, match="LRCG_DATA_DIR/multipl-t/"):
        load_benchmark("multipl-t", "lua")


def test_canonical_python_of_a_problem_is_the_function_it_was_translated_from():
    from lrcg.benchmarks import load_benchmark
    from lrcg.harvest import canonical_python

    for lang in ("rkt", "lua"):
        plain = {p.task_id: p.prompt for p in load_benchmark("multipl-t", lang)}
        sources = [canonical_python(p.prompt, plain[p.task_id], lang, p.entry_point)
                   for p in load_benchmark("multipl-t-python", lang)]
        assert sum(s is not None for s in sources) >= 980  # the rest do not hold the whole body in comments
        assert sources[0] == ('def bit_ceil(n):\n    """Calculate the smallest power of 2 not smaller than n."""\n'
                              '    if n:\n        # see https://stackoverflow.com/a/14267825/17332200\n'
                              '        exp = (n - 1).bit_length()\n        res = 1 << exp\n        return res\n'
                              '    else:\n        return 1\n')
    namespace: dict = {}
    exec(sources[0], namespace)  # noqa: S102 - the canonical solution of a public benchmark
    assert [namespace["bit_ceil"](n) for n in (1, 5, 8, 9)] == [1, 8, 8, 16]
    assert canonical_python("-- no solution here\nlocal function f(x)\n", "local function f(x)\n", "lua", "f") is None


def test_decontamination_drops_humaneval_names_and_copied_docstrings():
    from lrcg.training.decontaminate import build_reference, contamination, ngrams

    ref = build_reference((("humaneval", "py"), ("multipl-e", "lua")))
    for name in ("fib", "is_prime", "greatest_common_divisor", "isPrime", "GREATEST-COMMON-DIVISOR"):
        assert contamination(name, "", "", ref).startswith("name: ")
    assert contamination("bit_ceil", "-- Calculate the smallest power of 2 not smaller than n.", "", ref) is None
    copied = ("-- Return a greatest common divisor of two integers a and b\n"
              "local function gcd_of(a, b)\n")  # HumanEval/13's docstring, in a Lua comment, under another name
    assert contamination("gcd_of", copied, "", ref).startswith("ngram: 'return a greatest common divisor")
    assert not ngrams("0 1 2 3 4 5 6 7 8 9 10 11", 10)  # a run of numbers is no evidence of a copy


def _executed_rows(lang: str) -> tuple[list, list[dict]]:
    """Known-correct solutions (plus a wrong one and a duplicate) as store rows, with statuses from lrcg's engine."""
    from lrcg.benchmarks import build_program, load_benchmark
    from lrcg.execution import Program, run_programs

    mine = [s for s in _solutions() if s["language"] == lang]
    problems = load_benchmark("multipl-t-python", lang, problems=[s["problem"] for s in mine])
    completions = [s["completion"] for s in mine] + [mine[0]["completion"], "  oops\n"]
    targets = problems + [problems[0], problems[1]]
    outcomes = run_programs([Program(lang, build_program(p, c)) for p, c in zip(targets, completions)], progress=False)
    rows = [{"problem": p.task_id, "index": p.index, "sample": i, "status": o.status, "completion": c,
             "settings_hash": "h"} for i, (p, c, o) in enumerate(zip(targets, completions, outcomes))]
    return problems, rows


@pytest.mark.parametrize("lang", ["lua", "rkt"])
def test_pairs_keep_what_passed_once_with_provenance_and_translation(lang):
    needs_toolchain(lang)
    from lrcg.benchmarks import load_benchmark
    from lrcg.training.decontaminate import build_reference
    from lrcg.harvest import canonical_python, language_pairs

    problems, rows = _executed_rows(lang)
    assert [r["status"] for r in rows] == ["OK"] * (len(problems) + 1) + [rows[-1]["status"]]
    assert rows[-1]["status"] != "OK"
    plain = {p.task_id: p.prompt for p in load_benchmark("multipl-t", lang)}
    python = {p.task_id: canonical_python(p.prompt, plain[p.task_id], lang, p.entry_point) for p in problems}
    ref = build_reference((("humaneval", "py"),))
    data = language_pairs(rows, problems, plain, python, ref, "m", "hf")
    assert data.tried == len(problems) and data.passed == len(problems) and data.passing_samples == len(problems) + 1
    assert len(data.generation) == len(problems)  # the duplicate passing body is one pair
    assert data.dropped == []
    (pair,) = [g for g in data.generation if g["problem"] == rows[0]["problem"]]  # pairs come in index order
    assert pair["instruction"] == plain[pair["problem"]] and "Canonical Python" not in pair["instruction"]
    assert pair["output"] == rows[0]["completion"]
    assert {k: pair[k] for k in ("model", "backend", "status", "sample", "benchmark")} == \
        {"model": "m", "backend": "hf", "status": "OK", "sample": 0, "benchmark": "multipl-t-python"}
    (t,) = [x for x in data.translation if x["problem"] == rows[0]["problem"]]
    assert t["instruction"].startswith("Translate the following Python function to ")
    assert "def is_categorical(var_type):" in t["instruction"] and t["output"] == pair["instruction"] + pair["output"]
    # a reference that has this name drops the pair, with the reason
    from dataclasses import replace
    contaminated = language_pairs(rows, problems, plain, python, replace(ref, names={"iscategorical": "x/y/z"}),
                                  "m", "hf")
    assert [d["reason"] for d in contaminated.dropped] == ["name: is_categorical = entry point of x/y/z"]
    assert len(contaminated.generation) == len(problems) - 1


def test_pair_files_train_directly():
    from lrcg.training.data import load_examples

    def write(path, records):
        path.write_text("".join(json.dumps(r) + "\n" for r in records))
        return path

    import tempfile

    with tempfile.TemporaryDirectory() as d:
        path = write(Path(d) / "rkt-generation.jsonl",
                     [{"instruction": "#lang racket\n(define (f x)\n", "output": "  x)\n", "model": "m", "problem": "p"}])
        (example,) = load_examples(str(path))
        assert example.instruction.endswith("(define (f x)\n") and example.response == "  x)\n"


@pytest.mark.parametrize("plan_name, profile_name", [("laptop", "laptop-finetune"),
                                                     ("laptop-lua", "laptop-finetune-lua"),
                                                     ("laptop-rkt", "laptop-finetune-rkt")])
def test_the_laptop_plan_makes_every_adapter_the_profile_evaluates(plan_name, profile_name):
    from lrcg.params import load_profile
    from lrcg.training.plan import adapter_dir, load_plan

    plan = load_plan(plan_name)
    made = {str(adapter_dir(plan, lang, t)) for lang in plan.data.languages for t in plan.techniques}
    profile = load_profile(profile_name)
    evaluated = {r["adapter"] for r in profile.live["runs"] if r.get("adapter")}
    assert evaluated == made
    assert {m for m in profile.codem_models if m != profile.codem_base} <= made
    # Table III's labels of the two techniques are the adapters' folder names
    assert {Path(a).name for a in made} == {t.split("@")[1] for t in profile.techniques if "@" in t}
    assert plan.preset == "laptop" and plan.data.problems == "multipl-t"


def test_the_self_taught_profile_is_the_lua_and_racket_profiles_together():
    from lrcg.params import load_profile

    both = load_profile("laptop-finetune-self")
    parts = [load_profile(name) for name in ("laptop-finetune-lua", "laptop-finetune-rkt")]
    key = lambda r: json.dumps(r, sort_keys=True)  # noqa: E731
    assert sorted(map(key, both.live["runs"])) == sorted({key(r) for p in parts for r in p.live["runs"]})
    assert set(both.codem_models) == {m for p in parts for m in p.codem_models}
    assert set(both.technique_languages) == {"lua", "rkt"} and both.techniques == parts[0].techniques


def test_plan_errors_name_the_key(tmp_path):
    from lrcg.training.plan import load_plan

    bad = tmp_path / "p.yaml"
    bad.write_text("model: m\nadapters_dir: x\ndata: {modle: m}\n")
    with pytest.raises(LrcgError, match=r"data: unknown key 'modle'"):
        load_plan(bad)
    bad.write_text("model: m\nadapters_dir: x\ntechniques: [generation, rlhf]\n")
    with pytest.raises(LrcgError, match="unknown technique 'rlhf'"):
        load_plan(bad)
    with pytest.raises(LrcgError, match="unknown fine-tuning plan 'nope'"):
        load_plan("nope")


def _outcomes(cells: dict) -> "object":
    """Synthetic outcomes: {(adapter or '', language): [passed per problem]} for one model, one sample each."""
    import pandas as pd

    rows = []
    for (adapter, language), passed in cells.items():
        for i, ok in enumerate(passed):
            rows.append({"model": "m", "adapter": adapter, "technique": "baseline", "language": language,
                         "problem": f"HumanEval_{i}_p", "index": i, "sample": 0, "passed": ok})
    return pd.DataFrame(rows)


def test_transfer_table_is_mcnemar_of_adapter_vs_base_per_language():
    from lrcg.analysis import finetuning, stats

    base_lua = [False] * 10 + [True] * 10
    ada_lua = [True] * 8 + [False] * 2 + [True] * 9 + [False]  # b = 8, c = 1
    base_py = [True] * 20
    ada_py = [True] * 20  # no discordant pair
    frame = _outcomes({("", "lua"): base_lua, ("/a/lua/generation", "lua"): ada_lua,
                       ("", "py"): base_py, ("/a/lua/generation", "py"): ada_py})
    t = finetuning.transfer_table(frame, "m", ["/a/lua/generation"], ["lua", "py", "rkt"])
    assert list(t["language"]) == ["lua", "py"]  # rkt was not evaluated: no cell
    lua = t[t["language"] == "lua"].iloc[0]
    expected = stats.mcnemar_odds_ratio(8, 1)
    assert (lua["adapter"], lua["b"], lua["c"], lua["n_pairs"]) == ("lua/generation", 8, 1, 20)
    assert lua["odds_ratio"] == expected.odds_ratio and lua["p_value"] == pytest.approx(expected.p_value)
    assert lua["base_pass@1"] == 50.0 and lua["adapter_pass@1"] == 85.0 and lua["gain"] == 35.0
    py = t[t["language"] == "py"].iloc[0]
    assert (py["b"], py["c"], py["p_value"], py["gain"]) == (0, 0, 1.0, 0.0)
    assert list(t["p_adjusted"]) == pytest.approx(list(stats.benjamini_hochberg(t["p_value"])))
    assert finetuning.transfer_gains(t).loc["lua/generation", "lua"] == 35.0
    text = finetuning.describe_transfer(t, 0.05)
    # p = 0.039 alone, 0.078 after BH over the two cells: a large gain that is not significant
    assert text.startswith("significant (BH-adjusted p < 0.05): none\nnot significant: lua/generation on lua: "
                           "+35.0 points (b=8, c=1, OR=8.00, p=0.0391, adjusted 0.0781)")
    moved = finetuning.carrying_problems(frame, "m", "/a/lua/generation", "lua")
    assert len(moved) == 9 and moved["passed_adapter"].sum() == 8
    with pytest.raises(LrcgError, match="no outcomes of adapter"):
        finetuning.transfer_table(frame, "m", ["/a/rkt/generation"], ["lua"])


def test_table3_beside_published_maps_the_fine_tuned_rows_to_paper_a():
    import pandas as pd

    from lrcg.analysis import finetuning
    from lrcg.params import load_profile

    profile = load_profile("laptop-finetune")
    live = pd.DataFrame({"rkt": [5.0, 9.0], "lua": [10.0, 12.0]},
                        index=pd.MultiIndex.from_tuples([("q", "baseline"), ("q", "baseline@generation")],
                                                        names=["model", "technique"]))
    both = finetuning.techniques_beside_published(profile, live)
    assert list(both.columns) == ["rkt", "lua", "r"]  # the paper has R and Racket, the live rows Racket and Lua
    assert both.loc[("live", "q", "fine-tuning"), "rkt"] == 9.0
    assert both.loc[("published", "DS-1B", "fine-tuning")].notna().tolist() == [True, False, True]
    assert finetuning.has_finetuned_rows(profile) and not finetuning.has_finetuned_rows(load_profile("laptop"))
    assert dict(finetuning.not_run(profile))["r"].startswith("no MultiPL-T problem set for 'r'")


def _finetune_store(path, adapters: dict) -> None:
    """A store with base and adapter outcomes: {adapter ('' = base): {(technique, language): [passed per problem]}}."""
    from lrcg.execution import Outcome
    from lrcg.store import Generation, Store

    with Store(path) as s:
        gens, statuses = [], []
        for adapter, cells in adapters.items():
            for (technique, language), passed in cells.items():
                for i, ok in enumerate(passed):
                    gens.append(Generation("m", adapter, technique, "multipl-e", language, f"HumanEval_{i}_p", i, 0,
                                           "h", "{}", "prompt", "response", "completion"))
                    statuses.append("OK" if ok else "Exception")
        s.add_generations(gens)
        rows = {(r["adapter"], r["technique"], r["language"], r["index"]): r["id"] for r in s.rows()}
        s.add_outcomes([(rows[(g.adapter, g.technique, g.language, g.problem_index)], Outcome(st, 0, "", "", 0.1), "p")
                        for g, st in zip(gens, statuses)])


@pytest.mark.slow  # two kernels
def test_notebooks_03_and_07_show_the_fine_tuned_rows_and_the_transfer_table(tmp_path):
    import yaml

    from lrcg.params import load_profile
    from lrcg.reproduce import _execute

    lua, rkt = str(tmp_path / "adapters" / "lua" / "generation"), str(tmp_path / "adapters" / "rkt" / "generation")
    two = str(tmp_path / "adapters" / "rkt" / "two-stage" / "stage2-generation")
    two_lua = str(tmp_path / "adapters" / "lua" / "two-stage" / "stage2-generation")
    base = {(t, lang): [i % 3 == 0 for i in range(30)] for t in ("baseline", "few-shot") for lang in ("lua", "rkt")}
    base.update({("baseline", "py"): [i % 2 == 0 for i in range(30)]})
    _finetune_store(tmp_path / "results.sqlite", {
        "": base,
        lua: {("baseline", "lua"): [True] * 30, ("baseline", "rkt"): [i % 3 == 0 for i in range(30)],
              ("baseline", "py"): [i % 2 == 0 for i in range(30)]},
        rkt: {("baseline", "lua"): [i % 3 == 0 for i in range(30)], ("baseline", "rkt"): [i < 12 for i in range(30)],
              ("baseline", "py"): [i % 2 == 0 for i in range(30)]},
        two: {("baseline", "rkt"): [i < 14 for i in range(30)], ("baseline", "lua"): [False] * 30},
        two_lua: {("baseline", "lua"): [i % 3 == 0 or i == 1 for i in range(30)]},
    })
    profile = {"source": str(tmp_path / "results.sqlite"), "output_dir": str(tmp_path / "out"), "models": ["m"],
               "languages": ["py", "lua", "rkt"], "techniques": ["baseline", "few-shot", "baseline@generation",
                                                                  "baseline@stage2-generation"],
               "technique_languages": ["rkt", "lua"], "codem_models": ["m", lua, rkt], "codem_base": "m",
               "codem_languages": ["py", "lua", "rkt"], "codem_benchmark": "multipl-e",
               "notebooks": ["03_low_resource_techniques", "07_teaching_transfer"]}
    # Table III counts an adapter in its own language only (rkt/two-stage evaluated on Lua is not Table III's)
    path = tmp_path / "ft.yaml"
    path.write_text(yaml.safe_dump(profile))
    for name in ("03_low_resource_techniques", "07_teaching_transfer"):
        _, _, error = _execute(name, str(tmp_path / f"{name}.ipynb"), {"profile": str(path)})
        assert error is None, error
    out = load_profile(path).output_dir
    import pandas as pd

    transfer = pd.read_csv(out / "transfer_table.csv")
    lua_on_lua = transfer[(transfer["adapter"] == "lua/generation") & (transfer["language"] == "lua")].iloc[0]
    assert (lua_on_lua["b"], lua_on_lua["c"], bool(lua_on_lua["significant"])) == (20, 0, True)
    lua_on_py = transfer[(transfer["adapter"] == "lua/generation") & (transfer["language"] == "py")].iloc[0]
    assert (lua_on_py["b"], lua_on_py["c"], lua_on_py["p_value"]) == (0, 0, 1.0)  # no transfer: a null result
    beside = (out / "table3_beside_published.md").read_text()
    assert "fine-tuning" in beside and "pretraining-fine-tuning" in beside and "DS-1B" in beside
    ors = pd.read_csv(out / "table3_technique_odds_ratios.csv")
    assert {"baseline@generation", "baseline@stage2-generation", "few-shot"} <= set(ors["first"])
    text = json.dumps(json.loads((tmp_path / "07_teaching_transfer.ipynb").read_text()))
    assert "significant (BH-adjusted p < 0.05): lua/generation on lua: +66.7 points" in text


def test_table3_counts_an_adapter_in_its_training_language_only():
    from lrcg.analysis import stats

    assert stats.adapter_language("/r/adapters/lua/generation") == "lua"
    assert stats.adapter_language("/r/adapters/rkt/two-stage/stage2-generation") == "rkt"
    assert stats.adapter_language("/r/my-adapter") is None and stats.adapter_language("") is None
    assert stats.adapter_language("/x/generation") is None  # `x` is no language
    frame = _outcomes({("", "lua"): [True], ("/a/lua/generation", "lua"): [True], ("/a/lua/generation", "rkt"): [False],
                       ("/a/mine", "rkt"): [True]})
    kept = stats.in_training_language(frame)
    assert sorted(zip(kept["adapter"], kept["language"])) == [("", "lua"), ("/a/lua/generation", "lua"),
                                                               ("/a/mine", "rkt")]


def test_an_adapter_inside_the_repository_is_keyed_by_its_relative_path(tmp_path):
    """A store (and its snapshot) names a plan's adapter the same way in every clone; one elsewhere keeps its
    absolute path. The transfer table finds the adapter a profile names (an absolute path) by that key."""
    from lrcg.analysis import finetuning
    from lrcg.config import REPO_DIR, adapter_key

    inside = REPO_DIR / "runs" / "x" / "lua" / "generation"
    assert adapter_key(inside) == "runs/x/lua/generation"
    assert adapter_key(str(tmp_path / "lua" / "generation")) == str((tmp_path / "lua" / "generation").resolve())
    assert adapter_key(None) == adapter_key("") == ""
    frame = _outcomes({("", "lua"): [False, True], ("runs/x/lua/generation", "lua"): [True, True]})
    table = finetuning.transfer_table(frame, "m", [str(inside)], ["lua"])
    assert (table.iloc[0]["adapter"], table.iloc[0]["b"], table.iloc[0]["c"]) == ("lua/generation", 1, 0)
