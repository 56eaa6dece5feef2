"""Published numbers shipped with the package equal ../shared/paper-results and load as tidy tables."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lrcg.errors import LrcgError
from lrcg.analysis.published import PUBLISHED_DIR, load_published, published_tables, published_wide

SHARED = Path(__file__).resolve().parents[2] / "shared" / "paper-results"


def test_every_shipped_csv_loads():
    names = published_tables()
    assert {"giagnorio2025_table1", "giagnorio2025_table2", "giagnorio2025_table3", "zan2023_codem_table1"} <= set(names)
    for name in names:
        assert not load_published(name).empty


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/paper-results is not beside this checkout")
def test_package_copy_matches_shared_source():
    for source in SHARED.glob("*.csv"):
        assert (PUBLISHED_DIR / source.name).read_bytes() == source.read_bytes(), source.name


def test_table1_values_and_layout():
    wide = published_wide("giagnorio2025_table1")
    assert list(wide.columns) == ["jl", "lua", "r", "rkt", "java", "py"]
    assert list(wide.index) == ["DS-1B", "DS-7B", "DS-33B", "CL-7B", "CL-13B", "Copilot"]
    assert wide.loc["DS-1B", "py"] == 61.3 and wide.loc["Copilot", "rkt"] == 24.7
    raw = pd.read_csv(PUBLISHED_DIR / "giagnorio2025_table1_pass_at_1.csv")
    assert wide.to_numpy().sum() == pytest.approx(raw.iloc[:, 2:].to_numpy().sum())


def test_table2_is_tidy_with_canonical_languages():
    t2 = load_published("giagnorio2025_table2")
    assert list(t2.columns) == ["model", "first", "second", "odds_ratio"]
    assert len(t2) == 12 * 6
    row = t2[(t2.model == "DS-1B") & (t2["first"] == "py") & (t2["second"] == "rkt")]
    assert row["odds_ratio"].item() == 251.59


def test_table3_techniques_and_codem_training_languages():
    t3 = load_published("giagnorio2025_table3")
    assert set(t3["technique"]) == {"baseline", "translation-examples", "translation-rules", "few-shot",
                                    "fine-tuning", "pretraining-fine-tuning"}
    assert set(t3["language"]) == {"r", "rkt"}
    codem = load_published("zan2023_codem_table1")
    by_model = dict(zip(codem["model"], codem["training_language"]))
    assert by_model["CODEM-C++"] == "cpp" and by_model["CODEM-HTML"] == "html" and pd.isna(by_model["StarCoder 7B"])
    t2 = published_wide("zan2023_codem_table2")
    assert pd.isna(t2.loc["StarCoder 15B", "py"]) and t2.loc["CODEM-Python 15B", "py"] == 64.63


def test_unknown_table_names_the_valid_ones():
    with pytest.raises(LrcgError, match=r"unknown published table 'nope' \(valid: .*giagnorio2025_table1"):
        load_published("nope")
