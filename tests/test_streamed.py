"""Streamed parts of a server-rendered page are read where the page's scripts put them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from thresher import extract
from thresher.html.nodes import collect_nodes
from thresher.html.streamed import place_streamed_parts

_PARAGRAPHS = "".join(
    f"<p>Paragraph {n} of the guide explains how a fund that follows an index keeps its costs "
    f"low, and why that matters over thirty years of saving for a pension.</p>"
    for n in range(6)
)


def _page(boundary: str) -> str:
    return (
        "<html><body><header><a href='/'>Home</a></header><main><h1>A guide to index funds</h1>"
        f"{boundary}<p>Written by the guides desk.</p></main>"
        f'<div hidden id="S:0">{_PARAGRAPHS}</div>'
        '<script>$RC("B:0","S:0")</script></body></html>'
    )


def test_a_boundary_is_filled_in_place_and_its_stand_in_dropped() -> None:
    page = _page('<!--$?--><template id="B:0"></template><div>Loading paragraph...</div><!--/$-->')
    text = extract(page).text
    assert "Paragraph 0 of the guide" in text and "Paragraph 5 of the guide" in text
    assert "Loading paragraph" not in text
    assert text.index("Paragraph 5") < text.index("Written by the guides desk")  # (in place, not at the end)


def test_a_capture_without_comments_is_filled_and_keeps_its_stand_in() -> None:
    tree = LexborHTMLParser(_page('<template id="B:0"></template><div>Loading paragraph...</div>'))
    nodes = collect_nodes(tree)
    assert place_streamed_parts(tree, nodes.never_text) == 1
    main = tree.css_first("main")
    assert main is not None
    text = main.text(separator=" ")
    assert "Paragraph 3 of the guide" in text and "Loading paragraph" in text  # (where it ends is unknown)
    assert tree.css_first('div[id="S:0"]') is None


def test_a_placeholder_template_is_replaced_by_its_segment() -> None:
    page = _page('<template id="P:0"></template>').replace('"B:0","S:0"', '"S:0","P:0"')
    text = extract(page).text
    assert text.index("Paragraph 0") < text.index("Written by the guides desk")


def test_nested_boundaries_end_at_the_matching_comment() -> None:
    inner = "<!--$--><p>Inner fallback</p><!--/$-->"
    boundary = f'<!--$?--><template id="B:0"></template><div>Loading {inner}</div><!--/$-->'
    page = _page(f"{boundary}<p>After the boundary.</p>")
    tree = LexborHTMLParser(page)
    place_streamed_parts(tree, collect_nodes(tree).never_text)
    main = tree.css_first("main")
    assert main is not None
    assert "Inner fallback" not in main.text() and "After the boundary." in main.text()


def test_a_page_without_stand_ins_is_untouched() -> None:
    page = '<html><body><div hidden id="S:0"><p>A hidden panel.</p></div></body></html>'
    tree = LexborHTMLParser(page)
    assert place_streamed_parts(tree, collect_nodes(tree).never_text) == 0
    assert tree.css_first('div[id="S:0"]') is not None


_PIECES = st.sampled_from(
    [
        '<template id="B:0"></template>',
        '<template id="B:1"></template>',
        '<template id="P:1"></template>',
        '<div hidden id="S:0">',
        '<div hidden id="S:1">',
        "<!--$?-->",
        "<!--$-->",
        "<!--/$-->",
        "</div>",
        "<p>text</p>",
        "<div>",
    ]
)


@settings(deadline=None, max_examples=200)
@given(st.lists(_PIECES, max_size=25))
def test_any_arrangement_of_stand_ins_and_segments_is_read_without_error(pieces: list[str]) -> None:
    page = "<html><body>" + "".join(pieces) + "</body></html>"
    tree = LexborHTMLParser(page)
    placed = place_streamed_parts(tree, collect_nodes(tree).never_text)
    assert placed <= page.count('<div hidden id="S:')
    assert extract(page).text is not None
