"""Statistics of both papers, computed from per-sample outcomes (the tidy frame of `lrcg.store.load_outcomes`).

Outcome columns used here: model, adapter, technique, language, problem, index, sample, passed.
`index` is the HumanEval problem number: samples are paired across languages/techniques by
(index, sample) — by key, never by file order.

Exact conditional McNemar test (paper A, Table II): over the paired samples,
b = #(first passes, second fails), c = #(second passes, first fails); OR = b / c; the two-sided exact
p-value is the binomial test of b successes in b + c trials at 0.5; the confidence interval is the
Clopper–Pearson interval of b / (b + c), mapped to the odds-ratio scale by p -> p / (1 - p).
Zero cells (documented choice): when b = 0 or c = 0 the point estimate uses the Haldane correction
(b + 0.5) / (c + 0.5), so it stays finite; the interval is left exact, so its bound is 0 (b = 0) or
inf (c = 0); with b = c = 0 there is no discordant pair: OR = 1, CI = (0, inf), p = 1.
"""
from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from pathlib import Path

from ..errors import LrcgError, unknown_choice

PAIR_KEY = ("index", "sample")


@dataclass(frozen=True)
class McNemarResult:
    b: int  # first passes, second fails
    c: int  # second passes, first fails
    odds_ratio: float
    ci_low: float
    ci_high: float
    p_value: float


def mcnemar_odds_ratio(b: int, c: int, confidence: float = 0.95) -> McNemarResult:
    """Exact conditional McNemar test on the discordant counts b and c (see the module docstring)."""
    from scipy.stats import binomtest

    b, c = int(b), int(c)
    if b < 0 or c < 0:
        raise LrcgError(f"discordant counts must be >= 0 (got b={b}, c={c})")
    n = b + c
    if n == 0:
        return McNemarResult(b, c, 1.0, 0.0, math.inf, 1.0)
    test = binomtest(b, n, 0.5)
    ci = test.proportion_ci(confidence_level=confidence, method="exact")
    to_odds = lambda p: math.inf if p >= 1.0 else p / (1.0 - p)  # noqa: E731
    odds = b / c if b and c else (b + 0.5) / (c + 0.5)
    return McNemarResult(b, c, odds, to_odds(ci.low), to_odds(ci.high), float(test.pvalue))


def benjamini_hochberg(pvalues):
    """Benjamini–Hochberg adjusted p-values (same order as the input; NaN stays NaN and is not counted)."""
    import numpy as np

    p = np.asarray(pvalues, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    m = int(ok.sum())
    if m == 0:
        return out
    values = p[ok]
    order = np.argsort(values)
    scaled = values[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum(np.minimum.accumulate(scaled[::-1])[::-1], 1.0)
    result = np.empty(m)
    result[order] = adjusted
    out[ok] = result
    return out


def _require_columns(outcomes, columns) -> None:
    missing = [c for c in columns if c not in outcomes.columns]
    if missing:
        raise LrcgError(f"outcomes lack column(s) {', '.join(missing)} (have: {', '.join(map(str, outcomes.columns))})")


def with_variant(outcomes):
    """Add `variant`: the technique, or `<technique>@<adapter name>` for a fine-tuned model (Table III rows)."""
    out = outcomes.copy()
    adapters = out["adapter"] if "adapter" in out.columns else [None] * len(out)
    out["variant"] = [
        t if not a or (isinstance(a, float) and math.isnan(a)) else f"{t}@{Path(str(a)).name}"
        for t, a in zip(out["technique"], adapters)
    ]
    return out


def adapter_language(adapter) -> str | None:
    """The language an adapter was trained on, from the folder layout of a fine-tuning plan (`lrcg.training.plan`):
    `<adapters>/<language>/generation` or `<adapters>/<language>/two-stage/stage2-generation`; None for any other
    path (or no adapter)."""
    from ..execution.languages import LANGUAGES

    if adapter is None or (isinstance(adapter, float) and math.isnan(adapter)) or not str(adapter):
        return None
    parts = Path(str(adapter)).parts
    if parts[-1:] == ("generation",) and len(parts) >= 2:
        language = parts[-2]
    elif parts[-2:] == ("two-stage", "stage2-generation") and len(parts) >= 3:
        language = parts[-3]
    else:
        return None
    return language if language in LANGUAGES else None


def in_training_language(outcomes):
    """Table III's selection for fine-tuned rows: an adapter's outcomes only in the language it was trained on
    (its other languages are the transfer question, `analysis.finetuning`); base-model outcomes and adapters of
    unknown language are kept as they are."""
    if "adapter" not in outcomes.columns or outcomes.empty:
        return outcomes
    trained = outcomes["adapter"].map(adapter_language)
    return outcomes[trained.isna() | (trained == outcomes["language"])]


def select(outcomes, **filters):
    """Rows whose columns equal the given values (a list = any of); an absent value -> LrcgError naming valid ones."""
    mask = None
    for column, wanted in filters.items():
        if wanted is None:
            continue
        _require_columns(outcomes, [column])
        values = list(wanted) if isinstance(wanted, (list, tuple, set)) else [wanted]
        present = set(outcomes[column].dropna().unique())
        for v in values:
            if v not in present:
                raise unknown_choice(column, v, present)
        m = outcomes[column].isin(values)
        mask = m if mask is None else mask & m
    return outcomes if mask is None else outcomes[mask]


def common_problems(outcomes, by=("model", "language")):
    """Only the problems (`index`) that every group of `by` has outcomes for. Paper A compares languages on
    the problems present in all of them (157 of MultiPL-E HumanEval for its six languages), so that a
    language is not credited or blamed for problems the others never saw."""
    by = list(by)
    _require_columns(outcomes, [*by, "index"])
    if outcomes.empty:
        return outcomes
    per_group = outcomes.groupby(by, sort=False)["index"].agg(lambda s: set(s.tolist()))
    keep = set.intersection(*per_group.tolist())
    if not keep:
        raise LrcgError(f"no problem has outcomes for every {' × '.join(by)} "
                        f"({', '.join(f'{k}: {len(v)}' for k, v in per_group.items())} problems)")
    return outcomes[outcomes["index"].isin(keep)]


def without_adapter(outcomes):
    """Only the samples of base models (no fine-tuning adapter): the rows Tables I and II compare."""
    if "adapter" not in outcomes.columns:
        return outcomes
    return outcomes[outcomes["adapter"].isna() | (outcomes["adapter"].astype(str) == "")]


def cross_language(outcomes, models, languages, technique="baseline"):
    """Tables I and II's selection: `technique` samples of base `models` in `languages`, on the problems
    every model × language has (`common_problems`)."""
    frame = without_adapter(select(outcomes, technique=technique))
    return common_problems(select(frame, model=list(models), language=list(languages)))


def pass_at_1_table(outcomes, rows="model", columns="language"):
    """pass@1 (%) with rows × columns: per problem the fraction of passing samples, averaged over problems.

    With k = 1 the unbiased estimator of Chen et al. equals that mean per-problem pass fraction.
    """
    rows = [rows] if isinstance(rows, str) else list(rows)
    columns = [columns] if isinstance(columns, str) else list(columns)
    _require_columns(outcomes, [*rows, *columns, "index", "passed"])
    if outcomes.empty:
        raise LrcgError("no outcomes to tabulate (empty selection)")
    frame = outcomes.assign(passed=outcomes["passed"].astype(float))
    per_problem = frame.groupby([*rows, *columns, "index"], sort=False)["passed"].mean()
    table = per_problem.groupby(level=list(range(len(rows) + len(columns))), sort=False).mean() * 100.0
    wide = table.unstack(columns)
    wide = wide[list(dict.fromkeys(wide.columns))]
    return wide.reindex(list(dict.fromkeys(frame[rows[0]] if len(rows) == 1 else map(tuple, frame[rows].values))))


def paired_outcomes(outcomes, a, b, by="language", key=PAIR_KEY):
    """Outcomes of `a` and `b` (values of column `by`) paired by `key`: columns *key, passed_a, passed_b.

    Pass a frame restricted to one model (and technique/adapter as needed); a duplicate key within a side
    is an error (it would make the pairing ambiguous). Only keys present on both sides are kept.
    """
    key = list(key)
    _require_columns(outcomes, [by, *key, "passed"])
    sides = []
    for value, suffix in ((a, "a"), (b, "b")):
        side = outcomes.loc[outcomes[by] == value, [*key, "passed"]]
        if side.empty:
            raise unknown_choice(by, value, outcomes[by].dropna().unique())
        if side.duplicated(key).any():
            dup = side.loc[side.duplicated(key), key].iloc[0].tolist()
            raise LrcgError(f"{by}={value!r}: more than one outcome for {dict(zip(key, dup))}; filter by model/technique first")
        sides.append(side.rename(columns={"passed": f"passed_{suffix}"}))
    paired = sides[0].merge(sides[1], on=key, how="inner")
    return paired.astype({"passed_a": bool, "passed_b": bool}).sort_values(key).reset_index(drop=True)


def compare(outcomes, a, b, by="language", confidence=0.95) -> dict:
    """McNemar test of `a` vs `b` on paired samples: a dict with first, second, n_pairs and McNemarResult fields."""
    paired = paired_outcomes(outcomes, a, b, by=by)
    n_b = int((paired["passed_a"] & ~paired["passed_b"]).sum())
    n_c = int((~paired["passed_a"] & paired["passed_b"]).sum())
    result = mcnemar_odds_ratio(n_b, n_c, confidence)
    return {"first": a, "second": b, "n_pairs": len(paired), **result.__dict__}


def _adjust(frame, family, alpha):
    import numpy as np

    frame["p_adjusted"] = np.nan
    for _, idx in frame.groupby(family, sort=False).groups.items():
        frame.loc[idx, "p_adjusted"] = benjamini_hochberg(frame.loc[idx, "p_value"])
    frame["significant"] = frame["p_adjusted"] < alpha
    return frame


def better_first(frame):
    """Table II convention: where OR < 1, swap the pair (first/second, b/c, CI) and report 1/OR."""
    out = frame.copy()
    swap = out["odds_ratio"] < 1
    inv = lambda x: 1.0 / x if x != 0 else math.inf  # noqa: E731
    out.loc[swap, ["first", "second"]] = out.loc[swap, ["second", "first"]].values
    if {"b", "c"} <= set(out.columns):
        out.loc[swap, ["b", "c"]] = out.loc[swap, ["c", "b"]].values
    out.loc[swap, "odds_ratio"] = out.loc[swap, "odds_ratio"].map(inv)
    if {"ci_low", "ci_high"} <= set(out.columns):
        lo, hi = out.loc[swap, "ci_high"].map(inv), out.loc[swap, "ci_low"].map(inv)
        out.loc[swap, "ci_low"], out.loc[swap, "ci_high"] = lo.values, hi.values
    return out


def language_pairs(languages) -> list[tuple[str, str]]:
    """Every unordered pair of the languages, in the given order (Table II lists pairs like this)."""
    return list(itertools.combinations(languages, 2))


def language_odds_ratios(outcomes, pairs, models, alpha=0.05, confidence=0.95):
    """Table II: McNemar per language pair × model; BH within each pair across models.

    Returns a tidy frame (model, first, second, n_pairs, b, c, odds_ratio, ci_low, ci_high, p_value,
    p_adjusted, significant) with `first`/`second` as given; apply `better_first` for the printed layout.
    """
    import pandas as pd

    _require_columns(outcomes, ["model", "language"])
    rows = []
    for first, second in pairs:
        for model in models:
            one = select(outcomes, model=model)
            rows.append({"model": model, **compare(one, first, second, by="language", confidence=confidence)})
    return _adjust(pd.DataFrame(rows), ["first", "second"], alpha)


def technique_odds_ratios(outcomes, techniques, languages, models, baseline="baseline", alpha=0.05, confidence=0.95):
    """Each technique (a `variant`, see `with_variant`) vs the baseline per model × language, paired by
    (index, sample); BH within each technique × language across models. Columns as `language_odds_ratios`
    plus `language` (first = technique, second = baseline). A model with no outcome of a technique in a language
    is left out of that family (the size ladder runs a technique on one of its models), as Table III leaves out
    its row; a technique no model ran in any language is an error."""
    import pandas as pd

    frame = with_variant(outcomes)
    rows = []
    for technique in techniques:
        if technique == baseline:
            continue
        for language in languages:
            for model in models:
                one = select(frame, model=model, language=language)
                if technique not in set(one["variant"]):
                    continue
                rows.append({"model": model, "language": language,
                             **compare(one, technique, baseline, by="variant", confidence=confidence)})
        if not any(row["first"] == technique for row in rows):
            present = sorted(set(frame["variant"]) - {baseline})
            raise LrcgError(f"no outcome of technique {technique!r} for models {', '.join(map(str, models))} in "
                            f"{', '.join(languages)}; the outcomes hold: {', '.join(present) or 'baseline only'}")
    if not rows:
        raise LrcgError(f"no technique to compare with {baseline!r} (techniques: {', '.join(techniques)})")
    return _adjust(pd.DataFrame(rows), ["first", "language"], alpha)


def odds_ratio_matrix(odds_ratios, model, languages=None):
    """Language × language matrices for one model from a tidy odds-ratio frame: (odds ratio, significant).

    Cell (row, column) is the OR of row vs column; the mirror cell is its inverse; missing pairs are NaN.
    """
    import numpy as np
    import pandas as pd

    one = odds_ratios[odds_ratios["model"] == model]
    if one.empty:
        raise unknown_choice("model", model, odds_ratios["model"].unique())
    if languages is None:
        languages = list(dict.fromkeys([*one["first"], *one["second"]]))
    ors = pd.DataFrame(np.nan, index=languages, columns=languages)
    sig = pd.DataFrame(False, index=languages, columns=languages)
    has_sig = "significant" in one.columns
    for row in one.itertuples():
        if row.first in ors.index and row.second in ors.index:
            ors.loc[row.first, row.second] = row.odds_ratio
            ors.loc[row.second, row.first] = 1.0 / row.odds_ratio if row.odds_ratio else np.inf
            if has_sig:
                sig.loc[row.first, row.second] = sig.loc[row.second, row.first] = bool(row.significant)
    ors.index.name, ors.columns.name = "language", "versus"
    return ors, sig


def monolingual_rows(table):
    """The CODEM-<language> rows of CodeM Table 1 (not StarCoder, not CODEM-Mixed): Figure 4's input."""
    rows = [m for m in table.index if str(m).startswith("CODEM-") and str(m) != "CODEM-Mixed"]
    if len(rows) < 2:
        raise LrcgError(f"Figure 4 needs at least two CODEM-<language> rows (have: {', '.join(map(str, table.index))})")
    return table.loc[rows]


def transfer_correlations(table1, rows=None):
    """CodeM Figure 4 from its Table 1 (wide, models × languages): (a) df.corr(), (b) df.T.corr().

    `rows` defaults to the 8 monolingual CODEM rows; raw pass@1 values, Pearson correlation.
    """
    df = monolingual_rows(table1) if rows is None else table1.loc[list(rows)]
    return df.corr(), df.T.corr()


def correlation_pvalues(df):
    """Two-sided p-values of the Pearson correlations between the columns of df (df.corr()'s layout)."""
    import numpy as np
    import pandas as pd
    from scipy.stats import pearsonr

    cols = list(df.columns)
    out = pd.DataFrame(np.nan, index=cols, columns=cols)
    for i, j in itertools.combinations(cols, 2):
        x, y = df[i].to_numpy(float), df[j].to_numpy(float)
        ok = ~(np.isnan(x) | np.isnan(y))
        if ok.sum() > 2 and np.std(x[ok]) > 0 and np.std(y[ok]) > 0:
            out.loc[i, j] = out.loc[j, i] = pearsonr(x[ok], y[ok]).pvalue
    return out


def gains(table, base_row):
    """Absolute pass@1 gain of every row over `base_row` (CodeM Table 1's parenthesised numbers)."""
    if base_row not in table.index:
        raise unknown_choice("base row", base_row, table.index)
    return table - table.loc[base_row]


AGREEMENT_KEY = ("technique", "adapter", "language", "index", "sample")


def paired_verdicts(reference, other):
    """The samples of two decodings of the same prompts, paired by `AGREEMENT_KEY`: the key, `problem`, then
    `passed` and `response` of each side (suffixes `_reference`, `_other`). Both frames need those columns
    (`explore.sample_outcomes`'s); a key twice on one side is an error, keys on one side only are left out."""
    key = list(AGREEMENT_KEY)
    sides = []
    for name, frame in (("reference", reference), ("other", other)):
        _require_columns(frame, [*key, "problem", "passed", "response"])
        frame = frame.assign(adapter=frame["adapter"].fillna(""))
        if frame.duplicated(key).any():
            raise LrcgError(f"{name}: more than one sample for {dict(zip(key, frame.loc[frame.duplicated(key), key].iloc[0]))}"
                            "; select one model and one decoding first")
        sides.append(frame[[*key, "problem", "passed", "response"]].astype({"passed": bool}))
    paired = sides[0].merge(sides[1].drop(columns="problem"), on=key, suffixes=("_reference", "_other"))
    if paired.empty:
        raise LrcgError("the two sides share no prompt (technique, adapter, language, problem, sample)")
    return paired


def verdict_agreement(paired, by="language"):
    """Pass/fail of the same prompts decoded two ways (say fp32 against bf16), from `paired_verdicts`: one row per
    value of `by` and a total row. Columns: prompts, passed by each, verdicts that agree, responses of the same
    text, passed by one side only, and the exact McNemar p-value of those two counts (whether one way passes
    more often, not whether the texts are equal)."""
    import pandas as pd

    rows = []
    for value, g in [*paired.groupby(by, sort=False), ("total", paired)]:
        ref, oth = g["passed_reference"], g["passed_other"]
        only_ref, only_other = int((ref & ~oth).sum()), int((~ref & oth).sum())
        rows.append({by: value, "prompts": len(g), "reference passed": int(ref.sum()), "other passed": int(oth.sum()),
                     "verdicts agree": int((ref == oth).sum()),
                     "same response": int((g["response_reference"] == g["response_other"]).sum()),
                     "reference only": only_ref, "other only": only_other,
                     "p (McNemar)": mcnemar_odds_ratio(only_ref, only_other).p_value})
    return pd.DataFrame(rows).set_index(by)
