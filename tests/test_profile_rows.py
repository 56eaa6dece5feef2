"""A profile reads only its own runs' samples from a store that other runs share: the laptop profiles keep one store,
and the ladder's 1,024-token run of the 0.5B must not be pooled into the laptop profile's 384-token Table I."""
from __future__ import annotations

import pytest

from conftest import needs_toolchain
from fixtures_models import tiny_llama  # noqa: F401  (pytest fixture)
from lrcg.analysis import explore, sources
from lrcg.benchmarks import common_problem_indices, load_benchmark
from lrcg.evaluate import _problems, evaluate, run_spec, stored_selection
from lrcg.params import profile_from_dict
from lrcg.store import load_outcomes, stored_rows

RUN = {"languages": ["py"], "limit": 3, "batch_size": 3, "progress": False}


def profile(store, *runs):
    return profile_from_dict({"source": str(store), "models": [runs[0]["model"]], "languages": ["py"],
                              "live": {"runs": list(runs)}})


def test_a_profile_reads_its_runs_samples_and_not_the_other_runs_in_its_store(tiny_llama, tmp_path):
    needs_toolchain("py")
    store = tmp_path / "shared.sqlite"
    short, long = ({**RUN, "model": str(tiny_llama), "max_new_tokens": n} for n in (8, 16))
    few_shot = {**long, "technique": "few-shot", "languages": ["r"]}
    for run in (short, long):
        evaluate(run_spec(**run, store=str(store)))
    assert len(load_outcomes(store)) == 6  # one model, two token limits, three problems each

    for run in (short, long):
        mine = sources.outcomes(profile(store, run))
        assert len(mine) == 3 and mine["settings_hash"].nunique() == 3
        limits = {row["settings"] for row in stored_rows(store, where=stored_selection(run_spec(**run)))}
        assert [f'"max_new_tokens": {run["max_new_tokens"]}' in s for s in limits] == [True] * len(limits)
    both = sources.outcomes(profile(store, short, long))
    assert len(both) == 6
    # a run's other keys select too: another technique, fewer problems, another sample count
    assert sources.outcomes(profile(store, {**short, "limit": 2}))["problem"].nunique() == 2
    with pytest.raises(Exception, match="no outcomes"):
        sources.outcomes(profile(store, few_shot))
    # the explorer's samples of a profile are the same rows
    assert len(explore.sample_outcomes(store, with_benchmark=False, where=profile(store, short).of_live_runs())) == 3
    # a profile without live runs reads the whole store
    assert len(sources.outcomes(profile_from_dict({"source": str(store), "models": [str(tiny_llama)],
                                                   "languages": ["py"]}))) == 6


def test_a_limit_with_common_with_takes_the_same_first_problems_in_every_language():
    """MultiPL-E's files order problems differently (Python by HumanEval number, Java, Lua, R and Racket not): a
    slice of the shared problems is the first ones by number, the same in every language."""
    languages = ["java", "py", "lua", "r", "rkt"]
    _, per_language = _problems(run_spec(model="m", languages=languages, common_with=languages, limit=32))
    first = common_problem_indices("multipl-e", languages)[:32]
    assert {lang: sorted(p.index for p in ps) for lang, ps in per_language.items()} == {lang: first for lang in languages}
    _, alone = _problems(run_spec(model="m", languages=["java"], limit=3))  # without common_with: the file's first
    assert alone["java"] == load_benchmark("multipl-e", "java")[:3] and first[:3] == [0, 1, 2]
    assert [p.index for p in alone["java"]] != [0, 1, 2]
