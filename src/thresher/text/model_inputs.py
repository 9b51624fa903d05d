"""The classifier's input rows: each line's own numbers, its neighbours', and the
first model's scores around it.

``stage_one_features`` turns a page's ``LineStats`` columns into the first model's
inputs: the line's own numbers (log word count, rates, flags, position on the page)
and its neighbourhood (the previous and next lines, windowed means, whether a
comment section has begun). ``smooth_features`` gives the second model the first
model's scores around each line. A page has ~150 lines, so numpy's call overhead,
not arithmetic, is the cost: each matrix is allocated once and filled column by
column, neighbours are slices of a zero-padded copy, and all windowed means of one
radius come from one cumulative sum. No per-line Python.
"""

from __future__ import annotations

import numpy as np

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
#: The own features the second stage reads again.
_SMOOTHED_OWN = [_OWN[name] for name in ("ends_sentence", "interface", "is_image", "short", "repeated")]
#: The traits whose previous and next values are inputs.
_NEAR = [_OWN["log_words"], _OWN["ends_sentence"], _OWN["stop_ratio"], _OWN["interface"]]


def _window_means(values: np.ndarray, radius: int, prefix: np.ndarray | None = None) -> np.ndarray:
    """Mean of ``values`` (a vector, or a matrix column-wise) over ``[i - radius, i + radius]``
    (clipped to the page), excluding ``i`` itself. ``prefix``: the cumulative sums of
    ``values`` after a zero row, when already computed."""
    n = len(values)
    if prefix is None:
        prefix = np.zeros((n + 1,) + values.shape[1:])
        np.cumsum(values, axis=0, out=prefix[1:])
    index = np.arange(n)
    lo = np.maximum(index - radius, 0)
    hi = np.minimum(index + radius + 1, n)
    count = (hi - lo - 1).astype(float)
    if values.ndim > 1:
        count = count[:, None]
    total = prefix[hi] - prefix[lo] - values
    means: np.ndarray = np.divide(total, count, out=np.zeros_like(total), where=count > 0)
    return means


def stage_one_features(columns: dict[str, np.ndarray]) -> np.ndarray:
    """Own + neighbourhood features of every line (from ``PageStats.columns``), in the order
    of ``OWN_FEATURES + CONTEXT_FEATURES``."""
    words = columns["words"]
    n = len(words)
    rows = np.zeros((n, len(OWN_FEATURES) + len(CONTEXT_FEATURES)))
    own = rows[:, :len(OWN_FEATURES)]
    for name in _COPIED:
        own[:, _OWN[name]] = columns[name]
    log_words = own[:, _OWN["log_words"]] = np.log1p(words)
    own[:, _OWN["long"]] = words >= 15
    own[:, _OWN["short"]] = words <= 3
    own[:, _OWN["log_sentences"]] = np.log1p(columns["sentences"])
    own[:, _OWN["comma_rate"]] = columns["commas"] / (words + 1)
    own[:, _OWN["mean_word_len"]] = np.minimum(columns["mean_word_len"], 15.0) / 5
    position = own[:, _OWN["position"]] = np.arange(n) / max(n - 1, 1)
    own[:, _OWN["position_sq"]] = position * position
    _context(own, rows[:, len(OWN_FEATURES):], log_words)
    return rows


def _context(own: np.ndarray, out: np.ndarray, log_words: np.ndarray) -> None:
    """Fill ``out`` (zeros) with the ``CONTEXT_FEATURES`` of the lines whose own features are ``own``."""
    n = len(own)
    near = own[:, _NEAR]
    out[1:, 0:4] = near[:-1]  # the previous line
    out[:-1, 4:8] = near[1:]  # the next line
    out[2:, 8] = log_words[:-2]
    out[:-2, 9] = log_words[2:]
    # Windowed means: columns 0-5 over three lines, 6-8 over ten, 9 over six.
    windowed = np.empty((n, 10))
    windowed[:, 0:4] = near
    windowed[:, 4] = own[:, _OWN["comment_header"]]
    windowed[:, 5] = np.maximum(own[:, _OWN["ellipsis"]], own[:, _OWN["glued"]])
    windowed[:, 6] = log_words
    windowed[:, 7] = own[:, _OWN["ends_sentence"]]
    long = windowed[:, 8] = own[:, _OWN["long"]]
    # Listings alternate headline and teaser; article sections have runs of paragraphs.
    windowed[0, 9] = 0.0
    windowed[1:, 9] = long[1:] != long[:-1]
    prefix = np.zeros((n + 1, 10))
    np.cumsum(windowed, axis=0, out=prefix[1:])
    three = _window_means(windowed[:, 0:6], 3, prefix[:, 0:6])
    out[:, 10:14] = three[:, 0:4]
    out[:, 19:21] = three[:, 4:6]
    out[:, 14:17] = _window_means(windowed[:, 6:9], 10, prefix[:, 6:9])
    out[:, 17] = _window_means(windowed[:, 9], 6, prefix[:, 9])
    # Everything after the first comment-section heading in the second half of the page
    # (a "12 Comments" link in the header is not it).
    heading = np.flatnonzero((own[:, _OWN["comments_heading"]] > 0) & (own[:, _OWN["position"]] >= 0.3))
    if len(heading):
        out[heading[0] + 1:, 18] = 1.0


def _nearest_long_scores(p: np.ndarray, long: np.ndarray, out: np.ndarray) -> None:
    """Fill ``out[:, 0]`` (``out[:, 1]``) with the score of the nearest long line strictly
    before (after) each line; 0 when there is none."""
    n = len(p)
    index = np.arange(n)
    last = np.maximum.accumulate(np.where(long, index, -1))  # the last long line at or before i
    out[1:, 0] = np.where(last[:-1] >= 0, p[last[:-1]], 0.0)
    first = np.minimum.accumulate(np.where(long, index, n)[::-1])[::-1]  # the first at or after i
    out[:-1, 1] = np.where(first[1:] < n, p[np.minimum(first[1:], n - 1)], 0.0)


def smooth_features(p: np.ndarray, first_rows: np.ndarray) -> np.ndarray:
    """Stage-two inputs (``SMOOTH_FEATURES``): the stage-one scores ``p`` around each line,
    the content mass around it, and a few of its own features (from ``first_rows``)."""
    n = len(p)
    rows = np.zeros((n, len(SMOOTH_FEATURES)))
    log_words = first_rows[:, _OWN["log_words"]]
    rows[:, 0] = p
    padded = np.zeros(n + 6)  # p with three zeros on each side: shifts are views, not copies
    padded[3:n + 3] = p
    rows[:, 1], rows[:, 2], rows[:, 3], rows[:, 4] = padded[2:n + 2], padded[4:n + 4], padded[1:n + 1], \
        padded[5:n + 5]
    prefix = np.zeros(n + 1)
    np.cumsum(p, out=prefix[1:])
    rows[:, 5] = _window_means(p, 5, prefix)
    rows[:, 6] = _window_means(p, 15, prefix)
    nearest = np.maximum(padded[0:n], padded[6:n + 6])
    for k in (1, 2, 3, 4):
        np.maximum(nearest, rows[:, k], out=nearest)
    rows[:, 7] = nearest
    mass = p * log_words
    total = mass.sum() or 1.0
    before = np.cumsum(mass) - mass
    rows[:, 8] = before / total
    rows[:, 9] = (total - before - mass) / total
    rows[:, 10] = log_words
    rows[:, 11:16] = first_rows[:, _SMOOTHED_OWN]
    _nearest_long_scores(p, first_rows[:, _OWN["long"]] > 0, rows[:, 16:18])
    return rows
