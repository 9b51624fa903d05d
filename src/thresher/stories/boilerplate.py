"""The boilerplate-residue guard: text that recurs in many documents over a long time is ignored.

Menus, newsletter boxes and footers that an extractor let through repeat across
many unrelated pages; matching on them would glue unrelated stories together. But
a much-captured story (a live story updated thirty times, a wire story reprinted
everywhere) also recurs in many documents, so frequency alone cannot tell them
apart. Time can: a story's text is published within days, a site's chrome recurs
on pages published over months. A shingle counts as boilerplate when it is in more
than ``min_df`` documents and their dates span more than ``min_days``, or, whatever
the dates, when it is in more than ``max_df`` documents.

A count-min sketch counts in how many documents each shingle occurs, in fixed
memory whatever the corpus size, and sketches of separate partitions add up (the
same counts on one machine or on a Dask cluster). It can only over-count, so a rare
shingle is never mistaken for a frequent one by more than the collision noise. The
date span is then computed exactly, for the frequent shingles only.
"""

from __future__ import annotations

import numpy as np

__all__ = ["ShingleFrequency", "boilerplate_mask", "date_spans"]

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


class DateSpans:
    """Earliest and latest date (day numbers) of the documents holding each frequent shingle."""

    def __init__(self, shingles: np.ndarray, first: np.ndarray, last: np.ndarray) -> None:
        self.shingles, self.first, self.last = shingles, first, last

    def span(self, shingles: np.ndarray) -> np.ndarray:
        """Days between the first and last document of each shingle (0 when unknown)."""
        if len(self.shingles) == 0 or len(shingles) == 0:
            return np.zeros(len(shingles))
        where = np.clip(np.searchsorted(self.shingles, shingles), 0, len(self.shingles) - 1)
        found = self.shingles[where] == shingles
        return np.where(found, self.last[where] - self.first[where], 0.0)


def date_spans(per_document: list[np.ndarray], days: np.ndarray) -> DateSpans:
    """Date span of each shingle over the dated documents holding it.

    ``per_document[i]`` holds the shingles of a document dated ``days[i]`` (NaN: undated).
    """
    dated = [
        (shingles, day)
        for shingles, day in zip(per_document, days, strict=True)
        if len(shingles) and not np.isnan(day)
    ]
    if not dated:
        empty = np.empty(0)
        return DateSpans(np.empty(0, dtype=np.uint64), empty, empty)
    hashes = np.concatenate([shingles for shingles, _ in dated])
    stamps = np.concatenate([np.full(len(shingles), day) for shingles, day in dated])
    order = np.argsort(hashes, kind="stable")
    hashes, stamps = hashes[order], stamps[order]
    starts = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]])
    return DateSpans(hashes[starts], np.minimum.reduceat(stamps, starts), np.maximum.reduceat(stamps, starts))


def boilerplate_mask(
    frequency: np.ndarray, span: np.ndarray, *, min_df: int, min_days: float, max_df: int
) -> np.ndarray:
    """Which shingles are boilerplate, given their document frequency and date span."""
    mask: np.ndarray = ((frequency > min_df) & (span > min_days)) | (frequency > max_df)
    return mask
