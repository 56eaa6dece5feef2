"""Split a run over many jobs and combine their stores: `shard_of` (which job a task belongs to) and
`merge_stores` (`lrcg merge A.sqlite B.sqlite ... -o ALL.sqlite`).

Sharding: `lrcg evaluate --shard K/N` keeps the tasks whose shard is K. A task's shard is a hash of
(benchmark, language, problem, sample) modulo N, so it depends on nothing but the task itself: not on
what is stored, on --limit, or on the other languages. N jobs started at once with K = 1..N therefore
partition the work whatever each finds in its store. Greedy runs hash the problem only: their samples are
one generation shared by all (see `generation.generate_batches`), which must not be split over jobs.

Merging copies every generation and outcome of the inputs into the output (created if need be) under the
store's unique key. Rows already in the output are left alone, so merging again changes nothing. Two rows
with the same key that disagree (different completion, or both executed with different status) mean the
inputs are not parts of one run: the merge refuses before writing anything, naming them.

An input ending in `.gz` is a gzip-compressed store (e.g. the snapshot of a long run kept in git,
`snapshots/laptop-results.sqlite.gz`): it is read from a decompressed temporary copy. `snapshot_store` writes
one (`lrcg snapshot`), also while a run is writing to the store.
"""
from __future__ import annotations

import gzip
import hashlib
import shutil
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from .errors import LrcgError
from .store import KEY_FIELDS, Store

MAX_NAMED_CONFLICTS = 5


def parse_shard(value: str | tuple[int, int] | None) -> tuple[int, int] | None:
    """`"K/N"` -> (K, N) with 1 <= K <= N; None stays None."""
    if value is None or isinstance(value, tuple):
        return value
    k, sep, n = str(value).strip().partition("/")
    try:
        shard = (int(k), int(n))
    except ValueError:
        shard = None
    if not sep or shard is None or not 1 <= shard[0] <= shard[1]:
        raise LrcgError(f"--shard {value!r}: expected K/N with 1 <= K <= N, e.g. 3/8")
    return shard


def shard_of(benchmark: str, language: str, problem: str, sample: int, shards: int, greedy: bool) -> int:
    """The shard (1..shards) a (problem, sample) task belongs to."""
    key = f"{benchmark}\0{language}\0{problem}" + ("" if greedy else f"\0{sample}")
    return 1 + int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "little") % shards


@dataclass(frozen=True)
class MergeResult:
    generations_added: int
    outcomes_added: int
    generations: int  # in the output afterwards
    outcomes: int


_KEY_MATCH = " AND ".join(f"a.{f} = b.{f}" for f in KEY_FIELDS)
_GENERATION_COLUMNS = ("model, adapter, technique, benchmark, language, problem, problem_index, sample, "
                       "settings_hash, settings, prompt, response, completion, created")
_OUTCOME_COLUMNS = "status, exit_code, stdout, stderr, seconds, program, created, time_budget, time_limit"


def _conflicts(con, a: str, b: str) -> list[tuple]:
    """Keys stored in both `a` and `b` (schemas or tables with the store's columns) whose rows disagree:
    (key..., what differs). `b` may be the temp table `seen` (generations with a `status` column)."""
    b_status = "b.status" if b == "temp.seen" else "bo.status"
    b_join = "" if b == "temp.seen" else f"LEFT JOIN {b.split('.')[0]}.outcomes bo ON bo.generation_id = b.id"
    a_gen = f"{a}.generations" if "." not in a else a
    b_gen = b if b == "temp.seen" else f"{b}.generations"
    sql = (f"SELECT {', '.join('a.' + f for f in KEY_FIELDS)}, a.completion != b.completion, ao.status, {b_status} "
           f"FROM {a_gen} a JOIN {b_gen} b ON {_KEY_MATCH} "
           f"LEFT JOIN {a}.outcomes ao ON ao.generation_id = a.id {b_join} "
           f"WHERE a.completion != b.completion OR (ao.status IS NOT NULL AND {b_status} IS NOT NULL "
           f"AND ao.status != {b_status}) LIMIT {MAX_NAMED_CONFLICTS + 1}")
    rows = []
    for *key, completion_differs, status_a, status_b in con.execute(sql):
        what = "completion differs" if completion_differs else f"outcome {status_a} vs {status_b}"
        rows.append((*key, what))
    return rows


def _describe_conflict(row: tuple, here: str, there: str) -> str:
    key = dict(zip(KEY_FIELDS, row[:-1]))
    return (f"{key['model']} {key['technique']} {key['benchmark']}/{key['language']} {key['problem']} "
            f"sample {key['sample']} (settings {key['settings_hash']}): {row[-1]} between {here} and {there}")


def _decompressed(path: Path, stack: ExitStack) -> Path:
    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="lrcg-merge-")))
    copy = folder / path.name[: -len(".gz")]
    try:
        with gzip.open(path, "rb") as src, open(copy, "wb") as dst:
            shutil.copyfileobj(src, dst)
    except (OSError, EOFError) as e:
        raise LrcgError(f"results store {str(path)!r} is not a gzip-compressed store: {e}") from None
    return copy


def merge_stores(inputs: Sequence[str | Path], output: str | Path) -> MergeResult:
    """Copy the generations and outcomes of every input store (`.gz`: compressed) into `output` (see the module
    docstring)."""
    with ExitStack() as stack:
        return _merge_stores(inputs, output, stack)


def _merge_stores(inputs: Sequence[str | Path], output: str | Path, stack: ExitStack) -> MergeResult:
    output = Path(output).expanduser()
    paths, named = [], {}  # the stores to read; the name each was given (a .gz input is read from a copy)
    for p in map(lambda x: Path(x).expanduser(), inputs):
        if not p.is_file():
            raise LrcgError(f"results store {str(p)!r} does not exist")
        if output.exists() and p.resolve() == output.resolve():
            continue  # the output is already in the output
        name = str(p)
        if p.suffix == ".gz":
            p = _decompressed(p, stack)
        named[p] = name
        try:
            Store(p).close()  # an lrcg store of a schema we read, or a clear error
        except LrcgError as e:
            if name == str(p):
                raise
            raise LrcgError(f"results store {name!r}, decompressed, is not a usable store: {e}") from None
        paths.append(p)
    if not inputs:
        raise LrcgError("lrcg merge: give at least one input store")
    with Store(output) as out:
        con = out.con
        g0, o0 = out.counts()
        # Pass 1 (reads only): every input against the output and against the inputs before it.
        con.execute(f"CREATE TEMP TABLE seen AS SELECT {', '.join(KEY_FIELDS)}, completion, '' AS status, "
                    "'' AS source FROM generations WHERE 0")
        con.execute(f"CREATE UNIQUE INDEX temp.seen_key ON seen ({', '.join(KEY_FIELDS)})")
        problems: list[str] = []
        for p in paths:
            con.execute("ATTACH DATABASE ? AS src", (str(p),))
            try:
                problems += [_describe_conflict(r, named[p], str(output)) for r in _conflicts(con, "src", "main")]
                for r in _conflicts(con, "src", "temp.seen"):
                    key = dict(zip(KEY_FIELDS, r[:-1]))
                    (source,) = con.execute(f"SELECT source FROM temp.seen WHERE "
                                            f"{' AND '.join(f + ' = ?' for f in KEY_FIELDS)}",
                                            [key[f] for f in KEY_FIELDS]).fetchone()
                    problems.append(_describe_conflict(r, named[p], source))
                con.execute(f"INSERT INTO temp.seen SELECT {', '.join('g.' + f for f in KEY_FIELDS)}, g.completion, "
                            f"o.status, ? FROM src.generations g LEFT JOIN src.outcomes o ON o.generation_id = g.id "
                            f"WHERE 1 ON CONFLICT DO UPDATE SET status = COALESCE(seen.status, excluded.status)",
                            (named[p],))
            finally:
                con.execute("DETACH DATABASE src")
            if len(problems) > MAX_NAMED_CONFLICTS:
                break
        con.execute("DROP TABLE temp.seen")
        if problems:
            shown = "; ".join(problems[:MAX_NAMED_CONFLICTS])
            more = " (and more)" if len(problems) > MAX_NAMED_CONFLICTS else ""
            raise LrcgError(f"refusing to merge: rows with the same key disagree, so these stores are not parts "
                            f"of one run: {shown}{more}; nothing was written to {str(output)!r}")
        # Pass 2: one transaction per input (a merge stopped half way is finished by running it again).
        for p in paths:
            con.execute("ATTACH DATABASE ? AS src", (str(p),))
            try:
                with out.transaction():
                    con.execute(f"INSERT INTO main.generations ({_GENERATION_COLUMNS}) SELECT {_GENERATION_COLUMNS} "
                                f"FROM src.generations WHERE 1 ON CONFLICT DO NOTHING")
                    con.execute(f"INSERT INTO main.outcomes (generation_id, {_OUTCOME_COLUMNS}) "
                                f"SELECT b.id, {', '.join('o.' + c.strip() for c in _OUTCOME_COLUMNS.split(','))} "
                                f"FROM src.outcomes o JOIN src.generations a ON a.id = o.generation_id "
                                f"JOIN main.generations b ON {_KEY_MATCH} WHERE 1 ON CONFLICT DO NOTHING")
            finally:
                con.execute("DETACH DATABASE src")
        g1, o1 = out.counts()
    return MergeResult(g1 - g0, o1 - o0, g1, o1)


def _keep_models(con, store: Path, models: Sequence[str]) -> None:
    present = [m for (m,) in con.execute("SELECT DISTINCT model FROM generations ORDER BY model")]
    unknown = [m for m in models if m not in present]
    if unknown:
        raise LrcgError(f"results store {store} has no rows of model(s) {', '.join(unknown)}; "
                        f"its models: {', '.join(present) or 'none'}")
    marks = ",".join("?" * len(models))
    con.execute(f"DELETE FROM outcomes WHERE generation_id IN "
                f"(SELECT id FROM generations WHERE model NOT IN ({marks}))", list(models))
    con.execute(f"DELETE FROM generations WHERE model NOT IN ({marks})", list(models))
    con.commit()


def snapshot_store(store: str | Path, output: str | Path, models: Sequence[str] = ()) -> dict:
    """Write a gzip-compressed copy of a results store: a consistent copy even while a run writes to it
    (SQLite's online backup), vacuumed, compressed with no timestamp (the same store gives the same bytes), and
    put in place only when complete, so a kill never leaves a broken snapshot. `models`, when given, keeps only
    those models' rows (so a snapshot need not repeat what another one holds). Returns its counts and size."""
    import sqlite3

    store, output = Path(store), Path(output)
    if not store.is_file():
        raise LrcgError(f"results store {store} does not exist")
    if not output.name.endswith(".gz"):
        raise LrcgError(f"snapshot {output}: the name must end in .gz (it is gzip-compressed)")
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "store.sqlite"
        source, target = sqlite3.connect(store), sqlite3.connect(copy)
        try:
            source.backup(target)
            if models:
                _keep_models(target, store, models)
            target.execute("VACUUM")
        finally:
            source.close()
            target.close()
        with Store(copy) as copied:
            generations, outcomes = copied.counts()
        partial = output.with_name(output.name + ".partial")
        with open(copy, "rb") as src, open(partial, "wb") as raw, \
                gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as dst:
            shutil.copyfileobj(src, dst)
        partial.replace(output)
    return {"generations": generations, "outcomes": outcomes, "bytes": output.stat().st_size}
