"""The fetch API in process, against a local web site: politeness rules and what the WARC holds."""

from __future__ import annotations

import gzip
import threading
from pathlib import Path

import pytest
from werkzeug import Request, Response

from fetch_support import Site, article, site_fixture, warc_responses  # noqa: F401 (site is a fixture)
from thresher.corpus.records import InputRecord
from thresher.corpus.warc import iter_warc
from thresher.errors import FetchError
from thresher.fetch import FetchSettings, fetch, fetch_page
from thresher.fetch.exchange import retry_after_seconds
from thresher.fetch.frontier import Frontier, Job
from thresher.fetch.robots import RobotsRules

FAST = FetchSettings(delay=0, backoff=0, retries=1)


def paths(site: Site) -> list[str]:
    return [request.path for request, _response in site.server.log]


def test_each_redirect_hop_is_checked_against_robots_txt(site: Site, tmp_path: Path) -> None:
    site.robots("User-agent: thresher\nDisallow: /members/\n")
    site.redirect("/go", "/members/story", status=302)
    site.page("/members/story")
    summary = fetch([site.url("/go")], tmp_path / "out.warc.gz", settings=FAST)
    assert dict(summary.disallowed) == {"by its rules": 1} and summary.fetched == 0
    assert "/members/story" not in paths(site)


def test_robots_rules_for_another_agent_do_not_apply(site: Site, tmp_path: Path) -> None:
    site.robots("User-agent: otherbot\nDisallow: /\n")
    site.page("/a")
    assert fetch([site.url("/a")], tmp_path / "out.warc.gz", settings=FAST).fetched == 1


def test_a_redirected_robots_txt_is_followed(site: Site, tmp_path: Path) -> None:
    site.redirect("/robots.txt", "/real-robots.txt")
    site.page("/real-robots.txt", b"User-agent: *\nDisallow: /b\n", content_type="text/plain")
    site.page("/a")
    site.page("/b")
    summary = fetch([site.url("/a"), site.url("/b")], tmp_path / "out.warc.gz", settings=FAST)
    assert summary.fetched == 1 and sum(summary.disallowed.values()) == 1


def test_one_request_at_a_time_per_host(site: Site, tmp_path: Path) -> None:
    site.robots("")
    lock = threading.Lock()
    active: dict[str, int] = {}
    most: dict[str, int] = {}

    def handler(request: Request) -> Response:
        host = request.host
        with lock:
            active[host] = active.get(host, 0) + 1
            most[host] = max(most.get(host, 0), active[host])
        try:
            return Response(article(request.path.strip("/")), content_type="text/html")
        finally:
            with lock:
                active[host] -= 1

    for number in range(6):
        site.server.expect_request(f"/p{number}").respond_with_handler(handler)
    other = site.url("/").replace("localhost", "127.0.0.1")  # the same server as a second host
    urls = [site.url(f"/p{n}") for n in range(6)] + [f"{other}p{n}" for n in range(6)]
    summary = fetch(urls, tmp_path / "out.warc.gz", settings=FetchSettings(delay=0, concurrency=8))
    assert summary.fetched == 12
    assert set(most.values()) == {1}


def test_the_user_agent_names_thresher(site: Site, tmp_path: Path) -> None:
    site.robots("")
    site.page("/a")
    fetch([site.url("/a")], tmp_path / "out.warc.gz", settings=FAST)
    agents = {request.headers.get("User-Agent") for request, _response in site.server.log}
    assert len(agents) == 1 and agents.pop().startswith("thresher/")
    custom = FetchSettings(delay=0, user_agent="mybot/2 (me@example.test)")
    site.server.clear_log()
    fetch([site.url("/a")], tmp_path / "again.warc.gz", settings=custom)
    assert {r.headers.get("User-Agent") for r, _ in site.server.log} == {"mybot/2 (me@example.test)"}


def test_not_modified_is_counted(site: Site, tmp_path: Path) -> None:
    site.robots("")
    seen: list[str | None] = []

    def handler(request: Request) -> Response:
        seen.append(request.headers.get("If-Modified-Since"))
        return Response(status=304)

    site.server.expect_request("/a").respond_with_handler(handler)
    settings = FetchSettings(delay=0, if_modified_since="Mon, 07 Dec 2026 00:00:00 GMT")
    summary = fetch([site.url("/a")], tmp_path / "out.warc.gz", settings=settings)
    assert summary.not_modified == 1 and summary.fetched == 0 and summary.ok
    assert seen == ["Mon, 07 Dec 2026 00:00:00 GMT"]


def test_a_streamed_body_over_the_limit_is_cut(site: Site, tmp_path: Path) -> None:
    site.robots("")

    def endless(request: Request) -> Response:  # no Content-Length: the limit is found while reading
        return Response((b"<p>" + b"x" * 1000 for _ in range(1000)), content_type="text/html")

    site.server.expect_request("/endless").respond_with_handler(endless)
    settings = FetchSettings(delay=0, max_bytes=10_000)
    summary = fetch([site.url("/endless")], tmp_path / "out.warc.gz", settings=settings)
    assert dict(summary.failed) == {"too large": 1}
    with pytest.raises(FetchError, match="too large"):
        fetch_page(site.url("/endless"), settings=settings)


def test_a_long_retry_after_ends_the_retries(site: Site, tmp_path: Path) -> None:
    site.robots("")
    site.page("/busy", b"later", status=429, headers={"Retry-After": "86400"})
    summary = fetch([site.url("/busy")], tmp_path / "out.warc.gz", settings=FetchSettings(delay=0, retries=3))
    assert dict(summary.failed) == {"HTTP 429": 1}
    assert paths(site).count("/busy") == 1


def test_max_pages_and_nested_sitemap_depth(site: Site, tmp_path: Path) -> None:
    site.robots("")
    site.page("/i0.xml", site.sitemap_xml([site.url("/i1.xml")], index=True))
    site.page("/i1.xml", site.sitemap_xml([site.url("/i2.xml")], index=True))
    site.page("/i2.xml", site.sitemap_xml([site.url("/s.xml")], index=True))
    site.page("/s.xml", site.sitemap_xml([site.url(f"/p{n}") for n in range(5)]))
    for number in range(5):
        site.page(f"/p{number}")
    shallow = fetch(
        [site.url("/i0.xml")], tmp_path / "a.warc.gz", settings=FetchSettings(delay=0, max_sitemap_depth=2)
    )
    assert dict(shallow.failed) == {"sitemap index nested too deep": 1} and shallow.fetched == 0
    limited = fetch(
        [site.url("/i0.xml")], tmp_path / "b.warc.gz", settings=FetchSettings(delay=0, max_pages=2)
    )
    assert limited.fetched == 2 and limited.over_limit == 3 and limited.sitemaps == 4


def test_encoded_bodies_are_stored_decoded_and_read_back_by_run(site: Site, tmp_path: Path) -> None:
    site.robots("")
    site.page("/zipped", gzip.compress(article("zipped")), headers={"Content-Encoding": "gzip"})
    site.page("/plain")
    site.page("/image", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    output = tmp_path / "out.warc.gz"
    assert fetch([site.url(p) for p in ("/zipped", "/plain", "/image")], output, settings=FAST).fetched == 3
    bodies = warc_responses(output)
    assert bodies[site.url("/zipped")] == article("zipped")
    records = [item for item in iter_warc(str(output)) if isinstance(item, InputRecord)]
    assert sorted(r.provenance.url or "" for r in records) == [site.url("/plain"), site.url("/zipped")]
    assert all(r.payload.startswith(b"<html>") for r in records)


def test_fetch_page_errors_say_why(site: Site) -> None:
    site.robots("")
    site.page("/gone", b"", status=410)
    with pytest.raises(FetchError, match=r"^HTTP 410"):
        fetch_page(site.url("/gone"), settings=FAST)
    with pytest.raises(FetchError, match="not an http"):
        fetch_page("file:///etc/passwd")


def test_retry_after_values() -> None:
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


def test_robots_rules() -> None:
    rules = RobotsRules.parse(b"User-agent: *\nCrawl-delay: 5\nDisallow: /x\n")
    assert rules.crawl_delay("thresher/1") == 5 and not rules.allows("http://a.test/x", "thresher/1")
    assert RobotsRules.missing().allows("http://a.test/x", "thresher/1")
    assert not RobotsRules.unreachable("robots.txt unreachable (timeout)").allows("http://a.test/", "t")


def test_the_frontier_serves_hosts_in_turn_and_waits_for_their_pause() -> None:
    frontier = Frontier()
    for url in ("http://a.test/1", "http://a.test/2", "http://a.test/3", "http://b.test/1"):
        frontier.add(Job(url, "page"))
    first = frontier.take(0.0)
    second = frontier.take(0.0)
    assert first is not None and second is not None
    assert (first.url, second.url) == ("http://a.test/1", "http://b.test/1")
    assert frontier.take(0.0) is None  # a.test is busy, b.test has nothing left
    frontier.release("http://a.test", 5.0)
    assert frontier.take(4.9) is None and frontier.next_ready_time() == 5.0
    third = frontier.take(5.0)
    assert third is not None and third.url == "http://a.test/2"
    assert frontier.waiting == 1


def test_a_robots_txt_that_times_out_disallows_its_host(site: Site, tmp_path: Path) -> None:
    site.hang("/robots.txt")
    site.page("/a")
    settings = FetchSettings(delay=0, read_timeout=1)
    summary = fetch([site.url("/a")], tmp_path / "out.warc.gz", settings=settings)
    assert dict(summary.disallowed) == {"robots.txt unreachable (timeout)": 1}
    assert paths(site) == []  # the hanging request is still unanswered; /a was never asked
