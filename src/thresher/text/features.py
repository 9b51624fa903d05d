"""Numbers that describe each line and its neighbourhood, for the line classifier.

Only the shape of the text counts: length, sentence punctuation, function-word
density, capitalisation, link-list and menu shape, interface vocabulary, position,
and the same for the neighbours. The fields are computed for the whole page at once
(its distinct line texts, field by field; words, function words and capitals in one
pass over the page) because the per-line Python overhead, not the string work, was
most of the cost: about 1.4 ms for a capture of 160 lines on the benchmark machine.
Nothing is remembered between calls.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import chain
from operator import itemgetter
from typing import NamedTuple

import numpy as np

from thresher.text.lines import Line
from thresher.text.vocabulary import (
    CALL_TO_ACTION,
    COMMENT_HEADER,
    COMMENTS_HEADING,
    INTERFACE_FIRST_WORDS,
    MONTHS,
    READING_TIME,
    STOPWORDS,
    has_interface_phrase,
)

__all__ = ["CONTEXT_FEATURES", "OWN_FEATURES", "LineStats", "context_features",
           "line_stats", "own_features", "shifted", "window_means"]

_SENTENCE_END = re.compile(r"[.!?…。！？](?:[\"'”’“»«›‹)\]]*)(?=\s|$)")
_ENDS_SENTENCE = re.compile(r"[.!?…。！？:;][\"'”’“»«›‹)\]]*$")
_FULL_STOP = re.compile(r"[.…。][\"'”’“»«›‹)\]]*$")
_BULLET = re.compile(r"^(?:[•·▪►▸\-–—*+●○■□✓✔]|\d{1,2}[.)])\s")
_IDEOGRAPHS = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_GLUE = re.compile(r"[a-z0-9?!’”'][A-Z](?![A-Z])")
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
_WORD_OR_BREAK = re.compile(r"\w[\w'’-]*|\n")
_BULLET_START = frozenset("•·▪►▸-–—*+●○■□✓✔0123456789")
_QUOTES = frozenset("\"'“”„«‘’")
_SEPARATOR = re.compile(r" [|·•/»›>] ")  # " | ", " · ", " / "…: breadcrumbs and menus
_ELLIPSES = ("...", "…", "...]", "[…]")
_SAMPLE = 4000
#: The verbs of ``COMMENT_HEADER``: a page without any of them has no comment header.
_COMMENT_VERBS = ("said", "says", "wrote", "writes", "replied", "schrieb", "écrit", "dice", "disse",
                  "написал", "написав")


def _text_columns(texts: list[str]) -> list[tuple[int | float | bool, ...]]:
    """The fields of ``LineStats`` that depend on the text alone, for every text at once.

    The page is measured as a whole rather than line by line, because the per-line
    Python overhead was most of the extraction time: the texts are joined by line
    breaks and cut into words by one regex call, function words and capitals are
    summed per line with numpy, and a rare trait (a URL, a separator, a comment
    heading) is looked for line by line only when the page holds it at all. What
    remains per line is one list comprehension per field over C string methods and
    precompiled regexes, most of them only on the short lines they concern.
    """
    if not texts:
        return []
    samples = [t if len(t) <= _SAMPLE else t[:_SAMPLE] for t in texts]
    n_lines = len(samples)
    page = "\n".join(samples)
    digits, commas = _character_counts(page, [len(s) for s in samples])
    ascii_only = [s.isascii() for s in samples]
    # Words of every line, with a "\n" token between lines; no word holds a space or a break.
    tokens = _WORD_OR_BREAK.findall(page)
    lowered_page = " ".join(tokens).lower()
    lowered = [part.strip(" ") for part in lowered_page.split("\n")]
    word_counts = [low.count(" ") + 1 if low else 0 for low in lowered]
    # The line of every token (a break token counts for the line it ends; its flags are 0).
    line_of = np.repeat(np.arange(n_lines), np.array(word_counts) + 1)[:len(tokens)]
    stopwords = np.bincount(line_of, minlength=n_lines, weights=np.fromiter(
        map(STOPWORDS.__contains__, lowered_page.split(" ")), dtype=float, count=len(tokens)))
    capitals = np.bincount(line_of, minlength=n_lines, weights=_capital_flags(tokens))

    counts = list(word_counts)
    divisors = [c or 1 for c in counts]
    for k, sample in enumerate(samples):
        if not ascii_only[k]:  # Chinese, Japanese, Korean: about one word per two characters
            ideographs = len(_IDEOGRAPHS.findall(sample))
            if ideographs:
                counts[k] = max(counts[k], ideographs // 2)
                divisors[k] = max(divisors[k], counts[k])
        if len(texts[k]) > _SAMPLE:  # long lines: estimate counts from the sample, linear and cheap
            counts[k] = int(counts[k] * len(texts[k]) / _SAMPLE)
    divisor_array = np.array(divisors, dtype=float)
    short = [n <= 12 for n in counts]
    short_words = [low.split() if sh else [] for sh, low in zip(short, lowered, strict=True)]
    tails = [t[-8:] for t in texts]
    ends = [_ENDS_SENTENCE.search(t) is not None for t in tails]
    full_stop = [e and _FULL_STOP.search(t) is not None for e, t in zip(ends, tails, strict=True)]
    firsts = [t[0] for t in texts]
    never = [False] * n_lines

    # "Sign up for our newsletter" is furniture; "He declined to comment." is not.
    interface = [bool(words) and not INTERFACE_FIRST_WORDS.isdisjoint(words) and has_interface_phrase(words)
                 and (not (f and n >= 5) or CALL_TO_ACTION.search(low) is not None)
                 for words, f, n, low in zip(short_words, full_stop, counts, lowered, strict=True)]
    # The date shapes need a digit (an ASCII one, or another script's).
    date_like = [sh and (not MONTHS.keys().isdisjoint(words)
                         or ((d > 0 or not a) and _DATE_SHAPE.search(s) is not None))
                 for sh, words, s, d, a in zip(short, short_words, samples, digits, ascii_only, strict=True)]
    separators = never if _SEPARATOR.search(page) is None else [
        n <= 40 and _SEPARATOR.search(s) is not None for n, s in zip(counts, samples, strict=True)]
    url = never if not ("http" in lowered_page or "www" in lowered_page or "@" in page) else [
        ("http" in low or "www" in low or "@" in s) and _URL.search(s) is not None
        for low, s in zip(lowered, samples, strict=True)]
    comment_header = never if not any(map(lowered_page.__contains__, _COMMENT_VERBS)) else [
        sh and (t[-1] == ":" or t[-1].isalpha())  # the header ends with the verb or a colon
        and COMMENT_HEADER.search(tl if len(t) < 8 else t[-24:]) is not None
        for sh, tl, t in zip(short, tails, texts, strict=True)]
    return list(zip(
        counts,
        map(len, texts),
        ends,
        full_stop,
        [len(_SENTENCE_END.findall(s)) if n > 3 else int(e)
         for s, n, e in zip(samples, counts, ends, strict=True)],
        commas,
        (stopwords / divisor_array).tolist(),
        (capitals / divisor_array).tolist(),
        [d / len(s) for d, s in zip(digits, samples, strict=True)],
        [f in _BULLET_START and _BULLET.match(t) is not None for f, t in zip(firsts, texts, strict=True)],
        separators,
        interface,
        date_like,
        [sh and f.isdigit() and READING_TIME.match(t) is not None
         for sh, f, t in zip(short, firsts, texts, strict=True)],
        [n <= 25 and ("©" in s or "opyright" in low)
         for n, s, low in zip(counts, samples, lowered, strict=True)],
        [t[-1] == ":" for t in texts],
        [f.islower() for f in firsts],
        [len(t) > 3 and t.isupper() for t in texts],
        [f in _QUOTES for f in firsts],
        url,
        [(len(low) - d + 1) / d for low, d in zip(lowered, divisors, strict=True)],
        [t.endswith(_ELLIPSES) for t in tails],
        [n >= 6 and (glue := _GLUE.search(s, 0, 200)) is not None and _glued(s, glue.start())
         for n, s in zip(counts, samples, strict=True)],
        comment_header,
        [n <= 6 and COMMENTS_HEADING.match(t) is not None for n, t in zip(counts, texts, strict=True)],
        strict=True,
    ))


def _capital_flags(tokens: list[str]) -> np.ndarray:
    """1.0 for every token whose first character is a capital letter, else 0.0."""
    initials = "".join(map(itemgetter(0), tokens))
    if initials.isascii():  # most pages: a numpy range test on the bytes
        points = np.frombuffer(initials.encode("ascii"), dtype=np.uint8)
        return ((points >= 0x41) & (points <= 0x5A)).astype(float)
    return np.fromiter(map(str.isupper, initials), dtype=float, count=len(initials))


def _character_counts(page: str, lengths: list[int]) -> tuple[list[int], list[int]]:
    """ASCII digits and commas (also the CJK ones) of every line of ``page`` (lines of
    ``lengths`` joined by one break each): one numpy pass over the page's code points
    instead of a dozen ``str.count`` calls per line."""
    points = np.frombuffer(page.encode("utf-32-le"), dtype=np.uint32)
    ends = np.cumsum(np.array(lengths) + 1) - 1
    starts = ends - np.array(lengths)

    def per_sample(mask: np.ndarray) -> list[int]:
        running = np.concatenate([[0], np.cumsum(mask)])
        counts: list[int] = (running[ends] - running[starts]).tolist()
        return counts

    digits = per_sample((points >= 0x30) & (points <= 0x39))
    commas = per_sample((points == 0x2C) | (points == 0xFF0C) | (points == 0x3001))
    return digits, commas


def _glued(sample: str, glue: int) -> bool:
    """A title-case headline run into the next text without a space ("…Student-AthleteA 24-year-old"),
    given where ``_GLUE`` found a lower-case letter run into a capital."""
    head = sample[:glue + 1].split()
    capitalised = sum(1 for w in head if w[:1].isupper() or not w[:1].isalpha())
    return len(head) >= 3 and capitalised >= 0.7 * len(head)


def line_stats(lines: list[Line]) -> list[LineStats]:
    """The ``LineStats`` of every line; a line whose text occurs twice is ``repeated``.

    Each distinct text is measured once (menus and share bars repeat theirs).
    """
    counts = Counter(line.text for line in lines if not line.is_image)
    distinct = list(counts)
    own = dict(zip(distinct, _text_columns(distinct), strict=True))
    # tuple.__new__ fills the named tuple from the row directly (LineStats(*row) is a Python call).
    return [_new_tuple(LineStats, (_IMAGE_STATS if line.is_image else own[line.text]) + (
                counts[line.text] > 1, line.is_image, line.blank_before, line.blank_after))
            for line in lines]


_new_tuple = tuple.__new__


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
    width = len(LineStats._fields)
    raw = np.fromiter(chain.from_iterable(stats), dtype=float, count=len(stats) * width)
    raw = raw.reshape(len(stats), width)
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
    # The three-line windows of six columns in one pass.
    near_means = window_means(np.column_stack([near, own[:, 29], np.maximum(own[:, 27], own[:, 28])]), 3)
    return np.column_stack([
        shifted(near, -1), shifted(near, 1), shifted(log_words, -2), shifted(log_words, 2),
        near_means[:, :4], window_means(far, 10),
        window_means(changes, 6), after_comments, near_means[:, 4], near_means[:, 5],
    ])
