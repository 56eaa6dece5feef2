"""Statistics: McNemar against scipy/statsmodels, BH against scipy, pairing by key, pass@1, Figure 4."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import binomtest, false_discovery_control
from statsmodels.stats.contingency_tables import mcnemar

from lrcg.analysis import stats
from lrcg.errors import LrcgError
from lrcg.analysis.published import published_wide


def outcomes_frame(passes: dict[tuple[str, str], list[list[bool]]]) -> pd.DataFrame:
    """(model, language) -> per problem index a list of per-sample booleans -> tidy outcomes frame."""
    rows = []
    for (model, language), problems in passes.items():
        for index, samples in enumerate(problems):
            for sample, passed in enumerate(samples):
                rows.append(dict(model=model, adapter=None, technique="baseline", benchmark="multipl-e",
                                 language=language, problem=f"HumanEval_{index}_{language}", index=index,
                                 sample=sample, status="OK" if passed else "Exception", passed=passed,
                                 completion="", settings_hash="h"))
    return pd.DataFrame(rows)


@pytest.mark.parametrize("b,c", [(12, 4), (4, 12), (7, 7), (0, 9), (9, 0), (1, 0), (30, 1)])
def test_mcnemar_agrees_with_scipy_and_statsmodels(b, c):
    result = stats.mcnemar_odds_ratio(b, c)
    exact = binomtest(b, b + c, 0.5)
    assert result.p_value == pytest.approx(exact.pvalue)
    table = [[5, b], [c, 3]]  # concordant cells do not matter to the conditional test
    assert result.p_value == pytest.approx(mcnemar(table, exact=True).pvalue)
    ci = exact.proportion_ci(method="exact")
    lo = ci.low / (1 - ci.low)
    hi = math.inf if ci.high == 1 else ci.high / (1 - ci.high)
    assert result.ci_low == pytest.approx(lo) and result.ci_high == pytest.approx(hi)
    if b and c:
        assert result.odds_ratio == pytest.approx(b / c)
    else:  # documented: Haldane +0.5 keeps the point estimate finite, the exact CI keeps its 0 / inf bound
        assert result.odds_ratio == pytest.approx((b + 0.5) / (c + 0.5))
        assert math.isfinite(result.odds_ratio)
        assert (result.ci_low == 0) if b == 0 else (result.ci_high == math.inf)
    assert result.ci_low <= result.odds_ratio <= result.ci_high


def test_mcnemar_without_discordant_pairs():
    r = stats.mcnemar_odds_ratio(0, 0)
    assert (r.odds_ratio, r.ci_low, r.ci_high, r.p_value) == (1.0, 0.0, math.inf, 1.0)
    with pytest.raises(LrcgError):
        stats.mcnemar_odds_ratio(-1, 2)


def test_benjamini_hochberg_agrees_with_scipy():
    rng = np.random.default_rng(0)
    for size in (1, 2, 6, 25):
        p = rng.uniform(0, 0.2, size)
        np.testing.assert_allclose(stats.benjamini_hochberg(p), false_discovery_control(p, method="bh"))
    p = np.array([0.01, np.nan, 0.04, 0.03])
    adjusted = stats.benjamini_hochberg(p)
    assert np.isnan(adjusted[1])
    np.testing.assert_allclose(adjusted[[0, 2, 3]], false_discovery_control(p[[0, 2, 3]]))


def test_pairing_is_by_key_not_by_row_order():
    frame = outcomes_frame({
        ("m", "py"): [[True, True], [True, False], [False, False]],
        ("m", "r"): [[True, False], [False, False], [False, True]],
    })
    shuffled = frame.sample(frac=1.0, random_state=3)
    paired = stats.paired_outcomes(shuffled, "py", "r")
    assert list(zip(paired["index"], paired["sample"])) == [(0, 0), (0, 1), (1, 0), (1, 1), (2, 0), (2, 1)]
    assert paired["passed_a"].tolist() == [True, True, True, False, False, False]
    assert paired["passed_b"].tolist() == [True, False, False, False, False, True]
    result = stats.compare(shuffled, "py", "r")
    assert (result["b"], result["c"], result["n_pairs"]) == (2, 1, 6)


def test_pairing_drops_unmatched_and_rejects_duplicates():
    frame = outcomes_frame({("m", "py"): [[True], [True]], ("m", "r"): [[False]]})
    assert len(stats.paired_outcomes(frame, "py", "r")) == 1
    doubled = pd.concat([frame, frame])
    with pytest.raises(LrcgError, match="more than one outcome"):
        stats.paired_outcomes(doubled, "py", "r")
    with pytest.raises(LrcgError, match="unknown language 'lua'"):
        stats.paired_outcomes(frame, "py", "lua")


def test_pass_at_1_table_is_mean_per_problem_fraction():
    frame = outcomes_frame({
        ("a", "py"): [[True, True, False, False], [True, True, True, True]],
        ("a", "r"): [[False] * 4, [True, False, False, False]],
        ("b", "py"): [[False] * 4, [False] * 4],
        ("b", "r"): [[True] * 4, [True] * 4],
    })
    table = stats.pass_at_1_table(frame)
    assert list(table.index) == ["a", "b"] and list(table.columns) == ["py", "r"]
    assert table.loc["a", "py"] == pytest.approx(75.0)
    assert table.loc["a", "r"] == pytest.approx(12.5)
    assert table.loc["b"].tolist() == [0.0, 100.0]


def test_common_problems_keeps_what_every_model_and_language_has():
    frame = outcomes_frame({("a", "py"): [[True]] * 4, ("a", "r"): [[False]] * 3, ("b", "py"): [[True]] * 4})
    frame = frame[~((frame.model == "b") & (frame["index"] == 0))]
    assert sorted(set(stats.common_problems(frame)["index"])) == [1, 2]
    assert len(stats.common_problems(stats.select(frame, model="a"))) == 3 * 2
    with pytest.raises(LrcgError, match="no problem has outcomes for every model × language"):
        stats.common_problems(frame[~((frame.language == "r") & frame["index"].isin([1, 2]))])


def test_language_odds_ratios_bh_within_pair_and_better_first():
    rng = np.random.default_rng(1)
    passes = {}
    for model, (p_py, p_r) in {"m1": (0.8, 0.2), "m2": (0.5, 0.45), "m3": (0.1, 0.6)}.items():
        passes[(model, "py")] = (rng.random((30, 5)) < p_py).tolist()
        passes[(model, "r")] = (rng.random((30, 5)) < p_r).tolist()
    frame = outcomes_frame(passes)
    ors = stats.language_odds_ratios(frame, [("py", "r")], ["m1", "m2", "m3"])
    np.testing.assert_allclose(ors["p_adjusted"], false_discovery_control(ors["p_value"]))
    assert ors.loc[ors.model == "m1", "odds_ratio"].item() > 1 > ors.loc[ors.model == "m3", "odds_ratio"].item()
    printed = stats.better_first(ors)
    m3 = printed[printed.model == "m3"].iloc[0]
    orig = ors[ors.model == "m3"].iloc[0]
    assert (m3["first"], m3["second"]) == ("r", "py")
    assert m3["odds_ratio"] == pytest.approx(1 / orig["odds_ratio"]) and m3["odds_ratio"] > 1
    assert (m3["b"], m3["c"]) == (orig["c"], orig["b"])
    assert m3["ci_low"] == pytest.approx(1 / orig["ci_high"])
    assert (printed["odds_ratio"] >= 1).all()
    matrix, significant = stats.odds_ratio_matrix(ors, "m1", ["py", "r"])
    assert matrix.loc["py", "r"] == pytest.approx(1 / matrix.loc["r", "py"])
    assert bool(significant.loc["py", "r"]) == bool(ors.loc[ors.model == "m1", "significant"].item())


def test_technique_odds_ratios_pair_against_baseline():
    frame = outcomes_frame({("m", "r"): [[False, False], [True, False], [False, False]]})
    tuned = frame.assign(adapter="runs/adapters/r-ft")
    few = frame.assign(technique="few-shot", passed=True)
    ors = stats.technique_odds_ratios(pd.concat([frame, tuned, few]), ["baseline", "few-shot", "baseline@r-ft"],
                                      ["r"], ["m"])
    assert ors["first"].tolist() == ["few-shot", "baseline@r-ft"]
    assert ors["b"].tolist() == [5, 0] and ors["c"].tolist() == [0, 0]


def test_technique_odds_ratios_leave_out_models_without_the_technique():
    # the size ladder: one model ran a technique, the others only the baseline
    m = outcomes_frame({("m", "r"): [[False, False], [True, False], [False, False]]})
    other = m.assign(model="other")
    few = m.assign(technique="few-shot", passed=True)
    ors = stats.technique_odds_ratios(pd.concat([m, other, few]), ["baseline", "few-shot"], ["r"], ["m", "other"])
    assert ors["model"].tolist() == ["m"] and ors["b"].tolist() == [5]
    with pytest.raises(LrcgError, match="no outcome of technique 'few-shot' for models other in r.*few-shot"):
        stats.technique_odds_ratios(pd.concat([m, other, few]), ["baseline", "few-shot"], ["r"], ["other"])


def test_figure4_equals_corr_of_shipped_table1():
    table1 = published_wide("zan2023_codem_table1")
    by_language, by_model = stats.transfer_correlations(table1)
    mono = table1.drop(index=["StarCoder 7B", "CODEM-Mixed"])
    assert len(mono) == 8
    pd.testing.assert_frame_equal(by_language, mono.corr())
    pd.testing.assert_frame_equal(by_model, mono.T.corr())
    assert by_language.shape == (7, 7) and by_model.shape == (8, 8)
    p = stats.correlation_pvalues(mono)
    assert p.shape == (7, 7) and (p.fillna(0) <= 1).all().all()


def test_live_sources_from_store_frames(monkeypatch):
    """The notebooks' live path (lrcg.analysis.sources) on a synthetic store frame: Table I-III and CodeM rows by
    adapter."""
    from lrcg.analysis import sources
    from lrcg.params import profile_from_dict

    rng = np.random.default_rng(2)
    passes = {("/m/tiny", lang): (rng.random((6, 3)) < p).tolist() for lang, p in {"py": 0.7, "r": 0.3, "rkt": 0.1}.items()}
    base = outcomes_frame(passes).assign(adapter="")
    base = base[~((base.language == "rkt") & (base["index"] == 5))]  # Racket lacks problem 5
    few = base[base.language.isin(["r", "rkt"])].assign(technique="few-shot", passed=True)
    codem = pd.concat([outcomes_frame({("/m/tiny", lang): (rng.random((4, 1)) < 0.5).tolist() for lang in ("py", "js", "cpp")})
                       .assign(adapter=adapter, benchmark="humaneval-x", technique="codem")
                       for adapter in ("", "/a/python", "/a/js", "/a/cpp")])
    store = pd.concat([base, few, codem], ignore_index=True)
    monkeypatch.setattr(sources, "outcomes", lambda profile, benchmark=None: store if not benchmark else
                        store[store.benchmark == benchmark])
    live = {"runs": [{"model": "/m/tiny"}, *({"model": "/m/tiny", "adapter": a} for a in ("/a/python", "/a/js", "/a/cpp"))]}
    p = profile_from_dict({"source": "/s/results.sqlite", "models": ["/m/tiny"], "languages": ["py", "r", "rkt"],
                           "techniques": ["baseline", "few-shot"], "technique_languages": ["r", "rkt"],
                           "codem_models": ["/m/tiny", "/a/python", "/a/js", "/a/cpp"], "codem_base": "/m/tiny",
                           "codem_languages": ["py", "js", "cpp"], "live": live})
    t1 = sources.pass_at_1_by_language(p)
    common = base[base["index"] < 5]  # Table I and II compare languages on the problems all of them have
    assert list(t1.index) == ["tiny"] and t1.loc["tiny", "py"] == pytest.approx(stats.pass_at_1_table(common).loc["/m/tiny", "py"])
    ors = sources.language_odds_ratios(p)
    assert len(ors) == 3 and set(ors["model"]) == {"tiny"} and (ors["n_pairs"] == 5 * 3).all()
    t3 = sources.techniques(p)
    assert list(t3.index) == [("tiny", "baseline"), ("tiny", "few-shot")] and (t3.loc[("tiny", "few-shot")] == 100).all()
    assert (sources.technique_odds_ratios(p)["odds_ratio"] > 1).all()
    c1 = sources.codem_table1(p)
    assert list(c1.index) == ["tiny", "python", "js", "cpp"] and sources.codem_base(p) == "tiny"
    assert list(sources.transfer_rows(p, c1).index) == ["python", "js", "cpp"]


def test_rows_of_one_name_are_told_apart_by_their_folder():
    """Two adapters both called generation (plans laptop-lua and laptop-rkt) are lua/generation and rkt/generation
    in the CodeM table; a name alone where it is unique."""
    from lrcg.analysis import sources

    table = pd.DataFrame({"py": [1.0, 2.0, 3.0]}, index=["base-model", "/r/lua/generation", "/r/rkt/generation"])
    assert list(sources._relabel(table).index) == ["base-model", "lua/generation", "rkt/generation"]
    assert list(sources._relabel(table.iloc[:2]).index) == ["base-model", "generation"]
