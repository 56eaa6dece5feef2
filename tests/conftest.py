"""Shared test fixtures. Toolchain-dependent tests use `needs_toolchain(lang)`:
a missing toolchain skips with the install hint, except under LRCG_REQUIRE_TOOLCHAINS=1 (CI), where it
fails — Julia excepted, which cannot be installed on CI machines."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
os.environ.setdefault("LRCG_DATA_DIR", str((REPO.parent / "shared" / "data").resolve()))
NOT_INSTALLABLE_ON_CI = {"jl"}


def needs_toolchain(language: str) -> None:
    from lrcg.languages import get_language

    lang = get_language(language)
    missing = lang.missing_tools()
    if not missing:
        return
    reason = f"{lang.display} toolchain missing ({', '.join(missing)}): {lang.install_hint}"
    if os.environ.get("LRCG_REQUIRE_TOOLCHAINS") == "1" and lang.name not in NOT_INSTALLABLE_ON_CI:
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture
def data_dir() -> Path:
    path = Path(os.environ["LRCG_DATA_DIR"])
    if not path.is_dir():
        pytest.fail(f"LRCG_DATA_DIR={path} does not exist: tests need the benchmark data (../shared/data)")
    return path
