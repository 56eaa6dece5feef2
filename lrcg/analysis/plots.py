"""The papers' figures (matplotlib + seaborn), each saved as PNG and PDF.

Functions take the numbers (DataFrames from `lrcg.analysis.published` / `lrcg.analysis.stats`) and an output stem
(`figures/paper/table1_pass_at_1` -> .png and .pdf), and return {suffix: path}. Figures are closed
after saving; batch runs use the non-interactive Agg backend (MPLBACKEND=Agg, set by `lrcg reproduce`).
"""
from __future__ import annotations

import math
from pathlib import Path

from .tables import _display

FORMATS = ("png", "pdf")


def _short(v: float) -> str:
    """Odds ratios in a cell: 252, 23.0, 5.93, 0.041."""
    return "inf" if math.isinf(v) else f"{v:.0f}" if v >= 100 else f"{v:.1f}" if v >= 10 else f"{v:.2g}" if v < 0.1 else f"{v:.2f}"


def _pyplot():
    """pyplot, on the Agg backend when nothing chose one and there is no display (batch runs, CI)."""
    import os

    import matplotlib

    if not os.environ.get("MPLBACKEND") and not os.environ.get("DISPLAY") and "inline" not in matplotlib.get_backend():
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def save_figure(fig, stem) -> dict:
    """Write fig as <stem>.png and <stem>.pdf (no timestamps in the PDF, so reruns give identical files)."""
    plt = _pyplot()
    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    paths = {}
    for fmt in FORMATS:
        path = stem.with_suffix(f".{fmt}")
        metadata = {"CreationDate": None} if fmt == "pdf" else {"Software": None}
        fig.savefig(path, dpi=150, bbox_inches="tight", metadata=metadata)
        paths[fmt] = path
    plt.close(fig)
    return paths


def plot_pass_at_1(wide, stem, title: str = "pass@1 (%)") -> dict:
    """Table I as a figure: each model row gray-scaled on its own range (black = best, white = worst)."""
    import seaborn as sns

    plt = _pyplot()
    frame = wide.rename(columns=_display)
    lo, hi = frame.min(axis=1), frame.max(axis=1)
    shade = frame.sub(lo, axis=0).div((hi - lo).where(hi > lo, 1.0), axis=0)
    fig, ax = plt.subplots(figsize=(1.0 + 0.9 * frame.shape[1], 0.8 + 0.45 * frame.shape[0]))
    sns.heatmap(shade, ax=ax, cmap="Greys", vmin=0, vmax=1, cbar=False, linewidths=0.5, linecolor="white")
    for i in range(frame.shape[0]):
        for j in range(frame.shape[1]):
            v = frame.iat[i, j]
            if not (isinstance(v, float) and math.isnan(v)):
                ax.text(j + 0.5, i + 0.5, f"{v:.1f}", ha="center", va="center",
                        color="white" if shade.iat[i, j] > 0.5 else "black", fontsize=9)
    ax.set_xlabel(""), ax.set_ylabel(""), ax.set_title(title)
    ax.tick_params(axis="y", rotation=0)
    return save_figure(fig, stem)


def plot_odds_ratio_matrices(odds_ratios, models, languages, stem, title: str = "Odds ratio (row vs column)") -> dict:
    """Language × language odds-ratio heatmap per model, log colour scale centred at 1; '*' = significant."""
    import numpy as np
    import seaborn as sns
    from matplotlib.colors import LogNorm

    from .stats import odds_ratio_matrix

    plt = _pyplot()
    mats = [odds_ratio_matrix(odds_ratios, m, languages) for m in models]
    finite = [abs(math.log(v)) for ors, _ in mats for v in ors.to_numpy().ravel()
              if isinstance(v, float) and v > 0 and math.isfinite(v)]
    bound = math.exp(max(finite, default=1.0)) if finite else math.e
    norm = LogNorm(vmin=1 / bound, vmax=bound)
    cols = min(3, len(models))
    rows = math.ceil(len(models) / cols)
    size = 0.6 * len(languages) + 1.2
    fig, axes = plt.subplots(rows, cols, figsize=(cols * size + 1.0, rows * size), squeeze=False)
    labels = [_display(lang) for lang in languages]
    for ax, model, (ors, sig) in zip(axes.ravel(), models, mats):
        values = ors.to_numpy(dtype=float)
        clipped = np.clip(values, 1 / bound, bound)
        annot = np.array([["" if math.isnan(v) else f"{_short(v)}{'*' if s else ''}" for v, s in zip(rv, rs)]
                          for rv, rs in zip(values, sig.to_numpy())])
        sns.heatmap(clipped, ax=ax, cmap="RdBu_r", norm=norm, annot=annot, fmt="", cbar=False, square=True,
                    xticklabels=labels, yticklabels=labels, annot_kws={"fontsize": 7}, mask=np.isnan(values))
        ax.set_title(str(model), fontsize=10)
        ax.tick_params(axis="x", rotation=45), ax.tick_params(axis="y", rotation=0)
    for ax in axes.ravel()[len(models):]:
        ax.axis("off")
    mappable = plt.cm.ScalarMappable(norm=norm, cmap="RdBu_r")
    fig.colorbar(mappable, ax=axes.ravel().tolist(), shrink=0.8, label="odds ratio (log scale)")
    fig.suptitle(title + ("; * = BH-adjusted p < 0.05" if "significant" in odds_ratios.columns else ""))
    return save_figure(fig, stem)


def plot_techniques(wide, stem, title: str = "pass@1 (%) per technique") -> dict:
    """Table III as grouped bars: one panel per language, techniques side by side per model."""
    import seaborn as sns

    plt = _pyplot()
    long = wide.rename(columns=_display).stack().rename("pass@1").reset_index()
    model_col, tech_col = wide.index.names[0], wide.index.names[1]
    langs = list(wide.rename(columns=_display).columns)
    fig, axes = plt.subplots(1, len(langs), figsize=(6.5 * len(langs), 4), squeeze=False, sharey=True)
    for ax, lang in zip(axes.ravel(), langs):
        sns.barplot(long[long["language"] == lang], x=model_col, y="pass@1", hue=tech_col, ax=ax)
        ax.set_title(lang), ax.set_xlabel("")
        if ax is not axes.ravel()[-1]:
            ax.get_legend().remove()
    axes.ravel()[-1].legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    fig.suptitle(title)
    return save_figure(fig, stem)


def plot_correlations(corr, stem, title: str, pvalues=None) -> dict:
    """A correlation matrix heatmap (CodeM Figure 4); '*' marks p < 0.05 when pvalues are given."""
    import numpy as np
    import seaborn as sns

    plt = _pyplot()
    frame = corr.rename(index=_display, columns=_display)
    values = frame.to_numpy(dtype=float)
    marks = (pvalues.to_numpy(dtype=float) < 0.05) if pvalues is not None else np.zeros_like(values, dtype=bool)
    annot = np.array([["" if math.isnan(v) else f"{v:.2f}{'*' if m else ''}" for v, m in zip(rv, rm)]
                      for rv, rm in zip(values, marks)])
    n = len(frame)
    fig, ax = plt.subplots(figsize=(1.5 + 0.75 * n, 1.0 + 0.65 * n))
    sns.heatmap(frame, ax=ax, cmap="RdBu_r", vmin=-1, vmax=1, annot=annot, fmt="", square=True,
                annot_kws={"fontsize": 8}, cbar_kws={"label": "Pearson r"})
    ax.set_xlabel(""), ax.set_ylabel(""), ax.set_title(title)
    ax.tick_params(axis="x", rotation=45), ax.tick_params(axis="y", rotation=0)
    return save_figure(fig, stem)
