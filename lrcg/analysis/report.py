"""`lrcg report`: one self-contained HTML file of a results store, for people who do not run Jupyter.

No server and no internet: CSS and JavaScript are inline, figures are base64 PNGs. It holds Tables I-III,
the failure taxonomy, the figures, the problem × language pass grid and a section per problem drawn by
`lrcg.analysis.html_views.problem_html` (the notebook explorer's problem view): its prompt once, then every
language side by side with the full completion highlighted, status, exit code and stderr, and the same problem
across techniques in each technique language. Clicking a grid cell or a problem link shows that problem's
section (plain JavaScript). A section that cannot be computed from the store (one language: no Table II) says why.
"""
from __future__ import annotations

import base64
import html
import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import LrcgError
from . import explore, failures, html_views, stats

log = logging.getLogger(__name__)

_CSS = """
body{font-family:system-ui,sans-serif;margin:1.5em;color:#222;max-width:1400px}
h1{font-size:1.5em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;font-size:.85em;margin:.5em 0}
th,td{border:1px solid #ddd;padding:2px 6px;text-align:right}th{background:#f3f3f3}
td.name,th.name{text-align:left}
.grid-scroll{max-height:32em;overflow:auto;display:inline-block;border:1px solid #ddd}
table.grid{margin:0}table.grid th{position:sticky;top:0;z-index:1}
table.grid td.cell{width:3.6em;cursor:pointer;text-align:center;font-size:.9em}
table.grid td.cell:hover{outline:2px solid #000}
pre{background:#f7f7f7;border:1px solid #e3e3e3;padding:.5em;overflow-x:auto;max-height:28em;font-size:.8em}
.note{color:#777;font-style:italic}img{max-width:100%}
#problems section[hidden]{display:none}
"""

_JS = """
function showProblem(index, language) {
  document.querySelectorAll('#problems section.problem').forEach(function (s) { s.hidden = true; });
  var section = document.getElementById('problem-' + index);
  if (!section) { return; }
  section.hidden = false;
  var target = language ? section.querySelector('[data-language="' + language + '"]') : null;
  (target || section).scrollIntoView();
  history.replaceState(null, '', '#problem-' + index);
}
document.addEventListener('click', function (e) {
  var cell = e.target.closest('[data-problem]');
  if (cell) { e.preventDefault(); showProblem(cell.dataset.problem, cell.dataset.language); }
});
if (location.hash.indexOf('#problem-') === 0) { showProblem(location.hash.slice(9)); }
"""


@dataclass(frozen=True)
class ReportScope:
    """What the report shows: the store and its models, languages (Tables I/II, grid) and techniques (Table III)."""
    store: Path
    models: tuple[str, ...]
    languages: tuple[str, ...]
    techniques: tuple[str, ...]
    technique_languages: tuple[str, ...]
    alpha: float = 0.05
    title: str = ""


def scope_for(store: str | Path, outcomes, profile=None) -> ReportScope:
    """The profile's models/languages/techniques (where the store has them), else everything in the store."""
    base = outcomes[outcomes["technique"] == "baseline"]
    present = lambda frame, col: list(dict.fromkeys(frame[col]))  # noqa: E731
    if profile is not None:
        keep = lambda wanted, have: tuple(x for x in wanted if x in have) or tuple(have)  # noqa: E731
        return ReportScope(Path(store), keep(profile.models, present(base, "model")),
                           keep(profile.languages, present(base, "language")),
                           keep(profile.techniques, present(outcomes, "technique")),
                           keep(profile.technique_languages, present(outcomes, "language")),
                           profile.alpha, profile.description)
    techniques = tuple(present(outcomes, "technique"))
    tech_langs = tuple(present(outcomes[outcomes["technique"] != "baseline"], "language"))
    return ReportScope(Path(store), tuple(present(base, "model")), tuple(present(base, "language")),
                       techniques, tech_langs)


def _e(text) -> str:
    return html.escape("" if text is None else str(text))


def _frame_html(frame, digits: int = 1) -> str:
    return frame.to_html(float_format=lambda v: f"{v:.{digits}f}", na_rep="–", border=0, escape=True)


def _figure_html(draw, caption: str) -> str:
    """Run `draw(stem)` (an lrcg.analysis.plots-style function writing <stem>.png/.pdf) and inline its PNG."""
    with tempfile.TemporaryDirectory(prefix="lrcg-report-") as tmp:
        paths = draw(Path(tmp) / "figure")
        data = base64.b64encode(Path(paths["png"]).read_bytes()).decode("ascii")
    return f'<figure><img alt="{_e(caption)}" src="data:image/png;base64,{data}"><figcaption>{_e(caption)}' \
           f'</figcaption></figure>'


def _section(title: str, build) -> str:
    """A report section; a section that cannot be computed says why instead of failing the report."""
    try:
        body = build()
    except LrcgError as e:
        body = f'<p class="note">not shown: {_e(e)}</p>'
    return f"<h2>{_e(title)}</h2>\n{body}\n"


def _problem_link(index, name) -> str:
    return f'<a href="#problem-{int(index)}" data-problem="{int(index)}">{_e(name)}</a>'


def grid_html(grid, numbers: dict[str, int], counts=None) -> str:
    """The pass grid as an HTML table in its own scroll area (sticky header); every cell carries data-problem
    (HumanEval number) and data-language, a short label and the exact fraction on hover (`counts`: samples per
    cell, as `explore.grid_sample_counts`; without it one sample per cell)."""
    head = "".join(f"<th>{_e(html_views.display_name(lang))}</th>" for lang in grid.columns)
    rows = []
    for name, row in grid.iterrows():
        number = numbers[name]
        cells = []
        for lang, v in row.items():
            n = counts.at[name, lang] if counts is not None else 1
            cells.append(f'<td class="cell" data-problem="{number}" data-language="{_e(lang)}" '
                         f'title="{_e(html_views.cell_tooltip(name, lang, v, n))}" '
                         f'style="background:{html_views.cell_colour(v)}">{_e(html_views.cell_label(v, n))}</td>')
        rows.append(f'<tr><td class="name">{_problem_link(number, name)}</td>{"".join(cells)}</tr>')
    return (f'<div class="grid-scroll"><table class="grid"><thead><tr><th class="name">problem</th>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def problem_panels_html(group, number: int, name: str, models, languages, techniques) -> str:
    """One problem's panels (`html_views.problem_html`): per model its baseline across `languages`, then each
    language that has another technique across the techniques."""
    panels = []
    for model in models:
        mine = group[group["model"] == model]
        if mine.empty:
            continue
        label = f"{model} · " if len(models) > 1 else ""
        base_langs = [x for x in languages if x in set(mine.loc[mine["technique"] == "baseline", "language"])]
        if base_langs:
            view = explore.problem_view(mine, number, model, "baseline", base_langs)
            panels.append(html_views.problem_html(view, name, number, "language", f"{label}baseline"))
        for lang in dict.fromkeys(mine["language"]):
            here = [t for t in techniques if t in set(mine.loc[mine["language"] == lang, "technique"])]
            if len(here) > 1:
                view = explore.technique_view(mine, number, lang, model, here)
                panels.append(html_views.problem_html(view, name, number, "technique",
                                                      f"{label}{html_views.display_name(lang)} across techniques"))
    return "".join(panels)


def problem_sections_html(samples, languages, models=None, techniques=None) -> str:
    """One hidden <section id="problem-N"> per problem: `problem_panels_html` (the explorer's problem view)."""
    models = list(models) if models is not None else list(dict.fromkeys(samples["model"]))
    techniques = list(techniques) if techniques is not None else \
        sorted(dict.fromkeys(samples["technique"]), key=lambda t: t != "baseline")
    names = explore.problem_names(samples)
    parts = []
    for number, group in samples.groupby("index", sort=True):
        panels = problem_panels_html(group, int(number), names[number], models, languages, techniques)
        parts.append(f'<section class="problem lrcg-view" id="problem-{int(number)}" hidden>{panels}</section>')
    return f'<div id="problems">{"".join(parts)}</div>'


def _discordant_html(cell) -> str:
    lists = []
    for label, frame in ((f"b: {cell.first} passes, {cell.second} fails", cell.b_problems),
                         (f"c: {cell.second} passes, {cell.first} fails", cell.c_problems)):
        items = ", ".join(f"{_problem_link(r.index, r.problem)} ({r.samples})" for r in frame.itertuples()) or "none"
        lists.append(f"<p>{_e(label)}: {items}</p>")
    return "".join(lists)


def _table2_html(scope: ReportScope, selection) -> str:
    from . import plots

    if len(scope.languages) < 2:
        raise LrcgError("Table II needs at least two languages")
    ors = stats.better_first(stats.language_odds_ratios(selection, stats.language_pairs(scope.languages),
                                                        list(scope.models), alpha=scope.alpha))
    shown = ors[["model", "first", "second", "n_pairs", "b", "c", "odds_ratio", "ci_low", "ci_high", "p_adjusted",
                 "significant"]]
    parts = [_frame_html(shown.set_index(["model", "first", "second"]), digits=3)]
    for row in ors.itertuples():
        cell = explore.pair_cell(selection, row.first, row.second, model=row.model)
        a, b = html_views.display_name(row.first), html_views.display_name(row.second)
        parts.append(f'<h4>{_e(row.model)}: {_e(row.first)} vs {_e(row.second)}</h4><div class="lrcg-view">'
                     f'{html_views.mcnemar_html(a, b, cell.test, row.p_adjusted, cell.n_pairs, adjusted_over=f"{a} vs {b} across models")}'
                     f'</div>{_frame_html(cell.table)}{_discordant_html(cell)}')
    models = list(dict.fromkeys(ors["model"]))
    parts.append(_figure_html(lambda stem: plots.plot_odds_ratio_matrices(ors, models, list(scope.languages), stem),
                              "odds-ratio matrix"))
    return "".join(parts)


def _table3_html(scope: ReportScope, samples) -> str:
    from . import plots

    techniques = [t for t in scope.techniques if t != "baseline"]
    if not techniques or not scope.technique_languages:
        raise LrcgError("the store has no technique other than baseline")
    frame = stats.select(stats.with_variant(samples), language=list(scope.technique_languages),
                         variant=list(scope.techniques), model=list(scope.models))
    wide = stats.pass_at_1_table(frame, rows=["model", "variant"])
    wide.index = wide.index.set_names(["model", "technique"])
    parts = [_frame_html(wide)]
    for model in scope.models:
        counts = explore.technique_change_counts(samples, scope.techniques, scope.technique_languages, model)
        parts.append(f"<h4>{_e(model)}: problems gained and lost against baseline</h4>{_frame_html(counts.set_index(['technique', 'language']))}")
        for row in counts.itertuples():
            changes = explore.technique_changes(samples, row.technique, row.language, model)
            for change in ("gained", "lost"):
                part = changes[changes["change"] == change]
                links = ", ".join(_problem_link(r.index, r.problem) for r in part.itertuples()) or "none"
                parts.append(f"<p>{_e(row.technique)} · {_e(row.language)} · {change}: {links}</p>")
    parts.append(_figure_html(lambda stem: plots.plot_techniques(wide, stem), "pass@1 per technique"))
    return "".join(parts)


def _table1_html(scope: ReportScope, selection) -> str:
    from . import plots

    wide = stats.pass_at_1_table(selection).reindex(index=list(scope.models), columns=list(scope.languages))
    n = selection["index"].nunique()
    return (f"<p>pass@1 (%) on the {n} problems every language has.</p>{_frame_html(wide)}"
            + _figure_html(lambda stem: plots.plot_pass_at_1(wide, stem), "pass@1 per model and language"))


def _failures_html(samples) -> str:
    table = failures.failure_table(samples, ("model", "technique", "language"))
    return _frame_html(table, 0) + _figure_html(lambda stem: failures.plot_failures(
        samples[samples["technique"] == "baseline"], stem), "why samples fail (baseline)")


def _grids_html(scope: ReportScope, samples) -> str:
    parts = ['<p>Pass fraction per problem (rows, easiest first) and language; click a cell to see the code.</p>']
    numbers = {v: k for k, v in explore.problem_names(samples).items()}
    for model in scope.models:
        grid = explore.pass_grid(samples, model=model, languages=list(scope.languages))
        counts = explore.grid_sample_counts(samples, model=model, languages=list(scope.languages))
        parts.append(f"<h3>{_e(model)} · baseline</h3>{grid_html(grid, numbers, counts)}")
    return "".join(parts)


def render_report(scope: ReportScope, samples) -> str:
    """The whole HTML document for a scope and its samples (`explore.sample_outcomes` + `failures.with_failures`)."""
    selection = stats.cross_language(samples, scope.models, scope.languages)
    body = [f"<h1>lrcg report: {_e(scope.store.name)}</h1>",
            f"<p>{_e(scope.title)}</p>" if scope.title else "",
            f"<p>{len(samples)} executed samples; models {_e(', '.join(scope.models))}; languages "
            f"{_e(', '.join(scope.languages))}; techniques {_e(', '.join(scope.techniques))}.</p>",
            _section("Table I: pass@1 by language", lambda: _table1_html(scope, selection)),
            _section("Table II: odds ratios between languages, with the 2×2 tables", lambda: _table2_html(scope, selection)),
            _section("Table III: techniques against baseline", lambda: _table3_html(scope, samples)),
            _section("Failure taxonomy", lambda: _failures_html(samples)),
            _section("Pass grid", lambda: _grids_html(scope, samples)),
            _section("Problems", lambda: problem_sections_html(samples, scope.languages, scope.models,
                                                               scope.techniques))]
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>lrcg report: '
            f'{_e(scope.store.name)}</title><style>{_CSS}{html_views.VIEW_CSS}{html_views.code_css()}</style>'
            f'</head><body>{"".join(body)}'
            f"<script>{_JS}</script></body></html>")


def write_report(store: str | Path, output: str | Path = "report.html", profile=None) -> Path:
    """Read the store (optionally scoped by a `lrcg.params.Profile`: its models, languages, techniques, and the
    samples of its live runs) and write the self-contained HTML file."""
    where = profile.of_live_runs() if profile is not None and not profile.published else None
    samples = explore.sample_outcomes(store, where=where)
    if samples.empty:
        raise LrcgError(f"results store {str(store)!r} has no executed samples"
                        + (f" of profile {profile.name!r}'s live runs" if where is not None else ""))
    samples = failures.with_failures(samples)
    scope = scope_for(store, samples, profile)
    text = render_report(scope, samples)
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    log.info("wrote %s (%d bytes)", out, len(text))
    return out
