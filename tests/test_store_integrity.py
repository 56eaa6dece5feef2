"""Bad completions through the real store -> execute path of `lrcg evaluate`: empty, binary (NUL bytes),
50 MB, invalid UTF-8 (bytes read with surrogateescape) and a hostile one each end as a stored row with a
status, never a traceback and never a lost row. (Concurrent runs, SIGKILL/resume, old/foreign schemas and
non-SQLite files: tests/test_store.py and tests/test_evaluate.py.)"""
from __future__ import annotations

import os
import sqlite3

import pytest

from conftest import needs_toolchain
from lrcg.benchmarks import load_benchmark
from lrcg.evaluate import RunKey, Task, _execute_unexecuted, summarize
from lrcg.execution.judge import ExecutionPolicy
from lrcg.execution.languages import STATUSES
from lrcg.store import Generation, Store

BAD_COMPLETIONS = {
    "empty": "",
    "binary": os.urandom(2048).decode("latin-1") + "\0\0\0",
    "invalid_utf8": b"    return len(string)  # \xff\xfe\xc3(\xa0\xa1\n".decode("utf-8", "surrogateescape"),
    "huge": "    # " + "x" * (50 << 20) + "\n    return len(string)\n",
    "hostile": "    import os\n    while True:\n        os.fork()\n",
}


@pytest.mark.parametrize("lang", ["py", pytest.param("c", marks=pytest.mark.slow)])
def test_bad_completions_are_recorded_with_a_status(lang, tmp_path):
    needs_toolchain(lang)
    benchmark = "humaneval-c" if lang == "c" else "multipl-e"
    (problem,) = load_benchmark(benchmark, lang, limit=1)
    store = tmp_path / "results.sqlite"
    tasks = [Task(problem, problem.prompt, (), i, "bad-input") for i in range(len(BAD_COMPLETIONS))]
    with Store(store) as db:
        db.add_generations(Generation("bad-model", "", "baseline", problem.benchmark, lang, problem.task_id,
                                      problem.index, i, "bad-input", "{}", problem.prompt, text, text)
                           for i, text in enumerate(BAD_COMPLETIONS.values()))
        run = RunKey("bad-model", "", "baseline", problem.benchmark)
        _execute_unexecuted(db, lang, tasks, run, ExecutionPolicy(workers=2), progress=False)
        summary = summarize(db, run, {lang: tasks})
    con = sqlite3.connect(store)
    statuses = dict(con.execute("SELECT g.sample, o.status FROM generations g JOIN outcomes o "
                                "ON o.generation_id = g.id").fetchall())
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert sorted(statuses) == list(range(len(BAD_COMPLETIONS))), statuses  # one row each, none lost
    assert all(s in STATUSES for s in statuses.values()), statuses
    names = list(BAD_COMPLETIONS)
    for name in ("empty", "binary", "hostile"):
        assert statuses[names.index(name)] != "OK", (name, statuses)
    assert summary.iloc[0]["executed"] == len(BAD_COMPLETIONS)
    # the huge completion is stored whole; the invalid bytes as U+FFFD
    huge = con.execute("SELECT length(completion) FROM generations WHERE sample = ?", (names.index("huge"),))
    assert huge.fetchone()[0] == len(BAD_COMPLETIONS["huge"])
    (text,) = con.execute("SELECT completion FROM generations WHERE sample = ?",
                          (names.index("invalid_utf8"),)).fetchone()
    assert "\ufffd" in text and "return len(string)" in text
