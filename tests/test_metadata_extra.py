"""Modified date, tags and lead image: read from JSON-LD and meta tags, in order of trust."""

from __future__ import annotations

from datetime import UTC, datetime

from thresher import Article, extract

BODY = (
    "<body><article><h1>Harbour reopens</h1><p>The old harbour reopened on Monday after two years "
    "of repairs to its sea wall and piers, and the boats came back.</p></article></body>"
)


def page(head: str) -> str:
    return f"<html><head><title>Harbour reopens</title>{head}</head>{BODY}</html>"


def test_meta_tags_give_modified_tags_and_image() -> None:
    article = extract(
        page(
            '<meta property="article:modified_time" content="2024-05-02T10:00:00Z">'
            '<meta property="article:tag" content="Harbours"><meta property="article:tag" content="fishing">'
            '<meta property="article:tag" content="Fishing">'
            '<meta property="og:image" content="/img/lead.jpg">'
        ),
        url="https://example.org/news/harbour",
    )
    assert article.modified == datetime(2024, 5, 2, 10, 0, tzinfo=UTC)
    assert article.tags == ("Harbours", "fishing")
    assert article.image == "https://example.org/img/lead.jpg"


def test_jsonld_keywords_image_and_date_modified() -> None:
    article = extract(
        page(
            '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Harbour reopens",'
            ' "keywords": ["Harbours", "Sea walls"], "dateModified": "2024-05-03",'
            ' "image": [{"@type": "ImageObject", "url": "https://cdn.example.org/lead.jpg"}]}</script>'
        )
    )
    assert article.modified == datetime(2024, 5, 3)
    assert article.tags == ("Harbours", "Sea walls")
    assert article.image == "https://cdn.example.org/lead.jpg"


def test_keywords_meta_is_split_and_twitter_image_is_a_fallback() -> None:
    article = extract(
        page(
            '<meta name="keywords" content="harbour, sea wall ,, repairs">'
            '<meta name="twitter:image" content="https://example.org/t.jpg">'
            '<link rel="canonical" href="https://example.org/harbour">'
        )
    )
    assert article.tags == ("harbour", "sea wall", "repairs")
    assert article.image == "https://example.org/t.jpg"
    assert article.url == "https://example.org/harbour"


def test_no_metadata_gives_empty_values_and_json_round_trips() -> None:
    article = extract(page('<meta property="og:image" content="javascript:alert(1)">'))
    assert (article.modified, article.tags, article.image) == (None, (), None)
    assert Article.from_json(article.to_json()) == article
