"""``thresher fetch``: URLs, sitemaps and feeds fetched politely into a WARC file.

Also the fetch step of ``thresher run`` when its sources include URLs. The HTTP
stack is imported when a fetch starts, not when the command line is read.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from thresher.errors import ThresherError
from thresher.fetch.settings import FetchSettings

__all__ = ["fetch_command", "fetch_url_sources"]

_DEFAULTS = FetchSettings()
_MAX_PROBLEM_LINES = 200


def _http_date(value: str | None) -> str | None:
    """An If-Modified-Since value from an ISO 8601 date or an HTTP date."""
    import email.utils

    if value is None:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            raise click.BadParameter(f"{value!r} is neither an ISO 8601 date nor an HTTP date") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return email.utils.format_datetime(when.astimezone(UTC), usegmt=True)


def _source_urls(sources: tuple[str, ...], url_files: tuple[str, ...]) -> list[str]:
    from thresher.fetch.urls import read_url_list

    urls = list(sources)
    for path in url_files:
        urls.extend(text for _number, text in read_url_list(path))
    return urls


def run_fetch(urls: list[str], output: str, settings: FetchSettings, *, quiet: bool) -> Any:
    """Fetch with a progress line and problem lines on stderr; return the ``FetchSummary``."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from thresher.fetch import fetch

    err = Console(stderr=True)
    problems = 0

    def on_problem(line: str) -> None:
        nonlocal problems
        problems += 1
        if quiet:
            return
        if problems <= _MAX_PROBLEM_LINES:
            err.print(f"thresher: {line}", markup=False, highlight=False, soft_wrap=True)
        elif problems == _MAX_PROBLEM_LINES + 1:
            err.print(
                "thresher: more failures not shown; the closing table counts them all",
                markup=False,
                highlight=False,
            )

    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.completed:,.0f} URLs"),
        TextColumn("{task.fields[detail]}"),
        TimeElapsedColumn(),
        console=err,
        disable=quiet,
        transient=False,
    )
    task = progress.add_task("fetch", total=None, detail="")

    def on_progress(summary: Any, waiting: int) -> None:
        progress.update(
            task,
            completed=summary.urls,
            detail=f"[green]{summary.fetched:,} fetched[/] "
            f"[red]{sum(summary.failed.values()):,} failed[/] "
            f"{sum(summary.disallowed.values()):,} disallowed {waiting:,} waiting",
        )

    with progress:
        return fetch(urls, output, settings=settings, on_problem=on_problem, on_progress=on_progress)


@click.command("fetch", short_help="Fetch URLs, sitemaps and feeds politely into a WARC file.")
@click.argument("sources", nargs=-1)
@click.option(
    "--urls",
    "url_files",
    multiple=True,
    metavar="FILE",
    help="A file of URLs, one a line (# starts a comment); - for standard input. Repeatable.",
)
@click.option(
    "--output",
    "-o",
    required=True,
    metavar="FILE.warc.gz",
    help="The WARC file to write (must not exist yet).",
)
@click.option(
    "--delay",
    type=click.FloatRange(min=0),
    default=_DEFAULTS.delay,
    show_default=True,
    help="Seconds between two requests to one host (a larger robots.txt Crawl-delay wins).",
)
@click.option(
    "--concurrency",
    type=click.IntRange(min=1),
    default=_DEFAULTS.concurrency,
    show_default=True,
    help="Requests in flight at once over all hosts (one per host).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=_DEFAULTS.read_timeout,
    show_default=True,
    help="Seconds to wait for a connection or for the next bytes of an answer.",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=_DEFAULTS.max_bytes,
    show_default=True,
    help="Largest page body in bytes; the download of a larger one stops and it counts as too large.",
)
@click.option(
    "--retries",
    type=click.IntRange(min=0),
    default=_DEFAULTS.retries,
    show_default=True,
    help="Retries after 429, 5xx and connection errors, with exponential backoff.",
)
@click.option(
    "--backoff",
    type=click.FloatRange(min=0),
    default=_DEFAULTS.backoff,
    show_default=True,
    help="Seconds before the first retry; doubled each time (a longer Retry-After wins).",
)
@click.option(
    "--max-redirects",
    type=click.IntRange(min=0),
    default=_DEFAULTS.max_redirects,
    show_default=True,
    help="Redirect hops followed from one URL.",
)
@click.option(
    "--max-pages",
    type=click.IntRange(min=1),
    default=None,
    help="Fetch at most this many page URLs (default: every one listed).",
)
@click.option(
    "--user-agent",
    default=_DEFAULTS.user_agent,
    show_default=True,
    help="The User-Agent header, also matched against robots.txt. Put your contact in it.",
)
@click.option(
    "--if-modified-since",
    metavar="DATE",
    default=None,
    help="Ask only for pages changed since DATE (ISO 8601 or HTTP date); others count as not modified.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress line and no failure lines.")
def fetch_command(
    sources: tuple[str, ...],
    url_files: tuple[str, ...],
    output: str,
    delay: float,
    concurrency: int,
    timeout: float,
    max_bytes: int,
    retries: int,
    backoff: float,
    max_redirects: int,
    max_pages: int | None,
    user_agent: str,
    if_modified_since: str | None,
    quiet: bool,
) -> None:
    """Fetch the pages of SOURCES (URLs of pages, sitemaps or RSS/Atom feeds) into a WARC file.

    Sitemaps (indexes and gzip included) and feeds are replaced by the pages they
    list; each page is fetched once. robots.txt is obeyed and each host gets one
    request at a time. Run `thresher run FILE.warc.gz` to extract the articles.
    Exit status: 0 when no URL failed (disallowed pages are not failures), 1 when
    some failed, 2 for a usage error.
    """
    try:
        urls = _source_urls(sources, url_files)
    except ThresherError as error:
        click.echo(f"thresher: {error}", err=True)
        sys.exit(1)
    if not urls:
        raise click.UsageError("no URL given: name SOURCES or --urls FILE")
    settings = FetchSettings(
        user_agent=user_agent,
        delay=delay,
        concurrency=concurrency,
        connect_timeout=min(timeout, _DEFAULTS.connect_timeout),
        read_timeout=timeout,
        max_bytes=max_bytes,
        retries=retries,
        backoff=backoff,
        max_redirects=max_redirects,
        max_pages=max_pages,
        if_modified_since=_http_date(if_modified_since),
    )
    try:
        summary = run_fetch(urls, output, settings, quiet=quiet)
    except ThresherError as error:
        click.echo(f"thresher: {error}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo(f"thresher: interrupted; {output} holds the pages fetched so far", err=True)
        sys.exit(130)
    _print_table(summary)
    sys.exit(0 if summary.ok else 1)


def _print_table(summary: Any) -> None:
    from rich.console import Console

    summary.render(Console())


def _warc_beside(store_path: str) -> str:
    """``thresher.db`` → ``thresher-fetch-20260101T120000Z.warc.gz`` in the store's folder."""
    store = Path(store_path)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate = store.with_name(f"{store.stem}-fetch-{stamp}.warc.gz")
    number = 1
    while candidate.exists():
        number += 1
        candidate = store.with_name(f"{store.stem}-fetch-{stamp}-{number}.warc.gz")
    return str(candidate)


def fetch_url_sources(
    sources: tuple[str, ...], store_path: str, warc: str | None, quiet: bool
) -> tuple[tuple[str, ...], bool]:
    """For ``thresher run``: fetch the URL sources into a WARC beside the store (or at ``warc``)
    and put that WARC in their place. Returns the sources to run over, and whether every
    URL was fetched without failure. Exits with status 1 when the WARC cannot be written."""
    from thresher.fetch.urls import is_web_url

    urls = [source for source in sources if is_web_url(source)]
    if not urls:
        return sources, True
    output = warc or _warc_beside(store_path)
    try:
        summary = run_fetch(urls, output, _DEFAULTS, quiet=quiet)
    except ThresherError as error:
        click.echo(f"thresher: {error}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo(f"thresher: interrupted; {output} holds the pages fetched so far", err=True)
        sys.exit(130)
    _print_table(summary)
    return (*(source for source in sources if not is_web_url(source)), output), summary.ok
