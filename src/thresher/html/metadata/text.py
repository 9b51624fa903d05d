"""Small string helpers shared by the metadata readers."""

from __future__ import annotations

import html
import unicodedata

__all__ = ["clean_value", "normalise_for_match"]

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
    text = " ".join(text.split())[:limit]
    return text or None


def normalise_for_match(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form, to compare two renderings of a name."""
    text = unicodedata.normalize("NFKD", text).casefold()
    return "".join(ch for ch in text if ch.isalnum())
