"""Reading captures from the corpus store (SQLite) and writing their story ids.

The store's ``records`` table is written by the corpus runner; this module only
reads it, and owns the ``story_members`` table (one story id per record; the id
is the smallest record id of the story, so it is stable as long as that record
stays).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from thresher.corpus.store import Store
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


def open_store(path: str | Path) -> Store:
    """Open an existing store; ``StoreError`` if there is none at ``path``."""
    if not Path(path).is_file():
        raise StoreError(f"no store at {path}")
    return Store(path)


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _capture(record_id: int, url: str | None, captured_at: str | None, article: Article) -> StoredCapture:
    return StoredCapture(record_id, url, _parse_time(captured_at), article)


def read_captures(store: Store) -> Iterator[StoredCapture]:
    """Every extracted record, in id order."""
    try:
        for row in store.iter_articles():
            yield _capture(*row)
    except (ValueError, KeyError, TypeError) as error:
        raise StoreError(f"unreadable article_json in the store: {error}") from error


def read_capture(store: Store, record_id: int) -> StoredCapture:
    """One record by id; ``StoreError`` if there is none or it holds no article."""
    row = store.execute("SELECT url, captured_at, status FROM records WHERE id = ?", (record_id,)).fetchone()
    if row is None:
        raise StoreError(f"no record {record_id} in the store")
    url, captured_at, status = row
    article = store.get_article(record_id) if status == "extracted" else None
    if article is None:
        raise StoreError(f"record {record_id} has no article (status {status})")
    return _capture(record_id, url, captured_at, article)


def write_story_ids(store: Store, story_ids: Mapping[int, int]) -> None:
    """Replace the story of every record with ``story_ids`` (record id -> story id), atomically."""
    with store.transaction() as connection:
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


def _has_stories(store: Store) -> bool:
    query = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'story_members'"
    return store.execute(query).fetchone() is not None


def story_of(store: Store, record_id: int) -> int | None:
    """The story id of a record, or None before ``thresher stories`` ran."""
    if not _has_stories(store):
        return None
    row = store.execute("SELECT story_id FROM story_members WHERE record_id = ?", (record_id,)).fetchone()
    return None if row is None else int(row[0])


def read_story(store: Store, story_id: int) -> list[StoredCapture]:
    """The versions of a story in time order (capture time, then publication, then id).

    ``StoreError`` if the story is unknown or ``thresher stories`` has not run yet.
    """
    if not _has_stories(store):
        raise StoreError("the store has no stories yet: run `thresher stories --store PATH`")
    ids = [row[0] for row in store.execute(
        "SELECT record_id FROM story_members WHERE story_id = ?", (story_id,))]
    if not ids:
        raise StoreError(f"no story {story_id} in the store")
    captures = [read_capture(store, record_id) for record_id in ids]

    def order(capture: StoredCapture) -> tuple[float, float, int]:
        def seconds(value: datetime | None) -> float:
            return value.replace(tzinfo=None).timestamp() if value else float("inf")

        return seconds(capture.captured_at), seconds(capture.article.published), capture.id

    return sorted(captures, key=order)
