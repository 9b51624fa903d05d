"""CSS selector lists narrowed to the parts a page can match at all.

The byline and date lookups query lists of substring attribute selectors
(``[class*="author" i]``), and lexbor tests every selector of a list on every element of
the zone; most of a list's words appear nowhere in a given page. Each part of a list is
tied to a word that every value it matches contains (in some ASCII letter case), and a
part whose word the page's markup does not hold is dropped before the query: the query
finds the same elements, in the same order, for less. The test runs over the markup the
tree was parsed from, lower-cased once per page and only for pages that reach such a
query. Markup that could spell a word otherwise than in plain letters (a numeric
character reference to an ASCII letter or hyphen, or a non-ASCII letter that Unicode
case folding maps to one) keeps every part.
"""

from __future__ import annotations

import re
from functools import cached_property

__all__ = ["UNKNOWN_PAGE", "PageWords", "SelectorParts"]

#: (word, selector) pairs: the selector matches only where the markup holds the word.
SelectorParts = tuple[tuple[bytes, str], ...]

_SPELLED_OTHERWISE = re.compile(
    rb"&#(?:[xX]0*(?:2[dD]|[4-7][0-9a-fA-F])(?![0-9a-fA-F])|0*(?:45|6[5-9]|[7-9][0-9]|1[01][0-9]|12[0-2])(?![0-9]))"
    rb"|\xc4\xb1|\xc5\xbf|\xe2\x84\xaa"  # ı, ſ, the Kelvin sign
)


class PageWords:
    """Which selector parts the markup of one page can match."""

    def __init__(self, markup: bytes | None) -> None:
        self._markup = markup

    @cached_property
    def _lowered(self) -> bytes | None:
        markup = self._markup
        if markup is None or _SPELLED_OTHERWISE.search(markup):
            return None
        return markup.lower()

    def selector(self, parts: SelectorParts) -> str:
        """The selector list of the parts whose word the page holds; empty when none."""
        lowered = self._lowered
        return ", ".join(selector for word, selector in parts if lowered is None or word in lowered)


#: A page whose markup is not known: every part is kept.
UNKNOWN_PAGE = PageWords(None)
