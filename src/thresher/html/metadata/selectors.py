"""CSS selector lists narrowed to the parts a page can match at all.

The byline and date lookups query lists of substring attribute selectors
(``[class*="author" i]``), and lexbor tests every selector of a list on every element of
the zone; most of a list's words appear nowhere in a given page. Each part of a list is
tied to a word that every value it matches contains (in some ASCII letter case), and a
part whose word the page's markup does not hold is dropped before the query: the query
finds the same elements, in the same order, for less. The test runs over the markup the
tree was parsed from, lower-cased once per page and only for pages that reach such a
query (lexbor's ``i`` flag folds ASCII letters only, as ``bytes.lower`` does). Markup
that could spell a word otherwise, with a numeric character reference to an ASCII letter
or hyphen, keeps every part.
"""

from __future__ import annotations

import re
from functools import cached_property

__all__ = ["UNKNOWN_PAGE", "PageWords", "SelectorParts"]

#: (word, selector) pairs: the selector matches only where the markup holds the word.
SelectorParts = tuple[tuple[bytes, str], ...]

_LETTER_REFERENCE = re.compile(
    rb"&#(?:[xX]0*(?:2[dD]|[4-7][0-9a-fA-F])(?![0-9a-fA-F])|0*(?:45|6[5-9]|[7-9][0-9]|1[01][0-9]|12[0-2])(?![0-9]))"
)


class PageWords:
    """Which selector parts the markup of one page can match."""

    def __init__(self, markup: bytes | None) -> None:
        self._markup = markup
        self._selectors: dict[SelectorParts, str] = {}

    @cached_property
    def _lowered(self) -> bytes | None:
        markup = self._markup
        if markup is None or _LETTER_REFERENCE.search(markup):
            return None
        return markup.lower()

    def selector(self, parts: SelectorParts) -> str:
        """The selector list of the parts whose word the page holds; empty when none."""
        selector = self._selectors.get(parts)
        if selector is None:
            lowered = self._lowered
            held = {word: lowered is None or word in lowered for word in dict.fromkeys(w for w, _ in parts)}
            selector = self._selectors[parts] = ", ".join(css for word, css in parts if held[word])
        return selector


#: A page whose markup is not known: every part is kept.
UNKNOWN_PAGE = PageWords(None)
