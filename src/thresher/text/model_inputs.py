"""The classifier's input rows: each line's own numbers, and its neighbours'.

``own_features`` turns a page's ``LineStats`` columns into the model's per-line
inputs (log word count, rates, flags, position on the page); ``context_features``
adds what surrounds the line (the previous and next lines, windowed means, whether
a comment section has begun). Both are whole-page numpy operations: no per-line
Python.
"""

from __future__ import annotations

import numpy as np

__all__ = ["CONTEXT_FEATURES", "OWN_FEATURES", "context_features", "own_features", "shifted",
           "window_means"]

OWN_FEATURES = [
    "log_words", "long", "short", "ends_sentence", "log_sentences", "comma_rate", "stop_ratio",
    "cap_ratio", "digit_ratio", "bullet", "separators", "interface", "date_like", "reading_time",
    "copyright", "ends_colon", "starts_lower", "all_caps", "starts_quote", "url", "mean_word_len",
    "repeated", "is_image", "blank_before", "blank_after", "position", "position_sq",
    "ellipsis", "glued", "comment_header", "comments_heading",
]


def own_features(columns: dict[str, np.ndarray]) -> np.ndarray:
    """One row per line, of the line alone (position included), columns named by ``OWN_FEATURES``."""
    col = columns
    words = col["words"]
    n = len(words)
    position = np.arange(n) / max(n - 1, 1)
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
