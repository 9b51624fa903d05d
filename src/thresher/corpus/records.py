"""What flows through a corpus run: an input record with its provenance, and its outcome.

Both are plain slotted dataclasses so they pickle cheaply between processes and
Dask workers. A record is identified by ``(source, record_id, offset)``: the file
it came from, the WARC-Record-ID (or the file path, or the JSON Lines line number)
and its byte offset in the source.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from typing import Literal

from thresher.models import Article, EmptyReason

__all__ = [
    "CORRUPT",
    "DIGEST_MISMATCH",
    "TRUNCATED",
    "Failure",
    "InputRecord",
    "Outcome",
    "Provenance",
    "Status",
    "content_hash",
]

Status = Literal["extracted", "empty", "failed"]
#: The failure kind of a WARC record that cannot be read whole.
CORRUPT = "corrupt WARC record"
#: The failure kind of the record an archive ends inside (an interrupted crawl or copy).
TRUNCATED = "truncated WARC record"
#: The failure kind of a WARC record whose bytes differ from its own block or payload digest.
DIGEST_MISMATCH = "WARC digest mismatch"


def content_hash(payload: bytes) -> str:
    """A fingerprint of the captured bytes, written as WARC writes payload digests
    (``sha1:`` + base32), so a WARC record's own WARC-Payload-Digest can stand in for it."""
    return "sha1:" + base64.b32encode(hashlib.sha1(payload).digest()).decode("ascii")


@dataclass(slots=True, frozen=True)
class Provenance:
    """Where a record came from; stored with every row of the corpus store."""

    source: str
    record_id: str
    offset: int
    url: str | None = None
    #: ISO 8601: the WARC-Date of the capture, else the file's modification time.
    captured_at: str | None = None

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.source, self.record_id, self.offset)


@dataclass(slots=True)
class InputRecord:
    """One page to extract: its provenance, its bytes and how to read them."""

    provenance: Provenance
    payload: bytes
    #: ``"auto"`` for HTML captures, ``"text"`` for rendered-text captures.
    input_kind: Literal["auto", "html", "text"] = "auto"
    content_hash: str = ""
    #: A digest the payload must match (a WARC record's payload digest), checked by the
    #: worker so the parent does not spend time hashing.
    expected_digest: str | None = None

    def __post_init__(self) -> None:
        if not self.content_hash:
            self.content_hash = content_hash(self.payload)


@dataclass(slots=True, frozen=True)
class Failure:
    """A record that could not even be read (corrupt WARC record, bad gzip, bad JSON line)."""

    provenance: Provenance
    kind: str
    message: str


@dataclass(slots=True)
class Outcome:
    """The result of one record, ready to be written as one row of the store."""

    provenance: Provenance
    content_hash: str | None
    status: Status
    #: The empty reason, or ``"<error kind>: <message>"`` for a failure.
    reason: str | None = None
    error_kind: str | None = None
    title: str | None = None
    published: str | None = None
    text: str | None = None
    article_json: str | None = None

    @classmethod
    def of_article(
        cls,
        provenance: Provenance,
        content_hash: str | None,
        article: Article,
        article_json: str | None = None,
    ) -> Outcome:
        """The row of an extracted article: ``extracted``, or ``empty`` with its reason."""
        published = article.published.isoformat() if article.published else None
        article_json = article_json if article_json is not None else article.to_json()
        if article.text:
            return cls(
                provenance,
                content_hash,
                "extracted",
                title=article.title,
                published=published,
                text=article.text,
                article_json=article_json,
            )
        return cls(
            provenance,
            content_hash,
            "empty",
            title=article.title,
            published=published,
            text="",
            reason=str(article.empty_reason or EmptyReason.NO_ARTICLE),
            article_json=article_json,
        )

    @classmethod
    def failed(cls, provenance: Provenance, content_hash: str | None, kind: str, message: str) -> Outcome:
        reason = f"{kind}: {message}" if message else kind
        return cls(provenance, content_hash, "failed", reason=reason, error_kind=kind)
