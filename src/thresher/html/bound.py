"""Page bytes → bytes the parser reads in linear time, with damage that would hide the
body mended, and a ``Repair`` noted for every change.

lexbor, like every HTML5 tree builder, spends more than linear time on a few shapes of
markup: each attribute of an element is compared with the ones before it (quadratic
in the attributes of one tag), each ``<option>`` of a ``<select>`` rescans the options
before it, elements nested deep cost in proportion to their depth,
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
value. ``mend`` closes the first where the head plainly ends and the second at its
first ``>``; ``extract`` calls it only when a page gave little text.

Every bound starts from a census of the tags taken in a few vectorised passes (numpy),
and the Python-level scans run only on the pages the census singles out: an ordinary
page pays for those passes over its bytes in C.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np

from thresher.models import Repair

__all__ = ["MAX_ATTRIBUTES", "MAX_OPEN_FORMATTING", "MAX_OPTIONS", "bound_markup", "limit_nesting", "mend"]

#: Attributes kept on one element. Real elements carry a few dozen at most.
MAX_ATTRIBUTES = 256
#: Options kept in one ``<select>``: more than any real list of countries or years.
MAX_OPTIONS = 1000
#: Formatting elements (``<b>``, ``<i>``, ``<font>``…) open at once before further ones are
#: unwrapped. Each one left open is recreated in every later block.
MAX_OPEN_FORMATTING = 8

#: A tag spanning this many bytes before the next ``<`` is inspected for its attributes.
_LONG_TAG = 4096
#: Pages with fewer ``<`` than this cannot hold enough options or open formatting tags
#: to cost the parser measurable time, and skip those checks.
_MANY_TAGS = 2000

_ATTRIBUTES_START = re.compile(rb"<[a-zA-Z][^\s/>]*")
# One attribute, with the separators before it; a quoted value may hold ``>`` and may be
# cut short by the end of the page. Atomic, so that a failed match never tries other ways
# of splitting the same bytes.
_ATTRIBUTE = rb"""(?>[\s/]*+[^\s"'>/=][^\s>/=]*+(?:\s*+=\s*+(?:"[^"]*+"?|'[^']*+'?|[^\s>]*+))?)"""
_FIRST_ATTRIBUTES = re.compile(_ATTRIBUTE + rb"{%d}" % MAX_ATTRIBUTES)
_MORE_ATTRIBUTES = re.compile(_ATTRIBUTE + rb"*")

_SELECT_PARTS = re.compile(rb"<(/?)(select|option|input|textarea|keygen)[\s/>]", re.I)

_FORMATTING = re.compile(rb"<(/?)(b|big|code|em|font|i|nobr|s|small|strike|strong|tt|u)[\s/>]", re.I)

_NESTING_TAG = re.compile(rb"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*>")
# Elements that never nest (void) or that the parser closes implicitly when a sibling
# opens: counting them would overestimate depth on ordinary pages.
_NOT_NESTING = frozenset(
    b"area base br col embed hr img input link meta param source track wbr "
    b"p li dt dd tr td th option thead tbody tfoot colgroup rb rt rp optgroup".split()
)

#: Raw-text elements: everything up to their end tag is their text.
_RAW_TEXT = (b"title", b"textarea", b"style", b"script", b"xmp")
_RAW_TEXT_OR_COMMENT = re.compile(rb"<(?:(title|textarea|style|script|xmp)[\s/>]|!--)", re.I)
_RAW_TEXT_ENDS = {name: re.compile(rb"</" + name, re.I) for name in _RAW_TEXT}
# Where a head plainly ended: the first of these after an unclosed raw-text element.
_HEAD_ENDS = re.compile(
    rb"</head[\s>]|<body[\s>]|<(?:div|p|h[1-6]|article|section|main|header|nav|footer|table|ul|ol|dl"
    rb"|form|center|blockquote|pre)[\s>]",
    re.I,
)

# A double-quoted attribute value holding ``>``: the candidates for a quote that
# swallowed markup (``_close_quotes`` tells which did). The value is found from its ``=``
# on, the attribute's name before it checked backwards (``_quoted_with_gt``).
_VALUE_WITH_GT = re.compile(rb'=\s*+"([^"<>]*+)>([^"]*+)"')
_SPACE = frozenset(b" \t\n\r\f\v")
_NAME_START = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_:")
_NAME = _NAME_START | frozenset(b"-0123456789.")
_MARKUP = re.compile(rb"<[/a-zA-Z!]")
_ENDS_IN_EQUALS = re.compile(rb"=\s*+$")
_OPEN_QUOTE_AT_END = re.compile(rb'<[a-zA-Z][^<>"]*=\s*+"$')


def bound_markup(data: bytes, *, max_depth: int) -> tuple[bytes, list[Repair]]:
    """``data`` (a page in UTF-8) bounded for the parser, and what was cut."""
    repairs: list[Repair] = []
    census = _TagCensus(data)
    if len(census.long_tags):
        cut = _cut_attributes(data, census.long_tags.tolist(), repairs)
        if cut is not data:
            data, census = cut, _TagCensus(cut)
    if census.tags >= _MANY_TAGS:
        if census.options() > MAX_OPTIONS:
            data = _cut_options(data, repairs)
        if census.formatting_left_open() > MAX_OPEN_FORMATTING:
            data = _unwrap_open_formatting(data, repairs)
    if census.tags > 20 * max_depth:
        limited = limit_nesting(data, max_depth)
        if limited is not data:
            data = limited
            repairs.append(Repair.NESTING_CUT)
    return data, repairs


def _key(name: bytes) -> int:
    """The first three bytes of ``name`` (padded with zeros) as one number."""
    return int.from_bytes(name[:3].ljust(3, b"\0"))


# Lookup tables over a byte OR 0x20 (as the census reads bytes): the bytes that end a
# tag name, and the one-letter formatting elements.
_NAME_END = np.zeros(256, dtype=bool)
_NAME_END[[byte | 0x20 for byte in b" \t\n\r\f/>"]] = True
_QUOTE_OR_EQUALS = np.zeros(256, dtype=bool)
_QUOTE_OR_EQUALS[list(b"\"'=")] = True
_STARTS_TAG = np.zeros(256, dtype=bool)
_STARTS_TAG[list(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ/!?")] = True
_ONE_LETTER_FORMATTING = np.zeros(256, dtype=bool)
_ONE_LETTER_FORMATTING[list(b"bisu")] = True
# The other formatting element names, told apart by their first three bytes (two-letter
# ones with the byte that ends them).
_FORMATTING_KEYS = tuple(_key(name) for name in (b"big", b"code", b"font", b"nobr", b"small", b"strike"))
_TWO_LETTER_FORMATTING = tuple(int.from_bytes(name) for name in (b"em", b"tt"))


class _TagCensus:
    """What follows each ``<`` of a page, counted in a few vectorised passes: enough to
    tell which of the scans of ``bound_markup`` a page needs.

    For each ``<`` the next three bytes are read, OR 0x20 (lower case for letters; the
    bytes that end a name stay distinct from letters), as the opening tag's name bytes
    and, after a ``/``, as the closing tag's."""

    def __init__(self, data: bytes) -> None:
        array = np.frombuffer(data, dtype=np.uint8)
        starts = np.flatnonzero(array == ord("<"))
        self.tags = len(starts)
        #: Tags spanning more than ``_LONG_TAG`` bytes before the next ``<`` that may
        #: start a tag: one that follows no quote or ``=`` and precedes a name, ``/`` or
        #: ``!`` (a ``<`` in an attribute value does not end a long tag).
        tag_like = starts[starts + 1 < len(array)]
        after_value = _QUOTE_OR_EQUALS[array[np.maximum(tag_like - 1, 0)]] & (tag_like > 0)
        tag_like = tag_like[~after_value & _STARTS_TAG[array[tag_like + 1]]]
        self.long_tags = tag_like[np.diff(tag_like, append=len(data)) > _LONG_TAG]
        self._array, self._starts = array, starts
        self._heads: dict[bool, list[np.ndarray]] = {}
        self._keys: dict[bool, np.ndarray] = {}

    def _names(self, closing: bool) -> list[np.ndarray]:
        """The first three bytes of the name of each opening (or closing) tag, a column
        for each byte."""
        if not self._heads:
            array = self._array
            starts = self._starts[self._starts + 5 < len(array)]
            slash = array[starts + 1] == ord("/")
            for is_closing, first in ((False, starts[~slash] + 1), (True, starts[slash] + 2)):
                self._heads[is_closing] = [array[first + offset] | 0x20 for offset in range(3)]
        return self._heads[closing]

    def _three(self, closing: bool) -> np.ndarray:
        """The first three name bytes of each opening (or closing) tag as one number."""
        if closing not in self._keys:
            heads = self._names(closing)
            self._keys[closing] = (
                heads[0].astype(np.uint32) << 16 | heads[1].astype(np.uint32) << 8 | heads[2]
            )
        return self._keys[closing]

    def options(self) -> int:
        """About how many ``<option`` tags the page has (``<optgroup`` counted too)."""
        return int(np.count_nonzero(self._three(False) == _key(b"opt")))

    def formatting_left_open(self) -> int:
        """About how many formatting start tags are not matched by an end tag."""
        return self._formatting(False) - self._formatting(True)

    def _formatting(self, closing: bool) -> int:
        heads = self._names(closing)
        keys = self._three(closing)
        count = np.count_nonzero(_ONE_LETTER_FORMATTING[heads[0]] & _NAME_END[heads[1]])
        two = keys >> 8
        ended = _NAME_END[heads[2]]
        for key in _TWO_LETTER_FORMATTING:
            count += np.count_nonzero((two == key) & ended)
        for key in _FORMATTING_KEYS:
            count += np.count_nonzero(keys == key)
        return int(count)


def _cut_attributes(data: bytes, positions: list[int], repairs: list[Repair]) -> bytes:
    """Drop the attributes past ``MAX_ATTRIBUTES`` of the tags starting at ``positions``."""
    cuts: list[tuple[int, int]] = []
    for position in positions:
        if cuts and position < cuts[-1][1]:
            continue  # inside a tag already cut
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


def mend(data: bytes) -> tuple[bytes, list[Repair]] | None:
    """``data`` with the damage that makes a parser swallow the rest of a page mended, and
    what was done; None when there is none. Both scans cost a pass over the page in
    Python's regular expressions, so ``extract`` runs them only on a page that gave
    little text."""
    repairs: list[Repair] = []
    data = _close_raw_text(data, repairs)
    quoted = _close_quotes(data)
    if quoted is not None:
        data = quoted
        repairs.append(Repair.QUOTE_CLOSED)
    return (data, repairs) if repairs else None


def _close_raw_text(data: bytes, repairs: list[Repair]) -> bytes:
    """Close a raw-text element that is never closed, where the head plainly ends.

    The page's raw-text elements and comments are followed in order, as the tokenizer
    does, so that a ``<title>`` inside a script's strings or a comment is not taken for
    one."""
    position = 0
    while True:
        tag = _RAW_TEXT_OR_COMMENT.search(data, position)
        if tag is None:
            return data
        if tag.group(1) is None:  # a comment
            end = data.find(b"-->", tag.end())
            if end < 0:
                return data
            position = end + 3
            continue
        name = tag.group(1).lower()
        closing = _RAW_TEXT_ENDS[name].search(data, tag.end())
        if closing is not None:
            position = closing.end()
            continue
        head_end = _HEAD_ENDS.search(data, tag.end())
        if head_end is None:
            return data
        repairs.append(Repair.RAW_TEXT_CLOSED)
        return b"".join((data[: head_end.start()], b"</", name, b">", data[head_end.start() :]))


def _close_quotes(data: bytes) -> bytes | None:
    """``data`` with attribute quotes that swallow markup closed at their first ``>``, or
    None when there are none. A value that holds ``>`` then markup and ends in ``=`` was
    closed by the opening quote of a later attribute; a quote still open at the end of
    the page runs to its end, hiding all that follows."""
    cuts = [
        match.end(1)
        for start, match in _quoted_with_gt(data)
        if _ENDS_IN_EQUALS.search(match.group(2))
        and _MARKUP.search(match.group(2))
        and _in_a_tag(data, start)
    ]
    last = data.rfind(b'"')
    if last >= 0:
        tag = data.rfind(b"<", 0, last)
        closing = data.find(b">", last)
        if (
            tag >= 0
            and closing >= 0
            and _OPEN_QUOTE_AT_END.match(data, tag, last + 1)
            and _MARKUP.search(data, closing)
        ):
            cuts.append(closing)
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


def _quoted_with_gt(data: bytes) -> Iterator[tuple[int, re.Match[bytes]]]:
    """Each attribute ``name="value"`` whose value holds ``>`` before any ``"`` or ``<``,
    in page order and not overlapping, as (where it starts, the match of its ``="value"``):
    the name must follow whitespace and start with a letter, ``_`` or ``:``.

    A scan for such attributes from every whitespace byte of the page tries the name at
    each word of its text; one from the ``="`` of each attribute value reads the page's
    text once, and only the rare values holding ``>`` have their name checked."""
    position = 0
    after_last = 0
    while (match := _VALUE_WITH_GT.search(data, position)) is not None:
        equals = match.start()
        end = equals - 1
        while end >= 0 and data[end] in _SPACE:
            end -= 1
        start = end
        while start >= 0 and data[start] in _NAME:
            start -= 1
        if start < end and start >= after_last and data[start] in _SPACE and data[start + 1] in _NAME_START:
            yield start, match
            after_last = position = match.end()
        else:
            position = equals + 1


def _in_a_tag(data: bytes, position: int) -> bool:
    """Whether ``position`` is inside a tag: after a ``<`` and no ``>`` since."""
    return data.rfind(b"<", 0, position) > data.rfind(b">", 0, position)


class _Steps(dict[tuple[bytes, bytes], int]):
    """(closing slash, tag name) → the change of nesting depth it makes: +1 for an opening
    tag, -1 for a closing one, 0 for the elements that never nest; filled as names occur."""

    def __missing__(self, key: tuple[bytes, bytes]) -> int:
        closing, name = key
        step = 0 if name.lower() in _NOT_NESTING else -1 if closing else 1
        self[key] = step
        return step


def _depth_bound(data: bytes) -> int:
    """An upper bound of the depth ``limit_nesting`` reaches: its walk with self-closing
    tags counted as opening ones, as a clamped sum (depth never drops below zero) taken
    by numpy instead of tag by tag in Python."""
    steps = np.fromiter(map(_Steps().__getitem__, _NESTING_TAG.findall(data)), dtype=np.int64)
    if not len(steps):
        return 0
    total = np.cumsum(steps)
    return int((total - np.minimum.accumulate(np.minimum(total, 0))).max())


def limit_nesting(data: bytes, max_depth: int) -> bytes:
    """Unwrap elements nested deeper than ``max_depth``, keeping their text."""
    if _depth_bound(data) < max_depth:
        return data  # no element reaches the limit: the walk below would cut nothing
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
