"""Candidate pairs where one body lies mostly inside another: a teaser in its full article.

The free part of a paywalled page, or a teaser, holds a few percent of its full
version's shingles: far too little resemblance for the MinHash LSH of ``grouping`` to
propose the pair, although every shingle of the short text is in the long one.

A consistent sample finds them: keep the shingles whose hash falls in one slice of
the hash range (one in ``_SAMPLING_RATE``), the same slice for every document, so that
when A lies inside B, A's sample lies inside B's. Documents that share sampled
shingles come out of one sort of (shingle, document) rows; a pair is proposed when
the shared samples cover ``threshold`` of the smaller document's sample. Exact
verification follows in ``grouping.verify_pairs``.

datasketch's ``MinHashLSHEnsemble`` answers the same question, but its index costs
more per document than all the rest of the grouping; this pass costs a sort and a few
numpy operations over the samples.
"""

from __future__ import annotations

import numpy as np

__all__ = ["containment_pairs"]

#: One shingle in this many is sampled (a teaser of 60 words keeps about 7): fewer samples
#: would blur the share; more cost memory (pairs are counted per shared sample).
_SAMPLING_RATE = 8
#: Fewest shared samples for a proposal, so that one shared sentence does not do it.
_MIN_SHARED = 2


def containment_pairs(
    shingles: np.ndarray,
    offsets: np.ndarray,
    threshold: float,
    min_shingles: int = 1,
    max_posting: int = 64,
) -> np.ndarray:
    """Index pairs ``(i, j)``, ``i < j``, where about ``threshold`` or more of the smaller
    of the two shingle sets lies inside the larger. The sets (sorted, unique ``uint32``
    values) are concatenated in ``shingles``, document ``i`` at
    ``offsets[i]:offsets[i + 1]``; sets smaller than ``min_shingles`` are left out. A
    sampled shingle in more than ``max_posting`` documents proposes no pairs: it is in
    more documents than a story holds (and would blow up the number of pairs)."""
    count = len(offsets) - 1
    documents, values = _samples(shingles, offsets, min_shingles)
    if len(values) < 2:
        return np.empty((0, 2), dtype=np.int64)
    order = np.argsort(values, kind="stable")
    values, documents = values[order], documents[order]
    starts = np.flatnonzero(np.r_[True, values[1:] != values[:-1]])
    sizes = np.diff(np.r_[starts, len(values)])
    keys, shared = np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    for size in np.unique(sizes[(sizes >= 2) & (sizes <= max_posting)]):
        # Every pair of positions inside the postings of this size, for all of them at once,
        # counted into the pairs so far (no list of every pair is ever held).
        left, right = np.triu_indices(int(size), k=1)
        group_starts = starts[sizes == size][:, None]
        a, b = documents[group_starts + left].ravel(), documents[group_starts + right].ravel()
        found, times = np.unique(np.minimum(a, b) * count + np.maximum(a, b), return_counts=True)
        merged, counts = np.concatenate([keys, found]), np.concatenate([shared, times])
        order = np.argsort(merged, kind="stable")
        merged, counts = merged[order], counts[order]
        firsts = np.flatnonzero(np.r_[True, merged[1:] != merged[:-1]])
        keys, shared = merged[firsts], np.add.reduceat(counts, firsts)
    if not len(keys):
        return np.empty((0, 2), dtype=np.int64)
    low, high = keys // count, keys % count
    sample_sizes = np.bincount(documents, minlength=count)
    smaller = np.minimum(sample_sizes[low], sample_sizes[high])
    chosen = (shared >= _MIN_SHARED) & (shared >= threshold * smaller)
    return np.column_stack([low[chosen], high[chosen]]).astype(np.int64)


def _samples(shingles: np.ndarray, offsets: np.ndarray, min_shingles: int) -> tuple[np.ndarray, np.ndarray]:
    """(document index, sampled shingle) rows of every document with ``min_shingles`` or more."""
    positions = np.flatnonzero(shingles % _SAMPLING_RATE == 0)
    documents = np.searchsorted(offsets, positions, side="right") - 1
    large_enough = np.diff(offsets)[documents] >= min_shingles
    return documents[large_enough].astype(np.int64), shingles[positions[large_enough]]
