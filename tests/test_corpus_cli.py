"""``thresher run``, ``export`` and ``stats`` from the command line, as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pyarrow.parquet as pq

from conftest import run_cli
from corpus_support import page, write_warc


def thresher(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, cwd=cwd, timeout=240, text=True)


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    write_warc(folder / "a.warc.gz", [(f"https://example.test/{i}", page(i)) for i in range(6)])
    (folder / "b.html").write_bytes(page(20))
    (folder / "c.txt").write_text("Title\n\nA text capture.\n")
    return folder


def test_run_prints_a_summary_and_exits_0(tmp_path: Path) -> None:
    _corpus(tmp_path)
    done = thresher("run", "in", "--jobs", "2", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "thresher.db").is_file()  # the default store
    assert "8 records" in done.stdout and "extracted" in done.stdout
    again = thresher("run", "in/*.warc.gz", "in/b.html", cwd=tmp_path)
    assert again.returncode == 0
    assert "skipped (already done)" in again.stdout
    stats = json.loads(thresher("stats", "--json", cwd=tmp_path).stdout)
    assert stats["records"] == 8 and len(stats["runs"]) == 2
    assert stats["runs"][1]["summary"]["skipped"] == 7


def test_failures_give_exit_1_and_one_line_each(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    (folder / "bad.html.gz").write_bytes(b"\x1f\x8b\x08garbage")
    done = thresher("run", "in", "nowhere/", "--store", "s.db", cwd=tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("thresher: ")]
    assert len(lines) == 2
    assert any("bad.html.gz" in line and "unreadable file" in line for line in lines)
    assert any("nowhere/: no such file or directory" in line for line in lines)


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert thresher("run", cwd=tmp_path).returncode == 2
    assert thresher("run", "x", "--jobs", "0", cwd=tmp_path).returncode == 2
    assert thresher("export", "--format", "xml", cwd=tmp_path).returncode == 2


def test_missing_store_is_one_line_exit_1(tmp_path: Path) -> None:
    for command in (("export",), ("stats",)):
        done = thresher(*command, "--store", "none.db", cwd=tmp_path)
        assert done.returncode == 1 and "Traceback" not in done.stderr
        assert "none.db" in done.stderr
    assert not (tmp_path / "none.db").exists()


def test_export_formats_agree(tmp_path: Path) -> None:
    _corpus(tmp_path)
    assert thresher("run", "in", "--jobs", "1", "-q", cwd=tmp_path).returncode == 0
    jsonl = [json.loads(line) for line in thresher("export", cwd=tmp_path).stdout.splitlines()]
    assert len(jsonl) == 8
    assert all(row["article"]["text"] == row["text"] for row in jsonl if row["article"])
    rows = list(csv.DictReader(io.StringIO(thresher("export", "--format", "csv", cwd=tmp_path).stdout)))
    assert [r["record_id"] for r in rows] == [r["record_id"] for r in jsonl]
    assert [r["text"] for r in rows] == [r["text"] for r in jsonl]
    done = thresher("export", "--format", "parquet", "-o", "out.parquet", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    table = pq.read_table(tmp_path / "out.parquet").to_pylist()
    assert [(r["url"], r["offset"], r["text"]) for r in table] == [
        (r["url"], r["offset"], r["text"]) for r in jsonl
    ]
    assert thresher("export", "--format", "parquet", cwd=tmp_path).returncode == 1
    markdown = thresher("export", "--format", "markdown", "--status", "extracted", cwd=tmp_path).stdout
    extracted = [r for r in jsonl if r["status"] == "extracted"]
    assert markdown.count("<!-- record ") == len(extracted)
    for row in extracted:
        assert row["text"].splitlines()[0] in markdown


def test_a_truncated_archive_is_one_line_a_failed_row_and_exit_1(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    written = write_warc(folder / "cut.warc.gz", [(f"https://example.test/{i}", page(i)) for i in range(4)])
    data = (folder / "cut.warc.gz").read_bytes()
    (folder / "cut.warc.gz").write_bytes(data[: (int(written[3]["offset"]) + int(written[3]["end"])) // 2])
    done = thresher("run", "in", "--store", "s.db", cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    problems = [line for line in done.stderr.splitlines() if line.startswith("thresher: ")]
    assert problems == [
        f"thresher: cut.warc.gz @{written[3]['offset']}: truncated WARC record: "
        "the archive ends inside this record"
    ]
    rows = sorted(
        (
            json.loads(line)
            for line in thresher("export", "--store", "s.db", cwd=tmp_path).stdout.splitlines()
        ),
        key=lambda row: row["offset"],
    )
    assert [(r["offset"], r["status"]) for r in rows] == [(w["offset"], "extracted") for w in written[:3]] + [
        (written[3]["offset"], "failed")
    ]
    assert rows[3]["error_kind"] == "truncated WARC record" and not rows[3]["text"]
