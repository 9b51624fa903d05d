"""Fetched pages as WARC request and response records (ISO 28500, WARC 1.1), written with warcio.

Each record is its own gzip member, so an archive cut short by an interrupted fetch
still reads up to its last whole record. Bodies are stored decoded, as the
extractor needs them: the Content-Encoding and Transfer-Encoding headers that no
longer apply are renamed ``X-Thresher-Original-…`` and Content-Length is set to the
stored length, so every WARC reader sees a consistent HTTP message.
"""

from __future__ import annotations

import io
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from thresher import __version__
from thresher.fetch.exchange import Exchange

__all__ = ["WarcOutput"]

_REWRITTEN = ("content-encoding", "transfer-encoding")


class WarcOutput:
    """A new ``.warc.gz`` file (an existing one is never overwritten) taking pages as they come."""

    def __init__(self, path: str | Path, *, user_agent: str) -> None:
        from warcio.warcwriter import WARCWriter  # imported here: only fetching needs it

        self.path = Path(path)
        self._handle: BinaryIO = open(self.path, "xb")  # noqa: SIM115 (closed by close())
        self._writer = WARCWriter(self._handle, gzip=True, warc_version="WARC/1.1")
        info = {
            "software": f"thresher/{__version__}",
            "format": "WARC File Format 1.1",
            "http-header-user-agent": user_agent,
        }
        self._writer.write_record(self._writer.create_warcinfo_record(self.path.name, info))
        self._handle.flush()
        self.records = 0

    def write(self, exchange: Exchange) -> None:
        from warcio.statusandheaders import StatusAndHeaders

        request_headers = StatusAndHeaders(
            f"GET {exchange.request_target} {exchange.http_version}",
            list(exchange.request_headers),
            is_http_request=True,
        )
        request = self._writer.create_warc_record(
            exchange.url, "request", payload=io.BytesIO(b""), http_headers=request_headers
        )
        response_headers = StatusAndHeaders(
            f"{exchange.status} {exchange.reason}".strip(),
            _stored_headers(exchange),
            protocol=exchange.http_version,
        )
        date = exchange.fetched_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        response = self._writer.create_warc_record(
            exchange.url,
            "response",
            payload=io.BytesIO(exchange.body),
            http_headers=response_headers,
            warc_headers_dict={"WARC-Date": date},
        )
        request.rec_headers.replace_header("WARC-Date", date)
        self._writer.write_request_response_pair(request, response)
        self._handle.flush()
        self.records += 1

    def close(self) -> None:
        self._handle.close()

    def __enter__(self) -> WarcOutput:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


def _stored_headers(exchange: Exchange) -> list[tuple[str, str]]:
    headers: list[tuple[str, str]] = []
    for name, value in exchange.headers:
        lower = name.lower()
        if lower == "content-length":
            continue
        if lower in _REWRITTEN:
            headers.append((f"X-Thresher-Original-{name}", value))
        else:
            headers.append((name, value))
    headers.append(("Content-Length", str(len(exchange.body))))
    return headers
