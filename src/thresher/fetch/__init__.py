"""Fetching pages from the web, politely: URLs, sitemaps and news feeds into a WARC file.

>>> from thresher.fetch import FetchSettings, fetch
>>> summary = fetch(["https://example.org/sitemap.xml"], "crawl.warc.gz")  # doctest: +SKIP
>>> summary.fetched, dict(summary.failed)  # doctest: +SKIP

robots.txt is obeyed, each host gets one request at a time with a pause between
requests, and every limit (time, size, redirects, retries) is bounded; see
``FetchSettings``. The HTTP libraries are imported only when a fetch starts.
"""

from __future__ import annotations

from thresher.errors import FetchError
from thresher.fetch.api import fetch, fetch_page
from thresher.fetch.exchange import Exchange
from thresher.fetch.settings import DEFAULT_USER_AGENT, FetchSettings
from thresher.fetch.summary import FetchSummary
from thresher.fetch.urls import is_web_url

__all__ = [
    "DEFAULT_USER_AGENT",
    "Exchange",
    "FetchError",
    "FetchSettings",
    "FetchSummary",
    "fetch",
    "fetch_page",
    "is_web_url",
]
