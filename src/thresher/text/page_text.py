"""A page's lines as one array of code points, measured line by line in compiled loops.

The line features need, for every line, counts and traits of its characters and
words. Done in Python, or as a few hundred numpy operations over the whole page, the
per-call overhead would outweigh the counting itself. So the page is encoded once (UTF-32), each code point
is looked up once in a table of class bits over the Basic Multilingual Plane (built
at import: word character (``\\w``), joiner, capital, changed by lower-casing, and
whatever bits the caller adds with ``character_classes``), and one loop compiled by
numba walks the characters and words once, adding up every per-line count the
features read (``count_lines``). The loops are compiled on first use (about eight
seconds for the text reader's kernels) and cached on disk by numba beside this module;
a kernel reads only its arguments and this module's constants, because the cache is
rebuilt when this file changes, not when another module does. Compiled loops check no
bounds: every index here is bounded by construction, and empty input never reaches them.

A word is what ``\\w[\\w'’-]*`` matches: a word character, then word characters,
apostrophes and hyphens. So each maximal run of those characters holds at most one
word, from its first word character to the run's end. Each word gets a *key*, a
polynomial hash of its lower-cased characters (modulo 2**64), and the keys are looked
up in the caller's vocabulary tables (``VocabularyTables``) inside the loop.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import numpy as np
from numba import njit

__all__ = [
    "ALPHA",
    "CAPITAL",
    "COUNT_FIELDS",
    "FIRST_FREE_BIT",
    "JOINER",
    "LOWERS",
    "LOWER_OR_TITLE",
    "WORD",
    "CountClasses",
    "PageWords",
    "VocabularyTables",
    "character_classes",
    "code_points",
    "count_lines",
    "page_words",
    "pair_keys",
    "vocabulary_keys",
    "vocabulary_tables",
]

_BMP = 0x10000


def code_points(text: str) -> np.ndarray:
    """The code points of ``text`` (lone surrogates pass through)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


#: The bits of ``character_classes`` that this module itself uses; callers add theirs above.
WORD, JOINER, CAPITAL, LOWERS, ALPHA, LOWER_OR_TITLE = 1, 2, 4, 8, 16, 32
FIRST_FREE_BIT = 64
_PLANE = "".join(map(chr, range(_BMP)))
# "İ" is the only BMP character whose lower-case form is two characters long.
_LOWER = code_points(_PLANE.replace("\u0130", "i").lower()).astype(np.uint64)
_OWN_CLASSES = np.zeros(_BMP, dtype=np.uint32)
_OWN_CLASSES[np.fromiter(map(str.isalnum, _PLANE), dtype=bool, count=_BMP)] |= WORD
_OWN_CLASSES[ord("_")] |= WORD  # what ``\w`` matches: ``str.isalnum`` or "_"
_OWN_CLASSES[code_points("'’-")] |= JOINER
_OWN_CLASSES[np.fromiter(map(str.isupper, _PLANE), dtype=bool, count=_BMP)] |= CAPITAL
_OWN_CLASSES[np.fromiter(map(str.isalpha, _PLANE), dtype=bool, count=_BMP)] |= ALPHA


def _lower_or_title(char: str) -> bool:
    """A lower-case or title-case letter: what makes ``str.isupper`` false."""
    return char.islower() or (char.istitle() and not char.isupper())


_OWN_CLASSES[np.fromiter(map(_lower_or_title, _PLANE), dtype=bool, count=_BMP)] |= LOWER_OR_TITLE
_OWN_CLASSES[np.arange(_BMP) != _LOWER] |= LOWERS
del _PLANE
#: The hash base of word keys, and the factor that joins two keys into a pair's key.
_BASE = np.uint64(1_000_003)
_PAIR = np.uint64(0x100000001B3)
#: Slots of a vocabulary table: 16,384, small enough for the processor's caches.
_SLOT_BITS = 14
_SLOT_SHIFT = np.uint64(64 - _SLOT_BITS)
_MULTIPLIERS = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93)


def character_classes(extra: dict[int, np.ndarray]) -> np.ndarray:
    """A lookup table of class bits (32) over the BMP: this module's own and, for each
    ``bit: mask`` of ``extra`` (bits from ``FIRST_FREE_BIT`` up), ``bit`` where ``mask`` is true."""
    table = _OWN_CLASSES.copy()
    for bit, mask in extra.items():
        if bit < FIRST_FREE_BIT:
            raise ValueError(f"class bit {bit} is this module's own")
        table[mask] |= bit
    return table


class _Page(NamedTuple):
    """Lines joined by breaks, as code points and class bits, with each line's bounds."""

    points: np.ndarray
    classes: np.ndarray
    starts: np.ndarray
    ends: np.ndarray


def _page(lines: list[str], table: np.ndarray) -> _Page:
    """``lines`` (without line breaks) joined by breaks, classified with ``table``."""
    if not lines:
        empty = np.zeros(0, dtype=np.int64)
        return _Page(empty.astype(np.uint32), empty.astype(np.uint32), empty, empty)
    points = code_points("\n".join(lines))
    if len(points) and int(points.max()) >= _BMP:  # emoji and rare scripts: classified one by one
        astral = np.unique(points[points >= _BMP])
        kinds = np.array([_astral_kind(chr(point)) for point in astral.tolist()], dtype=np.uint32)
    else:
        astral = kinds = np.zeros(0, dtype=np.uint32)
    return _Page(*_classify(points, table, astral, kinds, len(lines)))


def _astral_kind(char: str) -> int:
    """The own class bits of a character beyond the BMP."""
    return (
        (WORD if char.isalnum() else 0)
        | (CAPITAL if char.isupper() else 0)
        | (ALPHA if char.isalpha() else 0)
        | (LOWER_OR_TITLE if _lower_or_title(char) else 0)
    )


@njit(cache=True, nogil=True)
def _classify(
    points: np.ndarray, table: np.ndarray, astral: np.ndarray, astral_kinds: np.ndarray, n_lines: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The class bits of ``points`` (``table`` over the BMP, ``astral_kinds`` for the sorted
    ``astral`` points beyond it) and the bounds of the ``n_lines`` lines they hold."""
    classes = np.empty(len(points), dtype=np.uint32)
    starts = np.empty(n_lines, dtype=np.int64)
    ends = np.empty(n_lines, dtype=np.int64)
    line = 0
    starts[0] = 0
    for i in range(len(points)):
        point = points[i]
        if point < len(table):
            classes[i] = table[point]
        else:
            classes[i] = astral_kinds[np.searchsorted(astral, point)]
        if point == 10 and line + 1 < n_lines:  # (a break inside a line would not be one)
            ends[line] = i
            line += 1
            starts[line] = i + 1
    ends[line] = len(points)
    return points, classes, starts, ends


@njit(cache=True, nogil=True)
def _word_end(classes: np.ndarray, at: int, n: int) -> tuple[int, int]:
    """The word in the run of word and joiner characters at ``at``: (its start, the run's
    end); the start is the run's end when the run holds no word character."""
    start = -1
    end = at
    while end < n and classes[end] & (WORD | JOINER):
        if start < 0 and classes[end] & WORD:
            start = end
        end += 1
    return (end if start < 0 else start), end


@njit(cache=True, nogil=True)
def _word_key(points: np.ndarray, classes: np.ndarray, lower: np.ndarray, start: int, end: int) -> np.uint64:
    key = np.uint64(0)
    for i in range(start, end):
        point = np.uint64(points[i])
        if classes[i] & LOWERS:
            point = lower[points[i]]
        key = key * _BASE + point
    return key


@njit(cache=True, nogil=True)
def _page_words(
    points: np.ndarray, classes: np.ndarray, lower: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    n = len(points)
    starts = np.empty(n // 2 + 1, dtype=np.int64)
    lengths = np.empty(n // 2 + 1, dtype=np.int64)
    lines = np.empty(n // 2 + 1, dtype=np.int64)
    keys = np.empty(n // 2 + 1, dtype=np.uint64)
    count = 0
    line = 0
    i = 0
    while i < n:
        if points[i] == 10:
            line += 1
        if not classes[i] & (WORD | JOINER):
            i += 1
            continue
        start, end = _word_end(classes, i, n)
        if start < end:
            starts[count], lengths[count], lines[count] = start, end - start, line
            keys[count] = _word_key(points, classes, lower, start, end)
            count += 1
        i = end
    return starts[:count], lengths[:count], lines[:count], keys[:count]


class PageWords(NamedTuple):
    """The words of lines joined by breaks: start, length, line and key of each."""

    starts: np.ndarray
    lengths: np.ndarray
    lines: np.ndarray
    keys: np.ndarray


def page_words(lines: list[str], classes: np.ndarray = _OWN_CLASSES) -> PageWords:
    """Every word of ``lines`` (joined by breaks), in order."""
    page = _page(lines, classes)
    return PageWords(*_page_words(page.points, page.classes, _LOWER))


def vocabulary_keys(words: Iterable[str]) -> np.ndarray:
    """The keys of ``words`` (each one word as ``page_words`` cuts them)."""
    return page_words(list(words)).keys


def pair_keys(firsts: np.ndarray, seconds: np.ndarray) -> np.ndarray:
    """The keys of word pairs, from the keys of their first and second words."""
    keys: np.ndarray = firsts * _PAIR + seconds
    return keys


class VocabularyTables(NamedTuple):
    """Open-addressed hash tables of vocabulary keys, one row per multiplier: a key's slot
    in row r is the top ``_SLOT_BITS`` bits of key times ``multipliers[r]``; keys that
    meet in a slot go to the next row. ``flags`` holds each key's vocabulary bits."""

    multipliers: np.ndarray
    keys: np.ndarray
    flags: np.ndarray


def vocabulary_tables(bits: dict[int, int]) -> VocabularyTables:
    """The tables of the keys of ``bits`` (key → vocabulary bits, 8 bits at most)."""
    rows_keys, rows_flags = [], []
    pending = sorted(bits)
    for multiplier in _MULTIPLIERS:
        keys, flags = np.zeros(1 << _SLOT_BITS, dtype=np.uint64), np.zeros(1 << _SLOT_BITS, dtype=np.uint8)
        slots = (np.array(pending, dtype=np.uint64) * np.uint64(multiplier)) >> _SLOT_SHIFT
        left = []
        for key, slot in zip(pending, slots.tolist(), strict=True):
            if flags[slot]:
                left.append(key)
            else:
                keys[slot], flags[slot] = key, bits[key]
        rows_keys.append(keys)
        rows_flags.append(flags)
        if not left:
            return VocabularyTables(
                np.array(_MULTIPLIERS[: len(rows_keys)], dtype=np.uint64),
                np.array(rows_keys),
                np.array(rows_flags),
            )
        pending = left
    raise RuntimeError("vocabulary keys do not fit the hash tables")


@njit(cache=True, nogil=True)
def _flags_of(
    key: np.uint64, multipliers: np.ndarray, table_keys: np.ndarray, table_flags: np.ndarray
) -> int:
    """The vocabulary bits of ``key``; 0 for a key in no vocabulary."""
    for row in range(len(multipliers)):
        slot = (key * multipliers[row]) >> _SLOT_SHIFT
        if table_keys[row, slot] == key:
            return int(table_flags[row, slot])
        if not table_flags[row, slot]:  # a free slot: the key would have been stored here
            return 0
    return 0


#: The per-line counts of ``count_lines``, in the order of its rows.
COUNT_FIELDS = (
    "words",
    "ideographs",
    "stopwords",
    "capitalised",
    "word_chars",
    "vocabulary",
    "pair",
    "final_class",
    "first_class",
    "last_point",
    "sentence_ends",
    "ascii_digits",
    "decimals",
    "separated",
    "commas",
    "glued",
    "length",
    "capitals",
    "lower_or_title",
)


class CountClasses(NamedTuple):
    """The caller's class bits that ``count_lines`` reads (each from ``character_classes``)."""

    #: Closing quotes and brackets, skipped after a sentence's end.
    closer: int
    sentence_end: int
    decimal: int
    #: "|", "·", "/"…: a menu separator when it stands between two spaces.
    separator: int
    comma: int
    #: Chinese, Japanese and Korean characters (about two a word).
    ideograph: int
    #: Characters that end a word glued to a following capital ("…Student-AthleteA").
    glue_head: int
    ascii_capital: int


def count_lines(
    lines: list[str],
    classes: np.ndarray,
    count_classes: CountClasses,
    vocabulary: VocabularyTables,
    *,
    stopword: int,
    pair: int,
    glue_span: int,
) -> np.ndarray:
    """The ``COUNT_FIELDS`` of every line of ``lines`` (non-empty strings whose only
    whitespace is single spaces), one row per field:

    words, ideographs, stopwords (words with vocabulary bit ``stopword``), capitalised words,
    word characters, the OR of the vocabulary bits of the line's words, whether two
    neighbouring words form a key with bit ``pair``, the class bits of the last character
    before closing quotes (within the last eight) and of the first, the last code point,
    sentence ends (a ``sentence_end`` character, maybe closers, then a space or the line's
    end), ASCII and all decimal digits, whether a separator stands between two spaces,
    commas, and whether the line starts with a title-case headline glued to the next text
    ("…Student-AthleteA 24-year-old"): the first place in its first ``glue_span`` characters
    where a ``glue_head`` character runs into a capital not followed by another (an
    acronym) ends three space-separated words or more, 70% of them capitalised or not
    starting with a letter; then the line's length, and its upper-case and its lower- or
    title-case letters.
    """
    page = _page(lines, classes)
    bits = np.array(count_classes, dtype=np.int64)
    counts: np.ndarray = _count_lines(
        page.points,
        page.classes,
        page.starts,
        page.ends,
        _LOWER,
        bits,
        vocabulary.multipliers,
        vocabulary.keys,
        vocabulary.flags,
        stopword,
        pair,
        glue_span,
    )
    return counts


@njit(cache=True, nogil=True)
def _glued_head(points: np.ndarray, classes: np.ndarray, start: int, end: int) -> bool:
    """Whether ``points[start:end]`` holds three space-separated words or more, 70% of them
    starting with a capital or a character that is not a letter."""
    words = capitalised = 0
    for i in range(start, end):
        if points[i] != 32 and (i == start or points[i - 1] == 32):
            words += 1
            if classes[i] & CAPITAL or not classes[i] & ALPHA:
                capitalised += 1
    return words >= 3 and capitalised >= 0.7 * words


@njit(cache=True, nogil=True)
def _count_lines(
    points: np.ndarray,
    classes: np.ndarray,
    starts: np.ndarray,
    ends: np.ndarray,
    lower: np.ndarray,
    bits: np.ndarray,
    multipliers: np.ndarray,
    table_keys: np.ndarray,
    table_flags: np.ndarray,
    stopword: int,
    pair_bit: int,
    glue_span: int,
) -> np.ndarray:
    closer, sentence_end, decimal, separator, comma, ideograph, glue_head, capital = (
        bits[0],
        bits[1],
        bits[2],
        bits[3],
        bits[4],
        bits[5],
        bits[6],
        bits[7],
    )
    n = len(points)
    out = np.zeros((len(COUNT_FIELDS), len(starts)), dtype=np.int64)
    for k in range(len(starts)):
        start, end = starts[k], ends[k]
        if start == end:  # an empty line: all counts zero (the features never pass one)
            continue
        last = end - 1
        floor = max(start, end - 8)
        steps = 0
        while steps < 7 and classes[last] & closer and last > floor:
            last -= 1
            steps += 1
        words = ideographs = stopwords = capitalised = word_chars = vocabulary = pair = 0
        sentence_ends = ascii_digits = decimals = separated = commas = capitals = lower_or_title = 0
        glue_seen = False
        glued = 0
        word_start = -1  # inside a word: where it started
        key = previous_key = np.uint64(0)
        for i in range(start, end + 1):  # (end: the break after the line, which closes a word)
            kind = classes[i] if i < end else 0
            if kind & (WORD | JOINER):
                if word_start < 0 and kind & WORD:
                    word_start, key = i, np.uint64(0)
                if word_start >= 0:
                    key = key * _BASE + (lower[points[i]] if kind & LOWERS else np.uint64(points[i]))
            elif word_start >= 0:  # a word ends
                flags = _flags_of(key, multipliers, table_keys, table_flags)
                words += 1
                word_chars += i - word_start
                if classes[word_start] & CAPITAL:
                    capitalised += 1
                if flags & stopword:
                    stopwords += 1
                vocabulary |= flags
                if words > 1 and not pair:
                    pair_key = previous_key * _PAIR + key
                    pair = _flags_of(pair_key, multipliers, table_keys, table_flags) & pair_bit
                previous_key = key
                word_start = -1
            if i == end:
                break
            point = points[i]
            if kind & ideograph:
                ideographs += 1
            if kind & decimal:
                decimals += 1
                if point < 128:
                    ascii_digits += 1
            if kind & comma:
                commas += 1
            if kind & CAPITAL:
                capitals += 1
            elif kind & LOWER_OR_TITLE:
                lower_or_title += 1
            if point == 32 and i + 2 < n and classes[i + 1] & separator and points[i + 2] == 32:
                separated = 1
            if kind & sentence_end:  # closing quotes and brackets may follow, then a space or the end
                after = i + 1
                steps = 0
                while steps < 7 and after < n and classes[after] & closer:
                    after += 1
                    steps += 1
                if after == n or points[after] == 32 or points[after] == 10:
                    sentence_ends += 1
            if not glue_seen and kind & glue_head and i + 1 < n and classes[i + 1] & capital:
                offset = i - start
                # A capital followed by another is an acronym, not a glued word.
                if offset < glue_span - 1 and (
                    i + 2 >= n or not classes[i + 2] & capital or offset == glue_span - 2
                ):
                    glue_seen = True  # the first such place decides
                    glued = _glued_head(points, classes, start, i + 1)
        column = out[:, k]
        column[0], column[1], column[2], column[3], column[4], column[5], column[6] = (
            words,
            ideographs,
            stopwords,
            capitalised,
            word_chars,
            vocabulary,
            pair,
        )
        column[7], column[8], column[9] = classes[last], classes[start], points[end - 1]
        column[10], column[11], column[12], column[13], column[14], column[15] = (
            sentence_ends,
            ascii_digits,
            decimals,
            separated,
            commas,
            glued,
        )
        column[16], column[17], column[18] = end - start, capitals, lower_or_title
    return out
