"""The pulling rule both engines share: retried partitions first, the producer's holds kept."""

from __future__ import annotations

from collections.abc import Iterator

from corpus_support import page
from thresher.corpus.feed import Partition, PartitionFeed
from thresher.corpus.records import InputRecord, Provenance


def _partition(*numbers: int) -> Partition:
    return [InputRecord(Provenance("src", str(n), n), page(n), "html") for n in numbers]


def _keys(part: Partition) -> list[int]:
    return [record.provenance.offset for record in part]


def test_retried_partitions_go_before_fresh_ones_and_empty_ones_are_skipped() -> None:
    feed = PartitionFeed(iter([_partition(1), [], _partition(2)]))
    first = feed.pull(0)
    assert first is not None and _keys(first[0]) == [1] and first[1] is False
    feed.retry.append(_partition(9))
    again = feed.pull(1)
    assert again is not None and _keys(again[0]) == [9] and again[1] is True
    fresh = feed.pull(1)
    assert fresh is not None and _keys(fresh[0]) == [2]
    assert feed.pull(1) is None and feed.done


def test_a_hold_stops_pulling_until_a_result_comes_back() -> None:
    pulled: list[str] = []

    def producer() -> Iterator[Partition | None]:
        for n in (1, 2):
            pulled.append(f"p{n}")
            yield _partition(n)
            yield None

    feed = PartitionFeed(producer())
    assert feed.pull(0) is not None
    assert feed.pull(1) is None and not feed.done  # held: one partition is out
    assert pulled == ["p1"]
    feed.result_came_back()
    second = feed.pull(0)
    assert second is not None and _keys(second[0]) == [2]


def test_a_hold_with_nothing_in_flight_is_ignored() -> None:
    feed = PartitionFeed(iter([None, _partition(3)]))
    pulled = feed.pull(0)
    assert pulled is not None and _keys(pulled[0]) == [3]
