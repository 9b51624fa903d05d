"""The fetch loop: takes URLs from the frontier, asks robots.txt, fetches, follows redirects,
retries, expands sitemaps and feeds, and hands each page to a sink.

It runs on one asyncio event loop: many hosts are fetched at once while each host
sees one request at a time, and the sink (a WARC file) is written from one thread.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import replace

import httpx

from thresher.errors import FetchError
from thresher.fetch.documents import UnpackedTooLarge, document_kind, gunzip_bounded
from thresher.fetch.exchange import Exchange, Failed, retry_after_seconds
from thresher.fetch.feeds import parse_feed
from thresher.fetch.frontier import Frontier, Job, Role
from thresher.fetch.http import get, make_client
from thresher.fetch.robots import MAX_ROBOTS_BYTES, RobotsRules
from thresher.fetch.settings import FetchSettings
from thresher.fetch.sitemaps import parse_sitemap
from thresher.fetch.summary import FetchSummary
from thresher.fetch.urls import absolute_url, robots_url

__all__ = ["Crawl"]

#: Redirects followed to reach a robots.txt (RFC 9309 asks for at least five).
_ROBOTS_REDIRECTS = 5
_PROGRESS_SECONDS = 0.1
RULES = "by its rules"


class Crawl:
    """One fetch: add URLs, then ``await run()``; every page fetched goes to ``sink``."""

    def __init__(
        self,
        settings: FetchSettings,
        sink: Callable[[Exchange], None],
        *,
        on_problem: Callable[[str], None] | None = None,
        on_progress: Callable[[FetchSummary, int], None] | None = None,
    ) -> None:
        self.settings = settings
        self.sink = sink
        self.on_problem = on_problem or (lambda line: None)
        self.on_progress = on_progress or (lambda summary, waiting: None)
        self.summary = FetchSummary()
        self.frontier = Frontier()
        self._robots: dict[str, RobotsRules] = {}
        self._robots_attempts: dict[str, int] = {}
        self._listed: set[str] = set()
        self._page_count = 0
        self._last_progress = 0.0
        #: The reason and detail of the latest failure (``fetch_page`` reports it).
        self.last_failure = ""

    # ------------------------------------------------------------------ adding URLs
    def add(self, url: str, role: Role = "source", depth: int = 0) -> None:
        """Queue ``url`` (an absolute http(s) URL) unless it was listed before."""
        if url in self._listed:
            self.summary.duplicates += 1
            return
        if role != "sitemap":
            limit = self.settings.max_pages
            if limit is not None and self._page_count >= limit:
                self.summary.over_limit += 1
                return
            self._page_count += 1
        self._listed.add(url)
        self.frontier.add(Job(url, role, depth))

    def fail_job(self, job: Job, reason: str, detail: str = "") -> None:
        """Count ``job`` failed under the URL it was listed as, naming where redirects led."""
        if job.redirects:
            detail = f"{detail}; redirected to {job.url}".lstrip("; ")
        self.fail(job.origin, reason, detail)

    def fail(self, url: str, reason: str, detail: str = "") -> None:
        self.summary.failed[reason] += 1
        self.last_failure = reason + (f" ({detail})" if detail else "")
        self.on_problem(f"{url}: {self.last_failure}")

    # ------------------------------------------------------------------ the loop
    async def run(self) -> FetchSummary:
        started = time.monotonic()
        loop = asyncio.get_running_loop()
        in_flight: dict[asyncio.Task[float], str] = {}
        async with make_client(self.settings) as client:
            try:
                while True:
                    now = loop.time()
                    while len(in_flight) < self.settings.concurrency:
                        job = self.frontier.take(now)
                        if job is None:
                            break
                        in_flight[asyncio.create_task(self._process(client, job))] = job.host
                    wake = self.frontier.next_ready_time()
                    if not in_flight:
                        if wake is None:
                            break
                        await asyncio.sleep(max(0.0, wake - now))
                        continue
                    timeout = None
                    if wake is not None and len(in_flight) < self.settings.concurrency:
                        timeout = max(0.0, wake - now)
                    done, _pending = await asyncio.wait(
                        in_flight, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
                    )
                    for task in done:
                        host = in_flight.pop(task)
                        self.frontier.release(host, task.result())
                    self._progress()
            finally:
                for task in in_flight:
                    task.cancel()
                if in_flight:
                    await asyncio.gather(*in_flight, return_exceptions=True)
        self.summary.seconds = time.monotonic() - started
        self.on_progress(self.summary, 0)
        return self.summary

    def _progress(self) -> None:
        now = time.monotonic()
        if now - self._last_progress >= _PROGRESS_SECONDS:
            self._last_progress = now
            self.on_progress(self.summary, self.frontier.waiting)

    # ------------------------------------------------------------------ one URL
    async def _process(self, client: httpx.AsyncClient, job: Job) -> float:
        """Handle one job; return when its host may be asked again (event loop time)."""
        loop = asyncio.get_running_loop()
        rules = self._robots.get(job.host)
        if rules is None:
            return await self._read_robots(client, job)
        if not rules.allows(job.url, self.settings.user_agent):
            self.summary.disallowed[rules.unavailable or RULES] += 1
            return 0.0  # nothing was sent: the host's pause is not due
        headers = {}
        if self.settings.if_modified_since:
            headers["If-Modified-Since"] = self.settings.if_modified_since
        limit = self.settings.max_bytes if job.role == "page" else self.settings.max_sitemap_bytes
        result = await get(client, job.url, self.settings, limit=limit, headers=headers)
        self.summary.requests += 1
        crawl_delay = min(rules.crawl_delay(self.settings.user_agent), self.settings.max_crawl_delay)
        next_time = loop.time() + max(self.settings.delay, crawl_delay)
        if isinstance(result, Failed):
            if result.retryable:
                return self._retry(job, next_time, result.reason, result.detail, None)
            self.fail_job(job, result.reason, result.detail)
            return next_time
        status = result.status
        if 200 <= status < 300:
            self._handle_body(job, result)
        elif status == 304:
            self.summary.not_modified += 1
        elif 300 <= status < 400:
            self._redirect(job, result)
        elif status == 429 or status >= 500:
            return self._retry(
                job,
                next_time,
                f"HTTP {status}",
                result.reason,
                retry_after_seconds(result.header("Retry-After")),
            )
        else:
            self.fail_job(job, f"HTTP {status}", result.reason)
        return next_time

    def _retry(
        self, job: Job, next_time: float, reason: str, detail: str, retry_after: float | None
    ) -> float:
        """Queue ``job`` again after a pause, or count it failed when its retries are spent."""
        settings = self.settings
        if job.attempt >= settings.retries:
            self.fail_job(job, reason, f"{detail}; gave up after {job.attempt + 1} attempts".lstrip("; "))
            return next_time
        if retry_after is not None and retry_after > settings.max_retry_after:
            self.fail_job(
                job, reason, f"Retry-After {retry_after:g} s is longer than {settings.max_retry_after:g} s"
            )
            return next_time
        wait = max(settings.backoff * 2.0**job.attempt, retry_after or 0.0)
        self.frontier.add(replace(job, attempt=job.attempt + 1), front=True)
        return max(next_time, asyncio.get_running_loop().time() + wait)

    def _redirect(self, job: Job, result: Exchange) -> None:
        target = absolute_url(result.header("Location") or "", result.url)
        if target is None:
            self.fail_job(job, "bad redirect", f"HTTP {result.status} to {result.header('Location')!r}")
        elif target == job.url or target in job.redirects:
            self.fail_job(job, "redirect loop", target)
        elif len(job.redirects) >= self.settings.max_redirects:
            self.fail_job(job, "too many redirects", f"more than {self.settings.max_redirects}")
        else:
            self.frontier.add(Job(target, job.role, job.depth, (*job.redirects, job.url)), front=True)

    def _handle_body(self, job: Job, result: Exchange) -> None:
        if job.role == "page":
            self._keep(result)
            return
        try:
            body = gunzip_bounded(result.body, self.settings.max_sitemap_bytes)
        except UnpackedTooLarge as error:
            self.fail_job(job, "too large", str(error))
            return
        except FetchError as error:
            self.fail_job(job, "unreadable sitemap or feed", str(error))
            return
        kind = document_kind(body)
        if kind == "page":
            if job.role == "sitemap":
                self.fail_job(job, "not a sitemap", "listed by a sitemap index")
            elif len(result.body) > self.settings.max_bytes:
                self.fail_job(job, "too large", f"more than {self.settings.max_bytes:,} bytes")
            else:
                self._keep(result)
            return
        if job.role == "source":
            self._page_count -= 1  # a sitemap or feed is no page: its place under max_pages goes to its pages
        try:
            if kind == "feed":
                urls = parse_feed(body, result.url)
                self.summary.feeds += 1
            else:
                sitemap = parse_sitemap(body, result.url)
                self.summary.sitemaps += 1
                urls = sitemap.pages
                for child in sitemap.sitemaps:
                    if job.depth >= self.settings.max_sitemap_depth:
                        self.fail(
                            child,
                            "sitemap index nested too deep",
                            f"deeper than {self.settings.max_sitemap_depth}",
                        )
                    else:
                        self.add(child, "sitemap", job.depth + 1)
        except FetchError as error:
            self.fail_job(job, f"invalid {kind}", str(error))
            return
        for url in urls:
            self.add(url, "page")

    def _keep(self, result: Exchange) -> None:
        self.sink(result)
        self.summary.fetched += 1
        self.summary.bytes += len(result.body)

    # ------------------------------------------------------------------ robots.txt
    async def _read_robots(self, client: httpx.AsyncClient, job: Job) -> float:
        """Fetch and parse the robots.txt of ``job``'s host, then queue ``job`` again."""
        loop = asyncio.get_running_loop()
        host = job.host
        url = robots_url(job.url)
        rules: RobotsRules | None = None
        retry: tuple[str, float | None] | None = None
        for _hop in range(_ROBOTS_REDIRECTS + 1):
            result = await get(client, url, self.settings, limit=MAX_ROBOTS_BYTES, truncate=True)
            self.summary.requests += 1
            if isinstance(result, Failed):
                if result.retryable:
                    retry = (f"robots.txt unreachable ({result.reason})", None)
                else:
                    rules = RobotsRules.unreachable(f"robots.txt unreachable ({result.reason})")
            elif 200 <= result.status < 300:
                rules = RobotsRules.parse(result.body)
            elif 300 <= result.status < 400 and result.header("Location"):
                target = absolute_url(result.header("Location") or "", result.url)
                if target is not None:
                    url = target
                    continue
                rules = RobotsRules.missing()
            elif result.status == 429 or result.status >= 500:
                retry = (
                    f"robots.txt unreachable (HTTP {result.status})",
                    retry_after_seconds(result.header("Retry-After")),
                )
            else:  # 4xx: no rules
                rules = RobotsRules.missing()
            break
        else:  # too many redirects: RFC 9309 treats robots.txt as unavailable, i.e. no rules
            rules = RobotsRules.missing()
        next_time = loop.time() + self.settings.delay
        if rules is None and retry is not None:
            attempt = self._robots_attempts.get(host, 0)
            reason, retry_after = retry
            if attempt < self.settings.retries and (retry_after or 0.0) <= self.settings.max_retry_after:
                self._robots_attempts[host] = attempt + 1
                self.frontier.add(job, front=True)
                return max(
                    next_time, loop.time() + max(self.settings.backoff * 2.0**attempt, retry_after or 0.0)
                )
            rules = RobotsRules.unreachable(reason)
        assert rules is not None
        self._robots[host] = rules
        self.frontier.add(job, front=True)
        crawl_delay = min(rules.crawl_delay(self.settings.user_agent), self.settings.max_crawl_delay)
        return max(next_time, loop.time() + crawl_delay)
