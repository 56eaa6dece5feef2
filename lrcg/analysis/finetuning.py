"""Live fine-tuning results: Table III's fine-tuned rows beside the published ones, and CodeM's transfer question
(an adapter trained on one language, evaluated on every language) with the exact McNemar test per cell.

Adapters are told apart by their folder's last two parts (`lua/generation`, `rkt/generation`): a plan writes
`<adapters>/<training language>/<technique>` (`lrcg.training.plan`).
"""
from __future__ import annotations

from pathlib import Path

from ..config import adapter_key
from ..errors import LrcgError
from . import sources, stats
from .sources import adapter_label

TRANSFER_COLUMNS = ["adapter", "language", "n_pairs", "base_pass@1", "adapter_pass@1", "gain", "b", "c",
                    "odds_ratio", "ci_low", "ci_high", "p_value", "p_adjusted", "significant"]
# The published Table III technique (lrcg's names of paper A's rows) each live fine-tuned variant stands for
PUBLISHED_TECHNIQUE = {"generation": "fine-tuning", "stage2-generation": "pretraining-fine-tuning"}

def _has_adapter(value) -> bool:
    return value is not None and str(value) not in ("", "nan", "None")


def transfer_table(outcomes, model: str, adapters, languages, technique: str = "baseline", alpha: float = 0.05):
    """One row per adapter × language: pass@1 (%) of the base model and of the adapter on the problems both have,
    the gain (points), and the exact McNemar test of adapter vs base on samples paired by (index, sample):
    b = adapter passes where the base fails, c = the reverse, OR = b / c (> 1: the adapter is better).
    p-values are Benjamini-Hochberg adjusted over the whole table (one family); significant = adjusted p < alpha."""
    import pandas as pd

    frame = stats.select(outcomes, model=model, technique=technique)
    has = frame["adapter"].map(_has_adapter) if "adapter" in frame.columns else pd.Series(False, index=frame.index)
    base = frame[~has]
    rows = []
    for adapter in adapters:
        mine = frame[has & (frame["adapter"].astype(str) == adapter_key(adapter))]
        if mine.empty:
            raise LrcgError(f"no outcomes of adapter {adapter!r} for model {model!r} (technique {technique!r}); "
                            "evaluate it first (its run in the profile's live.runs)")
        for language in languages:
            a, b = mine[mine["language"] == language], base[base["language"] == language]
            if a.empty or b.empty:
                continue  # not evaluated in this language (a missing toolchain: the profile's not_run says so)
            keep = set(a["index"]) & set(b["index"])
            both = pd.concat([a[a["index"].isin(keep)].assign(arm="adapter"),
                              b[b["index"].isin(keep)].assign(arm="base")])
            test = stats.compare(both, "adapter", "base", by="arm")
            table = stats.pass_at_1_table(both, rows="arm", columns="language")
            rows.append({"adapter": adapter_label(adapter), "language": language, "n_pairs": test["n_pairs"],
                         "base_pass@1": table.loc["base", language], "adapter_pass@1": table.loc["adapter", language],
                         "gain": table.loc["adapter", language] - table.loc["base", language],
                         **{k: test[k] for k in ("b", "c", "odds_ratio", "ci_low", "ci_high", "p_value")}})
    out = pd.DataFrame(rows, columns=[c for c in TRANSFER_COLUMNS if c not in ("p_adjusted", "significant")])
    out["p_adjusted"] = stats.benjamini_hochberg(out["p_value"]) if len(out) else []
    out["significant"] = out["p_adjusted"] < alpha
    return out[TRANSFER_COLUMNS]


def transfer_gains(transfer):
    """The transfer table in CodeM Table 1's layout: adapters × languages, gain in pass@1 points."""
    return transfer.pivot(index="adapter", columns="language", values="gain")


def _profile_adapters(profile) -> list[str]:
    base = profile.codem_base or (profile.codem_models[0] if profile.codem_models else "")
    return [m for m in profile.codem_models if m != base and Path(m).is_absolute()]


def has_live_transfer(profile) -> bool:
    """A live profile whose CodeM rows include adapters (a fine-tuning profile): notebook 07's live section runs."""
    return not profile.published and bool(_profile_adapters(profile))


def transfer_from_profile(profile):
    """`transfer_table` for a fine-tuning profile: base = codem_base, adapters = the other codem_models,
    languages = codem_languages, outcomes of codem_benchmark; None for a profile without adapters."""
    if not has_live_transfer(profile):
        return None
    base = profile.codem_base or profile.codem_models[0]
    frame = sources.outcomes(profile, profile.codem_benchmark or None)
    return transfer_table(frame, base, _profile_adapters(profile), list(profile.codem_languages), alpha=profile.alpha)


def carrying_problems(outcomes, model: str, adapter, language: str, technique: str = "baseline"):
    """The problems behind one transfer cell: (problem, index, adapter passed, base passed) for the discordant
    samples, b (adapter only) first."""
    frame = stats.select(outcomes, model=model, technique=technique, language=language)
    has = frame["adapter"].map(_has_adapter)
    mine = frame[has & (frame["adapter"].astype(str) == adapter_key(adapter))][["problem", "index", "sample", "passed"]]
    base = frame[~has][["index", "sample", "passed"]]
    both = mine.merge(base, on=["index", "sample"], suffixes=("_adapter", "_base"))
    moved = both[both["passed_adapter"] != both["passed_base"]]
    return moved.sort_values(["passed_adapter", "index"], ascending=[False, True]).reset_index(drop=True)


def has_finetuned_rows(profile) -> bool:
    return not profile.published and any("@" in t for t in profile.techniques)


def techniques_beside_published(profile, live_table):
    """Table III: the live rows (model, technique) and, under them, paper A's published rows (R and Racket), in
    lrcg's technique names; the live fine-tuned variants `baseline@generation` / `baseline@stage2-generation` are
    named as paper A's rows they reproduce (`fine-tuning`, `pretraining-fine-tuning`). A live column the paper
    has no number for (Lua) is empty under `published`. None for a published profile."""
    import pandas as pd

    from .published import published_wide

    if profile.published:
        return None
    published = published_wide("giagnorio2025_table3", ["model", "technique"])
    live = live_table.rename(index=lambda t: PUBLISHED_TECHNIQUE.get(t.split("@")[-1], t) if "@" in t else t,
                             level="technique")
    both = pd.concat({"live": live, "published": published}, names=["source", "model", "technique"])
    return both[list(dict.fromkeys([*live_table.columns, *published.columns]))]

def adapter_path(profile, label: str) -> str:
    """The adapter folder of a profile's CodeM row from its label (`lua/generation`)."""
    for m in profile.codem_models:
        if adapter_label(m) == label:
            return m
    raise LrcgError(f"profile {profile.name!r} has no adapter labelled {label!r} "
                    f"(have: {', '.join(adapter_label(m) for m in _profile_adapters(profile))})")


def not_run(profile) -> list[tuple[str, str]]:
    """(language, reason) for each of paper A's Table III languages (R, Racket) and the profile's technique languages
    that have no fine-tuned row: a missing toolchain, or no MultiPL-T problem set to make the data from."""
    from ..benchmarks import BENCHMARK_LANGUAGES

    reasons = dict(profile.not_run)
    for language in dict.fromkeys(("r", "rkt", *profile.technique_languages)):
        if language not in reasons and language not in BENCHMARK_LANGUAGES["multipl-t"]:
            reasons[language] = (f"no MultiPL-T problem set for {language!r} here (MultiPL-T sets: "
                                 f"{', '.join(BENCHMARK_LANGUAGES['multipl-t'])}), so no fine-tuning data and no adapter")
    return sorted(reasons.items())


def describe_transfer(transfer, alpha: float = 0.05) -> str:
    """The transfer table in sentences: which cells are significant after BH, which gains are not."""
    if transfer is None or transfer.empty:
        return "no transfer cells"
    lines = []
    for significant, title in ((True, f"significant (BH-adjusted p < {alpha})"), (False, "not significant")):
        part = transfer[transfer["significant"] == significant]
        cells = [f"{r.adapter} on {r.language}: {r.gain:+.1f} points (b={r.b}, c={r.c}, OR={r.odds_ratio:.2f}, "
                 f"p={r.p_value:.3g}, adjusted {r.p_adjusted:.3g})" for r in part.itertuples()]
        lines.append(f"{title}: " + ("; ".join(cells) if cells else "none"))
    return "\n".join(lines)
