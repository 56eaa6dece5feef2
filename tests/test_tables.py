"""Tables (CSV/Markdown/LaTeX) and figures (PNG/PDF) from the published numbers, without papermill."""
from __future__ import annotations

import pandas as pd
import pytest

from lrcg.analysis import plots, stats, tables
from lrcg.analysis.published import load_published, published_wide


def test_table1_gray_rows_bold_best_and_booktabs(tmp_path):
    wide = published_wide("giagnorio2025_table1")
    paths = tables.write_pass_at_1_table(wide, tmp_path)
    tex = paths["tex"].read_text()
    assert "\\toprule" in tex and "\\midrule" in tex and "\\bottomrule" in tex and "\\cellcolor" in tex
    md = paths["md"].read_text()
    assert "| DS-1B | 19.2 | 31.3 | 14.3 | 7.0 | 41.9 | **61.3** |" in md
    assert "| CL-7B | 28.4 | 32.3 | 14.2 | 11.5 | 30.6 | **33.7** |" in md
    assert pd.read_csv(paths["csv"], index_col=0).loc["Copilot", "Lua"] == 61.4


def test_table2_bold_marks_significance_and_better_first_layout(tmp_path):
    ors = pd.DataFrame({"model": ["m1", "m2"], "first": ["py", "py"], "second": ["r", "r"],
                        "odds_ratio": [4.0, 0.5], "significant": [True, False]})
    printed = stats.better_first(ors)
    values, bold = tables.odds_ratio_table(printed)
    assert list(values.index) == ["Python vs R", "R vs Python"]
    assert values.loc["Python vs R", "m1"] == 4.0 and values.loc["R vs Python", "m2"] == 2.0
    assert bold.loc["Python vs R", "m1"] and not bold.loc["R vs Python", "m2"]
    md = tables.write_odds_ratio_table(printed, tmp_path)["md"].read_text()
    assert "**4.00**" in md and "2.00" in md


def test_table3_best_technique_per_model_in_bold(tmp_path):
    wide = published_wide("giagnorio2025_table3", ["model", "technique"])
    md = tables.write_technique_table(wide, tmp_path)["md"].read_text()
    assert "| DS-33B | few-shot | **38.3** | 36.2 |" in md
    assert "| DS-1B | pretraining-fine-tuning | 16.0 | **18.4** |" in md
    assert "Copilot | fine-tuning" not in md  # not printed in the paper


def test_codem_table_shows_gains(tmp_path):
    wide = published_wide("zan2023_codem_table1")
    paths = tables.write_codem_table(wide, "StarCoder 7B", tmp_path)
    assert "| CODEM-Python | 38.41 (+11.58) |" in paths["md"].read_text()
    numbers = pd.read_csv(paths["csv"], index_col=0)
    assert numbers.loc["CODEM-Mixed", "py_gain"] == pytest.approx(43.29 - 26.83)


def test_figures_are_written_as_png_and_pdf(tmp_path):
    t2 = load_published("giagnorio2025_table2")
    paths = plots.plot_odds_ratio_matrices(t2, ["DS-1B", "Copilot"], ["java", "py", "jl", "lua", "r", "rkt"],
                                           tmp_path / "or")
    mono = stats.monolingual_rows(published_wide("zan2023_codem_table1"))
    paths |= {f"corr_{k}": v for k, v in plots.plot_correlations(mono.corr(), tmp_path / "f4a", "(a)").items()}
    for path in paths.values():
        head = path.read_bytes()[:8]
        assert head.startswith(b"\x89PNG") or head.startswith(b"%PDF")


def test_live_table1_sits_above_the_published_rows_on_shared_languages(tmp_path):
    from types import SimpleNamespace

    from lrcg.errors import LrcgError
    from lrcg.analysis.sources import pass_at_1_beside_published

    live = pd.DataFrame({"py": [12.1], "rkt": [0.6], "js": [5.0]}, index=pd.Index(["smollm2"], name="model"))
    both = pass_at_1_beside_published(SimpleNamespace(published=False, name="laptop"), live)
    assert list(both.columns) == ["py", "rkt"]  # js is not in the paper's Table I
    assert both.loc[("live", "smollm2"), "py"] == 12.1
    assert both.loc[("published", "DS-33B"), "rkt"] == published_wide("giagnorio2025_table1").loc["DS-33B", "rkt"]
    assert both.index.get_level_values("source").tolist().count("published") == 6
    paths = tables.write_pass_at_1_beside_published(both, tmp_path)
    assert "| live | smollm2 | 12.1 | 0.6 |" in paths["md"].read_text()
    with pytest.raises(LrcgError, match="no live table"):
        pass_at_1_beside_published(SimpleNamespace(published=True, name="paper"), live)
