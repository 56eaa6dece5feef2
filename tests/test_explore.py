"""lrcg.analysis.explore on hand-made outcome frames: the grid, a 2×2 table and its discordant lists (the same numbers
as Table II), a problem side by side, technique gains and losses, and reading a real store."""
from __future__ import annotations

import html
import re

import pandas as pd
import pytest

from lrcg.analysis import explore, stats
from lrcg.errors import LrcgError

NAMES = {0: "HumanEval_0_has_close_elements", 1: "HumanEval_1_separate", 2: "HumanEval_2_truncate",
         3: "HumanEval_3_below_zero"}


def frame(passes: dict, model="m", technique="baseline"):
    """Outcomes from {language: {problem index: [passed per sample]}}."""
    rows = [{"model": model, "adapter": "", "technique": technique, "benchmark": "multipl-e", "language": lang,
             "problem": NAMES[i], "index": i, "sample": s, "passed": bool(p), "status": "OK" if p else "Exception",
             "exit_code": 0 if p else 1, "stderr_head": "" if p else f"error in {lang} {i}",
             "completion": f"{lang} code {i}.{s}", "benchmark_prompt": f"{lang} prompt {i}", "tests": f"{lang} tests {i}"}
            for lang, problems in passes.items() for i, samples in problems.items() for s, p in enumerate(samples)]
    return pd.DataFrame(rows)


BASE = {
    "py": {0: [1, 1], 1: [1, 0], 2: [1, 1], 3: [0, 0]},
    "r": {0: [1, 0], 1: [0, 0], 2: [1, 1], 3: [0, 1]},
    "rkt": {0: [0, 0], 1: [0, 0], 2: [1, 0]},  # no problem 3: Table II leaves it out
}


def test_pass_grid_fractions_sorted_by_difficulty():
    grid = explore.pass_grid(frame(BASE))
    assert list(grid.columns) == ["py", "r", "rkt"]
    # mean pass fraction: problem 2 = 5/6, 0 = 1/2, 1 = 1/6, 3 = 1/4 (over py and r only; rkt is NaN)
    assert list(grid.index) == [NAMES[2], NAMES[0], NAMES[3], NAMES[1]]
    assert grid.loc[NAMES[0], "r"] == 0.5 and grid.loc[NAMES[2], "rkt"] == 0.5 and grid.loc[NAMES[1], "py"] == 0.5
    assert pd.isna(grid.loc[NAMES[3], "rkt"])
    assert list(explore.pass_grid(frame(BASE), languages=["rkt", "py"]).columns) == ["rkt", "py"]


def test_pass_grid_needs_a_model_when_there_are_several():
    both = pd.concat([frame(BASE), frame(BASE, model="other")])
    with pytest.raises(LrcgError, match=r"2 values of model \(m, other\): choose one with model="):
        explore.pass_grid(both)
    with pytest.raises(LrcgError, match=r"unknown model 'nope' \(valid: m, other\)"):
        explore.pass_grid(both, model="nope")
    assert explore.pass_grid(both, model="other").shape == (4, 3)


def test_pair_cell_two_by_two_and_discordant_problems():
    cell = explore.pair_cell(frame(BASE), "py", "r")
    # pairs (problem, sample): py/r = 0:(1,1)(1,0) 1:(1,0)(0,0) 2:(1,1)(1,1) 3:(0,0)(0,1)
    assert cell.table.to_numpy().tolist() == [[3, 2], [1, 2]]
    assert cell.n_pairs == 8 and cell.test.b == 2 and cell.test.c == 1 and cell.test.odds_ratio == 2.0
    assert cell.b_problems["index"].tolist() == [0, 1] and cell.b_problems["samples"].tolist() == [1, 1]
    assert cell.c_problems["index"].tolist() == [3] and cell.c_problems["problem"].tolist() == [NAMES[3]]
    assert list(cell.table.index) == ["py passes", "py fails"] and list(cell.table.columns) == ["r passes", "r fails"]


def test_pair_cells_are_table_two():
    models, languages = ["m", "n"], ["py", "r", "rkt"]
    other = {lang: {i: [not p for p in s] for i, s in probs.items()} for lang, probs in BASE.items()}
    outcomes = pd.concat([frame(BASE), frame(other, model="n"), frame(BASE, technique="few-shot")])
    selection = stats.cross_language(outcomes, models, languages)
    assert set(selection["index"]) == {0, 1, 2}
    table2 = stats.language_odds_ratios(selection, stats.language_pairs(languages), models)
    for row in table2.itertuples():
        cell = explore.pair_cell(selection, row.first, row.second, model=row.model)
        assert (cell.test.b, cell.test.c, cell.n_pairs) == (row.b, row.c, row.n_pairs)
        assert cell.test.odds_ratio == row.odds_ratio and cell.test.p_value == row.p_value
        assert cell.b_problems["samples"].sum() == row.b and cell.c_problems["samples"].sum() == row.c
    # on the common problems py vs r loses problem 3's discordant pair
    assert explore.pair_cell(selection, "py", "r", model="m").test.c == 0


def test_problem_view_side_by_side():
    view = explore.problem_view(frame(BASE), NAMES[1], languages=["r", "py"])
    assert view["language"].tolist() == ["r", "r", "py", "py"] and view["sample"].tolist() == [0, 1, 0, 1]
    assert view["passed"].tolist() == [False, False, True, False]
    assert view["completion"].tolist()[2] == "py code 1.0" and view["tests"].tolist()[0] == "r tests 1"
    assert explore.problem_view(frame(BASE), 1).equals(explore.problem_view(frame(BASE), "1"))
    with pytest.raises(LrcgError, match="unknown problem 'HumanEval_9_x'"):
        explore.problem_view(frame(BASE), "HumanEval_9_x")


def test_technique_gains_and_losses():
    few = {"r": {0: [1, 1], 1: [0, 1], 2: [0, 1], 3: [1, 1]}}
    outcomes = pd.concat([frame(BASE), frame(few, technique="few-shot")])
    changes = explore.technique_changes(outcomes, "few-shot", "r")
    gained = changes[changes["change"] == "gained"]
    lost = changes[changes["change"] == "lost"]
    assert gained["index"].tolist() == [0, 1, 3] and gained["samples"].tolist() == [1, 1, 1]
    assert lost["index"].tolist() == [2] and lost["problem"].tolist() == [NAMES[2]]
    assert lost["technique_passed"].tolist() == [0.5] and lost["baseline_passed"].tolist() == [1.0]
    result = stats.technique_odds_ratios(outcomes, ["baseline", "few-shot"], ["r"], ["m"]).iloc[0]
    assert (gained["samples"].sum(), lost["samples"].sum()) == (result.b, result.c)
    counts = explore.technique_change_counts(outcomes, ["baseline", "few-shot"], ["r"])
    assert counts.to_dict("records") == [{"technique": "few-shot", "language": "r", "gained": 3, "lost": 1}]


def test_stderr_head_keeps_first_non_blank_lines():
    assert explore.stderr_head("\n a\n\nb  \nc\nd\ne\nf\n", lines=3) == " a\nb\nc"
    assert explore.stderr_head(None) == ""


def test_sample_outcomes_from_a_store(tmp_path, data_dir):
    from lrcg.execution import Outcome
    from lrcg.store import Generation, Store

    with Store(tmp_path / "s.sqlite") as db:
        gens = [Generation("m", "", "baseline", "multipl-e", "py", "HumanEval_23_strlen", 23, s, "h", "{}",
                           "chat prompt", "response", f"    return {s}\n") for s in range(2)]
        db.add_generations(gens)
        ids = [r["id"] for r in db.rows()]
        db.add_outcomes([(ids[0], Outcome("OK", 0, "", "", 0.1), "program 0"),
                         (ids[1], Outcome("AssertionError", 1, "", "Traceback\n  File x\nAssertionError\n", 0.1),
                          "program 1")])
    samples = explore.sample_outcomes(tmp_path / "s.sqlite", stderr_lines=2)
    assert list(samples.columns) == list(explore.SAMPLE_COLUMNS)
    assert samples["passed"].tolist() == [True, False] and samples["exit_code"].tolist() == [0, 1]
    assert samples["stderr_head"].tolist() == ["", "Traceback\n  File x"]
    assert samples["program"].tolist() == ["program 0", "program 1"] and samples["prompt"].iloc[0] == "chat prompt"
    assert "def strlen(string: str)" in samples["benchmark_prompt"].iloc[0] and "def check(" in samples["tests"].iloc[0]
    with pytest.raises(LrcgError, match="does not exist"):
        explore.sample_outcomes(tmp_path / "none.sqlite")


def test_strongest_correlations_and_most_different_pair():
    corr = pd.DataFrame([[1.0, 0.2, 0.9], [0.2, 1.0, -0.5], [0.9, -0.5, 1.0]], index=list("abc"), columns=list("abc"))
    top = explore.strongest_correlations(corr, n=2)
    assert top.values.tolist() == [["a", "c", 0.9], ["a", "b", 0.2]]
    ors = pd.DataFrame({"model": ["m", "m", "m"], "first": ["py", "py", "r"], "second": ["r", "rkt", "rkt"],
                        "odds_ratio": [2.0, 0.1, 5.0], "p_value": [0.5, 0.01, 0.01]})
    assert (lambda r: (r["first"], r["second"]))(explore.most_different_pair(ors)) == ("py", "rkt")


def test_grid_sample_counts_and_filters():
    grid = explore.pass_grid(frame(BASE))
    counts = explore.grid_sample_counts(frame(BASE))
    assert list(counts.index) == list(grid.index) and list(counts.columns) == ["py", "r", "rkt"]
    assert counts.loc[NAMES[0], "py"] == 2 and pd.isna(counts.loc[NAMES[3], "rkt"])
    # solved = at least one sample passes: py solves 0, 1, 2; r solves 0, 2, 3; rkt solves 2 (and lacks 3)
    contrast = explore.filter_grid(grid, "contrast", solved_in="py", not_solved_in="r")
    assert list(contrast.index) == [NAMES[1]]
    assert list(explore.filter_grid(grid, "contrast", solved_in="r", not_solved_in="rkt").index) == [NAMES[0]]
    assert list(explore.filter_grid(grid, "everywhere").index) == [NAMES[2]]
    assert list(explore.filter_grid(grid, "nowhere").index) == []
    assert list(explore.filter_grid(grid, "some").index) == [NAMES[0], NAMES[3], NAMES[1]]
    assert list(explore.filter_grid(grid, name_contains="TRUNC").index) == [NAMES[2]]
    assert len(explore.filter_grid(grid)) == 4
    with pytest.raises(LrcgError, match="unknown language 'jl'"):
        explore.filter_grid(grid, "contrast", solved_in="jl", not_solved_in="py")


def test_technique_view_and_store_choices():
    few = {"r": {0: [1, 1], 1: [0, 1], 2: [0, 1], 3: [1, 1]}}
    outcomes = pd.concat([frame(BASE), frame(few, technique="few-shot")])
    view = explore.technique_view(outcomes, 1, "r")
    assert view["technique"].tolist() == ["baseline", "baseline", "few-shot", "few-shot"]
    assert view["passed"].tolist() == [False, False, False, True] and set(view["language"]) == {"r"}
    choices = explore.store_choices(outcomes, languages=["jl", "rkt", "r", "py"], techniques=["few-shot", "baseline"])
    assert choices.models == ("m",) and choices.techniques["m"] == ("baseline", "few-shot")
    assert choices.languages[("m", "baseline")] == ("rkt", "r", "py")  # jl asked for but absent
    assert choices.languages[("m", "few-shot")] == ("r",) and choices.compared_techniques("m") == ("few-shot",)
    assert explore.store_choices(frame(BASE)).compared_techniques("m") == ()


def as_text(page: str) -> str:
    """What a browser shows of an HTML fragment (highlighted code has tags between its tokens)."""
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def test_problem_html_names_the_problem_and_shows_every_language_in_full():
    from lrcg.analysis import html_views

    outcomes = frame(BASE)
    outcomes.loc[0, "completion"] = "def f(x):\n    return x < 1\n" * 40  # long code is shown whole
    outcomes["stderr"] = ["Traceback\n" + "\n".join(f"line {i}" for i in range(30)) if not p else "" for p in outcomes["passed"]]
    view = explore.problem_view(outcomes, 0)
    page = html_views.problem_html(view, NAMES[0], 0)
    assert NAMES[0] in page and "(HumanEval 0)" in page and page.count('class="lrcg-column"') == 3
    text = as_text(page)
    assert text.count("py prompt 0") == 1 and text.count("r prompt 0") == 1  # each prompt once
    assert "def f(x):\n    return x < 1\n" * 40 in text and "line 29" in text  # nothing cut
    assert '<span class="k">def</span>' in page  # highlighted by pygments
    by_technique = html_views.problem_html(explore.technique_view(outcomes, 0, "py"), NAMES[0], 0, "technique")
    assert 'data-technique="baseline"' in by_technique


def test_grid_cells_and_mcnemar_table_read_as_words():
    from lrcg.analysis import html_views

    assert html_views.cell_label(1.0, 1) == "pass" and html_views.cell_label(0.0, 1) == "fail"
    assert html_views.cell_label(0.4, 5) == "2/5" and html_views.cell_label(float("nan"), float("nan")) == "–"
    assert html_views.cell_tooltip("p", "r", 0.4, 5) == "p · r: 2 of 5 samples pass (40%)"
    table = html_views.mcnemar_html("R", "Racket", stats.mcnemar_odds_ratio(1, 0), 0.5, 157)
    text = re.sub(r"<[^>]+>", "|", table)
    for cell in ("|b|", "|R passes, Racket fails|", "|1|", "|c|", "|odds ratio|", "|3.00|", "0.03 – ∞",
                 "|adjusted p|", "|0.5|", "|157|"):
        assert cell in text, cell
    assert "McNemarResult" not in table


def widgets_in(widget, css: str) -> list:
    found = [widget] if css in getattr(widget, "_dom_classes", ()) else []
    for child in getattr(widget, "children", ()):
        found += widgets_in(child, css)
    return found


def test_explorer_offers_only_what_the_store_holds():
    import ipywidgets as w

    from lrcg.analysis import widgets

    few = {"r": {0: [1, 1], 1: [0, 1], 2: [0, 1], 3: [1, 1]}, "rkt": {0: [0, 0], 1: [0, 0], 2: [0, 0]}}
    outcomes = pd.concat([frame(BASE), frame(few, technique="few-shot")])
    box = widgets.explorer(outcomes, languages=["py", "jl", "r", "rkt"], techniques=["baseline", "few-shot"])
    (tabs,) = [c for c in box.children if isinstance(c, w.Tab)]
    (view,) = widgets_in(box, "lrcg-problem-view")
    cells = widgets_in(box, "lrcg-cell")
    assert len(cells) == 4 * 3 and {c.description for c in cells} <= {"0/2", "1/2", "2/2", "–"}
    (cell,) = [c for c in cells if c.tooltip.startswith(f"{NAMES[1]} · r:")]
    cell.click()
    assert tabs.selected_index == 1 and 'data-problem="1"' in view.value and "r code 1.1" in as_text(view.value)
    (technique,) = widgets_in(box, "lrcg-technique-pick")
    assert technique.options == ("baseline", "few-shot")
    technique.value = "few-shot"
    assert [t.description for t in widgets_in(box, "lrcg-languages")[0].children] == ["R", "Racket"]
    assert len(widgets_in(box, "lrcg-cell")) == 4 * 2
    (pair,) = widgets_in(box, "lrcg-pair")
    first, second = pair.children[0].children
    assert [v for _, v in first.options] == ["r", "rkt"] and second.value == "rkt"
    shown = " ".join(h.value for h in widgets_in_all(box, w.HTML))
    assert "lrcg-error" not in shown and "unknown" not in shown and "lrcg-mcnemar" in shown
    assert "R: few-shot vs baseline" in shown and "Racket: few-shot vs baseline" in shown


def widgets_in_all(widget, kind) -> list:
    found = [widget] if isinstance(widget, kind) else []
    for child in getattr(widget, "children", ()):
        found += widgets_in_all(child, kind)
    return found
