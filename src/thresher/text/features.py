"""Numbers that describe each line, for the line classifier and the rules after it.

Only the shape of the text counts: length, sentence punctuation, function-word
density, capitalisation, link-list and menu shape, interface vocabulary, and the
blank lines and repeats around it. A capture has ~150 lines, and every per-line
Python step (a list comprehension, a regex call) costs ~0.2 us a line, so the
page is measured as a whole: its distinct line texts are joined into one array of
code points (``page_text.PageText``) and most fields are a handful of numpy
operations over that array or over its words. Python regexes run only on the few
lines a numpy test leaves as candidates (a line starting with a bullet character,
holding a digit, an interface word, "http"…). Each distinct text is measured once
(menus and share bars repeat theirs); a line's fields never depend on its
neighbours. Measured on the benchmark machine: ~0.35 ms for a capture of 7,500
characters in 150 lines (per-line code took 1.4 ms). Nothing is remembered between
calls.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import repeat
from operator import attrgetter
from typing import NamedTuple

import numpy as np

from thresher.text.lines import Line
from thresher.text.page_text import PageText, code_points, vocabulary_keys
from thresher.text.vocabulary import (
    CALL_TO_ACTION,
    COMMENT_HEADER,
    COMMENT_NOUNS,
    COMMENTS_HEADING,
    INTERFACE_FIRST_WORDS,
    MONTHS,
    READING_TIME,
    STOPWORDS,
    has_interface_phrase,
)

__all__ = ["LineStats", "PageStats", "line_stats"]


class LineStats(NamedTuple):
    """What the classifier and the post-rules need to know about one line."""

    words: int
    ends_sentence: bool
    #: Ends with a full stop (not a question or exclamation mark): statement prose.
    full_stop: bool
    sentences: int
    commas: int
    stop_ratio: float
    cap_ratio: float
    digit_ratio: float
    bullet: bool
    separators: bool
    interface: bool
    date_like: bool
    reading_time: bool
    copyright: bool
    ends_colon: bool
    starts_lower: bool
    all_caps: bool
    starts_quote: bool
    url: bool
    mean_word_len: float
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
    blank_before: bool
    blank_after: bool


class PageStats(NamedTuple):
    """The stats of a page's lines: one ``LineStats`` per line for the rules, and the same
    numbers as one numpy array per field (named as in ``LineStats``) for the classifier."""

    rows: list[LineStats]
    columns: dict[str, np.ndarray]


#: The fields measured on a line's text; the rest come from the page around it.
_TEXT_FIELDS = LineStats._fields[:LineStats._fields.index("repeated")]
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


def _char_table(characters: str) -> np.ndarray:
    """A lookup table over the BMP: true for ``characters``."""
    table = np.zeros(0x10000, dtype=bool)
    table[code_points(characters)] = True
    return table


_CLOSERS = _char_table("\"'”’“»«›‹)]")
_ENDS_SENTENCE = _char_table(".!?…。！？:;")
_FULL_STOP = _char_table(".…。")
_SENTENCE_END = _char_table(".!?…。！？")
_COMMAS = _char_table(",，、")
_BULLET_START = _char_table("•·▪►▸-–—*+●○■□✓✔0123456789")
_QUOTES = _char_table("\"'“”„«‘’")
_SEPARATORS = _char_table("|·•/»›>")
_GLUE_HEADS = _char_table(_GLUE_HEAD)
_ASCII_CAPITALS = _char_table("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_DIGITS = _char_table("0123456789")
#: Chinese, Japanese and Korean: about one word per two characters.
_IDEOGRAPHS = np.zeros(0x10000, dtype=bool)
for _low, _high in ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF)):
    _IDEOGRAPHS[_low:_high + 1] = True

# The vocabularies looked up for every word at once: one sorted array of keys, a bit per vocabulary.
_STOPWORD, _INTERFACE, _MONTH, _COMMENT_VERB, _COMMENT_NOUN = 1, 2, 4, 8, 16
_flags: dict[int, int] = {}
for _bit, _words in ((_STOPWORD, STOPWORDS), (_INTERFACE, INTERFACE_FIRST_WORDS), (_MONTH, MONTHS),
                     (_COMMENT_VERB, _COMMENT_VERBS), (_COMMENT_NOUN, COMMENT_NOUNS)):
    for _key in vocabulary_keys(_words).tolist():
        _flags[_key] = _flags.get(_key, 0) | _bit
_VOCABULARY_KEYS = np.array(sorted(_flags), dtype=np.uint64)
_VOCABULARY_FLAGS = np.array([_flags[k] for k in sorted(_flags)] + [0], dtype=np.uint8)


def _vocabulary_flags(page: PageText) -> np.ndarray:
    """The vocabulary bits of every word of ``page`` (0 for a word in none)."""
    at = np.searchsorted(_VOCABULARY_KEYS, page.word_keys)
    known = _VOCABULARY_KEYS[np.minimum(at, len(_VOCABULARY_KEYS) - 1)] == page.word_keys
    flags: np.ndarray = _VOCABULARY_FLAGS[np.where(known, at, len(_VOCABULARY_KEYS))]
    return flags


def _lines_holding(page: str, texts: PageText, literal: str) -> list[int]:
    """The lines that contain ``literal`` (a string search over the page; few hits expected)."""
    found = []
    at = page.find(literal)
    while at >= 0:
        found.append(at)
        at = page.find(literal, at + 1)
    lines: list[int] = texts.lines_of(np.array(found, dtype=np.int64)).tolist() if found else []
    return lines


def _as_string(points: np.ndarray) -> str:
    return points.astype(np.uint32).tobytes().decode("utf-32-le", "surrogatepass")


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
    page = PageText(samples)
    joined = "\n".join(samples)
    points, starts, ends = page.points, page.starts, page.ends
    n_lines, n_points = page.n_lines, len(points)
    lengths = ends - starts
    firsts, lasts = points[starts], points[ends - 1]
    first_chars = _as_string(firsts)
    vocabulary = _vocabulary_flags(page)

    def lines_with(bit: int) -> np.ndarray:
        found = np.zeros(n_lines, dtype=bool)
        found[page.word_line[(vocabulary & bit) > 0]] = True
        return found

    counts = page.words_per_line()
    if n_points and points.max() >= 0x3040:
        counts = np.maximum(counts, page.chars_per_line(_IDEOGRAPHS.take(points, mode="clip")) // 2)
    divisors = np.maximum(counts, 1)
    long_lines = np.flatnonzero(lengths >= _SAMPLE)
    if len(long_lines):  # a long line's words are estimated from its sample (linear, cheap)
        full = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        counts = counts.copy()
        counts[long_lines] = (counts[long_lines] * full[long_lines] / lengths[long_lines]).astype(np.int64)
    short = counts <= 12
    word_counts = counts.tolist()

    # The last character before closing quotes and brackets, within the last eight.
    last = ends - 1
    floor = np.maximum(starts, ends - 8)
    for _ in range(7):
        closing = _CLOSERS.take(points[last], mode="clip") & (last > floor)
        if not closing.any():
            break
        last = last - closing
    final = points[last]
    ends_sentence = _ENDS_SENTENCE.take(final, mode="clip")
    full_stop = ends_sentence & _FULL_STOP.take(final, mode="clip")

    # A sentence ends at . ! ? … (closing quotes and brackets after it) before a space or the line end.
    after = np.flatnonzero(_SENTENCE_END.take(points, mode="clip")) + 1
    for _ in range(7):
        closing = _CLOSERS.take(points[np.minimum(after, n_points - 1)], mode="clip") & (after < n_points)
        if not closing.any():
            break
        after = after + closing
    beyond = points[np.minimum(after, n_points - 1)]
    sentence_ends = after[(after == n_points) | (beyond == 32) | (beyond == 10)]
    sentences = np.where(counts > 3, page.per_line(sentence_ends - 1), ends_sentence)

    digit_positions = np.flatnonzero(_DIGITS.take(points, mode="clip"))
    digits = page.per_line(digit_positions)
    non_ascii = ~np.fromiter(map(str.isascii, samples), dtype=bool, count=n_lines)
    separated = np.zeros(n_lines, dtype=bool)
    if n_points > 2:
        spaces = points == 32
        gaps = np.flatnonzero(spaces[:-2] & _SEPARATORS.take(points[1:-1], mode="clip") & spaces[2:])
        separated[page.lines_of(gaps)] = True

    stop_ratio = page.words_per_line(vocabulary & _STOPWORD) / divisors
    full_stops = full_stop.tolist()

    def interface_phrase(k: int) -> bool:
        words = _WORD.findall(samples[k].lower())
        return has_interface_phrase(words) and (
            not (full_stops[k] and word_counts[k] >= 5) or CALL_TO_ACTION.search(" ".join(words)) is not None)

    interface = _flags_where(short & lines_with(_INTERFACE), interface_phrase)
    # Date lines: a month name, or a date shape (which needs a digit, ASCII or another script's).
    date_like = short & lines_with(_MONTH)
    date_like |= _flags_where(short & ~date_like & ((digits > 0) | non_ascii),
                              lambda k: _DATE_SHAPE.search(samples[k]) is not None)
    first_digit = np.fromiter(map(str.isdigit, first_chars), dtype=bool, count=n_lines)
    reading_time = _flags_where(short & first_digit, lambda k: READING_TIME.match(texts[k]) is not None)
    bullet = _flags_where(_BULLET_START.take(firsts, mode="clip"),
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
        "commas": page.chars_per_line(_COMMAS.take(points, mode="clip")),
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
        "starts_lower": np.fromiter(map(str.islower, first_chars), dtype=bool, count=n_lines),
        "all_caps": (lengths > 3) & np.fromiter(map(str.isupper, texts), dtype=bool, count=n_lines),
        "starts_quote": _QUOTES.take(firsts, mode="clip"),
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
    capitals = _ASCII_CAPITALS.take(points, mode="clip")
    heads = np.flatnonzero(_GLUE_HEADS.take(points[:-1], mode="clip") & capitals[1:])
    lines = page.lines_of(heads)
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
    """The ``LineStats`` of every line; a line whose text occurs twice is ``repeated``.

    Image lines have zeros for all text fields.
    """
    n = len(lines)
    texts = list(map(_TEXT, lines))
    is_image = np.fromiter(map(_IS_IMAGE, lines), dtype=bool, count=n)
    text_lines = np.flatnonzero(~is_image)
    distinct = list(dict.fromkeys(texts[i] for i in text_lines.tolist()))
    position = {text: k for k, text in enumerate(distinct)}
    which = np.zeros(n, dtype=np.intp)  # the distinct text of each line (0 for an image line)
    which[text_lines] = np.fromiter(map(position.__getitem__, (texts[i] for i in text_lines.tolist())),
                                    dtype=np.intp, count=len(text_lines))
    columns: dict[str, np.ndarray] = {}
    images = len(text_lines) < n
    if distinct:
        for name, values in _text_columns(distinct).items():
            columns[name] = values[which]
            if images:  # an image line has no text fields
                columns[name][is_image] = 0
    else:
        columns = {name: np.zeros(n, dtype=int) for name in _TEXT_FIELDS}
    columns["repeated"] = np.bincount(which[text_lines], minlength=len(distinct))[which] > 1
    if images:
        columns["repeated"] &= ~is_image
    columns["is_image"] = is_image
    columns["blank_before"] = np.fromiter(map(_BLANK_BEFORE, lines), dtype=bool, count=n)
    columns["blank_after"] = np.fromiter(map(_BLANK_AFTER, lines), dtype=bool, count=n)
    rows = list(map(tuple.__new__, repeat(LineStats),
                    zip(*[columns[name].tolist() for name in LineStats._fields], strict=True)))
    return PageStats(rows, columns)
