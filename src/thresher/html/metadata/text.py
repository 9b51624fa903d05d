"""Small string helpers shared by the metadata readers."""

from __future__ import annotations

import html
import re
import unicodedata

from selectolax.lexbor import LexborNode

__all__ = ["clean_value", "normalise_for_match", "visible_text"]

_NOT_ALNUM = re.compile(r"[\W_]+")
# Invisible characters that split words for the renderer only: soft hyphen, zero-width
# space/joiners, word joiner, byte order mark.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))

# Values longer than this are not metadata but page text (or garbage): cut them.
MAX_VALUE_CHARS = 2000


def clean_value(value: object, limit: int = MAX_VALUE_CHARS) -> str | None:
    """A metadata value as one line of text, or None when it holds nothing.

    Meta tags and JSON-LD often carry HTML entities escaped once more (``&amp;amp;``)
    and stray line breaks, so entities are decoded and whitespace collapsed."""
    if not isinstance(value, str):
        return None
    text = value[: limit * 2]
    if "&" in text:
        text = html.unescape(text)
    if not text.isascii():
        text = text.translate(_INVISIBLE)
    text = " ".join(text.split())[:limit]
    return text or None


def visible_text(node: LexborNode) -> str:
    """The text of an element without what its ``<style>``/``<script>`` children hold."""
    if node.css_first("style, script, noscript") is None:
        return node.text(deep=True, separator=" ")
    parts = []
    for child in node.traverse(include_text=True):
        if child.tag == "-text":
            parent = child.parent
            if parent is not None and parent.tag not in {"style", "script", "noscript"}:
                parts.append(child.text_content or "")
    return " ".join(parts)


def normalise_for_match(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form, to compare two renderings of a name."""
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKD", text).casefold())
