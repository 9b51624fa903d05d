"""Numbers that describe each line, for the line classifier and the rules after it.

Only the shape of the text counts: length, sentence punctuation, function-word
density, capitalisation, link-list and menu shape, interface vocabulary, and the
blank lines and repeats around it.

Why it is built this way: a capture has about a hundred distinct lines, so a Python
step per line and field (a list comprehension, a regex call), or a few hundred numpy
operations over the whole page, cost more in call overhead than the arithmetic itself.
So the distinct line texts (menus and share bars repeat theirs) are counted in one
compiled pass over their characters (``page_text.count_lines``): word, sentence, digit,
comma and separator counts, the first and last characters' classes, and the words'
vocabulary bits, from two small hash tables that hold every vocabulary at once, a bit
each: function words, one-word interface phrases, the first two words of longer ones
(looked up for neighbouring words), month names, comment words, byline labels. Python
regexes run only on the few lines those counts leave as candidates (a line starting
with a bullet or a digit, holding a digit, an interface pair, "http"…). A line's fields
never depend on its neighbours. The rules get one ``LineStats`` tuple per line (shared
by repeated texts), the classifier one matrix. Nothing is remembered between calls.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import repeat
from operator import attrgetter
from typing import NamedTuple, cast

import numpy as np

from thresher.text.lines import Line
from thresher.text.page_text import (
    FIRST_FREE_BIT,
    CountClasses,
    VocabularyTables,
    character_classes,
    code_points,
    count_lines,
    pair_keys,
    vocabulary_keys,
    vocabulary_tables,
)
from thresher.text.vocabulary import (
    BYLINE_WORDS,
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
    #: Holds the last word of a byline label ("by", "von", "author"…): may be a byline.
    byline_label: bool
    repeated: bool
    is_image: bool


#: Fields only the classifier reads: sentence and comma counts, the shares of capitalised
#: words and of digits, the first and last character's kind, and blank lines around.
CLASSIFIER_FIELDS = (
    "sentences",
    "commas",
    "cap_ratio",
    "digit_ratio",
    "ends_colon",
    "starts_lower",
    "starts_quote",
    "mean_word_len",
    "blank_before",
    "blank_after",
)


#: The fields measured on a line's text alone (the same in any page).
TEXT_FIELDS = LineStats._fields[: LineStats._fields.index("repeated")] + CLASSIFIER_FIELDS[:-2]
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
_COMMENT_VERBS = (
    "said",
    "says",
    "wrote",
    "writes",
    "replied",
    "schrieb",
    "écrit",
    "dice",
    "disse",
    "написал",
    "написала",
    "написали",
    "написав",
)


def _chars(characters: str) -> np.ndarray:
    """A mask over the BMP: true for ``characters``."""
    mask = np.zeros(0x10000, dtype=bool)
    mask[code_points(characters)] = True
    return mask


def _ranges(*ranges: tuple[int, int]) -> np.ndarray:
    mask = np.zeros(0x10000, dtype=bool)
    for low, high in ranges:
        mask[low : high + 1] = True
    return mask


# Character classes of the features, looked up once per character with page_text's own (one bit each).
(
    _CLOSER,
    _ENDS_SENTENCE,
    _FULL_STOP,
    _SENTENCE_END,
    _COMMA,
    _BULLET_START,
    _QUOTE,
    _SEPARATOR,
    _GLUE_HEAD_CHAR,
    _ASCII_CAPITAL,
    _DECIMAL,
    _IDEOGRAPH,
    _LOWERCASE,
) = (FIRST_FREE_BIT << k for k in range(13))
_CLASSES = character_classes(
    {
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
        _IDEOGRAPH: _ranges(
            (0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF)
        ),
        _LOWERCASE: np.fromiter(map(str.islower, map(chr, range(0x10000))), dtype=bool, count=0x10000),
    }
)

# The vocabularies looked up for every word at once, a bit per vocabulary.
_STOPWORD, _INTERFACE_WORD, _INTERFACE_PAIR, _MONTH, _COMMENT_VERB, _COMMENT_NOUN, _BYLINE_WORD = (
    1,
    2,
    4,
    8,
    16,
    32,
    64,
)


def _vocabulary() -> VocabularyTables:
    bits: dict[int, int] = {}
    for bit, words in (
        (_STOPWORD, STOPWORDS),
        (_INTERFACE_WORD, INTERFACE_WORDS),
        (_MONTH, MONTHS),
        (_COMMENT_VERB, _COMMENT_VERBS),
        (_COMMENT_NOUN, COMMENT_NOUNS),
        (_BYLINE_WORD, BYLINE_WORDS),
    ):
        for key in vocabulary_keys(words).tolist():
            bits[key] = bits.get(key, 0) | bit
    pairs = sorted(INTERFACE_PAIRS)
    firsts, seconds = vocabulary_keys(p[0] for p in pairs), vocabulary_keys(p[1] for p in pairs)
    for key in pair_keys(firsts, seconds).tolist():
        bits[key] = bits.get(key, 0) | _INTERFACE_PAIR
    return vocabulary_tables(bits)


_VOCABULARY = _vocabulary()
_COUNT_CLASSES = CountClasses(
    closer=_CLOSER,
    sentence_end=_SENTENCE_END,
    decimal=_DECIMAL,
    separator=_SEPARATOR,
    comma=_COMMA,
    ideograph=_IDEOGRAPH,
    glue_head=_GLUE_HEAD_CHAR,
    ascii_capital=_ASCII_CAPITAL,
)


def _lines_holding(page: str, ends: np.ndarray, literal: str) -> list[int]:
    """The lines (ending at ``ends`` in ``page``) that contain ``literal`` (a string search
    over the page; few hits expected)."""
    found = []
    at = page.find(literal)
    while at >= 0:
        found.append(at)
        at = page.find(literal, at + 1)
    lines: list[int] = np.searchsorted(ends, found).tolist() if found else []
    return lines


def _flags_where(mask: np.ndarray, test: Callable[[int], bool]) -> np.ndarray:
    """``mask`` kept only where ``test(index)`` holds: the slow test runs on the candidates only."""
    out = np.zeros(len(mask), dtype=bool)
    candidates = mask.nonzero()[0].tolist()
    if candidates:
        out[candidates] = list(map(test, candidates))
    return out


def _text_columns(texts: list[str]) -> dict[str, np.ndarray]:
    """The fields of ``LineStats`` that depend on the text alone, one array per field,
    for non-empty ``texts``."""
    samples = (
        texts
        if max(map(len, texts)) <= _SAMPLE
        else [t if len(t) <= _SAMPLE else t[: _SAMPLE - _TAIL - 1] + " " + t[-_TAIL:] for t in texts]
    )
    counted = count_lines(
        samples,
        _CLASSES,
        _COUNT_CLASSES,
        _VOCABULARY,
        stopword=_STOPWORD,
        pair=_INTERFACE_PAIR,
        glue_span=_GLUE_SPAN,
    )
    (
        words,
        ideographs,
        stopwords,
        capitalised,
        word_chars,
        line_bits,
        pairs,
        final,
        first_classes,
        lasts,
        sentence_ends,
        digits,
        decimals,
        separated,
        commas,
        glued,
        lengths,
        capitals,
        lower_or_title,
    ) = counted
    n_lines = len(samples)

    def lines_with(bit: int) -> np.ndarray:
        found: np.ndarray = (line_bits & bit) > 0
        return found

    counts = np.maximum(words, ideographs // 2)
    divisors = np.maximum(counts, 1)
    if samples is not texts:  # a long line's words are estimated from its sample (linear, cheap)
        full = np.fromiter(map(len, texts), dtype=np.int64, count=n_lines)
        long_lines = (full > _SAMPLE).nonzero()[0]
        counts = counts.copy()
        counts[long_lines] = (counts[long_lines] * full[long_lines] / lengths[long_lines]).astype(np.int64)
    short = counts <= 12
    ends_sentence = (final & _ENDS_SENTENCE) > 0
    full_stop = (final & _FULL_STOP) > 0

    # "Sign up for our newsletter" is furniture; "He declined to comment." is not.
    interface = short & lines_with(_INTERFACE_WORD)
    interface |= _flags_where(
        short & ~interface & (pairs > 0), lambda k: has_interface_phrase(_WORD.findall(samples[k].lower()))
    )
    interface &= ~_flags_where(
        interface & full_stop & (counts >= 5), lambda k: CALL_TO_ACTION.search(samples[k]) is None
    )
    # Date lines: a month name, or a date shape (which needs three digits or more, ASCII or
    # another script's).
    date_like = short & lines_with(_MONTH)
    date_like |= _flags_where(
        short & ~date_like & (decimals >= 3), lambda k: _DATE_SHAPE.search(samples[k]) is not None
    )
    first_digit = (first_classes & _DECIMAL) > 0
    reading_time = _flags_where(short & first_digit, lambda k: READING_TIME.match(texts[k]) is not None)
    bullet = _flags_where((first_classes & _BULLET_START) > 0, lambda k: _BULLET.match(texts[k]) is not None)
    joined = "\n".join(samples)
    ends = np.cumsum(lengths + 1) - 1
    copyright_ = np.zeros(n_lines, dtype=bool)
    copyright_[
        _lines_holding(joined, ends, "©")
        + _lines_holding(joined, ends, "opyright")
        + _lines_holding(joined, ends, "OPYRIGHT")
    ] = True
    url = np.zeros(n_lines, dtype=bool)
    url[
        _lines_holding(joined, ends, "http")
        + _lines_holding(joined, ends, "www")
        + _lines_holding(joined, ends, "@")
    ] = True
    url = _flags_where(url, lambda k: _URL.search(samples[k]) is not None)
    comment_header = _flags_where(short & lines_with(_COMMENT_VERB), lambda k: _comment_header(texts[k]))
    comments_heading = _flags_where(
        (counts <= 6) & lines_with(_COMMENT_NOUN), lambda k: COMMENTS_HEADING.match(texts[k]) is not None
    )

    lowered_length = word_chars + np.maximum(words - 1, 0)
    return {
        "words": counts,
        "ends_sentence": ends_sentence,
        "full_stop": full_stop,
        "sentences": np.where(counts > 3, sentence_ends, ends_sentence),
        "commas": commas,
        "stop_ratio": stopwords / divisors,
        "cap_ratio": capitalised / divisors,
        "digit_ratio": digits / np.maximum(lengths, 1),
        "bullet": bullet,
        "separators": (separated > 0) & (counts <= 40),
        "interface": interface,
        "date_like": date_like,
        "reading_time": reading_time,
        "copyright": copyright_ & (counts <= 25),
        "ends_colon": lasts == ord(":"),
        "starts_lower": (first_classes & _LOWERCASE) > 0,
        "all_caps": (lengths > 3) & (capitals > 0) & (lower_or_title == 0),  # str.isupper
        "starts_quote": (first_classes & _QUOTE) > 0,
        "url": url,
        "mean_word_len": (lowered_length - divisors + 1) / divisors,
        "ellipsis": np.fromiter(map(str.endswith, texts, repeat(_ELLIPSES)), dtype=bool, count=n_lines),
        "glued": (glued > 0) & (counts >= 6),
        "comment_header": comment_header,
        "comments_heading": comments_heading,
        "byline_label": lines_with(_BYLINE_WORD),
    }


def _comment_header(text: str) -> bool:
    """Ends like "… said:" (the header ends with the verb or a colon)."""
    return (text[-1] == ":" or text[-1].isalpha()) and COMMENT_HEADER.search(
        text if len(text) < 8 else text[-24:]
    ) is not None


_TEXT = attrgetter("text")
_IS_IMAGE = attrgetter("is_image")
_BLANK_BEFORE = attrgetter("blank_before")
_BLANK_AFTER = attrgetter("blank_after")


def line_stats(lines: list[Line]) -> PageStats:
    """The stats of every line; a line whose text occurs twice is ``repeated``.

    Image lines have zeros for all text fields.
    """
    n = len(lines)
    if not n:
        return PageStats([], np.zeros((len(STAT_FIELDS), 0)))
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
    measured = cast(list[str], distinct[images:])  # (the image key, if any, is the first)
    repeated = np.bincount(which, minlength=len(distinct)) > 1
    if images:
        repeated[0] = False
    values = _text_columns(measured) if measured else {name: np.zeros(0, dtype=int) for name in TEXT_FIELDS}
    rows = list(
        map(
            tuple.__new__,
            repeat(LineStats),
            zip(
                *[values[name].tolist() for name in _ROW_TEXT_FIELDS],
                repeated.tolist()[images:],
                repeat(False),
                strict=False,
            ),
        )
    )
    if images:
        rows.insert(0, _IMAGE_ROW)
    table = np.zeros((len(STAT_FIELDS), len(distinct)))  # field by field, a column per distinct key
    table[: len(TEXT_FIELDS), images:] = [values[name] for name in TEXT_FIELDS]  # (an image's stays zero)
    table[_STAT_INDEX["repeated"]] = repeated
    matrix = table.take(which, axis=1)
    matrix[_STAT_INDEX["is_image"]] = is_image
    matrix[_STAT_INDEX["blank_before"]] = np.fromiter(map(_BLANK_BEFORE, lines), dtype=bool, count=n)
    matrix[_STAT_INDEX["blank_after"]] = np.fromiter(map(_BLANK_AFTER, lines), dtype=bool, count=n)
    return PageStats(list(map(rows.__getitem__, keys)), matrix)


_ROW_TEXT_FIELDS = LineStats._fields[: LineStats._fields.index("repeated")]
_IMAGE_ROW = LineStats._make([0] * len(_ROW_TEXT_FIELDS) + [False, True])
