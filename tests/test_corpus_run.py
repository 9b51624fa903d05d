"""End-to-end corpus runs through the Python API: provenance, resumption, duplicates, failures."""

from __future__ import annotations

import gzip
import json
import sqlite3
from pathlib import Path

import pytest

from corpus_support import crashing_extractor, looping_extractor, page, stalling_extractor, write_warc
from thresher import __version__
from thresher.corpus import Store, run
from thresher.corpus.records import content_hash


def _rows(store: Path) -> list[sqlite3.Row]:
    db = sqlite3.connect(store)
    db.row_factory = sqlite3.Row
    return db.execute("SELECT * FROM records ORDER BY id").fetchall()


def _corpus(root: Path) -> dict[str, object]:
    """A folder of pages, a text capture, a gzip page, a JSON Lines file and a WARC."""
    pages = root / "pages"
    (pages / "nested").mkdir(parents=True)
    (pages / "a.html").write_bytes(page(1))
    (pages / "nested" / "b.htm").write_bytes(page(2))
    (pages / "nested" / "c.html.gz").write_bytes(gzip.compress(page(3)))
    (pages / "d.txt").write_text("Story four\n\nA rendered text capture of story four.\n", "utf-8")
    (pages / "ignored.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    lines = [
        json.dumps({"url": "https://example.test/j1", "html": page(5).decode()}),
        "",
        json.dumps(
            {
                "url": "https://example.test/j2",
                "text": "Story six\n\nText of story six.",
                "captured_at": "2021-03-04T05:06:07+00:00",
            }
        ),
    ]
    (root / "lines.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    warc = root / "crawl.warc.gz"
    written = write_warc(warc, [(f"https://example.test/w{i}", page(10 + i)) for i in range(5)])
    return {"pages": pages, "jsonl": root / "lines.jsonl", "warc": warc, "written": written}


def test_run_stores_every_record_once_with_provenance(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    store = tmp_path / "t.db"
    seen: list[int] = []
    summary = run(
        [str(corpus["pages"]), str(corpus["jsonl"]), str(corpus["warc"])],
        store=store,
        jobs=2,
        on_progress=lambda progress: seen.append(progress.records),
    )
    assert summary.records == 4 + 2 + 5
    assert seen and seen[-1] == summary.records and seen == sorted(seen)
    assert summary.processed == 11 and not summary.failed and summary.ok
    rows = _rows(store)
    assert len(rows) == 11
    assert {r["thresher_version"] for r in rows} == {__version__}
    warc_rows = [r for r in rows if r["source"] == str(Path(corpus["warc"]).resolve())]
    written = corpus["written"]
    assert [(r["record_id"], r["offset"], r["url"]) for r in warc_rows] == [
        (w["record_id"], w["offset"], w["url"]) for w in written
    ]  # type: ignore[attr-defined]
    assert all(
        r["captured_at"][:19] == w["date"][:19]  # type: ignore[index]
        for r, w in zip(warc_rows, written, strict=True)
    )  # type: ignore[call-overload]
    assert warc_rows[0]["content_hash"] == content_hash(page(10))
    jsonl_rows = [r for r in rows if r["source"].endswith("lines.jsonl")]
    assert [(r["record_id"], r["url"]) for r in jsonl_rows] == [
        ("1", "https://example.test/j1"),
        ("3", "https://example.test/j2"),
    ]
    assert jsonl_rows[1]["captured_at"] == "2021-03-04T05:06:07+00:00"
    data = Path(corpus["jsonl"]).read_bytes()  # type: ignore[arg-type]
    for row in jsonl_rows:  # the offset is where the line starts in the file
        assert json.loads(data[row["offset"] :].split(b"\n", 1)[0])["url"] == row["url"]
    file_rows = [r for r in rows if r["source"].endswith(("a.html", "b.htm", "c.html.gz", "d.txt"))]
    assert len(file_rows) == 4
    assert all(r["record_id"] == r["source"] and r["offset"] == 0 and r["captured_at"] for r in file_rows)
    for row in rows:
        assert row["status"] in ("extracted", "empty")
        assert json.loads(row["article_json"])["text"] == row["text"]


def test_second_run_skips_everything_and_force_redoes_in_place(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    store = tmp_path / "t.db"
    sources = [str(corpus["pages"]), str(corpus["jsonl"]), str(corpus["warc"])]
    first = run(sources, store=store, jobs=2)
    ids = [(r["id"], r["source"], r["record_id"], r["offset"]) for r in _rows(store)]
    second = run(sources, store=store, jobs=2)
    assert second.skipped == first.records and second.processed == 0
    forced = run(sources, store=store, jobs=1, force=True)
    assert forced.skipped == 0 and forced.processed == first.records
    assert [(r["id"], r["source"], r["record_id"], r["offset"]) for r in _rows(store)] == ids
    assert {r["run_id"] for r in _rows(store)} == {3}


def test_a_partial_store_is_finished_without_doubles(tmp_path: Path) -> None:
    pages = [(f"https://example.test/{i}", page(i)) for i in range(40)]
    warc = tmp_path / "c.warc.gz"
    write_warc(warc, pages)
    store = tmp_path / "t.db"
    run([str(warc)], store=store, jobs=2)
    db = sqlite3.connect(store)
    db.execute("DELETE FROM records WHERE id % 3 = 0")  # as if those never got committed
    db.commit()
    kept = db.execute("SELECT count(*) FROM records").fetchone()[0]
    summary = run([str(warc)], store=store, jobs=2)
    assert summary.skipped == kept and summary.processed == 40 - kept
    rows = _rows(store)
    assert sorted(r["url"] for r in rows) == sorted(url for url, _ in pages)


def test_identical_content_is_stored_as_a_copy_not_reextracted(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for name in ("one.html", "two.html", "three.html"):
        (folder / name).write_bytes(page(7))
    (folder / "other.html").write_bytes(page(8))
    store = tmp_path / "t.db"
    summary = run([str(folder)], store=store, jobs=2)
    assert summary.duplicates == 2 and summary.extracted + sum(summary.empty.values()) == 2
    rows = _rows(store)
    originals = [r for r in rows if r["duplicate_of"] is None]
    copies = [r for r in rows if r["duplicate_of"] is not None]
    assert len(originals) == 2 and len(copies) == 2
    original = next(r for r in originals if r["content_hash"] == content_hash(page(7)))
    for copy in copies:
        assert copy["duplicate_of"] == original["id"]
        assert (copy["status"], copy["text"], copy["title"]) == (
            original["status"],
            original["text"],
            original["title"],
        )
    # A WARC record carrying the same bytes is recognised through its payload digest.
    write_warc(tmp_path / "w.warc", [("https://example.test/w", page(7))], gzip=False)
    assert run([str(tmp_path / "w.warc")], store=store, jobs=1).duplicates == 1
    # A later run over a new folder with the same bytes copies from the store.
    later = tmp_path / "later"
    later.mkdir()
    (later / "again.html").write_bytes(page(8))
    assert run([str(later)], store=store, jobs=1).duplicates == 1


def test_bad_inputs_are_counted_and_the_rest_stored(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "good.html").write_bytes(page(1))
    (folder / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "broken.html.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    (folder / "lines.jsonl").write_text('{"url": "u", "html": "<p>x</p>"}\nnot json\n{"url": 1}\n')
    problems: list[str] = []
    summary = run(
        [str(folder), str(tmp_path / "missing.warc")],
        store=tmp_path / "t.db",
        jobs=2,
        on_problem=problems.append,
    )
    assert summary.failed == {"UnsupportedInputError": 1, "unreadable file": 1, "invalid JSON line": 2}
    assert summary.source_problems == 1 and not summary.ok
    assert any("missing.warc: no such file or directory" in line for line in problems)
    assert len(problems) == 5
    statuses = {
        r["source"].rsplit("/", 1)[-1] + "#" + r["record_id"].rsplit("/", 1)[-1]: r["status"]
        for r in _rows(tmp_path / "t.db")
    }
    assert statuses["good.html#good.html"] != "failed"
    assert statuses["image.html#image.html"] == "failed"
    assert statuses["lines.jsonl#1"] != "failed"


@pytest.mark.parametrize("gzip", [True, False])
def test_corrupt_warc_record_counted_and_others_stored(tmp_path: Path, gzip: bool) -> None:
    from corpus_support import corrupt

    warc = tmp_path / ("c.warc.gz" if gzip else "c.warc")
    written = write_warc(warc, [(f"https://example.test/{i}", page(i)) for i in range(9)], gzip=gzip)
    corrupt(warc, int(written[4]["offset"]), int(written[4]["end"]))  # type: ignore[call-overload]
    summary = run([str(warc)], store=tmp_path / "t.db", jobs=2)
    # Zeros inside a gzip member break its decompression; in an uncompressed archive the
    # record no longer matches its WARC-Block-Digest.
    assert summary.failed == {"corrupt WARC record" if gzip else "WARC digest mismatch": 1}
    rows = _rows(tmp_path / "t.db")
    stored = sorted(r["url"] for r in rows if r["status"] != "failed")
    assert stored == sorted(f"https://example.test/{i}" for i in range(9) if i != 4)
    assert [r["offset"] for r in rows if r["status"] == "failed"] == [written[4]["offset"]]


def _with_marker(tmp_path: Path, marker: bytes, count: int = 30) -> Path:
    pages = [(f"https://example.test/{i}", page(i)) for i in range(count)]
    pages[count // 2] = ("https://example.test/bad", b"<html><body><p>" + marker + b"</p></body></html>")
    warc = tmp_path / "m.warc.gz"
    write_warc(warc, pages)
    return warc


def test_a_page_looping_in_python_is_stopped_by_the_time_limit(tmp_path: Path) -> None:
    warc = _with_marker(tmp_path, b"LOOP")
    summary = run([str(warc)], store=tmp_path / "t.db", jobs=2, time_limit=0.5, extractor=looping_extractor)
    assert summary.failed == {"timeout": 1} and summary.records == 30
    failed = [r for r in _rows(tmp_path / "t.db") if r["status"] == "failed"]
    assert [r["url"] for r in failed] == ["https://example.test/bad"]
    assert failed[0]["reason"].startswith("timeout: ")


def test_retry_failed_redoes_only_the_failures(tmp_path: Path) -> None:
    warc = _with_marker(tmp_path, b"LOOP")
    store = tmp_path / "t.db"
    run([str(warc)], store=store, jobs=2, time_limit=0.5, extractor=looping_extractor)
    failed_id = next(r["id"] for r in _rows(store) if r["status"] == "failed")
    plain = run([str(warc)], store=store, jobs=2)
    assert plain.skipped == 30 and plain.processed == 0
    retried = run([str(warc)], store=store, jobs=2, retry_failed=True)
    assert retried.skipped == 29 and retried.processed == 1 and not retried.failed
    row = next(r for r in _rows(store) if r["id"] == failed_id)
    assert row["status"] != "failed" and row["url"] == "https://example.test/bad"


@pytest.mark.slow
def test_a_page_stalled_in_c_code_gets_its_worker_replaced(tmp_path: Path) -> None:
    warc = _with_marker(tmp_path, b"STALL")
    summary = run([str(warc)], store=tmp_path / "t.db", jobs=2, time_limit=0.5, extractor=stalling_extractor)
    assert summary.failed == {"timeout": 1} and summary.records == 30
    rows = _rows(tmp_path / "t.db")
    assert len(rows) == 30 and len({r["url"] for r in rows}) == 30
    assert [r["url"] for r in rows if r["status"] == "failed"] == ["https://example.test/bad"]


def test_a_page_crashing_its_worker_is_failed_and_the_run_goes_on(tmp_path: Path) -> None:
    warc = _with_marker(tmp_path, b"CRASH")
    summary = run([str(warc)], store=tmp_path / "t.db", jobs=2, extractor=crashing_extractor)
    assert summary.failed == {"worker crashed": 1} and summary.records == 30
    rows = _rows(tmp_path / "t.db")
    assert len(rows) == 30 and len({r["url"] for r in rows}) == 30


def test_a_huge_page_over_the_time_limit_fails_with_timeout(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "small.html").write_bytes(page(1))
    paragraph = b"<div><p>" + b"words and more words " * 40 + b"</p></div>\n"
    (folder / "huge.html").write_bytes(b"<html><body>" + paragraph * 40_000 + b"</body></html>")
    summary = run([str(folder)], store=tmp_path / "t.db", jobs=1, time_limit=0.05)
    assert summary.records == 2
    rows = {Path(r["source"]).name: r for r in _rows(tmp_path / "t.db")}
    assert rows["huge.html"]["status"] == "failed" and rows["huge.html"]["error_kind"] == "timeout"
    assert rows["small.html"]["article_json"] is not None


def test_store_read_api(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    store_path = tmp_path / "t.db"
    run([str(corpus["warc"])], store=store_path, jobs=1)
    with Store(store_path) as store:
        articles = list(store.iter_articles())
        extracted = [r for r in _rows(store_path) if r["status"] == "extracted"]
        assert [a[0] for a in articles] == [r["id"] for r in extracted]
        for row_id, url, captured_at, article in articles:
            row = next(r for r in extracted if r["id"] == row_id)
            assert (url, captured_at, article.text) == (row["url"], row["captured_at"], row["text"])
            assert store.get_article(row_id) == article
        assert store.get_article(10_000) is None
