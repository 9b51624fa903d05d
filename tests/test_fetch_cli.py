"""``thresher fetch``, ``thresher extract URL`` and ``thresher run URL`` against a local web site."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from fastwarc.warc import WarcRecordType

from conftest import cli_env, run_cli
from fetch_support import Site, article, site_fixture, warc_responses, warc_types  # noqa: F401 (site is a fixture)


def thresher(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, cwd=cwd, timeout=240, text=True)


def table(output: str) -> dict[str, int]:
    """The rows of a closing table: label → number."""
    rows: dict[str, int] = {}
    for line in output.splitlines():
        cells = [cell.strip() for cell in re.split(r"[│|┃]", line) if cell.strip()]
        if len(cells) == 2 and re.fullmatch(r"[\d,]+", cells[1]):
            rows[cells[0]] = int(cells[1].replace(",", ""))
    return rows


def requested_paths(site: Site) -> list[str]:
    return [request.path for request, _response in site.server.log]


def test_sitemaps_feeds_and_a_url_list_fill_a_warc_with_allowed_pages_only(
    site: Site, tmp_path: Path
) -> None:
    site.robots("User-agent: *\nDisallow: /private/\n")
    site.page(
        "/sitemap-index.xml",
        site.sitemap_xml([site.url("/sitemap-1.xml.gz"), site.url("/sitemap-2.xml")], index=True),
        content_type="application/xml",
    )
    site.gzip_sitemap("/sitemap-1.xml.gz", [site.url("/a"), site.url("/b"), site.url("/private/x")])
    site.page("/sitemap-2.xml", site.sitemap_xml([site.url("/c"), site.url("/a")]), content_type="text/xml")
    site.page(
        "/rss.xml",
        site.rss([site.url("/d"), site.url("/e"), site.url("/private/y")]),
        content_type="application/rss+xml",
    )
    site.page("/atom.xml", site.atom([site.url("/f")]), content_type="application/atom+xml")
    for name in "abcdefg":
        site.page(f"/{name}")
    (tmp_path / "urls.txt").write_text(
        f"# pages to read\n\n{site.url('/g')}\n  {site.url('/a')}  \n{site.url('/sitemap-index.xml')}\n"
    )
    done = thresher(
        "fetch",
        site.url("/sitemap-index.xml"),
        site.url("/rss.xml"),
        site.url("/atom.xml"),
        "--urls",
        "urls.txt",
        "-o",
        "crawl.warc.gz",
        "--delay",
        "0",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    pages = warc_responses(tmp_path / "crawl.warc.gz")
    assert sorted(pages) == sorted(site.url(f"/{name}") for name in "abcdefg")
    assert all(b"Story" in body for body in pages.values())
    assert not any(path.startswith("/private") for path in requested_paths(site))
    types = warc_types(tmp_path / "crawl.warc.gz")
    assert sum(1 for kind, _url in types if kind == WarcRecordType.request) == 7
    rows = table(done.stdout)
    assert rows["fetched"] == 7
    assert rows["disallowed by robots.txt"] == 2
    assert rows["failed"] == 0
    assert rows["sitemaps read"] == 3 and rows["feeds read"] == 2
    assert rows["listed more than once (fetched once)"] == 3
    assert rows["not modified"] == 0


def test_failures_are_counted_by_reason(site: Site, tmp_path: Path) -> None:
    site.page("/robots.txt", b"not here", status=404)  # no robots.txt: everything allowed
    site.flaky("/flaky", failures=1)
    site.flaky("/down", failures=99, status=500)
    site.page("/missing", b"gone", status=404)
    site.redirect("/moved", site.url("/target"))
    site.page("/target")
    site.page("/big", b"<html><body>" + b"x" * 5000 + b"</body></html>")
    site.redirect("/loop-1", "/loop-2", status=302)
    site.redirect("/loop-2", "/loop-1", status=302)
    paths = ["/flaky", "/down", "/missing", "/moved", "/big", "/loop-1"]
    done = thresher(
        "fetch",
        *(site.url(path) for path in paths),
        "not a url",
        "-o",
        "out.warc.gz",
        "--delay",
        "0",
        "--backoff",
        "0",
        "--retries",
        "2",
        "--max-bytes",
        "2000",
        cwd=tmp_path,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    rows = table(done.stdout)
    assert rows["fetched"] == 2
    assert rows["failed"] == 5
    assert rows["HTTP 404"] == rows["HTTP 500"] == rows["too large"] == 1
    assert rows["redirect loop"] == 1 and rows["invalid URL"] == 1
    assert sorted(warc_responses(tmp_path / "out.warc.gz")) == [site.url("/flaky"), site.url("/target")]
    assert site.calls == {"/flaky": 2, "/down": 3}  # one retry was enough; two retries, then given up
    failure_lines = [line for line in done.stderr.splitlines() if line.startswith("thresher: ")]
    assert len(failure_lines) == 5
    assert any("/missing: HTTP 404" in line for line in failure_lines)
    assert any("/loop-1: redirect loop" in line for line in failure_lines)


def test_a_server_that_does_not_answer_times_out(site: Site, tmp_path: Path) -> None:
    site.robots("")
    site.hang("/slow")  # answers only when the test is over, long after the timeout
    site.page("/fine")
    urls = [site.url("/slow"), site.url("/fine")]
    done = thresher("fetch", *urls, "-o", "out.warc.gz", "--delay", "0", "--timeout", "3", cwd=tmp_path)
    assert done.returncode == 1
    rows = table(done.stdout)
    assert rows["timeout"] == 1 and rows["fetched"] == 1
    assert f"thresher: {site.url('/slow')}: timeout (ReadTimeout)" in done.stderr.splitlines()
    assert list(warc_responses(tmp_path / "out.warc.gz")) == [site.url("/fine")]


def test_an_unreachable_robots_txt_means_nothing_is_fetched(site: Site, tmp_path: Path) -> None:
    site.robots("oops", status=503)
    site.page("/a")
    done = thresher(
        "fetch", site.url("/a"), "-o", "out.warc.gz", "--delay", "0", "--retries", "0", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    rows = table(done.stdout)
    assert rows["disallowed by robots.txt"] == 1 and rows["robots.txt unreachable (HTTP 503)"] == 1
    assert requested_paths(site) == ["/robots.txt"]
    assert warc_responses(tmp_path / "out.warc.gz") == {}


def test_bad_command_lines_get_one_line(site: Site, tmp_path: Path) -> None:
    (tmp_path / "there.warc.gz").write_bytes(b"")
    exists = thresher("fetch", site.url("/a"), "-o", "there.warc.gz", cwd=tmp_path)
    assert exists.returncode == 1 and exists.stderr.strip().endswith("exists; choose another file name")
    assert thresher("fetch", "-o", "x.warc.gz", cwd=tmp_path).returncode == 2
    missing = thresher("fetch", "--urls", "nowhere.txt", "-o", "x.warc.gz", cwd=tmp_path)
    assert missing.returncode == 1 and "nowhere.txt: cannot read" in missing.stderr
    assert "Traceback" not in missing.stderr + exists.stderr
    bad_date = thresher(
        "fetch", site.url("/a"), "-o", "x.warc.gz", "--if-modified-since", "soon", cwd=tmp_path
    )
    assert bad_date.returncode == 2


def test_extract_url_prints_the_article(site: Site, tmp_path: Path) -> None:
    site.robots("User-agent: *\nDisallow: /private\n")
    site.redirect("/old", "/story")
    site.page("/story")
    site.page("/private")
    done = thresher("extract", site.url("/old"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Story story" in done.stdout and "story sentence number 3 tells the story." in done.stdout
    assert "Footer text" not in done.stdout
    as_json = json.loads(thresher("extract", "--format", "json", site.url("/old"), cwd=tmp_path).stdout)
    assert as_json["url"] == site.url("/story")  # the URL where the redirect ended
    refused = thresher("extract", site.url("/private"), cwd=tmp_path)
    assert refused.returncode == 1
    assert refused.stderr.strip() == f"thresher: {site.url('/private')}: disallowed by robots.txt"
    assert "/private" not in requested_paths(site)


def test_run_extracts_a_fetched_warc(site: Site, tmp_path: Path) -> None:
    site.robots("")
    site.page(
        "/sitemap.xml", site.sitemap_xml([site.url(f"/{n}") for n in "xyz"]), content_type="application/xml"
    )
    for name in "xyz":
        site.page(f"/{name}")
    fetched = thresher("fetch", site.url("/sitemap.xml"), "-o", "crawl.warc.gz", "--delay", "0", cwd=tmp_path)
    assert fetched.returncode == 0, fetched.stderr
    done = thresher("run", "crawl.warc.gz", "--jobs", "1", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    stats = json.loads(thresher("stats", "--json", cwd=tmp_path).stdout)
    assert stats["records"] == 3 and stats["by_status"] == {"extracted": 3}
    exported = [json.loads(line) for line in thresher("export", cwd=tmp_path).stdout.splitlines()]
    assert sorted(row["url"] for row in exported) == [site.url(f"/{n}") for n in "xyz"]
    assert all(f"Story {row['url'][-1]}" in json.dumps(row) for row in exported)


def test_run_fetches_urls_itself(site: Site, tmp_path: Path) -> None:
    site.robots("User-agent: *\nDisallow: /no\n")
    site.page(
        "/feed.xml", site.rss([site.url("/p"), site.url("/q"), site.url("/no")]), content_type="text/xml"
    )
    site.page("/p")
    site.page("/q")
    done = thresher(
        "run", site.url("/feed.xml"), "--store", "s.db", "--jobs", "1", "--warc", "f.warc.gz", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert sorted(warc_responses(tmp_path / "f.warc.gz")) == [site.url("/p"), site.url("/q")]
    stats = json.loads(thresher("stats", "--store", "s.db", "--json", cwd=tmp_path).stdout)
    assert stats["by_status"] == {"extracted": 2}
    beside = thresher("run", site.url("/p"), "--store", "t.db", "--jobs", "1", cwd=tmp_path)
    assert beside.returncode == 0, beside.stderr
    assert len(list(tmp_path.glob("t-fetch-*.warc.gz"))) == 1


def test_help_and_file_extraction_do_not_load_the_http_stack(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_bytes(article("local"))
    for args in (["--help"], ["extract", str(tmp_path / "page.html")]):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "thresher", *args],
            capture_output=True,
            text=True,
            env=cli_env(),
            timeout=120,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        loaded = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
        assert not loaded & {"httpx", "protego", "warcio", "feedparser", "thresher.fetch.crawl"}
