"""Candidate pairs from MinHash bands: documents whose signatures agree on every row of a band.

datasketch's ``MinHashLSH`` chooses the banding (``b`` bands of ``r`` rows for a
resemblance threshold); its index keeps a dictionary entry per document and band, several
kilobytes a document. The same buckets come out of one sort per band of the band's rows
packed into one 64-bit key, at 8 bytes a document and band while the band is sorted.

A bucket holds the documents of one story, of a few stories that share some text, or
(when a shingle common to many texts is each one's minimum) of many unrelated ones.
Pairing every two members of a bucket would cost the square of its size, so a bucket
larger than ``max_bucket`` pairs each member only with its ``window`` next neighbours in
an order by the rest of the signature: members that agree on many other rows (one story)
sort next to each other, so a large story still comes out connected, while a bucket of
unrelated documents proposes a number of pairs linear in its size.
"""

from __future__ import annotations

import numpy as np
from datasketch import MinHashLSH

__all__ = ["band_layout", "band_pairs"]

# Odd 64-bit multipliers mixing a band's rows into one key (rows of two 32-bit values
# are packed exactly instead).
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93], np.uint64)


def band_layout(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) that datasketch's ``MinHashLSH`` picks for ``threshold``."""
    index = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return int(index.b), int(index.r)


def _band_keys(rows: np.ndarray) -> np.ndarray:
    """One 64-bit key per document for a band given as its ``(documents, r)`` 32-bit rows."""
    values = rows.astype(np.uint64)
    if values.shape[1] == 1:
        return values[:, 0]
    if values.shape[1] == 2:
        packed: np.ndarray = (values[:, 0] << np.uint64(32)) | values[:, 1]
        return packed
    key = np.zeros(len(values), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for column in range(values.shape[1]):
            key = (key ^ values[:, column]) * _MIX[column % len(_MIX)]
            key ^= key >> np.uint64(29)
    return key


def band_pairs(
    hashvalues: np.ndarray,
    bands: int,
    rows: int,
    usable: np.ndarray,
    *,
    max_bucket: int,
    window: int,
) -> np.ndarray:
    """Index pairs ``(i, j)``, ``i < j``, of ``usable`` documents sharing a band bucket:
    every pair of a bucket of up to ``max_bucket`` documents, and each member of a larger
    one with its ``window`` next members in signature order."""
    documents = np.flatnonzero(usable).astype(np.int64)
    count = len(hashvalues)
    found: list[np.ndarray] = []
    if len(documents) < 2:
        return np.empty((0, 2), dtype=np.int64)
    # Signature order of the usable documents, for the neighbours in large buckets.
    rank = np.empty(count, dtype=np.int64)
    rank[documents[np.lexsort(hashvalues[documents].T[::-1])]] = np.arange(len(documents))
    for band in range(bands):
        keys = _band_keys(hashvalues[documents, band * rows : (band + 1) * rows])
        order = np.lexsort((rank[documents], keys))
        keys, members = keys[order], documents[order]
        starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
        sizes = np.diff(np.r_[starts, len(keys)])
        for size in np.unique(sizes[(sizes >= 2) & (sizes <= max_bucket)]).tolist():
            left, right = np.triu_indices(size, k=1)
            bucket_starts = starts[sizes == size][:, None]
            found.append(
                _keys(members[bucket_starts + left].ravel(), members[bucket_starts + right].ravel(), count)
            )
        for start, size in zip(
            starts[sizes > max_bucket].tolist(), sizes[sizes > max_bucket].tolist(), strict=True
        ):
            bucket = members[start : start + size]  # already in signature order
            for step in range(1, window + 1):
                found.append(_keys(bucket[:-step], bucket[step:], count))
        if found:  # one band's pairs at a time: the same pair recurs across bands
            found = [np.unique(np.concatenate(found))]
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    unique = np.unique(np.concatenate(found))
    return np.column_stack([unique // count, unique % count]).astype(np.int64)


def _keys(a: np.ndarray, b: np.ndarray, count: int) -> np.ndarray:
    """Pairs as one int64 key each, smaller index first."""
    key: np.ndarray = np.minimum(a, b) * count + np.maximum(a, b)
    return key
