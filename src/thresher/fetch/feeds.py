"""The article URLs of an RSS, Atom or RDF news feed, read with feedparser."""

from __future__ import annotations

import io
from typing import Any

from thresher.errors import FetchError
from thresher.fetch.urls import absolute_url

__all__ = ["parse_feed"]


def parse_feed(body: bytes, base_url: str | None = None) -> list[str]:
    """The link of every entry, in feed order, each once, resolved against ``base_url``.

    feedparser reads broken feeds as well as valid ones and resolves no external
    entity. A document in which it finds neither a feed nor an entry raises
    ``FetchError``; entries without an http(s) link are skipped.
    """
    import feedparser  # imported here: only fetching needs it

    try:
        parsed: Any = feedparser.parse(
            io.BytesIO(body), response_headers={"content-location": base_url or ""}
        )
    except Exception as error:  # feedparser promises not to raise; a hostile document is the exception
        raise FetchError(f"not a readable feed: {type(error).__name__}: {error}") from error
    if not parsed.get("version") and not parsed.get("entries"):
        reason = parsed.get("bozo_exception")
        raise FetchError(f"not a readable feed{': ' + str(reason) if reason else ''}")
    urls: list[str] = []
    seen: set[str] = set()
    for entry in parsed.get("entries", []):
        url = absolute_url(_entry_link(entry), base_url)
        if url is not None and url not in seen:
            seen.add(url)
            urls.append(url)
    return urls


def _entry_link(entry: Any) -> str:
    """The entry's page: its ``link`` (feedparser's pick of the alternate link), else an
    ``id`` / ``guid`` that is itself a URL (RSS permalinks often live only there)."""
    for key in ("link", "id"):
        value = entry.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return ""
