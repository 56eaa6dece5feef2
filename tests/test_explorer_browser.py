"""The notebook explorer as a student meets it: JupyterLab in headless chromium (tests/browser.py), the
06_explore notebook on the laptop snapshot's store (a real SmolLM2 run, 1,727 samples), Run All, then: click a
grid cell and the problem tab opens on that problem with every language's code; filter the grid; pick another
technique and no view shows an error. LRCG_EXPLORER_SCREENSHOTS=DIR saves what it saw as PNGs."""
from __future__ import annotations

import gzip
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from browser import Browser, chromium
from conftest import REPO

SNAPSHOT = REPO / "snapshots" / "laptop-results.sqlite.gz"
PROBLEM = "HumanEval_23_strlen"
EXPLORER = "document.querySelector('.lrcg-explorer')"
NOTEBOOK = "Array.from(jupyterapp.shell.widgets('main')).find(w => w.sessionContext && w.content)"
ERROR_WORDS = ("unknown ", "valid:", "Traceback", "pick a technique other than", "McNemarResult(")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def notebook_on(store: Path, folder: Path) -> Path:
    """06_explore with its parameters set to the laptop-smollm2 profile (the snapshot's) on `store` (appended, as papermill would)."""
    nb = json.loads((REPO / "notebooks" / "06_explore.ipynb").read_text())
    cell = next(c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", []))
    cell["source"] = "".join(cell["source"]) + (f"\nprofile = 'laptop-smollm2'\nsource = {str(store)!r}\n"
                                                f"output_dir = {str(folder / 'figures')!r}\n")
    path = folder / "06_explore.ipynb"
    path.write_text(json.dumps(nb))
    return path


def start_jupyterlab(folder: Path, port: int) -> subprocess.Popen:
    settings = folder / "lab-settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text('{"fetchNews": "false", "checkForUpdates": false}')
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
           "JUPYTERLAB_SETTINGS_DIR": str(folder / "lab-settings"), "JUPYTERLAB_WORKSPACES_DIR": str(folder / "ws"),
           "JUPYTER_RUNTIME_DIR": str(folder / "runtime"), "MPLBACKEND": "Agg"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root", "--ip=127.0.0.1", f"--port={port}",
         "--IdentityProvider.token=", "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True",
         f"--ServerApp.root_dir={folder}", "--LabApp.expose_app_in_browser=True"],
        cwd=folder, env=env, stdout=open(folder / "jupyter.log", "w"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status", timeout=5)
            return proc
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError("JupyterLab did not start: " + (folder / "jupyter.log").read_text()[-2000:])
            time.sleep(0.5)


def completions(store: Path, problem: str, technique: str = "baseline") -> dict[str, str]:
    with sqlite3.connect(store) as db:
        return dict(db.execute("SELECT language, completion FROM generations WHERE problem = ? AND technique = ?",
                               (problem, technique)).fetchall())


def solved_in_but_not(store: Path, solved: str, unsolved: str) -> list[str]:
    with sqlite3.connect(store) as db:
        passed = {(lang, problem): status == "OK" for lang, problem, status in db.execute(
            "SELECT language, problem, status FROM generations g JOIN outcomes o ON o.generation_id = g.id "
            "WHERE technique = 'baseline'")}
    return sorted(p for (lang, p), ok in passed.items() if lang == solved and ok and not passed[(unsolved, p)])


def words(text: str) -> str:
    return " ".join(text.split())


def select_option(browser: Browser, css: str, label: str) -> None:
    """Choose an option of an ipywidgets Dropdown (its <select>) by its label, as a click would."""
    assert browser.evaluate(f"""(() => {{
        const select = document.querySelector({json.dumps(css)});
        const i = Array.from(select.options).findIndex(o => o.value === {json.dumps(label)});
        if (i < 0) return false;
        select.selectedIndex = i;
        select.dispatchEvent(new Event('change', {{bubbles: true}}));
        return true; }})()"""), f"{css} offers no {label!r}"


def tab(title: str) -> str:
    return f"Array.from(document.querySelectorAll('.lrcg-explorer .lm-TabBar-tab')).find(t => t.textContent === {json.dumps(title)})"


def explorer_text(browser: Browser) -> str:
    """The text of every tab, shown or not, less the programs' code and output (stderr may say "Error")."""
    return browser.evaluate(f"(() => {{ const copy = {EXPLORER}.cloneNode(true);"
                            " copy.querySelectorAll('pre, style').forEach(p => p.remove()); return copy.textContent; })()")


def shoot(browser: Browser, name: str, css: str) -> None:
    folder = os.environ.get("LRCG_EXPLORER_SCREENSHOTS")
    if folder:
        browser.evaluate(f"document.querySelector({json.dumps(css)}).scrollIntoView()")
        time.sleep(0.5)
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / f"{name}.png").write_bytes(browser.screenshot())


@pytest.mark.slow  # JupyterLab, a kernel and chromium: about a minute
@pytest.mark.timeout(900)
def test_explorer_in_jupyterlab(tmp_path):
    chromium()  # fails under LRCG_REQUIRE_TOOLCHAINS=1 when missing, else skips
    store = tmp_path / "results.sqlite"
    with gzip.open(SNAPSHOT) as src, open(store, "wb") as dst:
        shutil.copyfileobj(src, dst)
    notebook_on(store, tmp_path)
    port = free_port()
    server = start_jupyterlab(tmp_path, port)
    browser = Browser(tmp_path / "chromium-profile", window=(1500, 1100))
    try:
        browser.open(f"http://127.0.0.1:{port}/lab/tree/06_explore.ipynb")
        browser.wait_for(f"window.jupyterapp && {NOTEBOOK} && {NOTEBOOK}.content.widgets.length > 0", 120,
                         "the notebook to open")
        browser.evaluate(f"(async () => {{ const nb = {NOTEBOOK}; jupyterapp.shell.activateById(nb.id); "
                         "await nb.context.ready; await nb.sessionContext.ready; "
                         "await jupyterapp.commands.execute('notebook:run-all-cells'); return true; })()")
        cells = 157 * 5  # the laptop store's baseline: 157 problems in java, py, lua, r, rkt (no Julia)
        errors = (f"(() => {{ const nb = {NOTEBOOK}.content.model; const out = [];"
                  " for (let i = 0; i < nb.cells.length; i++) { const c = nb.cells.get(i);"
                  " if (c.type === 'code') c.outputs.toJSON().forEach(o => { if (o.output_type === 'error')"
                  " out.push(o.ename + ': ' + o.evalue); }); } return out; })()")
        # a cell that fails stops Run All: say so at once, not after the grid's wait
        browser.wait_for(f"document.querySelectorAll('.lrcg-explorer .lrcg-cell').length >= {cells} || "
                         f"{errors}.length > 0", 480, "the explorer's grid")
        assert browser.evaluate(errors) == []
        browser.wait_for(f"(() => {{ const nb = {NOTEBOOK}.content.model; let done = 0;"
                         " for (let i = 0; i < nb.cells.length; i++) { const c = nb.cells.get(i);"
                         " if (c.type !== 'code' || c.executionCount) done++; } return done === nb.cells.length; })()",
                         120, "every cell to run")
        assert browser.evaluate(errors) == []
        assert browser.evaluate("document.querySelectorAll('.lrcg-explorer .lrcg-cell').length") == cells
        labels = set(browser.evaluate("Array.from(document.querySelectorAll('.lrcg-explorer .lrcg-cell'))"
                                      ".map(b => b.textContent.trim())"))
        assert labels == {"pass", "fail"}  # one greedy sample a cell: a word, never a clipped percentage
        shoot(browser, "grid", ".lrcg-explorer")
        scroll = f"{EXPLORER}.querySelector('.lrcg-grid-scroll')"
        heights = browser.evaluate(f"[{scroll}.clientHeight, {scroll}.scrollHeight]")
        assert 300 < heights[0] < 600 and heights[1] > heights[0] + 1000, heights  # its own scroll area

        # click the Racket cell of strlen: the problem tab opens on it, with every language's code in full
        cell = (f"Array.from(document.querySelectorAll('.lrcg-explorer .lrcg-cell'))"
                f".find(b => b.title.startsWith('{PROBLEM} · rkt:'))")
        assert browser.evaluate(f"{cell}.title") == f"{PROBLEM} · rkt: 0 of 1 sample pass (0%)"
        browser.click(cell)
        view = "document.querySelector('.lrcg-explorer .lrcg-problem-view')"
        browser.wait_for(f"{view} && {view}.getBoundingClientRect().height > 200 && "
                         f"{view}.querySelector('[data-problem=\"23\"]') !== null", 60, "the problem tab to open on strlen")
        assert PROBLEM in browser.evaluate(f"{view}.querySelector('h3').textContent")
        code = words(" ".join(browser.evaluate(f"Array.from({view}.querySelectorAll('pre.code'))"
                                               ".map(p => p.textContent)")))
        expected = completions(store, PROBLEM)
        assert set(expected) == {"java", "py", "lua", "r", "rkt"}
        for lang, completion in expected.items():
            assert words(completion) in code, f"{lang} completion not shown in full"
        columns = browser.evaluate(f"Array.from({view}.querySelectorAll('.lrcg-column')).map(c => c.dataset.language)")
        assert columns == ["java", "py", "lua", "r", "rkt"]
        stderr = words(browser.evaluate(f"{view}.querySelector('.lrcg-column[data-language=\"java\"] pre.stderr')"
                                        ".textContent"))
        assert "java.lang.AssertionError" in stderr and "Thread.java" in stderr  # the whole stderr, not a head
        shoot(browser, "problem-five-languages", ".lrcg-explorer")

        # filter the grid: solved in Python but not in Java
        browser.click(tab("pass grid"))
        select_option(browser, ".lrcg-grid-filter select", "solved in … but not in …")
        select_option(browser, ".lrcg-grid-solved select", "Python")
        select_option(browser, ".lrcg-grid-unsolved select", "Java")
        expected_rows = solved_in_but_not(store, "py", "java")
        assert 0 < len(expected_rows) < 20 and PROBLEM in expected_rows
        browser.wait_for(f"document.querySelectorAll('.lrcg-explorer .lrcg-name').length === {len(expected_rows)}", 60,
                         "the filter to apply")
        shown = browser.evaluate("Array.from(document.querySelectorAll('.lrcg-explorer .lrcg-name')).map(l => l.textContent)")
        assert sorted(shown) == sorted(expected_rows)
        assert f"({len(expected_rows)} of 157)" in browser.evaluate(f"{EXPLORER}.querySelector('.lrcg-grid-head').textContent")
        shoot(browser, "grid-filtered", ".lrcg-explorer")

        # another technique: its own languages, and no view of any tab shows an error
        select_option(browser, ".lrcg-grid-filter select", "every problem")
        select_option(browser, ".lrcg-technique-pick select", "few-shot")
        browser.wait_for(f"document.querySelectorAll('.lrcg-explorer .lrcg-cell').length === {157 * 2} && "
                         f"{EXPLORER}.querySelector('.lrcg-problem-view').textContent.includes('few-shot')",
                         60, "the few-shot grid")
        languages = browser.evaluate("Array.from(document.querySelectorAll('.lrcg-explorer .lrcg-languages button'))"
                                     ".map(b => b.textContent.trim())")
        assert languages == ["R", "Racket"]
        text = explorer_text(browser)
        assert not [w for w in ERROR_WORDS if w in text], text[:2000]
        assert browser.evaluate("document.querySelectorAll('.lrcg-explorer .lrcg-error').length") == 0
        pair_options = browser.evaluate("Array.from(document.querySelectorAll('.lrcg-pair select')[0].options)"
                                        ".map(o => o.textContent)")
        assert pair_options == ["R", "Racket"]
        assert "odds ratio" in browser.evaluate("document.querySelector('.lrcg-pair .lrcg-mcnemar').textContent")
        assert "McNemarResult(" not in text
        browser.click(tab("language pair"))
        browser.wait_for("document.querySelector('.lrcg-pair').getBoundingClientRect().height > 100", 60, "the pair tab")
        shoot(browser, "language-pair-few-shot", ".lrcg-explorer")
        browser.click(tab("technique vs baseline"))
        tech = "document.querySelector('.lrcg-explorer .lrcg-technique')"
        # the kernel renders this tab after the grid and problem views, so it may still show the last technique
        browser.wait_for(f"{tech}.getBoundingClientRect().height > 100 && "
                         f"{tech}.textContent.includes('Racket: few-shot vs baseline')", 60, "the few-shot technique tab")
        tech_text = browser.evaluate(f"{tech}.textContent")
        assert "R: few-shot vs baseline" in tech_text and "translation-examples vs baseline" not in tech_text
        assert browser.evaluate(f"{tech}.querySelectorAll('.lrcg-mcnemar').length") == 2
        shoot(browser, "technique-few-shot", ".lrcg-explorer")
        # few-shot gained HumanEval_53_add in R: its button opens the problem across R's techniques
        link = f"Array.from({tech}.querySelectorAll('.lrcg-link')).find(b => b.textContent === 'HumanEval_53_add')"
        browser.click(link)
        browser.wait_for(f"{view}.getBoundingClientRect().height > 200 && "
                         f"{view}.querySelector('[data-problem=\"53\"]') !== null", 60, "the problem across techniques")
        columns = browser.evaluate(f"Array.from({view}.querySelectorAll('.lrcg-column')).map(c => c.dataset.technique)")
        assert columns == ["baseline", "translation-examples", "translation-rules", "few-shot"]
        few_shot = completions(store, "HumanEval_53_add", "few-shot")["r"]
        assert words(few_shot) in words(browser.evaluate(
            f"{view}.querySelector('.lrcg-column[data-technique=\"few-shot\"] pre.code').textContent"))
        shoot(browser, "problem-across-techniques", ".lrcg-explorer")
        assert not [w for w in ERROR_WORDS if w in explorer_text(browser)]
    finally:
        browser.close()
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
