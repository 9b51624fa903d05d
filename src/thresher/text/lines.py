"""Cut a text capture into lines: the unit every later step classifies.

A capture has one block per line; blank lines may or may not separate blocks, so
they are kept only as flags on the lines around them. ``<image>…</image>`` lines
become image lines (with ``src`` and ``alt`` when given as ``![alt](src)`` or as bare
alt text). Whitespace is normalised so that features and the output see clean text.
All of it is done by passes over the whole text in C (``str.replace``, regex
substitutions, ``splitlines``, ``map(str.strip)``) and one compiled loop (numba) that
tells which odd characters are there, and the lines are built as named tuples in one
``map``: a Python loop over the ~250 raw lines of a capture cost more than the rest.
"""

from __future__ import annotations

import re
from itertools import compress, repeat
from typing import NamedTuple

import numpy as np
from numba import njit

from thresher.errors import InputTooLargeError, UnsupportedInputError
from thresher.text.page_text import code_points

__all__ = ["Line", "split_lines"]

#: Longest line examined; the rest of a gigantic line is cut off so that no single
#: line can make feature extraction slow (1 MiB is far above any real paragraph).
MAX_LINE_CHARS = 1 << 20

# ``<image>…</image>``, also with a namespace prefix on the tag (``<ns:image>``).
_IMAGE_LINE = re.compile(r"^<(?:[\w.-]+:)?image>(.*?)</(?:[\w.-]+:)?image>$", re.S | re.I)
_MARKDOWN_IMAGE = re.compile(r"^!\[(.*?)\]\((.*?)\)$", re.S)
_ALT_ATTRIBUTE = re.compile(r"""\balt=(?:"([^"]*)"|'([^']*)')""", re.I)
_SRC_ATTRIBUTE = re.compile(r"""\bsrc=(?:"([^"]*)"|'([^']*)')""", re.I)
_QUOTED_URL = re.compile(r"""["']([a-z][\w+.-]*:[^"'\s]+)["']""", re.I)
_SPACES = re.compile(r"[\s\u00a0\u200b\u200c\u200d\u2060\ufeff]+")
# C0 controls other than tab/newline/carriage return, and C1 controls: text never has many.
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd"
# What is dropped from the text: those controls and the invisible joiners, in one pass.
_DROPPED = re.compile(f"[{_CONTROLS}\u200c\u200d\u2060\ufeff]")
# The whitespace left that is neither a plain space nor a line break: tabs, no-break spaces…
_ODD_SPACES = "\t\xa0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))
#: Longest start of a text whose characters are classified (in one compiled pass).
_SAMPLE = 65536
#: The kinds of characters: a bit for each odd space (bit k: ``_ODD_SPACES[k]``), then one
#: for control characters and one for characters to drop.
_CONTROL, _DROP = 1 << len(_ODD_SPACES), 2 << len(_ODD_SPACES)


def _kinds_table() -> np.ndarray:
    """The kind bits of every BMP character."""
    plane = "".join(map(chr, range(0x10000)))
    table = np.zeros(0x10000, dtype=np.uint32)
    table[code_points(_ODD_SPACES)] = 1 << np.arange(len(_ODD_SPACES), dtype=np.uint32)
    for bit, pattern in ((_CONTROL, re.compile(f"[{_CONTROLS}]")), (_DROP, _DROPPED)):
        table[[m.start() for m in pattern.finditer(plane)]] |= bit
    return table


_KINDS = _kinds_table()


class Line(NamedTuple):
    """One non-blank line of the capture (``position``: its place among them)."""

    position: int
    text: str
    blank_before: bool = False
    blank_after: bool = False
    is_image: bool = False
    image_src: str | None = None
    image_alt: str = ""


def _image_line(position: int, inner: str, blank_before: bool, blank_after: bool) -> Line:
    inner = _SPACES.sub(" ", inner).strip()
    src: str | None
    match = _MARKDOWN_IMAGE.match(inner)
    alt_match = _ALT_ATTRIBUTE.search(inner)
    if match:  # ![alt](src)
        alt, src = match.group(1).strip(), match.group(2).strip() or None
    elif alt_match:  # src alt="…" or src="…" alt="…"
        alt = (alt_match.group(1) or alt_match.group(2) or "").strip()
        rest = inner[: alt_match.start()].strip()
        src_match = _SRC_ATTRIBUTE.search(inner) or _QUOTED_URL.search(rest)
        src = (src_match.group(1) if src_match else rest.strip("\"' ")) or None
    elif inner and " " not in inner and ("/" in inner or ":" in inner):  # a bare address
        alt, src = "", inner
    else:  # bare alternative text
        alt, src = inner, None
    return Line(position, alt, blank_before, blank_after, True, src, alt)


@njit(cache=True, nogil=True)
def _kinds_present(points: np.ndarray, kinds: np.ndarray) -> tuple[int, int]:
    """The OR of the ``kinds`` bits of all ``points`` (beyond the BMP: none), and how many
    are ``_CONTROL`` characters."""
    present = controls = 0
    for point in points:
        if point < len(kinds):
            kind = kinds[point]
            present |= kind
            if kind & _CONTROL:
                controls += 1
    return present, controls


def _odd_characters(text: str) -> tuple[bool, set[str]]:
    """Whether ``text`` holds characters to drop, and which odd spaces it holds; raises
    ``UnsupportedInputError`` for binary data rather than a capture. One compiled pass over
    the first ``_SAMPLE`` characters; past them, every kind is assumed present."""
    sample = text[:_SAMPLE]
    present, controls = _kinds_present(code_points(sample), _KINDS)
    if controls > 0.05 * len(sample):
        raise UnsupportedInputError("input looks like binary data, not a text capture")
    if len(text) > _SAMPLE:
        return True, set(_ODD_SPACES)
    return bool(present & _DROP), {space for k, space in enumerate(_ODD_SPACES) if present >> k & 1}


def split_lines(text: str, *, max_lines: int) -> list[Line]:
    """The non-blank lines of ``text``, in order, each flagged with surrounding blanks.

    Raises ``InputTooLargeError`` past ``max_lines`` lines (counted before the text is cut),
    ``UnsupportedInputError`` for binary data.
    """
    droppable, odd_spaces = _odd_characters(text)
    if len(text) >= max_lines:  # a shorter text cannot hold too many lines
        # Every line break ``splitlines`` knows (a CR-only or U+2028 file must not slip through).
        count = max(text.count("\n"), text.count("\r")) + text.count("\u2028") + text.count("\u2029") + 1
        if count > max_lines:
            raise InputTooLargeError(f"text capture of {count:,} lines exceeds max_lines={max_lines:,}")
    # Whole-text passes (C speed): drop control and joiner characters, zero-width space → space,
    # every other space → a plain one.
    if droppable:
        text = _DROPPED.sub("", text)
    for space in odd_spaces | {"\u200b"}:
        text = text.replace(space, " ")
    while "  " in text:  # a run of spaces → one space (each pass halves the runs)
        text = text.replace("  ", " ")
    stripped = list(map(str.strip, text.splitlines()))
    kept = list(compress(range(len(stripped)), stripped))  # the indexes of the non-blank lines
    texts = list(compress(stripped, stripped))
    if texts and max(map(len, texts)) > MAX_LINE_CHARS:
        texts = [t[:MAX_LINE_CHARS].rstrip() for t in texts]
    # A blank line lies between two kept lines whose indexes are more than one apart.
    at = np.array(kept, dtype=np.int64)
    gaps = np.empty(len(at) + 1, dtype=bool)
    gaps[0], gaps[-1] = at[:1].sum() > 0, len(at) > 0 and at[-1] < len(stripped) - 1
    np.greater(at[1:] - at[:-1], 1, out=gaps[1:-1])
    blank_before, blank_after = gaps[:-1].tolist(), gaps[1:].tolist()
    lines = list(
        map(
            tuple.__new__,
            repeat(Line),
            zip(range(len(texts)), texts, blank_before, blank_after, repeat(False), repeat(None), repeat("")),
        )
    )
    if "<" in text:  # image lines
        for k, line in enumerate(lines):
            image = _IMAGE_LINE.match(line.text) if line.text[:1] == "<" else None
            if image:
                lines[k] = _image_line(k, image.group(1), line.blank_before, line.blank_after)
    return lines
