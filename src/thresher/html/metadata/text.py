"""Small string helpers shared by the metadata readers."""

from __future__ import annotations

import functools
import html
import re
import unicodedata

from selectolax.lexbor import LexborNode

__all__ = ["clean_value", "normalise_for_match", "rendered_text"]

_NOT_ALNUM = re.compile(r"[\W_]+")
# Invisible characters that split words for the renderer only: soft hyphen, zero-width
# space/joiners, word joiner, byte order mark. (A regex deletes them several times faster
# than ``str.translate``, which looks every character up in a dict.)
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]+")

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
        text = _INVISIBLE.sub("", text)
    text = " ".join(text.split())[:limit]
    return text or None


_BLOCKS = frozenset(
    (
        "br",
        "div",
        "p",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "header",
        "footer",
        "table",
        "tr",
        "td",
        "th",
        "dd",
        "dt",
        "dl",
        "figure",
        "figcaption",
        "blockquote",
        "hr",
        "article",
        "aside",
        "nav",
    )
)
_NOT_RENDERED = frozenset(("style", "script", "noscript", "template"))


def rendered_text(node: LexborNode, *, dropped: frozenset[int] = frozenset()) -> str:
    """The text of an element as a browser lays it out on one line: text nodes joined as
    they are (so "Bahn<span>:</span>" stays "Bahn:"), a space at line breaks and block
    boundaries, nothing from ``<style>``/``<script>`` or from elements in ``dropped``
    (by ``mem_id``)."""
    parts: list[str] = []
    top = node.mem_id
    for child in node.traverse(include_text=True):
        tag = child.tag
        if tag != "-text":
            if tag in _BLOCKS:
                parts.append(" ")
            continue
        skip = False
        ancestor = child.parent
        while ancestor is not None and ancestor.mem_id != top:
            if ancestor.mem_id in dropped or ancestor.tag in _NOT_RENDERED:
                skip = True
                break
            ancestor = ancestor.parent
        if skip:
            parts.append(" ")  # a left-out element still separates what stands around it
            continue
        previous = child.prev
        if previous is not None and previous.tag in _BLOCKS:
            parts.append(" ")
        parts.append(child.text_content or "")
    return "".join(parts)


@functools.lru_cache(maxsize=8192)  # the readers compare the same few names and titles many times
def normalise_for_match(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form, to compare two renderings of a name."""
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKD", text).casefold())
