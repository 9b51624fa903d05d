"""Bytes of unknown encoding → text, the way a browser would decide.

Order of evidence: a byte-order mark, then a charset the page declares (meta tag or
XML prolog) if Python knows it and it decodes, then UTF-8, then charset-normalizer's
detection. Binary formats are refused up front so they never reach the parser.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from thresher.errors import DecodeError, UnsupportedInputError

__all__ = ["DecodedPage", "decode_page", "sniff_binary"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""",
    re.I,
)
# Magic numbers of formats people mistakenly feed to an HTML extractor.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF document"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"RIFF", "a RIFF (WebP/WAV/AVI) file"),
    (b"\x7fELF", "an executable"),
    (b"WARC/", "a WARC archive (use `thresher run`)"),
)
# Browsers treat these labels as windows-1252 (WHATWG Encoding Standard).
_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "x-sjis": "shift_jis",
    "gb2312": "gb18030",
    "gbk": "gb18030",
}


def sniff_binary(raw: bytes) -> str | None:
    """Name the binary format of ``raw``, or None if it may be text."""
    for magic, name in _MAGIC:
        if raw.startswith(magic):
            return name
    head = raw[:4096]
    # NULs in bulk mean binary; UTF-16 without a BOM is caught by the same check, and
    # charset-normalizer has the final word on it below.
    if head and head.count(0) > len(head) // 4 and not _utf16_without_bom(head):
        return "binary data"
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 text without a BOM has its NULs in one byte position of each pair."""
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if max(even, odd) < max(4, len(head) // 8) or min(even, odd) > max(even, odd) // 20:
        return None
    return "utf-16-be" if even > odd else "utf-16-le"


def _declared_encoding(raw: bytes) -> str | None:
    match = _DECLARED.search(raw[:16384])
    if not match:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii", "ignore").lower()
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None  # an unknown label is ignored, as browsers do


class DecodedPage(NamedTuple):
    """The text of a page, and its bytes when they are exactly that text in UTF-8: the
    parser then reads them as they are instead of encoding the text again, a copy as
    large as the page saved."""

    text: str
    utf8: bytes | None = None


def decode_page(raw: bytes) -> DecodedPage:
    """Decode page bytes to text; raise ``UnsupportedInputError`` for binary formats."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return DecodedPage(raw[len(bom) :].decode(encoding, "replace"))
    binary = sniff_binary(raw)
    if binary:
        raise UnsupportedInputError(f"input is {binary}, not a web page or text")
    utf16 = _utf16_without_bom(raw[:4096])
    if utf16:
        return DecodedPage(raw.decode(utf16, "replace"))
    declared = _declared_encoding(raw)
    if declared:
        try:
            return DecodedPage(raw.decode(declared), raw if declared == "utf-8" else None)
        except UnicodeDecodeError:
            pass
    try:
        return DecodedPage(raw.decode("utf-8"), raw)
    except UnicodeDecodeError:
        pass
    # (imported here: most pages are UTF-8 or say what they are, and never need it)
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:262144]).best()
    if best is None or best.encoding is None:
        if declared:
            return DecodedPage(raw.decode(declared, "replace"))
        raise DecodeError("could not determine the text encoding of the input")
    return DecodedPage(raw.decode(best.encoding, "replace"))
