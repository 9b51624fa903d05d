"""Common shingles: word sequences found in far more documents than one story could hold.

A story's text is in the captures of that story: a handful usually, hundreds for a live
page captured every day, and the same holds for every shingle of it. Phrases of the
language ("one of the most", "said in a statement on"), a site's boilerplate sentences
and a generator's stock wording are in documents of many stories, more of them the
larger the corpus, and as evidence they join unrelated stories. No date is involved:
a story's text may be captured for years and still be one story's.

The bound comes from what the document's own story can be. Its story holds at least as
many documents as most of its shingles are in (text the story shares with others only
adds to a shingle's count), so the median count of a document's shingles estimates
the size of its story; a shingle in more than ``_SPREAD`` times that many documents,
and in more than ``capacity`` (the most captures a story is assumed to have before its
size shows), is not evidence for that document. A story captured a thousand times keeps
its text: each of its captures' shingles are in about a thousand documents.

Counting is one sort of the corpus's 32-bit shingle values (four bytes a shingle), then
a binary search per value; no per-shingle dictionary.
"""

from __future__ import annotations

import numpy as np

__all__ = ["common_shingles", "document_frequencies"]

#: How many times its story's estimated size a shingle's document count must exceed.
_SPREAD = 4
#: Values looked up at a time (bounds the search's temporary index arrays).
_CHUNK = 1 << 22


def document_frequencies(values: np.ndarray) -> np.ndarray:
    """For each value, the number of times it occurs in ``values`` (``uint32``): with one
    unique set per document concatenated, the number of documents holding it."""
    if not len(values):
        return np.empty(0, dtype=np.uint32)
    ordered = np.sort(values)
    boundary = np.empty(len(ordered), dtype=bool)
    boundary[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=boundary[1:])
    starts = np.flatnonzero(boundary)
    del boundary
    keys = ordered[starts]
    del ordered
    counts = np.diff(np.append(starts, len(values))).astype(np.uint32)
    del starts
    frequencies = np.empty(len(values), dtype=np.uint32)
    for start in range(0, len(values), _CHUNK):
        chunk = values[start : start + _CHUNK]
        frequencies[start : start + len(chunk)] = counts[np.searchsorted(keys, chunk)]
    return frequencies


def common_shingles(values: np.ndarray, offsets: np.ndarray, capacity: int) -> np.ndarray:
    """A flag per value of the concatenated shingle sets (document ``i`` is
    ``values[offsets[i]:offsets[i + 1]]``): is it too common to be evidence for its document?"""
    frequencies = document_frequencies(values)
    common = np.zeros(len(values), dtype=bool)
    over = frequencies > capacity
    if not over.any():
        return common
    # Only documents holding a shingle over the floor need their story's size estimated.
    running = np.zeros(len(values) + 1, dtype=np.int64)
    np.cumsum(over, out=running[1:])
    flagged = np.flatnonzero(running[offsets[1:]] > running[offsets[:-1]])
    del running
    for index in flagged.tolist():
        start, end = int(offsets[index]), int(offsets[index + 1])
        counts = frequencies[start:end]
        story = float(np.median(counts))
        common[start:end] = (counts > capacity) & (counts > _SPREAD * story)
    return common
