"""What a fetched SOURCE is: a sitemap, a news feed, or a page; and its bytes unpacked from gzip.

The kind comes from the document's root element, not from its Content-Type or file
name, which servers often get wrong. Only the start of the document is parsed to
find it, so a page that is not well-formed XML is simply a page.
"""

from __future__ import annotations

import re
import zlib
from typing import Any, Literal
from xml.etree.ElementTree import ParseError, XMLPullParser

from thresher.errors import FetchError

__all__ = [
    "DocumentKind",
    "UnpackedTooLarge",
    "document_kind",
    "gunzip_bounded",
    "is_text_sitemap",
    "local_name",
]

DocumentKind = Literal["sitemap", "feed", "page"]
_GZIP_MAGIC = b"\x1f\x8b"
_SNIFF_BYTES = 64 * 1024
_SNIFF_PIECE = 2048
_ROOTS: dict[str, DocumentKind] = {
    "urlset": "sitemap",
    "sitemapindex": "sitemap",
    "rss": "feed",
    "feed": "feed",
    "rdf": "feed",
}


class UnpackedTooLarge(FetchError):
    """A gzip body that unpacks to more bytes than allowed."""


def local_name(tag: str) -> str:
    """An element name without its ``{namespace}`` or ``prefix:``, lower-cased."""
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def gunzip_bounded(body: bytes, limit: int) -> bytes:
    """``body`` itself, or its gzip content when it starts like gzip (a ``.xml.gz`` sitemap).

    Decompression stops past ``limit`` bytes: a small file may unpack to gigabytes.
    """
    if not body.startswith(_GZIP_MAGIC):
        return body
    out = bytearray()
    data = body
    while data:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out += inflater.decompress(data, limit + 1 - len(out))
        except zlib.error as error:
            raise FetchError(f"not valid gzip: {error}") from error
        if len(out) > limit:
            raise UnpackedTooLarge(f"larger than {limit:,} bytes once unpacked")
        if not inflater.eof:
            raise FetchError("gzip data cut short")
        data = inflater.unused_data  # another gzip member may follow
        if data and not data.startswith(_GZIP_MAGIC):
            break  # trailing garbage after the last member: ignored, as gzip(1) does
    return bytes(out)


def is_text_sitemap(body: bytes) -> bool:
    """True for a plain-text sitemap: one absolute http(s) URL a line, nothing else."""
    lines = [line.strip() for line in body.removeprefix(b"\xef\xbb\xbf").splitlines()]
    urls = [line for line in lines if line]
    return bool(urls) and all(re.fullmatch(rb"https?://\S+", line, re.IGNORECASE) for line in urls)


def document_kind(body: bytes) -> DocumentKind:
    """``sitemap`` (urlset, sitemap index, or a text file of URLs), ``feed`` (RSS, Atom, RDF) or
    ``page`` (anything else)."""
    head = body[:_SNIFF_BYTES].lstrip()
    if not head.startswith(b"<") and not head.startswith(b"\xef\xbb\xbf<"):
        return "sitemap" if is_text_sitemap(body) else "page"
    parser: XMLPullParser[Any] = XMLPullParser(events=("start",))
    try:
        for start in range(0, len(head), _SNIFF_PIECE):
            parser.feed(head[start : start + _SNIFF_PIECE])
            for event in parser.read_events():
                element = event[-1]
                return _ROOTS.get(local_name(str(getattr(element, "tag", ""))), "page")
    except (ParseError, ValueError, LookupError):
        pass
    return "page"
