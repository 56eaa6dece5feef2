"""The numbers each notebook shows, from the profile's source: the published tables or a results store.

One function per table/figure input; each takes a `lrcg.params.Profile` and returns a DataFrame in the
layout `tables` / `plots` expect. Live rows are labelled by model (the last path component for a local
model), or by adapter name for a fine-tuned model in the CodeM tables.
"""
from __future__ import annotations

from pathlib import Path

from ..config import adapter_key
from ..errors import LrcgError
from . import stats
from .published import load_published, published_wide


def _label(model) -> str:
    text = str(model)
    return Path(text).name if text.startswith(("/", "./", "~")) else text


def adapter_label(adapter) -> str:
    """An adapter's name with its parent folder (`lua/generation`), which tells apart adapters of one name."""
    parts = Path(str(adapter)).parts
    return "/".join(parts[-2:]) if len(parts) >= 2 else str(adapter)


def outcomes(profile, benchmark: str | None = None):
    """Per-sample outcomes of the profile's runs (`Profile.of_live_runs`) from its store (all, or one benchmark)."""
    from ..store import load_outcomes

    if profile.published:
        raise LrcgError(f"profile {profile.name!r} reads published numbers; per-sample outcomes need a store source")
    if not Path(profile.source).is_file():
        raise LrcgError(f"results store {profile.source} does not exist (run the live notebook 00_live_run first)")
    frame = load_outcomes(profile.source, where=profile.of_live_runs(), **({"benchmark": benchmark} if benchmark else {}))
    if frame.empty:
        raise LrcgError(f"results store {profile.source} has no outcomes" + (f" for benchmark {benchmark!r}" if benchmark else ""))
    return frame


def _cross_language(profile):
    """Baseline outcomes of the profile's models and languages, on the problems every one of them has."""
    return stats.cross_language(outcomes(profile, profile.benchmark), profile.models, profile.languages)


def _relabel(table):
    """Rows by `_label`; where two rows would share a label (two adapters both called generation), paths by
    `adapter_label`."""
    labels = {row: _label(row) for row in table.index}
    if len(set(labels.values())) < len(labels):
        labels = {row: adapter_label(row) if str(row).startswith(("/", "./", "~")) else label
                  for row, label in labels.items()}
    return table.rename(index=labels)


def pass_at_1_by_language(profile):
    """Table I: pass@1 (%) per model × language (live: on the problems every language has)."""
    if profile.published:
        return published_wide("giagnorio2025_table1").loc[list(profile.models), list(profile.languages)]
    table = stats.pass_at_1_table(_cross_language(profile))
    table = table.reindex(index=list(profile.models), columns=list(profile.languages))
    return _relabel(table)


def pass_at_1_beside_published(profile, table):
    """Table I of a live profile with the paper's printed rows under it, on the languages both have.

    The paper's rows are pass@1 over 50 samples at temperature 0.2 (1.3B-33B models); a live row is what the
    profile ran (e.g. greedy, one sample): they sit side by side for scale, not as a like-for-like comparison.
    """
    import pandas as pd

    if profile.published:
        raise LrcgError(f"profile {profile.name!r} reads published numbers: there is no live table to set beside them")
    published = published_wide("giagnorio2025_table1")
    columns = [c for c in table.columns if c in published.columns]
    return pd.concat({"live": table[columns], "published": published[columns]}, names=["source", "model"])


def language_odds_ratios(profile):
    """Table II input: tidy odds ratios per language pair × model (with CI, p and BH-adjusted p when live)."""
    if profile.published:
        t2 = load_published("giagnorio2025_table2")
        keep = t2["model"].isin(profile.models) & t2["first"].isin(profile.languages) & t2["second"].isin(profile.languages)
        return t2[keep].reset_index(drop=True)
    ors = stats.language_odds_ratios(_cross_language(profile), stats.language_pairs(profile.languages),
                                     list(profile.models), alpha=profile.alpha)
    return ors.assign(model=ors["model"].map(_label))


def techniques(profile):
    """Table III: pass@1 (%) per (model, technique) × technique language."""
    if profile.published:
        wide = published_wide("giagnorio2025_table3", ["model", "technique"])
        keep = [(m, t) for m in profile.models for t in profile.techniques if (m, t) in wide.index]
        return wide.loc[keep, list(profile.technique_languages)]
    frame = stats.with_variant(stats.in_training_language(outcomes(profile, profile.benchmark)))
    frame = stats.select(frame, model=list(profile.models), language=list(profile.technique_languages),
                         variant=list(profile.techniques))
    table = stats.pass_at_1_table(frame, rows=["model", "variant"])
    table.index = table.index.set_names(["model", "technique"])
    order = [(m, t) for m in profile.models for t in profile.techniques if (m, t) in table.index]
    table = table.loc[order, list(profile.technique_languages)]
    return table.rename(index=_label, level="model")


def technique_odds_ratios(profile):
    """Each technique vs baseline (McNemar, BH within technique × language across models); live only."""
    if profile.published:
        return None
    frame = stats.in_training_language(outcomes(profile, profile.benchmark))
    ors = stats.technique_odds_ratios(frame, list(profile.techniques), list(profile.technique_languages),
                                      list(profile.models), alpha=profile.alpha)
    return ors.assign(model=ors["model"].map(_label))


def _codem_live(profile, rows):
    frame = outcomes(profile, profile.codem_benchmark or None)  # "" = every benchmark (CodeM mixes three)
    frame = stats.select(frame, language=list(profile.codem_languages))
    adapters = frame["adapter"] if "adapter" in frame.columns else None
    row_of_key = {adapter_key(r): r for r in rows if Path(r).is_absolute()}  # an adapter row: its path
    row = [row_of_key.get(str(a), str(a)) if a is not None and str(a) not in ("", "nan", "None") else str(m)
           for m, a in zip(frame["model"], adapters if adapters is not None else [None] * len(frame))]
    frame = stats.select(frame.assign(row=row), row=list(rows))
    table = stats.pass_at_1_table(frame, rows="row").reindex(index=list(rows), columns=list(profile.codem_languages))
    table.index.name = "model"
    return _relabel(table)


def codem_table1(profile):
    """CodeM Table 1: pass@1 (%) of the base model and each CODEM model (adapter) per language."""
    if profile.published:
        return published_wide("zan2023_codem_table1").loc[list(profile.codem_models), list(profile.codem_languages)]
    return _codem_live(profile, profile.codem_models)


def codem_table2(profile):
    """CodeM Table 2 (StarCoder 15B vs CODEM-Python 15B); None when the profile lists no Table 2 rows."""
    if not profile.codem_table2_models:
        return None
    if profile.published:
        return published_wide("zan2023_codem_table2").loc[list(profile.codem_table2_models), list(profile.codem_languages)]
    return _codem_live(profile, profile.codem_table2_models)


def codem_base(profile) -> str:
    """The row CodeM gains are relative to (default: the first CodeM row)."""
    base = profile.codem_base or (profile.codem_models[0] if profile.codem_models else "")
    return _label(base)


def codem_table2_base(profile) -> str:
    return _label(profile.codem_table2_models[0]) if profile.codem_table2_models else ""


def transfer_rows(profile, table1):
    """Figure 4's input: the monolingual rows of CodeM Table 1 (not the base model, not a mixed-data model)."""
    if profile.published:
        return stats.monolingual_rows(table1)
    base = codem_base(profile)
    rows = [m for m in table1.index if m != base and "mixed" not in str(m).lower()]
    if len(rows) < 2:
        raise LrcgError(f"Figure 4 needs at least two monolingual rows besides {base!r} (have: {', '.join(map(str, table1.index))})")
    return table1.loc[rows]
