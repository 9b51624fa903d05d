"""The classifier's input rows: each line's own numbers, its neighbours', and the
first model's scores around it.

``stage_one_features`` turns a page's stats matrix (``PageStats.matrix``) into the
first model's inputs: the line's own numbers (log word count, rates, flags, position
on the page) and its neighbourhood (the previous and next lines, windowed means,
whether a comment section has begun). ``smooth_features`` gives the second model the
first model's scores around each line. A page has ~150 lines, so numpy's call
overhead, not arithmetic, is the cost: each stage's inputs are one matrix allocated
once and filled feature by feature (each feature's values contiguous), neighbours are
slices, and the windowed means of a stage share one cumulative sum. No per-line Python.
"""

from __future__ import annotations

import numpy as np

from thresher.text.features import STAT_FIELDS

__all__ = ["CONTEXT_FEATURES", "OWN_FEATURES", "SMOOTH_FEATURES", "smooth_features", "stage_one_features"]

OWN_FEATURES = [
    "log_words", "long", "short", "ends_sentence", "log_sentences", "comma_rate", "stop_ratio",
    "cap_ratio", "digit_ratio", "bullet", "separators", "interface", "date_like", "reading_time",
    "copyright", "ends_colon", "starts_lower", "all_caps", "starts_quote", "url", "mean_word_len",
    "repeated", "is_image", "blank_before", "blank_after", "position", "position_sq",
    "ellipsis", "glued", "comment_header", "comments_heading",
]
# Neighbourhood summaries: the previous/next line's main traits and windowed means.
CONTEXT_FEATURES = [
    "prev_log_words", "prev_ends_sentence", "prev_stop_ratio", "prev_interface",
    "next_log_words", "next_ends_sentence", "next_stop_ratio", "next_interface",
    "prev2_log_words", "next2_log_words",
    "win3_log_words", "win3_ends_sentence", "win3_stop_ratio", "win3_interface",
    "win10_log_words", "win10_ends_sentence", "win10_long",
    "alternation", "after_comments", "win3_comment_header", "win3_ellipsis_glued",
]
SMOOTH_FEATURES = [
    "p", "p_prev", "p_next", "p_prev2", "p_next2", "p_win5", "p_win15", "p_max3",
    "mass_before", "mass_after", "log_words", "ends_sentence", "interface", "is_image", "short",
    "repeated", "p_long_prev", "p_long_next",
]

_OWN = {name: k for k, name in enumerate(OWN_FEATURES)}
#: Own features that are a ``LineStats`` field as it is.
_COPIED = ["ends_sentence", "stop_ratio", "cap_ratio", "digit_ratio", "bullet", "separators", "interface",
           "date_like", "reading_time", "copyright", "ends_colon", "starts_lower", "all_caps", "starts_quote",
           "url", "repeated", "is_image", "blank_before", "blank_after", "ellipsis", "glued",
           "comment_header", "comments_heading"]
_COPIED_FROM = [STAT_FIELDS.index(name) for name in _COPIED]
_COPIED_TO = [_OWN[name] for name in _COPIED]
_STAT = {name: j for j, name in enumerate(STAT_FIELDS)}
#: The own features the second stage reads again.
_SMOOTHED_OWN = [_OWN[name] for name in ("ends_sentence", "interface", "is_image", "short", "repeated")]
#: The traits whose previous and next values are inputs.
_NEAR = [_OWN["log_words"], _OWN["ends_sentence"], _OWN["stop_ratio"], _OWN["interface"]]


def _window_means(values: np.ndarray, radius: int, prefix: np.ndarray) -> np.ndarray:
    """Mean of ``values`` (lines along the last axis) over ``[i - radius, i + radius]``
    (clipped to the page), excluding ``i`` itself; ``prefix``: the cumulative sums of
    ``values`` along that axis, after a zero."""
    n = values.shape[-1]
    index = np.arange(n)
    lo = np.maximum(index - radius, 0)
    hi = np.minimum(index + radius + 1, n)
    count = (hi - lo - 1).astype(float)
    total = prefix[..., hi] - prefix[..., lo] - values
    means: np.ndarray = np.divide(total, count, out=np.zeros_like(total), where=count > 0)
    return means


def _with_zero_first(values: np.ndarray) -> np.ndarray:
    """The cumulative sums of ``values`` along the last axis, after a zero."""
    prefix = np.empty(values.shape[:-1] + (values.shape[-1] + 1,))
    prefix[..., 0] = 0.0
    np.cumsum(values, axis=-1, out=prefix[..., 1:])
    return prefix


def stage_one_features(stats: np.ndarray) -> np.ndarray:
    """Own + neighbourhood features of every line (from ``PageStats.matrix``): one row per
    line, one column per ``OWN_FEATURES + CONTEXT_FEATURES``. Built feature by feature
    (every feature's values contiguous) and returned as the transposed view."""
    words = stats[_STAT["words"]]
    n = len(words)
    inputs = np.empty((len(OWN_FEATURES) + len(CONTEXT_FEATURES), n))
    own = inputs[:len(OWN_FEATURES)]
    own[_COPIED_TO] = stats[_COPIED_FROM]
    log_words = own[_OWN["log_words"]] = np.log1p(words)
    own[_OWN["long"]] = words >= 15
    own[_OWN["short"]] = words <= 3
    own[_OWN["log_sentences"]] = np.log1p(stats[_STAT["sentences"]])
    own[_OWN["comma_rate"]] = stats[_STAT["commas"]] / (words + 1)
    own[_OWN["mean_word_len"]] = np.minimum(stats[_STAT["mean_word_len"]], 15.0) / 5
    position = own[_OWN["position"]] = np.arange(n) / max(n - 1, 1)
    own[_OWN["position_sq"]] = position * position
    _context(own, inputs[len(OWN_FEATURES):], log_words)
    return inputs.T


def _context(own: np.ndarray, out: np.ndarray, log_words: np.ndarray) -> None:
    """Fill ``out`` with the ``CONTEXT_FEATURES`` (rows) of the lines whose own features are ``own``."""
    n = own.shape[1]
    near = own[_NEAR]
    out[0:4, 0] = out[4:8, -1] = 0.0  # no line before the first, none after the last
    out[0:4, 1:] = near[:, :-1]  # the previous line
    out[4:8, :-1] = near[:, 1:]  # the next line
    out[8:10] = 0.0
    out[8, 2:] = log_words[:-2]
    out[9, :-2] = log_words[2:]
    # Windowed means: rows 0-5 over three lines, 6-8 over ten, 9 over six.
    windowed = np.empty((10, n))
    windowed[0:4] = near
    windowed[4] = own[_OWN["comment_header"]]
    np.maximum(own[_OWN["ellipsis"]], own[_OWN["glued"]], out=windowed[5])
    windowed[6] = log_words
    windowed[7] = own[_OWN["ends_sentence"]]
    long = windowed[8] = own[_OWN["long"]]
    # Listings alternate headline and teaser; article sections have runs of paragraphs.
    windowed[9, 0] = 0.0
    windowed[9, 1:] = long[1:] != long[:-1]
    prefix = _with_zero_first(windowed)
    three = _window_means(windowed[0:6], 3, prefix[0:6])
    out[10:14] = three[0:4]
    out[19:21] = three[4:6]
    out[14:17] = _window_means(windowed[6:9], 10, prefix[6:9])
    out[17] = _window_means(windowed[9], 6, prefix[9])
    # Everything after the first comment-section heading in the second half of the page
    # (a "12 Comments" link in the header is not it).
    out[18] = 0.0
    heading = np.flatnonzero((own[_OWN["comments_heading"]] > 0) & (own[_OWN["position"]] >= 0.3))
    if len(heading):
        out[18, heading[0] + 1:] = 1.0


def _nearest_long_scores(p: np.ndarray, long: np.ndarray, out: np.ndarray) -> None:
    """Fill ``out[0]`` (``out[1]``) with the score of the nearest long line strictly before
    (after) each line; 0 when there is none."""
    n = len(p)
    index = np.arange(n)
    last = np.maximum.accumulate(np.where(long, index, -1))  # the last long line at or before i
    out[0, 0] = out[1, -1] = 0.0
    out[0, 1:] = np.where(last[:-1] >= 0, p[last[:-1]], 0.0)
    first = np.minimum.accumulate(np.where(long, index, n)[::-1])[::-1]  # the first at or after i
    out[1, :-1] = np.where(first[1:] < n, p[np.minimum(first[1:], n - 1)], 0.0)


def smooth_features(p: np.ndarray, first_rows: np.ndarray) -> np.ndarray:
    """Stage-two inputs: the stage-one scores ``p`` around each line, the content mass
    around it, and a few of its own features (from ``first_rows``, as
    ``stage_one_features`` gives them): one row per line, one column per ``SMOOTH_FEATURES``."""
    n = len(p)
    first = first_rows.T  # feature by feature
    inputs = np.empty((len(SMOOTH_FEATURES), n))
    log_words = first[_OWN["log_words"]]
    inputs[0] = p
    padded = np.zeros(n + 6)  # p with three zeros on each side: shifts are views, not copies
    padded[3:n + 3] = p
    inputs[1], inputs[2], inputs[3], inputs[4] = padded[2:n + 2], padded[4:n + 4], padded[1:n + 1], \
        padded[5:n + 5]
    prefix = _with_zero_first(p)
    inputs[5] = _window_means(p, 5, prefix)
    inputs[6] = _window_means(p, 15, prefix)
    nearest = inputs[7]
    np.maximum(padded[0:n], padded[6:n + 6], out=nearest)
    for k in (1, 2, 3, 4):
        np.maximum(nearest, inputs[k], out=nearest)
    mass = p * log_words
    total = mass.sum() or 1.0
    before = np.cumsum(mass) - mass
    inputs[8] = before / total
    inputs[9] = (total - before - mass) / total
    inputs[10] = log_words
    inputs[11:16] = first[_SMOOTHED_OWN]
    _nearest_long_scores(p, first[_OWN["long"]] > 0, inputs[16:18])
    return inputs.T
