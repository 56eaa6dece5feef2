"""The notebook explorer (ipywidgets): a thin layer over `lrcg.analysis.explore`, every view one of its DataFrames.

`explorer(samples, ...)` returns a widget box: pick the model, technique and languages; the pass grid is
a grid of buttons (colour = pass fraction) and clicking one shows that problem across languages; a language
pair shows its McNemar 2×2 table and discordant problems; a technique its gained and lost problems.
Outside a live kernel (papermill, a static HTML export) the widgets show as text; the notebook displays the
same DataFrames directly as well.
"""
from __future__ import annotations

from ..errors import LrcgError
from . import explore, stats


def _colour(value: float) -> str:
    if value != value:
        return "#ffffff"
    return f"rgb({int(230 - 180 * value)},{int(90 + 120 * value)},90)"


def grid_buttons(grid, on_click):
    """The pass grid as a GridBox of buttons; `on_click(problem, language)` runs when one is clicked."""
    import ipywidgets as w

    cells = [w.Label("problem")] + [w.Label(str(c)) for c in grid.columns]
    for name, row in grid.iterrows():
        cells.append(w.Label(str(name), layout=w.Layout(overflow="hidden")))
        for lang, value in row.items():
            button = w.Button(description="" if value != value else f"{value:.0%}", tooltip=f"{name} {lang}",
                              layout=w.Layout(width="auto", height="22px"))
            button.style.button_color = _colour(value)
            button.on_click(lambda _, p=name, lang=lang: on_click(p, lang))
            cells.append(button)
    template = f"260px repeat({len(grid.columns)}, 52px)"
    return w.GridBox(cells, layout=w.Layout(grid_template_columns=template, grid_gap="1px"))


def explorer(samples, models=None, languages=None, techniques=None):
    """Model/technique/language pickers over the pass grid, the problem view, a pair's 2×2 table and the
    technique's gains and losses."""
    import ipywidgets as w
    from IPython.display import display

    models = list(models or dict.fromkeys(samples["model"]))
    languages = list(languages or dict.fromkeys(samples["language"]))
    techniques = list(techniques or dict.fromkeys(samples["technique"]))
    model = w.Dropdown(options=models, description="model")
    technique = w.Dropdown(options=techniques, description="technique")
    chosen = w.SelectMultiple(options=languages, value=tuple(languages), description="languages")
    first = w.Dropdown(options=languages, value=languages[0], description="first")
    second = w.Dropdown(options=languages, value=languages[-1], description="second")
    grid_box, problem_out, pair_out, technique_out = w.VBox(), w.Output(), w.Output(), w.Output()

    def show_problem(problem, language=None):
        problem_out.clear_output()
        with problem_out:
            display(explore.problem_view(samples, problem, model.value, technique.value, list(chosen.value)))

    def show_pair(*_):
        pair_out.clear_output()
        with pair_out:
            try:
                selection = stats.cross_language(samples, [model.value], list(chosen.value))
                cell = explore.pair_cell(selection, first.value, second.value, model.value)
                display(cell.table, cell.test, cell.b_problems, cell.c_problems)
            except LrcgError as e:
                print(e)

    def show_technique(*_):
        technique_out.clear_output()
        with technique_out:
            if technique.value == "baseline":
                print("pick a technique other than baseline to see its gains and losses")
                return
            for lang in chosen.value:
                try:
                    display(explore.technique_changes(samples, technique.value, lang, model.value))
                except LrcgError as e:
                    print(f"{lang}: {e}")

    def refresh(*_):
        try:
            grid = explore.pass_grid(samples, model.value, technique.value, list(chosen.value))
        except LrcgError as e:
            grid_box.children = [w.Label(str(e))]
            return
        grid_box.children = [grid_buttons(grid, show_problem)]
        show_problem(grid.index[0])
        show_pair()
        show_technique()

    for control in (model, technique, chosen):
        control.observe(refresh, names="value")
    for control in (first, second):
        control.observe(show_pair, names="value")
    refresh()
    tabs = w.Tab(children=[grid_box, problem_out, w.VBox([w.HBox([first, second]), pair_out]), technique_out])
    for i, title in enumerate(["pass grid", "problem", "language pair", "technique vs baseline"]):
        tabs.set_title(i, title)
    return w.VBox([w.HBox([model, technique, chosen]), tabs])
