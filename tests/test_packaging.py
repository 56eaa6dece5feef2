"""A non-editable install carries every file of the package: workers (Java, Node, R, Racket sources),
prompts, data and configs, not only the Python modules."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_wheel_holds_every_tracked_package_file(tmp_path):
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    expected = {f for f in tracked if f.startswith("lrcg/")}
    assert "lrcg/execution/workers/JavaWorker.java" in expected
    src = tmp_path / "src"  # a copy of the checkout: no stale build/ folder to reuse
    for f in tracked:
        if f.startswith("lrcg/") or f in ("pyproject.toml", "README.md"):
            (src / f).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / f, src / f)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "-w", str(tmp_path / "dist"), str(src)], check=True, capture_output=True)
    (wheel,) = (tmp_path / "dist").glob("lrcg-*.whl")
    shipped = set(zipfile.ZipFile(wheel).namelist())
    assert sorted(expected - shipped) == []
