"""Reading captures from the corpus store (SQLite) and writing their story ids.

The store's ``records`` table is written by the corpus runner; this module only
reads it, and owns the ``story_members`` table (one story id per record; the id
is the smallest record id of the story, so it is stable as long as that record
stays).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from thresher.errors import StoreError
from thresher.models import Article

__all__ = [
    "StoredCapture",
    "open_store",
    "read_capture",
    "read_captures",
    "read_story",
    "story_of",
    "write_story_ids",
]

_COLUMNS = "id, url, captured_at, article_json"


@dataclass(frozen=True, slots=True)
class StoredCapture:
    """One extracted record of the store: its id, capture time and article."""

    id: int
    url: str | None
    captured_at: datetime | None
    article: Article

    @property
    def date(self) -> datetime | None:
        """The story-evidence date: published if known, else when it was captured."""
        return self.article.published or self.captured_at


def open_store(path: str | Path) -> sqlite3.Connection:
    """Open an existing store; ``StoreError`` if it is missing or holds no ``records`` table."""
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"no store at {path}")
    try:
        connection = sqlite3.connect(path)
        connection.execute("SELECT id, url, captured_at, status, article_json FROM records LIMIT 1")
    except sqlite3.Error as error:
        raise StoreError(f"{path} is not a thresher store: {error}") from error
    return connection


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _capture(row: tuple[int, str | None, str | None, str | None]) -> StoredCapture:
    record_id, url, captured_at, article_json = row
    try:
        article = Article.from_json(article_json or "{}")
    except (ValueError, KeyError, TypeError) as error:
        raise StoreError(f"record {record_id}: unreadable article_json: {error}") from error
    return StoredCapture(record_id, url, _parse_time(captured_at), article)


def read_captures(connection: sqlite3.Connection) -> Iterator[StoredCapture]:
    """Every extracted record, in id order."""
    try:
        with closing(
            connection.execute(f"SELECT {_COLUMNS} FROM records WHERE status = 'extracted' ORDER BY id")
        ) as cursor:
            for row in cursor:
                yield _capture(row)
    except sqlite3.Error as error:
        raise StoreError(f"cannot read the store: {error}") from error


def read_capture(connection: sqlite3.Connection, record_id: int) -> StoredCapture:
    """One record by id; ``StoreError`` if there is none or it holds no article."""
    try:
        row = connection.execute(
            f"SELECT {_COLUMNS}, status FROM records WHERE id = ?", (record_id,)
        ).fetchone()
    except sqlite3.Error as error:
        raise StoreError(f"cannot read the store: {error}") from error
    if row is None:
        raise StoreError(f"no record {record_id} in the store")
    if row[4] != "extracted":
        raise StoreError(f"record {record_id} has no article (status {row[4]})")
    return _capture(row[:4])


def write_story_ids(connection: sqlite3.Connection, story_ids: Mapping[int, int]) -> None:
    """Replace the story of every record with ``story_ids`` (record id -> story id), atomically."""
    try:
        with connection:
            connection.execute(
                "CREATE TABLE IF NOT EXISTS story_members ("
                "record_id INTEGER PRIMARY KEY REFERENCES records(id), "
                "story_id INTEGER NOT NULL)"
            )
            connection.execute("CREATE INDEX IF NOT EXISTS story_members_story ON story_members(story_id)")
            connection.execute("DELETE FROM story_members")
            connection.executemany(
                "INSERT INTO story_members (record_id, story_id) VALUES (?, ?)", sorted(story_ids.items())
            )
    except sqlite3.Error as error:
        raise StoreError(f"cannot write story ids: {error}") from error


def story_of(connection: sqlite3.Connection, record_id: int) -> int | None:
    """The story id of a record, or None before ``thresher stories`` ran."""
    try:
        row = connection.execute(
            "SELECT story_id FROM story_members WHERE record_id = ?", (record_id,)
        ).fetchone()
    except sqlite3.OperationalError:
        return None
    return None if row is None else int(row[0])


def read_story(connection: sqlite3.Connection, story_id: int) -> list[StoredCapture]:
    """The versions of a story in time order (capture time, then publication, then id).

    ``StoreError`` if the story is unknown or ``thresher stories`` has not run yet.
    """
    try:
        ids = [
            row[0]
            for row in connection.execute(
                "SELECT record_id FROM story_members WHERE story_id = ?", (story_id,)
            )
        ]
    except sqlite3.OperationalError as error:
        raise StoreError("the store has no stories yet: run `thresher stories --store PATH`") from error
    if not ids:
        raise StoreError(f"no story {story_id} in the store")
    captures = [read_capture(connection, record_id) for record_id in ids]

    def order(capture: StoredCapture) -> tuple[float, float, int]:
        def seconds(value: datetime | None) -> float:
            return value.replace(tzinfo=None).timestamp() if value else float("inf")

        return seconds(capture.captured_at), seconds(capture.article.published), capture.id

    return sorted(captures, key=order)
