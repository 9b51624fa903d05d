"""Numbers that describe each line and its neighbourhood, for the line classifier.

Only the shape of the text counts: length, sentence punctuation, function-word
density, capitalisation, link-list and menu shape, interface vocabulary, position,
and the same for the neighbours. All per-line work is a few precompiled regexes and
set look-ups, so a capture of a few hundred lines costs well under a millisecond.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from thresher.text.lines import Line
from thresher.text.vocabulary import (
    CALL_TO_ACTION,
    COMMENT_HEADER,
    COMMENTS_HEADING,
    MONTHS,
    READING_TIME,
    STOPWORDS,
    has_interface_phrase,
)

__all__ = ["CONTEXT_FEATURES", "OWN_FEATURES", "LineStats", "clear_line_cache", "context_features",
           "line_stats", "own_features", "shifted", "window_means"]

_SENTENCE_END = re.compile(r"[.!?…。！？](?:[\"'”’“»«›‹)\]]*)(?=\s|$)")
_ENDS_SENTENCE = re.compile(r"[.!?…。！？:;][\"'”’“»«›‹)\]]*$")
_FULL_STOP = re.compile(r"[.…。][\"'”’“»«›‹)\]]*$")
_BULLET = re.compile(r"^(?:[•·▪►▸\-–—*+●○■□✓✔]|\d{1,2}[.)])\s")
_IDEOGRAPHS = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_GLUE = re.compile(r"[a-z0-9?!’”'][A-Z](?![A-Z])")
_SEPARATORS = (" | ", " · ", " • ", " / ", " » ", " › ", " > ")
_DATE_SHAPE = re.compile(r"\b(?:1[89]|20)\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{1,2}:\d\d\b")
_URL = re.compile(r"https?://|www\.|\S@\S+\.\w")


class LineStats(NamedTuple):
    """What the classifier and the post-rules need to know about one line.

    A named tuple of numbers and flags, so that a page's stats turn into one numeric
    matrix in a single ``numpy.array`` call.
    """

    words: int
    chars: int
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


_IMAGE_STATS = (0, 0, False, False, 0, 0, 0.0, 0.0, 0.0, False, False, False, False, False, False, False,
                False, False, False, False, 0.0, False, False, False, False)
_WORD = re.compile(r"\w[\w'’-]*")
_BULLET_START = frozenset("•·▪►▸-–—*+●○■□✓✔0123456789")
_QUOTES = frozenset("\"'“”„«‘’")
_SAMPLE = 4000


def _stats(line: Line, repeated: bool) -> LineStats:
    if line.is_image:
        return LineStats(*_IMAGE_STATS, repeated, True, line.blank_before, line.blank_after)
    text = line.text
    own = _cached_text_stats(text) if len(text) <= _CACHED_CHARS else _text_stats(text)
    return LineStats._make((*own, repeated, False, line.blank_before, line.blank_after))


def _text_stats(text: str) -> tuple[int | float | bool, ...]:
    """The fields of ``LineStats`` that depend on the line's text alone."""
    sample = text if len(text) <= _SAMPLE else text[:_SAMPLE]
    words = _WORD.findall(sample)
    nw = len(words) or 1
    n = len(words)
    if not sample.isascii():  # Chinese, Japanese, Korean: about one word per two characters
        ideographs = len(_IDEOGRAPHS.findall(sample))
        if ideographs:
            n = max(n, ideographs // 2)
            nw = max(nw, n)
    if len(text) > _SAMPLE:  # long lines: estimate counts from the sample, keep it linear and cheap
        n = int(n * len(text) / _SAMPLE)
    lowered = " ".join(words).lower()
    lowered_words = lowered.split()
    short = n <= 12
    tail = text[-8:]
    ends = bool(_ENDS_SENTENCE.search(tail))
    first = text[0]
    full_stop = ends and bool(_FULL_STOP.search(tail))
    return (
        n, len(text), ends, full_stop,
        len(_SENTENCE_END.findall(sample)) if n > 3 else int(ends),
        sample.count(",") + sample.count("，") + sample.count("、"),
        sum(map(STOPWORDS.__contains__, lowered_words)) / nw,
        sum(1 for w in words if w[0].isupper()) / nw,
        sum(map(sample.count, "0123456789")) / len(sample),
        first in _BULLET_START and bool(_BULLET.match(text)),
        n <= 40 and any(map(sample.__contains__, _SEPARATORS)),
        # "Sign up for our newsletter" is furniture; "He declined to comment." is not.
        short and has_interface_phrase(lowered_words) and (
            not (full_stop and n >= 5) or CALL_TO_ACTION.search(lowered) is not None),
        short and (any(map(MONTHS.__contains__, lowered_words)) or bool(_DATE_SHAPE.search(sample))),
        short and first.isdigit() and bool(READING_TIME.match(text)),
        n <= 25 and ("©" in sample or "opyright" in lowered or "(c)" in lowered),
        text[-1] == ":",
        first.islower(),
        len(text) > 3 and text.isupper(),
        first in _QUOTES,
        ("http" in lowered or "www" in lowered or "@" in sample) and bool(_URL.search(sample)),
        (len(lowered) - nw + 1) / nw,
        tail.endswith(("...", "…", "...]", "[…]")),
        _glued(sample, n),
        short and bool(COMMENT_HEADER.search(tail if len(text) < 8 else text[-24:])),
        n <= 6 and bool(COMMENTS_HEADING.match(text)),
    )


# Menus, share bars and footers repeat the same short strings on page after page (over a
# third of the lines of the benchmark's 181 different sites were seen on an earlier page):
# their text-only stats are remembered, in a bounded cache.
_CACHED_CHARS = 200
_cached_text_stats = lru_cache(maxsize=16384)(_text_stats)


def clear_line_cache() -> None:
    """Forget remembered line stats (for benchmarks that must start cold)."""
    _cached_text_stats.cache_clear()


def _glued(sample: str, words: int) -> bool:
    """A title-case headline run into the next text without a space ("…Student-AthleteA 24-year-old")."""
    if words < 6:
        return False
    match = _GLUE.search(sample, 0, 200)
    if not match:
        return False
    head = sample[:match.start() + 1].split()
    capitalised = sum(1 for w in head if w[:1].isupper() or not w[:1].isalpha())
    return len(head) >= 3 and capitalised >= 0.7 * len(head)


def line_stats(lines: list[Line]) -> list[LineStats]:
    """The ``LineStats`` of every line; a line whose text occurs twice is ``repeated``."""
    counts = Counter(line.text for line in lines if not line.is_image)
    return [_stats(line, counts[line.text] > 1) for line in lines]


OWN_FEATURES = [
    "log_words", "long", "short", "ends_sentence", "log_sentences", "comma_rate", "stop_ratio",
    "cap_ratio", "digit_ratio", "bullet", "separators", "interface", "date_like", "reading_time",
    "copyright", "ends_colon", "starts_lower", "all_caps", "starts_quote", "url", "mean_word_len",
    "repeated", "is_image", "blank_before", "blank_after", "position", "position_sq",
    "ellipsis", "glued", "comment_header", "comments_heading",
]


_COLUMNS = {name: index for index, name in enumerate(LineStats._fields)}


def own_features(stats: list[LineStats]) -> np.ndarray:
    """One row per line, of the line alone (position included), columns named by ``OWN_FEATURES``."""
    raw = np.array(stats, dtype=float).reshape(len(stats), len(LineStats._fields))
    col = {name: raw[:, index] for name, index in _COLUMNS.items()}
    words = col["words"]
    position = np.arange(len(stats)) / max(len(stats) - 1, 1)
    return np.column_stack([
        np.log1p(words), words >= 15, words <= 3, col["ends_sentence"], np.log1p(col["sentences"]),
        col["commas"] / (words + 1), col["stop_ratio"], col["cap_ratio"], col["digit_ratio"],
        col["bullet"], col["separators"], col["interface"], col["date_like"], col["reading_time"],
        col["copyright"], col["ends_colon"], col["starts_lower"], col["all_caps"], col["starts_quote"],
        col["url"], np.minimum(col["mean_word_len"], 15.0) / 5, col["repeated"], col["is_image"],
        col["blank_before"], col["blank_after"], position, position * position,
        col["ellipsis"], col["glued"], col["comment_header"], col["comments_heading"],
    ]).astype(float)


# Neighbourhood summaries: the previous/next line's main traits and windowed means.
CONTEXT_FEATURES = [
    "prev_log_words", "prev_ends_sentence", "prev_stop_ratio", "prev_interface",
    "next_log_words", "next_ends_sentence", "next_stop_ratio", "next_interface",
    "prev2_log_words", "next2_log_words",
    "win3_log_words", "win3_ends_sentence", "win3_stop_ratio", "win3_interface",
    "win10_log_words", "win10_ends_sentence", "win10_long",
    "alternation", "after_comments", "win3_comment_header", "win3_ellipsis_glued",
]


def shifted(values: np.ndarray, offset: int) -> np.ndarray:
    """``values[i + offset]`` for every i, 0 past either end."""
    out = np.zeros_like(values)
    n = len(values)
    if abs(offset) >= n:
        return out
    if offset > 0:
        out[:n - offset] = values[offset:]
    elif offset < 0:
        out[-offset:] = values[:n + offset]
    else:
        out[:] = values
    return out


def window_means(values: np.ndarray, radius: int) -> np.ndarray:
    """Mean of ``values`` over ``[i - radius, i + radius]`` (clipped), excluding ``i`` itself.

    Works on a vector or column-wise on a matrix.
    """
    n = len(values)
    prefix = np.concatenate([np.zeros((1,) + values.shape[1:]), np.cumsum(values, axis=0)])
    index = np.arange(n)
    lo = np.maximum(index - radius, 0)
    hi = np.minimum(index + radius + 1, n)
    count = (hi - lo - 1).astype(float)
    if values.ndim > 1:
        count = count[:, None]
    total = prefix[hi] - prefix[lo] - values
    means: np.ndarray = np.divide(total, count, out=np.zeros_like(total), where=count > 0)
    return means


def context_features(own: np.ndarray) -> np.ndarray:
    """One row per line describing its neighbours, columns named by ``CONTEXT_FEATURES``."""
    log_words, ends, long = own[:, 0], own[:, 3], own[:, 1]
    near = own[:, [0, 3, 6, 11]]
    # Listings alternate headline and teaser; article sections have runs of paragraphs.
    changes = np.zeros(len(own))
    if len(own) > 1:
        changes[1:] = own[1:, 1] != own[:-1, 1]
    # Everything after the first comment-section heading in the second half of the page
    # (a "12 Comments" link in the header is not it).
    heading = np.flatnonzero((own[:, 30] > 0) & (own[:, 25] >= 0.3))
    after_comments = np.zeros(len(own))
    if len(heading):
        after_comments[heading[0] + 1:] = 1.0
    far = np.column_stack([log_words, ends, long])
    return np.column_stack([
        shifted(near, -1), shifted(near, 1), shifted(log_words, -2), shifted(log_words, 2),
        window_means(near, 3), window_means(far, 10),
        window_means(changes, 6), after_comments, window_means(own[:, 29], 3),
        window_means(np.maximum(own[:, 27], own[:, 28]), 3),
    ])
