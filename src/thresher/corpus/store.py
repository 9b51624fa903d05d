"""The corpus store: one SQLite file (WAL mode), one row per input record.

Only the parent process writes, one transaction per batch, so a run killed at any
moment leaves every record either committed whole or absent. The unique key
``(source, offset, record_id)`` makes a rerun skip what is done and lets
``--force`` rewrite a row in place (its ``id`` stays, so tables that point to it
stay valid). One run at a time holds the store (``runlock``); the ``runs`` table says
how each run ended: ``finished``, ``interrupted`` (a signal, or killed: found by the
next run) or ``failed`` (the store itself failed, e.g. a full disk).

SQLite's errors are reported as ``StoreError`` with their cause in words (disk full,
folder not writable, not a SQLite file, locked by another process).
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from thresher.corpus.records import Outcome, Provenance
from thresher.corpus.runlock import RunLock
from thresher.errors import StoreError
from thresher.models import Article

__all__ = ["RECORD_COLUMNS", "SCHEMA", "Store"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    thresher_version TEXT NOT NULL,
    arguments TEXT NOT NULL,
    summary_json TEXT,
    status TEXT,
    pid INTEGER
);
CREATE TABLE IF NOT EXISTS records (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    record_id TEXT NOT NULL,
    "offset" INTEGER NOT NULL,
    url TEXT,
    captured_at TEXT,
    content_hash TEXT,
    thresher_version TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('extracted', 'empty', 'failed')),
    reason TEXT,
    error_kind TEXT,
    title TEXT,
    published TEXT,
    text TEXT,
    article_json TEXT,
    duplicate_of INTEGER REFERENCES records(id),
    run_id INTEGER REFERENCES runs(id),
    UNIQUE (source, "offset", record_id)
);
CREATE INDEX IF NOT EXISTS records_by_content_hash ON records(content_hash);
"""

#: The columns of a record row, in the order the store writes and reads them.
RECORD_COLUMNS = (
    "source",
    "record_id",
    "offset",
    "url",
    "captured_at",
    "content_hash",
    "thresher_version",
    "status",
    "reason",
    "error_kind",
    "title",
    "published",
    "text",
    "article_json",
    "duplicate_of",
    "run_id",
)
_QUOTED = ", ".join(f'"{c}"' for c in RECORD_COLUMNS)
_UPDATE = ", ".join(f'"{c}" = excluded."{c}"' for c in RECORD_COLUMNS[3:])
_UPSERT = (
    f"INSERT INTO records ({_QUOTED}) VALUES ({', '.join('?' * len(RECORD_COLUMNS))}) "
    f'ON CONFLICT (source, "offset", record_id) DO UPDATE SET {_UPDATE} RETURNING id'
)
# A duplicate copies the outcome of its original inside SQLite, without re-extracting.
_COPIED = ("status", "reason", "error_kind", "title", "published", "text", "article_json")
_UPSERT_DUPLICATE = (
    f"INSERT INTO records ({_QUOTED}) "
    f"SELECT ?, ?, ?, ?, ?, ?, ?, {', '.join(_COPIED)}, id, ? FROM records WHERE id = ? AND true "
    f'ON CONFLICT (source, "offset", record_id) DO UPDATE SET {_UPDATE} RETURNING id'
)


#: Columns added to ``runs`` after the first stores were written; added when such a store is opened.
_RUN_COLUMNS = (("status", "TEXT"), ("pid", "INTEGER"))

P = ParamSpec("P")
R = TypeVar("R")


def _store_errors(method: Callable[Concatenate[Store, P], R]) -> Callable[Concatenate[Store, P], R]:
    """Report SQLite failures (disk full, locked, read-only) as ``StoreError``: one line, no traceback."""

    @functools.wraps(method)
    def wrapper(store: Store, /, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(store, *args, **kwargs)
        except sqlite3.Error as error:
            # SQLite rolls a transaction back by itself on some errors (a full disk).
            store._in_transaction = store._db.in_transaction
            raise StoreError(describe_error(store.path, error)) from error

    return wrapper


def describe_error(path: str, error: sqlite3.Error, doing: str = "") -> str:
    """One line naming the cause of a SQLite error on the store at ``path``."""
    name = getattr(error, "sqlite_errorname", "")
    folder = os.path.dirname(os.path.abspath(path))
    if name == "SQLITE_FULL":
        cause = (
            "disk full: no space left for the store; the records committed so far are kept, "
            "free some space and run again"
        )
    elif name == "SQLITE_NOTADB":
        cause = "not a SQLite file (not a thresher store)"
    elif name in ("SQLITE_BUSY", "SQLITE_LOCKED") or name.startswith("SQLITE_BUSY_"):
        cause = "the store is locked by another process"
    elif (
        name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN"))
        and os.path.isdir(folder)
        and not os.access(folder, os.W_OK)
    ):
        cause = f"folder {folder} is not writable"
    elif name.startswith("SQLITE_CANTOPEN") and not os.path.isdir(folder):
        cause = f"folder {folder} does not exist"
    elif name.startswith("SQLITE_READONLY"):
        cause = "the store file is read-only"
    elif name == "SQLITE_CORRUPT":
        cause = "the store file is damaged"
    else:
        return f"{path}: {doing}{error}"
    return f"{path}: {doing}{cause} ({error})"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """A corpus store at ``path``, created with its schema if missing.

    >>> store = Store(":memory:")
    >>> list(store.iter_articles())
    []
    """

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = str(path)
        self._lock = RunLock(self.path) if self.path != ":memory:" and not readonly else None
        try:
            if readonly:
                if not Path(self.path).is_file():
                    raise StoreError(f"{self.path}: no such store")
                uri = Path(self.path).resolve().as_uri() + "?mode=ro"
                self._db = sqlite3.connect(uri, uri=True, isolation_level=None)
            else:
                self._db = sqlite3.connect(self.path, isolation_level=None)
                self._db.execute("PRAGMA journal_mode=WAL")
                # WAL + NORMAL: a killed process never loses a committed batch.
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._db.executescript(SCHEMA)
                self._add_run_columns()
            self._db.execute("PRAGMA busy_timeout=10000")
            self._db.execute("SELECT count(*) FROM records").fetchone()
        except sqlite3.Error as error:
            raise StoreError(describe_error(self.path, error, "cannot open the store: ")) from error
        self._in_transaction = False

    def _add_run_columns(self) -> None:
        present = {row[1] for row in self._db.execute("PRAGMA table_info(runs)")}
        for name, kind in _RUN_COLUMNS:
            if name not in present:
                try:
                    self._db.execute(f"ALTER TABLE runs ADD COLUMN {name} {kind}")
                except sqlite3.OperationalError as error:  # added meanwhile by another process
                    if "duplicate column" not in str(error):
                        raise

    # ------------------------------------------------------------------ writing
    def _begin(self) -> None:
        if not self._in_transaction:
            self._db.execute("BEGIN IMMEDIATE")
            self._in_transaction = True

    @_store_errors
    def commit(self) -> None:
        """End the current batch: everything written since the last commit becomes durable."""
        if self._in_transaction and self._db.in_transaction:
            self._db.execute("COMMIT")
        self._in_transaction = False

    def begin_run(self, arguments: dict[str, Any], version: str) -> int:
        """Take the store for a run (or raise ``StoreError`` naming the run that has it) and
        record the run. Runs left ``running`` by a killed process are marked interrupted."""
        if self._lock is not None:
            self._lock.acquire()
        try:
            run_id = self._insert_run(arguments, version)
        except BaseException:
            self.release()
            raise
        if self._lock is not None:
            self._lock.record(run_id)
        return run_id

    @_store_errors
    def _insert_run(self, arguments: dict[str, Any], version: str) -> int:
        self._begin()
        for (stale,) in self._db.execute(
            "SELECT id FROM runs WHERE status = 'running' OR (status IS NULL AND finished_at IS NULL)"
        ).fetchall():
            self._db.execute(
                "UPDATE runs SET status = 'interrupted', summary_json = ? WHERE id = ?",
                (json.dumps(self.committed_summary(stale)), stale),
            )
        cursor = self._db.execute(
            "INSERT INTO runs (started_at, thresher_version, arguments, status, pid) "
            "VALUES (?, ?, ?, 'running', ?)",
            (_now(), version, json.dumps(arguments), os.getpid()),
        )
        self.commit()
        return int(cursor.lastrowid or 0)

    @_store_errors
    def finish_run(self, run_id: int, summary: dict[str, Any] | None, status: str = "finished") -> None:
        """Record how the run ended and let other runs in. ``summary`` None: count what the run
        committed (it could not keep its own counts, e.g. its store failed)."""
        try:
            self._begin()
            if summary is None:
                summary = self.committed_summary(run_id)
            self._db.execute(
                "UPDATE runs SET finished_at = ?, summary_json = ?, status = ? WHERE id = ?",
                (_now(), json.dumps(summary), status, run_id),
            )
            self.commit()
        finally:
            self.release()

    def committed_summary(self, run_id: int) -> dict[str, Any]:
        """The counts of the rows a run committed: the partial summary of a run that could not
        write its own."""
        summary: dict[str, Any] = {
            "records": 0,
            "extracted": 0,
            "empty": {},
            "failed": {},
            "duplicates": 0,
            "counted_from_store": True,
        }
        for status, reason, kind, copy, count in self._db.execute(
            "SELECT status, reason, error_kind, duplicate_of IS NOT NULL, count(*) FROM records "
            "WHERE run_id = ? GROUP BY 1, 2, 3, 4",
            (run_id,),
        ):
            summary["records"] += count
            if copy:
                summary["duplicates"] += count
            elif status == "extracted":
                summary["extracted"] += count
            elif status == "empty":
                summary["empty"][reason] = summary["empty"].get(reason, 0) + count
            else:
                summary["failed"][kind] = summary["failed"].get(kind, 0) + count
        return summary

    def release(self) -> None:
        """Let another run take the store (done by ``finish_run`` and ``close``)."""
        if self._lock is not None:
            self._lock.release()

    @_store_errors
    def write(self, outcome: Outcome, version: str, run_id: int) -> int:
        """Insert (or, under --force, replace) the row of one outcome; return its id."""
        self._begin()
        p = outcome.provenance
        row = (
            p.source,
            p.record_id,
            p.offset,
            p.url,
            p.captured_at,
            outcome.content_hash,
            version,
            outcome.status,
            outcome.reason,
            outcome.error_kind,
            outcome.title,
            outcome.published,
            outcome.text,
            outcome.article_json,
            None,
            run_id,
        )
        return int(self._db.execute(_UPSERT, row).fetchone()[0])

    @_store_errors
    def write_duplicate(
        self, provenance: Provenance, content_hash: str, original_id: int, version: str, run_id: int
    ) -> int:
        """Store a record whose content equals the record ``original_id``, copying its outcome."""
        self._begin()
        p = provenance
        row = (
            p.source,
            p.record_id,
            p.offset,
            p.url,
            p.captured_at,
            content_hash,
            version,
            run_id,
            original_id,
        )
        return int(self._db.execute(_UPSERT_DUPLICATE, row).fetchone()[0])

    # ------------------------------------------------------------------ lookups for a run
    @_store_errors
    def is_done(self, key: tuple[str, str, int], *, retry_failed: bool = False) -> bool:
        """True when the record already has a row (not counting failures with ``retry_failed``)."""
        row = self._db.execute(
            'SELECT status FROM records WHERE source = ? AND "offset" = ? AND record_id = ?',
            (key[0], key[2], key[1]),
        ).fetchone()
        return row is not None and not (retry_failed and row[0] == "failed")

    @_store_errors
    def find_original(self, content_hash: str, run_id: int | None = None) -> int | None:
        """The id of a row with this content that was extracted (not failed), if any."""
        sql = "SELECT id FROM records WHERE content_hash = ? AND duplicate_of IS NULL AND status != 'failed'"
        args: tuple[Any, ...] = (content_hash,)
        if run_id is not None:
            sql += " AND run_id = ?"
            args += (run_id,)
        row = self._db.execute(sql + " LIMIT 1", args).fetchone()
        return int(row[0]) if row else None

    # ------------------------------------------------------------------ reading
    def iter_articles(self) -> Iterator[tuple[int, str | None, str | None, Article]]:
        """``(id, url, captured_at, article)`` of every extracted row, in id order, streamed."""
        cursor = self._db.execute(
            "SELECT id, url, captured_at, article_json FROM records WHERE status = 'extracted' ORDER BY id"
        )
        for row_id, url, captured_at, article_json in cursor:
            yield row_id, url, captured_at, Article.from_json(article_json)

    def get_article(self, row_id: int) -> Article | None:
        """The article of row ``row_id``; None when there is no such row or it failed."""
        row = self._db.execute("SELECT article_json FROM records WHERE id = ?", (row_id,)).fetchone()
        return Article.from_json(row[0]) if row and row[0] else None

    def iter_rows(self, columns: tuple[str, ...] = RECORD_COLUMNS) -> Iterator[dict[str, Any]]:
        """Every row as a dict of ``id`` plus ``columns``, in id order, streamed."""
        names = ("id", *columns)
        cursor = self._db.execute(
            f"SELECT {', '.join(chr(34) + c + chr(34) for c in names)} FROM records ORDER BY id"
        )
        for row in cursor:
            yield dict(zip(names, row, strict=True))

    def execute(self, sql: str, args: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        """Run a read query (``thresher stats`` and tests)."""
        return self._db.execute(sql, args)

    @property
    def connection(self) -> sqlite3.Connection:
        """The SQLite connection (autocommit mode), for commands that keep their own tables
        in the store; write inside ``with store.transaction():``."""
        return self._db

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        self.commit()
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def close(self) -> None:
        try:
            self.commit()
        finally:
            self._db.close()
            self.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
