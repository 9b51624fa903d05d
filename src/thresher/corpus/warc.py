"""HTML response records of a WARC or WARC.gz archive, read with FastWARC, with offsets.

A damaged archive never ends a run, and none of its records is dropped without a
count or stored from partial bytes:

- Each record's item is held back until the archive is seen to go on past it (FastWARC
  read the next record), or until the end of the file is checked. FastWARC ends
  quietly when the file stops inside a record, before any checksum, so a record the
  file ends inside (an interrupted crawl or copy; in a gzip archive, a member without
  its end) is found here and reported as truncated, never read as a page.
- A record whose bytes differ from its ``WARC-Block-Digest`` fails here. Its
  ``WARC-Payload-Digest`` is its content hash, checked by the worker.
- FastWARC stops with an error at an unreadable record. In an uncompressed archive
  the damage is placed right after the last record read whole, or on that record
  when it does not end where its Content-Length says; it is reported once, and
  reading resumes at the next ``WARC/1.`` line. In a gzip archive (one member per
  record) a damaged member stops the decompressor: it is reported and reading resumes
  at the next gzip member that holds a WARC record. zlib here only finds where members
  begin and end and whether they are whole; records are read only by FastWARC.
- A record whose WARC-Type is missing or unknown (often a damaged header line) is
  counted as ignored.

Every record type is read, not only responses, so that damage can be placed right
after the last record read whole, whatever its type.
"""

from __future__ import annotations

import os
import re
import zlib
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from typing import BinaryIO, Literal

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from thresher.corpus.records import CORRUPT, DIGEST_MISMATCH, TRUNCATED, Failure, InputRecord, Provenance

__all__ = ["CORRUPT", "TRUNCATED", "Ignored", "iter_warc"]

_GZIP_MAGIC = b"\x1f\x8b\x08"
_HTML_TYPES = ("text/html", "application/xhtml+xml", "")
_CHUNK = 1 << 20
_UNREADABLE_TYPES = (WarcRecordType.unknown, WarcRecordType.no_type)
#: Records up to this size have their block digest checked (the check holds the block in memory).
_MAX_VERIFIED_BLOCK = 64 << 20
#: A Content-Length header line; header lines end with CRLF (a bare LF is inside a line).
_CONTENT_LENGTH = re.compile(rb"\r\ncontent-length:[ \t]*(\d+)[ \t]*\r\n", re.IGNORECASE)
#: Digest lengths FastWARC can verify, as (base32, hex) characters.
_DIGEST_LENGTHS = {"sha1": (32, 40), "sha256": (52, 64), "md5": (26, 32)}
_TRUNCATED_MESSAGE = "the archive ends inside this record"

#: How a record (or gzip member) at an offset is: whole, cut off by the end of the file,
#: broken (undecodable, or not ending where its length says), or no record start at all.
_State = Literal["whole", "cut", "broken", "none"]


@dataclass(slots=True, frozen=True)
class Ignored:
    """A WARC response that is no page to extract (an image, a redirect); counted, not stored."""

    provenance: Provenance
    why: str


_Item = InputRecord | Failure | Ignored


@dataclass(slots=True, frozen=True)
class _Archive:
    path: str
    stream: BinaryIO
    gzipped: bool
    size: int


def iter_warc(path: str) -> Iterator[_Item]:
    """Yield every response record of the archive at ``path`` in file order."""
    with open(path, "rb") as stream:
        magic = stream.read(3)
        gzipped = bool(magic) and _GZIP_MAGIC.startswith(magic)  # a gzip file, maybe cut right away
        if not _starts_as_warc(stream, gzipped):
            yield Failure(Provenance(path, path, 0), CORRUPT, "not a WARC archive")
            return
        archive = _Archive(path, stream, gzipped, os.fstat(stream.fileno()).st_size)
        start: int | None = 0
        while start is not None:
            start = yield from _read_from(archive, start)


def _starts_as_warc(stream: BinaryIO, gzipped: bool) -> bool:
    """True for an empty file or one whose first record starts like a WARC record (or is cut
    within its first bytes)."""
    stream.seek(0)
    head = stream.read(65536)
    if gzipped:
        try:
            head = zlib.decompressobj(31).decompress(head, 16)
        except zlib.error:
            return False
    return b"WARC/".startswith(head.lstrip(b"\r\n")[:5])


def _read_from(archive: _Archive, start: int) -> Generator[_Item, None, int | None]:
    """Read records from ``start``; return where to resume after a damaged spot, or None at the end."""
    archive.stream.seek(start)
    last_read: WarcRecord | None = None  # the last record read whole
    pending: _Item | None = None  # its item, held until the archive is seen to go on past it
    current: WarcRecord | None = None  # the record being read
    try:
        for current in ArchiveIterator(archive.stream, parse_http=False):
            if pending is not None:
                yield pending  # a record follows it, so it was read whole
            pending = _item(archive.path, current)
            last_read, current = current, None
    except OSError as error:
        message = str(error) or type(error).__name__
        return (yield from _after_error(archive, start, last_read, pending, current, message))
    return (yield from _after_end(archive, start, last_read, pending))


def _after_end(
    archive: _Archive, start: int, last_read: WarcRecord | None, pending: _Item | None
) -> Generator[_Item, None, int | None]:
    """FastWARC ended without an error: check that the file does not end inside the last record."""
    at = last_read.stream_pos if last_read is not None else start
    state, end = _state(archive, at)
    if state == "none" and archive.gzipped and last_read is not None:
        # One gzip stream for the whole file: record positions are no member starts.
        state, end = _state(archive, start)
    if state == "cut":
        yield _failure(archive, at, last_read, TRUNCATED, _TRUNCATED_MESSAGE)
        return None
    if state == "broken" and last_read is not None:
        if isinstance(pending, Failure):
            yield pending
        else:
            yield _failure(archive, at, last_read, CORRUPT, "the record does not end where its length says")
        return _resume(archive, at + 1)
    if pending is not None:
        yield pending
    if not archive.gzipped or state != "whole":
        return None
    # FastWARC also ends quietly at some damaged members: the members after the last one read
    # must be whole too.
    damaged, state = _first_damaged_member(archive, end)
    if damaged >= archive.size:
        return None
    return (yield from _report(archive, damaged, None, "gzip member truncated or corrupt"))


def _after_error(
    archive: _Archive,
    start: int,
    last_read: WarcRecord | None,
    pending: _Item | None,
    current: WarcRecord | None,
    message: str,
) -> Generator[_Item, None, int | None]:
    """FastWARC stopped with ``message``: report the damaged spot once and say where to resume."""
    if current is not None:  # the error is inside this record (its body or HTTP headers)
        if pending is not None:
            yield pending
        return (yield from _report(archive, current.stream_pos, current, message))
    if last_read is None:
        return (yield from _report(archive, start, None, message))
    at = last_read.stream_pos
    state, end = _state(archive, at)
    if state == "whole":  # the damage comes after it
        if pending is not None:
            yield pending
        if archive.gzipped:
            damaged, _ = _first_damaged_member(archive, end)
            end = damaged if damaged < archive.size else end
        return (yield from _report(archive, end, None, message))
    if state == "none":  # one gzip stream for the whole file: members cannot be told apart
        if pending is not None:
            yield pending
        return (yield from _report(archive, at + 1, None, message))
    # The last record read is itself the damaged one (e.g. a Content-Length damaged into
    # another number): its item is replaced by the failure, so the record counts once.
    if isinstance(pending, Failure):  # already reported for what its own header showed
        yield pending
        return _resume(archive, at + 1)
    if state == "broken" and not archive.gzipped:
        message = "the record does not end where its length says"
    return (yield from _report(archive, at, last_read, message))


def _report(
    archive: _Archive, damaged: int, record: WarcRecord | None, message: str
) -> Generator[_Item, None, int | None]:
    """Yield the failure of the damaged spot at ``damaged``; return where to resume.

    The spot is a truncated record when the file ends inside it and nothing readable
    follows; otherwise a corrupt one.
    """
    resume = _resume(archive, damaged + 1)
    if resume is None and _state(archive, damaged)[0] == "cut":
        yield _failure(archive, damaged, record, TRUNCATED, _TRUNCATED_MESSAGE)
    else:
        yield _failure(archive, damaged, record, CORRUPT, message)
    return resume


def _failure(archive: _Archive, offset: int, record: WarcRecord | None, kind: str, message: str) -> Failure:
    """A failure at ``offset``, under the record's own id when the record starting there is known."""
    if record is not None and record.stream_pos == offset:
        return Failure(_provenance(archive.path, record), kind, message)
    return Failure(Provenance(archive.path, f"offset:{offset}", offset), kind, message)


def _item(path: str, record: WarcRecord) -> _Item | None:
    if record.record_type == WarcRecordType.response:
        return _convert(path, record)
    if record.record_type in _UNREADABLE_TYPES:
        # No WARC-Type, or one no reader knows: often a damaged header line. Counted, not dropped.
        return Ignored(_provenance(path, record), "unknown WARC record type")
    return None


def _convert(path: str, record: WarcRecord) -> _Item:
    """The response as a page to extract, a failure, or an ignored response.

    The record's WARC-Payload-Digest, when it is SHA-1, is its content hash, and the
    worker checks the payload against it.
    """
    headers = record.headers
    prov = _provenance(path, record)
    if not (headers.get("Content-Length") or "").strip().isdigit():
        return Failure(prov, CORRUPT, "record header truncated (no Content-Length)")
    if (
        _verifiable(headers.get("WARC-Block-Digest"))
        and record.content_length <= _MAX_VERIFIED_BLOCK
        and not record.verify_block_digest(consume=False)
    ):
        return Failure(prov, DIGEST_MISMATCH, "the record does not match its WARC-Block-Digest")
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
    return InputRecord(
        prov,
        record.reader.read(),
        "html",
        content_hash=digest or "",
        expected_digest=digest if raw_body else None,
    )


def _provenance(path: str, record: WarcRecord) -> Provenance:
    offset = record.stream_pos
    return Provenance(
        path,
        record.record_id or f"offset:{offset}",
        offset,
        url=record.headers.get("WARC-Target-URI"),
        captured_at=record.record_date.isoformat() if record.record_date else None,
    )


def _verifiable(value: str | None) -> bool:
    """True for a digest FastWARC can check: SHA-1, SHA-256 or MD5, in base32 or hex."""
    if not value or ":" not in value:
        return False
    algorithm, _, digest = value.strip().partition(":")
    lengths = _DIGEST_LENGTHS.get(algorithm.lower())
    if lengths is None:
        return False
    base32 = digest.rstrip("=")
    return (len(base32) == lengths[0] and re.fullmatch(r"[A-Z2-7]+", base32) is not None) or (
        len(digest) == lengths[1] and re.fullmatch(r"[0-9a-fA-F]+", digest) is not None
    )


def _sha1_digest(value: str | None) -> str | None:
    """A ``sha1:BASE32`` payload digest in the form of ``content_hash``, else None."""
    if not value or not value.lower().startswith("sha1:"):
        return None
    digest = value[5:].strip().upper()
    return f"sha1:{digest}" if len(digest) == 32 else None


# ---------------------------------------------------------------- where records begin and end
def _state(archive: _Archive, offset: int) -> tuple[_State, int]:
    """How the record at ``offset`` is, and where it ends when it is whole."""
    if archive.gzipped:
        return _member_state(archive, offset)
    return _plain_state(archive, offset)


def _plain_state(archive: _Archive, offset: int) -> tuple[_State, int]:
    """An uncompressed record is whole when its content is all there and a record boundary
    (two line breaks, or the end of the file) follows it."""
    stream = archive.stream
    stream.seek(offset)
    head = stream.read(_CHUNK)
    if not head.startswith(b"WARC/"):
        # The file may end within the first bytes of a record.
        cut = head and b"WARC/".startswith(head) and offset + len(head) >= archive.size
        return ("cut" if cut else "none"), offset
    header_end = head.find(b"\r\n\r\n")
    if header_end < 0:
        return ("cut" if offset + len(head) >= archive.size else "broken"), offset
    length = _CONTENT_LENGTH.search(head, 0, header_end + 2)
    if length is None:
        return "broken", offset
    content_end = offset + header_end + 4 + int(length.group(1))
    if content_end > archive.size:
        return "cut", offset
    stream.seek(content_end)
    boundary = stream.read(4)
    if boundary != b"\r\n\r\n"[: len(boundary)]:
        return "broken", offset
    return "whole", content_end + len(boundary)


def _member_state(archive: _Archive, offset: int) -> tuple[_State, int]:
    """A gzip member is whole when its decompressor reaches the end of the stream (the CRC
    checked) and it holds a WARC record; cut when the file ends first."""
    stream = archive.stream
    stream.seek(offset)
    magic = stream.read(3)
    if magic != _GZIP_MAGIC:
        cut = magic and _GZIP_MAGIC.startswith(magic) and offset + len(magic) >= archive.size
        return ("cut" if cut else "none"), offset
    stream.seek(offset)
    inflater = zlib.decompressobj(31)
    head = b""
    consumed = 0
    while chunk := stream.read(_CHUNK):
        try:
            out = inflater.decompress(chunk, 65536)
            head += out[: max(0, 8 - len(head))]
            while inflater.unconsumed_tail and not inflater.eof:
                out = inflater.decompress(inflater.unconsumed_tail, 65536)
                head += out[: max(0, 8 - len(head))]
        except zlib.error:
            return "broken", offset
        if inflater.eof:
            if not head.startswith(b"WARC/"):
                return "broken", offset
            return "whole", offset + consumed + len(chunk) - len(inflater.unused_data)
        consumed += len(chunk)
    return "cut", offset


def _first_damaged_member(archive: _Archive, offset: int) -> tuple[int, _State]:
    """The first member from ``offset`` on that is not whole, and how it is; the file size
    when all are whole."""
    while offset < archive.size:
        state, end = _member_state(archive, offset)
        if state != "whole":
            return offset, state
        offset = end
    return archive.size, "whole"


def _resume(archive: _Archive, offset: int) -> int | None:
    """Where the next readable record after ``offset`` starts, if any."""
    if not archive.gzipped:
        return _find(archive.stream, b"WARC/1.", offset)
    while (found := _find(archive.stream, _GZIP_MAGIC, offset)) is not None:
        if _member_state(archive, found)[0] == "whole":
            return found
        offset = found + 1
    return None


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
