"""The URLs a sitemap lists (sitemaps.org protocol): pages of a ``urlset``, sitemaps of an index."""

from __future__ import annotations

import io
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError, iterparse

from thresher.errors import FetchError
from thresher.fetch.documents import is_text_sitemap, local_name
from thresher.fetch.urls import absolute_url

__all__ = ["Sitemap", "parse_sitemap"]


@dataclass(frozen=True, slots=True)
class Sitemap:
    """The ``<loc>`` URLs of one sitemap file, in document order, each once."""

    pages: list[str]
    #: Child sitemaps of a sitemap index.
    sitemaps: list[str]


def parse_sitemap(body: bytes, base_url: str | None = None) -> Sitemap:
    """Read a sitemap (already unpacked from gzip): XML, or text with one URL a line.

    Raises ``FetchError`` for bytes that are neither a well-formed ``urlset`` or
    ``sitemapindex`` document nor a text sitemap. ``<loc>`` values that are no http(s) URL are skipped;
    relative ones are resolved against ``base_url`` (the protocol wants absolute URLs,
    but being lenient here loses nothing).

    The standard library's expat parser is used: it resolves no external entity and
    bounds entity expansion, so a hostile document cannot read files or blow up memory.
    """
    if is_text_sitemap(body):
        listed = (absolute_url(line.decode("utf-8", "replace"), base_url) for line in body.splitlines())
        return Sitemap(list(dict.fromkeys(url for url in listed if url is not None)), [])
    pages: list[str] = []
    sitemaps: list[str] = []
    seen: set[str] = set()
    root: str | None = None
    parent_stack: list[str] = []
    try:
        for event, element in iterparse(io.BytesIO(body), events=("start", "end")):
            name = local_name(str(element.tag))
            if event == "start":
                if root is None:
                    root = name
                    if root not in ("urlset", "sitemapindex"):
                        raise FetchError(f"not a sitemap: the root element is <{root}>")
                parent_stack.append(name)
                continue
            parent_stack.pop()
            if name == "loc" and parent_stack and parent_stack[-1] in ("url", "sitemap"):
                url = absolute_url(element.text or "", base_url)
                if url is not None and url not in seen:
                    seen.add(url)
                    (sitemaps if parent_stack[-1] == "sitemap" else pages).append(url)
            if len(parent_stack) <= 1:
                element.clear()  # keep memory flat on a 50,000-URL sitemap
    except (ParseError, ValueError, LookupError) as error:
        raise FetchError(f"not a well-formed sitemap: {error}") from error
    if root is None:
        raise FetchError("not a sitemap: empty document")
    return Sitemap(pages, sitemaps)
