"""When a body is too short to trust, and when another reading of the page outweighs it.

A reader's body comes out short for one of a few causes, each with its own remedy, and
each remedy is another reading of the page:

1. the page hides its text until its scripts have run (``body``: when even all the
   text it shows is too short, read its hidden elements too, before the blocks are
   judged);
2. damaged markup swallowed the text into a title or an attribute (``extract``: mend
   the markup and read it again);
3. the page's names misled the HTML reader (``second_opinion``: the text reader reads
   the visible text line by line);
4. the markup leaves the text out, but the page's description is an excerpt of it
   (``description``: it leads the body).

They share one test of "too short" (``too_short``), in that order, so that a remedy
stops the later ones only by giving a body worth trusting; the hidden text, the text
reader's body and the description are taken when they outweigh what was there
(``outweighs``), mended markup whenever it gives a body (the damage, once found, is
certain).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

__all__ = ["MIN_WORDS", "OUTWEIGH", "SHORT_WORDS", "body_words", "outweighs", "too_short", "words"]

#: A body of fewer words than this is too short to trust: another reading is tried.
SHORT_WORDS = 120
#: Another reading is taken when it holds this many times the body's words…
OUTWEIGH = 4
#: …and at least this many words.
MIN_WORDS = 20

#: Scripts written without spaces between words (Han, kana): each character counts as a word.
_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(f"[{_UNSPACED}]|[^\\W{_UNSPACED}]+")
#: A text this long (characters) is counted only as far as needed, not whole.
_LONG_TEXT = 2000
#: The bytes of ASCII's word characters as they are, every other byte as a space: the
#: words of an ASCII text are then the runs ``bytes.split`` finds, in C, without a match
#: object per word.
_ASCII_WORDS = bytes(
    byte if byte < 128 and (chr(byte).isalnum() or byte == ord("_")) else 32 for byte in range(256)
)


def words(text: str, *, at_most: int | None = None) -> int:
    """The number of words (runs of word characters) in ``text``, counted no further
    than ``at_most`` when given (a long body need not be counted to the end)."""
    return sum(1 for _ in itertools.islice(_WORD.finditer(text), at_most))


def body_words(texts: Iterable[str]) -> int:
    """The words of a body's ``texts`` (its blocks), counted block by block and only as
    far as ``too_short`` needs: a body of some length is neither joined nor read to its end."""
    return _count(texts, SHORT_WORDS)


def too_short(count: int) -> bool:
    """Whether a body of ``count`` words (as ``body_words`` counts them) is too short to trust."""
    return count < SHORT_WORDS


def outweighs(texts: Iterable[str], count: int) -> bool:
    """Whether another reading of the page, of these texts, is worth taking over a body
    of ``count`` words: a few more words are no better evidence, several times as many are."""
    needed = max(MIN_WORDS, OUTWEIGH * count)
    return _count(texts, needed) >= needed


def _count(texts: Iterable[str], at_most: int) -> int:
    """The words of ``texts``, no more than ``at_most``: a block is counted whole (one
    call in C), a long one only as far as needed."""
    count = 0
    for text in texts:
        if len(text) < _LONG_TEXT:
            count += _whole(text)
        else:
            count += words(text, at_most=at_most - count)
        if count >= at_most:
            return at_most
    return count


def _whole(text: str) -> int:
    """The words of ``text`` as ``words`` counts them, all of them."""
    if text.isascii():
        return len(text.encode().translate(_ASCII_WORDS).split())
    return len(_WORD.findall(text))
