"""Explore the per-sample results that every table is made of: plain functions returning DataFrames.

`sample_outcomes(store)` reads one row per sample with what a person wants to see (status, exit code,
the first lines of stderr, the completion, the prompt, the benchmark prompt and tests). On such a frame
(or any frame with the columns model, technique, language, problem, index, sample, passed):

- `pass_grid`: problem × language pass fraction, easiest problems first (`grid_sample_counts`: the samples
  behind each fraction; `filter_grid`: the rows a student asks for);
- `problem_view`: one problem side by side across languages, one row per sample (`technique_view`: one
  problem in one language across techniques);
- `pair_cell`: the McNemar 2×2 table behind one Table II cell, with its discordant problems
  (b: first passes, second fails; c: the reverse), computed by `lrcg.analysis.stats` exactly as Table II is;
- `technique_changes`: the problems a technique gained and lost against the baseline (Table III);
- `store_choices`: the models, techniques and languages a store selection holds (what the explorer offers).

The notebook explorer (`notebooks/06_explore.ipynb`) and `lrcg report` are thin layers over these, and
draw problems, grid cells and McNemar tests with the same HTML (`lrcg.analysis.html_views`).
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
VIEW_COLUMNS = ("language", "technique", "sample", "status", "passed", "exit_code", "failure", "stderr_head",
                "stderr", "completion", "prompt", "benchmark_prompt", "tests", "program")


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
                    stderr_lines: int = STDERR_LINES, where=None, **filters):
    """One row per stored sample (columns `SAMPLE_COLUMNS`), filtered like `lrcg.store.load_outcomes`."""
    import pandas as pd

    from ..store import stored_rows

    frame = pd.DataFrame(stored_rows(store, executed_only, where, **filters), columns=[c for c in SAMPLE_COLUMNS if c not in ("passed", "stderr_head",
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
    grid = _per_problem_grid(outcomes, model, technique, languages, "mean")
    ease = grid.mean(axis=1)
    order = sorted(grid.index, key=lambda i: (-ease[i], i))
    return _named_rows(grid.loc[order], outcomes)


def grid_sample_counts(outcomes, model: str | None = None, technique: str = "baseline", languages=None):
    """The number of samples behind each `pass_grid` fraction (same rows and columns; NaN where none)."""
    grid = pass_grid(outcomes, model, technique, languages)
    counts = _named_rows(_per_problem_grid(outcomes, model, technique, languages, "size"), outcomes)
    return counts.reindex(index=grid.index, columns=grid.columns)


def _per_problem_grid(outcomes, model, technique, languages, how: str):
    frame = one_run(outcomes, model, technique, languages)
    if frame.empty:
        raise LrcgError(f"no outcomes for model {model!r}, technique {technique!r}")
    grid = frame.assign(passed=frame["passed"].astype(float)).groupby(["index", "language"])["passed"].agg(how)
    return grid.unstack("language")[_languages_in_order(frame, languages)]


def _named_rows(grid, outcomes):
    grid = grid.copy()
    grid.index = problem_names(outcomes).loc[grid.index].values
    grid.index.name, grid.columns.name = "problem", "language"
    return grid


GRID_FILTERS = {  # filter_grid's `show`: what a student asks of the grid
    "all": "every problem",
    "contrast": "solved in … but not in …",
    "everywhere": "solved in every language",
    "nowhere": "solved in no language",
    "some": "solved in some languages, not all",
}


def filter_grid(grid, show: str = "all", solved_in: str | None = None, not_solved_in: str | None = None,
                name_contains: str = ""):
    """The rows of a `pass_grid` a student asks for. A problem is solved in a language when at least one of its
    samples passes there; languages without the problem (NaN) count for neither side. `show` is a key of
    `GRID_FILTERS` ("contrast" needs `solved_in` and `not_solved_in`); `name_contains` matches problem names,
    case-insensitively."""
    import pandas as pd

    if show not in GRID_FILTERS:
        raise unknown_choice("grid filter", show, GRID_FILTERS)
    solved, ran = grid > 0, grid.notna()
    if show == "contrast":
        for lang in (solved_in, not_solved_in):
            if lang not in grid.columns:
                raise unknown_choice("language", lang, grid.columns)
        keep = solved[solved_in] & ran[not_solved_in] & ~solved[not_solved_in]
    elif show == "everywhere":
        keep = (solved | ~ran).all(axis=1) & ran.any(axis=1)
    elif show == "nowhere":
        keep = ~solved.any(axis=1) & ran.any(axis=1)
    elif show == "some":
        keep = solved.any(axis=1) & (ran & ~solved).any(axis=1)
    else:
        keep = pd.Series(True, index=grid.index)
    if name_contains.strip():
        keep &= grid.index.to_series(index=grid.index).str.contains(name_contains.strip(), case=False, regex=False)
    return grid[keep.to_numpy()]


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


def technique_view(outcomes, problem, language: str, model: str | None = None, techniques=None):
    """One problem in one language across techniques (baseline first, then `techniques` or every other the
    frame has): the rows of `problem_view`, ordered by technique and sample."""
    frame = stats.select(outcomes, language=language)
    frame = frame[frame["model"] == only_value(frame, "model", model)]
    present = list(dict.fromkeys(frame["technique"]))
    order = [t for t in (techniques if techniques is not None else sorted(present, key=lambda t: t != "baseline"))
             if t in present]
    frame = stats.select(frame, technique=order)
    number = problem_index(frame, problem)
    rows = frame[frame["index"] == number]
    rows = rows.assign(_order=rows["technique"].map({t: i for i, t in enumerate(order)})).sort_values(["_order", "sample"])
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


@dataclass(frozen=True)
class StoreChoices:
    """What a store selection holds, so that a view offers nothing it cannot show: per model its techniques
    (baseline first), per (model, technique) its languages, in the order asked for."""
    models: tuple[str, ...]
    techniques: dict  # model -> tuple of techniques
    languages: dict  # (model, technique) -> tuple of languages

    def compared_techniques(self, model: str, baseline: str = "baseline") -> tuple[str, ...]:
        """The techniques that share at least one language with the baseline (what Table III compares)."""
        return tuple(t for t in self.techniques[model] if t != baseline and self.compared_languages(model, t, baseline))

    def compared_languages(self, model: str, technique: str, baseline: str = "baseline") -> tuple[str, ...]:
        base = set(self.languages.get((model, baseline), ()))
        return tuple(lang for lang in self.languages.get((model, technique), ()) if lang in base)


def store_choices(outcomes, models=None, languages=None, techniques=None) -> StoreChoices:
    """The models, techniques and languages of `outcomes`, restricted to (and ordered like) the given ones
    where given; values asked for but absent are left out (a profile may list Julia where it did not run)."""
    def ordered(present, wanted):
        present = list(dict.fromkeys(present))
        return tuple(x for x in wanted if x in present) if wanted is not None else tuple(present)

    frame = outcomes
    if languages is not None:
        frame = frame[frame["language"].isin(list(languages))]
    if techniques is not None:
        frame = frame[frame["technique"].isin(list(techniques))]
    chosen_models = ordered(frame["model"], models)
    by_model, by_run = {}, {}
    for model in chosen_models:
        part = frame[frame["model"] == model]
        found = ordered(part["technique"], techniques)
        by_model[model] = tuple(sorted(found, key=lambda t: t != "baseline"))
        for technique in by_model[model]:
            by_run[(model, technique)] = ordered(part.loc[part["technique"] == technique, "language"], languages)
    return StoreChoices(chosen_models, by_model, by_run)


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
