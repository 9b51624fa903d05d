"""Reading WARC archives: every HTML response with its offset, corrupt records counted, not fatal."""

from __future__ import annotations

import gzip as gzip_module
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.archiveiterator import ArchiveIterator as WarcioIterator

from corpus_support import corrupt, page, write_warc
from thresher.corpus.records import CORRUPT, Failure, InputRecord, content_hash
from thresher.corpus.warc import Ignored, iter_warc


def _pages(n: int) -> list[tuple[str, bytes]]:
    return [(f"https://example.test/story/{i}", page(i)) for i in range(n)]


@pytest.mark.parametrize("gzip", [True, False])
def test_every_html_response_with_provenance(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / ("a.warc.gz" if gzip else "a.warc")
    written = write_warc(path, _pages(6), gzip=gzip)
    items = list(iter_warc(str(path)))
    assert all(isinstance(item, InputRecord) for item in items)
    assert [(i.provenance.url, i.provenance.offset, i.provenance.record_id) for i in items] == [
        (w["url"], w["offset"], w["record_id"]) for w in written]
    assert [i.payload for i in items] == [body for _, body in _pages(6)]
    # The record's own payload digest is its content hash: the same as hashing the bytes.
    assert [i.content_hash for i in items] == [content_hash(body) for _, body in _pages(6)]
    assert all(i.expected_digest == (None if gzip else i.content_hash) for i in items)
    for item, w in zip(items, written, strict=True):
        assert item.provenance.captured_at is not None
        assert item.provenance.captured_at[:19] == str(w["date"])[:19]


def test_offsets_agree_with_warcio(tmp_path: Path) -> None:
    path = tmp_path / "a.warc.gz"
    write_warc(path, _pages(5))
    with open(path, "rb") as handle:
        iterator = WarcioIterator(handle)
        expected = [iterator.get_record_offset() for record in iterator
                    if record.rec_type == "response"]
    assert [i.provenance.offset for i in iter_warc(str(path))] == expected


def test_non_pages_are_ignored_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "a.warc.gz"
    extra = [("https://example.test/logo.png", b"\x89PNG\r\n\x1a\n....", "image/png", "200 OK"),
             ("https://example.test/moved", b"", "text/html", "301 Moved Permanently")]
    write_warc(path, _pages(2), extra=extra)
    items = list(iter_warc(str(path)))
    assert [type(i).__name__ for i in items] == ["InputRecord", "InputRecord", "Ignored", "Ignored"]
    assert [i.why for i in items if isinstance(i, Ignored)] == ["not HTML", "HTTP status 3xx"]


def test_corrupt_gzip_member_in_the_middle_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "a.warc.gz"
    written = write_warc(path, _pages(7))
    bad = written[3]
    corrupt(path, int(bad["offset"]), int(bad["end"]))  # type: ignore[call-overload]
    items = list(iter_warc(str(path)))
    failures = [i for i in items if isinstance(i, Failure)]
    records = [i for i in items if isinstance(i, InputRecord)]
    assert len(failures) == 1 and failures[0].kind == CORRUPT
    assert failures[0].provenance.offset == bad["offset"]
    assert [r.provenance.url for r in records] == [w["url"] for k, w in enumerate(written) if k != 3]


def test_truncated_archive_keeps_the_records_before(tmp_path: Path) -> None:
    path = tmp_path / "a.warc.gz"
    written = write_warc(path, _pages(4))
    data = path.read_bytes()
    path.write_bytes(data[: int(written[3]["offset"]) + 40])  # type: ignore[call-overload]
    items = list(iter_warc(str(path)))
    assert [i.provenance.url for i in items if isinstance(i, InputRecord)] == [
        w["url"] for w in written[:3]]
    assert [i.provenance.offset for i in items if isinstance(i, Failure)] == [written[3]["offset"]]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(count=st.integers(min_value=2, max_value=9), data=st.data())
def test_any_one_corrupt_member_loses_only_that_record(tmp_path: Path, count: int,
                                                       data: st.DataObject) -> None:
    bad = data.draw(st.integers(min_value=0, max_value=count - 1))
    path = tmp_path / f"p{count}_{bad}.warc.gz"
    written = write_warc(path, _pages(count))
    corrupt(path, int(written[bad]["offset"]), int(written[bad]["end"]))  # type: ignore[call-overload]
    items = list(iter_warc(str(path)))
    got = [i.provenance.url for i in items if isinstance(i, InputRecord)]
    assert got == [w["url"] for k, w in enumerate(written) if k != bad]
    assert sum(isinstance(i, Failure) for i in items) == 1


def test_compressed_and_chunked_bodies_are_decoded(tmp_path: Path) -> None:
    import gzip as gz
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    html = page(42)
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in (html[:100], html[100:])) + b"0\r\n\r\n"
    bodies = [([("Content-Encoding", "gzip")], gz.compress(html)),
              ([("Transfer-Encoding", "chunked")], chunked)]
    path = tmp_path / "enc.warc.gz"
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for extra_headers, body in bodies:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), *extra_headers],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                "https://example.test/enc", "response", payload=io.BytesIO(body), http_headers=headers))
    items = list(iter_warc(str(path)))
    assert [i.payload for i in items if isinstance(i, InputRecord)] == [html, html]


@pytest.mark.parametrize("content", [b"<html><body><p>not an archive</p></body></html>",
                                     gzip_module.compress(b"plain text, gzipped")])
def test_a_file_that_is_no_warc_is_one_failure(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "fake.warc.gz"
    path.write_bytes(content)
    items = list(iter_warc(str(path)))
    assert len(items) == 1 and isinstance(items[0], Failure)
    assert items[0].message == "not a WARC archive"


def test_an_empty_warc_has_no_records(tmp_path: Path) -> None:
    path = tmp_path / "empty.warc"
    path.write_bytes(b"")
    assert list(iter_warc(str(path))) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(count=st.integers(min_value=2, max_value=6), data=st.data())
def test_garbage_in_one_uncompressed_record_header_is_counted_once(
        tmp_path: Path, count: int, data: st.DataObject) -> None:
    """Damage anywhere in a response's header block: that record gives exactly one item (read,
    ignored or failed) and every other page is read. FastWARC alone would drop some silently."""
    path = tmp_path / "a.warc"
    written = write_warc(path, _pages(count), gzip=False)
    bad = data.draw(st.integers(min_value=0, max_value=count - 1))
    raw = bytearray(path.read_bytes())
    start = int(written[bad]["offset"])  # type: ignore[call-overload]
    header_length = raw.index(b"\r\n\r\n", start) - start
    at = start + data.draw(st.integers(min_value=0, max_value=header_length - 1))
    length = data.draw(st.integers(min_value=1, max_value=12))
    garbage = data.draw(st.sampled_from([b"#", b"\x00", b"?", b" "]))
    raw[at:at + length] = garbage * len(raw[at:at + length])
    path.write_bytes(bytes(raw))
    items = list(iter_warc(str(path)))
    assert len(items) == count
    others = [w["url"] for k, w in enumerate(written) if k != bad]
    assert [i.provenance.url for i in items if isinstance(i, InputRecord)
            and i.provenance.offset != start] == others
