"""Markup → document tree, with lexbor (through selectolax): an HTML5 parser in C that
recovers from broken markup the way browsers do, and the fastest of those measured
(parse and walk of the ScrapingHub pages: selectolax/lexbor 1,047 pages/s, lxml 575,
resiliparse 11 through its Python node API).

lexbor's tree builder costs time in proportion to the depth of open elements for
each new tag, so 100,000 nested ``<div>`` take it 13 s. Like browsers (Blink stops
nesting at 512), we bound the depth: on pages with enough tags to be deep, opening
tags past ``max_depth`` are unwrapped (their text kept) before parsing.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from thresher.errors import ParseError

__all__ = ["parse_document", "limit_nesting"]

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*>")
# Elements that never nest (void) or that the parser closes implicitly when a sibling
# opens: counting them would overestimate depth on ordinary pages.
_NOT_NESTING = frozenset(
    "area base br col embed hr img input link meta param source track wbr "
    "p li dt dd tr td th option thead tbody tfoot colgroup rb rt rp optgroup".split()
)


def limit_nesting(markup: str, max_depth: int) -> str:
    """Unwrap elements nested deeper than ``max_depth``, keeping their text."""
    if markup.count("<") <= max_depth:
        return markup  # cannot be that deep: skip the scan
    depth = 0
    unwrapped: list[str] = []  # names of opening tags dropped, innermost last
    pieces: list[str] = []
    position = 0
    for match in _TAG.finditer(markup):
        closing, name = match.group(1), match.group(2).lower()
        if name in _NOT_NESTING or match.group(0).endswith("/>"):
            continue
        if closing:
            if unwrapped and unwrapped[-1] == name:
                unwrapped.pop()
                pieces.append(markup[position:match.start()])
                position = match.end()
            else:
                depth = max(0, depth - 1)
        elif depth >= max_depth:
            unwrapped.append(name)
            pieces.append(markup[position:match.start()])
            position = match.end()
        else:
            depth += 1
    if not pieces:
        return markup
    pieces.append(markup[position:])
    return "".join(pieces)


def _count_tag_starts(data: bytes) -> int:
    """The number of ``<`` in ``data``. One vectorised numpy comparison: ``bytes.count``
    tests one byte at a time, which took 0.87 M instructions on an average ScrapingHub
    page (174 KB), a ninth of parsing it. (numpy is imported here, on the first page
    long enough to be counted: a command extracting one small page starts without it.)"""
    import numpy as np

    return int(np.count_nonzero(np.frombuffer(data, dtype=np.uint8) == ord("<")))


def parse_document(markup: str, *, max_depth: int = 512, utf8: bytes | None = None) -> LexborHTMLParser:
    """Parse a page; NUL characters are dropped first, as the HTML spec does in text.

    The markup is encoded to UTF-8 here (selectolax would do the same, ignoring
    unencodable lone surrogates) so that the scans for ``<`` and NUL run over bytes:
    several times faster than over a ``str`` holding any non-ASCII character, which
    CPython stores with 2 or 4 bytes a character. ``utf8``, when given, is that
    encoding already (the page's own bytes, when they were valid UTF-8)."""
    data = utf8 if utf8 is not None else markup.encode("utf-8", "ignore")
    # (a page shorter than the count cannot hold that many tags)
    if len(data) > 20 * max_depth and _count_tag_starts(data) > 20 * max_depth:
        limited = limit_nesting(markup, max_depth)
        if limited is not markup:
            data = limited.encode("utf-8", "ignore")
    if b"\x00" in data:
        data = data.replace(b"\x00", b"")
    try:
        return LexborHTMLParser(data)
    except Exception as error:  # lexbor reports failures as bare RuntimeError/ValueError
        raise ParseError(f"the markup could not be parsed: {error}") from error
