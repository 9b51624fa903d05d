"""Threads, product reviews and series of like boxes: small pages written for these tests,
each with the text it must give (golden) and, with its rule turned off, what the rule
changes."""

from __future__ import annotations

import json
from itertools import permutations

from thresher import extract
from thresher.html import blocks, switches
from thresher.models import PageType

QUESTION = (
    "I am moving to a flat with a small balcony and would like to grow tomatoes there this "
    "summer. Which varieties cope with pots, wind and only a few hours of sun a day?"
)
ANSWERS = (
    "Cherry tomatoes in a forty litre pot did well for me on a windy balcony facing east.",
    "Pick a bush variety and water it every evening; the pots dry out far faster than beds do.",
    "Tie the stems to a cane early on, or the first storm of the summer will snap them for you.",
)


def _page(body: str, head: str = "") -> str:
    return f"<html><head><title>T</title>{head}</head><body>{body}</body></html>"


def _json_ld(kind: str, **fields: str) -> str:
    data = {"@context": "https://schema.org", "@type": kind, **fields}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def _without(rule: str, html: str) -> str:
    switches.DISABLED = frozenset([rule])
    blocks._NAME_GROUPS.clear()
    try:
        return extract(html).text
    finally:
        switches.DISABLED = frozenset()
        blocks._NAME_GROUPS.clear()


def _question_page(head: str) -> str:
    answers = "".join(f'<div class="comment"><p>{text}</p></div>' for text in ANSWERS)
    return _page(
        f"<h1>Tomatoes on a balcony</h1><article><p>{QUESTION}</p></article>"
        f"<section class='answers'>{answers}</section>",
        head,
    )


def test_a_page_stating_it_is_a_question_keeps_its_answers() -> None:
    html = _question_page(_json_ld("QAPage", name="Tomatoes on a balcony"))
    article = extract(html)
    assert article.page_type == PageType.FORUM
    assert article.text == "\n".join([QUESTION, *ANSWERS])
    assert _without("stated-thread", html) == QUESTION


def test_the_same_boxes_below_an_article_stay_comments() -> None:
    article = extract(_question_page(""))
    assert article.page_type == PageType.ARTICLE
    assert article.text == QUESTION


def test_a_comments_heading_on_a_stated_discussion_titles_the_answers() -> None:
    replies = "".join(f"<li>{text}</li>" for text in ANSWERS)
    html = _page(
        f"<main><h1>Tomatoes on a balcony</h1><p>{QUESTION}</p><h2>Comments</h2><ul>{replies}</ul></main>",
        _json_ld("DiscussionForumPosting", headline="Tomatoes on a balcony"),
    )
    assert extract(html).text == "\n".join([QUESTION, "Comments", *ANSWERS])
    assert _without("thread-replies", html) == QUESTION


DESCRIPTION = (
    "A stainless steel kettle that boils a litre of water in three minutes and switches itself "
    "off when the water boils or the kettle is lifted from its base."
)
SPECS = "Capacity: 1.7 litres. Power: 2200 watts. Cord: 75 centimetres, stored in the base."


def test_a_products_reviews_heading_drops_the_reviews_to_the_end_of_their_box() -> None:
    reviews = "".join(
        f"<p>{text} It makes tea for the whole office in no time at all.</p>"
        for text in ("Great kettle.", "Quiet and fast.")
    )
    html = _page(
        f"<main><h1>Blue kettle</h1><p>{DESCRIPTION}</p>"
        f"<section><h2>Customer Reviews (2)</h2>{reviews}</section>"
        f"<section><h2>Specifications</h2><p>{SPECS}</p></section></main>",
        _json_ld("Product", name="Blue kettle"),
    )
    article = extract(html)
    assert article.page_type == PageType.PRODUCT
    assert article.text == "\n".join([DESCRIPTION, "Specifications", SPECS])
    assert "Great kettle." in _without("product-reviews", html)


def test_the_like_siblings_of_the_longest_post_join_it() -> None:
    # Each reply, with its row of links, weighs less than nothing beside the long first
    # post; together the replies hold more than half of its prose: the posts of one thread.
    posts = [" ".join([QUESTION] * 6)] + [f"Reply {n}: {ANSWERS[n % 3]}" for n in range(6)]
    links = "".join(
        f"<a href='/post/{n}/{action}'>{action.title()} this post</a> "
        for n, action in enumerate(["quote", "report", "bookmark", "share", "permalink"])
    )
    boxes = "".join(
        f'<div class="post"><div class="author">Member {n}</div><div class="body"><p>{text}</p></div>'
        f"<div class='actions'>{links}</div></div>"
        for n, text in enumerate(posts)
    )
    html = _page(f"<h1>Tomatoes on a balcony</h1><div class='thread'>{boxes}</div><footer>About us</footer>")
    # (the author boxes are furniture)
    assert extract(html).text == "\n".join(posts)
    assert _without("series", html) == posts[0]


def test_a_shops_suggestions_heading_drops_the_other_products() -> None:
    cards = "".join(
        f"<div class='card'><h3>Green kettle model {n} with a glass window</h3><p>$2{n}.00</p></div>"
        for n in range(4)
    )
    html = _page(
        f"<main><h1>Blue kettle</h1><p>{DESCRIPTION}</p><p>{SPECS}</p>"
        f"<div class='carousel-head'><h2>Customers who bought this item also bought</h2></div>"
        f"<div class='carousel'>{cards}</div></main>",
        _json_ld("Product", name="Blue kettle"),
    )
    assert extract(html).text == "\n".join([DESCRIPTION, SPECS])
    assert "Green kettle model 2" in _without("shop-suggestions", html)


RETURNS = "You may send the kettle back within thirty days of delivery, unused and in its box, for a refund."


def test_a_suggestions_heading_in_a_bar_of_its_own_drops_the_shelf_beside_the_bar() -> None:
    cards = "".join(
        f"<li><h3>Green kettle model {n} with a glass window</h3>"
        f"<p>Like new, boiled twice, sold with its base and its box</p><p>$2{n}.00</p></li>"
        for n in range(4)
    )
    html = _page(
        f"<main><h1>Blue kettle</h1><p>{DESCRIPTION}</p><p>{SPECS}</p>"
        "<div class='module'><div class='module-head'><div class='title'><h2>Similar items</h2></div>"
        "<div class='link'><a href='/similar'>See all</a></div></div>"
        f"<div class='module-body'><ul>{cards}</ul></div></div>"
        f"<section><h2>Returns</h2><p>{RETURNS}</p></section></main>",
        _json_ld("Product", name="Blue kettle"),
    )
    assert extract(html).text == "\n".join([DESCRIPTION, SPECS, "Returns", RETURNS])
    assert "Green kettle model 2" in _without("heading-bars", html)


SUMMARY = "The council opened the park on Saturday with a picnic for everyone who lives nearby."


def test_the_dates_and_authors_of_a_listings_cards_are_theirs() -> None:
    authors = ["Jane Doe", "John Roe", "Ann Poe", "Max Moe", "Eva Koe"]
    cards = "".join(
        f"<li><h2><a href='/story/{n}'>Story number {n} about the new city park</a></h2>"
        f"<ul><li>By {author}</li><li>March {n + 3}, 2024</li><li>{n}. {SUMMARY}</li></ul></li>"
        for n, author in enumerate(authors)
    )
    html = _page(f"<main><h1>Latest stories</h1><ul class='stories'>{cards}</ul></main>")
    article = extract(html)
    assert article.page_type == PageType.LISTING
    assert article.text == "\n".join(
        line
        for n, author in enumerate(authors)
        for line in (
            f"Story number {n} about the new city park",
            f"By {author}",
            f"March {n + 3}, 2024",
            f"{n}. {SUMMARY}",
        )
    )
    assert "By Jane Doe" not in _without("card-lines", html)


def _posts_page(reply_class: str) -> str:
    replies = "".join(f'<article class="{reply_class}"><p>{text}</p></article>' for text in ANSWERS)
    return _page(
        f"<h1>Tomatoes on a balcony</h1><article class='message-body'><p>{QUESTION}</p></article>"
        f"<div class='replies'>{replies}</div>"
    )


def test_replies_laid_out_as_the_first_post_are_the_thread() -> None:
    html = _posts_page("message-body")
    article = extract(html)
    assert article.page_type == PageType.FORUM
    assert article.text == "\n".join([QUESTION, *ANSWERS])
    assert _without("like-replies", html) == QUESTION


def test_comments_laid_out_apart_from_the_post_stay_comments() -> None:
    article = extract(_posts_page("comment-body"))
    assert article.page_type == PageType.ARTICLE
    assert article.text == QUESTION


def test_a_grid_of_priced_cards_tagged_as_a_product_is_a_collection() -> None:
    cards = "".join(
        f"<div class='card'><h3><a href='/kettle/{n}'>Kettle model {n} in brushed steel</a></h3>"
        f"<p>${20 + n}.00</p><p>{n + 1} litres, boils in three minutes</p></div>"
        for n in range(6)
    )
    html = _page(
        f"<main><h1>Kettles</h1><div class='grid'>{cards}</div></main>",
        '<meta property="og:type" content="product">',
    )
    article = extract(html)
    assert article.page_type == PageType.COLLECTION
    assert article.page_type_evidence == "og:type product, 6 linked headings, 6 prices"
    assert article.text == "\n".join(
        line
        for n in range(6)
        for line in (
            f"Kettle model {n} in brushed steel",
            f"${20 + n}.00",
            f"{n + 1} litres, boils in three minutes",
        )
    )
    assert _without("og-product-grid", html) == "$20.00\n1 litres, boils in three minutes"


#: Posts holding nearly all of a page's prose beside a notice of over a hundred words (a
#: shorter body would be read again as a whole page).
LONG_POSTS = tuple(" ".join(texts) for texts in permutations((QUESTION, *ANSWERS), 3))
NOTICE = " ".join(
    [
        "Advertise on this forum: banners, newsletter slots and sponsored threads from a few pounds a week,",
        "booked online in minutes and shown to the readers of the boards your business serves.",
    ]
    * 5
)


def _titled_posts_page(notice: str) -> str:
    posts = "".join(
        f'<li class="message"><div class="messageInfo primaryContent"><blockquote>{text}</blockquote>'
        "<div><a href='/u'>Ann</a> <a href='/p'>May 11, 2024</a></div></div></li>"
        for text in LONG_POSTS
    )
    return _page(
        f"<div class='titleBar'><h1>Tomatoes on a balcony</h1></div>"
        f"<div class='notice'><p>{notice}</p></div>"
        f"<form><ol class='messageList'>{posts}</ol></form>"
    )


def test_posts_named_like_furniture_under_a_title_set_above_them_are_the_text() -> None:
    html = _titled_posts_page(NOTICE)
    # (the notice beside the post list, holding prose, joins it as a sibling would)
    assert extract(html).text == "\n".join([NOTICE, *LONG_POSTS])
    assert _without("systematic-nearly-all", html) == NOTICE


def test_boxes_named_like_furniture_beside_a_story_of_its_own_stay_furniture() -> None:
    story = " ".join([QUESTION, *ANSWERS] * 6)  # (a third of the page's prose)
    assert extract(_titled_posts_page(story)).text == story


WALLETS = (
    ("Matte Olive", "Aluminium, powder coated", "$76"),
    ("Carbon Fiber", "Woven carbon, matte", "$99"),
    ("Burnt Titanium", "Grade 2 titanium", "$125"),
    ("Forged Carbon", "Carbon with alloy flakes", "$150"),
    ("Gunmetal", "Aluminium, anodised grey", "$85"),
)


def _shelf_page() -> str:
    blurb = "Metal wallets that carry cards and cash safely, built to last a lifetime of pockets and bags."
    cards = "".join(
        f"<div class='product-card'><p>{name}</p><p>{material}</p><p>{price}</p></div>"
        for name, material, price in WALLETS
    )
    return _page(
        f"<div class='banner'><h1>Wallets</h1><p>{blurb}</p></div><div class='grid'>{cards}</div>",
        '<meta property="og:type" content="product.group">',
    )


def test_a_collections_grid_of_cards_beside_its_blurb_is_its_content() -> None:
    html = _shelf_page()
    article = extract(html)
    assert article.page_type == PageType.COLLECTION
    lines = article.text.split("\n")
    assert lines[1:] == [line for card in WALLETS for line in card]
    assert _without("card-grid", html) == lines[0]
