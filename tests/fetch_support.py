"""A local web site for the fetch tests: pytest-httpserver, threaded, never the internet.

``Site`` serves robots.txt, sitemaps (an index, a gzip urlset), an RSS and an Atom
feed and article pages, plus pages that misbehave on purpose. Its ``hang`` handler
blocks until the test releases it at teardown, so timeouts never race a clock.
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastwarc.warc import ArchiveIterator, WarcRecordType
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

#: A handler that blocks waits at most this long (the test releases it far sooner, at teardown).
HANG_SECONDS = 120


def article(name: str) -> bytes:
    """A page whose article extraction finds ``name`` in the title and body."""
    body = " ".join(f"{name} sentence number {i} tells the story." for i in range(12))
    return (
        f"<html><head><title>Story {name}</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>Story {name}</h1><p>{body}</p>"
        f"<p>A second paragraph of story {name}, with <a href='/more-{name}'>a link</a>.</p>"
        f"</article><footer>Footer text</footer></body></html>"
    ).encode()


class Site:
    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.release = threading.Event()
        self.calls: dict[str, int] = {}

    def url(self, path: str) -> str:
        return self.server.url_for(path)

    def page(
        self,
        path: str,
        body: bytes | None = None,
        content_type: str = "text/html; charset=utf-8",
        status: int = 200,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.server.expect_request(path).respond_with_data(
            body if body is not None else article(path.strip("/")),
            status=status,
            content_type=content_type,
            headers=headers,
        )

    def robots(self, text: str, status: int = 200) -> None:
        self.page("/robots.txt", text.encode(), content_type="text/plain", status=status)

    def flaky(self, path: str, failures: int, status: int = 503) -> None:
        """``failures`` answers with ``status``, then the page."""

        def handler(request: Request) -> Response:
            count = self.calls[path] = self.calls.get(path, 0) + 1
            if count <= failures:
                return Response("busy", status=status, headers={"Retry-After": "0"})
            return Response(article(path.strip("/")), content_type="text/html")

        self.server.expect_request(path).respond_with_handler(handler)

    def hang(self, path: str) -> None:
        """Answer only once the test is over."""

        def handler(request: Request) -> Response:
            self.release.wait(HANG_SECONDS)
            return Response("late", content_type="text/html")

        self.server.expect_request(path).respond_with_handler(handler)

    def redirect(self, path: str, target: str, status: int = 301) -> None:
        self.server.expect_request(path).respond_with_data("", status=status, headers={"Location": target})

    def sitemap_xml(self, urls: list[str], index: bool = False) -> bytes:
        tag, item = ("sitemapindex", "sitemap") if index else ("urlset", "url")
        locs = "".join(f"<{item}><loc>{url}</loc></{item}>" for url in urls)
        return (
            f'<?xml version="1.0" encoding="UTF-8"?>'
            f'<{tag} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</{tag}>'
        ).encode()

    def rss(self, urls: list[str]) -> bytes:
        items = "".join(
            f"<item><title>Item {i}</title><link>{url}</link></item>" for i, url in enumerate(urls)
        )
        return (
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
            f"<link>{self.url('/')}</link>{items}</channel></rss>"
        ).encode()

    def atom(self, urls: list[str]) -> bytes:
        entries = "".join(
            f"<entry><title>Entry {i}</title><id>urn:entry:{i}</id>"
            f'<updated>2026-01-01T00:00:00Z</updated><link rel="alternate" href="{url}"/></entry>'
            for i, url in enumerate(urls)
        )
        return (
            f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>News</title><id>urn:feed</id><updated>2026-01-01T00:00:00Z</updated>"
            f"{entries}</feed>"
        ).encode()

    def gzip_sitemap(self, path: str, urls: list[str]) -> None:
        self.page(path, gzip.compress(self.sitemap_xml(urls)), content_type="application/x-gzip")


@pytest.fixture(name="site")
def site_fixture() -> Iterator[Site]:
    server = HTTPServer(threaded=True)
    server.start()
    built = Site(server)
    try:
        yield built
    finally:
        built.release.set()
        server.clear()
        server.stop()


def warc_responses(path: Path) -> dict[str, bytes]:
    """URL → body of every response record (read with FastWARC, as ``thresher run`` reads)."""
    found: dict[str, bytes] = {}
    with open(path, "rb") as stream:
        for record in ArchiveIterator(stream, record_types=WarcRecordType.response, parse_http=True):
            found[record.headers.get("WARC-Target-URI")] = record.reader.read()
    return found


def warc_types(path: Path) -> list[Any]:
    with open(path, "rb") as stream:
        return [
            (record.record_type, record.headers.get("WARC-Target-URI"))
            for record in ArchiveIterator(stream, parse_http=False)
        ]
