"""Choosing a page's publication date among its sources: small pages written for each
behaviour (which source wins, and when the page's own display settles it)."""

from __future__ import annotations

from thresher.html.metadata import read_metadata
from thresher.html.parse import parse_document


def published_day(html: str, url: str | None = None) -> str | None:
    moment = read_metadata(parse_document(html), url).published
    return moment.date().isoformat() if moment else None


def page(head: str, header: str, body: str = "<p>The council met for an hour.</p>") -> str:
    return (
        f"<html><head>{head}</head><body><main><article><header><h1>Bridge reopens</h1>"
        f"{header}</header>{body}</article></main></body></html>"
    )


def jsonld(published: str, modified: str) -> str:
    return (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Article",'
        f' "headline": "Bridge reopens", "datePublished": "{published}", "dateModified": "{modified}"}}'
        "</script>"
    )


# ----------------------------------------------------------------------------- shown as updated
def test_a_page_showing_its_modified_date_unlabelled_is_dated_by_it() -> None:
    html = page(jsonld("2019-04-02T10:00:00+02:00", "2021-03-05T09:00:00+01:00"), "<p>March 5, 2021</p>")
    assert published_day(html) == "2021-03-05"


def test_a_modified_date_labelled_as_an_update_is_not_the_publication() -> None:
    head = jsonld("2019-04-02T10:00:00+02:00", "2021-03-05T09:00:00+01:00")
    for label in ("Updated", "Last updated on", "Aktualisiert am", "Mis à jour le"):
        html = page(head, f"<p>By Ann Example · {label} <time>March 5, 2021</time></p>")
        assert published_day(html) == "2019-04-02", label
        html = page(head, f"<p>By Ann Example</p><p>{label} March 5, 2021</p>")
        assert published_day(html) == "2019-04-02", label


def test_an_update_class_marks_the_date_as_an_update() -> None:
    head = jsonld("2019-04-02T10:00:00+02:00", "2021-03-05T09:00:00+01:00")
    html = page(head, '<p class="last-updated">March 5, 2021</p>')
    assert published_day(html) == "2019-04-02"


def test_a_page_showing_its_publication_date_keeps_it() -> None:
    head = jsonld("2019-04-02T10:00:00+02:00", "2021-03-05T09:00:00+01:00")
    assert published_day(page(head, "<p>April 2, 2019</p>")) == "2019-04-02"
    html = page(head, "<p>Updated March 5, 2021 · Originally published April 2, 2019</p>")
    assert published_day(html) == "2019-04-02"


def test_the_last_post_of_a_thread_is_not_its_date() -> None:
    head = jsonld("2024-01-03T11:23:42-05:00", "2024-09-26T01:50:27-04:00")
    html = page(head, "<p>Last post by reader7 <time>Sep 26, 2024</time></p>")
    assert published_day(html) == "2024-01-03"


def test_no_modified_date_no_change() -> None:
    head = jsonld("2019-04-02T10:00:00+02:00", "2019-04-02T12:00:00+02:00")
    assert published_day(page(head, "<p>March 5, 2021</p>")) == "2019-04-02"


# ----------------------------------------------------------------------------- the URL path
def test_the_day_in_the_url_comes_before_dates_read_off_the_page() -> None:
    html = page(
        "",
        "",
        "<p>The centre was opened on 18 October 2021 by the mayor.</p>"
        '<aside><a href="/2021/01/19/older">19.01.2021 - An older story</a></aside>',
    )
    assert published_day(html, "https://news.example/2021/10/20/centre-opens/") == "2021-10-20"
    assert published_day(html, "https://news.example/centre-opens/") == "2021-10-18"


def test_stated_metadata_comes_before_the_day_in_the_url() -> None:
    head = '<meta property="article:published_time" content="2021-10-22T09:00:00+02:00">'
    assert published_day(page(head, ""), "https://news.example/2021/10/20/centre-opens/") == "2021-10-22"


# ----------------------------------------------------------------------------- microdata
def test_the_first_dated_microdata_item_is_the_pages_own() -> None:
    html = (
        '<html><body><div itemscope itemtype="https://schema.org/QAPage"><h1>Keeping basil alive</h1>'
        '<div itemprop="mainEntity" itemscope itemtype="https://schema.org/Question">'
        '<time itemprop="dateCreated" datetime="2012-06-29 10:51:01Z">asked 13 years ago</time>'
        '<div class="comment" itemscope itemtype="https://schema.org/Comment">'
        '<span itemprop="datePublished" content="2016-03-17 13:23:29 +00:00"></span>Water less.</div>'
        '<div itemprop="suggestedAnswer" itemscope itemtype="https://schema.org/Answer">'
        '<time itemprop="dateCreated" datetime="2012-07-07 03:07:36Z">answered</time>Prune it.</div>'
        "</div></div></body></html>"
    )
    assert published_day(html) == "2012-06-29"
