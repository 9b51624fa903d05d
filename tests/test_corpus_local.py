"""The local engine on its own: every record of every partition gets exactly one outcome."""

from __future__ import annotations

from corpus_support import ExitWhenUnpickled, page
from thresher.corpus.local import LocalEngine
from thresher.corpus.records import InputRecord, Provenance


def _record(n: int, payload: bytes) -> InputRecord:
    return InputRecord(Provenance("src", str(n), n), payload, "html")


def test_outcomes_match_partitions_one_to_one() -> None:
    partitions = [[_record(p * 10 + i, page(p * 10 + i)) for i in range(7)] for p in range(5)]
    outcomes = [o for batch in LocalEngine(2, 5.0).run(iter(partitions)) for o in batch]
    assert sorted(o.provenance.offset for o in outcomes) == sorted(
        r.provenance.offset for part in partitions for r in part
    )


def test_a_partition_that_kills_workers_before_any_record_fails_once_and_the_rest_runs() -> None:
    poisoned = [_record(1, ExitWhenUnpickled(b"x")), _record(2, page(2))]
    healthy = [_record(3, page(3)), _record(4, page(4))]
    outcomes = [o for batch in LocalEngine(1, 5.0).run(iter([poisoned, healthy])) for o in batch]
    by_offset = {o.provenance.offset: o for o in outcomes}
    assert len(outcomes) == 4 and sorted(by_offset) == [1, 2, 3, 4]
    assert by_offset[1].status == by_offset[2].status == "failed"
    assert by_offset[1].error_kind == "worker crashed"
    assert by_offset[3].status != "failed" and by_offset[4].status != "failed"
