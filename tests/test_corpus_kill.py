"""A run killed with SIGKILL mid-way, then run again: every record in the store exactly once."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SRC, run_cli
from corpus_support import page, write_warc
from thresher.corpus import run

RECORDS = 2000


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


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_sigkill_mid_run_then_rerun_stores_every_record_once(tmp_path: Path) -> None:
    warc = tmp_path / "big.warc.gz"
    write_warc(warc, [(f"https://example.test/{i}", page(i, words=20)) for i in range(RECORDS)])
    store = tmp_path / "t.db"
    script = (
        "import sys; from corpus_support import slow_extractor; from thresher.corpus import run; "
        "run([sys.argv[1]], store=sys.argv[2], jobs=2, extractor=slow_extractor)"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(SRC), str(Path(__file__).parent)]))
    proc = subprocess.Popen([sys.executable, "-c", script, str(warc), str(store)], env=env)
    try:
        deadline = time.monotonic() + 120
        while _count(store) < 300 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        workers = _children(proc.pid)
        assert len(workers) >= 2  # the two worker processes (and maybe a resource tracker)
        assert proc.poll() is None, "the run ended before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)  # the parent alone, as a crash or OOM kill would
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    # Orphaned workers notice their parent is gone and exit by themselves.
    deadline = time.monotonic() + 15
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    stragglers = [pid for pid in workers if _alive(pid)]
    for pid in stragglers:
        os.kill(pid, signal.SIGKILL)
    assert not stragglers
    committed = _count(store)
    assert 0 < committed < RECORDS
    # The killed run could not mark itself: `stats` sees its process gone ...
    stats = json.loads(run_cli("stats", "--store", str(store), "--json", text=True).stdout)
    assert [r["status"] for r in stats["runs"]] == ["interrupted"]
    summary = run([str(warc)], store=store, jobs=2)
    assert summary.skipped == committed
    assert summary.processed == RECORDS - committed
    db = sqlite3.connect(store)
    assert db.execute("SELECT count(*) FROM records").fetchone()[0] == RECORDS
    assert db.execute("SELECT count(DISTINCT url) FROM records").fetchone()[0] == RECORDS
    assert db.execute('SELECT count(DISTINCT "offset") FROM records').fetchone()[0] == RECORDS
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # ... and the next run marked it interrupted, with the rows it had committed.
    runs = db.execute("SELECT status, summary_json FROM runs ORDER BY id").fetchall()
    assert [status for status, _ in runs] == ["interrupted", "finished"]
    assert json.loads(runs[0][1])["records"] == committed
