"""The notebook explorer (ipywidgets): a thin layer over `lrcg.analysis.explore`, drawn with the HTML of
`lrcg.analysis.html_views` (the same as `lrcg report`).

`explorer(samples, ...)` returns a widget box. Pick the model, the technique and its languages (only what the
store holds: a technique offers its own languages). Four tabs:
- pass grid: one row per problem (easiest first), a coloured cell per language (pass/fail or passed/total;
  the exact fraction on hover), its own scroll area under a sticky header, and a filter (solved in X but not
  Y, solved everywhere/nowhere/in some, text in the problem name). Clicking a cell opens the problem tab;
- problem: the problem named, its prompt, then every language (or every technique in one language) side by
  side with the full completion highlighted, status, exit code and stderr;
- language pair: the McNemar test (b, c, odds ratio with CI, p, adjusted p), the 2×2 table and the discordant
  problems, each a button that opens the problem;
- technique vs baseline: per language of the technique its test and the problems gained and lost (buttons).
Outside a live kernel (papermill, a static HTML export) the widgets show as text; the notebook displays the
same views directly as well.
"""
from __future__ import annotations

from ..errors import LrcgError
from . import explore, html_views, stats

GRID_CSS = """<style>
.lrcg-explorer .lrcg-grid-scroll{max-height:460px;overflow:auto;border:1px solid #ddd;align-content:start}
.lrcg-explorer .lm-TabBar-tab{flex:0 0 auto !important;min-width:165px !important}
.lrcg-explorer .lrcg-grid-head{position:sticky;top:0;z-index:2;background:#fff;font-weight:600;
  border-bottom:1px solid #999}
.lrcg-explorer .lrcg-cell{font-size:12px;padding:0 2px;color:#111}
.lrcg-explorer .lrcg-name{font-family:monospace;font-size:12px}
.lrcg-explorer .lrcg-link{font-size:12px;width:auto}
</style>"""
CELL_WIDTH = "64px"


def _note(text: str, error: bool = False) -> str:
    return f'<p class="{"lrcg-error" if error else "lrcg-note"}">{html_views._e(text)}</p>'


def _languages_header(grid, shown: int) -> list:
    import ipywidgets as w

    head = [w.HTML(f"<b>problem</b> <span>({shown} of {len(grid)})</span>")]
    head += [w.HTML(f"<b>{html_views._e(html_views.display_name(lang))}</b>") for lang in grid.columns]
    for cell in head:
        cell.add_class("lrcg-grid-head")
    return head


def grid_rows(grid, counts, on_click) -> dict:
    """One list of widgets per grid row: the problem's name, then a button per language (colour, short label,
    exact fraction on hover); `on_click(problem, language)` runs when a button is clicked."""
    import ipywidgets as w

    cell_layout = w.Layout(width=CELL_WIDTH, height="22px", margin="0")
    styles = {}  # one ButtonStyle per colour: a thousand cells share a handful of widget models
    rows = {}
    for name, row in grid.iterrows():
        cells = [w.Label(str(name), tooltip=str(name))]
        cells[0].add_class("lrcg-name")
        for lang, value in row.items():
            colour = html_views.cell_colour(value)
            if colour not in styles:
                styles[colour] = w.ButtonStyle(button_color=colour)
            samples = counts.at[name, lang]
            button = w.Button(description=html_views.cell_label(value, samples),
                              tooltip=html_views.cell_tooltip(str(name), str(lang), value, samples),
                              layout=cell_layout, style=styles[colour])
            button.add_class("lrcg-cell")
            button.on_click(lambda _, p=name, lang=lang: on_click(p, lang))
            cells.append(button)
        rows[name] = cells
    return rows


def _problem_buttons(frame, on_click, extra: str = "") -> object:
    """A wrap of buttons, one per problem of a frame with index and problem columns (discordant, gained, lost)."""
    import ipywidgets as w

    if frame.empty:
        return w.HTML(_note("none"))
    buttons = []
    for row in frame.itertuples():
        tip = f"{row.problem}: {row.samples} paired sample{'s' if row.samples != 1 else ''}" if extra == "" else extra
        button = w.Button(description=str(row.problem), tooltip=tip, layout=w.Layout(width="auto"))
        button.add_class("lrcg-link")
        button.on_click(lambda _, i=int(row.index): on_click(i))
        buttons.append(button)
    return w.HBox(buttons, layout=w.Layout(flex_flow="row wrap"))


def explorer(samples, models=None, languages=None, techniques=None):
    """Model/technique/language pickers over the pass grid, the problem view, a language pair's McNemar test
    and a technique's gains and losses (see the module docstring)."""
    import ipywidgets as w

    choices = explore.store_choices(samples, models, languages, techniques)
    if not choices.models:
        return w.VBox([w.HTML(_note("no samples to explore in this selection"))])
    names = explore.problem_names(samples)
    numbers = {name: number for number, name in names.items()}
    state = {"quiet": False, "off": set(), "toggles": [], "grid": None, "rows": {}, "head": [], "problem": None,
             "compare": "languages"}

    model = w.Dropdown(options=list(choices.models), description="model", layout=w.Layout(width="auto"))
    technique = w.Dropdown(description="technique")
    language_box = w.HBox()
    language_box.add_class("lrcg-languages")

    show = w.Dropdown(options=[(label, key) for key, label in explore.GRID_FILTERS.items()], description="show",
                      layout=w.Layout(width="290px"))
    solved_in = w.Dropdown(description="solved in", layout=w.Layout(width="180px"))
    not_solved_in = w.Dropdown(description="not in", layout=w.Layout(width="170px"))
    name_contains = w.Text(placeholder="text in the problem name", description="name",
                           continuous_update=False, layout=w.Layout(width="260px"))
    for control, css in ((show, "lrcg-grid-filter"), (solved_in, "lrcg-grid-solved"), (not_solved_in, "lrcg-grid-unsolved"),
                         (name_contains, "lrcg-grid-search"), (technique, "lrcg-technique-pick")):
        control.add_class(css)
    grid_body = w.GridBox(layout=w.Layout(grid_gap="1px 2px", align_items="center"))
    grid_body.add_class("lrcg-grid-scroll")  # its own scroll area, under the sticky header row
    grid_tab = w.VBox([w.HBox([show, solved_in, not_solved_in, name_contains], layout=w.Layout(flex_flow="row wrap")),
                       grid_body])
    grid_tab.add_class("lrcg-grid")

    problem_pick = w.Dropdown(description="problem", layout=w.Layout(width="420px"))
    compare = w.Dropdown(description="side by side", layout=w.Layout(width="360px"),
                         style={"description_width": "initial"})
    problem_html = w.HTML()
    problem_html.add_class("lrcg-problem-view")
    problem_tab = w.VBox([w.HBox([problem_pick, compare]), problem_html])

    first = w.Dropdown(description="first")
    second = w.Dropdown(description="second")
    pair_body = w.VBox()
    pair_tab = w.VBox([w.HBox([first, second]), pair_body])
    pair_tab.add_class("lrcg-pair")

    versus = w.Dropdown(description="technique")
    technique_body = w.VBox()
    technique_tab = w.VBox([versus, technique_body])
    technique_tab.add_class("lrcg-technique")

    tabs = w.Tab(children=[grid_tab, problem_tab, pair_tab, technique_tab])
    for i, title in enumerate(["pass grid", "problem", "language pair", "technique vs baseline"]):
        tabs.set_title(i, title)

    def quietly(update):
        state["quiet"] = True
        try:
            update()
        finally:
            state["quiet"] = False

    def chosen_languages() -> list[str]:
        return [lang for lang, toggle in state["toggles"] if toggle.value]

    # --- problem view ---------------------------------------------------------------------------------------
    def compare_options():
        options = [(f"languages · {technique.value}", "languages")]
        for lang in choices.languages.get((model.value, "baseline"), ()):
            if any(lang in choices.compared_languages(model.value, t) for t in choices.compared_techniques(model.value)):
                options.append((f"techniques · {html_views.display_name(lang)}", lang))
        return options

    def render_problem():
        number = state["problem"]
        if number is None:
            problem_html.value = html_views.styled(_note("no problem in this selection"))
            return
        try:
            if state["compare"] == "languages":
                view = explore.problem_view(samples, number, model.value, technique.value, chosen_languages())
                fragment = html_views.problem_html(view, names[number], number, "language", technique.value)
            else:
                lang = state["compare"]
                view = explore.technique_view(samples, number, lang, model.value,
                                              [t for t in choices.techniques[model.value]
                                               if lang in choices.languages[(model.value, t)]])
                fragment = html_views.problem_html(view, names[number], number, "technique",
                                                   html_views.display_name(lang))
        except LrcgError as e:
            fragment = _note(str(e), error=True)
        problem_html.value = html_views.styled(fragment)

    def open_problem(number: int, compare_with: str = "languages"):
        state["problem"], state["compare"] = int(number), compare_with

        def sync():
            if state["problem"] in [v for _, v in problem_pick.options]:
                problem_pick.value = state["problem"]
            compare.value = compare_with
        quietly(sync)
        render_problem()
        tabs.selected_index = 1

    def on_problem_pick(change):
        if state["quiet"] or change["new"] is None:
            return
        state["problem"] = change["new"]
        render_problem()

    def on_compare(change):
        if state["quiet"] or change["new"] is None:
            return
        state["compare"] = change["new"]
        render_problem()

    # --- pass grid ------------------------------------------------------------------------------------------
    def apply_filter(*_):
        grid = state["grid"]
        if grid is None:
            return
        solved_in.layout.display = not_solved_in.layout.display = None if show.value == "contrast" else "none"
        if show.value == "contrast" and solved_in.value == not_solved_in.value:
            kept = grid.iloc[:0]
        else:
            kept = explore.filter_grid(grid, show.value, solved_in.value, not_solved_in.value, name_contains.value)
        old_head, state["head"] = state["head"], _languages_header(grid, len(kept))
        cells = list(state["head"])
        for name in kept.index:
            cells.extend(state["rows"][name])
        grid_body.children = cells
        for c in old_head:
            c.close()

    def build_grid(langs):
        old_rows, old_head = state["rows"], state["head"]
        state["rows"], state["grid"], state["head"] = {}, None, []
        if not langs:
            grid_body.children = [w.HTML(_note("choose at least one language"))]
            grid = None
        else:
            grid = explore.pass_grid(samples, model.value, technique.value, langs)
            counts = explore.grid_sample_counts(samples, model.value, technique.value, langs)
            state["grid"] = grid
            state["rows"] = grid_rows(grid, counts, lambda p, lang: open_problem(numbers[p]))
            grid_body.layout.grid_template_columns = f"max-content repeat({len(grid.columns)}, {CELL_WIDTH})"
            options = [(html_views.display_name(x), x) for x in grid.columns]

            def sync():
                solved_in.options, not_solved_in.options = options, options
                solved_in.value = options[0][1]
                not_solved_in.value = options[-1][1]
            quietly(sync)
            apply_filter()
        for c in old_head + [c for cells in old_rows.values() for c in cells]:  # after the grid stopped showing them
            c.close()
        return grid

    # --- language pair --------------------------------------------------------------------------------------
    def render_pair(*_):
        if state["quiet"]:
            return
        langs = chosen_languages()
        if len(langs) < 2:
            pair_body.children = [w.HTML(_note("choose two languages or more to compare a pair"))]
            return
        quietly(lambda: setattr(second, "options", [(html_views.display_name(x), x) for x in langs if x != first.value]))
        try:
            pair_models = [m for m in choices.models if technique.value in choices.techniques[m]
                           and set(langs) <= set(choices.languages[(m, technique.value)])]
            selection = stats.cross_language(samples, pair_models, langs, technique=technique.value)
            cell = explore.pair_cell(selection, first.value, second.value, model.value)
            table2 = stats.language_odds_ratios(selection, [(first.value, second.value)], pair_models)
            adjusted = float(table2.loc[table2["model"] == model.value, "p_adjusted"].iloc[0])
        except LrcgError as e:
            pair_body.children = [w.HTML(html_views.styled(_note(str(e), error=True)))]
            return
        a, b = html_views.display_name(first.value), html_views.display_name(second.value)
        over = f"{a} vs {b} across {len(pair_models)} model{'s' if len(pair_models) != 1 else ''}"
        summary = (f"<h4>{html_views._e(a)} vs {html_views._e(b)} · {html_views._e(technique.value)} · "
                   f"{selection['index'].nunique()} problems every chosen language has</h4>"
                   + html_views.mcnemar_html(a, b, cell.test, adjusted, cell.n_pairs, adjusted_over=over)
                   + cell.table.rename_axis(index=None, columns=None).to_html(classes="lrcg-stats", border=0))
        pair_body.children = [
            w.HTML(html_views.styled(summary)),
            w.HTML(f"<b>b: {html_views._e(a)} passes, {html_views._e(b)} fails</b> (click to open)"),
            _problem_buttons(cell.b_problems, open_problem),
            w.HTML(f"<b>c: {html_views._e(b)} passes, {html_views._e(a)} fails</b>"),
            _problem_buttons(cell.c_problems, open_problem)]

    def on_first(change):
        if state["quiet"]:
            return
        langs = chosen_languages()
        quietly(lambda: setattr(second, "options", [(html_views.display_name(x), x) for x in langs if x != first.value]))
        render_pair()

    # --- technique vs baseline ------------------------------------------------------------------------------
    def render_technique(*_):
        if state["quiet"]:
            return
        if versus.value is None:
            technique_body.children = [w.HTML(_note(f"the store holds no technique other than baseline for "
                                                    f"{model.value}: nothing to compare"))]
            return
        parts = []
        tech = versus.value
        tech_models = [m for m in choices.models if tech in choices.techniques[m]]
        for lang in choices.compared_languages(model.value, tech):
            try:
                changes = explore.technique_changes(samples, tech, lang, model.value)
                models_here = [m for m in tech_models if lang in choices.compared_languages(m, tech)]
                tests = stats.technique_odds_ratios(stats.select(samples, model=models_here), ["baseline", tech],
                                                    [lang], models_here)
                row = tests[tests["model"] == model.value].iloc[0]
                pass1 = stats.pass_at_1_table(stats.select(samples, model=model.value, language=lang,
                                                           technique=["baseline", tech]), rows="technique")
            except LrcgError as e:
                parts.append(w.HTML(html_views.styled(_note(f"{lang}: {e}", error=True))))
                continue
            result = stats.McNemarResult(int(row.b), int(row.c), row.odds_ratio, row.ci_low, row.ci_high, row.p_value)
            name = html_views.display_name(lang)
            heading = (f"<h3>{html_views._e(name)}: {html_views._e(tech)} vs baseline</h3>"
                       f"<p>pass@1 {pass1.loc[tech, lang]:.1f}% with {html_views._e(tech)}, "
                       f"{pass1.loc['baseline', lang]:.1f}% with baseline, on {int(row.n_pairs)} paired samples</p>")
            over = f"{tech} in {name} across {len(models_here)} model{'s' if len(models_here) != 1 else ''}"
            parts.append(w.HTML(html_views.styled(heading + html_views.mcnemar_html(
                tech, "baseline", result, float(row.p_adjusted), int(row.n_pairs), adjusted_over=over))))
            for change, label in (("gained", f"gained (baseline fails, {tech} passes)"),
                                  ("lost", f"lost (baseline passes, {tech} fails)")):
                part = changes[changes["change"] == change]
                parts.append(w.HTML(f"<b>{len(part)} problem{'s' if len(part) != 1 else ''} "
                                    f"{html_views._e(label)}</b>"))
                parts.append(_problem_buttons(part, lambda i, lang=lang: open_problem(i, lang)))
        technique_body.children = parts or [w.HTML(_note(f"{tech} shares no language with baseline"))]

    # --- the selection --------------------------------------------------------------------------------------
    def language_toggles(langs):
        toggles = []
        on = [x for x in langs if x not in state["off"]] or list(langs)
        for lang in langs:
            toggle = w.ToggleButton(value=lang in on, description=html_views.display_name(lang), icon="check" if lang in on else "",
                                    tooltip=f"show or hide {html_views.display_name(lang)}", layout=w.Layout(width="auto"))
            toggle.observe(lambda change, lang=lang: on_language_toggle(lang, change), names="value")
            toggles.append((lang, toggle))
        old, state["toggles"] = state["toggles"], toggles
        language_box.children = [t for _, t in toggles]
        for _, toggle in old:
            toggle.close()

    def on_language_toggle(lang: str, change):
        change["owner"].icon = "check" if change["new"] else ""
        (state["off"].discard if change["new"] else state["off"].add)(lang)
        refresh_views()

    def refresh_views():
        langs = chosen_languages()
        try:
            grid = build_grid(langs)
        except LrcgError as e:
            grid_body.children = [w.HTML(_note(str(e), error=True))]
            grid = None
        order = [(name, numbers[name]) for name in grid.index] if grid is not None else []

        def sync():
            problem_pick.options = order
            if order:
                if state["problem"] not in [v for _, v in order]:
                    state["problem"] = order[0][1]
                problem_pick.value = state["problem"]
            else:
                state["problem"] = None
            compare.options = compare_options()
            if state["compare"] not in [v for _, v in compare.options]:
                state["compare"] = "languages"
            compare.value = state["compare"]
            pair_options = [(html_views.display_name(x), x) for x in langs]
            first.options = pair_options
            if len(langs) >= 2:
                first.value = langs[0]
                second.options = pair_options[1:]
                second.value = langs[-1]
        quietly(sync)
        render_problem()
        render_pair()

    def on_selection(change=None):
        if state["quiet"]:
            return
        techs = choices.techniques[model.value]

        def sync():
            if technique.options != techs:
                technique.options = techs
            if technique.value not in techs:
                technique.value = techs[0]
            compared = choices.compared_techniques(model.value)
            versus.options = compared
            versus.value = technique.value if technique.value in compared else (compared[0] if compared else None)
        quietly(sync)
        language_toggles(choices.languages[(model.value, technique.value)])
        refresh_views()
        render_technique()

    model.observe(on_selection, names="value")
    technique.observe(on_selection, names="value")
    first.observe(on_first, names="value")
    second.observe(render_pair, names="value")
    versus.observe(render_technique, names="value")
    problem_pick.observe(on_problem_pick, names="value")
    compare.observe(on_compare, names="value")
    for control in (show, solved_in, not_solved_in, name_contains):
        control.observe(lambda change: None if state["quiet"] else apply_filter(), names="value")
    on_selection()
    box = w.VBox([w.HTML(GRID_CSS), w.HBox([model, technique, w.Label("languages"), language_box],
                                            layout=w.Layout(flex_flow="row wrap", align_items="center")),
                  tabs])
    box.add_class("lrcg-explorer")
    return box
