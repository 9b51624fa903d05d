"""Reading captures from the corpus store (SQLite) and writing their story ids.

The store's ``records`` table is written by the corpus runner; this module only
reads it, and owns the ``story_members`` table (one story id per record; the id
is the smallest record id of the story, so it is stable as long as that record
stays).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from thresher.corpus.store import Store
from thresher.errors import StoreError
from thresher.models import Article

__all__ = [
    "StoredCapture",
    "StorySummary",
    "format_moment",
    "has_stories",
    "list_stories",
    "open_store",
    "read_capture",
    "read_captures",
    "read_story",
    "sort_key",
    "stale_note",
    "story_ids",
    "story_of",
    "version_order",
    "write_story_ids",
]


@dataclass(frozen=True, slots=True)
class StoredCapture:
    """One extracted record of the store: its id, where it came from, when, and its article."""

    id: int
    url: str | None
    captured_at: datetime | None
    article: Article
    #: The input file the record was read from (a page, a WARC, a JSON Lines file).
    source: str | None = None
    #: The hash of the captured bytes: equal hashes are byte-identical captures.
    content_hash: str | None = None

    @property
    def date(self) -> datetime | None:
        """The story-evidence date: published if known, else when it was captured."""
        return self.article.published or self.captured_at

    @property
    def origin(self) -> str:
        """Where a reader finds this capture: its URL, else its source file."""
        return self.url or self.source or f"record {self.id}"

    def label(self) -> str:
        """``record 7, published 2024-03-01, <origin>``: how a version is named to a reader."""
        parts = [f"record {self.id}"]
        if self.article.published:
            parts.append(f"published {format_moment(self.article.published)}")
        if self.captured_at:
            parts.append(f"captured {format_moment(self.captured_at)}")
        return ", ".join(parts) + f" ({self.origin})"


def format_moment(moment: datetime) -> str:
    """A date for people: to the minute, in UTC when the zone is known; a bare date at midnight."""
    if moment.tzinfo is not None:
        return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        moment.strftime("%Y-%m-%d %H:%M")
        if (moment.hour, moment.minute) != (0, 0)
        else moment.date().isoformat()
    )


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


def _capture(
    record_id: int,
    url: str | None,
    captured_at: str | None,
    article: Article,
    source: str | None = None,
    content_hash: str | None = None,
) -> StoredCapture:
    return StoredCapture(record_id, url, _parse_time(captured_at), article, source, content_hash)


def read_captures(store: Store) -> Iterator[StoredCapture]:
    """Every extracted record, in id order."""
    try:
        for row in store.iter_articles():
            yield _capture(*row)
    except (ValueError, KeyError, TypeError) as error:
        raise StoreError(f"unreadable article_json in the store: {error}") from error


def read_capture(store: Store, record_id: int) -> StoredCapture:
    """One record by id; ``StoreError`` if there is none or it holds no article."""
    row = store.execute(
        "SELECT url, captured_at, status, source, content_hash FROM records WHERE id = ?", (record_id,)
    ).fetchone()
    if row is None:
        raise StoreError(f"no record {record_id} in the store")
    url, captured_at, status, source, content_hash = row
    article = store.get_article(record_id) if status == "extracted" else None
    if article is None:
        raise StoreError(f"record {record_id} has no article (status {status})")
    return _capture(record_id, url, captured_at, article, source, content_hash)


def _create_members(connection: sqlite3.Connection) -> None:
    connection.execute(
        "CREATE TABLE IF NOT EXISTS story_members ("
        "record_id INTEGER PRIMARY KEY REFERENCES records(id), "
        "story_id INTEGER NOT NULL)"
    )
    connection.execute("CREATE INDEX IF NOT EXISTS story_members_story ON story_members(story_id)")


def write_story_ids(store: Store, story_ids: Mapping[int, int], *, replace: bool = True) -> None:
    """Write the story of records (record id -> story id), atomically.

    ``replace`` drops every earlier story first (a full grouping); otherwise only
    the records given are written, as an incremental grouping does.
    """
    with store.transaction() as connection:
        _create_members(connection)
        if replace:
            connection.execute("DELETE FROM story_members")
        connection.executemany(
            "INSERT OR REPLACE INTO story_members (record_id, story_id) VALUES (?, ?)",
            sorted(story_ids.items()),
        )


def has_stories(store: Store) -> bool:
    """Whether ``thresher stories`` has grouped this store."""
    query = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'story_members'"
    return store.execute(query).fetchone() is not None


def story_ids(store: Store) -> dict[int, int]:
    """Record id -> story id of every grouped record (empty before ``thresher stories``)."""
    if not has_stories(store):
        return {}
    return {int(r): int(s) for r, s in store.execute("SELECT record_id, story_id FROM story_members")}


def stale_note(store: Store) -> str | None:
    """The one line telling a reader that stories miss records added since the last grouping."""
    from thresher.corpus.stats import story_counts, ungrouped_note

    return ungrouped_note(story_counts(store))


def story_of(store: Store, record_id: int) -> int | None:
    """The story id of a record, or None before ``thresher stories`` ran."""
    if not has_stories(store):
        return None
    row = store.execute("SELECT story_id FROM story_members WHERE record_id = ?", (record_id,)).fetchone()
    return None if row is None else int(row[0])


def sort_key(moment: datetime | None) -> float:
    """Seconds since the epoch (a date without a zone is read as UTC); unknown dates last."""
    if moment is None:
        return float("inf")
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def version_order(capture: StoredCapture) -> tuple[float, float, int]:
    """Versions in the order a story was told: publication date if the page gives one, else
    capture time; captures of one publication date by capture time; then record id."""
    return sort_key(capture.date), sort_key(capture.captured_at), capture.id


def read_story(store: Store, story_id: int) -> list[StoredCapture]:
    """The captures of a story in ``version_order``.

    ``StoreError`` if the story is unknown or ``thresher stories`` has not run yet.
    """
    if not has_stories(store):
        raise StoreError("the store has no stories yet: run `thresher stories --store PATH`")
    ids = [
        row[0] for row in store.execute("SELECT record_id FROM story_members WHERE story_id = ?", (story_id,))
    ]
    if not ids:
        raise StoreError(f"no story {story_id} in the store")
    return sorted((read_capture(store, record_id) for record_id in ids), key=version_order)


@dataclass(slots=True)
class StorySummary:
    """One line of the story list: id, number of captures, headline, first and last date."""

    id: int
    captures: int = 0
    headline: str | None = None
    first: datetime | None = None
    last: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "story_id": self.id,
            "captures": self.captures,
            "headline": self.headline,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
        }


def list_stories(store: Store) -> list[StorySummary]:
    """Every story, the largest first (then the most recent); the headline is the latest one's.

    Read from the ``records`` columns (title, published, captured_at), not the articles,
    so listing a large store stays cheap.
    """
    if not has_stories(store):
        raise StoreError("the store has no stories yet: run `thresher stories --store PATH`")
    stories: dict[int, StorySummary] = {}
    latest: dict[int, float] = {}
    rows = store.execute(
        "SELECT m.story_id, r.title, r.published, r.captured_at FROM story_members m "
        "JOIN records r ON r.id = m.record_id WHERE r.status = 'extracted' ORDER BY r.id"
    )
    for story_id, title, published, captured_at in rows:
        summary = stories.setdefault(story_id, StorySummary(story_id))
        summary.captures += 1
        date = _parse_time(published) or _parse_time(captured_at)
        key = sort_key(date)
        if date is not None:
            if summary.first is None or key < sort_key(summary.first):
                summary.first = date
            if summary.last is None or key > sort_key(summary.last):
                summary.last = date
        if title and (story_id not in latest or key >= latest[story_id]):
            summary.headline, latest[story_id] = title, key
    return sorted(stories.values(), key=lambda s: (-s.captures, -_finite(sort_key(s.last)), s.id))


def _finite(seconds: float) -> float:
    return seconds if seconds != float("inf") else float("-inf")
