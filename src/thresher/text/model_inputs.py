"""The classifier's input rows: each line's own numbers, its neighbours', and the
first model's scores around it.

``stage_one_features`` turns a page's stats matrix (``PageStats.matrix``) into the
first model's inputs: the line's own numbers (log word count, rates, flags, position
on the page) and its neighbourhood (the previous and next lines, windowed means,
whether a comment section has begun). ``smooth_features`` gives the second model the
first model's scores around each line. A page has about a hundred lines, so as numpy
operations the call overhead, not the arithmetic, would be the cost: each stage is one
loop compiled by numba that fills one matrix feature by feature (each feature's values
contiguous); windowed means come from one running sum. No per-line Python.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from thresher.text.features import STAT_FIELDS

__all__ = ["CONTEXT_FEATURES", "OWN_FEATURES", "SMOOTH_FEATURES", "smooth_features", "stage_one_features"]

OWN_FEATURES = [
    "log_words",
    "long",
    "short",
    "ends_sentence",
    "log_sentences",
    "comma_rate",
    "stop_ratio",
    "cap_ratio",
    "digit_ratio",
    "bullet",
    "separators",
    "interface",
    "date_like",
    "reading_time",
    "copyright",
    "ends_colon",
    "starts_lower",
    "all_caps",
    "starts_quote",
    "url",
    "mean_word_len",
    "repeated",
    "is_image",
    "blank_before",
    "blank_after",
    "position",
    "position_sq",
    "ellipsis",
    "glued",
    "comment_header",
    "comments_heading",
]
# Neighbourhood summaries: the previous/next line's main traits and windowed means.
CONTEXT_FEATURES = [
    "prev_log_words",
    "prev_ends_sentence",
    "prev_stop_ratio",
    "prev_interface",
    "next_log_words",
    "next_ends_sentence",
    "next_stop_ratio",
    "next_interface",
    "prev2_log_words",
    "next2_log_words",
    "win3_log_words",
    "win3_ends_sentence",
    "win3_stop_ratio",
    "win3_interface",
    "win10_log_words",
    "win10_ends_sentence",
    "win10_long",
    "alternation",
    "after_comments",
    "win3_comment_header",
    "win3_ellipsis_glued",
]
SMOOTH_FEATURES = [
    "p",
    "p_prev",
    "p_next",
    "p_prev2",
    "p_next2",
    "p_win5",
    "p_win15",
    "p_max3",
    "mass_before",
    "mass_after",
    "log_words",
    "ends_sentence",
    "interface",
    "is_image",
    "short",
    "repeated",
    "p_long_prev",
    "p_long_next",
]

_OWN = {name: k for k, name in enumerate(OWN_FEATURES)}
#: Own features that are a ``LineStats`` field as it is.
_COPIED = [
    "ends_sentence",
    "stop_ratio",
    "cap_ratio",
    "digit_ratio",
    "bullet",
    "separators",
    "interface",
    "date_like",
    "reading_time",
    "copyright",
    "ends_colon",
    "starts_lower",
    "all_caps",
    "starts_quote",
    "url",
    "repeated",
    "is_image",
    "blank_before",
    "blank_after",
    "ellipsis",
    "glued",
    "comment_header",
    "comments_heading",
]
_COPIED_FROM = [STAT_FIELDS.index(name) for name in _COPIED]
_COPIED_TO = [_OWN[name] for name in _COPIED]
_STAT = {name: j for j, name in enumerate(STAT_FIELDS)}
#: The own features the second stage reads again.
_SMOOTHED_OWN = [_OWN[name] for name in ("ends_sentence", "interface", "is_image", "short", "repeated")]
#: The traits whose previous and next values are inputs.
_NEAR = [_OWN["log_words"], _OWN["ends_sentence"], _OWN["stop_ratio"], _OWN["interface"]]


# The rows of the own features the kernels fill or read: constants of this module, which
# numba compiles in (its disk cache is rebuilt when this file changes).
(
    _LOG_WORDS,
    _LONG,
    _SHORT,
    _LOG_SENTENCES,
    _COMMA_RATE,
    _MEAN_WORD_LEN,
    _POSITION,
    _POSITION_SQ,
    _ENDS_SENTENCE,
    _COMMENT_HEADER,
    _ELLIPSIS,
    _GLUED,
    _COMMENTS_HEADING,
) = (
    _OWN[name]
    for name in (
        "log_words",
        "long",
        "short",
        "log_sentences",
        "comma_rate",
        "mean_word_len",
        "position",
        "position_sq",
        "ends_sentence",
        "comment_header",
        "ellipsis",
        "glued",
        "comments_heading",
    )
)
#: The stats rows the own features are computed from. They come from another module, so
#: the kernel gets them as an argument: numba's disk cache would keep a constant read from
#: another module's globals after that module changed.
_STAT_ROWS = np.array(
    [_STAT[name] for name in ("words", "sentences", "commas", "mean_word_len")], dtype=np.int64
)
_COPIED_PAIRS = np.array([_COPIED_FROM, _COPIED_TO], dtype=np.int64)
_NEAR_ROWS = np.array(_NEAR, dtype=np.int64)
_SMOOTHED_ROWS = np.array(_SMOOTHED_OWN, dtype=np.int64)


@njit(cache=True, nogil=True)
def _window_means(values: np.ndarray, radius: int, out: np.ndarray) -> None:
    """``out[i]``: the mean of ``values`` over ``[i - radius, i + radius]`` (clipped to the
    page), excluding ``i`` itself; 0 when that leaves nothing. One running sum."""
    n = len(values)
    prefix = np.empty(n + 1)
    prefix[0] = 0.0
    for i in range(n):
        prefix[i + 1] = prefix[i] + values[i]
    for i in range(n):
        lo, hi = max(i - radius, 0), min(i + radius + 1, n)
        count = hi - lo - 1
        out[i] = (prefix[hi] - prefix[lo] - values[i]) / count if count > 0 else 0.0


@njit(cache=True, nogil=True)
def _stage_one(
    stats: np.ndarray,
    stat_rows: np.ndarray,
    n_own: int,
    n_context: int,
    copied: np.ndarray,
    near_rows: np.ndarray,
) -> np.ndarray:
    n = stats.shape[1]
    inputs = np.zeros((n_own + n_context, n))
    for j in range(copied.shape[1]):
        inputs[copied[1, j]] = stats[copied[0, j]]
    for i in range(n):
        words = stats[stat_rows[0], i]
        inputs[_LOG_WORDS, i] = np.log1p(words)
        inputs[_LONG, i] = words >= 15
        inputs[_SHORT, i] = words <= 3
        inputs[_LOG_SENTENCES, i] = np.log1p(stats[stat_rows[1], i])
        inputs[_COMMA_RATE, i] = stats[stat_rows[2], i] / (words + 1)
        inputs[_MEAN_WORD_LEN, i] = min(stats[stat_rows[3], i], 15.0) / 5
        position = i / max(n - 1, 1)
        inputs[_POSITION, i] = position
        inputs[_POSITION_SQ, i] = position * position
    context = inputs[n_own:]
    for r in range(4):  # the previous and the next line's main traits
        near = inputs[near_rows[r]]
        context[r, 1:] = near[:-1]
        context[4 + r, :-1] = near[1:]
        _window_means(near, 3, context[10 + r])
    log_words = inputs[_LOG_WORDS]
    context[8, 2:] = log_words[:-2]
    context[9, :-2] = log_words[2:]
    _window_means(inputs[_COMMENT_HEADER], 3, context[19])
    _window_means(np.maximum(inputs[_ELLIPSIS], inputs[_GLUED]), 3, context[20])
    _window_means(log_words, 10, context[14])
    _window_means(inputs[_ENDS_SENTENCE], 10, context[15])
    long = inputs[_LONG]
    _window_means(long, 10, context[16])
    # Listings alternate headline and teaser; article sections have runs of paragraphs.
    alternation = np.zeros(n)
    for i in range(1, n):
        alternation[i] = long[i] != long[i - 1]
    _window_means(alternation, 6, context[17])
    # Everything after the first comment-section heading in the second half of the page
    # (a "12 Comments" link in the header is not it).
    for i in range(n):
        if inputs[_COMMENTS_HEADING, i] > 0 and inputs[_POSITION, i] >= 0.3:
            context[18, i + 1 :] = 1.0
            break
    return inputs


def stage_one_features(stats: np.ndarray) -> np.ndarray:
    """Own + neighbourhood features of every line (from ``PageStats.matrix``): one row per
    line, one column per ``OWN_FEATURES + CONTEXT_FEATURES``. Built feature by feature
    (every feature's values contiguous) and returned as the transposed view."""
    inputs: np.ndarray = _stage_one(
        np.ascontiguousarray(stats, dtype=np.float64),
        _STAT_ROWS,
        len(OWN_FEATURES),
        len(CONTEXT_FEATURES),
        _COPIED_PAIRS,
        _NEAR_ROWS,
    )
    return inputs.T


@njit(cache=True, nogil=True)
def _smooth(p: np.ndarray, first: np.ndarray, n_features: int, smoothed_rows: np.ndarray) -> np.ndarray:
    n = len(p)
    inputs = np.zeros((n_features, n))
    log_words = first[_LOG_WORDS]
    long = first[_LONG]
    inputs[0] = p
    inputs[1, 1:] = p[:-1]
    inputs[2, :-1] = p[1:]
    inputs[3, 2:] = p[:-2]
    inputs[4, :-2] = p[2:]
    _window_means(p, 5, inputs[5])
    _window_means(p, 15, inputs[6])
    total = 0.0
    for i in range(n):
        total += p[i] * log_words[i]
    if total == 0.0:
        total = 1.0
    before = 0.0
    last_long = -1
    for i in range(n):
        nearest = 0.0  # the highest score within three lines
        for j in range(max(i - 3, 0), min(i + 4, n)):
            if j != i and p[j] > nearest:
                nearest = p[j]
        inputs[7, i] = nearest
        mass = p[i] * log_words[i]
        inputs[8, i] = before / total
        inputs[9, i] = (total - before - mass) / total
        before += mass
        inputs[10, i] = log_words[i]
        for r in range(len(smoothed_rows)):
            inputs[11 + r, i] = first[smoothed_rows[r], i]
        # The score of the nearest long line before (after) each line; 0 when there is none.
        inputs[16, i] = p[last_long] if last_long >= 0 else 0.0
        if long[i] > 0:
            last_long = i
    next_long = -1
    for i in range(n - 1, -1, -1):
        inputs[17, i] = p[next_long] if next_long >= 0 else 0.0
        if long[i] > 0:
            next_long = i
    return inputs


def smooth_features(p: np.ndarray, first_rows: np.ndarray) -> np.ndarray:
    """Stage-two inputs: the stage-one scores ``p`` around each line, the content mass
    around it, and a few of its own features (from ``first_rows``, as
    ``stage_one_features`` gives them): one row per line, one column per ``SMOOTH_FEATURES``."""
    inputs: np.ndarray = _smooth(
        np.ascontiguousarray(p, dtype=np.float64),
        np.ascontiguousarray(first_rows.T),
        len(SMOOTH_FEATURES),
        _SMOOTHED_ROWS,
    )
    return inputs.T
