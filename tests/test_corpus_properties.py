"""Properties of the run orchestration (skip, deduplicate, write), whatever the input mix.

The engine here runs partitions in this process, so many random cases stay fast; the
process and Dask engines are exercised end to end in the other corpus tests.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_support import page, write_warc
from thresher.corpus.records import InputRecord, Outcome
from thresher.corpus.runner import RunSettings, execute
from thresher.corpus.store import Store
from thresher.corpus.worker import process_partition


class InProcessEngine:
    def run(self, partitions: Iterator[list[InputRecord] | None]) -> Iterator[list[Outcome]]:
        for part in partitions:
            if part:
                yield process_partition(part, None)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    contents=st.lists(st.integers(min_value=0, max_value=6), min_size=1, max_size=40),
    forget=st.sets(st.integers(min_value=1, max_value=40)),
)
def test_every_record_once_duplicates_point_to_originals(
    tmp_path: Path, contents: list[int], forget: set[int]
) -> None:
    case = Path(tempfile.mkdtemp(dir=tmp_path))
    warc = case / "c.warc.gz"
    write_warc(warc, [(f"https://example.test/{i}", page(c)) for i, c in enumerate(contents)])
    with Store(case / "s.db") as store:
        first = execute([str(warc)], store, InProcessEngine(), RunSettings(batch_size=7), {})
        assert first.records == len(contents)
        assert first.duplicates == len(contents) - len(set(contents))
        store.execute(f"DELETE FROM records WHERE id IN ({','.join(map(str, forget)) or '0'})")
        store.execute(
            "UPDATE records SET duplicate_of = NULL WHERE duplicate_of NOT IN (SELECT id FROM records)"
        )
        kept = store.execute("SELECT count(*) FROM records").fetchone()[0]
        second = execute([str(warc)], store, InProcessEngine(), RunSettings(batch_size=7), {})
    assert second.skipped == kept and second.processed == len(contents) - kept
    db = sqlite3.connect(case / "s.db")
    assert db.execute("SELECT count(*), count(DISTINCT url) FROM records").fetchone() == (
        len(contents),
        len(contents),
    )
    for content_hash, copy_of in db.execute(
        "SELECT content_hash, duplicate_of FROM records WHERE duplicate_of IS NOT NULL"
    ):
        original = db.execute(
            "SELECT content_hash, duplicate_of FROM records WHERE id = ?", (copy_of,)
        ).fetchone()
        assert original == (content_hash, None)
