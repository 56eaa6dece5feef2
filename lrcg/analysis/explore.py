"""Explore the per-sample results that every table is made of: plain functions returning DataFrames.

`sample_outcomes(store)` reads one row per sample with what a person wants to see (status, exit code,
the first lines of stderr, the completion, the prompt, the benchmark prompt and tests). On such a frame
(or any frame with the columns model, technique, language, problem, index, sample, passed):

- `pass_grid`: problem × language pass fraction, easiest problems first;
- `problem_view`: one problem side by side across languages, one row per sample;
- `pair_cell`: the McNemar 2×2 table behind one Table II cell, with its discordant problems
  (b: first passes, second fails; c: the reverse), computed by `lrcg.analysis.stats` exactly as Table II is;
- `technique_changes`: the problems a technique gained and lost against the baseline (Table III).

The notebook explorer (`notebooks/06_explore.ipynb`) and `lrcg report` are thin layers over these.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from ..errors import LrcgError, unknown_choice
from . import stats

log = logging.getLogger(__name__)

STDERR_LINES = 5  # lines of stderr shown per sample
SAMPLE_COLUMNS = ("model", "adapter", "technique", "benchmark", "language", "problem", "index", "sample", "status",
                  "passed", "exit_code", "stderr_head", "stderr", "stdout", "completion", "response", "prompt",
                  "program", "benchmark_prompt", "tests")
VIEW_COLUMNS = ("language", "sample", "status", "passed", "exit_code", "stderr_head", "completion",
                "benchmark_prompt", "tests")


def stderr_head(text, lines: int = STDERR_LINES) -> str:
    """The first `lines` non-blank lines of a stream ('' for none)."""
    if not isinstance(text, str):
        return ""
    kept = [line.rstrip() for line in text.splitlines() if line.strip()]
    return "\n".join(kept[:lines])


def attach_benchmark_text(frame):
    """Add `benchmark_prompt` and `tests` from the benchmark each row came from ('' where it cannot be loaded:
    the executed `program` still holds both)."""
    from ..benchmarks import load_benchmark

    out = frame.copy()
    prompts, tests = [""] * len(out), [""] * len(out)
    positions = {key: idx for key, idx in out.reset_index(drop=True).groupby(["benchmark", "language"]).groups.items()}
    for (bench, lang), idx in positions.items():
        try:
            by_id = {p.task_id: p for p in load_benchmark(bench, lang)}
        except LrcgError as e:
            log.warning("benchmark text of %s/%s not shown: %s", bench, lang, e)
            continue
        for i in idx:
            p = by_id.get(out["problem"].iat[i])
            if p is not None:
                prompts[i], tests[i] = p.prompt, p.tests
    out["benchmark_prompt"], out["tests"] = prompts, tests
    return out


def sample_outcomes(store: str | Path, *, executed_only: bool = True, with_benchmark: bool = True,
                    stderr_lines: int = STDERR_LINES, **filters):
    """One row per stored sample (columns `SAMPLE_COLUMNS`), filtered like `lrcg.store.load_outcomes`."""
    import pandas as pd

    from ..store import stored_rows

    frame = pd.DataFrame(stored_rows(store, executed_only, **filters), columns=[c for c in SAMPLE_COLUMNS if c not in ("passed", "stderr_head",
                                                                             "benchmark_prompt", "tests")])
    frame["passed"] = frame["status"] == "OK"
    frame["stderr_head"] = [stderr_head(s, stderr_lines) for s in frame["stderr"]]
    frame = attach_benchmark_text(frame) if with_benchmark else frame.assign(benchmark_prompt="", tests="")
    return frame[list(SAMPLE_COLUMNS)].reset_index(drop=True)


def only_value(outcomes, column: str, value=None) -> str:
    """`value` if the frame has it in `column`; with None, the column's only value (else LrcgError listing them)."""
    present = list(dict.fromkeys(outcomes[column].dropna()))
    if value is None:
        if len(present) != 1:
            raise LrcgError(f"outcomes hold {len(present)} values of {column} ({', '.join(map(str, present))}): "
                            f"choose one with {column}=...")
        return present[0]
    if value not in present:
        raise unknown_choice(column, value, present)
    return value


def one_run(outcomes, model: str | None = None, technique: str = "baseline", languages=None):
    """The samples of one model and technique (and the given languages, in that order of preference)."""
    frame = stats.select(outcomes, technique=technique)
    frame = frame[frame["model"] == only_value(frame, "model", model)]
    if languages is not None:
        frame = stats.select(frame, language=list(languages))
    return frame


def _languages_in_order(frame, languages=None) -> list[str]:
    return list(languages) if languages is not None else list(dict.fromkeys(frame["language"]))


def problem_names(outcomes):
    """HumanEval number -> the problem's name (its first name in the frame: MultiPL-E names agree across languages)."""
    return outcomes.groupby("index", sort=True)["problem"].first()


def pass_grid(outcomes, model: str | None = None, technique: str = "baseline", languages=None):
    """Problem × language pass fraction (0-1) of one model and technique; NaN where a language lacks a problem.

    Rows are named by problem and sorted by difficulty: the highest mean pass fraction over the languages
    first (ties by HumanEval number), so problems no language solves come last.
    """
    frame = one_run(outcomes, model, technique, languages)
    if frame.empty:
        raise LrcgError(f"no outcomes for model {model!r}, technique {technique!r}")
    grid = frame.assign(passed=frame["passed"].astype(float)).groupby(["index", "language"])["passed"].mean()
    grid = grid.unstack("language")[_languages_in_order(frame, languages)]
    ease = grid.mean(axis=1)
    order = sorted(grid.index, key=lambda i: (-ease[i], i))
    grid = grid.loc[order]
    grid.index = problem_names(frame).loc[order].values
    grid.index.name, grid.columns.name = "problem", "language"
    return grid


def problem_index(outcomes, problem) -> int:
    """The HumanEval number of a problem given by number or by name (any language's name for it)."""
    if isinstance(problem, (int,)) or (isinstance(problem, str) and problem.isdigit()):
        number = int(problem)
        if number not in set(outcomes["index"]):
            raise unknown_choice("problem", number, sorted(set(outcomes["index"])))
        return number
    hits = outcomes.loc[outcomes["problem"] == problem, "index"]
    if hits.empty:
        raise unknown_choice("problem", problem, sorted(set(outcomes["problem"])))
    return int(hits.iloc[0])


def problem_view(outcomes, problem, model: str | None = None, technique: str = "baseline", languages=None):
    """One problem across languages: a row per (language, sample) with status, exit code, stderr head,
    completion, the benchmark prompt and its tests (columns `VIEW_COLUMNS` that the frame has)."""
    frame = one_run(outcomes, model, technique, languages)
    number = problem_index(frame, problem)
    rows = frame[frame["index"] == number]
    order = {lang: i for i, lang in enumerate(_languages_in_order(frame, languages))}
    rows = rows.assign(_order=rows["language"].map(order)).sort_values(["_order", "sample"])
    return rows[[c for c in VIEW_COLUMNS if c in rows.columns]].reset_index(drop=True)


@dataclass(frozen=True)
class PairCell:
    """One Table II cell opened up: the paired samples' 2×2 table, the test, and the discordant problems."""
    model: str
    first: str
    second: str
    table: object  # DataFrame 2×2: rows first passes/fails, columns second passes/fails (sample counts)
    test: stats.McNemarResult
    b_problems: object  # DataFrame: problems where first passes and second fails (index, problem, samples)
    c_problems: object  # DataFrame: the reverse

    @property
    def n_pairs(self) -> int:
        return int(self.table.to_numpy().sum())


def _discordant(paired, names, mask):
    counts = paired[mask].groupby("index").size().rename("samples")
    out = counts.reset_index()
    out.insert(1, "problem", out["index"].map(names))
    return out.sort_values(["samples", "index"], ascending=[False, True]).reset_index(drop=True)


def pair_cell(outcomes, first: str, second: str, model: str | None = None, confidence: float = 0.95) -> PairCell:
    """The McNemar 2×2 table of `first` vs `second` (languages) for one model, paired by (index, sample) by
    `lrcg.analysis.stats.paired_outcomes`. Give it Table II's selection (`stats.cross_language`: baseline samples on
    the problems every compared language has) and its b, c and odds ratio are Table II's."""
    import pandas as pd

    frame = outcomes[outcomes["model"] == only_value(outcomes, "model", model)]
    paired = stats.paired_outcomes(frame, first, second, by="language")
    a, b = paired["passed_a"], paired["passed_b"]
    labels = ["passes", "fails"]
    table = pd.DataFrame([[int((a & b).sum()), int((a & ~b).sum())], [int((~a & b).sum()), int((~a & ~b).sum())]],
                         index=pd.Index([f"{first} {x}" for x in labels], name=first),
                         columns=pd.Index([f"{second} {x}" for x in labels], name=second))
    test = stats.mcnemar_odds_ratio(table.iat[0, 1], table.iat[1, 0], confidence)
    names = problem_names(frame)
    return PairCell(str(frame["model"].iloc[0]), first, second, table, test,
                    _discordant(paired, names, a & ~b), _discordant(paired, names, ~a & b))


def technique_changes(outcomes, technique: str, language: str, model: str | None = None, baseline: str = "baseline"):
    """Problems a technique (a `stats.with_variant` name) gained and lost against `baseline` in one language,
    samples paired by (index, sample): columns index, problem, change ('gained'/'lost'), samples (paired
    samples that changed), technique_passed and baseline_passed (pass fractions over the paired samples)."""
    import pandas as pd

    frame = stats.with_variant(stats.select(outcomes, language=language))
    frame = frame[frame["model"] == only_value(frame, "model", model)]
    paired = stats.paired_outcomes(frame, technique, baseline, by="variant")
    names = problem_names(frame)
    per_problem = paired.groupby("index").agg(technique_passed=("passed_a", "mean"), baseline_passed=("passed_b", "mean"))
    parts = []
    for change, mask in (("gained", paired["passed_a"] & ~paired["passed_b"]),
                         ("lost", ~paired["passed_a"] & paired["passed_b"])):
        part = _discordant(paired, names, mask)
        part.insert(2, "change", change)
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    return out.join(per_problem, on="index").reset_index(drop=True)


def technique_change_counts(outcomes, techniques, languages, model: str | None = None, baseline: str = "baseline"):
    """Per technique × language: problems gained and lost against the baseline (Table III, opened up)."""
    import pandas as pd

    rows = []
    for technique in techniques:
        if technique == baseline:
            continue
        for language in languages:
            changes = technique_changes(outcomes, technique, language, model, baseline)
            counts = changes["change"].value_counts()
            rows.append({"technique": technique, "language": language, "gained": int(counts.get("gained", 0)),
                         "lost": int(counts.get("lost", 0))})
    return pd.DataFrame(rows, columns=["technique", "language", "gained", "lost"])


def strongest_correlations(corr, n: int = 5):
    """The `n` most correlated pairs of a correlation matrix (`stats.transfer_correlations`): columns first,
    second, r — which languages move together."""
    import pandas as pd

    cols = list(corr.columns)
    rows = [{"first": a, "second": b, "r": float(corr.loc[a, b])} for i, a in enumerate(cols) for b in cols[i + 1:]
            if corr.loc[a, b] == corr.loc[a, b]]
    return pd.DataFrame(rows, columns=["first", "second", "r"]).sort_values("r", ascending=False).head(n).reset_index(drop=True)


def most_different_pair(odds_ratios) -> dict:
    """The Table II row (model, first, second, ...) with the smallest p-value (ties: the larger |log OR|)."""
    import numpy as np

    if odds_ratios.empty:
        raise LrcgError("no language pair to choose from (empty odds-ratio table)")
    spread = np.abs(np.log(odds_ratios["odds_ratio"].astype(float).clip(lower=1e-9)))
    order = odds_ratios.assign(_spread=-spread).sort_values(["p_value", "_spread"])
    return order.drop(columns="_spread").iloc[0].to_dict()
