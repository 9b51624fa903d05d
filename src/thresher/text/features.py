"""Numbers that describe each line, for the line classifier and the rules after it.

Only the shape of the text counts: length, sentence punctuation, function-word
density, capitalisation, link-list and menu shape, interface vocabulary, and the
blank lines and repeats around it.

Why it is built this way: a capture has ~150 lines (7,500 characters), and a Python
step per line and field (a list comprehension, a regex call) costs ~0.2 us a line;
done that way the features took 1.4 ms of a 2.8 ms extraction. So the page is
measured as a whole: its distinct line texts (menus and share bars repeat theirs) are
joined into one array of code points (``page_text.PageText``), looked up once in a
table of character-class bits, and most fields are a few numpy operations over that
array or over its words. The words' keys are looked up in two small hash tables that
hold every vocabulary at once, a bit each: function words, one-word interface phrases,
the first two words of longer ones (looked up for neighbouring words), month names,
comment words. Python regexes run only on the few lines a numpy test leaves as
candidates (a line starting with a bullet or a digit, holding a digit, an interface
pair, "http"…). A line's fields never depend on its neighbours. The rules get one
``LineStats`` tuple per line (shared by repeated texts), the classifier one matrix.

Cost, measured with callgrind on 31 benchmark captures: 5.7 M instructions per
capture, half of an extraction (11.0 M); the per-line code it replaced took 15.3 M
of 28.2 M. Nothing is remembered between calls.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import repeat
from operator import attrgetter
from typing import NamedTuple

import numpy as np

from thresher.text.lines import Line
from thresher.text.page_text import FIRST_FREE_BIT, PageText, character_classes, code_points, vocabulary_keys
from thresher.text.vocabulary import (
    CALL_TO_ACTION,
    COMMENT_HEADER,
    COMMENT_NOUNS,
    COMMENTS_HEADING,
    INTERFACE_PAIRS,
    INTERFACE_WORDS,
    MONTHS,
    READING_TIME,
    STOPWORDS,
    has_interface_phrase,
)

__all__ = ["CLASSIFIER_FIELDS", "STAT_FIELDS", "TEXT_FIELDS", "LineStats", "PageStats", "line_stats"]


class LineStats(NamedTuple):
    """What the rules after the classifier read about one line (the classifier reads more:
    ``PageStats.matrix``)."""

    words: int
    ends_sentence: bool
    #: Ends with a full stop (not a question or exclamation mark): statement prose.
    full_stop: bool
    stop_ratio: float
    bullet: bool
    separators: bool
    interface: bool
    date_like: bool
    reading_time: bool
    copyright: bool
    all_caps: bool
    url: bool
    #: Cut off with "…" or "...": a teaser, not article text.
    ellipsis: bool
    #: A title-case headline glued to a teaser ("Deal Of The DayA new phone…").
    glued: bool
    #: "Alex on May 3 at 6:34 am said:" — the header of a reader comment.
    comment_header: bool
    #: "Comments", "12 Comments", "Leave a Reply" — a comment section starts here.
    comments_heading: bool
    repeated: bool
    is_image: bool


#: Fields only the classifier reads: sentence and comma counts, the shares of capitalised
#: words and of digits, the first and last character's kind, and blank lines around.
CLASSIFIER_FIELDS = ("sentences", "commas", "cap_ratio", "digit_ratio", "ends_colon", "starts_lower",
                     "starts_quote", "mean_word_len", "blank_before", "blank_after")


#: The fields measured on a line's text alone (the same in any page).
TEXT_FIELDS = LineStats._fields[:LineStats._fields.index("repeated")] + CLASSIFIER_FIELDS[:-2]
#: The columns of ``PageStats.matrix``.
STAT_FIELDS = TEXT_FIELDS + ("repeated", "is_image", "blank_before", "blank_after")
_STAT_INDEX = {name: j for j, name in enumerate(STAT_FIELDS)}


class PageStats(NamedTuple):
    """The stats of a page's lines: one ``LineStats`` per line for the rules (a repeated
    text shares its row), and a matrix for the classifier: one row per ``STAT_FIELDS``
    field (those of ``LineStats`` and the ``CLASSIFIER_FIELDS``; flags as 0/1), one
    column per line."""

    rows: list[LineStats]
    matrix: np.ndarray

    def column(self, name: str) -> np.ndarray:
        """The ``STAT_FIELDS`` column ``name`` of every line."""
        column: np.ndarray = self.matrix[_STAT_INDEX[name]]
        return column

_WORD = re.compile(r"\w[\w'’-]*")
_BULLET = re.compile(r"^(?:[•·▪►▸\-–—*+●○■□✓✔]|\d{1,2}[.)])\s")
_GLUE_HEAD = "abcdefghijklmnopqrstuvwxyz0123456789?!’”'"
_DATE_SHAPE = re.compile(r"\b(?:1[89]|20)\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{1,2}:\d\d\b")
_URL = re.compile(r"https?://|www\.|\S@\S+\.\w")
_ELLIPSES = ("...", "…", "...]", "[…]")
#: Longest part of a line measured; a longer line keeps its start and its end.
_SAMPLE = 4000
_TAIL = 32
#: Where a ``_GLUE_HEAD`` character run into a capital is looked for: the start of a line.
_GLUE_SPAN = 200
#: The verbs of ``COMMENT_HEADER``: a line without any of them is no comment header.
_COMMENT_VERBS = ("said", "says", "wrote", "writes", "replied", "schrieb", "écrit", "dice", "disse",
                  "написал", "написала", "написали", "написав")


def _chars(characters: str) -> np.ndarray:
    """A mask over the BMP: true for ``characters``."""
    mask = np.zeros(0x10000, dtype=bool)
    mask[code_points(characters)] = True
    return mask


def _ranges(*ranges: tuple[int, int]) -> np.ndarray:
    mask = np.zeros(0x10000, dtype=bool)
    for low, high in ranges:
        mask[low:high + 1] = True
    return mask


# Character classes of the features, looked up once per page with PageText's own (one bit each).
_CLOSER, _ENDS_SENTENCE, _FULL_STOP, _SENTENCE_END, _COMMA, _BULLET_START, _QUOTE, _SEPARATOR, \
    _GLUE_HEAD_CHAR, _ASCII_CAPITAL, _DECIMAL, _IDEOGRAPH, _LOWERCASE = \
    (FIRST_FREE_BIT << k for k in range(13))
_CLASSES = character_classes({
    _CLOSER: _chars("\"'”’“»«›‹)]"),
    _ENDS_SENTENCE: _chars(".!?…。！？:;"),
    _FULL_STOP: _chars(".…。"),
    _SENTENCE_END: _chars(".!?…。！？"),
    _COMMA: _chars(",，、"),
    _BULLET_START: _chars("•·▪►▸-–—*+●○■□✓✔0123456789"),
    _QUOTE: _chars("\"'“”„«‘’"),
    _SEPARATOR: _chars("|·•/»›>"),
    _GLUE_HEAD_CHAR: _chars(_GLUE_HEAD),
    _ASCII_CAPITAL: _chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    # What ``\d`` matches: the decimal digits of every script.
    _DECIMAL: np.fromiter(map(str.isdecimal, map(chr, range(0x10000))), dtype=bool, count=0x10000),
    # Chinese, Japanese and Korean: about one word per two characters.
    _IDEOGRAPH: _ranges((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7AF),
                        (0xF900, 0xFAFF)),
    _LOWERCASE: np.fromiter(map(str.islower, map(chr, range(0x10000))), dtype=bool, count=0x10000),
})

# The vocabularies looked up for every word at once, a bit per vocabulary, in hash tables of
# 65,536 slots: a word's slot is the top 16 bits of its key times an odd constant; keys that
# meet in a slot go to the next table, which uses another constant.
_STOPWORD, _INTERFACE_WORD, _INTERFACE_PAIR, _MONTH, _COMMENT_VERB, _COMMENT_NOUN = 1, 2, 4, 8, 16, 32
_MULTIPLIERS = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93)
_SLOT_BITS = 14  # 16,384 slots: the tables stay small enough for the processor's caches
#: The key of two neighbouring words: the first word's key times this, plus the second's.
_PAIR = np.uint64(0x100000001B3)


def _vocabulary_tables() -> list[tuple[np.uint64, np.ndarray, np.ndarray]]:
    bits: dict[int, int] = {}
    for bit, words in ((_STOPWORD, STOPWORDS), (_INTERFACE_WORD, INTERFACE_WORDS), (_MONTH, MONTHS),
                       (_COMMENT_VERB, _COMMENT_VERBS), (_COMMENT_NOUN, COMMENT_NOUNS)):
        for key in vocabulary_keys(words).tolist():
            bits[key] = bits.get(key, 0) | bit
    pairs = sorted(INTERFACE_PAIRS)
    firsts, seconds = vocabulary_keys(p[0] for p in pairs), vocabulary_keys(p[1] for p in pairs)
    for key in (firsts * _PAIR + seconds).tolist():
        bits[key] = bits.get(key, 0) | _INTERFACE_PAIR
    tables = []
    pending = sorted(bits)
    for multiplier in _MULTIPLIERS:
        keys, flags = np.zeros(1 << _SLOT_BITS, dtype=np.uint64), np.zeros(1 << _SLOT_BITS, dtype=np.uint8)
        slots = ((np.array(pending, dtype=np.uint64) * np.uint64(multiplier)) >> np.uint64(64 - _SLOT_BITS))
        left = []
        for key, slot in zip(pending, slots.tolist(), strict=True):
            if flags[slot]:
                left.append(key)
            else:
                keys[slot], flags[slot] = key, bits[key]
        tables.append((np.uint64(multiplier), keys, flags))
        if not left:
            return tables
        pending = left
    raise RuntimeError("vocabulary keys do not fit the hash tables")


_VOCABULARY_TABLES = _vocabulary_tables()


def _vocabulary_flags(keys: np.ndarray) -> np.ndarray:
    """The vocabulary bits of every key (0 for a key in none)."""
    flags = np.zeros(len(keys), dtype=np.uint8)
    for multiplier, table_keys, table_flags in _VOCABULARY_TABLES:
        slots = ((keys * multiplier) >> np.uint64(64 - _SLOT_BITS)).astype(np.intp)
        flags |= np.where(table_keys[slots] == keys, table_flags[slots], np.uint8(0))
    return flags


def _lines_holding(page: str, texts: PageText, literal: str) -> list[int]:
    """The lines that contain ``literal`` (a string search over the page; few hits expected)."""
    found = []
    at = page.find(literal)
    while at >= 0:
        found.append(at)
        at = page.find(literal, at + 1)
    lines: list[int] = texts.line_of[found].tolist() if found else []
    return lines


def _flags_where(mask: np.ndarray, test: Callable[[int], bool]) -> np.ndarray:
    """``mask`` kept only where ``test(index)`` holds: the slow test runs on the candidates only."""
    out = np.zeros(len(mask), dtype=bool)
    candidates = np.flatnonzero(mask).tolist()
    if candidates:
        out[candidates] = list(map(test, candidates))
    return out


def _text_columns(texts: list[str]) -> dict[str, np.ndarray]:
    """The fields of ``LineStats`` that depend on the text alone, one array per field,
    for non-empty ``texts``."""
    samples = [t if len(t) <= _SAMPLE else t[:_SAMPLE - _TAIL - 1] + " " + t[-_TAIL:] for t in texts]
    page = PageText(samples, _CLASSES)
    joined = "\n".join(samples)
    points, classes, starts, ends = page.points, page.classes, page.starts, page.ends
    n_lines, n_points = page.n_lines, len(points)
    lengths = ends - starts
    lasts = points[ends - 1]
    first_classes = classes[starts]
    vocabulary = _vocabulary_flags(page.word_keys)

    line_bits = np.zeros(n_lines, dtype=np.uint8)  # the vocabulary bits of each line's words
    np.bitwise_or.at(line_bits, page.word_line, vocabulary)

    def lines_with(bit: int) -> np.ndarray:
        found: np.ndarray = (line_bits & bit) > 0
        return found

    counts = page.words_per_line()
    if n_points and points.max() >= 0x3040:
        counts = np.maximum(counts, page.per_line(np.flatnonzero((classes & _IDEOGRAPH) > 0)) // 2)
    divisors = np.maximum(counts, 1)
    long_lines = np.flatnonzero(lengths >= _SAMPLE)
    if len(long_lines):  # a long line's words are estimated from its sample (linear, cheap)
        full = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        counts = counts.copy()
        counts[long_lines] = (counts[long_lines] * full[long_lines] / lengths[long_lines]).astype(np.int64)
    short = counts <= 12

    # The last character before closing quotes and brackets, within the last eight.
    last = ends - 1
    floor = np.maximum(starts, ends - 8)
    for _ in range(7):
        closing = ((classes[last] & _CLOSER) > 0) & (last > floor)
        if not closing.any():
            break
        last = last - closing
    final = classes[last]
    ends_sentence = (final & _ENDS_SENTENCE) > 0
    full_stop = (final & _FULL_STOP) > 0

    # A sentence ends at . ! ? … (closing quotes and brackets after it) before a space or the line end.
    after = np.flatnonzero((classes & _SENTENCE_END) > 0) + 1
    for _ in range(7):
        closing = ((classes[np.minimum(after, n_points - 1)] & _CLOSER) > 0) & (after < n_points)
        if not closing.any():
            break
        after = after + closing
    beyond = points[np.minimum(after, n_points - 1)]
    sentence_ends = after[(after == n_points) | (beyond == 32) | (beyond == 10)]
    sentences = np.where(counts > 3, page.per_line(sentence_ends - 1), ends_sentence)

    decimal_positions = np.flatnonzero((classes & _DECIMAL) > 0)
    digits = page.per_line(decimal_positions[points[decimal_positions] < 128])
    decimals = page.per_line(decimal_positions)
    separated = np.zeros(n_lines, dtype=bool)
    if n_points > 2:
        spaces = points == 32
        gaps = np.flatnonzero(spaces[:-2] & ((classes[1:-1] & _SEPARATOR) > 0) & spaces[2:])
        separated[page.line_of[gaps]] = True

    stop_ratio = page.words_per_line(vocabulary & _STOPWORD) / divisors

    # "Sign up for our newsletter" is furniture; "He declined to comment." is not.
    interface = short & lines_with(_INTERFACE_WORD)
    pairs = np.zeros(n_lines, dtype=bool)  # lines where a phrase of several words may start
    if len(page.word_keys) > 1:
        pair_keys = page.word_keys[:-1] * _PAIR + page.word_keys[1:]
        same_line = page.word_line[:-1] == page.word_line[1:]
        pairs[page.word_line[:-1][((_vocabulary_flags(pair_keys) & _INTERFACE_PAIR) > 0) & same_line]] = True
    interface |= _flags_where(short & ~interface & pairs,
                              lambda k: has_interface_phrase(_WORD.findall(samples[k].lower())))
    interface &= ~_flags_where(interface & full_stop & (counts >= 5),
                               lambda k: CALL_TO_ACTION.search(samples[k]) is None)
    # Date lines: a month name, or a date shape (which needs a digit, ASCII or another script's).
    date_like = short & lines_with(_MONTH)
    date_like |= _flags_where(short & ~date_like & (decimals > 0),
                              lambda k: _DATE_SHAPE.search(samples[k]) is not None)
    first_digit = (first_classes & _DECIMAL) > 0
    reading_time = _flags_where(short & first_digit, lambda k: READING_TIME.match(texts[k]) is not None)
    bullet = _flags_where((first_classes & _BULLET_START) > 0,
                          lambda k: _BULLET.match(texts[k]) is not None)
    copyright_ = np.zeros(n_lines, dtype=bool)
    copyright_[_lines_holding(joined, page, "©") + _lines_holding(joined, page, "opyright")
               + _lines_holding(joined, page, "OPYRIGHT")] = True
    url = np.zeros(n_lines, dtype=bool)
    url[_lines_holding(joined, page, "http") + _lines_holding(joined, page, "www")
        + _lines_holding(joined, page, "@")] = True
    url = _flags_where(url, lambda k: _URL.search(samples[k]) is not None)
    comment_header = _flags_where(short & lines_with(_COMMENT_VERB), lambda k: _comment_header(texts[k]))
    comments_heading = _flags_where((counts <= 6) & lines_with(_COMMENT_NOUN),
                                    lambda k: COMMENTS_HEADING.match(texts[k]) is not None)

    token_chars = page.words_per_line(page.word_lengths)
    lowered_length = token_chars + np.maximum(page.words_per_line() - 1, 0)
    return {
        "words": counts,
        "ends_sentence": ends_sentence,
        "full_stop": full_stop,
        "sentences": sentences,
        "commas": page.per_line(np.flatnonzero((classes & _COMMA) > 0)),
        "stop_ratio": stop_ratio,
        "cap_ratio": page.words_per_line(page.word_capital) / divisors,
        "digit_ratio": digits / np.maximum(lengths, 1),
        "bullet": bullet,
        "separators": separated & (counts <= 40),
        "interface": interface,
        "date_like": date_like,
        "reading_time": reading_time,
        "copyright": copyright_ & (counts <= 25),
        "ends_colon": lasts == ord(":"),
        "starts_lower": (first_classes & _LOWERCASE) > 0,
        "all_caps": (lengths > 3) & np.fromiter(map(str.isupper, texts), dtype=bool, count=n_lines),
        "starts_quote": (first_classes & _QUOTE) > 0,
        "url": url,
        "mean_word_len": (lowered_length - divisors + 1) / divisors,
        "ellipsis": np.fromiter(map(str.endswith, texts, repeat(_ELLIPSES)), dtype=bool, count=n_lines),
        "glued": _glued_lines(samples, page, counts),
        "comment_header": comment_header,
        "comments_heading": comments_heading,
    }


def _comment_header(text: str) -> bool:
    """Ends like "… said:" (the header ends with the verb or a colon)."""
    return (text[-1] == ":" or text[-1].isalpha()) \
        and COMMENT_HEADER.search(text if len(text) < 8 else text[-24:]) is not None


def _glued_lines(samples: list[str], page: PageText, counts: np.ndarray) -> np.ndarray:
    """Lines of six words or more whose first lower-case letter (digit, ?, !, quote) run into a
    capital in their first ``_GLUE_SPAN`` characters ends a title-case headline (``_glued``)."""
    points, starts = page.points, page.starts
    glued = np.zeros(page.n_lines, dtype=bool)
    if len(points) < 3:
        return glued
    capitals = (page.classes & _ASCII_CAPITAL) > 0
    heads = np.flatnonzero(((page.classes[:-1] & _GLUE_HEAD_CHAR) > 0) & capitals[1:])
    lines = page.line_of[heads]
    offsets = heads - starts[lines]
    # A capital followed by another is an acronym, not a glued word (nothing follows at the span's end).
    keep = (offsets < _GLUE_SPAN - 1) & (~capitals[np.minimum(heads + 2, len(points) - 1)]
                                         | (offsets == _GLUE_SPAN - 2) | (heads + 2 == len(points)))
    seen: set[int] = set()
    word_counts = counts.tolist()
    for offset, k in zip(offsets[keep].tolist(), lines[keep].tolist(), strict=True):
        if k not in seen:  # the first such place of the line decides
            seen.add(k)
            glued[k] = word_counts[k] >= 6 and _glued(samples[k], offset)
    return glued


def _glued(sample: str, glue: int) -> bool:
    """A title-case headline run into the next text without a space ("…Student-AthleteA 24-year-old"),
    given where a lower-case letter runs into a capital."""
    head = sample[:glue + 1].split()
    capitalised = sum(1 for w in head if w[:1].isupper() or not w[:1].isalpha())
    return len(head) >= 3 and capitalised >= 0.7 * len(head)


_TEXT = attrgetter("text")
_IS_IMAGE = attrgetter("is_image")
_BLANK_BEFORE = attrgetter("blank_before")
_BLANK_AFTER = attrgetter("blank_after")


def line_stats(lines: list[Line]) -> PageStats:
    """The stats of every line; a line whose text occurs twice is ``repeated``.

    Image lines have zeros for all text fields.
    """
    n = len(lines)
    texts: list[str | None] = list(map(_TEXT, lines))
    is_image = np.fromiter(map(_IS_IMAGE, lines), dtype=bool, count=n)
    images = bool(is_image.any())
    if images:  # every image line is keyed None, measured as the first "text": a row of zeros
        flags = is_image.tolist()
        texts = [None, *(None if image else text for image, text in zip(flags, texts, strict=True))]
    distinct = list(dict.fromkeys(texts))
    position = dict(zip(distinct, range(len(distinct)), strict=True))
    keys = list(map(position.__getitem__, texts[1:] if images else texts))
    which = np.array(keys, dtype=np.intp)
    measured = [text for text in distinct if text is not None]
    repeated = np.bincount(which, minlength=len(distinct)) > 1
    if images:
        repeated[0] = False
    values = _text_columns(measured) if measured else {name: np.zeros(0, dtype=int) for name in TEXT_FIELDS}
    rows = list(map(tuple.__new__, repeat(LineStats), zip(
        *[values[name].tolist() for name in _ROW_TEXT_FIELDS], repeated.tolist()[images:], repeat(False),
        strict=False)))
    if images:
        rows.insert(0, _IMAGE_ROW)
    table = np.empty((len(STAT_FIELDS), len(distinct)))  # field by field, a column per distinct key
    table[:, 0] = 0.0  # the image key's column, if any, stays zero
    for j, name in enumerate(TEXT_FIELDS):
        table[j, images:] = values[name]
    table[_STAT_INDEX["repeated"]] = repeated
    matrix = table.take(which, axis=1)
    matrix[_STAT_INDEX["is_image"]] = is_image
    matrix[_STAT_INDEX["blank_before"]] = np.fromiter(map(_BLANK_BEFORE, lines), dtype=bool, count=n)
    matrix[_STAT_INDEX["blank_after"]] = np.fromiter(map(_BLANK_AFTER, lines), dtype=bool, count=n)
    return PageStats(list(map(rows.__getitem__, keys)), matrix)


_ROW_TEXT_FIELDS = LineStats._fields[:LineStats._fields.index("repeated")]
_IMAGE_ROW = LineStats._make([0] * len(_ROW_TEXT_FIELDS) + [False, True])
