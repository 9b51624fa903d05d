"""Page types and the names that are weak evidence: small pages written for these tests.

Each page holds its content where a name, a comment box or a list of links would have
read it as furniture, and the test asserts the content is kept and the page's type
and the evidence for it are what the page says.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from thresher import extract
from thresher.html.vocabulary import name_groups
from thresher.models import Article, PageType

PROSE = (
    "The committee met on Tuesday to weigh the proposal, and after a long debate its members "
    "agreed to send the plan back for another round of study before any vote is held. "
)


def _page(body: str, head: str = "") -> str:
    return f"<html><head><title>T</title>{head}</head><body>{body}</body></html>"


def test_post_wrapper_named_after_its_author_keeps_its_text() -> None:
    posts = "".join(
        f'<article class="entry hentry category-news tag-city author-jane-doe post-{n}">'
        f"<h2><a href='/p{n}'>Story number {n} about the city council</a></h2><p>{n}. {PROSE}</p></article>"
        for n in range(3)
    )
    article = extract(_page(f"<h1>News</h1><section class='blog-list'>{posts}</section>"))
    assert article.text.count("The committee met") == 3


def test_thread_posts_in_comment_boxes_are_the_content() -> None:
    posts = "".join(
        f'<li class="message post-{n}"><div class="comment-body"><p>Reply {n}: {PROSE}</p></div></li>'
        for n in range(4)
    )
    html = _page(f"<h1>Does this plan work?</h1><ol class='discussion-list'>{posts}</ol>")
    article = extract(html)
    assert all(f"Reply {n}:" in article.text for n in range(4))
    assert article.page_type == PageType.FORUM
    assert "thread" in article.page_type_evidence


def test_comments_below_an_article_stay_out() -> None:
    comments = "".join(
        f'<div class="comment"><p>Comment {n}: I do not agree with this, sorry.</p></div>' for n in range(2)
    )
    html = _page(f"<article><h1>Plan</h1><p>{PROSE * 4}</p></article><div class='comments'>{comments}</div>")
    article = extract(html)
    assert "The committee met" in article.text
    assert "Comment 0" not in article.text
    assert article.page_type == PageType.ARTICLE


def test_product_description_only_in_json_ld() -> None:
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": "Blue kettle",
        "description": "A stainless steel kettle that boils a litre of water in three minutes. " * 3,
    }
    head = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    article = extract(
        _page("<h1>Blue kettle</h1><div class='price'>$30</div><button>Add to cart</button>", head)
    )
    assert article.page_type == PageType.PRODUCT
    assert article.page_type_evidence == "JSON-LD @type Product"
    assert "boils a litre of water" in article.text


def test_page_of_links_keeps_its_links() -> None:
    rows = "".join(
        f"<tr><td>{n}.</td><td><a href='/item{n}'>Startup {n} is hiring engineers</a></td></tr>"
        for n in range(1, 15)
    )
    article = extract(_page(f"<nav><a href='/'>Home</a> <a href='/new'>New</a></nav><table>{rows}</table>"))
    assert "Startup 3 is hiring engineers" in article.text
    assert "Home" not in article.text


def test_listing_cards_keep_their_linked_titles() -> None:
    cards = "".join(
        f"<div class='card'><h3><a href='/c{n}'>Course {n}: leading product teams</a></h3>"
        f"<p>{n}. {PROSE}</p></div>"
        for n in range(6)
    )
    article = extract(_page(f"<main><h1>Courses</h1>{cards}</main>"))
    assert article.page_type == PageType.LISTING
    assert "Course 4: leading product teams" in article.text


def test_code_blocks_make_documentation() -> None:
    code = "<pre>def f(x):\n    return x + 1\n</pre>"
    article = extract(_page(f"<main><h1>Guide</h1><p>1. {PROSE}</p>{code}<p>2. {PROSE}</p>{code}</main>"))
    assert article.page_type == PageType.DOCUMENTATION
    assert "def f(x):\n    return x + 1" in article.text


@pytest.mark.parametrize(
    ("name", "furniture"),
    [
        ("sidebar", True),
        ("widget widget_recent_entries", True),
        ("sidebar-widget", True),
        ("no-sidebar", False),
        ("mainContainer_noSidebar", False),
        ("with-ads", False),
        ("elementor-widget-container", False),
        ("mdx-table_root__adKqa", False),
        ("e1e2ad", False),
        ("sidebar2", True),
        ("headerAd", True),
    ],
)
def test_names_read_as_furniture_only_when_an_author_wrote_them(name: str, furniture: bool) -> None:
    assert bool(name_groups(name) & 16) is furniture  # (16: the furniture group's bit)


def test_id_slugged_from_a_heading_names_no_box() -> None:
    html = _page(
        f"<main><h1>Guide</h1><p>1. {PROSE}</p><section id='more-on-share-buttons-and-links'>"
        f"<h2>More on share buttons and links</h2><p>2. {PROSE}</p></section></main>"
    )
    assert extract(html).text.count("The committee met") == 2


def test_article_dict_round_trip_keeps_the_type() -> None:
    article = extract(_page("<h1>Q</h1>", '<script type="application/ld+json">{"@type": "QAPage"}</script>'))
    again = Article.from_dict(article.to_dict())
    assert again.page_type == PageType.FORUM and again.page_type_evidence == article.page_type_evidence


def test_cli_explain_says_the_type_and_why(tmp_path: Path) -> None:
    page = tmp_path / "q.html"
    page.write_text(
        _page(f"<h1>Q</h1><p>{PROSE}</p>", '<script type="application/ld+json">{"@type": "QAPage"}</script>')
    )
    result = subprocess.run(
        [sys.executable, "-m", "thresher", "explain", str(page)], capture_output=True, text=True, check=True
    )
    assert "forum (JSON-LD @type QAPage)" in result.stdout


# ------------------------------------------------------------- lists and cards ----
_BOOKS = [
    ("Wholesale hardware: mill and factory supplies", "Smith and Sons, 1902"),
    ("Catalogue of upholstery hardware and curtain poles", "H. L. Judd, 1911"),
    ("Price list of boxwood rules, plumbs and levels", "Stanley Rule Company, 1879"),
    ("Illustrated catalogue of builders' hardware", "Hall and Kimbark, 1870"),
    ("Merchandise catalog of scales and pumps", "Morse and Company, 1914"),
    ("General supplies for railroads and steamships", "The Burnet Company, 1900"),
]


def test_cards_with_screen_reader_hidden_summaries_keep_their_summaries() -> None:
    # aria-hidden hides a card's second link from screen readers, not from the eye.
    cards = "".join(
        f'<article class="card"><a href="/s{n}" aria-hidden="true" tabindex="-1"><img src="/i{n}.jpg"></a>'
        f'<header><h2><a href="/s{n}">{title}</a></h2></header>'
        f'<p class="desc"><a href="/s{n}" aria-hidden="true" tabindex="-1">Summary {n}: {PROSE}</a></p>'
        "</article>"
        for n, (title, _) in enumerate(_BOOKS)
    )
    article = extract(_page(f"<nav><a href='/'>Home</a></nav><main><h1>Hardware</h1>{cards}</main>"))
    assert all(f"Summary {n}:" in article.text for n in range(len(_BOOKS)))
    assert all(title in article.text for title, _ in _BOOKS)


def test_list_entries_ending_in_a_note_on_page_images_are_entries() -> None:
    # "(page images at ...)" closes an entry of a catalogue, not a picture's credit.
    entries = "".join(
        f"<li>{title} ({maker}) (page images at <a href='/b{n}'>the library</a>)</li>"
        for n, (title, maker) in enumerate(_BOOKS)
    )
    article = extract(_page(f"<h1>Hardware catalogs</h1><p>Filed under hardware.</p><ul>{entries}</ul>"))
    assert all(title in article.text for title, _ in _BOOKS)


def test_a_grid_named_like_a_widget_is_the_page_of_lists() -> None:
    items = "".join(
        f"<li><span>#{n + 1}</span><a href='/p{n}'>{title}, with free delivery</a><span>$1{n}.99</span></li>"
        for n, (title, _) in enumerate(_BOOKS)
    )
    html = _page(
        "<h1>Best sellers</h1><p>Updated hourly.</p>"
        f"<div class='shopwidget grid'><ol>{items}</ol></div>"
        "<div class='footer-links'><a href='/help'>Help</a> <a href='/jobs'>Jobs</a></div>"
    )
    article = extract(html)
    assert all(f"{title}, with free delivery" in article.text for title, _ in _BOOKS)


def test_a_product_grid_marked_up_as_products_is_read_as_a_list() -> None:
    # Each tile is marked up as a Product in the JSON-LD: a shop's grid, not one product.
    tiles = "".join(
        f"<div class='tile'><a href='/p{n}'>{title}, {size}</a><span>$4{n}.00</span></div>"
        for size in ("small", "large")
        for n, (title, _) in enumerate(_BOOKS)
    )
    marks = ", ".join('{"@type": "Product", "name": "Tile"}' for _ in range(6))
    head = f'<script type="application/ld+json">{{"@graph": [{marks}]}}</script>'
    article = extract(_page(f"<h1>Shoes</h1><div class='results'>{tiles}</div>", head))
    assert article.page_type == PageType.COLLECTION
    assert "Product" in article.page_type_evidence
    assert all(title in article.text for title, _ in _BOOKS)


def test_a_reading_list_keeps_its_links() -> None:
    sections = "".join(
        f"<h2>Part {part}</h2><ul>"
        + "".join(
            f"<li><a href='/r{part}{n}'>{title}, volume {part}</a> by {maker}</li>"
            for n, (title, maker) in enumerate(_BOOKS)
        )
        + "</ul>"
        for part in (1, 2)
    )
    html = _page(
        "<nav><a href='/'>Home</a> <a href='/random'>Random page</a></nav>"
        f"<div id='content'><h1>Further reading</h1><p>Sources on old hardware.</p>{sections}</div>"
    )
    article = extract(html)
    assert article.text.count("Wholesale hardware") == 2
    assert "Part 2" in article.text


def test_a_reference_keeps_its_repeated_section_titles() -> None:
    methods = "".join(
        f"<h2>method_{n}</h2><p>{PROSE}</p><h3>Parameters</h3><ul><li>name: the name of thing {n}.</li></ul>"
        "<h3>Returns</h3><p>The thing, or nothing when it is absent.</p>"
        for n in range(3)
    )
    code = "".join(f"<pre>thing.method_{n}(name)\nprint(thing)</pre>" for n in range(2))
    article = extract(_page(f"<main><h1>Reference</h1>{methods}{code}</main>"))
    assert article.page_type == PageType.DOCUMENTATION
    assert article.text.count("Parameters") == 3
    assert article.text.count("Returns") == 3


def test_a_recommended_heading_over_the_guides_own_text_cuts_nothing() -> None:
    sections = "".join(f"<h3>Tool {n}</h3><p>{n}. {PROSE * 2}</p>" for n in range(3))
    html = _page(
        f"<article><h1>Tools for planners</h1><p>{PROSE * 3}</p>"
        f"<section><h2>Recommended tools for every planning office</h2>{sections}</section></article>"
        "<aside><h2>Related stories</h2><ul><li><a href='/a'>Another planning story</a></li></ul></aside>"
    )
    article = extract(html)
    assert all(f"{n}. The committee" in article.text for n in range(3))
    assert "Recommended tools" in article.text
    assert "Another planning story" not in article.text


def test_a_related_heading_over_teasers_still_ends_the_article() -> None:
    teasers = "".join(f"<h3><a href='/s{n}'>Story {n} about the planning office</a></h3>" for n in range(3))
    html = _page(
        f"<article><h1>Tools</h1><p>{PROSE * 3}</p>"
        f"<section><h2>Related stories</h2>{teasers}<p>Short teaser line.</p></section></article>"
    )
    assert "Story 1" not in extract(html).text
