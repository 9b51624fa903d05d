"""The Dask engine on a 2-worker LocalCluster: the same rows as the local engine, exactly once."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import run_cli
from corpus_support import looping_extractor, page, stalling_extractor, write_warc
from thresher.corpus import run

pytestmark = pytest.mark.slow

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1"
    ) as cluster:
        yield cluster.scheduler_address


def _rows(store: Path) -> list[tuple[object, ...]]:
    db = sqlite3.connect(store)
    return sorted(
        db.execute(
            'SELECT source, record_id, "offset", url, captured_at, content_hash, '
            "status, reason, title, text, duplicate_of IS NOT NULL FROM records"
        )
    )


def _corpus(tmp_path: Path) -> list[str]:
    pages = [(f"https://example.test/{i}", page(i)) for i in range(60)]
    pages[10] = ("https://example.test/copy", page(3))  # identical content to record 3
    write_warc(tmp_path / "a.warc.gz", pages)
    (tmp_path / "pages").mkdir()
    for i in range(5):
        (tmp_path / "pages" / f"{i}.html").write_bytes(page(100 + i))
    return [str(tmp_path / "a.warc.gz"), str(tmp_path / "pages")]


def test_dask_matches_local_and_resumes(tmp_path: Path, scheduler: str) -> None:
    sources = _corpus(tmp_path)
    local = run(sources, store=tmp_path / "local.db", jobs=2)
    dask = run(sources, store=tmp_path / "dask.db", engine="dask", scheduler=scheduler)
    assert dask.as_dict() | {"seconds": 0} == local.as_dict() | {"seconds": 0}
    assert dask.duplicates == 1 and dask.records == 65
    assert _rows(tmp_path / "dask.db") == _rows(tmp_path / "local.db")
    again = run(sources, store=tmp_path / "dask.db", engine="dask", scheduler=scheduler)
    assert again.skipped == 65 and again.processed == 0
    assert len(_rows(tmp_path / "dask.db")) == 65


def test_dask_time_limit_works_in_worker_threads(tmp_path: Path, scheduler: str) -> None:
    pages = [(f"https://example.test/{i}", page(i)) for i in range(12)]
    pages[5] = ("https://example.test/bad", b"<html><body><p>LOOP</p></body></html>")
    write_warc(tmp_path / "m.warc.gz", pages)
    summary = run(
        [str(tmp_path / "m.warc.gz")],
        store=tmp_path / "t.db",
        engine="dask",
        scheduler=scheduler,
        time_limit=0.5,
        extractor=looping_extractor,
    )
    assert summary.failed == {"timeout": 1} and summary.records == 12


def test_cli_dask_with_its_own_local_cluster(tmp_path: Path) -> None:
    sources = _corpus(tmp_path)
    done = run_cli(
        "run",
        *sources,
        "--engine",
        "dask",
        "--jobs",
        "2",
        "--store",
        str(tmp_path / "d.db"),
        "-q",
        timeout=240,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert len(_rows(tmp_path / "d.db")) == 65


def test_cli_unreachable_scheduler_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(page(1))
    done = run_cli(
        "run",
        str(tmp_path / "a.html"),
        "--scheduler",
        "tcp://127.0.0.1:9",
        "--store",
        str(tmp_path / "d.db"),
        timeout=240,
        text=True,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "cannot reach the Dask scheduler" in done.stderr


def test_dask_task_stalled_in_c_code_restarts_its_worker_and_fails_one_record(
    tmp_path: Path, scheduler: str
) -> None:
    pages = [(f"https://example.test/{i}", page(i)) for i in range(4)]
    pages[2] = ("https://example.test/bad", b"<html><body><p>STALL</p></body></html>")
    write_warc(tmp_path / "s.warc.gz", pages)
    summary = run(
        [str(tmp_path / "s.warc.gz")],
        store=tmp_path / "t.db",
        engine="dask",
        scheduler=scheduler,
        time_limit=0.5,
        extractor=stalling_extractor,
    )
    assert summary.failed == {"timeout": 1} and summary.records == 4
    rows = _rows(tmp_path / "t.db")
    assert len(rows) == 4
    assert [r[3] for r in rows if r[6] == "failed"] == ["https://example.test/bad"]


def test_records_queued_behind_a_stalled_one_on_a_single_worker_are_not_failed(tmp_path: Path) -> None:
    # One worker thread: after the stall, the records sent again one per task wait behind
    # the stuck one. Their budget has not begun, so only the stuck record fails.
    pages = [(f"https://example.test/{i}", page(i)) for i in range(5)]
    pages[1] = ("https://example.test/bad", b"<html><body><p>STALL</p></body></html>")
    write_warc(tmp_path / "s.warc.gz", pages)
    summary = run(
        [str(tmp_path / "s.warc.gz")],
        store=tmp_path / "t.db",
        engine="dask",
        jobs=1,
        time_limit=0.5,
        extractor=stalling_extractor,
    )
    assert summary.failed == {"timeout": 1} and summary.records == 5
    failed = [r[3] for r in _rows(tmp_path / "t.db") if r[6] == "failed"]
    assert failed == ["https://example.test/bad"]
