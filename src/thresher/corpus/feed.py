"""What an engine sends out next: partitions to try again first, then fresh ones.

Both engines keep a bounded number of partitions in flight and pull more as results
come back. The producer (``runner``) may yield ``None`` to ask for back-pressure: send
nothing more until one result is in. This module is that pulling rule, written once
for the local and the Dask engine.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from thresher.corpus.records import InputRecord

__all__ = ["Partition", "PartitionFeed"]

Partition = list[InputRecord]


class PartitionFeed:
    """Hands out retried partitions before fresh ones and honours the producer's holds."""

    def __init__(self, partitions: Iterator[Partition | None]) -> None:
        self._partitions = partitions
        #: Partitions to send again (records of a lost worker or a stuck task).
        self.retry: deque[Partition] = deque()
        self.exhausted = False
        #: The producer asked to wait for a result before it is asked again.
        self.holding = False

    def pull(self, in_flight: int) -> tuple[Partition, bool] | None:
        """The next partition to send and whether it is a retried one, or ``None``
        when nothing is to be sent before a result comes back (or ever)."""
        while self.retry or not (self.exhausted or self.holding):
            if self.retry:
                return self.retry.popleft(), True
            try:
                part = next(self._partitions)
            except StopIteration:
                self.exhausted = True
                return None
            if part is None:
                self.holding = in_flight > 0
            elif part:
                return part, False
        return None

    def result_came_back(self) -> None:
        """A result arrived: the producer may be asked for more."""
        self.holding = False

    @property
    def done(self) -> bool:
        """Nothing is left to send, now or later."""
        return self.exhausted and not self.retry
