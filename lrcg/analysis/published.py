"""The numbers printed in the two papers, shipped as package data (lrcg/data/paper_results/*.csv).

`load_published(table)` returns a tidy (long) DataFrame, one row per printed number; `published_wide`
returns the model × language layout the tables and figures use. Languages are lrcg's canonical
names (py, jl, rkt, ...); paper A's models get the short labels of its Table II (DS-1B, ..., Copilot).
Whatever CSVs are present are loadable: a new file `<name>_tableN_<what>.csv` appears as `<name>_tableN`.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..config import PACKAGE_DATA_DIR
from ..errors import unknown_choice

PUBLISHED_DIR = PACKAGE_DATA_DIR / "paper_results"

# Paper A's models: (family as printed, size as printed) -> the short label of its Table II.
GIAGNORIO_MODELS = {
    ("DeepSeek Coder - Instruct", "1B"): "DS-1B",
    ("DeepSeek Coder - Instruct", "7B"): "DS-7B",
    ("DeepSeek Coder - Instruct", "33B"): "DS-33B",
    ("Code Llama - Instruct", "7B"): "CL-7B",
    ("Code Llama - Instruct", "13B"): "CL-13B",
    ("GitHub Copilot", "Unknown"): "Copilot",
}

# Paper A's Table III techniques as printed -> lrcg's technique names (fine-tuned rows have no prompt
# technique of their own: they are the baseline prompt on a fine-tuned model).
GIAGNORIO_TECHNIQUES = {
    "Baseline": "baseline",
    "In-context Learning - Translation Examples": "translation-examples",
    "In-context Learning - Translation Rules": "translation-rules",
    "In-context Learning - Few-shot Examples": "few-shot",
    "Fine-tuning - Code Generation": "fine-tuning",
    "Pre-training & Fine-tuning - Code Translation and Generation": "pretraining-fine-tuning",
}
TECHNIQUE_LABELS = {v: k for k, v in GIAGNORIO_TECHNIQUES.items()}

_TABLE_NAME = re.compile(r"^(.*?_table\d+)")


def _files() -> dict[str, Path]:
    out = {}
    for path in sorted(PUBLISHED_DIR.glob("*.csv")):
        m = _TABLE_NAME.match(path.stem)
        out[m.group(1) if m else path.stem] = path
    return out


def published_tables() -> list[str]:
    """Names accepted by `load_published`, e.g. giagnorio2025_table1, zan2023_codem_table1."""
    return list(_files())


def _language(name: str) -> str:
    from ..execution.languages import get_language

    return get_language(name).name


def _training_language(model: str) -> str | None:
    """CODEM-C++ -> 'cpp', CODEM-HTML -> 'html', CODEM-Mixed -> 'mixed', StarCoder 7B -> None."""
    m = re.match(r"CODEM-(\S+)", model)
    if not m:
        return None
    name = m.group(1)
    try:
        return _language(name)
    except Exception:  # HTML and Mixed are training sets, not languages lrcg runs
        return name.lower()


@lru_cache(maxsize=None)
def _load(table: str):
    import pandas as pd

    files = _files()
    if table not in files:
        raise unknown_choice("published table", table, files)
    raw = pd.read_csv(files[table], dtype={"size": str})
    if table.startswith("giagnorio2025") and "family" not in raw.columns and "size" in raw.columns:
        raw.insert(0, "model_label", [GIAGNORIO_MODELS[(f, s)] for f, s in zip(raw["model"], raw["size"])])
        raw = raw.rename(columns={"model": "family", "model_label": "model"})
    if "pair" in raw.columns:  # Table II: "Java vs Julia" rows, one column per model
        long = raw.melt(id_vars="pair", var_name="model", value_name="odds_ratio")
        pairs = long["pair"].str.split(" vs ", expand=True)
        long.insert(1, "first", pairs[0].map(_language))
        long.insert(2, "second", pairs[1].map(_language))
        return long.drop(columns="pair")[["model", "first", "second", "odds_ratio"]]
    id_vars = [c for c in ("model", "family", "size", "technique") if c in raw.columns]
    long = raw.melt(id_vars=id_vars, var_name="language", value_name="pass_at_1")
    long["language"] = long["language"].map(_language)
    if "technique" in long.columns:
        long["technique"] = long["technique"].map(GIAGNORIO_TECHNIQUES)
    if table.startswith("zan2023"):
        long.insert(1, "training_language", long["model"].map(_training_language))
    return long


def load_published(table: str):
    """Tidy DataFrame of one published table (a copy; unknown name -> LrcgError listing the tables).

    Columns: pass@1 tables -> model, [family, size, training_language, technique], language, pass_at_1 (%);
    giagnorio2025_table2 -> model, first, second, odds_ratio.
    """
    return _load(table).copy()


def published_wide(table: str, rows: str | list[str] = "model"):
    """A pass@1 table in the printed layout: index = `rows`, columns = languages, values = pass@1 (%)."""
    long = _load(table)
    wide = long.pivot_table(index=rows, columns="language", values="pass_at_1", sort=False, dropna=False)
    wide = wide.dropna(how="all")  # Table III has no fine-tuned Copilot rows
    wide.columns.name = "language"
    return wide[list(dict.fromkeys(long["language"]))]
