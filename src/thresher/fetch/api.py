"""Fetching from Python: ``fetch()`` fills a WARC file, ``fetch_page()`` returns one page."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from thresher.errors import FetchError
from thresher.fetch.exchange import Exchange
from thresher.fetch.settings import FetchSettings
from thresher.fetch.summary import FetchSummary
from thresher.fetch.urls import absolute_url

__all__ = ["fetch", "fetch_page"]


def fetch(
    sources: Iterable[str],
    output: str | Path,
    *,
    settings: FetchSettings | None = None,
    on_problem: Callable[[str], None] | None = None,
    on_progress: Callable[[FetchSummary, int], None] | None = None,
) -> FetchSummary:
    """Fetch every page of ``sources`` into a new WARC file at ``output``; return the counts.

    A source is a page, a sitemap (an index, a ``urlset``, gzip or not) or an RSS/Atom
    feed, told apart by its content; sitemaps and feeds are replaced by the pages they
    list. Each URL is fetched once. ``on_problem`` gets one line per URL that failed;
    ``on_progress(summary, waiting)`` is called as the fetch goes. Raises ``FetchError``
    when ``output`` exists or cannot be created; a URL that fails never stops the fetch.
    """
    import asyncio

    from thresher.fetch.crawl import Crawl
    from thresher.fetch.warc_output import WarcOutput

    settings = settings or FetchSettings()
    try:
        output_file = WarcOutput(output, user_agent=settings.user_agent)
    except FileExistsError as error:
        raise FetchError(f"{output}: exists; choose another file name") from error
    except OSError as error:
        raise FetchError(f"{output}: cannot create: {error.strerror or error}") from error
    with output_file:
        crawl = Crawl(settings, output_file.write, on_problem=on_problem, on_progress=on_progress)
        for source in sources:
            url = absolute_url(source)
            if url is None:
                crawl.fail(source, "invalid URL", "not an http(s) URL")
            else:
                crawl.add(url, "source")
        try:
            summary = asyncio.run(crawl.run())
        except OSError as error:
            raise FetchError(f"{output}: cannot write: {error.strerror or error}") from error
    summary.output = str(output)
    return summary


def fetch_page(url: str, *, settings: FetchSettings | None = None) -> Exchange:
    """Fetch one page politely (robots.txt obeyed, redirects followed, retries, limits).

    Returns the final exchange (its ``url`` is where the redirects ended). Raises
    ``FetchError`` saying why there is no page (disallowed, an HTTP error status, a
    timeout, a body over the size limit ...); the message leaves out the URL, which the
    caller knows.
    """
    import asyncio

    from thresher.fetch.crawl import RULES, Crawl

    absolute = absolute_url(url)
    if absolute is None:
        raise FetchError("not an http(s) URL")
    pages: list[Exchange] = []
    crawl = Crawl(settings or FetchSettings(), pages.append)
    crawl.add(absolute, "page")
    summary = asyncio.run(crawl.run())
    if pages:
        return pages[0]
    if summary.disallowed:
        why = next(iter(summary.disallowed))
        raise FetchError("disallowed by robots.txt" + ("" if why == RULES else f": {why}"))
    if summary.not_modified:
        raise FetchError(f"not modified since {crawl.settings.if_modified_since}")
    raise FetchError(crawl.last_failure or "no page")
