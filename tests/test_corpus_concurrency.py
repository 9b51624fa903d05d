"""Two runs on one store, and runs stopped by a signal: real processes, synchronised by files.

A run is held mid-way by a page that waits for a gate file (``gated_extractor``), so
the test knows the run is busy without sleeping against it.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import SRC, run_cli
from corpus_support import page, wait_for, write_warc

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX signals and flock")

# No time limit: a page held at the gate must not be failed as a timeout however long the
# test takes. SIGINT gets Python's handler even when the tests were started in the
# background (a shell then starts them with SIGINT ignored, and children inherit it).
_SCRIPT = """
import signal
import sys
from corpus_support import gated_extractor
from thresher.corpus import run
signal.signal(signal.SIGINT, signal.default_int_handler)
try:
    run([sys.argv[1]], store=sys.argv[2], jobs=int(sys.argv[3]), extractor=gated_extractor,
        time_limit=None)
except KeyboardInterrupt:
    sys.exit(130)
"""


class _HeldRun:
    """A run in its own process, held at the page that says GATE until ``release()``."""

    def __init__(self, warc: Path, store: Path, gate: Path, jobs: int) -> None:
        self.gate = gate
        env = dict(
            os.environ,
            THRESHER_TEST_GATE=str(gate),
            PYTHONPATH=os.pathsep.join([str(SRC), str(Path(__file__).parent)]),
        )
        self.process = subprocess.Popen(
            [sys.executable, "-c", _SCRIPT, str(warc), str(store), str(jobs)],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )

    def wait_until_held(self) -> None:
        wait_for(
            lambda: Path(f"{self.gate}.reached").exists() or self.process.poll() is not None,
            "the run to reach the gated page",
        )
        assert self.process.poll() is None, self.process.stderr.read()  # type: ignore[union-attr]

    def release(self) -> None:
        self.gate.touch()

    def stop(self) -> None:
        self.release()  # a worker waiting at the gate finishes by itself
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()


@pytest.fixture
def held_runs() -> Iterator[list[_HeldRun]]:
    runs: list[_HeldRun] = []
    yield runs
    for held in runs:
        held.stop()


def _corpus(tmp_path: Path, count: int, gate_at: int) -> Path:
    pages = [(f"https://example.test/{i}", page(i)) for i in range(count)]
    pages[gate_at] = (
        "https://example.test/gate",
        b"<html><body><article><h1>Gate</h1><p>GATE "
        + b"held until the test lets it through. " * 10
        + b"</p></article></body></html>",
    )
    warc = tmp_path / "c.warc.gz"
    write_warc(warc, pages)
    return warc


def _db(store: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{store}?mode=ro", uri=True)


@pytest.mark.slow
def test_a_second_run_on_a_busy_store_refuses_and_no_record_is_extracted_twice(
    tmp_path: Path, held_runs: list[_HeldRun]
) -> None:
    warc = _corpus(tmp_path, 300, gate_at=150)
    store = tmp_path / "s.db"
    first = _HeldRun(warc, store, tmp_path / "gate", jobs=2)
    held_runs.append(first)
    first.wait_until_held()
    second = run_cli("run", str(warc), "--store", str(store), "--jobs", "2", timeout=240, text=True)
    assert second.returncode == 1
    assert second.stderr.splitlines() == [
        f"thresher: {store}: the store is in use by run 1 (pid {first.process.pid}); "
        "wait for it to end or use another --store"
    ]
    first.release()
    assert first.process.wait(timeout=240) == 0
    db = _db(store)
    assert db.execute("SELECT count(*), count(DISTINCT url) FROM records").fetchone() == (300, 300)
    assert db.execute("SELECT id, status FROM runs").fetchall() == [(1, "finished")]
    assert json.loads(db.execute("SELECT summary_json FROM runs").fetchone()[0])["records"] == 300
    # Once the store is free, the next run takes it (and finds everything done).
    third = run_cli("run", str(warc), "--store", str(store), "-q", timeout=240, text=True)
    assert third.returncode == 0, third.stderr
    assert _db(store).execute("SELECT status FROM runs WHERE id = 2").fetchone()[0] == "finished"


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_marks_the_run_interrupted_with_what_it_committed(
    tmp_path: Path, held_runs: list[_HeldRun], signum: int
) -> None:
    warc = _corpus(tmp_path, 80, gate_at=60)
    store = tmp_path / "s.db"
    held = _HeldRun(warc, store, tmp_path / "gate", jobs=1)
    held_runs.append(held)
    held.wait_until_held()
    held.process.send_signal(signum)  # the run's own process only, as `kill` would
    assert held.process.wait(timeout=240) == 130
    db = _db(store)
    status, finished_at, summary = db.execute("SELECT status, finished_at, summary_json FROM runs").fetchone()
    assert status == "interrupted" and finished_at is not None
    committed = db.execute("SELECT count(*) FROM records").fetchone()[0]
    assert committed < 80 and json.loads(summary)["records"] == committed
    stats = json.loads(run_cli("stats", "--store", str(store), "--json", text=True).stdout)
    assert [run["status"] for run in stats["runs"]] == ["interrupted"]
    # The next run finishes the rest: every record once.
    held.release()
    again = run_cli("run", str(warc), "--store", str(store), "-q", timeout=240, text=True)
    assert again.returncode == 0, again.stderr
    assert _db(store).execute("SELECT count(*), count(DISTINCT url) FROM records").fetchone() == (80, 80)
