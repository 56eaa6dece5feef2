"""Results store: unique keys, batch transactions, concurrent writers, schema version, bad files, loaders,
MultiPL-E export/import."""
from __future__ import annotations

import multiprocessing
import sqlite3

import pytest

from lrcg.errors import LrcgError
from lrcg.execution import Outcome
from lrcg.store import (OUTCOME_COLUMNS, SCHEMA_VERSION, Generation, Store, export_multipl_e, import_multipl_e,
                        load_outcomes, settings_hash)


def gen(problem="HumanEval_23_strlen", sample=0, language="lua", completion="  return #string\nend", **kw):
    fields = dict(model="m", adapter="", technique="baseline", benchmark="multipl-e", language=language,
                  problem=problem, problem_index=int(problem.split("_")[1]), sample=sample,
                  settings_hash=settings_hash("prompt", {"temperature": 0.0}), settings='{"temperature": 0.0}',
                  prompt="prompt", response=completion, completion=completion)
    fields.update(kw)
    return Generation(**fields)


def test_insert_or_ignore_never_duplicates(tmp_path):
    path = tmp_path / "s.sqlite"
    with Store(path) as s:
        assert s.add_generations([gen(sample=0), gen(sample=1)]) == 2
        assert s.add_generations([gen(sample=1, completion="other"), gen(sample=2)]) == 1
        assert s.counts() == (3, 0)
        rows = s.unexecuted("m", "", "baseline", "multipl-e", "lua")
        assert [r["sample"] for r in rows] == [0, 1, 2] and rows[1]["completion"] == "  return #string\nend"
        ok = Outcome("OK", 0, "", "", 0.1)
        assert s.add_outcomes([(rows[0]["id"], ok, "prog")]) == 1
        assert s.add_outcomes([(rows[0]["id"], Outcome("Exception", 1, "", "", 0.1), "prog")]) == 0
        assert len(s.unexecuted("m", "", "baseline", "multipl-e", "lua")) == 2
        assert s.con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_failed_batch_leaves_nothing_half_written(tmp_path):
    with Store(tmp_path / "s.sqlite") as s:
        s.add_generations([gen(sample=0)])
        bad = [gen(sample=1), gen(sample=2, completion=None)]  # NOT NULL violation in the second row
        with pytest.raises(sqlite3.IntegrityError):
            s.add_generations(bad)
        assert s.counts() == (1, 0)


def _writer(path, start):
    with Store(path) as s:
        for i in range(start, start + 40, 4):  # overlapping ranges between writers
            s.add_generations([gen(sample=j) for j in range(i, i + 8)])


def test_concurrent_writers_neither_corrupt_nor_duplicate(tmp_path):
    path = tmp_path / "s.sqlite"
    Store(path).close()
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(path, k * 10)) for k in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    with Store(path) as s:
        samples = [r["sample"] for r in s.rows()]
        assert s.con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert sorted(samples) == sorted(set(samples)) == list(range(0, 64))


def test_not_sqlite_file_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "results.sqlite"
    data = b"these are my precious notes, not a database\n" * 100
    path.write_bytes(data)
    with pytest.raises(LrcgError, match="results.sqlite"):
        Store(path)
    with pytest.raises(LrcgError, match="results.sqlite"):
        load_outcomes(path)
    assert path.read_bytes() == data


def test_directory_and_missing_store(tmp_path):
    with pytest.raises(LrcgError, match="is a directory"):
        Store(tmp_path)
    with pytest.raises(LrcgError, match="does not exist"):
        load_outcomes(tmp_path / "nope.sqlite")


def test_newer_or_foreign_schema_is_refused(tmp_path):
    newer = tmp_path / "newer.sqlite"
    with Store(newer) as s:
        s.add_generations([gen()])
        s.con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(LrcgError, match="newer than this lrcg"):
        Store(newer)
    foreign = tmp_path / "foreign.sqlite"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE results (x)")
    con.execute("INSERT INTO results VALUES (1)")
    con.commit()
    con.close()
    with pytest.raises(LrcgError, match="no lrcg schema version"):
        Store(foreign)
    con = sqlite3.connect(foreign)
    assert con.execute("SELECT x FROM results").fetchall() == [(1,)]  # untouched


def test_load_outcomes_is_tidy_and_filters(tmp_path):
    path = tmp_path / "s.sqlite"
    with Store(path) as s:
        s.add_generations([gen(sample=i) for i in range(3)] + [gen(language="r", sample=0)])
        rows = s.unexecuted("m", "", "baseline", "multipl-e", "lua")
        s.add_outcomes([(rows[0]["id"], Outcome("OK", 0, "", "", 0.1), "p"),
                        (rows[1]["id"], Outcome("Exception", 1, "", "boom", 0.1), "p")])
    df = load_outcomes(path)
    assert list(df.columns[:len(OUTCOME_COLUMNS)]) == OUTCOME_COLUMNS
    assert len(df) == 2 and df["passed"].tolist() == [True, False] and set(df["index"]) == {23}
    assert len(load_outcomes(path, executed_only=False)) == 4
    assert len(load_outcomes(path, executed_only=False, language=["r"])) == 1
    with pytest.raises(LrcgError, match="unknown store filter"):
        load_outcomes(path, colour="red")


def test_export_import_multipl_e_round_trip(tmp_path):
    from lrcg.execution.multiple_io import read_completion_file, read_json_file

    path = tmp_path / "s.sqlite"
    with Store(path) as s:
        s.add_generations([gen(sample=i, completion=f"  return #string -- {i}\nend") for i in range(2)])
        rows = s.unexecuted("m", "", "baseline", "multipl-e", "lua")
        s.add_outcomes([(r["id"], Outcome("OK", 0, "", "", 0.1), "p") for r in rows])
    files = export_multipl_e(path, tmp_path / "out", model="m")
    names = sorted(f.name for f in files)
    assert names == ["HumanEval_23_strlen.json.gz", "HumanEval_23_strlen.results.json.gz"]
    cf = read_completion_file(tmp_path / "out" / "HumanEval_23_strlen.json.gz")
    assert cf.completions == ("  return #string -- 0\nend", "  return #string -- 1\nend")
    results = read_json_file(tmp_path / "out" / "HumanEval_23_strlen.results.json.gz")["results"]
    assert [r["status"] for r in results] == ["OK", "OK"]
    assert results[0]["program"] == cf.program(cf.completions[0])

    other = tmp_path / "other.sqlite"
    assert import_multipl_e(other, tmp_path / "out", model="imported") == (2, 2)
    assert import_multipl_e(other, tmp_path / "out", model="imported") == (0, 0)
    df = load_outcomes(other)
    assert df["completion"].tolist() == list(cf.completions) and df["passed"].all()


@pytest.mark.parametrize("completion", ["", "\x00\x01binary\xff", "bad \udc80 utf-8 \ud800", "x" * (50 << 20)])
def test_odd_completions_are_stored_not_lost(completion, tmp_path):
    with Store(tmp_path / "s.sqlite") as s:
        assert s.add_generations([gen(completion=completion)]) == 1
        [row] = s.unexecuted("m", "", "baseline", "multipl-e", "lua")
        assert s.add_outcomes([(row["id"], Outcome("SyntaxError", 1, completion[:100], "\udcff", 0.0), completion)]) == 1
        stored = s.rows()[0]
    assert len(stored["completion"]) == len(completion) and stored["status"] == "SyntaxError"
    if "\udc80" not in completion:
        assert stored["completion"] == completion


V1_SCHEMA = """
CREATE TABLE generations (id INTEGER PRIMARY KEY, model TEXT NOT NULL, adapter TEXT NOT NULL DEFAULT '',
    technique TEXT NOT NULL, benchmark TEXT NOT NULL, language TEXT NOT NULL, problem TEXT NOT NULL,
    problem_index INTEGER NOT NULL, sample INTEGER NOT NULL, settings_hash TEXT NOT NULL, settings TEXT NOT NULL,
    prompt TEXT NOT NULL, response TEXT NOT NULL, completion TEXT NOT NULL, created REAL NOT NULL,
    UNIQUE (model, adapter, technique, benchmark, language, problem, sample, settings_hash));
CREATE TABLE outcomes (generation_id INTEGER PRIMARY KEY REFERENCES generations(id), status TEXT NOT NULL,
    exit_code INTEGER, stdout TEXT NOT NULL, stderr TEXT NOT NULL, seconds REAL NOT NULL, program TEXT NOT NULL,
    created REAL NOT NULL);
CREATE INDEX generations_run ON generations (model, adapter, technique, benchmark, language);
"""


def make_version_1_store(path):
    con = sqlite3.connect(path)
    con.executescript(V1_SCHEMA)
    con.execute("INSERT INTO generations VALUES (1, 'm', '', 'baseline', 'multipl-e', 'lua', 'HumanEval_23_strlen', "
                "23, 0, 'h', '{}', 'p', 'r', 'c', 0.0)")
    con.execute("INSERT INTO outcomes VALUES (1, 'OK', 0, '', '', 0.1, 'prog', 0.0)")
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()


def test_a_version_1_store_opens_and_its_outcomes_were_judged_by_the_reference(tmp_path):
    path = tmp_path / "v1.sqlite"
    make_version_1_store(path)
    with Store(path) as s:
        assert s.con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
        (row,) = s.rows()
        assert (row["status"], row["time_budget"], row["time_limit"]) == ("OK", "reference", None)
        s.add_generations([gen(sample=1)])
        (new,) = s.unexecuted("m", "", "baseline", "multipl-e", "lua")
        s.add_outcomes([(new["id"], Outcome("Timeout", None, "", "", 3.0, time_budget="adaptive", time_limit=3.0), "p")])
    df = load_outcomes(path)
    assert list(df["time_budget"]) == ["reference", "adaptive"] and list(df["time_limit"].fillna(-1)) == [-1, 3.0]


def _open_and_close(path):
    Store(path).close()


def test_processes_opening_a_version_1_store_together_migrate_it_once(tmp_path):
    path = tmp_path / "v1.sqlite"
    make_version_1_store(path)
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_open_and_close, args=(path,)) for _ in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0, 0]
    with Store(path) as s:
        assert s.rows()[0]["time_budget"] == "reference"



def _open_fresh_stores(folder, count, barrier, failures):
    for i in range(count):
        barrier.wait(60)
        try:
            Store(folder / f"s{i}.sqlite").close()
        except LrcgError as e:
            failures.put(str(e))


def test_processes_creating_one_fresh_store_together_all_open_it(tmp_path):
    # Found by CI: a process read user_version 0, another committed the schema, and the first then saw tables
    # without a version ("refusing to touch it"); switching a fresh file to WAL also failed at once with
    # "database is locked". 4 processes opening each of 40 fresh stores at the same moment hit both windows.
    ctx = multiprocessing.get_context("spawn")
    barrier, failures = ctx.Barrier(4), ctx.Queue()
    procs = [ctx.Process(target=_open_fresh_stores, args=(tmp_path, 40, barrier, failures)) for _ in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(300)
    assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    assert [failures.get() for _ in range(failures.qsize())] == []
    with Store(tmp_path / "s0.sqlite") as s:
        assert s.con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
