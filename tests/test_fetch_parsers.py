"""Sitemap, feed and document-kind parsers: small documents written for the test, and any bytes."""

from __future__ import annotations

import gzip

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thresher.errors import ThresherError
from thresher.fetch.documents import UnpackedTooLarge, document_kind, gunzip_bounded
from thresher.fetch.feeds import parse_feed
from thresher.fetch.sitemaps import parse_sitemap
from thresher.fetch.urls import absolute_url, host_of, read_url_list

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def test_a_urlset_lists_its_pages_once_in_order() -> None:
    body = (
        f'<?xml version="1.0"?><urlset {NS}><url><loc> https://a.test/1 </loc><lastmod>2026-01-01</lastmod>'
        f"</url><url><loc>/2</loc></url><url><loc>https://a.test/1#top</loc></url>"
        f"<url><loc>mailto:x@a.test</loc></url><url><loc>https://a.test/q?a=1&amp;b=2</loc></url></urlset>"
    )
    sitemap = parse_sitemap(body.encode(), "https://a.test/sitemap.xml")
    assert sitemap.pages == ["https://a.test/1", "https://a.test/2", "https://a.test/q?a=1&b=2"]
    assert sitemap.sitemaps == []


def test_a_text_sitemap_lists_one_url_a_line() -> None:
    body = b"https://a.test/1\r\n\n  https://a.test/2  \nhttps://a.test/1\n"
    assert document_kind(body) == "sitemap"
    assert parse_sitemap(body).pages == ["https://a.test/1", "https://a.test/2"]
    assert document_kind(b"https://a.test/1\nand some prose\n") == "page"


def test_a_sitemap_index_lists_sitemaps() -> None:
    body = f"<sitemapindex {NS}><sitemap><loc>https://a.test/s1.xml.gz</loc></sitemap></sitemapindex>"
    assert parse_sitemap(body.encode()).sitemaps == ["https://a.test/s1.xml.gz"]


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"<html><body>hi</body></html>",
        b"<urlset><url><loc>x</url>",
        b'<?xml version="1.0" encoding="nonsense"?><urlset/>',
    ],
)
def test_what_is_no_sitemap_raises_a_fetch_error(body: bytes) -> None:
    with pytest.raises(ThresherError):
        parse_sitemap(body)


def test_entity_expansion_is_refused() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(8))
        + b"]><urlset><url><loc>&i;</loc></url></urlset>"
    )
    with pytest.raises(ThresherError):
        parse_sitemap(bomb)


def test_rss_atom_and_rdf_feeds_give_their_links() -> None:
    rss = (
        b'<rss version="2.0"><channel><title>t</title><item><link>/one</link></item>'
        b'<item><guid isPermaLink="true">https://a.test/two</guid></item><item><title>no link</title></item>'
        b"</channel></rss>"
    )
    assert parse_feed(rss, "https://a.test/feed") == ["https://a.test/one", "https://a.test/two"]
    atom = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><id>urn:x</id>'
        b'<link rel="alternate" href="https://a.test/three"/><link rel="edit" href="https://a.test/edit"/>'
        b"</entry></feed>"
    )
    assert parse_feed(atom) == ["https://a.test/three"]
    rdf = (
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">'
        b'<channel rdf:about="https://a.test/"><title>t</title></channel>'
        b'<item rdf:about="https://a.test/four"><title>4</title><link>https://a.test/four</link></item></rdf:RDF>'
    )
    assert parse_feed(rdf) == ["https://a.test/four"]
    assert [document_kind(doc) for doc in (rss, atom, rdf)] == ["feed"] * 3


def test_document_kinds() -> None:
    assert document_kind(f"\ufeff<?xml version='1.0'?>\n<!-- c --><urlset {NS}/>".encode()) == "sitemap"
    assert document_kind(f"<sitemapindex {NS}></sitemapindex>".encode()) == "sitemap"
    assert document_kind(b"<!DOCTYPE html><html><meta charset=utf-8><p>text") == "page"
    assert document_kind(b"plain text") == "page"
    assert document_kind(b"") == "page"


def test_gzip_is_unpacked_within_a_bound() -> None:
    assert gunzip_bounded(b"plain", 10) == b"plain"
    assert gunzip_bounded(gzip.compress(b"abc") + gzip.compress(b"def"), 10) == b"abcdef"
    with pytest.raises(UnpackedTooLarge):
        gunzip_bounded(gzip.compress(b"x" * 1000), 100)
    with pytest.raises(ThresherError):
        gunzip_bounded(gzip.compress(b"x" * 1000)[:20], 10_000)


def test_urls() -> None:
    assert absolute_url("HTTPS://a.test") == "https://a.test/"
    assert absolute_url("page#frag", "http://a.test/dir/") == "http://a.test/dir/page"
    for bad in (
        "ftp://a.test/",
        "javascript:alert(1)",
        "http://",
        "http://a.test:99999/",
        "",
        "http://a\n.test/",
    ):
        assert absolute_url(bad) is None
    assert host_of("https://User@A.test:8080/x") == "https://a.test:8080"


def test_url_list_files(tmp_path) -> None:  # type: ignore[no-untyped-def]
    listing = tmp_path / "urls.txt"
    listing.write_text("# a comment\n\nhttps://a.test/1\n   https://a.test/2  \n#https://a.test/3\n")
    assert list(read_url_list(str(listing))) == [(3, "https://a.test/1"), (4, "https://a.test/2")]
    with pytest.raises(ThresherError):
        list(read_url_list(str(tmp_path / "missing.txt")))


def _xmlish() -> st.SearchStrategy[bytes]:
    """Bytes that look like sitemaps and feeds often enough to reach deep into the parsers."""
    pieces = st.sampled_from(
        [
            b"<?xml version='1.0'?>",
            f"<urlset {NS}>".encode(),
            b"</urlset>",
            b"<sitemapindex>",
            b"</sitemapindex>",
            b"<url>",
            b"</url>",
            b"<sitemap>",
            b"</sitemap>",
            b"<loc>",
            b"</loc>",
            b"https://a.test/x",
            b"/rel",
            b"<rss version='2.0'>",
            b"<channel>",
            b"<item>",
            b"<link>",
            b"</link>",
            b"</item>",
            b"&amp;",
            b"&bogus;",
            b'<feed xmlns="http://www.w3.org/2005/Atom">',
            b"<entry>",
            b'<link href="h"/>',
            b"<!DOCTYPE x>",
            b"\xff\xfe",
            b"\x00",
            b"]]>",
            b"<![CDATA[",
            b"\x1f\x8b\x08",
        ]
    )
    return st.one_of(
        st.binary(max_size=300), st.lists(st.one_of(pieces, st.binary(max_size=8)), max_size=40).map(b"".join)
    )


@settings(deadline=None, max_examples=300)
@given(_xmlish())
def test_any_bytes_give_urls_or_a_thresher_error(body: bytes) -> None:
    for parse in (
        lambda: parse_sitemap(body, "https://a.test/").pages,
        lambda: parse_feed(body, "https://a.test/"),
        lambda: gunzip_bounded(body, 10_000),
    ):
        try:
            result = parse()
        except ThresherError:
            continue
        assert isinstance(result, list | bytes)
        if isinstance(result, list):
            assert all(isinstance(url, str) and url.startswith(("http://", "https://")) for url in result)
    assert document_kind(body) in ("sitemap", "feed", "page")
