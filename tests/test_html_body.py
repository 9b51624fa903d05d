"""The article body of HTML pages: golden pages written for these tests, the options
that change the body, empty pages, and properties that must hold on any input.

Golden format (``tests/golden/html/``): each ``NAME.html`` has a ``NAME.expect.json``
with any of these keys:

- ``url``: passed to ``extract`` (relative links and images resolve against it);
- ``options``: ``ExtractOptions`` fields for the run;
- ``keep``: ``[snippet, kind]`` pairs: a kept block contains the snippet and has that kind;
- ``order``: snippets that must appear in the body in this order;
- ``drop``: snippets that must not appear in the body (text or any block);
- ``related``: ``[text, url]`` links expected in ``Article.related``;
- ``images``: ``[url, caption]`` images expected in ``Article.images``;
- ``empty_reason``: the expected reason of an empty body;
- ``variants``: more runs of the same page, each a dict of the keys above (options
  included) checked the same way.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thresher import extract
from thresher.models import Article, BlockKind, BlockReason, EmptyReason
from thresher.options import ExtractOptions

GOLDEN = Path(__file__).parent / "golden" / "html"
PAGES = sorted(path.name[: -len(".expect.json")] for path in GOLDEN.glob("*.expect.json"))


def _runs(expect: dict[str, Any]) -> list[dict[str, Any]]:
    base = {key: value for key, value in expect.items() if key != "variants"}
    return [base] + [{"url": expect.get("url"), **variant} for variant in expect.get("variants", [])]


def _check(article: Article, run: dict[str, Any]) -> None:
    text = article.text
    for snippet, kind in run.get("keep", []):
        holders = [block for block in article.blocks if snippet in block.text]
        assert holders, f"kept snippet missing: {snippet!r}\n--- body ---\n{text}"
        assert holders[0].kind == BlockKind(kind), f"{snippet!r} is {holders[0].kind}, expected {kind}"
        assert holders[0].kept and holders[0].reason
    positions = [text.find(snippet) for snippet in run.get("order", [])]
    assert all(position >= 0 for position in positions), f"order snippet missing in:\n{text}"
    assert positions == sorted(positions), f"blocks out of order: {run['order']}"
    for snippet in run.get("drop", []):
        assert snippet not in text, f"dropped snippet kept: {snippet!r}\n--- body ---\n{text}"
    related = [(link.text, link.url) for link in article.related]
    for text_, url in run.get("related", []):
        assert (text_, url) in related, f"related link missing: {text_!r} in {related}"
        assert text_ not in text
    images = [(image.url, image.caption) for image in article.images]
    for url, caption in run.get("images", []):
        assert (url, caption) in images, f"image missing: {url!r} in {images}"
    if "empty_reason" in run:
        assert article.is_empty
        assert article.empty_reason == run["empty_reason"]
    else:
        assert article.empty_reason is None


@pytest.mark.parametrize("name", PAGES)
def test_golden_page(name: str) -> None:
    expect = json.loads((GOLDEN / f"{name}.expect.json").read_text(encoding="utf-8"))
    markup = (GOLDEN / f"{name}.html").read_bytes()
    for run in _runs(expect):
        options = ExtractOptions(explain=True, **run.get("options", {}))
        _check(extract(markup, url=run.get("url"), options=options), run)


def test_golden_pages_cover_the_required_cases() -> None:
    assert {
        "news-article",
        "blog-comments",
        "figure-caption",
        "howto-list",
        "german-article",
        "no-article",
    } <= set(PAGES)


def test_dropped_blocks_carry_reasons_when_explained() -> None:
    markup = (GOLDEN / "news-article.html").read_bytes()
    article = extract(markup, options=ExtractOptions(explain=True))
    reasons = {block.reason for block in article.discarded}
    assert all(not block.kept and block.reason for block in article.discarded)
    assert {BlockReason.HEADLINE, BlockReason.LINK_LIST} <= reasons
    assert extract(markup).discarded == ()


def test_tables_are_kept_as_rows_or_dropped_on_request() -> None:
    rows = "".join(
        f"<tr><td>{city}</td><td>{rain} mm</td></tr>"
        for city, rain in (("Bergen", 2250), ("Oslo", 763), ("Tromsø", 1030))
    )
    markup = (
        "<html><body><article><h1>Rain</h1>"
        "<p>Yearly rainfall differs a lot between the three largest cities of the west and north "
        "of the country, as the table of measured averages below shows for the last decade.</p>"
        f"<table><tr><th>City</th><th>Rain</th></tr>{rows}</table>"
        "<p>The west coast catches the weather coming in from the Atlantic, which explains why "
        "Bergen has nearly three times the rain of the capital in an ordinary year.</p>"
        "</article></body></html>"
    )
    tables = [b for b in extract(markup).blocks if b.kind is BlockKind.TABLE]
    assert len(tables) == 1
    assert tables[0].text.splitlines()[1] == "Bergen | 2250 mm"
    without = extract(markup, options=ExtractOptions(include_tables=False))
    assert not [b for b in without.blocks if b.kind is BlockKind.TABLE]
    assert "Bergen has nearly three times" in without.text
    assert "2250 mm" not in without.text and "Tromsø" not in without.text


def test_code_blocks_keep_their_lines() -> None:
    markup = (
        "<html><body><article><p>To count the lines of every file in a folder, the shell "
        "needs a single pipe between two small and well known commands, shown here:</p>"
        "<pre>find . -type f \\\n  | xargs wc -l</pre><p>The last line of the output gives the "
        "total over all the files, which is usually what one wants to know.</p>"
        "</article></body></html>"
    )
    code = [b for b in extract(markup).blocks if b.kind is BlockKind.CODE]
    assert [b.text for b in code] == ["find . -type f \\\n  | xargs wc -l"]


def test_ordered_list_items_keep_their_numbers() -> None:
    prose = (
        "<p>Repotting is easy once you know the order of the steps, and the plant recovers "
        "within a week if the roots are handled with care and kept moist.</p>"
    )
    page = (
        f"<html><body><article><h1>Repotting</h1>{prose}<ol><li>Water the plant the day before."
        "</li><li><p>Ease it out of the pot.</p><ul><li>Hold it by the base.</li></ul></li>"
        f"<li>Set it in the new pot.</li></ol><ul><li>A larger pot.</li></ul>{prose}"
        "</article></body></html>"
    )
    items = [
        (block.text, block.ordinal) for block in extract(page).blocks if block.kind is BlockKind.LIST_ITEM
    ]
    assert items == [
        ("Water the plant the day before.", 1),
        ("Ease it out of the pot.", 2),
        ("Hold it by the base.", 0),
        ("Set it in the new pot.", 3),
        ("A larger pot.", 0),
    ]


def test_an_ordered_list_counts_from_its_start_attribute() -> None:
    prose = (
        "<p>The second half of the guide picks up where the first left off, after the soil "
        "has been prepared and the seedlings have hardened off for a week outside.</p>"
    )
    steps = "".join(f"<li>Step number {n} of planting out.</li>" for n in ("five", "six"))
    for start, first in (('"5"', 5), ('" +5 "', 5), ('"0"', 1), ('"-3"', 1), ('"five"', 1)):
        page = (
            f"<html><body><article><h1>Planting out</h1>{prose}<ol start={start}>{steps}</ol>{prose}"
            "</article></body></html>"
        )
        ordinals = [block.ordinal for block in extract(page).blocks if block.kind is BlockKind.LIST_ITEM]
        assert ordinals == [first, first + 1], start


def test_a_page_builder_naming_every_box_a_widget_still_has_its_article() -> None:
    def box(inner: str) -> str:
        return f'<div class="builder-widget"><div class="builder-widget-container">{inner}</div></div>'

    paragraphs = [
        f"<p>Paragraph {n} of the story about the river, which rose two metres overnight and "
        f"flooded the lower town before the dykes could be closed by the volunteers.</p>"
        for n in range(1, 6)
    ]
    sidebar = box("<h3>Partners</h3><p><a href='/a'>Our partners</a> <a href='/b'>Donate</a></p>")
    page = (
        "<html><body><main>"
        + box("<h1>The night the river rose</h1>")
        + "".join(box(p) for p in paragraphs)
        + "</main><aside>"
        + sidebar
        + "</aside></body></html>"
    )
    article = extract(page)
    assert [block.text[:11] for block in article.blocks] == [f"Paragraph {n}" for n in range(1, 6)]
    assert "Partners" not in article.text


def test_the_next_story_loaded_below_the_article_is_left_out() -> None:
    def story(heading: str, topic: str) -> str:
        return (
            f"<article>{heading}"
            + "".join(
                f"<p>Paragraph {n} about the {topic}, long enough to read as the prose of a news story "
                f"that people would want to keep.</p>"
                for n in range(4)
            )
            + "</article>"
        )

    page = (
        "<html><body><main>"
        + story("<h1>Drought cuts the wheat harvest</h1>", "drought")
        + "<div>Next article</div>"
        + story("<h2>Beekeepers report a record year</h2>", "honey")
        + "</main></body></html>"
    )
    text = extract(page).text
    assert "about the drought" in text and "honey" not in text and "Beekeepers" not in text


def test_headline_byline_and_date_lines_of_a_br_layout_are_not_body() -> None:
    paragraphs = "<br><br>".join(
        f"Paragraph {n}: the council voted five to two on Tuesday night to fund a new public library "
        f"on the site of the old grain store, ending a long debate."
        for n in range(1, 4)
    )
    page = (
        "<html><head><title>Council approves new library</title></head><body><table><tr><td>"
        "<font size=5><b>Council approves new library</b></font><br>By Martha Lindqvist<br>"
        f"March 3, 2009<br><br>{paragraphs}</td></tr></table></body></html>"
    )
    article = extract(page)
    assert article.text.startswith("Paragraph 1:") and len(article.blocks) == 3
    assert article.authors == ("Martha Lindqvist",)
    # A byline naming the site itself gives no author, as in the page's metadata.
    own = page.replace("<head>", '<head><meta property="og:site_name" content="Daily Courier">').replace(
        "By Martha Lindqvist", "By Daily Courier"
    )
    assert extract(own).authors == () and extract(own).text.startswith("Paragraph 1:")
    # A sentence starting with "by" is no byline.
    lower = page.replace("By Martha Lindqvist", "by the river, where the old store stands")
    assert extract(lower).blocks[0].text == "by the river, where the old store stands"


def test_a_gallery_keeps_its_captions_an_article_does_not() -> None:
    figures = "".join(
        f"<figure><img src='/{n}.jpg'><figcaption>Costume {n}: a red jumper, a black headband and an "
        f"old pair of boots are all it takes to turn yourself into character number {n}.</figcaption>"
        f"</figure>"
        for n in range(1, 9)
    )
    intro = "<p>Cheap and easy costumes are all that matter this year; here are eight of them.</p>"
    gallery = f"<html><body><article><h1>Eight costumes</h1>{intro}{figures}</article></body></html>"
    assert "Costume 5: a red jumper" in extract(gallery).text
    story = "".join(
        f"<p>Paragraph {n} of a long report on the harbour works, with enough words to be "
        f"the article around the pictures, which only illustrate it.</p>"
        for n in range(12)
    )
    article = f"<html><body><article><h1>Harbour works</h1>{story}{figures[:700]}</article></body></html>"
    assert "Costume" not in extract(article).text


def test_hidden_elements_are_not_read() -> None:
    paragraph = (
        "<p>The committee met for the third time this month and agreed on a schedule for "
        "the public hearings, which will start in the second week of May.</p>"
    )
    markup = (
        f"<html><body><article>{paragraph}"
        '<p style="display: none">Secret tracking text that no reader can see.</p>'
        "<div hidden><p>A hidden dialog asking to accept cookies and some partners.</p></div>"
        '<div role="dialog" aria-hidden="true"><p>A closed dialog about our partners and settings.</p></div>'
        "<p>The schedule lists every hearing, the rooms and the times, and a link that screen readers "
        '<a href="/more" aria-hidden="true">skip, shown to the eye</a>.</p>'
        '<div aria-hidden="true"><p>A collapsed menu of sections and their many links.</p></div>'
        f"{paragraph.replace('third', 'fourth')}</article></body></html>"
    )
    text = extract(markup).text
    assert "committee met for the third time" in text and "fourth time" in text
    for hidden in ("Secret tracking", "hidden dialog", "closed dialog", "collapsed menu"):
        assert hidden not in text
    assert "shown to the eye" in text  # (aria-hidden hides from screen readers only)


def test_hidden_panels_of_a_tab_set_are_read_but_a_closed_menu_is_not() -> None:
    step = (
        "<p>Install the command-line client and sign in with the account you made in the "
        "first step, then create a project for the examples below.</p>"
    )
    tabs = (
        '<div role="tablist"><button role="tab">Python</button><button role="tab">Ruby</button></div>'
        '<div role="tabpanel"><p>Run pip install example-client to add the Python library.</p></div>'
        '<div role="tabpanel" hidden><p>Run gem install example-client to add the Ruby library.</p></div>'
    )
    menu = (
        '<div role="tabpanel" hidden><p>Products, pricing and the partner programme.</p></div>'
        '<div role="tabpanel" style="display:none"><p>Careers, press and our offices.</p></div>'
    )
    markup = (
        f"<html><body><nav>{menu}</nav><main><h1>Quickstart</h1>{step}{tabs}"
        f"{step.replace('first', 'second')}</main></body></html>"
    )
    text = extract(markup).text
    assert "pip install example-client" in text
    assert "gem install example-client" in text  # (the panel the reader did not pick)
    assert "partner programme" not in text and "Careers" not in text  # (no panel shown: a menu)


@pytest.mark.parametrize(
    ("markup", "reason"),
    [
        (
            '<html><head><title>Frames</title></head><frameset cols="50%,50%"><frame src="a.html">'
            '<frame src="b.html"></frameset></html>',
            EmptyReason.FRAMESET,
        ),
        (
            '<html><head><script src="app.js"></script></head><body><div id="root"></div>'
            '<script>render(document.getElementById("root"))</script></body></html>',
            EmptyReason.SCRIPT_ONLY,
        ),
        (
            '<html><head><script src="bundle.js"></script></head><body><noscript>You need to enable '
            'JavaScript to run this app.</noscript><div id="app"></div></body></html>',
            EmptyReason.SCRIPT_ONLY,
        ),
        ("<html><body><div></div><p>   </p></body></html>", EmptyReason.NO_TEXT),
    ],
)
def test_pages_without_text_say_why(markup: str, reason: EmptyReason) -> None:
    article = extract(markup)
    assert article.is_empty
    assert article.empty_reason == reason


def test_max_nodes_bounds_the_walk() -> None:
    paragraphs = "".join(
        f"<p>Paragraph {n} is long enough to count as prose on its own, with "
        "commas, a verb or two, and a full stop at its end.</p>"
        for n in range(400)
    )
    markup = "<html><body><article>" + paragraphs + "</article></body></html>"
    full = extract(markup)
    bounded = extract(markup, options=ExtractOptions(max_nodes=100))
    assert len(full.blocks) == 400
    assert 0 < len(bounded.blocks) < 100


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<div>",
                "</div>",
                "<p>",
                "</p>",
                "<a href='/x'>",
                "</a>",
                "<li>",
                "<ul>",
                "</ul>",
                "<h1>",
                "</h1>",
                "<table><tr><td>",
                "</td></tr></table>",
                "<pre>",
                "</pre>",
                "<figure><img src='i.png'>",
                "<figcaption>",
                "</figure>",
                "<nav>",
                "</nav>",
                "<br>",
                "<span class='share'>",
                "</span>",
                "<div class='comments'>",
                "<!-- c -->",
                "<script>x()</script>",
                "<p hidden>",
                "Words of a sentence, with commas. ",
                "Read also: ",
                "Comments",
                "&amp; ",
                "\u200b",
                "  \n",
            ]
        ),
        max_size=60,
    )
)
def test_any_markup_gives_a_consistent_article(pieces: list[str]) -> None:
    article = extract(
        "<html><body>" + "".join(pieces) + "</body></html>",
        url="https://example.com/a/",
        options=ExtractOptions(explain=True),
    )
    assert (article.empty_reason is None) == bool(article.blocks)
    for block in article.blocks:
        assert block.kept and block.text.strip() and block.reason
    for block in article.discarded:
        assert not block.kept and block.reason
    assert Article.from_json(article.to_json()) == article


def test_a_page_reads_the_same_from_utf8_bytes_and_from_text() -> None:
    markup = (
        "<html><head><meta charset='utf-8'><title>Grüße</title></head><body><article>"
        "<h1>Grüße aus München</h1><p>Die Straßenbahn fährt wieder\x00, sagt die Stadt — "
        "„ab Montag“ und in beide Richtungen, mit Haltestellen in allen Vierteln.</p>"
        "</article></body></html>"
    )
    assert extract(markup.encode("utf-8")) == extract(markup)
