"""HTML that `lrcg report` and the notebook explorer share, so the two never show a problem differently.

- `problem_html`: one problem named, its prompt once, then one column per language (or technique) side by
  side: each sample's completion in full as highlighted code (pygments), status, exit code, failure category
  and the whole stderr (collapsible), the tests collapsible;
- `cell_colour`, `cell_label`, `cell_tooltip`: a pass-grid cell (colour, short label, exact fraction on hover);
- `mcnemar_html`: a McNemar test as a small labelled table (b, c, odds ratio with CI, p, adjusted p).

Every fragment is plain HTML with classes under `.lrcg-view`; `VIEW_CSS` + `code_css()` style them (the report
puts them in its <style>, the widget wraps a fragment with `styled`).
"""
from __future__ import annotations

import html
import math
import re
from functools import lru_cache

# lrcg language -> pygments lexer name (pygments knows most by the same name; R is its S lexer)
LEXER_NAMES = {"py": "python", "r": "r", "rkt": "racket", "lua": "lua", "jl": "julia", "java": "java",
               "js": "javascript", "ts": "typescript", "cpp": "cpp", "c": "c", "go": "go"}

VIEW_CSS = """
.lrcg-view{font-family:system-ui,sans-serif;font-size:13px;color:#222}
.lrcg-view h3{font-size:1.15em;margin:.3em 0}.lrcg-view h4{font-size:1em;margin:.2em 0 .4em}
.lrcg-view pre{margin:.3em 0;padding:.45em;border:1px solid #e3e3e3;background:#f8f8f8;font-size:12px;
  line-height:1.35;overflow:auto;max-height:30em;white-space:pre;text-align:left}
.lrcg-view details>summary{cursor:pointer;color:#444;margin:.2em 0}
.lrcg-columns{display:grid;grid-template-columns:repeat(auto-fill,minmax(290px,1fr));gap:10px;align-items:start}
.lrcg-column{border:1px solid #ddd;border-radius:4px;padding:6px;min-width:0;background:#fff}
.lrcg-sample{border-left:4px solid #bbb;padding-left:6px;margin:6px 0}
.lrcg-sample.ok{border-color:#2a9d3a}.lrcg-sample.fail{border-color:#c0392b}
.lrcg-badge{display:inline-block;padding:0 6px;border-radius:3px;color:#fff;font-weight:600}
.lrcg-badge.ok{background:#2a9d3a}.lrcg-badge.fail{background:#c0392b}
.lrcg-note{color:#777;font-style:italic}
.lrcg-stats{border-collapse:collapse;margin:.4em 0}
.lrcg-stats th,.lrcg-stats td{border:1px solid #ddd;padding:2px 8px;text-align:left}
.lrcg-stats td.num{text-align:right;font-variant-numeric:tabular-nums}.lrcg-stats th{background:#f3f3f3}
"""


def _e(text) -> str:
    return html.escape("" if text is None or (isinstance(text, float) and math.isnan(text)) else str(text))


def display_name(language: str) -> str:
    """A language's name for people (R, Racket, ...); unknown names as given."""
    from .tables import _display

    return _display(language)


@lru_cache(maxsize=1)
def code_css() -> str:
    """Pygments' colours for highlighted code, scoped to `.lrcg-code`."""
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(style="default").get_style_defs(".lrcg-code")


_UNSTYLED_SPAN = re.compile(r'<span class="([\w-]+)">([^<]*)</span>')


@lru_cache(maxsize=1)
def _styled_classes() -> frozenset:
    """Token classes that the style shows: spans of the others (names, whitespace) are only bytes, and a report
    holds thousands of completions."""
    return frozenset(re.findall(r"^\.lrcg-code \.([\w-]+) \{", code_css(), re.M)) - {"w"}  # whitespace: unseen


def styled(fragment: str) -> str:
    """A fragment with its own <style>: what an ipywidgets HTML value needs to look like the report."""
    return f'<div class="lrcg-view"><style>{VIEW_CSS}{code_css()}</style>{fragment}</div>'


def highlight(code: str, language: str) -> str:
    """`code` as a highlighted <pre class="code lrcg-code"> (plain escaped text for a language pygments lacks)."""
    from pygments import highlight as pygmentize
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    code = "" if not isinstance(code, str) else code
    try:
        lexer = get_lexer_by_name(LEXER_NAMES.get(language, language), stripnl=False, ensurenl=False)
    except ClassNotFound:
        return f'<pre class="code lrcg-code">{_e(code)}</pre>'
    body = _UNSTYLED_SPAN.sub(lambda m: m.group(2) if m.group(1) not in _styled_classes() else m.group(0),
                              pygmentize(code, lexer, HtmlFormatter(nowrap=True)))
    return f'<pre class="code lrcg-code" data-language="{_e(language)}">{body}</pre>'


def cell_colour(fraction: float) -> str:
    """Red (no sample passes) to green (all pass); white where the language lacks the problem."""
    if fraction != fraction:
        return "#ffffff"
    return f"rgb({int(230 - 180 * fraction)},{int(90 + 120 * fraction)},90)"


def cell_label(fraction: float, samples: float) -> str:
    """A grid cell's short text: pass/fail for one sample, passed/total for several, '–' where none ran."""
    if fraction != fraction or not samples or samples != samples:
        return "–"
    total = int(samples)
    passed = round(fraction * total)
    if total == 1:
        return "pass" if passed else "fail"
    return f"{passed}/{total}"


def cell_tooltip(problem: str, language: str, fraction: float, samples: float) -> str:
    """The exact fraction behind a cell, shown on hover."""
    if fraction != fraction or not samples or samples != samples:
        return f"{problem} · {language}: not run"
    total = int(samples)
    passed = round(fraction * total)
    return f"{problem} · {language}: {passed} of {total} sample{'s' if total != 1 else ''} pass ({fraction:.0%})"


def _stderr_html(text: str, passed: bool) -> str:
    text = text if isinstance(text, str) else ""
    if not text.strip():
        return '<div class="lrcg-note">stderr: empty</div>'
    lines = text.rstrip("\n").count("\n") + 1
    return (f'<details class="lrcg-stderr"{"" if passed else " open"}><summary>stderr · {lines} line'
            f'{"s" if lines != 1 else ""}</summary><pre class="stderr">{_e(text)}</pre></details>')


def _sample_html(row, language: str) -> str:
    passed = bool(row.get("passed"))
    exit_code = row.get("exit_code")
    exit_text = "–" if exit_code is None or exit_code != exit_code else str(int(exit_code))
    failure = row.get("failure")
    failure_text = f" · {_e(failure)}" if isinstance(failure, str) and failure and not passed else ""
    completion = row.get("completion")
    code = highlight(completion, language) if isinstance(completion, str) and completion.strip() else \
        '<div class="lrcg-note">the completion is empty</div>'
    stderr = row.get("stderr") if isinstance(row.get("stderr"), str) else row.get("stderr_head", "")
    return (f'<div class="lrcg-sample {"ok" if passed else "fail"}" data-language="{_e(language)}" '
            f'data-technique="{_e(row.get("technique", ""))}" data-sample="{_e(row.get("sample", ""))}">'
            f'<div><span class="lrcg-badge {"ok" if passed else "fail"}">{_e(row.get("status"))}</span> '
            f'exit code {exit_text} · sample {_e(row.get("sample"))}{failure_text}</div>'
            f'{code}{_stderr_html(stderr, passed)}</div>')


def _details(summary: str, text: str, language: str | None = None) -> str:
    if not isinstance(text, str) or not text.strip():
        return ""
    body = highlight(text, language) if language else f"<pre>{_e(text)}</pre>"
    return f"<details><summary>{_e(summary)}</summary>{body}</details>"


def problem_html(view, name: str, number: int, by: str = "language", subtitle: str = "") -> str:
    """One problem: its name, its prompt once, then a column per value of `by` ("language" or "technique") with
    every sample of that column. `view` is an `explore.problem_view` / `explore.technique_view` frame."""
    if view.empty:
        return f'<div class="lrcg-problem" data-problem="{int(number)}"><h3>{_e(name)}</h3>' \
               f'<p class="lrcg-note">no samples of this problem in the selection</p></div>'
    rows = [r for _, r in view.iterrows()]
    languages = list(dict.fromkeys(r["language"] for r in rows))
    top_language = "py" if by == "language" and "py" in languages else languages[0]
    top = next(r for r in rows if r["language"] == top_language)
    head = (f'<h3>{_e(name)} <span class="lrcg-note">(HumanEval {int(number)}){" · " + _e(subtitle) if subtitle else ""}'
            f'</span></h3>')
    prompt = top.get("benchmark_prompt", "")
    prompt_html = (f'<details open><summary>prompt ({_e(display_name(top_language))})</summary>'
                   f'{highlight(prompt, top_language)}</details>') if isinstance(prompt, str) and prompt.strip() else ""
    columns = []
    for key in dict.fromkeys(r[by] for r in rows):
        mine = [r for r in rows if r[by] == key]
        language = mine[0]["language"]
        title = display_name(key) if by == "language" else str(key)
        passed = sum(bool(r.get("passed")) for r in mine)
        parts = [f'<h4>{_e(title)} <span class="lrcg-note">{passed}/{len(mine)} pass</span></h4>']
        if by == "language" and language != top_language:
            parts.append(_details(f"{display_name(language)} prompt", mine[0].get("benchmark_prompt", ""), language))
        if by == "technique":  # what differs between techniques is the model's input: examples, rules
            parts.append(_details("the model's input", mine[0].get("prompt", "")))
        parts.extend(_sample_html(r, language) for r in mine)
        if by == "language" or key == rows[0][by]:
            parts.append(_details("tests", mine[0].get("tests", ""), language))
        columns.append(f'<div class="lrcg-column" data-{by}="{_e(key)}">{"".join(parts)}</div>')
    return (f'<div class="lrcg-problem" data-problem="{int(number)}">{head}{prompt_html}'
            f'<div class="lrcg-columns">{"".join(columns)}</div></div>')


def _number(value: float, digits: int = 2) -> str:
    if value is None or value != value:
        return "–"
    return "∞" if math.isinf(value) else f"{value:.{digits}f}"


def _p(value: float) -> str:
    if value is None or value != value:
        return "–"
    return f"{value:.3g}" if value >= 0.001 else f"{value:.1e}"


def mcnemar_html(first: str, second: str, test, p_adjusted: float | None = None, n_pairs: int | None = None,
                 confidence: float = 0.95, adjusted_over: str = "") -> str:
    """A `stats.McNemarResult` as a labelled table: b, c, odds ratio with its CI, p and the adjusted p."""
    zero_cell = (test.b == 0) != (test.c == 0)
    rows = [("b", f"{first} passes, {second} fails", str(test.b)),
            ("c", f"{second} passes, {first} fails", str(test.c)),
            ("odds ratio", "b / c" + (" (Haldane: +0.5 to each, a zero cell)" if zero_cell else ""),
             _number(test.odds_ratio)),
            (f"{confidence:.0%} CI", "exact (Clopper–Pearson)", f"{_number(test.ci_low)} – {_number(test.ci_high)}"),
            ("p", "exact McNemar (two-sided)", _p(test.p_value))]
    if p_adjusted is not None:
        rows.append(("adjusted p", "Benjamini–Hochberg" + (f" over {adjusted_over}" if adjusted_over else ""),
                     _p(p_adjusted)))
    if n_pairs is not None:
        rows.insert(0, ("pairs", "paired samples (problem, sample)", str(int(n_pairs))))
    body = "".join(f'<tr><th>{_e(k)}</th><td>{_e(what)}</td><td class="num">{_e(v)}</td></tr>' for k, what, v in rows)
    return f'<table class="lrcg-stats lrcg-mcnemar">{body}</table>'
