"""Page bytes → bytes the parser reads in linear time, with damage that would hide the
body mended, and a ``Repair`` noted for every change.

lexbor, like every HTML5 tree builder, spends more than linear time on a few shapes of
markup: each attribute of an element is compared with the ones before it (50,000
attributes on one tag take it most of a minute), each ``<option>`` of a ``<select>``
rescans the options before it, elements nested deep cost in proportion to their depth,
and formatting elements (``<b>``, ``<font>``…) left open are recreated inside every
later block, so a few hundred of them multiply a small page into millions of nodes.
Browsers accept those costs; an extractor fed whatever a crawl holds cannot. Each shape
is bounded here before parsing, keeping the text that a browser would show:

- attributes past ``MAX_ATTRIBUTES`` on one element are dropped;
- options past ``MAX_OPTIONS`` in one list are dropped (a list's options are never
  article text);
- formatting tags opened while ``MAX_OPEN_FORMATTING`` are open are unwrapped;
- elements nested deeper than ``max_depth`` are unwrapped, as Blink stops nesting at 512.

Two kinds of damage make a parser swallow the rest of a page into one element, where a
reader would still want the text: a ``<title>`` (or another raw-text element: ``<style>``,
``<script>``, ``<textarea>``, ``<xmp>``) never closed, which turns everything after it
into the title; and an attribute quote never closed, which turns it into an attribute
value. The first is closed where the head plainly ends; the second is mended in
``mend_quotes``, which ``extract`` tries only when a page gave little text.

Every check starts from counts taken in C (numpy, ``bytes.count``, ``bytes.rfind``), and
the Python-level scans run only on the pages those counts single out: ordinary pages
pay for a few passes over their bytes in C.
"""

from __future__ import annotations

import re

import numpy as np

from thresher.models import Repair

__all__ = ["MAX_ATTRIBUTES", "MAX_OPEN_FORMATTING", "MAX_OPTIONS", "bound_markup", "limit_nesting",
           "mend_quotes"]

#: Attributes kept on one element. Real elements carry a few dozen at most.
MAX_ATTRIBUTES = 256
#: Options kept in one ``<select>``: more than any real list of countries or years.
MAX_OPTIONS = 1000
#: Formatting elements (``<b>``, ``<i>``, ``<font>``…) open at once before further ones are
#: unwrapped. Each one left open is recreated in every later block.
MAX_OPEN_FORMATTING = 24

#: A tag spanning this many bytes before the next ``<`` is inspected for its attributes.
_LONG_TAG = 4096
#: Pages with fewer ``<`` than this cannot hold enough options or open formatting tags
#: to cost the parser measurable time, and skip those checks.
_MANY_TAGS = 2000

_ATTRIBUTES_START = re.compile(rb"<[a-zA-Z][^\s/>]*")
# One attribute, with the separators before it; a quoted value may hold ``>`` and may be
# cut short by the end of the page.
_ATTRIBUTE = rb"""(?:[\s/]*[^\s"'>/=][^\s>/=]*(?:\s*=\s*(?:"[^"]*"?|'[^']*'?|[^\s>]*))?)"""
_FIRST_ATTRIBUTES = re.compile(_ATTRIBUTE + rb"{%d}" % MAX_ATTRIBUTES)
_MORE_ATTRIBUTES = re.compile(_ATTRIBUTE + rb"*")

_OPTION = re.compile(rb"<option[\s/>]", re.I)
_SELECT_PARTS = re.compile(rb"<(/?)(select|option|input|textarea|keygen)[\s/>]", re.I)

_FORMATTING_NAMES = rb"b|big|code|em|font|i|nobr|s|small|strike|strong|tt|u"
_FORMATTING_SLASHES = re.compile(rb"<(/?)(?:" + _FORMATTING_NAMES + rb")[\s/>]", re.I)
_FORMATTING = re.compile(rb"<(/?)(" + _FORMATTING_NAMES + rb")[\s/>]", re.I)

_NESTING_TAG = re.compile(rb"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*>")
# Elements that never nest (void) or that the parser closes implicitly when a sibling
# opens: counting them would overestimate depth on ordinary pages.
_NOT_NESTING = frozenset(
    b"area base br col embed hr img input link meta param source track wbr "
    b"p li dt dd tr td th option thead tbody tfoot colgroup rb rt rp optgroup".split()
)

#: Raw-text elements: everything up to their end tag is their text.
_RAW_TEXT = (b"title", b"textarea", b"style", b"script", b"xmp")
# Where a head plainly ended: the first of these after an unclosed raw-text element.
_HEAD_ENDS = re.compile(
    rb"</head[\s>]|<body[\s>]|<(?:div|p|h[1-6]|article|section|main|header|nav|footer|table|ul|ol|dl"
    rb"|form|center|blockquote|pre)[\s>]", re.I)

# A quoted attribute value holding ``>`` then markup, and ending in ``=``: its closing
# quote is the opening quote of a later attribute, so the markup between was swallowed.
_SWALLOWING_QUOTE = re.compile(rb'=\s*"([^"<>]*)>([^"]*?<[/a-zA-Z!][^"]*?=\s*)"')
_UNCLOSED_QUOTE_AT_END = re.compile(rb'<[a-zA-Z][^\s/>]*[^<>"]*=\s*"([^"<>]*)>([^"]*<[/a-zA-Z!][^"]*)$')


def bound_markup(data: bytes, *, max_depth: int) -> tuple[bytes, list[Repair]]:
    """``data`` (a page in UTF-8) bounded and mended for the parser, and what was done."""
    repairs: list[Repair] = []
    starts = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == ord("<"))
    data = _close_raw_text(data, repairs)
    if len(starts):
        spans = np.diff(starts, append=len(data))
        long_tags = starts[spans > _LONG_TAG]
        if len(long_tags):
            data = _cut_attributes(data, long_tags.tolist(), repairs)
    if len(starts) >= _MANY_TAGS:
        data = _cut_options(data, repairs)
        data = _unwrap_open_formatting(data, repairs)
    if len(starts) > 20 * max_depth:
        limited = limit_nesting(data, max_depth)
        if limited is not data:
            data = limited
            repairs.append(Repair.NESTING_CUT)
    return data, repairs


def _cut_attributes(data: bytes, positions: list[int], repairs: list[Repair]) -> bytes:
    """Drop the attributes past ``MAX_ATTRIBUTES`` of the tags starting at ``positions``."""
    cuts: list[tuple[int, int]] = []
    for position in positions:
        name = _ATTRIBUTES_START.match(data, position)
        if name is None:
            continue  # a ``<`` in text
        first = _FIRST_ATTRIBUTES.match(data, name.end())
        if first is None:
            continue  # fewer attributes than the limit
        more = _MORE_ATTRIBUTES.match(data, first.end())
        if more is not None and more.end() > first.end():
            cuts.append((first.end(), more.end()))
    if not cuts:
        return data
    repairs.append(Repair.ATTRIBUTES_CUT)
    return _without(data, cuts)


def _cut_options(data: bytes, repairs: list[Repair]) -> bytes:
    """Drop the options past ``MAX_OPTIONS`` of each ``<select>``, up to where it ends."""
    if len(_OPTION.findall(data)) <= MAX_OPTIONS:
        return data
    cuts: list[tuple[int, int]] = []
    in_select = False
    options = 0
    cut_from = -1
    for match in _SELECT_PARTS.finditer(data):
        name = match.group(2).lower()
        if name == b"option":
            if in_select:
                options += 1
                if options > MAX_OPTIONS and cut_from < 0:
                    cut_from = match.start()
            continue
        if name == b"select" and not match.group(1) and not in_select:
            in_select, options = True, 0
            continue
        # Anything else ends the select: its end tag, another select, or a form control.
        if cut_from >= 0:
            cuts.append((cut_from, match.start()))
        in_select, options, cut_from = False, 0, -1
    if cut_from >= 0:
        cuts.append((cut_from, len(data)))
    if not cuts:
        return data
    repairs.append(Repair.OPTIONS_CUT)
    return _without(data, cuts)


def _unwrap_open_formatting(data: bytes, repairs: list[Repair]) -> bytes:
    """Unwrap formatting tags opened while ``MAX_OPEN_FORMATTING`` others are still open."""
    slashes = _FORMATTING_SLASHES.findall(data)
    closed = slashes.count(b"/")
    if len(slashes) - 2 * closed <= MAX_OPEN_FORMATTING:
        return data  # (opened minus closed: few can be open at once)
    open_by_name: dict[bytes, int] = {}
    unwrapped_by_name: dict[bytes, int] = {}
    open_count = 0
    cuts: list[tuple[int, int]] = []
    for match in _FORMATTING.finditer(data):
        name = match.group(2).lower()
        end = data.find(b">", match.end() - 1)
        end = len(data) if end < 0 else end + 1
        if not match.group(1):
            if open_count >= MAX_OPEN_FORMATTING:
                cuts.append((match.start(), end))
                unwrapped_by_name[name] = unwrapped_by_name.get(name, 0) + 1
            else:
                open_by_name[name] = open_by_name.get(name, 0) + 1
                open_count += 1
        elif unwrapped_by_name.get(name, 0):
            cuts.append((match.start(), end))
            unwrapped_by_name[name] -= 1
        elif open_by_name.get(name, 0):
            open_by_name[name] -= 1
            open_count -= 1
    if not cuts:
        return data
    repairs.append(Repair.FORMATTING_CUT)
    return _without(data, _disjoint(cuts))


def _close_raw_text(data: bytes, repairs: list[Repair]) -> bytes:
    """Close a raw-text element that is never closed, where the head plainly ends."""
    lower = data.lower()
    insert_at, name = -1, b""
    for element in _RAW_TEXT:
        start = _last_start_tag(lower, element)
        if start < 0 or lower.find(b"</" + element, start) >= 0:
            continue
        end = _HEAD_ENDS.search(data, start + len(element) + 1)
        if end is not None and (insert_at < 0 or end.start() < insert_at):
            insert_at, name = end.start(), element
    if insert_at < 0:
        return data
    repairs.append(Repair.RAW_TEXT_CLOSED)
    return b"".join((data[:insert_at], b"</", name, b">", data[insert_at:]))


def _last_start_tag(lower: bytes, element: bytes) -> int:
    """Where the last ``<element`` start tag of ``lower`` begins, or -1."""
    end = len(lower)
    while True:
        start = lower.rfind(b"<" + element, 0, end)
        if start < 0:
            return -1
        follower = lower[start + len(element) + 1:start + len(element) + 2]
        if follower in (b"", b">", b"/") or follower.isspace():
            return start
        end = start


def mend_quotes(data: bytes) -> bytes | None:
    """``data`` with attribute quotes that swallow markup closed at their first ``>``, or
    None when there are none. A value that holds ``>`` then markup and ends in ``=`` was
    closed by the opening quote of a later attribute; one still open at the end of the
    page runs to its end."""
    cuts = [match.start(1) + len(match.group(1)) for match in _SWALLOWING_QUOTE.finditer(data)]
    tail = _UNCLOSED_QUOTE_AT_END.search(data)
    if tail is not None and data.count(b'"', tail.start(), tail.start(1)) % 2 == 1:
        cuts.append(tail.start(1) + len(tail.group(1)))
    if not cuts:
        return None
    pieces: list[bytes] = []
    position = 0
    for at in sorted(set(cuts)):
        pieces.append(data[position:at])
        pieces.append(b'"')
        position = at
    pieces.append(data[position:])
    return b"".join(pieces)


def limit_nesting(data: bytes, max_depth: int) -> bytes:
    """Unwrap elements nested deeper than ``max_depth``, keeping their text."""
    depth = 0
    unwrapped: list[bytes] = []  # names of opening tags dropped, innermost last
    cuts: list[tuple[int, int]] = []
    for match in _NESTING_TAG.finditer(data):
        closing, name = match.group(1), match.group(2).lower()
        if name in _NOT_NESTING or match.group(0).endswith(b"/>"):
            continue
        if closing:
            if unwrapped and unwrapped[-1] == name:
                unwrapped.pop()
                cuts.append(match.span())
            else:
                depth = max(0, depth - 1)
        elif depth >= max_depth:
            unwrapped.append(name)
            cuts.append(match.span())
        else:
            depth += 1
    return _without(data, cuts) if cuts else data


def _disjoint(cuts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlapping ones merged."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(cuts):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _without(data: bytes, cuts: list[tuple[int, int]]) -> bytes:
    """``data`` without the sorted, disjoint spans ``cuts``."""
    pieces: list[bytes] = []
    position = 0
    for start, end in cuts:
        pieces.append(data[position:start])
        position = end
    pieces.append(data[position:])
    return b"".join(pieces)
