"""HTML response records of a WARC or WARC.gz archive, read with FastWARC, with offsets.

A corrupt record never ends the archive, and is never dropped without a count.
FastWARC stops with an error at an unreadable record header; in an uncompressed
archive the damage is placed right after the last record read whole (every record
type is read for this, not only responses), reported once, and reading resumes at
the next ``WARC/1.`` line. A record whose WARC-Type is missing or unknown (often a
damaged header line) is counted as ignored. In a gzip archive (one gzip member per
record) a damaged member stops its decompressor, so we note the failure and resume
FastWARC at the next gzip member that holds a WARC record. Records are read only by
FastWARC; zlib here only finds where members begin and end.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from thresher.corpus.records import CORRUPT, Failure, InputRecord, Provenance

__all__ = ["CORRUPT", "Ignored", "iter_warc"]

_GZIP_MAGIC = b"\x1f\x8b\x08"
_HTML_TYPES = ("text/html", "application/xhtml+xml", "")
_CHUNK = 1 << 20
_UNREADABLE_TYPES = (WarcRecordType.unknown, WarcRecordType.no_type)


@dataclass(slots=True, frozen=True)
class Ignored:
    """A WARC response that is no page to extract (an image, a redirect); counted, not stored."""

    provenance: Provenance
    why: str


def iter_warc(path: str) -> Iterator[InputRecord | Failure | Ignored]:
    """Yield every response record of the archive at ``path`` in file order."""
    with open(path, "rb") as stream:
        gzipped = stream.read(3) == _GZIP_MAGIC
        if not _starts_as_warc(stream, gzipped):
            yield Failure(Provenance(path, path, 0), CORRUPT, "not a WARC archive")
            return
        start: int | None = 0
        while start is not None:
            start = yield from _read_from(path, stream, start, gzipped)


def _starts_as_warc(stream: BinaryIO, gzipped: bool) -> bool:
    """True for an empty file or one whose first record starts like a WARC record."""
    stream.seek(0)
    head = stream.read(65536)
    if gzipped:
        try:
            head = zlib.decompressobj(31).decompress(head, 16)
        except zlib.error:
            return False
    return not head or head.lstrip(b"\r\n")[:5] == b"WARC/"


def _read_from(path: str, stream: BinaryIO, start: int,
               gzipped: bool) -> Generator[InputRecord | Failure | Ignored, None, int | None]:
    """Read records from ``start``; return where to resume after a corrupt spot, or None at the end.

    Every record type is read, not only responses, so that after an error the damage
    can be placed right after the last record read whole, whatever its type.
    """
    stream.seek(start)
    last_read: WarcRecord | None = None  # the last record read whole
    last_failed = False  # ... and it was reported corrupt itself (its length unknown)
    reading: int | None = None  # offset of the record whose body is being read
    try:
        for record in ArchiveIterator(stream, parse_http=False):
            if record.record_type == WarcRecordType.response:
                reading = record.stream_pos
                item = _convert(path, record, reading, verify=not gzipped)
                last_read, last_failed, reading = record, isinstance(item, Failure), None
                yield item
            else:
                last_read, last_failed = record, False
                if record.record_type in _UNREADABLE_TYPES:
                    # No WARC-Type, or one no reader knows: often a damaged header line.
                    # Counted, not dropped.
                    yield Ignored(_provenance(path, record, record.stream_pos), "unknown WARC record type")
    except OSError as error:
        message = str(error) or type(error).__name__
    else:
        if not gzipped:
            return None
        # FastWARC ends quietly at a member cut short: check that the tail is whole.
        damaged = _first_broken_member(stream, start if last_read is None else last_read.stream_pos)
        if damaged is None or damaged >= os.fstat(stream.fileno()).st_size:
            return None
        message = "gzip member truncated or corrupt"
        yield Failure(Provenance(path, f"offset:{damaged}", damaged), CORRUPT, message)
        return _next_gzip_member(stream, damaged + 1)
    if reading is not None:  # its body could not be read
        damaged = reading
    elif gzipped:
        damaged = _first_broken_member(stream, start if last_read is None else last_read.stream_pos)
        if damaged is None:  # one gzip stream for the whole file: members cannot be told apart
            damaged = start if last_read is None else last_read.stream_pos + 1
    elif last_read is None:
        damaged = start
    elif last_failed:  # the error is the rest of that record, already reported
        return _find(stream, b"WARC/1.", last_read.stream_pos + 1)
    else:
        damaged = _record_end(path, last_read)
    yield Failure(Provenance(path, f"offset:{damaged}", damaged), CORRUPT, message)
    if not gzipped:
        return _find(stream, b"WARC/1.", damaged + 1)
    return _next_gzip_member(stream, damaged + 1)


def _record_end(path: str, record: WarcRecord) -> int:
    """Where the next record should begin: past ``record``'s header block, its content and
    the two line breaks after it. Read through a handle of its own, because FastWARC
    buffers ahead on the archive's stream."""
    with open(path, "rb") as handle:
        handle.seek(record.stream_pos)
        head = handle.read(_CHUNK)
    header_end = head.find(b"\r\n\r\n")
    if header_end < 0:
        return record.stream_pos + 1
    return record.stream_pos + header_end + 4 + record.content_length + 4


def _convert(path: str, record: WarcRecord, offset: int, *,
             verify: bool) -> InputRecord | Failure | Ignored:
    """The record as a page to extract, a failure, or an ignored response.

    The record's WARC-Payload-Digest, when it is SHA-1, is its content hash. With
    ``verify`` the worker checks the payload against it; a gzip member carries its own
    checksum, which the decompressor checks, so compressed archives need not.
    """
    headers = record.headers
    prov = _provenance(path, record, offset)
    if not (headers.get("Content-Length") or "").strip().isdigit():
        return Failure(prov, CORRUPT, "record header truncated (no Content-Length)")
    # Bodies sent gzip-compressed or chunked are decoded, so the extractor sees the page.
    record.parse_http(auto_decode="all")
    status = record.http_headers.status_code if record.http_headers is not None else None
    if not status:
        return Failure(prov, CORRUPT, "unreadable HTTP headers")
    if not 200 <= status < 300:
        return Ignored(prov, f"HTTP status {status // 100}xx")
    content_type = (record.http_content_type or "").split(";")[0].strip().lower()
    if content_type not in _HTML_TYPES:
        return Ignored(prov, "not HTML")
    http = record.http_headers
    digest = _sha1_digest(headers.get("WARC-Payload-Digest"))
    # A digest is taken over the body as sent: only a body that needed no decoding can be checked.
    raw_body = not (http.get("Content-Encoding") or http.get("Transfer-Encoding"))
    return InputRecord(prov, record.reader.read(), "html", content_hash=digest or "",
                       expected_digest=digest if verify and raw_body else None)


def _provenance(path: str, record: WarcRecord, offset: int) -> Provenance:
    return Provenance(path, record.record_id or f"offset:{offset}", offset,
                      url=record.headers.get("WARC-Target-URI"),
                      captured_at=record.record_date.isoformat() if record.record_date else None)


def _sha1_digest(value: str | None) -> str | None:
    """A ``sha1:BASE32`` payload digest in the form of ``content_hash``, else None."""
    if not value or not value.lower().startswith("sha1:"):
        return None
    digest = value[5:].strip().upper()
    return f"sha1:{digest}" if len(digest) == 32 else None


def _warc_member_end(stream: BinaryIO, offset: int) -> int | None:
    """The offset past the gzip member at ``offset`` if it is whole, valid and holds a WARC
    record; None otherwise."""
    stream.seek(offset)
    inflater = zlib.decompressobj(31)
    head = b""
    consumed = 0
    while chunk := stream.read(_CHUNK):
        try:
            out = inflater.decompress(chunk, 65536)
            head += out[: max(0, 8 - len(head))]
            while inflater.unconsumed_tail and not inflater.eof:
                inflater.decompress(inflater.unconsumed_tail, 65536)
        except zlib.error:
            return None
        if inflater.eof:
            end = offset + consumed + len(chunk) - len(inflater.unused_data)
            return end if head.startswith(b"WARC/") else None
        consumed += len(chunk)
    return None


def _first_broken_member(stream: BinaryIO, offset: int) -> int | None:
    """Walk whole members from the good one at ``offset``; None if ``offset`` is no member start
    (an archive compressed as one gzip stream, where members cannot be told apart)."""
    end = _warc_member_end(stream, offset)
    if end is None:
        return None
    while end is not None:
        offset, end = end, _warc_member_end(stream, end)
    return offset


def _find(stream: BinaryIO, needle: bytes, offset: int) -> int | None:
    """The first offset >= ``offset`` where ``needle`` occurs, reading in chunks."""
    stream.seek(offset)
    base, carry = offset, b""
    while chunk := stream.read(_CHUNK):
        data = carry + chunk
        found = data.find(needle)
        if found >= 0:
            return base + found
        keep = len(needle) - 1
        base += len(data) - keep
        carry = data[-keep:]
    return None


def _next_gzip_member(stream: BinaryIO, offset: int) -> int | None:
    while (found := _find(stream, _GZIP_MAGIC, offset)) is not None:
        if _warc_member_end(stream, found) is not None:
            return found
        offset = found + 1
    return None


