"""Every path lrcg reads or writes is resolved here, and only here.

Settings (environment variables):
  LRCG_DATA_DIR   local benchmark folder (layout of ../shared/data); if unset, benchmarks come from the Hub
  LRCG_CACHE_DIR  caches (compiled-program caches, Go build cache); default ~/.cache/lrcg
  LRCG_FIGURES_DIR where notebooks write figures and tables; default <repo>/figures
"""
from __future__ import annotations

import os
from pathlib import Path

from .errors import LrcgError

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent  # meaningful for a source checkout (notebooks/, params/, figures/)
PACKAGE_DATA_DIR = PACKAGE_DIR / "data"
NOTEBOOKS_DIR = REPO_DIR / "notebooks"
PARAMS_DIR = REPO_DIR / "params"


def data_dir(required: bool = False) -> Path | None:
    """The local benchmark folder from LRCG_DATA_DIR, or None when unset (then the Hub is used)."""
    value = os.environ.get("LRCG_DATA_DIR")
    if not value:
        if required:
            raise LrcgError("LRCG_DATA_DIR is not set; point it at a benchmark folder (e.g. ../shared/data)")
        return None
    path = Path(value).expanduser()
    if not path.is_dir():
        raise LrcgError(f"LRCG_DATA_DIR={value!r} is not a directory")
    return path


def adapter_key(adapter) -> str:
    """The store's name for an adapter: its path relative to the repository when it lies inside it, so a store
    and its snapshot name the same adapter in any clone; otherwise its absolute path; "" for none."""
    if adapter is None or str(adapter) in ("", "nan", "None"):
        return ""
    path = Path(str(adapter)).expanduser().resolve()
    return path.relative_to(REPO_DIR).as_posix() if path.is_relative_to(REPO_DIR) else str(path)


def cache_dir() -> Path:
    path = Path(os.environ.get("LRCG_CACHE_DIR") or Path.home() / ".cache" / "lrcg").expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path


def figures_dir() -> Path:
    return Path(os.environ.get("LRCG_FIGURES_DIR") or REPO_DIR / "figures").expanduser()
