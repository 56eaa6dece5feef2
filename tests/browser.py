"""A headless chromium driven over the DevTools protocol (websocket-client), for the tests of what people see
in a browser: `lrcg report`'s HTML file (tests/test_report.py) and the notebook explorer in JupyterLab
(tests/test_explorer_browser.py). Chromium missing: the test skips with the install hint, and fails under
LRCG_REQUIRE_TOOLCHAINS=1 (CI), where scripts/install-toolchains.sh installs it."""
from __future__ import annotations

import base64
import itertools
import json
import os
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest


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

    def __init__(self, profile_dir: Path, window: tuple[int, int] = (1280, 900)):
        import websocket

        self.proc = subprocess.Popen(
            [chromium(), "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--remote-debugging-port=0", f"--user-data-dir={profile_dir}", f"--window-size={window[0]},{window[1]}",
             "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--no-proxy-server", "about:blank"],
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

    def wait_for(self, expression: str, timeout: float, what: str = ""):
        """Poll a JavaScript expression until it is truthy; its value (RuntimeError naming `what` on timeout)."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise RuntimeError(f"timed out after {timeout:.0f} s waiting for {what or expression}")
            time.sleep(0.25)

    def click(self, element: str, timeout: float = 30) -> None:
        """A real mouse click (press and release) at the middle of the element a JavaScript expression gives, once
        the element is what the page has at that point (scrolled into view, not still moving, not covered)."""
        where = (f"(() => {{ const e = {element}; e.scrollIntoView({{block: 'center'}});"
                 " const r = e.getBoundingClientRect(); const x = r.x + r.width / 2, y = r.y + r.height / 2;"
                 " const hit = document.elementFromPoint(x, y); return [x, y, !!hit && (hit === e || e.contains(hit))]; })()")
        deadline = time.monotonic() + timeout
        last = None
        while True:
            box = self.evaluate(where)
            if box[2] and box == last:
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"timed out after {timeout:.0f} s waiting for {element} to be clickable (at {box[:2]})")
            last = box
            time.sleep(0.1)
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=box[0], y=box[1], button="left", clickCount=1)

    def screenshot(self) -> bytes:
        return base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"])

    def close(self) -> None:
        self.ws.close()
        self.proc.kill()
        self.proc.wait()
