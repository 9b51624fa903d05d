"""Bad input gives an empty Article with a reason or a ThresherError: never another
exception, never a hang (each case runs under the suite's timeout)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thresher import (
    Article,
    ExtractOptions,
    InputTooLargeError,
    ThresherError,
    UnsupportedInputError,
    extract,
)


def outcome(page: str | bytes, **options: object) -> Article | ThresherError:
    try:
        return extract(page, options=ExtractOptions(**options))  # type: ignore[arg-type]
    except ThresherError as error:
        return error


def assert_empty(result: Article | ThresherError) -> None:
    assert isinstance(result, Article), result
    assert result.blocks == () and result.text == ""
    assert result.empty_reason


@pytest.mark.parametrize("page", [b"", "", "   \n\t  ", b"\n\r\n", "\ufeff"])
def test_empty_and_whitespace(page: str | bytes) -> None:
    result = outcome(page)
    assert_empty(result)
    assert result.empty_reason == "empty input"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "raw",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF",
    ],
)
def test_images_and_pdfs_are_refused(raw: bytes) -> None:
    assert isinstance(outcome(raw), UnsupportedInputError)


def test_control_characters_and_nuls() -> None:
    sentence = "Clean\x00 text\x01 with\x07 controls. "
    page = "<html><body><article><p>" + sentence * 20 + "</p></article></body></html>"
    result = outcome(page)
    assert isinstance(result, Article)
    assert "\x00" not in result.text


def test_unknown_charset_label() -> None:
    raw = (
        '<html><head><meta charset="klingon-8"></head><body><article><p>'
        + "Plain words in a simple sentence. " * 20
        + "</p></article></body></html>"
    ).encode()
    result = outcome(raw)
    assert isinstance(result, Article)
    assert "Plain words in a simple sentence." in result.text


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><article><p>The story begins here and goes on for a while. " * 10 + '<a href="x',
        "<html><body><div class=",
        "<",
        "<!--",
        "<html><body><p>Unclosed <b>bold <i>italic <table><tr><td>cell",
    ],
)
def test_markup_truncated_mid_tag(page: str) -> None:
    assert isinstance(outcome(page), Article)


def test_frameset_only_page() -> None:
    page = (
        '<html><head><title>Frames</title></head><frameset cols="50%,50%">'
        '<frame src="a.html"><frame src="b.html"></frameset></html>'
    )
    assert_empty(outcome(page))


def test_script_only_page() -> None:
    page = (
        "<html><head><script>var text = 'not an article';</script></head><body>"
        "<script>" + "document.write('x');" * 1000 + "</script><noscript></noscript></body></html>"
    )
    assert_empty(outcome(page))


def test_100000_deep_nesting() -> None:
    text = "A sentence deep inside the nesting, long enough to be a paragraph of text. " * 3
    page = "<html><body>" + "<div>" * 100_000 + f"<p>{text}</p>" + "</div>" * 100_000 + "</body></html>"
    result = outcome(page)
    assert isinstance(result, Article)


def test_20_megabyte_page() -> None:
    paragraph = "<p>" + "Words of a very long page that keeps going and going. " * 20 + "</p>\n"
    page = "<html><body><article>" + paragraph * (20_000_000 // len(paragraph)) + "</article></body></html>"
    assert isinstance(outcome(page), Article)


def test_size_limit_raises() -> None:
    assert isinstance(outcome("<p>" + "x" * 2000, max_input_bytes=1000), InputTooLargeError)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_arbitrary_bytes(raw: bytes) -> None:
    assert isinstance(outcome(raw), (Article, ThresherError))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=3000))
def test_arbitrary_text(page: str) -> None:
    assert isinstance(outcome(page), (Article, ThresherError))


@settings(max_examples=200, deadline=None)
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
                "<table>",
                "<td>",
                "<li>",
                "<script>",
                "</script>",
                "<!--",
                "-->",
                "<h1>",
                "</h1>",
                "<article>",
                "text ",
                "More words here. ",
                "&amp;",
                "&#0;",
                "\x00",
            ]
        ),
        max_size=300,
    ).map("".join)
)
def test_arbitrary_tag_soup(page: str) -> None:
    result = outcome(page, input="html")
    assert isinstance(result, (Article, ThresherError))
    if isinstance(result, Article):
        assert bool(result.blocks) != bool(result.empty_reason)
