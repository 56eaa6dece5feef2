"""`--time-budget adaptive`: a probe at the floor, budgets from canonical solutions or passing samples, the
reference limit where nothing passes, and the policy recorded on every outcome."""
from __future__ import annotations

import pytest

from conftest import needs_toolchain
from lrcg.errors import LrcgError
from lrcg.execution import AdaptiveBudget, Program, run_with_time_budget
from lrcg.execution.budget import check_time_budget
from lrcg.execution.languages import OK, TIMEOUT

LOOP = "while True:\n    pass\n"
BUDGET = AdaptiveBudget(floor=1.0, factor=3.0)


def test_unknown_time_budget_names_the_choices():
    with pytest.raises(LrcgError, match="time budget.*adaptive.*reference|time budget.*reference.*adaptive"):
        check_time_budget("fast")


def test_adaptive_budget_cuts_loops_and_keeps_slow_passing_programs():
    needs_toolchain("py")
    programs = [Program("py", "assert 1 + 1 == 2\n", problem="fast"), Program("py", LOOP, problem="fast"),
                Program("py", "import time\ntime.sleep(1.4)\n", problem="slow")]
    canonical = [Program("py", "import time\ntime.sleep(1.2)\n", problem="slow")]
    fast_ok, loop, slow = run_with_time_budget(programs, time_budget="adaptive", canonical=canonical,
                                               adaptive=BUDGET, workers=2, progress=False)
    assert {o.time_budget for o in (fast_ok, loop, slow)} == {"adaptive"}
    assert fast_ok.status == OK and fast_ok.time_limit == 1.0
    # the problem's passing sample took far less than the floor: the probe's timeout is final
    assert loop.status == TIMEOUT and loop.time_limit == 1.0
    # timed out in the probe; its canonical solution's time says it may take about 3 × 1.2 s
    assert slow.status == OK and slow.time_limit > 3.0, slow


def test_without_evidence_the_reference_limit_judges_the_timeouts():
    needs_toolchain("py")
    (loop,) = run_with_time_budget([Program("py", LOOP, timeout=2.0, problem="p")], time_budget="adaptive",
                                   adaptive=BUDGET, workers=1, progress=False)
    assert loop.status == TIMEOUT and loop.time_limit == 2.0 and loop.time_budget == "adaptive"


def test_reference_budget_is_run_programs():
    needs_toolchain("py")
    (o,) = run_with_time_budget([Program("py", "print(1)\n")], workers=1, progress=False)
    assert o.status == OK and o.time_budget == "reference" and o.time_limit == 15.0


def test_lrcg_execute_time_budget_adaptive_with_canonical_solutions(data_dir, tmp_path, capsys):
    import json

    from lrcg.cli import main

    needs_toolchain("py")
    rows = [{"problem": "Python/53", "completion": "    return x + y\n"},
            {"problem": "Python/53", "completion": "    while True:\n        pass\n"},
            {"problem": "Python/23", "completion": "    return len(string)\n"}]
    src = tmp_path / "completions.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "out"
    assert main(["execute", "--benchmark", "humaneval-x", "--language", "python", "--completions", str(src),
                 "--output", str(out), "--no-progress", "--time-budget", "adaptive"]) == 0
    summary = json.loads((out / "summary.json").read_text())["languages"]["py"]
    assert summary["statuses"] == {"OK": 2, "Timeout": 1} and summary["time_budget"] == "adaptive"
    assert "adaptive" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exited:
        main(["execute", "--benchmark", "humaneval-x", "--language", "python", "--completions", str(src),
              "--output", str(out), "--time-budget", "fast"])
    assert exited.value.code == 2
    assert "time-budget" in capsys.readouterr().err
