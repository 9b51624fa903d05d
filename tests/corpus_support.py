"""Builders for the corpus tests: WARC archives written with warcio, pages, and extractors.

The extractors are module-level so spawned worker processes can import them.
"""

from __future__ import annotations

import io
import os
import time
from collections.abc import Callable
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from thresher import extract
from thresher.models import Article
from thresher.options import ExtractOptions


def page(number: int, words: int = 40) -> bytes:
    """A small, distinct article page."""
    body = " ".join(f"word{(number * 7 + i) % 997}" for i in range(words))
    return (
        f"<html><head><title>Story {number}</title></head><body><article>"
        f"<h1>Story {number}</h1><p>Paragraph one of story {number}. {body}.</p>"
        f"<p>Paragraph two of story {number}, with more text to read.</p>"
        f"</article></body></html>"
    ).encode()


def write_warc(
    path: Path,
    pages: list[tuple[str, bytes]],
    *,
    gzip: bool = True,
    extra: list[tuple[str, bytes, str, str]] = (),
    requests: bool = True,
) -> list[dict[str, object]]:
    """Write ``pages`` (url, html) as response records (plus request records unless
    ``requests=False``, and ``extra`` responses (url, body, content type, status)); return
    what was written, with offsets."""
    written: list[dict[str, object]] = []
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        items = [(url, body, "text/html; charset=utf-8", "200 OK") for url, body in pages]
        items += list(extra)
        for url, body, content_type, status in items:
            request = writer.create_warc_record(
                url, "request", payload=io.BytesIO(f"GET / HTTP/1.1\r\nHost: {url}\r\n\r\n".encode())
            )
            if requests:
                writer.write_record(request)
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )
            offset = handle.tell()
            writer.write_record(record)
            written.append(
                {
                    "url": url,
                    "offset": offset,
                    "end": handle.tell(),
                    "record_id": record.rec_headers.get_header("WARC-Record-ID"),
                    "date": record.rec_headers.get_header("WARC-Date"),
                    "content_type": content_type,
                }
            )
    return written


def corrupt(path: Path, start: int, end: int) -> None:
    """Overwrite the middle of the byte range [start, end) with zeros."""
    data = bytearray(path.read_bytes())
    middle = (start + end) // 2
    data[middle : middle + 24] = b"\x00" * 24
    path.write_bytes(bytes(data))


# ---------------------------------------------------------------- extractors for worker tests
def stalling_extractor(payload: bytes, url: str | None, options: ExtractOptions) -> Article:
    """Blocks inside one C call (sleep) on pages that say STALL: only a hard kill stops it."""
    if b"STALL" in payload:
        time.sleep(3600)
    return extract(payload, url=url, options=options)


def crashing_extractor(payload: bytes, url: str | None, options: ExtractOptions) -> Article:
    """Kills its own process on pages that say CRASH, as a segfaulting extension would."""
    if b"CRASH" in payload:
        os._exit(11)
    return extract(payload, url=url, options=options)


def looping_extractor(payload: bytes, url: str | None, options: ExtractOptions) -> Article:
    """Spins in Python on pages that say LOOP: the soft time limit stops it."""
    if b"LOOP" in payload:
        while True:
            pass
    return extract(payload, url=url, options=options)


def slow_extractor(payload: bytes, url: str | None, options: ExtractOptions) -> Article:
    """A few milliseconds per page, so a run lasts long enough to be killed mid-way."""
    time.sleep(0.004)
    return extract(payload, url=url, options=options)


class ExitWhenUnpickled(bytes):
    """Bytes that kill the process unpickling them: a worker lost before any record starts."""

    def __reduce__(self) -> tuple[object, tuple[int]]:
        return (os._exit, (9,))


def rewrite_member(path: Path, start: int, end: int, change: Callable[[bytes], bytes]) -> None:
    """Replace the gzip member at [start, end) by a whole new member holding ``change(record)``:
    the gzip checksum is right again, so only the WARC digests can tell."""
    import gzip as gzip_module

    data = path.read_bytes()
    record = gzip_module.decompress(data[start:end])
    path.write_bytes(data[:start] + gzip_module.compress(change(record)) + data[end:])


def gated_extractor(payload: bytes, url: str | None, options: ExtractOptions) -> Article:
    """Holds pages that say GATE until the test lets them through, so a run can be caught
    mid-way without racing it: it writes its pid into ``$THRESHER_TEST_GATE.reached``, then
    waits for the file ``$THRESHER_TEST_GATE`` to exist."""
    if b"GATE" in payload:
        gate = Path(os.environ["THRESHER_TEST_GATE"])
        Path(f"{gate}.{os.getpid()}").write_text(str(os.getpid()))
        Path(f"{gate}.{os.getpid()}").replace(f"{gate}.reached")  # whole, or not there
        while not gate.exists():
            time.sleep(0.01)
    return extract(payload, url=url, options=options)


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 180.0) -> None:
    """Poll ``condition`` until it holds; fail after a generous bound (a hang, not a race)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.02)
