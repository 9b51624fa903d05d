"""Cut a text capture into lines: the unit every later step classifies.

A capture has one block per line; blank lines may or may not separate blocks, so
they are kept only as a flag on the next line. ``<image>…</image>`` lines become
image lines (with ``src`` and ``alt`` when given as ``![alt](src)`` or as bare alt
text). Whitespace is normalised so that features and the output see clean text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from thresher.errors import InputTooLargeError, UnsupportedInputError

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
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
# What is dropped from the text: those controls and the invisible joiners, in one pass.
_DROPPED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd\u200c\u200d\u2060\ufeff]")


@dataclass(slots=True)
class Line:
    """One non-blank line of the capture."""

    index: int
    text: str
    blank_before: bool = False
    blank_after: bool = False
    is_image: bool = False
    image_src: str | None = None
    image_alt: str = ""


def _image_line(index: int, inner: str, blank_before: bool) -> Line:
    inner = _SPACES.sub(" ", inner).strip()
    src: str | None
    match = _MARKDOWN_IMAGE.match(inner)
    alt_match = _ALT_ATTRIBUTE.search(inner)
    if match:  # ![alt](src)
        alt, src = match.group(1).strip(), match.group(2).strip() or None
    elif alt_match:  # src alt="…" or src="…" alt="…"
        alt = (alt_match.group(1) or alt_match.group(2) or "").strip()
        rest = inner[:alt_match.start()].strip()
        src_match = _SRC_ATTRIBUTE.search(inner) or _QUOTED_URL.search(rest)
        src = (src_match.group(1) if src_match else rest.strip("\"' ")) or None
    elif inner and " " not in inner and ("/" in inner or ":" in inner):  # a bare address
        alt, src = "", inner
    else:  # bare alternative text
        alt, src = inner, None
    return Line(index, alt, blank_before=blank_before, is_image=True, image_src=src, image_alt=alt)


def check_plain_text(text: str) -> None:
    """Raise ``UnsupportedInputError`` when ``text`` is binary data rather than a capture."""
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > 0.05 * len(sample):
        raise UnsupportedInputError("input looks like binary data, not a text capture")


def split_lines(text: str, *, max_lines: int) -> list[Line]:
    """The non-blank lines of ``text``, in order, each flagged with surrounding blanks.

    Raises ``InputTooLargeError`` past ``max_lines`` lines (counted before any work),
    ``UnsupportedInputError`` for binary data.
    """
    check_plain_text(text)
    # Every line break ``splitlines`` knows (a CR-only or U+2028 file must not slip through).
    count = max(text.count("\n"), text.count("\r")) + text.count("\u2028") + text.count("\u2029") + 1
    if count > max_lines:
        raise InputTooLargeError(f"text capture of {count:,} lines exceeds max_lines={max_lines:,}")
    # Whole-text passes (C speed): drop control and joiner characters, zero-width space → space.
    text = _DROPPED.sub("", text).replace("\u200b", " ")
    lines: list[Line] = []
    blank = False
    for raw in text.splitlines():
        if len(raw) > MAX_LINE_CHARS:
            raw = raw[:MAX_LINE_CHARS]
        stripped = raw.strip()
        if not stripped:
            blank = True
            if lines:
                lines[-1].blank_after = True
            continue
        image = _IMAGE_LINE.match(stripped) if stripped[:1] == "<" else None
        if image:
            line = _image_line(len(lines), image.group(1), blank)
        else:
            line = Line(len(lines), " ".join(stripped.split()), blank_before=blank)
        lines.append(line)
        blank = False
    return lines
