"""Markup → document tree, with lexbor (through selectolax): an HTML5 parser in C that
recovers from broken markup the way browsers do, and the fastest of those measured.

The markup is first bounded (``bound``), so that no shape of markup costs the parser
more than linear time.
"""

from __future__ import annotations

from typing import NamedTuple

from selectolax.lexbor import LexborHTMLParser

from thresher.errors import ParseError
from thresher.models import Repair

__all__ = ["ParsedPage", "parse_document", "parse_page"]

#: Pages up to this many bytes cannot hold markup costly enough to need bounding.
_SMALL_PAGE = 4096


class ParsedPage(NamedTuple):
    tree: LexborHTMLParser
    #: What was cut from or mended in the markup before parsing.
    repairs: tuple[Repair, ...]
    #: The markup the tree was built from (UTF-8, bounded and mended).
    data: bytes


def parse_page(markup: str, *, max_depth: int = 512, utf8: bytes | None = None) -> ParsedPage:
    """Parse a page; NUL characters are dropped first, as the HTML spec does in text.

    The markup is encoded to UTF-8 here (selectolax would do the same, ignoring
    unencodable lone surrogates) so that the scans before parsing run over bytes:
    several times faster than over a ``str`` holding any non-ASCII character, which
    CPython stores with 2 or 4 bytes a character. ``utf8``, when given, is that
    encoding already (the page's own bytes, when they were valid UTF-8)."""
    data = utf8 if utf8 is not None else markup.encode("utf-8", "ignore")
    if b"\x00" in data:
        data = data.replace(b"\x00", b"")
    if len(data) <= _SMALL_PAGE:
        return ParsedPage(parse_bytes(data), (), data)
    # (imported here: numpy, which the bounds use, is not loaded by a command that
    # extracts one small page)
    from thresher.html.bound import bound_markup

    data, repairs = bound_markup(data, max_depth=max_depth)
    return ParsedPage(parse_bytes(data), tuple(repairs), data)


def parse_bytes(data: bytes) -> LexborHTMLParser:
    """The tree of markup already bounded (``bound_markup``)."""
    try:
        return LexborHTMLParser(data)
    except Exception as error:  # lexbor reports failures as bare RuntimeError/ValueError
        raise ParseError(f"the markup could not be parsed: {error}") from error


def parse_document(markup: str, *, max_depth: int = 512, utf8: bytes | None = None) -> LexborHTMLParser:
    """The tree of a page (``parse_page`` without the list of repairs)."""
    return parse_page(markup, max_depth=max_depth, utf8=utf8).tree
