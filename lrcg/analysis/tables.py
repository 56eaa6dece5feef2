"""The papers' tables, written as CSV, Markdown and LaTeX (booktabs) files side by side.

Every function takes the numbers (a DataFrame from `lrcg.analysis.published` or `lrcg.analysis.stats`), writes
`<out_dir>/<name>.{csv,md,tex}` and returns the styled/printed DataFrame it wrote. LaTeX needs
`\\usepackage{booktabs}` (and `xcolor` with the `table` option for Table I's gray cells).
"""
from __future__ import annotations

import math
from pathlib import Path

from ..execution.languages import get_language


def _display(language: str) -> str:
    try:
        return get_language(language).display
    except Exception:
        return str(language)


def _fmt(value, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, float):
        return "inf" if math.isinf(value) else f"{value:.{digits}f}"
    return str(value)


def to_markdown(frame, bold=None, digits: int = 1) -> str:
    """A GitHub Markdown table (bold cells where the boolean frame `bold` is True)."""
    index_names = [n or "" for n in frame.index.names]
    header = [*index_names, *map(str, frame.columns)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for i, (label, row) in enumerate(frame.iterrows()):
        labels = list(label) if isinstance(label, tuple) else [label]
        cells = []
        for j, value in enumerate(row):
            text = _fmt(value, digits)
            if bold is not None and bool(bold.iat[i, j]):
                text = f"**{text}**"
            cells.append(text)
        lines.append("| " + " | ".join([*map(str, labels), *cells]) + " |")
    return "\n".join(lines) + "\n"


def write_table(frame, out_dir, name: str, *, caption: str = "", digits: int = 1, bold=None, styler=None) -> dict:
    """Write frame as <name>.csv (raw numbers), .md and .tex (booktabs); returns {suffix: path}."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {s: out / f"{name}.{s}" for s in ("csv", "md", "tex")}
    frame.to_csv(paths["csv"])
    paths["md"].write_text((f"{caption}\n\n" if caption else "") + to_markdown(frame, bold, digits))
    if styler is None:
        styler = frame.style.format(lambda v: _fmt(v, digits))
        if bold is not None:
            styler = styler.apply(lambda _: bold.replace({True: "font-weight: bold;", False: ""}), axis=None)
    latex = styler.to_latex(hrules=True, caption=caption or None, convert_css=True, position_float="centering")
    paths["tex"].write_text(latex)
    return paths


def _with_display_columns(frame):
    return frame.rename(columns=_display)


def write_pass_at_1_table(wide, out_dir, name: str = "table1_pass_at_1", caption: str = "") -> dict:
    """Table I: pass@1 (%) per model × language; LaTeX cells gray-scaled per model row (black = best)."""
    frame = _with_display_columns(wide)
    styler = frame.style.format(lambda v: _fmt(v, 1)).background_gradient(cmap="Greys", axis=1)
    best = frame.eq(frame.max(axis=1), axis=0)
    return write_table(frame, out_dir, name, caption=caption or "pass@1 (%) per model and language", bold=best,
                       styler=styler)


def write_pass_at_1_beside_published(both, out_dir, name: str = "table1_beside_published", caption: str = "") -> dict:
    """Table I of a live profile (rows `live`) above the paper's printed rows (`published`), pass@1 (%)."""
    return write_table(_with_display_columns(both), out_dir, name,
                       caption=caption or "pass@1 (%): this profile's live rows above the paper's published rows")


def odds_ratio_table(odds_ratios):
    """Table II layout from a tidy odds-ratio frame: rows 'First vs Second', columns models; (values, bold)."""
    frame = odds_ratios.assign(pair=[f"{_display(a)} vs {_display(b)}" for a, b in
                                     zip(odds_ratios["first"], odds_ratios["second"])])
    values = frame.pivot_table(index="pair", columns="model", values="odds_ratio", sort=False)
    values = values[list(dict.fromkeys(frame["model"]))]
    if "significant" in frame.columns:
        bold = frame.pivot_table(index="pair", columns="model", values="significant", sort=False, aggfunc="max")
        bold = bold.reindex_like(values).fillna(False).astype(bool)
    else:
        bold = None
    return values, bold


def write_odds_ratio_table(odds_ratios, out_dir, name: str = "table2_odds_ratios", caption: str = "") -> dict:
    """Table II: odds ratios per language pair × model (bold = significant after BH, where known)."""
    values, bold = odds_ratio_table(odds_ratios)
    caption = caption or ("Odds ratios (exact McNemar); bold: BH-adjusted p < 0.05" if bold is not None
                          else "Odds ratios as published (significance not recorded)")
    return write_table(values, out_dir, name, caption=caption, digits=2, bold=bold)


def write_technique_table(wide, out_dir, name: str = "table3_techniques", caption: str = "") -> dict:
    """Table III: pass@1 (%) per (model, technique) × language; the best technique of each model in bold."""
    frame = _with_display_columns(wide)
    model_level = frame.index.names[0]
    best = frame.groupby(level=model_level, sort=False).transform("max")
    bold = frame.eq(best) & frame.notna()
    return write_table(frame, out_dir, name, caption=caption or "pass@1 (%) per technique; bold: best per model",
                       bold=bold)


def write_odds_ratio_list(odds_ratios, out_dir, name: str, caption: str = "") -> dict:
    """A tidy odds-ratio frame (with CI, p, BH-adjusted p) as a long table."""
    frame = odds_ratios.copy()
    for col in ("first", "second", "language"):
        if col in frame.columns:
            frame[col] = frame[col].map(_display)
    frame = frame.set_index([c for c in ("model", "language", "first", "second") if c in frame.columns])
    bold = None
    if "significant" in frame.columns:
        bold = frame.assign(**{c: False for c in frame.columns}).astype(bool)
        bold["odds_ratio"] = frame["significant"].astype(bool)
    return write_table(frame, out_dir, name, caption=caption, digits=3, bold=bold)


def codem_table(wide, base_row: str):
    """CodeM Table 1 cells as text: 'value (+gain)' against base_row (the base row keeps its value alone)."""
    from .stats import gains

    delta = gains(wide, base_row)
    text = wide.copy().astype(object)
    for model in wide.index:
        for lang in wide.columns:
            v, d = wide.loc[model, lang], delta.loc[model, lang]
            if isinstance(v, float) and math.isnan(v):
                text.loc[model, lang] = "–"
            elif model == base_row or (isinstance(d, float) and math.isnan(d)):
                text.loc[model, lang] = f"{v:.2f}"
            else:
                text.loc[model, lang] = f"{v:.2f} ({d:+.2f})"
    return _with_display_columns(text)


def write_codem_table(wide, base_row: str, out_dir, name: str = "codem_table1", caption: str = "") -> dict:
    """CodeM Table 1/2: pass@1 (%) per model × language with the gain over `base_row`; CSV keeps both."""
    from .stats import gains

    text = codem_table(wide, base_row)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    numbers = wide.join(gains(wide, base_row).round(4).add_suffix("_gain"))
    paths = write_table(text, out, name, caption=caption or f"pass@1 (%) and gain over {base_row}")
    numbers.to_csv(paths["csv"])
    return paths


def write_matrix(matrix, out_dir, name: str, caption: str = "", digits: int = 2) -> dict:
    """A square matrix (correlations, odds ratios) as CSV/Markdown/LaTeX."""
    return write_table(matrix.rename(index=_display, columns=_display), out_dir, name, caption=caption, digits=digits)
