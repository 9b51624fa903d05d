"""Inline spans (links, emphasis) recorded by the HTML walk: offsets that match the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from thresher import ExtractOptions, InlineKind, extract
from thresher.html.blocks import _INVISIBLE, _normalised_lengths

MARKUP = ExtractOptions(include_links=True, include_formatting=True)


def _collapsed(raw: str, invisible: bool) -> str:
    text = " ".join(raw.split())
    return " ".join(_INVISIBLE.sub("", text).split()) if invisible else text


@settings(deadline=None)
@given(st.lists(st.text(alphabet=["a", "é", " ", "\n", "\xa0", "\u200b", "\u00ad"], max_size=5), max_size=8))
def test_normalised_lengths_match_collapsing_each_prefix(parts: list[str]) -> None:
    invisible = any(_INVISIBLE.search(part) for part in parts)
    expected = [len(_collapsed("".join(parts[:end]), invisible)) for end in range(len(parts) + 1)]
    assert _normalised_lengths(parts, invisible) == expected


WORDS = st.sampled_from(["harbour", "sea wall", "piers", " boats ", "dawn\n", "quay", "é", "x\u200by"])
TAGS = st.sampled_from(["em", "strong", "a", "code", "span"])


@st.composite
def paragraphs(draw: st.DrawFn) -> tuple[str, list[tuple[str, str]]]:
    """A paragraph of words, some wrapped in inline elements, and (tag, inner text) of each."""
    html, wrapped = [], []
    for _ in range(draw(st.integers(1, 8))):
        word = draw(WORDS)
        tag = draw(st.none() | TAGS)
        if tag is None:
            html.append(word)
            continue
        inner = word + draw(st.sampled_from(["", " more", "<b>bold</b>"]))
        attributes = ' href="/x"' if tag == "a" else ""
        html.append(f"<{tag}{attributes}>{inner}</{tag}>")
        wrapped.append((tag, inner))
        html.append(draw(st.sampled_from([" ", "", ", "])))
    return "".join(html), wrapped


@settings(deadline=None, max_examples=200)
@given(paragraphs())
def test_each_span_covers_its_element_text(paragraph: tuple[str, list[tuple[str, str]]]) -> None:
    html, wrapped = paragraph
    article = extract(f"<html><body><article><p>{html}</p></article></body></html>", options=MARKUP)
    if not article.blocks:
        return
    (block,) = article.blocks
    spans = [span for span in block.inline if span.kind is not InlineKind.STRONG or span.url]
    for span in block.inline:
        assert 0 <= span.start < span.end <= len(block.text)
        assert block.text[span.start : span.end] == block.text[span.start : span.end].strip()
    expected = [
        _collapsed(inner.replace("<b>", "").replace("</b>", ""), True)
        for tag, inner in wrapped
        if tag in ("em", "a", "code")
    ]
    got = [block.text[span.start : span.end] for span in spans]
    assert sorted(got) == sorted(text for text in expected if text)


def test_default_options_record_no_spans() -> None:
    article = extract(
        "<html><body><article><p>The <em>old</em> harbour <a href='/x'>reopened</a> on Monday "
        "after repairs to its sea wall.</p></article></body></html>"
    )
    assert all(not block.inline for block in article.blocks)


def test_spans_of_a_paragraph() -> None:
    article = extract(
        "<html><body><article><p>The <em>old</em> harbour <a href='/walls'>reopened "
        "<strong>fully</strong></a> on Monday after repairs to its sea wall.</p>"
        "</article></body></html>",
        url="https://example.org/news/",
        options=MARKUP,
    )
    (block,) = article.blocks
    assert [(block.text[s.start : s.end], str(s.kind), s.url) for s in block.inline] == [
        ("old", "emphasis", None),
        ("reopened fully", "link", "https://example.org/walls"),
        ("fully", "strong", None),
    ]
