"""`lrcg report` in a real headless browser (Debian's chromium, driven over the DevTools protocol): the file
loads offline without fetching anything, its screenshot is not blank, and clicking a grid cell shows that
problem's code. The store is a real one: a few MultiPL-E problems, completions executed by lrcg."""
from __future__ import annotations

import html
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from browser import Browser
from conftest import REPO, needs_toolchain

PROBLEMS = {"HumanEval_23_strlen": {"py": "    return len(string)\n", "r": "    nchar(string) + 1\n}\n"},
            "HumanEval_53_add": {"py": "    return x + y\n", "r": "    x + y\n}\n"},
            "HumanEval_13_greatest_common_divisor": {"py": "    return a\n", "r": "def gcd(a, b):\n    return a\n"}}


def make_small_store(store: Path) -> Path:
    """A real store: the PROBLEMS completions in Python and R, executed by lrcg."""
    for lang in ("py", "r"):
        needs_toolchain(lang)
    from lrcg.benchmarks import build_program, load_benchmark
    from lrcg.execution import Program, run_programs
    from lrcg.store import Generation, Store

    rows = [(lang, p, completion) for p, by_lang in PROBLEMS.items() for lang, completion in by_lang.items()]
    problems = [load_benchmark("multipl-e", lang, problems=[p])[0] for lang, p, _ in rows]
    with Store(store) as db:
        db.add_generations([Generation("m", "", "baseline", "multipl-e", lang, p, prob.index, 0, "h", "{}", "prompt",
                                       completion, completion) for (lang, p, completion), prob in zip(rows, problems)])
        ids = {(r["language"], r["problem"]): r["id"] for r in db.rows()}
        sources = [build_program(prob, c) for (_, _, c), prob in zip(rows, problems)]
        outcomes = run_programs([Program(lang, s) for (lang, _, _), s in zip(rows, sources)], progress=False)
        db.add_outcomes([(ids[(lang, p)], o, s) for (lang, p, _), o, s in zip(rows, outcomes, sources)])
    return store


@pytest.fixture(scope="module")
def report_file(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("report")
    store = make_small_store(tmp / "results.sqlite")
    out = tmp / "report.html"
    r = subprocess.run([sys.executable, "-m", "lrcg", "report", "--store", str(store), "-o", str(out)],
                       capture_output=True, text=True, cwd=REPO, env={**os.environ, "MPLBACKEND": "Agg"})
    assert r.returncode == 0, r.stderr
    return out


def test_report_is_self_contained(report_file):
    text = report_file.read_text()
    assert "http://" not in text and "https://" not in text and "<link" not in text
    assert text.count("data:image/png;base64,") >= 3  # pass@1, odds-ratio matrix, failures
    shown = html.unescape(re.sub(r"<[^>]+>", "", text))  # the code is highlighted: tags between its tokens
    assert 'id="problem-23"' in text and "nchar(string) + 1" in shown
    assert "answered in another language" in text  # the R gcd answer written in Python
    assert "lrcg-mcnemar" in text  # each Table II pair's test as a labelled table


@pytest.mark.slow  # starts chromium (a few seconds)
def test_report_in_headless_chromium(report_file, tmp_path):
    from PIL import Image

    browser = Browser(tmp_path / "chromium-profile")
    try:
        browser.open(report_file.as_uri())
        assert browser.evaluate("document.title").startswith("lrcg report")
        # offline: nothing but the file itself was fetched
        assert browser.evaluate("performance.getEntriesByType('resource').map(e => e.name)") == []
        assert browser.evaluate("Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)")
        shot = Image.open(io.BytesIO(browser.screenshot())).convert("L")
        low, high = shot.getextrema()
        assert shot.size[0] >= 1000 and high - low > 100 and sum(1 for n in shot.histogram() if n) > 20, "blank screenshot"
        assert browser.evaluate("document.getElementById('problem-23').hidden") is True
        assert browser.evaluate("document.querySelector('td.cell[data-problem=\"23\"][data-language=\"r\"]') "
                                "!== null")
        browser.evaluate("document.querySelector('td.cell[data-problem=\"23\"][data-language=\"r\"]').click()")
        section = "document.getElementById('problem-23')"
        assert browser.evaluate(f"{section}.hidden") is False
        assert browser.evaluate(f"{section}.getBoundingClientRect().height") > 50
        code = browser.evaluate(f"Array.from({section}.querySelectorAll('pre.code')).map(p => p.innerText)")
        assert "nchar(string) + 1" in "\n".join(code) and "return len(string)" in "\n".join(code)
        assert browser.evaluate("document.getElementById('problem-53').hidden") is True
        assert browser.evaluate("location.hash") == "#problem-23"
        shot_after = browser.screenshot()
        (tmp_path / "report.png").write_bytes(shot_after)
        if os.environ.get("LRCG_REPORT_SCREENSHOT"):
            Path(os.environ["LRCG_REPORT_SCREENSHOT"]).write_bytes(shot_after)
    finally:
        browser.close()
