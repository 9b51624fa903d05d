"""Frequent shingles: word sequences in more documents than one story usually holds.

A story's text is in the captures of that story: a handful usually, hundreds for a live
page captured every day. Phrases of the language ("one of the most", "said in a
statement on"), a site's boilerplate sentences and a generator's stock wording are in
documents of many stories, more of them the larger the corpus, and as evidence they join
unrelated stories. How often a shingle recurs only says which shingles to look at, not
which are common: a shingle in more documents than ``capacity`` is common when those
documents are different stories, decided the way a recurring line is
(``boilerplate.chrome_lines``); a story captured a thousand times keeps its text. No
date is involved: a story's text may be captured for years and still be one story's.

Counting is one sort of the corpus's 32-bit shingle values (four bytes a shingle), then
a binary search per value; no per-shingle dictionary.
"""

from __future__ import annotations

import numpy as np

__all__ = ["among", "document_frequencies", "frequent_shingles"]

#: Values looked up at a time (bounds the search's temporary index arrays).
_CHUNK = 1 << 20
_NONE = np.empty(0, dtype=np.uint32)


def document_frequencies(values: np.ndarray) -> np.ndarray:
    """For each value, the number of times it occurs in ``values`` (``uint32``): with one
    unique set per document concatenated, the number of documents holding it."""
    keys, counts = _counts(values)
    frequencies = np.empty(len(values), dtype=np.uint32)
    for start in range(0, len(values), _CHUNK):
        chunk = values[start : start + _CHUNK]
        frequencies[start : start + len(chunk)] = counts[np.searchsorted(keys, chunk)]
    return frequencies


def frequent_shingles(values: np.ndarray, offsets: np.ndarray, capacity: int) -> list[np.ndarray]:
    """Per document, its shingles that are in more than ``capacity`` documents (document
    ``i``'s set is ``values[offsets[i]:offsets[i + 1]]``)."""
    keys, counts = _counts(values)
    frequent = keys[counts > capacity]
    del keys, counts
    if not len(frequent):
        return [_NONE] * (len(offsets) - 1)
    found_at = np.flatnonzero(among(values, frequent))
    cuts = np.searchsorted(found_at, offsets)
    found = values[found_at]
    return [found[cuts[i] : cuts[i + 1]] for i in range(len(offsets) - 1)]


def among(values: np.ndarray, ordered: np.ndarray) -> np.ndarray:
    """Which ``values`` are in the sorted array ``ordered``: a binary search per value, so
    that checking every body against a corpus-wide list stays linear in the corpus
    (``np.isin`` would sort the list again for each body)."""
    found = np.zeros(len(values), dtype=bool)
    if len(ordered) == 0:
        return found
    for start in range(0, len(values), _CHUNK):  # bounds the search's index array
        chunk = values[start : start + _CHUNK]
        where = np.minimum(np.searchsorted(ordered, chunk), len(ordered) - 1)
        found[start : start + len(chunk)] = ordered[where] == chunk
    return found


def _counts(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values, sorted, and how often each occurs (one sort of a copy)."""
    if not len(values):
        return np.empty(0, dtype=values.dtype), np.empty(0, dtype=np.uint32)
    ordered = np.sort(values)
    boundary = np.empty(len(ordered), dtype=bool)
    boundary[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=boundary[1:])
    starts = np.flatnonzero(boundary)
    del boundary
    keys = ordered[starts]
    del ordered
    ends = np.empty_like(starts)
    ends[:-1] = starts[1:]
    ends[-1] = len(values)
    ends -= starts
    del starts
    return keys, ends.astype(np.uint32)
