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
# Hand-written programs per language (tests/programs/LANG/CASE.txt): completions of these MultiPL-E problems.
PROGRAMS = Path(__file__).parent / "programs"
PROGRAM_PROBLEMS = {"strlen": "HumanEval_23_strlen", "gcd": "HumanEval_13_greatest_common_divisor",
                    "add": "HumanEval_53_add"}
LOOP_TIMEOUT = 3.0  # run-step timeout given to the infinite_loop programs


def hand_written_program(lang: str, case: str) -> str:
    """The full source of a case: C files are whole programs, others are completions of a MultiPL-E problem."""
    from lrcg.benchmarks import build_program, load_benchmark

    text = (PROGRAMS / lang / f"{case}.txt").read_text()
    if lang == "c":
        return text
    key = case.split(".")[0] if case.split(".")[0] in PROGRAM_PROBLEMS else "strlen"
    (problem,) = load_benchmark("multipl-e", lang, problems=[PROGRAM_PROBLEMS[key]])
    return build_program(problem, text)


def surviving_processes(marker: str) -> list[str]:
    """Live processes whose command line or environment mentions `marker` (a run's private temp dir)."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmdline = f.read()
            with open(f"/proc/{pid}/environ", "rb") as f:
                environ = f.read()
        except OSError:
            continue
        if marker.encode() in cmdline or marker.encode() in environ:
            found.append(pid + ": " + cmdline.replace(b"\0", b" ").decode(errors="replace")[:200])
    return found


def leftover_cgroups(kinds: str = "") -> list[str]:
    """Cgroups of this test process's runs ("run-"), of its warm workers ("warm-"), or both ("")."""
    from lrcg.execution import sandbox

    prefix = f"lrcg-{os.getpid()}-{kinds}"
    return [os.path.join(parent, name) for parent in sandbox.cgroup_parents().values()
            for name in os.listdir(parent) if name.startswith(prefix)]


def needs_toolchain(language: str) -> None:
    from lrcg.execution.languages import get_language

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
