"""Store faults through the CLI: one line naming the cause, exit 1, nothing lost or half-written.

A full disk is simulated with SQLite's own page limit on the store's connection
(``PRAGMA max_page_count``): SQLite then fails exactly as on a full disk
(``SQLITE_FULL``). A read-only folder is tested without root's right to write anywhere
when the tests run as root.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO, cli_env, run_cli
from corpus_support import page, write_warc
from thresher.corpus import Store, run
from thresher.corpus.runner import RunSettings, execute
from thresher.errors import StoreError

#: Runs the CLI with the store's connection limited to a few pages, as if the disk were full.
_FULL_DISK = """
import os
from thresher.corpus import store

opened = store.Store.__init__

def small_disk(self, *args, **kwargs):
    opened(self, *args, **kwargs)
    self.connection.execute("PRAGMA max_page_count = " + os.environ["THRESHER_TEST_MAX_PAGES"])

store.Store.__init__ = small_disk
from thresher.cli import main
main()
"""


def _lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


def _pages(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"{i:03d}.html").write_bytes(page(i, words=300))
    return folder


def test_a_file_that_is_not_sqlite_is_named_and_left_as_it_was(tmp_path: Path) -> None:
    _pages(tmp_path / "in", 2)
    store = tmp_path / "notes.db"
    content = b"these are my notes, not a database\n" * 200
    store.write_bytes(content)
    for command in (("run", "in"), ("stats",), ("export",)):
        done = run_cli(*command, "--store", str(store), cwd=tmp_path, text=True)
        assert done.returncode == 1, command
        assert _lines(done.stderr) == [
            f"thresher: {store}: cannot open the store: not a SQLite file "
            "(not a thresher store) (file is not a database)"
        ]
    assert store.read_bytes() == content
    assert not Path(f"{store}-wal").exists()


def _without_root_rights() -> list[str]:
    """A command prefix that runs a child without root's right to write anywhere (as root,
    chmod alone would not stop it): root keeps its uid but loses the DAC override."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: cannot make a folder read-only to the run")
    caps = "-dac_override,-dac_read_search"
    return ["setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX permissions")
@pytest.mark.parametrize("existing", [False, True])
def test_a_store_in_a_read_only_folder_names_the_folder(tmp_path: Path, existing: bool) -> None:
    pages = _pages(tmp_path / "in", 2)
    folder = tmp_path / "out"
    folder.mkdir()
    store = folder / "s.db"
    if existing:
        Store(store).close()
    folder.chmod(0o555)
    try:
        done = subprocess.run(
            [
                *_without_root_rights(),
                sys.executable,
                "-m",
                "thresher",
                "run",
                str(pages),
                "--store",
                str(store),
            ],
            capture_output=True,
            text=True,
            cwd=REPO,
            env=cli_env(),
            timeout=240,
        )
    finally:
        folder.chmod(0o755)
    assert done.returncode == 1
    lines = _lines(done.stderr)
    assert len(lines) == 1 and lines[0].startswith(f"thresher: {store}")
    assert f"folder {folder} is not writable" in lines[0], lines[0]
    assert sorted(p.name for p in folder.iterdir()) == (["s.db"] if existing else [])


def test_a_full_disk_is_named_and_a_rerun_finishes_every_record_once(tmp_path: Path) -> None:
    pages = _pages(tmp_path / "in", 60)
    store = tmp_path / "s.db"
    env = dict(cli_env(), THRESHER_TEST_MAX_PAGES="30")
    done = subprocess.run(
        [sys.executable, "-c", _FULL_DISK, "run", str(pages), "--store", str(store), "--jobs", "1"],
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
    )
    assert done.returncode == 1
    lines = _lines(done.stderr)
    assert lines == [
        f"thresher: {store}: disk full: no space left for the store; the records committed "
        "so far are kept, free some space and run again (database or disk is full)"
    ]
    db = sqlite3.connect(store)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    kept = db.execute("SELECT count(*) FROM records").fetchone()[0]
    assert kept < 60
    # No half-written row: every stored row is a whole outcome.
    assert (
        db.execute(
            "SELECT count(*) FROM records WHERE status = 'extracted' AND "
            "(article_json IS NULL OR text IS NULL)"
        ).fetchone()[0]
        == 0
    )
    again = run_cli("run", str(pages), "--store", str(store), "-q", text=True, timeout=240)
    assert again.returncode == 0, again.stderr
    assert db.execute("SELECT count(*), count(DISTINCT source) FROM records").fetchone() == (60, 60)
    statuses = [row[0] for row in db.execute("SELECT status FROM runs ORDER BY id")]
    assert statuses[-1] == "finished" and statuses[0] in ("failed", "interrupted")


class _InProcess:
    def run(self, partitions: Iterator[object]) -> Iterator[list[object]]:
        from thresher.corpus.worker import process_partition

        for part in partitions:
            if part:
                yield process_partition(part, None)  # type: ignore[arg-type]


def test_a_full_disk_mid_run_keeps_every_committed_batch(tmp_path: Path) -> None:
    """What was committed before the disk filled stays, every row whole; a rerun does the rest."""
    warc = tmp_path / "c.warc.gz"
    write_warc(warc, [(f"https://example.test/{i}", page(i, words=300)) for i in range(120)])
    path = tmp_path / "s.db"
    with Store(path) as store:
        store.connection.execute("PRAGMA max_page_count = 60")
        with pytest.raises(StoreError, match="disk full"):
            execute([str(warc)], store, _InProcess(), RunSettings(batch_size=10), {})  # type: ignore[arg-type]
    db = sqlite3.connect(path)
    kept = db.execute("SELECT count(*) FROM records").fetchone()[0]
    assert 0 < kept < 120
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT count(*) FROM records WHERE article_json IS NULL").fetchone()[0] == 0
    summary = run([str(warc)], store=path, jobs=1)
    assert summary.skipped == kept and summary.processed == 120 - kept
    assert db.execute("SELECT count(*), count(DISTINCT url) FROM records").fetchone() == (120, 120)


@pytest.mark.slow
def test_a_store_locked_by_another_process_is_named(tmp_path: Path) -> None:
    _pages(tmp_path / "in", 1)
    store = tmp_path / "s.db"
    Store(store).close()
    holder = sqlite3.connect(store, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program writing, not a thresher run
    try:
        done = run_cli("run", "in", "--store", str(store), cwd=tmp_path, text=True, timeout=240)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert done.returncode == 1
    lines = _lines(done.stderr)
    assert len(lines) == 1 and "the store is locked by another process" in lines[0]


def test_errors_are_one_line_each_when_stderr_is_no_terminal(tmp_path: Path) -> None:
    """rich wraps at 80 columns when stderr is no terminal; messages must stay whole for grep."""
    long_name = "a-source-folder-with-a-rather-long-name-" * 4
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "broken.html.gz").write_bytes(b"\x1f\x8b\x08 not really gzip")
    done = run_cli("run", "in", f"{long_name}/", "--store", "s.db", cwd=tmp_path, text=True, timeout=240)
    assert done.returncode == 1
    lines = _lines(done.stderr)
    assert all(line.startswith("thresher: ") for line in lines), lines
    assert f"thresher: {long_name}/: no such file or directory" in lines
    assert len(lines) == 2
