"""Which strings are fetchable URLs, which host they belong to, and URL list files."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit, urlunsplit

from thresher.errors import FetchError

__all__ = ["absolute_url", "host_of", "is_web_url", "read_url_list", "robots_url"]

_SCHEMES = ("http", "https")


def is_web_url(text: str) -> bool:
    """True for a string that names an http(s) URL (how the CLI tells URLs from file names)."""
    return text[:8].lower().startswith(("http://", "https://"))


def absolute_url(text: str, base: str | None = None) -> str | None:
    """``text`` as an absolute http(s) URL without its fragment, resolved against ``base``;
    None when it is no such URL.

    The fragment is dropped because it never reaches the server: two URLs that differ
    only there are one page.
    """
    text = text.strip()
    if not text or any(c in text for c in "\r\n\t\x00"):
        return None
    try:
        joined = urljoin(base, text) if base else text
        parts = urlsplit(joined)
        port = parts.port  # raises ValueError for a port out of range or not a number
    except ValueError:
        return None
    if parts.scheme.lower() not in _SCHEMES or not parts.hostname or port == 0:
        return None
    return urlunsplit((parts.scheme.lower(), parts.netloc, parts.path or "/", parts.query, ""))


def host_of(url: str) -> str:
    """The politeness key of a URL: scheme, host and port (one robots.txt and one queue each)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower().rsplit('@', 1)[-1]}"


def robots_url(url: str) -> str:
    return host_of(url) + "/robots.txt"


def read_url_list(path: str) -> Iterator[tuple[int, str]]:
    """The (line number, text) of each URL line of a list file (``-`` for standard input):
    blank lines and ``#`` comments are skipped; validity is the caller's to judge."""
    try:
        if path == "-":
            lines = sys.stdin.read().splitlines()
        else:
            with open(path, encoding="utf-8", errors="replace") as handle:
                lines = handle.read().splitlines()
    except OSError as error:
        raise FetchError(f"{path}: cannot read: {error.strerror or error}") from error
    for number, line in enumerate(lines, 1):
        text = line.strip()
        if text and not text.startswith("#"):
            yield number, text
