"""The results store: every generation and every execution outcome, in one SQLite file.

A generation is keyed by (model, adapter, technique, benchmark, language, problem, sample, settings_hash);
`settings_hash` hashes the prompt text and the decoding settings, so a changed prompt or temperature is a
new row, never a silent overwrite. An outcome belongs to one generation (`generation_id`). UNIQUE keys plus
`ON CONFLICT DO NOTHING` make concurrent writers safe (WAL mode, one transaction per batch, a busy timeout;
any other constraint violation fails the whole batch rather than dropping a row), and
`PRAGMA user_version` holds the schema version: an older store is migrated, a newer or foreign one refused.

Notebooks read it with `load_outcomes(path, model=..., language=...)`, a tidy pandas DataFrame.
"""
from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from .errors import LrcgError

SCHEMA_VERSION = 2
_SURROGATE = re.compile("[\ud800-\udfff]")
KEY_FIELDS = ("model", "adapter", "technique", "benchmark", "language", "problem", "sample", "settings_hash")
OUTCOME_COLUMNS = ["model", "adapter", "technique", "benchmark", "language", "problem", "index", "sample", "status",
                   "passed", "completion", "settings_hash"]

_SCHEMA = """
CREATE TABLE generations (
    id INTEGER PRIMARY KEY,
    model TEXT NOT NULL,
    adapter TEXT NOT NULL DEFAULT '',
    technique TEXT NOT NULL,
    benchmark TEXT NOT NULL,
    language TEXT NOT NULL,
    problem TEXT NOT NULL,
    problem_index INTEGER NOT NULL,
    sample INTEGER NOT NULL,
    settings_hash TEXT NOT NULL,
    settings TEXT NOT NULL,
    prompt TEXT NOT NULL,
    response TEXT NOT NULL,
    completion TEXT NOT NULL,
    created REAL NOT NULL,
    UNIQUE (model, adapter, technique, benchmark, language, problem, sample, settings_hash)
);
CREATE TABLE outcomes (
    generation_id INTEGER PRIMARY KEY REFERENCES generations(id),
    status TEXT NOT NULL,
    exit_code INTEGER,
    stdout TEXT NOT NULL,
    stderr TEXT NOT NULL,
    seconds REAL NOT NULL,
    program TEXT NOT NULL,
    created REAL NOT NULL,
    time_budget TEXT NOT NULL DEFAULT 'reference',
    time_limit REAL
);
CREATE INDEX generations_run ON generations (model, adapter, technique, benchmark, language);
"""

# schema version -> SQL that brings a store of that version to the next one
MIGRATIONS: dict[int, str] = {
    # 1 -> 2: the time-budget policy that judged an outcome and its limit (lrcg.execution.budget); every
    # outcome stored before was judged by MultiPL-E's limits, with the limit not recorded
    1: "ALTER TABLE outcomes ADD COLUMN time_budget TEXT NOT NULL DEFAULT 'reference'; "
       "ALTER TABLE outcomes ADD COLUMN time_limit REAL",
}


@dataclass(frozen=True)
class Generation:
    model: str
    adapter: str
    technique: str
    benchmark: str
    language: str
    problem: str
    problem_index: int
    sample: int
    settings_hash: str
    settings: str  # JSON of the decoding settings (without the prompt)
    prompt: str
    response: str  # the model's raw text
    completion: str  # what is executed: prompt + completion + tests

    @property
    def key(self) -> tuple:
        return tuple(getattr(self, f) for f in KEY_FIELDS)


def settings_hash(prompt: str, settings: dict[str, Any]) -> str:
    """Hash of the prompt text and the decoding settings: what makes two samples comparable."""
    payload = json.dumps({"prompt": prompt, "settings": settings}, sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _utf8(text: str) -> str:
    """`text` as SQLite can store it: lone surrogates (invalid UTF-8 read with surrogateescape) become U+FFFD."""
    if not isinstance(text, str):
        return text  # None and the like: the schema's constraints judge them
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)


def _describe(path: Path, e: Exception) -> LrcgError:
    return LrcgError(f"results store {str(path)!r} cannot be used: {e} (is it an lrcg SQLite store?)")


def _version_and_tables(con: sqlite3.Connection) -> tuple[int, set[str]]:
    version = con.execute("PRAGMA user_version").fetchone()[0]
    return version, {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _check_version(path: Path, version: int, tables: set[str]) -> None:
    if version > SCHEMA_VERSION:
        raise LrcgError(f"results store {str(path)!r} has schema version {version}, newer than this lrcg "
                        f"understands ({SCHEMA_VERSION}); upgrade lrcg")
    if version == 0 and tables:
        raise LrcgError(f"results store {str(path)!r} is an SQLite file with tables "
                        f"({', '.join(sorted(tables))}) but no lrcg schema version; refusing to touch it")


def _use_wal(con: sqlite3.Connection, timeout: float = 60.0) -> None:
    # Switching a fresh file to WAL while another process opens it fails at once with "database is locked"
    # (SQLite's busy handler does not cover that lock): retry until the busy timeout.
    deadline = time.monotonic() + timeout
    while True:
        try:
            if con.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                con.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _connect(path: Path) -> sqlite3.Connection:
    if path.is_dir():
        raise LrcgError(f"results store {str(path)!r} is a directory, not an SQLite file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(str(path), timeout=60.0, isolation_level=None)
        con.execute("PRAGMA busy_timeout = 60000")
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("BEGIN")  # one snapshot: another process may create the schema between two reads
        version, tables = _version_and_tables(con)
        con.execute("COMMIT")
    except (sqlite3.DatabaseError, OSError) as e:
        raise _describe(path, e) from None
    try:
        _check_version(path, version, tables)
        _use_wal(con)
        if version == 0:
            con.execute("BEGIN IMMEDIATE")
            version, tables = _version_and_tables(con)  # another process may have won the race
            try:
                _check_version(path, version, tables)
            except LrcgError:
                con.execute("ROLLBACK")
                raise
            if version == 0:
                for statement in filter(str.strip, _SCHEMA.split(";")):
                    con.execute(statement)
                con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                version = SCHEMA_VERSION
            con.execute("COMMIT")
        while version < SCHEMA_VERSION and version in MIGRATIONS:
            con.execute("BEGIN IMMEDIATE")
            if con.execute("PRAGMA user_version").fetchone()[0] == version:  # else another process migrated it
                for statement in filter(str.strip, MIGRATIONS[version].split(";")):
                    con.execute(statement)
                con.execute(f"PRAGMA user_version = {version + 1}")
            con.execute("COMMIT")
            version = con.execute("PRAGMA user_version").fetchone()[0]
        if 0 < version < SCHEMA_VERSION:  # pragma: no cover
            raise LrcgError(f"results store {str(path)!r} has schema version {version}, which this lrcg cannot "
                            f"migrate to {SCHEMA_VERSION}; export it with the lrcg that wrote it")
    except sqlite3.DatabaseError as e:
        con.close()
        raise _describe(path, e) from None
    except LrcgError:
        con.close()
        raise
    return con


class Store:
    """An open results store (use as a context manager, or call close())."""

    def __init__(self, path: str | Path):
        self.path = Path(path).expanduser()
        self.con = _connect(self.path)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.con.execute("BEGIN IMMEDIATE")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    def add_generations(self, generations: Iterable[Generation]) -> int:
        """Insert a batch in one transaction; rows already stored are left as they are. Returns rows added."""
        rows = [(g.model, g.adapter, g.technique, g.benchmark, g.language, g.problem, g.problem_index, g.sample,
                 g.settings_hash, g.settings, _utf8(g.prompt), _utf8(g.response), _utf8(g.completion), time.time())
                for g in generations]
        with self.transaction() as con:
            before = con.total_changes
            con.executemany(
                "INSERT INTO generations (model, adapter, technique, benchmark, language, problem, "
                "problem_index, sample, settings_hash, settings, prompt, response, completion, created) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", rows)
            return con.total_changes - before

    def add_outcomes(self, outcomes: Iterable[tuple[int, Any, str]]) -> int:
        """Insert `(generation_id, execution.Outcome, program)` rows in one transaction. Returns rows added."""
        rows = [(gid, o.status, o.exit_code, _utf8(o.stdout), _utf8(o.stderr), o.seconds, _utf8(program), time.time(),
                 o.time_budget, o.time_limit) for gid, o, program in outcomes]
        with self.transaction() as con:
            before = con.total_changes
            con.executemany(
                "INSERT INTO outcomes (generation_id, status, exit_code, stdout, stderr, seconds, program, "
                "created, time_budget, time_limit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", rows)
            return con.total_changes - before

    def stored_keys(self, model: str, adapter: str, technique: str, benchmark: str, language: str) -> set[tuple]:
        """(problem, sample, settings_hash) of every generation stored for one run."""
        cur = self.con.execute(
            "SELECT problem, sample, settings_hash FROM generations WHERE model = ? AND adapter = ? AND technique = ? "
            "AND benchmark = ? AND language = ?", (model, adapter, technique, benchmark, language))
        return set(cur.fetchall())

    def unexecuted(self, model: str, adapter: str, technique: str, benchmark: str, language: str) -> list[dict]:
        """Generations of one run that have no outcome yet (id, problem, sample, settings_hash, completion)."""
        cur = self.con.execute(
            "SELECT g.id, g.problem, g.sample, g.settings_hash, g.completion FROM generations g "
            "LEFT JOIN outcomes o ON o.generation_id = g.id WHERE o.generation_id IS NULL AND g.model = ? "
            "AND g.adapter = ? AND g.technique = ? AND g.benchmark = ? AND g.language = ? ORDER BY g.id",
            (model, adapter, technique, benchmark, language))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def counts(self) -> tuple[int, int]:
        """(generations, outcomes) stored."""
        g = self.con.execute("SELECT COUNT(*) FROM generations").fetchone()[0]
        o = self.con.execute("SELECT COUNT(*) FROM outcomes").fetchone()[0]
        return g, o

    def rows(self, **filters) -> list[dict]:
        """Every generation (with its outcome, or None) matching `column=value` filters (a list = any of)."""
        allowed = {"model", "adapter", "technique", "benchmark", "language", "problem", "sample", "settings_hash"}
        where, params = [], []
        for name, value in filters.items():
            if value is None:
                continue
            if name not in allowed:
                raise LrcgError(f"unknown store filter {name!r} (valid: {', '.join(sorted(allowed))})")
            values = [value] if isinstance(value, (str, int)) else list(value)
            where.append(f"g.{name} IN ({', '.join('?' * len(values))})")
            params.extend(values)
        sql = ("SELECT g.id, g.model, g.adapter, g.technique, g.benchmark, g.language, g.problem, "
               "g.problem_index AS \"index\", g.sample, g.settings_hash, g.settings, g.prompt, g.response, "
               "g.completion, o.status, o.exit_code, o.stdout, o.stderr, o.seconds, o.program, o.time_budget, "
               "o.time_limit "
               "FROM generations g LEFT JOIN outcomes o ON o.generation_id = g.id")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY g.model, g.adapter, g.technique, g.benchmark, g.language, g.problem_index, g.sample"
        cur = self.con.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]


def open_store(path: str | Path) -> Store:
    return Store(path)


def stored_rows(path: str | Path, executed_only: bool = True, where=None, **filters) -> list[dict]:
    """`Store.rows` of an existing store file (LrcgError if it is missing), executed ones only by default, and
    only those `where(row)` accepts when given (e.g. `lrcg.evaluate.stored_selection(spec)`)."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise LrcgError(f"results store {str(path)!r} does not exist")
    with Store(path) as store:
        rows = store.rows(**filters)
    return [r for r in rows if (r["status"] is not None or not executed_only) and (where is None or where(r))]


def load_outcomes(path: str | Path, executed_only: bool = True, where=None, **filters):
    """Tidy DataFrame of per-sample outcomes: one row per (model, adapter, technique, benchmark, language,
    problem, sample, settings_hash), columns `OUTCOME_COLUMNS` (`passed` = status == "OK"), then exit_code,
    seconds, and the time-budget policy that judged the outcome with its limit (time_budget, time_limit).

    Filters are column=value (or a list of values), e.g. `load_outcomes(p, model="m", language=["r", "rkt"])`.
    Generations not yet executed are left out unless `executed_only=False` (then status is None); `where`: as
    `stored_rows`.
    """
    import pandas as pd

    df = pd.DataFrame(stored_rows(path, executed_only, where, **filters), columns=OUTCOME_COLUMNS + ["exit_code", "seconds", "time_budget", "time_limit"])
    df["passed"] = df["status"] == "OK"
    return df.reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# MultiPL-E result directories


def export_multipl_e(path: str | Path, output_dir: str | Path, **filters) -> list[Path]:
    """Write one MultiPL-E completion file (and a result file when executed) per problem of each stored run.

    Runs are (model, adapter, technique, benchmark, language, settings); each goes to its own subdirectory
    `<output_dir>/<language>-<technique>-<settings hash of its first problem>` unless only one run matches.
    """
    from .benchmarks import load_benchmark
    from .execution.multiple_io import result_entry, safe_file_stem, write_json_file, write_result_file

    with Store(path) as store:
        rows = store.rows(**filters)
    if not rows:
        raise LrcgError(f"results store {str(path)!r} has no generations matching {filters or 'anything'}")
    runs: dict[tuple, dict[str, list[dict]]] = {}
    for r in rows:
        run = (r["model"], r["adapter"], r["technique"], r["benchmark"], r["language"], r["settings"])
        runs.setdefault(run, {}).setdefault(r["problem"], []).append(r)
    written = []
    output_dir = Path(output_dir)
    for (model, adapter, technique, benchmark, language, settings), problems in runs.items():
        target = output_dir
        if len(runs) > 1:
            tag = hashlib.sha256(repr((model, adapter, settings)).encode()).hexdigest()[:8]
            target = output_dir / safe_file_stem(f"{language}-{technique}-{tag}")
        decoding = json.loads(settings)
        by_id = {p.task_id: p for p in load_benchmark(benchmark, language)}
        for name, samples in problems.items():
            p = by_id[name]
            samples.sort(key=lambda r: r["sample"])
            fields = {"name": name, "language": language, "prompt": p.prompt, "tests": p.tests,
                      "stop_tokens": list(p.stop_tokens), "temperature": decoding.get("temperature"),
                      "top_p": decoding.get("top_p"), "max_tokens": decoding.get("max_new_tokens"),
                      "model": model, "adapter": adapter, "technique": technique, "benchmark": benchmark}
            written.append(write_json_file(target / f"{safe_file_stem(name)}.json.gz",
                                           {**fields, "completions": [r["completion"] for r in samples]}))
            if all(r["status"] is not None for r in samples):
                results = [result_entry(p.prompt + r["completion"] + "\n" + p.tests, r["status"], r["exit_code"],
                                        r["stdout"], r["stderr"]) for r in samples]
                written.append(write_result_file(target, fields, results))
    return written


def import_multipl_e(path: str | Path, directory: str | Path, *, model: str, technique: str = "baseline",
                     benchmark: str = "multipl-e", adapter: str = "") -> tuple[int, int]:
    """Read a MultiPL-E directory (completion files, plus result files when present) into the store.

    Returns (generations added, outcomes added). Importing the same directory twice adds nothing.
    """
    from .benchmarks import humaneval_index
    from .execution import Outcome
    from .execution.multiple_io import read_completion_dir, read_json_file, result_file_path

    added_g = added_o = 0
    with Store(path) as store:
        for cf in read_completion_dir(directory):
            decoding = {"imported_from": "multipl-e", "temperature": cf.fields.get("temperature"),
                        "top_p": cf.fields.get("top_p"), "max_new_tokens": cf.fields.get("max_tokens")}
            settings = json.dumps(decoding, sort_keys=True)
            digest = settings_hash(cf.prompt, decoding)
            gens = [Generation(model, adapter, technique, benchmark, cf.language, cf.name, humaneval_index(cf.name),
                               i, digest, settings, cf.prompt, c, c) for i, c in enumerate(cf.completions)]
            added_g += store.add_generations(gens)
            result_path = result_file_path(Path(directory), cf.name)
            if not result_path.exists():
                continue
            results = read_json_file(result_path).get("results", [])
            keys = {(g.problem, g.sample): g for g in gens}
            ids = {(r[0], r[1]): r[2] for r in store.con.execute(
                "SELECT problem, sample, id FROM generations WHERE model = ? AND adapter = ? AND technique = ? "
                "AND benchmark = ? AND language = ? AND problem = ? AND settings_hash = ?",
                (model, adapter, technique, benchmark, cf.language, cf.name, digest))}
            outcomes = []
            for i, r in enumerate(results[:len(gens)]):
                gid = ids.get((cf.name, i))
                if gid is not None and (cf.name, i) in keys:
                    o = Outcome(r.get("status", "Exception"), r.get("exit_code"), r.get("stdout", ""),
                                r.get("stderr", ""), 0.0)
                    outcomes.append((gid, o, r.get("program", "")))
            added_o += store.add_outcomes(outcomes)
    return added_g, added_o
