"""`lrcg report` in a real headless browser (Debian's chromium, driven over the DevTools protocol): the file
loads offline without fetching anything, its screenshot is not blank, and clicking a grid cell shows that
problem's code. The store is a real one: a few MultiPL-E problems, completions executed by lrcg."""
from __future__ import annotations

import base64
import io
import itertools
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO, needs_toolchain

PROBLEMS = {"HumanEval_23_strlen": {"py": "    return len(string)\n", "r": "    nchar(string) + 1\n}\n"},
            "HumanEval_53_add": {"py": "    return x + y\n", "r": "    x + y\n}\n"},
            "HumanEval_13_greatest_common_divisor": {"py": "    return a\n", "r": "def gcd(a, b):\n    return a\n"}}


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path:
        return path
    reason = "chromium missing: apt-get install chromium (scripts/install-toolchains.sh installs it)"
    if os.environ.get("LRCG_REQUIRE_TOOLCHAINS") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


class Browser:
    """A headless chromium and one page, over the DevTools protocol (websocket-client)."""

    def __init__(self, profile_dir: Path):
        import websocket

        self.proc = subprocess.Popen(
            [chromium(), "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--remote-debugging-port=0", f"--user-data-dir={profile_dir}", "--window-size=1280,900",
             "--host-resolver-rules=MAP * ~NOTFOUND", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = profile_dir / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not (port_file.is_file() and port_file.read_text().strip()):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise RuntimeError("chromium did not start its DevTools endpoint")
            time.sleep(0.2)
        port = int(port_file.read_text().split()[0])
        targets = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=30).read())
        page = next(t for t in targets if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60, suppress_origin=True)
        self.ids = itertools.count(1)

    def call(self, method: str, **params) -> dict:
        ident = next(self.ids)
        self.ws.send(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def open(self, url: str) -> None:
        self.call("Page.navigate", url=url)
        deadline = time.monotonic() + 60
        while self.evaluate("document.readyState") != "complete":
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not load")
            time.sleep(0.2)

    def screenshot(self) -> bytes:
        return base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"])

    def close(self) -> None:
        self.ws.close()
        self.proc.kill()
        self.proc.wait()


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
    assert 'id="problem-23"' in text and "nchar(string) + 1" in text
    assert "answered in another language" in text  # the R gcd answer written in Python


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
