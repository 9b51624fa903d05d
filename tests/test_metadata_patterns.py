"""Metadata patterns that recur across sites: small pages written for each one."""

from __future__ import annotations

from thresher.html.metadata import read_metadata
from thresher.html.parse import parse_document


def authors(html: str, url: str | None = None) -> tuple[str, ...]:
    return read_metadata(parse_document(html), url).authors


# ----------------------------------------------------------------------------- microdata
THREAD = """<html><body>
<div itemscope itemtype="https://schema.org/QAPage"><div itemprop="mainEntity" itemscope
 itemtype="https://schema.org/Question">
  <h1 itemprop="name">How do I repot an orchid?</h1>
  <div itemprop="text"><p>The roots are growing out of the pot.</p></div>
  <div itemprop="author" itemscope itemtype="https://schema.org/Person">
    <a href="/users/7/fernwood">fernwood</a><meta itemprop="name" content="fernwood">
    <span class="reputation">1,204</span> <span>3 silver badges</span></div>
  <div class="comment" itemscope itemtype="https://schema.org/Comment">
    <span itemprop="text">Which kind of orchid?</span>
    <span itemprop="author" itemscope itemtype="https://schema.org/Person">
      <span itemprop="name">Moss Example</span></span></div>
  <div itemprop="suggestedAnswer" itemscope itemtype="https://schema.org/Answer">
    <p itemprop="text">Use bark, not soil.</p>
    <div itemprop="author" itemscope itemtype="https://schema.org/Person">
      <span itemprop="name">Reed Example</span></div></div>
</div></div></body></html>"""


def test_thread_author_is_the_first_post_not_every_replier() -> None:
    # each post and comment is an item with its own author; the name may be a <meta>
    assert authors(THREAD) == ("fernwood",)


def test_several_authors_of_one_item_are_all_kept() -> None:
    html = (
        '<html><body><article itemscope itemtype="https://schema.org/NewsArticle">'
        "<h1 itemprop=headline>Bridge reopens</h1>"
        '<span itemprop="author" itemscope itemtype="https://schema.org/Person">'
        '<span itemprop="name">Ana Example</span></span> and '
        '<span itemprop="author" itemscope itemtype="https://schema.org/Person">'
        '<span itemprop="name">Ben Sample</span></span>'
        '<section class="comments"><div itemscope itemtype="https://schema.org/Comment">'
        '<span itemprop="author">Carl Reader</span><p itemprop="text">Finally.</p></div></section>'
        "</article></body></html>"
    )
    assert authors(html) == ("Ana Example", "Ben Sample")


def test_organisation_marked_as_author_leaves_the_byline_to_name_the_writer() -> None:
    html = (
        '<html><body><article itemscope itemtype="https://schema.org/NewsArticle">'
        "<h1 itemprop=headline>Telescope delayed</h1>"
        '<p class="byline">By <a rel="author" href="/people/ann">Ann Sample</a></p>'
        "<p>The launch moves to next year.</p>"
        '<div itemprop="author" itemscope itemtype="https://schema.org/Organization">'
        '<meta itemprop="name" content="Weekly Editorial"></div>'
        "</article></body></html>"
    )
    assert authors(html) == ("Ann Sample",)


# ----------------------------------------------------------------------------- byline boxes
def test_byline_box_gives_the_name_without_role_publication_or_day() -> None:
    html = (
        "<html><body><article><h1>Ten films to stream</h1>"
        '<div class="byline-section"><span class="author"><a href="/staff/jo-sample">Jo Sample</a></span>'
        ' <span class="publication">Daily Example</span> <span>Thursday</span></div>'
        '<div class="article__author"><span class="article__author__name">Jo Sample</span>'
        '<span class="article__author__position">Founder at Example</span></div>'
        "<p>Here are the films.</p></article></body></html>"
    )
    assert authors(html) == ("Jo Sample",)


def test_byline_box_with_several_writers_keeps_them_all() -> None:
    html = (
        "<html><body><article><h1>Budget passes</h1>"
        '<div class="authors"><span class="author-name">Ana Example</span>, '
        '<span class="author-name">Ben Sample</span>'
        '<span class="author-title">Political reporters</span></div>'
        "<p>The vote was close.</p></article></body></html>"
    )
    assert authors(html) == ("Ana Example", "Ben Sample")


def test_label_in_its_own_element_before_the_name() -> None:
    html = (
        "<html><body><article><h1>Choosing a laptop</h1>"
        '<div><p class="label">Last updated</p><time>Aug 04, 2025</time></div>'
        '<div><p class="label">Written by</p><p class="value">Edda Sample</p></div>'
        "<p>Start with the battery.</p></article></body></html>"
    )
    assert authors(html) == ("Edda Sample",)


# ----------------------------------------------------------------------------- lower case
def test_name_stated_in_lower_case_when_no_byline_names_the_writer() -> None:
    stated = (
        '<html><head><meta name="author" content="kim example"></head>'
        "<body><article><h1>Moving checklist</h1><p>Pack the kitchen last.</p></article></body></html>"
    )
    assert authors(stated) == ("kim example",)
    with_byline = stated.replace(
        "<h1>Moving checklist</h1>", '<h1>Moving checklist</h1><p class="byline">By Kim Example-Row</p>'
    )
    assert authors(with_byline) == ("Kim Example-Row",)


def test_domain_in_an_author_field_is_not_a_name() -> None:
    html = (
        '<html><head><meta name="author" content="example.ch"></head>'
        "<body><article><h1>Camping season</h1><p>The sites open in May.</p></article></body></html>"
    )
    assert authors(html) == ()


# ----------------------------------------------------------------------------- site names
def test_person_a_blog_is_named_after_is_its_author() -> None:
    html = (
        '<html><head><meta property="og:site_name" content="Rosa Example">'
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "BlogPosting", "headline": "Fifteen years of notes",'
        ' "author": {"@id": "#rosa"}, "publisher": {"@id": "#rosa"}},'
        '{"@type": ["Person", "Organization"], "@id": "#rosa", "name": "Rosa Example"}]}</script>'
        "</head><body><h1>Fifteen years of notes</h1></body></html>"
    )
    assert authors(html, "https://rosaexample.example/notes") == ("Rosa Example",)


def test_organisation_named_as_author_and_publisher_is_still_no_byline() -> None:
    html = (
        '<html><head><meta property="og:site_name" content="Valley Radio">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Floods recede",'
        ' "author": {"@type": "Person", "name": "Valley Radio"},'
        ' "publisher": {"@type": "Organization", "name": "Valley Radio"}}</script>'
        "</head><body><h1>Floods recede</h1></body></html>"
    )
    assert authors(html, "https://valleyradio.example/floods") == ()


# ----------------------------------------------------------------------------- dates
def published_day(html: str) -> str | None:
    moment = read_metadata(parse_document(html), None).published
    return moment.date().isoformat() if moment else None


LONG = "<p>" + "Short sessions work best for a young dog. " * 40 + "</p>"


def test_date_and_byline_in_the_articles_own_footer() -> None:
    # the headline sits in a title block above the article, so the footer is not near it
    html = (
        '<html><body><div class="page-title"><h1>Training a puppy</h1></div><main><article>'
        f'{LONG}<footer class="article-footer"><span class="byline">By Noa Sample</span>'
        '<time datetime="2025-08-12T11:15:06Z">August 12, 2025</time></footer></article>'
        "</main></body></html>"
    )
    assert published_day(html) == "2025-08-12"
    assert authors(html) == ("Noa Sample",)


def test_comment_footer_inside_the_article_is_still_a_comment() -> None:
    html = (
        '<html><body><div class="page-title"><h1>Training a puppy</h1></div><main><article>'
        f'{LONG}<div class="comments"><article class="comment"><footer class="meta">'
        '<span class="author">Rex Reader</span></footer><p>Thanks!</p></article></div>'
        "</article></main></body></html>"
    )
    assert authors(html) == ()


def test_article_marked_as_promoted_is_not_a_promotion_box() -> None:
    html = (
        '<html><body><div class="page-title"><h1>Design awards</h1></div><main>'
        f'<article class="node node--promoted">{LONG}'
        '<div class="post-date"><time datetime="2025-12-19T15:55:39-08:00">Friday</time></div>'
        "</article></main></body></html>"
    )
    assert published_day(html) == "2025-12-19"


def test_plain_published_meta_tag() -> None:
    html = (
        '<html><head><meta name="published" content="July 17, 2025"></head>'
        "<body><h1>Data tools</h1><p>A survey.</p></body></html>"
    )
    assert published_day(html) == "2025-07-17"


# ----------------------------------------------------------------------------- reviews
def test_customer_reviews_of_a_product_name_no_author() -> None:
    html = (
        '<html><head><script type="application/ld+json">{"@context": "https://schema.org",'
        ' "@type": "Product", "name": "Standing desk", "review": [{"@type": "Review",'
        ' "author": {"@type": "Person", "name": "Kenneth S."}, "datePublished": "2026-03-02",'
        ' "reviewBody": "Sturdy."}]}</script></head>'
        "<body><h1>Standing desk</h1><p>Adjustable height.</p></body></html>"
    )
    assert authors(html) == ()


def test_a_review_that_is_the_page_keeps_its_author() -> None:
    html = (
        '<html><head><script type="application/ld+json">{"@context": "https://schema.org",'
        ' "@type": "Review", "name": "A quiet thriller", "author": {"@type": "Person", "name": "Ida Critic"},'
        ' "datePublished": "2024-05-02"}</script></head>'
        "<body><h1>A quiet thriller</h1><p>Three stars.</p></body></html>"
    )
    assert authors(html) == ("Ida Critic",)
