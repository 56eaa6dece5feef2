"""Why samples fail: every non-passing sample gets one category a teacher can use.

The judge (`lrcg.execution.languages.judge`) gives MultiPL-E's five statuses; this splits them by what the program's
output says. Rules are checked in `ORDER`, first match wins:

1. timeout — status Timeout;
2. resource limit — the sandbox killed it (memory, processes, disk) or the runtime ran out of memory or stack;
3. code cut off — the model's response ends inside a code block it opened: generation stopped (the new-token
   limit, or the loop stop) before the code was finished, so the program is a fragment;
4. answered in another language — the completion has more lines that look like another language's code
   (`code_signs`, counted per `family`) than like its own: asked for Lua, the model wrote Python;
5. undefined name or wrong arity — calling or naming what does not exist, with the wrong number of arguments;
6. type error — a value of the wrong type (compile-time or run-time);
7. syntax/compile error — status SyntaxError (any other compile failure);
8. runtime exception (marked) — a crash the judge reads as a failed test (a Go panic inside `go test`);
9. wrong answer — status AssertionError: it ran and a test's assertion failed;
10. runtime exception — any other failed run.

The per-language patterns are data on each language's row (`lrcg.execution.languages.Language.failures`): regular
expressions searched in stderr + stdout (luaunit, tsc and `go test` report on stdout). Each rule is tested
on real failing programs of its language (tests/programs/<lang>/failure.<kind>.txt).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..execution.languages import ASSERTION_ERROR, LANGUAGES, OK, SYNTAX_ERROR, TIMEOUT, FailureRules, get_language

SYNTAX = "syntax/compile error"
UNDEFINED = "undefined name or wrong arity"
TYPE = "type error"
RUNTIME = "runtime exception"
WRONG_ANSWER = "wrong answer"
TIMED_OUT = "timeout"
RESOURCE = "resource limit"
OTHER_LANGUAGE = "answered in another language"
CUT_OFF = "code cut off"
CATEGORIES = (CUT_OFF, OTHER_LANGUAGE, SYNTAX, UNDEFINED, TYPE, RUNTIME, WRONG_ANSWER, TIMED_OUT, RESOURCE)
PASSED = "passed"

# What lrcg's sandbox appends to stderr when it kills a run (lrcg.execution.sandbox.describe_events).
SANDBOX_KILLED = (r"\[lrcg\] killed: .* limit",)


# The patterns are on each language's row (`Language.failures`).
FAILURE_RULES: dict[str, FailureRules] = {name: lang.failures for name, lang in LANGUAGES.items()}


def rules_for(language: str) -> FailureRules:
    """The failure rules of a language (by any of its names); a language without rules gets empty ones."""
    return get_language(language).failures


@lru_cache(maxsize=None)
def _compiled(patterns: tuple[str, ...]) -> re.Pattern | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.M) if patterns else None


def _matches(patterns: tuple[str, ...], text: str) -> bool:
    pattern = _compiled(patterns)
    return bool(pattern and pattern.search(text))


def code_language(completion: str) -> dict[str, int]:
    """Lines of `completion` that look like each family's code (families with at least one line)."""
    counts: dict[str, int] = {}
    lines = [line for line in (completion or "").splitlines() if line.strip()]
    families: dict[str, tuple[str, ...]] = {}
    for name, rules in FAILURE_RULES.items():
        families[rules.family or name] = rules.code_signs
    for family, signs in families.items():
        pattern = _compiled(signs)
        n = sum(1 for line in lines if pattern and pattern.search(line))
        if n:
            counts[family] = n
    return counts


def other_language(language: str, completion: str) -> str | None:
    """The family a completion is written in when it is not `language`'s (most matching lines; a tie keeps
    the asked-for language), else None."""
    lang = get_language(language)
    own = lang.failures.family or lang.name
    counts = code_language(completion)
    if not counts:
        return None
    best = max(counts, key=lambda f: (counts[f], f == own))
    return best if best != own and counts[best] > counts.get(own, 0) else None


def code_cut_off(response: str) -> bool:
    """Whether a chat response ends inside a code fence it opened (a completion model's response has none)."""
    fences = sum(1 for line in (response or "").splitlines() if line.lstrip().startswith("```"))
    return fences % 2 == 1


def classify(language: str, status: str, stderr: str = "", stdout: str = "", completion: str = "",
             response: str = "") -> str:
    """The category of one sample (`PASSED` for status OK); see the module docstring for the order."""
    if status == OK:
        return PASSED
    if status == TIMEOUT:
        return TIMED_OUT
    rules = rules_for(language)
    text = f"{stderr or ''}\n{stdout or ''}"
    if _matches(SANDBOX_KILLED, text) or _matches(rules.resource, text):
        return RESOURCE
    if code_cut_off(response):
        return CUT_OFF
    if other_language(language, completion) is not None:
        return OTHER_LANGUAGE
    if _matches(rules.undefined, text):
        return UNDEFINED
    if _matches(rules.type_error, text):
        return TYPE
    if status == SYNTAX_ERROR:
        return SYNTAX
    if _matches(rules.runtime, text):
        return RUNTIME
    if status == ASSERTION_ERROR:
        return WRONG_ANSWER
    return RUNTIME


def with_failures(outcomes):
    """Add `failure` (a category, or `PASSED`) to a frame with language, status, stderr, stdout, completion
    (and response, where stored)."""
    out = outcomes.copy()
    get = lambda col: out[col] if col in out.columns else [""] * len(out)  # noqa: E731
    out["failure"] = [classify(lang, status, err, std, comp, resp) for lang, status, err, std, comp, resp in
                      zip(out["language"], out["status"], get("stderr"), get("stdout"), get("completion"),
                          get("response"))]
    return out


def failure_table(outcomes, by=("model", "language"), share: bool = False):
    """Samples per category (columns: `passed` then `CATEGORIES`) for each `by` group; `share=True` gives
    fractions of the group's samples instead of counts."""
    import pandas as pd

    frame = outcomes if "failure" in outcomes.columns else with_failures(outcomes)
    by = list(by)
    table = frame.groupby(by, sort=False)["failure"].value_counts().unstack("failure", fill_value=0)
    table = table.reindex(columns=[PASSED, *CATEGORIES], fill_value=0).astype(int)
    table.columns = pd.Index(table.columns, name="failure")
    return table.div(table.sum(axis=1), axis=0) if share else table


def plot_failures(outcomes, stem, title: str = "Why samples fail") -> dict:
    """Stacked bars, one panel per model, one bar per language: the share of samples in each category
    (passed first). Saved as <stem>.png and .pdf (lrcg.analysis.plots conventions)."""
    from .plots import _pyplot, save_figure
    from .tables import _display

    plt = _pyplot()
    table = failure_table(outcomes, ("model", "language"), share=True)
    models = list(dict.fromkeys(table.index.get_level_values("model")))
    colours = dict(zip([PASSED, *CATEGORIES], ["#d9d9d9", *plt.get_cmap("tab10").colors]))
    fig, axes = plt.subplots(1, len(models), figsize=(1.5 + 1.1 * table.shape[0], 4.2), squeeze=False, sharey=True)
    for ax, model in zip(axes.ravel(), models):
        part = table.xs(model, level="model")
        bottom = [0.0] * len(part)
        labels = [_display(lang) for lang in part.index]
        for category in part.columns:
            values = part[category].tolist()
            ax.bar(labels, values, bottom=bottom, color=colours[category], label=category, edgecolor="white",
                   linewidth=0.5)
            bottom = [b + v for b, v in zip(bottom, values)]
        ax.set_title(str(model).split("@")[0], fontsize=9)
        ax.set_ylim(0, 1), ax.tick_params(axis="x", rotation=45)
    axes.ravel()[0].set_ylabel("share of samples")
    handles, labels = axes.ravel()[0].get_legend_handles_labels()
    fig.legend(handles, labels, fontsize=7, loc="center left", bbox_to_anchor=(1.0, 0.5))
    fig.suptitle(title)
    fig.tight_layout()
    return save_figure(fig, stem)
