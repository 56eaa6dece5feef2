"""Split runs: `--shard K/N` partitions the tasks, `lrcg merge` combines stores (idempotent, refuses
disagreeing rows), and N concurrent shards merged equal the single run row for row."""
from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from conftest import needs_toolchain
from fixtures_models import tiny_llama  # noqa: F401  (pytest fixture)
from lrcg.cli import main
from lrcg.errors import LrcgError
from lrcg.execution import Outcome
from lrcg.merge import merge_stores, parse_shard, shard_of
from lrcg.store import Store
from test_evaluate import counts, evaluate_args, stored_rows
from test_store import gen


def test_parse_shard_and_partition():
    assert parse_shard("3/8") == (3, 8) and parse_shard(None) is None
    for bad in ("0/4", "5/4", "x/2", "2", "1/0"):
        with pytest.raises(LrcgError, match="expected K/N"):
            parse_shard(bad)
    tasks = [(lang, f"HumanEval_{i}_x", s) for lang in ("r", "rkt") for i in range(40) for s in range(5)]
    for greedy in (False, True):
        parts = [[t for t in tasks if shard_of("multipl-e", *t, 4, greedy) == k] for k in range(1, 5)]
        assert sorted(sum(parts, [])) == sorted(tasks)  # disjoint and complete
        assert all(len(p) > len(tasks) / 10 for p in parts)  # no shard empty or starved
        if greedy:  # a greedy problem's samples stay together
            assert all(len({shard_of("multipl-e", lang, p, s, 4, True) for s in range(5)}) == 1
                       for lang, p, _ in tasks)


def _store(path, gens, statuses=()):
    with Store(path) as s:
        s.add_generations(gens)
        rows = s.rows()
        s.add_outcomes([(r["id"], Outcome(st, 0, "", "", 0.1), "prog") for r, st in zip(rows, statuses)])
    return path


def _content(path):
    with Store(path) as s:
        return sorted((r["problem"], r["sample"], r["completion"], r["status"]) for r in s.rows())


def test_merge_combines_is_idempotent_and_extends_an_existing_output(tmp_path):
    a = _store(tmp_path / "a.sqlite", [gen(sample=0), gen(sample=1)], ["OK", "Exception"])
    b = _store(tmp_path / "b.sqlite", [gen(sample=1), gen(sample=2)], ["Exception"])  # sample 1 in both
    c = _store(tmp_path / "c.sqlite", [gen(sample=3)])
    out = tmp_path / "all.sqlite"
    r = merge_stores([a, b], out)
    assert (r.generations_added, r.outcomes_added, r.generations, r.outcomes) == (3, 2, 3, 2)
    assert _content(out) == [("HumanEval_23_strlen", 0, "  return #string\nend", "OK"),
                             ("HumanEval_23_strlen", 1, "  return #string\nend", "Exception"),
                             ("HumanEval_23_strlen", 2, "  return #string\nend", None)]
    before = _content(out)
    r = merge_stores([a, b], out)
    assert (r.generations_added, r.outcomes_added) == (0, 0) and _content(out) == before
    assert main(["merge", str(c), str(out), "-o", str(out)]) == 0  # into an existing output, itself listed
    assert len(_content(out)) == 4
    # an outcome that only a later store has is added to the row already merged
    d = _store(tmp_path / "d.sqlite", [gen(sample=2)], ["OK"])
    assert merge_stores([d], out).outcomes_added == 1


@pytest.mark.parametrize("other, what", [
    (lambda: [gen(sample=1, completion="  return 0\nend")], "completion differs"),
    (lambda: [gen(sample=0)], "outcome"),
])
def test_merge_refuses_rows_that_disagree_and_writes_nothing(other, what, tmp_path, capsys):
    a = _store(tmp_path / "a.sqlite", [gen(sample=0), gen(sample=1)], ["OK"])
    b = _store(tmp_path / "b.sqlite", other(), ["Exception"])
    out = tmp_path / "all.sqlite"
    for inputs in ([a, b], [b, a]):
        assert main(["merge", *map(str, inputs), "-o", str(out)]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and what in err[0] and "HumanEval_23_strlen" in err[0], err
        assert "a.sqlite" in err[0] and "b.sqlite" in err[0]
        assert counts(out) == (0, 0)
    merge_stores([a], out)  # and against rows already in the output
    with pytest.raises(LrcgError, match="sample"):
        merge_stores([b], out)
    assert counts(out) == (2, 1)


def test_merge_bad_inputs_are_clear_errors(tmp_path):
    with pytest.raises(LrcgError, match="does not exist"):
        merge_stores([tmp_path / "none.sqlite"], tmp_path / "out.sqlite")
    foreign = tmp_path / "foreign.sqlite"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)")
    with pytest.raises(LrcgError, match="no lrcg schema version"):
        merge_stores([foreign], tmp_path / "out.sqlite")


@pytest.mark.slow
def test_concurrent_shards_merged_equal_the_single_run(tiny_llama, tmp_path):
    for lang in ("py", "lua", "r"):
        needs_toolchain(lang)
    # batch size 1: every prompt is generated alone, as in the single run, so greedy tokens are identical
    single = tmp_path / "single.sqlite"
    args = lambda store, *x: evaluate_args(tiny_llama, store, "--batch-size", "1", "--samples", "2",  # noqa: E731
                                          "--temperature", "0.8", *x, limit=3, tokens=16)
    assert main(args(single)) == 0
    expected = stored_rows(single)
    assert len(expected) == 18
    n = 3
    shards = [tmp_path / f"shard{k}.sqlite" for k in range(1, n + 1)]
    procs = [subprocess.Popen([sys.executable, "-m", "lrcg", *args(s, "--shard", f"{k}/{n}")],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
             for k, s in enumerate(shards, 1)]
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err.decode()[-2000:]
    sizes = [counts(s)[0] for s in shards]
    assert sum(sizes) == 18 and all(0 < g < 18 for g in sizes)  # each did a part, none all
    merged = tmp_path / "merged.sqlite"
    assert main(["merge", *map(str, shards), "-o", str(merged)]) == 0
    assert stored_rows(merged) == expected
    assert counts(merged) == (18, 18)
    # a shard re-run finds its part done
    assert main(args(shards[0], "--shard", f"1/{n}")) == 0 and counts(shards[0])[0] == sizes[0]


def test_merge_keeps_the_time_budget_that_judged_each_outcome(tmp_path):
    a = tmp_path / "a.sqlite"
    with Store(a) as s:
        s.add_generations([gen(sample=0)])
        (row,) = s.rows()
        s.add_outcomes([(row["id"], Outcome("Timeout", None, "", "", 3.0, time_budget="adaptive", time_limit=3.0),
                         "prog")])
    out = tmp_path / "all.sqlite"
    merge_stores([a], out)
    with Store(out) as s:
        (row,) = s.rows()
    assert (row["status"], row["time_budget"], row["time_limit"]) == ("Timeout", "adaptive", 3.0)


def test_merge_reads_a_gzip_compressed_store(tmp_path):
    import gzip
    import shutil

    a = _store(tmp_path / "a.sqlite", [gen(sample=0), gen(sample=1)], ["OK", "Exception"])
    with open(a, "rb") as src, gzip.open(tmp_path / "a.sqlite.gz", "wb") as dst:
        shutil.copyfileobj(src, dst)
    out = tmp_path / "all.sqlite"
    assert main(["merge", str(tmp_path / "a.sqlite.gz"), "-o", str(out)]) == 0
    assert _content(out) == _content(a)
    assert merge_stores([tmp_path / "a.sqlite.gz"], out).generations_added == 0
    (tmp_path / "bad.sqlite.gz").write_bytes(b"not gzip")
    with pytest.raises(LrcgError, match="bad.sqlite.gz.*not a gzip-compressed store"):
        merge_stores([tmp_path / "bad.sqlite.gz"], out)
    with gzip.open(tmp_path / "text.sqlite.gz", "wb") as f:
        f.write(b"not a database, but gzip" * 100)
    with pytest.raises(LrcgError, match="text.sqlite.gz', decompressed, is not a usable store"):
        merge_stores([tmp_path / "text.sqlite.gz"], out)
    other = _store(tmp_path / "b.sqlite", [gen(sample=1, completion="  return 0\nend")])
    with open(other, "rb") as src, gzip.open(tmp_path / "b.sqlite.gz", "wb") as dst:
        shutil.copyfileobj(src, dst)
    with pytest.raises(LrcgError, match="b.sqlite.gz"):  # a conflict names the file given, not its copy
        merge_stores([tmp_path / "b.sqlite.gz"], out)


def test_snapshot_is_a_stable_gzip_store_taken_while_another_connection_writes(tmp_path):
    from lrcg.merge import snapshot_store

    a = _store(tmp_path / "a.sqlite", [gen(sample=0), gen(sample=1)], ["OK"])
    writer = Store(a)  # a run still holding the store open, its last batch not yet committed
    writer.con.execute("BEGIN IMMEDIATE")
    writer.con.execute("DELETE FROM outcomes")
    snap = tmp_path / "snap" / "a.sqlite.gz"
    made = snapshot_store(a, snap)
    writer.con.execute("ROLLBACK")
    writer.close()
    assert (made["generations"], made["outcomes"]) == (2, 1) and made["bytes"] == snap.stat().st_size
    first = snap.read_bytes()
    assert main(["snapshot", str(a), "-o", str(snap)]) == 0 and snap.read_bytes() == first  # same store, same bytes
    assert not list(snap.parent.glob("*.partial"))
    merge_stores([snap], tmp_path / "back.sqlite")
    assert _content(tmp_path / "back.sqlite") == _content(a)
    with pytest.raises(LrcgError, match="must end in .gz"):
        snapshot_store(a, tmp_path / "a.sqlite")
    with pytest.raises(LrcgError, match="does not exist"):
        snapshot_store(tmp_path / "none.sqlite", snap)


def test_a_snapshot_of_some_models_keeps_only_their_rows(tmp_path):
    from lrcg.merge import snapshot_store

    a = _store(tmp_path / "a.sqlite", [gen(sample=0), gen(sample=1), gen(model="other", sample=0)], ["OK", "OK", "OK"])
    snap = tmp_path / "other.sqlite.gz"
    made = snapshot_store(a, snap, models=["other"])
    assert (made["generations"], made["outcomes"]) == (1, 1)
    merge_stores([snap], tmp_path / "back.sqlite")
    with Store(tmp_path / "back.sqlite") as back:
        assert [m for (m,) in back.con.execute("SELECT model FROM generations")] == ["other"]
    with pytest.raises(LrcgError, match="no rows of model.*missing.*its models: m, other"):
        snapshot_store(a, snap, models=["missing"])
