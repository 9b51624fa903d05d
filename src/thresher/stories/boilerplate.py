"""The boilerplate-residue guard: shingles that occur in too many documents are ignored.

Menus, newsletter boxes and footers that an extractor let through repeat across
many unrelated pages; matching on them would glue unrelated stories together. A
count-min sketch counts in how many documents each shingle occurs, in fixed memory
whatever the corpus size, and sketches of separate partitions add up (the same
counts on one machine or on a Dask cluster). It can only over-count, so a rare
shingle is never mistaken for a frequent one by more than the collision noise.
"""

from __future__ import annotations

import numpy as np

__all__ = ["ShingleFrequency"]

_ROW_BITS = 24
_MASK = np.uint64((1 << _ROW_BITS) - 1)


class ShingleFrequency:
    """Document frequency of shingle hashes: a 2-row count-min sketch of 2**24 counters a row."""

    def __init__(self) -> None:
        self.counts = np.zeros((2, 1 << _ROW_BITS), dtype=np.uint32)

    @staticmethod
    def _buckets(shingles: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return (shingles & _MASK).astype(np.intp), ((shingles >> np.uint64(_ROW_BITS)) & _MASK).astype(
            np.intp
        )

    def add(self, shingles: np.ndarray) -> None:
        """Count one document's distinct shingles (each once)."""
        if len(shingles) == 0:
            return
        first, second = self._buckets(shingles)
        # Fancy-index increments apply once per distinct bucket, so two shingles of one
        # document sharing a bucket still count one document, as a document frequency must.
        self.counts[0, first] += 1
        self.counts[1, second] += 1

    def merge(self, other: ShingleFrequency) -> None:
        """Add the counts of another partition's sketch."""
        self.counts += other.counts

    def frequency(self, shingles: np.ndarray) -> np.ndarray:
        """Upper-bound estimate of the number of documents holding each shingle."""
        first, second = self._buckets(shingles)
        estimate: np.ndarray = np.minimum(self.counts[0, first], self.counts[1, second])
        return estimate

    def keep_rare(self, shingles: np.ndarray, max_df: int, min_kept: int) -> np.ndarray:
        """The shingles seen in at most ``max_df`` documents.

        When fewer than ``min_kept`` would remain the document keeps all its shingles:
        then the document itself is the widely repeated text (a wire story reprinted
        everywhere), not a page with some boilerplate on it.
        """
        if len(shingles) == 0:
            return shingles
        rare = shingles[self.frequency(shingles) <= max_df]
        return rare if len(rare) >= min_kept else shingles
