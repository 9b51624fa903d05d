"""The elements gathered once per page (``html.nodes.collect_nodes``): the walk that tells
them apart by tag id must find exactly the elements lexbor finds by tag name, in
document order, on any markup (foreign content, templates, custom elements included)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser, LexborNode

from thresher.html.nodes import _GATHERED_TAGS, NEVER_TEXT_TAGS, _by_tag, collect_nodes

_PAGE = """<!doctype html><html lang="en"><head><title>Page title</title>
<meta property="og:title" content="T"><link rel="canonical" href="https://example.org/a">
<script type="application/ld+json">{}</script><style>p {}</style></head>
<body><header role="banner"><nav>Menu</nav></header>
<svg><g><title>An icon</title></g><foreignObject><nav>inside svg</nav><math></math></foreignObject></svg>
<math><mi>x</mi><title>in math</title></math>
<template><nav>template content</nav><script>1</script></template>
<x-nav>custom</x-nav><NAV>upper case</NAV>
<main><article itemscope><h1 itemprop="headline">Headline</h1><h1>Second</h1>
<div role="navigation" itemprop="author">Jane Doe</div><aside>Aside</aside>
<p>Text <button>Click</button> <iframe src="x"></iframe></p></article></main>
<footer><form><select><option>1</option></select></form></footer><noscript>Turn on JS</noscript>
</body></html>"""


def _ids(nodes: list[LexborNode]) -> list[int]:
    return [node.mem_id for node in nodes]


def _same_as_tag_lookups(tree: LexborHTMLParser) -> None:
    found = _by_tag(tree)
    for name in _GATHERED_TAGS:
        assert _ids(found[name]) == _ids(tree.tags(name)), name


def test_the_walk_finds_what_the_tag_lookups_find() -> None:
    tree = LexborHTMLParser(_PAGE)
    _same_as_tag_lookups(tree)
    nodes = collect_nodes(tree)
    assert nodes.title is not None and nodes.title.text() == "Page title"  # not the icon's <title>
    assert nodes.canonical is not None and nodes.article is not None and nodes.main is not None
    assert [node.text() for node in nodes.headings] == ["Headline", "Second"]
    assert {node.tag for node in nodes.never_text} == NEVER_TEXT_TAGS - {"dialog", "textarea"}
    # inner boxes before the boxes holding them
    boxes = [node.tag for node in nodes.boxes]
    assert boxes.index("nav") < boxes.index("header") and boxes.index("form") < boxes.index("footer")
    assert "div" in boxes  # the ARIA landmark


_TAGS = sorted(_GATHERED_TAGS | {"div", "p", "span", "b", "g", "foreignObject", "x-nav", "li", "table"})


@st.composite
def _markup(draw: st.DrawFn) -> str:
    parts = draw(
        st.lists(
            st.one_of(
                st.sampled_from(_TAGS).map(lambda tag: f"<{tag}>"),
                st.sampled_from(_TAGS).map(lambda tag: f"</{tag}>"),
                st.sampled_from(["text", " ", "<!-- c -->", "<TITLE>", "<Svg>"]),
            ),
            max_size=40,
        )
    )
    return "".join(parts)


@given(_markup())
def test_the_walk_matches_the_tag_lookups_on_any_markup(markup: str) -> None:
    _same_as_tag_lookups(LexborHTMLParser(markup))
