"""Reading WARC archives: every HTML response with its offset, corrupt records counted, not fatal."""

from __future__ import annotations

import gzip as gzip_module
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.archiveiterator import ArchiveIterator as WarcioIterator

from corpus_support import corrupt, page, rewrite_member, write_warc
from thresher.corpus.records import CORRUPT, DIGEST_MISMATCH, TRUNCATED, Failure, InputRecord, content_hash
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
        (w["url"], w["offset"], w["record_id"]) for w in written
    ]
    assert [i.payload for i in items] == [body for _, body in _pages(6)]
    # The record's own payload digest is its content hash: the same as hashing the bytes.
    assert [i.content_hash for i in items] == [content_hash(body) for _, body in _pages(6)]
    assert all(i.expected_digest == i.content_hash for i in items)  # the worker checks it
    for item, w in zip(items, written, strict=True):
        assert item.provenance.captured_at is not None
        assert item.provenance.captured_at[:19] == str(w["date"])[:19]


def test_offsets_agree_with_warcio(tmp_path: Path) -> None:
    path = tmp_path / "a.warc.gz"
    write_warc(path, _pages(5))
    with open(path, "rb") as handle:
        iterator = WarcioIterator(handle)
        expected = [iterator.get_record_offset() for record in iterator if record.rec_type == "response"]
    assert [i.provenance.offset for i in iter_warc(str(path))] == expected


def test_non_pages_are_ignored_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "a.warc.gz"
    extra = [
        ("https://example.test/logo.png", b"\x89PNG\r\n\x1a\n....", "image/png", "200 OK"),
        ("https://example.test/moved", b"", "text/html", "301 Moved Permanently"),
    ]
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


def _kinds(items: list[object]) -> list[tuple[str, int, str]]:
    return [
        (type(i).__name__, i.provenance.offset, getattr(i, "kind", ""))  # type: ignore[attr-defined]
        for i in items
    ]


@pytest.mark.parametrize("gzip", [True, False])
@pytest.mark.parametrize("cut", ["header", "early", "middle", "last bytes"])
def test_an_archive_cut_inside_its_last_record_reports_that_record_truncated(
    tmp_path: Path, gzip: bool, cut: str
) -> None:
    """As an interrupted crawl leaves it: the records before are read, the cut one is one
    failure at its offset, never a page (FastWARC alone returns its first bytes as a page)."""
    path = tmp_path / ("a.warc.gz" if gzip else "a.warc")
    written = write_warc(path, _pages(4), gzip=gzip)
    start, end = int(written[3]["offset"]), int(written[3]["end"])  # type: ignore[call-overload]
    # "last bytes" leaves the whole page but not the record's end (its gzip checksum, or its
    # last body bytes): still a record cut short.
    at = {
        "header": start + 40,
        "early": start + (end - start) // 4,
        "middle": (start + end) // 2,
        "last bytes": end - 8,
    }[cut]
    path.write_bytes(path.read_bytes()[:at])
    items = list(iter_warc(str(path)))
    assert (
        _kinds(items)
        == [
            ("InputRecord", int(w["offset"]), "")  # type: ignore[call-overload]
            for w in written[:3]
        ]
        + [("Failure", start, TRUNCATED)]
    )
    if cut == "last bytes":  # the record's own id is kept, so a later run can retry it
        assert items[3].provenance.record_id == written[3]["record_id"]


def test_an_archive_missing_only_its_final_line_breaks_is_whole(tmp_path: Path) -> None:
    path = tmp_path / "a.warc"
    write_warc(path, _pages(3), gzip=False)
    path.write_bytes(path.read_bytes()[:-3])
    assert [type(i).__name__ for i in iter_warc(str(path))] == ["InputRecord"] * 3


def test_a_member_cut_short_in_the_middle_of_the_file_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    """A crawler that restarted and appended to a cut file: the cut member is one failure."""
    path = tmp_path / "a.warc.gz"
    written = write_warc(path, _pages(5))
    start, end = int(written[2]["offset"]), int(written[2]["end"])  # type: ignore[call-overload]
    data = path.read_bytes()
    path.write_bytes(data[: (start + end) // 2] + data[end:])
    items = list(iter_warc(str(path)))
    assert [i.provenance.url for i in items if isinstance(i, InputRecord)] == [
        w["url"] for k, w in enumerate(written) if k != 2
    ]
    assert [(i.provenance.offset, i.kind) for i in items if isinstance(i, Failure)] == [(start, CORRUPT)]


@pytest.mark.parametrize("gzip", [True, False])
def test_a_record_that_differs_from_its_block_digest_fails(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / ("a.warc.gz" if gzip else "a.warc")
    written = write_warc(path, _pages(3), gzip=gzip)
    start, end = int(written[1]["offset"]), int(written[1]["end"])  # type: ignore[call-overload]
    if gzip:  # a member recompressed around a changed byte: its gzip checksum is right
        rewrite_member(path, start, end, lambda record: record.replace(b"200 OK", b"200 OX"))
    else:
        data = path.read_bytes()
        path.write_bytes(data[:start] + data[start:end].replace(b"200 OK", b"200 OX") + data[end:])
    items = list(iter_warc(str(path)))
    assert _kinds(items)[1] == ("Failure", start, DIGEST_MISMATCH)
    assert [type(i).__name__ for i in items] == ["InputRecord", "Failure", "InputRecord"]


def test_a_gzip_record_without_a_block_digest_has_its_payload_digest_checked(tmp_path: Path) -> None:
    from thresher.corpus.worker import extract_record

    path = tmp_path / "a.warc.gz"
    written = write_warc(path, _pages(2))

    def damage(record: bytes) -> bytes:
        head, _, rest = record.partition(b"WARC-Block-Digest: ")
        return head + rest.split(b"\r\n", 1)[1].replace(b"Paragraph two", b"Paragraph 2!!")

    rewrite_member(path, int(written[1]["offset"]), int(written[1]["end"]), damage)  # type: ignore[call-overload]
    items = list(iter_warc(str(path)))
    assert all(isinstance(i, InputRecord) and i.expected_digest for i in items)
    outcomes = [extract_record(i, None) for i in items]  # type: ignore[arg-type]
    assert [(o.status, o.error_kind) for o in outcomes][1] == ("failed", DIGEST_MISMATCH)
    assert outcomes[0].status == "extracted"


@pytest.mark.parametrize("damaged", [b"51 ", b" 14", b"5 4"])
def test_a_content_length_damaged_into_another_number_counts_its_record_once(
    tmp_path: Path, damaged: bytes
) -> None:
    """FastWARC reads such a record with the wrong length and then stops at the bytes after
    it; that record is the damaged one, reported once, and the next record is read."""
    path = tmp_path / "a.warc"
    written = write_warc(path, _pages(2), gzip=False)
    start = int(written[0]["offset"])  # type: ignore[call-overload]
    data = bytearray(path.read_bytes())
    at = data.index(b"Content-Length: ", data.index(b"WARC-Type: response", 0)) + len(b"Content-Length: ")
    length = data[at : data.index(b"\r\n", at)]
    assert len(length) == 3  # the page is a few hundred bytes
    data[at : at + 3] = damaged
    path.write_bytes(bytes(data))
    items = list(iter_warc(str(path)))
    assert len(items) == 2
    assert items[0].provenance.offset == start and isinstance(items[0], Failure)
    assert isinstance(items[1], InputRecord) and items[1].provenance.url == written[1]["url"]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(count=st.integers(min_value=2, max_value=9), data=st.data())
def test_any_one_corrupt_member_loses_only_that_record(
    tmp_path: Path, count: int, data: st.DataObject
) -> None:
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
    bodies = [
        ([("Content-Encoding", "gzip")], gz.compress(html)),
        ([("Transfer-Encoding", "chunked")], chunked),
    ]
    path = tmp_path / "enc.warc.gz"
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for extra_headers, body in bodies:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html"), *extra_headers], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    "https://example.test/enc", "response", payload=io.BytesIO(body), http_headers=headers
                )
            )
    items = list(iter_warc(str(path)))
    assert [i.payload for i in items if isinstance(i, InputRecord)] == [html, html]


@pytest.mark.parametrize(
    "content",
    [b"<html><body><p>not an archive</p></body></html>", gzip_module.compress(b"plain text, gzipped")],
)
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


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(count=st.integers(min_value=2, max_value=6), data=st.data())
def test_garbage_in_one_uncompressed_record_header_is_counted_once(
    tmp_path: Path, count: int, data: st.DataObject
) -> None:
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
    raw[at : at + length] = garbage * len(raw[at : at + length])
    path.write_bytes(bytes(raw))
    items = list(iter_warc(str(path)))
    assert len(items) == count
    others = [w["url"] for k, w in enumerate(written) if k != bad]
    assert [
        i.provenance.url for i in items if isinstance(i, InputRecord) and i.provenance.offset != start
    ] == others


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(gzip=st.booleans(), count=st.integers(min_value=1, max_value=4), data=st.data())
def test_an_archive_cut_anywhere_gives_its_whole_records_and_one_truncated_failure(
    tmp_path: Path, gzip: bool, count: int, data: st.DataObject
) -> None:
    """Cut at any byte: every record whose content is all there is read, the record the cut
    falls inside is one truncated failure at its offset, and nothing else comes out."""
    path = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    written = write_warc(path, _pages(count), gzip=gzip, requests=False)
    full = path.read_bytes()
    # The length of a gzip archive varies with its random record ids: draw a share of it.
    at = len(full) * data.draw(st.integers(min_value=0, max_value=4096)) // 4096
    path.write_bytes(full[:at])
    expected: list[tuple[str, int, str]] = []
    for w in written:
        start, end = int(w["offset"]), int(w["end"])  # type: ignore[call-overload]
        # A gzip record needs its whole member; an uncompressed one its content, not the
        # two line breaks after it.
        whole_at = end if gzip else end - 4
        if at >= whole_at:
            expected.append(("InputRecord", start, ""))
        elif at > start:
            expected.append(("Failure", start, TRUNCATED))
    assert _kinds(list(iter_warc(str(path)))) == expected
