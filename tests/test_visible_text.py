"""``visible_text``: the page's text as a browser's ``innerText`` gives it, from the tree
the HTML reader parsed. Golden lines for small pages written for these tests, and a
property: any markup renders without an error."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from thresher.html.parse import parse_document
from thresher.html.visible_text import visible_text
from thresher.text.lines import split_lines

PAGE = """<!doctype html><html><head><title>Not shown</title><style>p{color:red}</style>
<script>var hidden = "script text";</script></head>
<body>
<div class="menu"><a href="/">Home</a> <a href="/news">News</a><a href="/about">About</a></div>
<h1>  A   headline
   over two lines </h1>
<p>First <b>paragraph</b>,<br>then a line break.</p>
<p>Second paragraph with <a href="/x">a link</a> inside.</p>
<ul><li>one</li><li>two <span>items</span></li></ul>
<table><tr><th>Name</th><td>Value</td></tr><tr><td>a</td><td>1</td></tr></table>
<div hidden>hidden by attribute</div>
<div style="display: none">hidden by style</div>
<span style="display:block">a span laid out as a block</span>
<div style="display:inline">an inline</div> <div style="display:inline">division</div>
<div aria-hidden="true">shown to the eye</div>
<pre>keep   this
  indented</pre>
<details><summary>Summary line</summary>closed content</details>
<details open><summary>Open summary</summary>open content</details>
<template><p>template text</p></template>
<select><option>an option</option></select><textarea>typed text</textarea>
<img src="/photo.jpg" alt="A photo">
</body></html>"""

EXPECTED = """Home NewsAbout
A headline over two lines

First paragraph,
then a line break.

Second paragraph with a link inside.

one
two items
Name\tValue
a\t1
a span laid out as a block
an inline division
shown to the eye
keep   this
  indented
Summary line
Open summary
open content
an option"""


def test_small_page_renders_as_innertext() -> None:
    assert visible_text(parse_document(PAGE).body) == EXPECTED


def test_images_become_the_text_readers_image_lines() -> None:
    text = visible_text(parse_document(PAGE).body, images=True)
    assert '<image>/photo.jpg alt="A photo"</image>' in text.splitlines()
    images = [line for line in split_lines(text, max_lines=1000) if line.is_image]
    assert [(line.image_src, line.image_alt) for line in images] == [("/photo.jpg", "A photo")]


def test_empty_and_missing_bodies() -> None:
    assert visible_text(None) == ""
    assert visible_text(LexborHTMLParser("<html><body></body></html>").body) == ""
    assert visible_text(LexborHTMLParser("<html><body>  \n\t </body></html>").body) == ""


def test_node_limit_cuts_the_rest() -> None:
    page = "<body>" + "".join(f"<div>line {i}</div>" for i in range(100)) + "</body>"
    text = visible_text(LexborHTMLParser(page).body, max_nodes=10)
    assert text.splitlines() == [f"line {i}" for i in range(9)]


_TAGS = st.sampled_from(
    [
        "div",
        "p",
        "span",
        "a",
        "br",
        "img",
        "table",
        "tr",
        "td",
        "pre",
        "li",
        "ul",
        "details",
        "summary",
        "script",
        "style",
        "h1",
        "b",
        "select",
        "option",
        "template",
    ]
)
_ATTRIBUTES = st.sampled_from(
    [
        "",
        " hidden",
        ' style="display:none"',
        ' style="display:block"',
        ' style="display"',
        ' aria-hidden="true"',
        " open",
        ' src="x.png" alt="x"',
        ' style="display:inline-block"',
    ]
)
_FRAGMENT = st.lists(
    st.one_of(
        st.builds(lambda tag, attributes: f"<{tag}{attributes}>", _TAGS, _ATTRIBUTES),
        st.builds(lambda tag: f"</{tag}>", _TAGS),
        st.text(max_size=20),
    ),
    max_size=40,
).map("".join)


@settings(deadline=None, max_examples=300)
@given(_FRAGMENT, st.booleans())
def test_any_markup_renders(markup: str, images: bool) -> None:
    text = visible_text(parse_document(markup).body, images=images)
    assert isinstance(text, str)
    assert not text.startswith("\n") and not text.endswith("\n")


@settings(deadline=None, max_examples=200)
@given(st.text(max_size=300))
def test_any_text_renders(markup: str) -> None:
    assert isinstance(visible_text(parse_document(markup).body), str)


#: Small pages whose ``innerText`` a real browser gives: each must render the same here.
BROWSER_CASES = [
    "<div>text<br></div><div>next</div>",
    "<p>a</p><h2>head</h2><p>b</p>",
    "<div>x <button>Click me</button> y</div>",
    "<select><option>one</option><option>two</option></select><div>after</div>",
    "<noscript>shown without scripts</noscript><div>z</div>",
    "<ul><li>a<ul><li>b</li></ul></li></ul>",
    "<table><caption>Cap</caption><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></table>",
    "<div>a<span style='display:block'>b</span>c</div>",
    "<p>x<div>y</div>z</p>",
    "<dl><dt>term</dt><dd>definition</dd></dl>",
    "<figure><img src=a.png alt=picture><figcaption>caption</figcaption></figure>",
    "<textarea>typed</textarea><input value=v><div>k</div>",
    "<div>  leading space</div>",
    "<h1>a</h1><p></p><p>b</p>",
    "<blockquote>quote</blockquote><hr><div>w</div>",
    "<span>a</span>\n<span>b</span>",
    "<details><summary>summary</summary>closed</details>",
    "<div hidden>hidden</div><div aria-hidden=true>shown</div><div style='display: none'>gone</div>",
    "<pre>  two\n    lines</pre>",
]


def test_small_pages_render_as_chromium_does() -> None:
    """Against Debian's chromium (no scripts, no network), as the text captures were made."""
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is missing in CI")
        pytest.skip("chromium not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            context = browser.new_context(java_script_enabled=False)
            context.route("**/*", lambda route: route.abort())
            page = context.new_page()
            for case in BROWSER_CASES:
                markup = f"<html><body>{case}</body></html>"
                page.set_content(markup)
                expected = page.evaluate("document.body.innerText")
                assert visible_text(parse_document(markup).body) == expected, case
        finally:
            browser.close()
