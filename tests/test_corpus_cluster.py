"""A real Dask cluster over TCP: a ``dask scheduler`` and two ``dask worker`` processes on
127.0.0.1, one worker killed mid-run. Every record must still be stored exactly once.

The worker is killed while it holds a page that waits at a gate file (``gated_extractor``)
and after the run has stored records, so the kill lands mid-run without racing a sleep.
The workers run without a nanny, so the killed one stays dead and the run finishes on
the other.
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

from conftest import SRC
from corpus_support import page, wait_for, write_warc

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX signals"),
]

distributed = pytest.importorskip("distributed")

_DASK = Path(sys.executable).with_name("dask")
_RUN = """
import sys
from corpus_support import gated_extractor
from thresher.corpus import run
summary = run([sys.argv[1]], store=sys.argv[2], scheduler=sys.argv[3], engine="dask",
              extractor=gated_extractor, time_limit=None)  # the gate may hold a page for long
print(summary.records, dict(summary.failed))
"""


class _Processes:
    """Child processes, all stopped at the end whatever happens."""

    def __init__(self, env: dict[str, str], folder: Path) -> None:
        self.env = env
        self.folder = folder
        self.started: list[subprocess.Popen[bytes]] = []

    def start(self, name: str, *command: str) -> subprocess.Popen[bytes]:
        log = open(self.folder / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(
            command, env=self.env, stdout=log, stderr=subprocess.STDOUT, cwd=self.folder
        )
        log.close()
        self.started.append(process)
        return process

    def stop_all(self) -> None:
        for process in reversed(self.started):
            if process.poll() is None:
                process.terminate()
        for process in reversed(self.started):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture
def processes(tmp_path: Path) -> Iterator[_Processes]:
    env = dict(
        os.environ,
        THRESHER_TEST_GATE=str(tmp_path / "gate"),
        PYTHONPATH=os.pathsep.join([str(SRC), str(Path(__file__).parent)]),
    )
    started = _Processes(env, tmp_path)
    try:
        yield started
    finally:
        (tmp_path / "gate").touch()  # a worker waiting at the gate may go on and end
        started.stop_all()


def _count(store: Path) -> int:
    if not store.exists():
        return 0
    try:
        db = sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=5)
        try:
            return int(db.execute("SELECT count(*) FROM records").fetchone()[0])
        finally:
            db.close()
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0


@pytest.mark.skipif(not _DASK.exists(), reason="the dask command is not installed")
def test_a_worker_killed_mid_run_loses_and_doubles_nothing(tmp_path: Path, processes: _Processes) -> None:
    count = 240
    pages = [(f"https://example.test/{i}", page(i)) for i in range(count)]
    pages[200] = (
        "https://example.test/gate",
        b"<html><body><article><h1>Gate</h1><p>GATE "
        + b"waits until the test lets it through. " * 10
        + b"</p></article></body></html>",
    )
    warc = tmp_path / "c.warc.gz"
    write_warc(warc, pages)
    store = tmp_path / "s.db"
    scheduler_file = tmp_path / "scheduler.json"

    processes.start(
        "scheduler",
        str(_DASK),
        "scheduler",
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        "--no-dashboard",
        "--scheduler-file",
        str(scheduler_file),
    )
    wait_for(scheduler_file.exists, "the scheduler's address file")
    wait_for(lambda: bool(scheduler_file.read_text().strip()), "the scheduler's address")
    address = json.loads(scheduler_file.read_text())["address"]
    assert address.startswith("tcp://127.0.0.1:")
    workers = [
        processes.start(
            f"worker{i}",
            str(_DASK),
            "worker",
            "--scheduler-file",
            str(scheduler_file),
            "--nthreads",
            "1",
            "--no-nanny",
            "--no-dashboard",
            "--host",
            "127.0.0.1",
        )
        for i in range(2)
    ]
    with distributed.Client(address, timeout="60s") as client:
        client.wait_for_workers(2, timeout=180)

    runner = processes.start("run", sys.executable, "-c", _RUN, str(warc), str(store), address)
    reached = tmp_path / "gate.reached"
    wait_for(lambda: reached.exists() or runner.poll() is not None, "a worker to hold the gated page")
    wait_for(lambda: _count(store) > 0 or runner.poll() is not None, "the run to store records")
    assert runner.poll() is None, (tmp_path / "run.log").read_text()
    holder = int(reached.read_text())
    assert holder in [w.pid for w in workers]
    os.kill(holder, signal.SIGKILL)  # mid-run, inside a record: its tasks must be done again
    (tmp_path / "gate").touch()
    assert runner.wait(timeout=600) == 0, (tmp_path / "run.log").read_text()
    assert (tmp_path / "run.log").read_text().splitlines()[-1] == f"{count} {{}}"  # records, no failure

    db = sqlite3.connect(store)
    assert db.execute(
        'SELECT count(*), count(DISTINCT url), count(DISTINCT "offset") FROM records'
    ).fetchone() == (count, count, count)
    assert db.execute("SELECT count(*) FROM records WHERE status = 'failed'").fetchone()[0] == 0
    assert [w.poll() for w in workers].count(None) == 1  # the other worker finished the run
