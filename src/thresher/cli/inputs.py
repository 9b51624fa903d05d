"""Reading the pages named on a command line: paths, ``-`` for stdin, gzip-compressed files, URLs."""

from __future__ import annotations

import gzip
import sys
import zlib
from pathlib import Path

from thresher.errors import ThresherError
from thresher.models import Article
from thresher.options import ExtractOptions
from thresher.pipeline import extract

__all__ = ["extract_input", "read_input"]


def read_input(name: str) -> bytes:
    """The bytes of a file (``.gz`` decompressed) or of standard input for ``-``.

    Raises ``ThresherError`` for a missing or unreadable file or a corrupt ``.gz``,
    so every command reports it as one line.
    """
    try:
        if name == "-":
            return sys.stdin.buffer.read()
        raw = Path(name).read_bytes()
        return gzip.decompress(raw) if name.endswith(".gz") else raw
    except (OSError, EOFError, zlib.error) as error:  # gzip.BadGzipFile is an OSError
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        raise ThresherError(f"cannot read: {reason}") from error


def extract_input(name: str, *, url: str | None = None, options: ExtractOptions | None = None) -> Article:
    """Read one input named on the command line and extract its article.

    An http(s) URL is fetched (politely: robots.txt obeyed, see ``thresher.fetch``) and
    extracted with the URL where its redirects ended, unless ``url`` names another.
    """
    from thresher.fetch.urls import is_web_url  # imported here: reading files needs no fetch code

    if is_web_url(name):
        from thresher.fetch import fetch_page

        page = fetch_page(name)
        return extract(page.body, url=url or page.url, options=options)
    return extract(read_input(name), url=url, options=options)
