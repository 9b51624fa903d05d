"""Markup that would cost the parser more than linear time is bounded before parsing, and
damage that would swallow the body is mended; each change is listed in
``Article.repairs``. Golden pages written for the test; nothing here measures time."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import thresher.budget
from conftest import run_cli
from thresher import Article, ExtractOptions, ExtractTimeoutError, Repair, extract
from thresher.html.bound import MAX_ATTRIBUTES, _quoted_with_gt, bound_markup, limit_nesting

STORY = (
    "<h1>Harbour bridge reopens</h1>"
    "<p>The harbour bridge reopened on Monday after two years of repairs, the city said.</p>"
    "<p>Engineers replaced every cable and repainted the towers in their original grey.</p>"
    "<p>Traffic was light in the morning, and cyclists crowded the new lane by noon.</p>"
)
STORY_TEXT = (
    "The harbour bridge reopened on Monday after two years of repairs, the city said.\n"
    "Engineers replaced every cable and repainted the towers in their original grey.\n"
    "Traffic was light in the morning, and cyclists crowded the new lane by noon."
)


def page(body: str, head: str = "<title>Bridge</title>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def test_an_ordinary_page_is_left_alone() -> None:
    article = extract(page(f"<article>{STORY}</article>"))
    assert article.text.endswith(STORY_TEXT)
    assert article.repairs == ()


def test_an_element_with_50000_attributes_keeps_its_text() -> None:
    attributes = " ".join(f'data-a{i}="v{i}"' for i in range(50_000))
    article = extract(page(f"<article {attributes}>{STORY}</article>"))
    assert article.text.endswith(STORY_TEXT)
    assert article.repairs == (Repair.ATTRIBUTES_CUT,)


def test_the_first_attributes_of_a_long_tag_are_kept() -> None:
    attributes = " ".join(f"a{i}=x" for i in range(3 * MAX_ATTRIBUTES))
    bounded, repairs = bound_markup(f'<div class="kept" {attributes}>text</div>'.encode(), max_depth=512)
    assert repairs == [Repair.ATTRIBUTES_CUT]
    assert bounded.startswith(b'<div class="kept" a0=x a1=x')
    assert bounded.count(b"=x") == MAX_ATTRIBUTES - 1
    assert bounded.endswith(b">text</div>")


@pytest.mark.parametrize("value", ['">"', "'<p>'", '"a > b < c"', "unquoted"])
def test_attribute_values_holding_markup_do_not_hide_the_bomb(value: str) -> None:
    attributes = " ".join(f"a{i}={value}" for i in range(20_000))
    article = extract(page(f"<div {attributes}></div><article>{STORY}</article>"))
    assert article.text.endswith(STORY_TEXT)
    assert Repair.ATTRIBUTES_CUT in article.repairs


def test_a_list_of_100000_options_is_cut() -> None:
    options = "<option value=x>choice</option>" * 100_000
    article = extract(page(f"<form><select>{options}</select></form><article>{STORY}</article>"))
    assert article.text.endswith(STORY_TEXT)
    assert article.repairs == (Repair.OPTIONS_CUT,)


def test_formatting_tags_left_open_before_many_blocks_are_unwrapped() -> None:
    opened = "".join(f'<b class="c{i}">' for i in range(300))
    paragraphs = "".join(f"<p>Short line number {i} of the list.</p>" for i in range(3000))
    article = extract(page(f"<article><p>{opened}Start.</p>{paragraphs}{STORY}</article>"))
    assert article.text.endswith(STORY_TEXT)
    assert "Short line number 2999 of the list." in article.text
    assert Repair.FORMATTING_CUT in article.repairs


def test_deep_nesting_is_unwrapped_and_its_text_kept() -> None:
    article = extract(page("<div>" * 30_000 + f"<article>{STORY}</article>" + "</div>" * 30_000))
    assert article.text.endswith(STORY_TEXT)
    assert article.repairs == (Repair.NESTING_CUT,)


def test_a_deep_chain_of_list_items_is_read() -> None:
    article = extract(page("<ul><li>" * 5000 + STORY))
    assert STORY_TEXT in article.text


@pytest.mark.parametrize("element", ["title", "style", "script", "textarea", "xmp"])
def test_a_raw_text_element_never_closed_is_closed_where_the_head_ends(element: str) -> None:
    article = extract(
        f"<html><head><{element}>Bridge news</head><body><article>{STORY}</article></body></html>"
    )
    assert article.text.endswith(STORY_TEXT)
    assert article.repairs == (Repair.RAW_TEXT_CLOSED,)
    assert article.title == "Harbour bridge reopens"  # (not the rest of the page)


def test_an_unclosed_title_before_the_body_tag() -> None:
    story = STORY.replace("<h1>Harbour bridge reopens</h1>", "")
    article = extract(f"<html><head><title>Bridge news<body><div>{story}</div></body></html>")
    assert article.text == STORY_TEXT
    assert article.title == "Bridge news"


def test_a_title_inside_a_script_string_is_not_taken_for_one() -> None:
    script = '<script>var t = "<title>x"; var u = "<style>";</script>'
    article = extract(page(f"{script}<article>{STORY}</article>"))
    assert article.text.endswith(STORY_TEXT)
    assert article.repairs == ()


def test_a_quote_that_swallows_markup_until_a_later_quote_is_closed() -> None:
    broken = '<p>See <a href="/harbour>the harbour page</a> for more.</p><div class="story">'
    article = extract(page(f"<article>{broken}{STORY}</div></article>"))
    assert article.text.endswith(STORY_TEXT)
    assert Repair.QUOTE_CLOSED in article.repairs


def test_a_quote_never_closed_is_closed_at_the_end_of_its_tag() -> None:
    article = extract(page(f'<article><div class="story>{STORY}</div></article>'))
    assert article.text.endswith(STORY_TEXT)
    assert article.repairs == (Repair.QUOTE_CLOSED,)


# The attributes ``_quoted_with_gt`` finds, written as one pattern over the whole markup.
_QUOTED_WITH_GT = re.compile(rb'\s[a-zA-Z_:][-a-zA-Z0-9_:.]*+\s*+=\s*+"([^"<>]*+)>([^"]*+)"')
_MARKUP_PIECES = st.sampled_from([*(bytes([byte]) for byte in b" \t\naZ_:-9.=\"<>'"), b' a="', b'">'])


@settings(max_examples=500, deadline=None)
@given(pieces=st.lists(_MARKUP_PIECES, max_size=40))
def test_values_holding_markup_are_found_as_the_pattern_finds_them(pieces: list[bytes]) -> None:
    data = b"".join(pieces)
    found = [(start, match.span(1), match.group(2)) for start, match in _quoted_with_gt(data)]
    expected = [(match.start(), match.span(1), match.group(2)) for match in _QUOTED_WITH_GT.finditer(data)]
    assert found == expected


def test_repairs_survive_json() -> None:
    article = extract(page("<div>" * 30_000 + STORY))
    assert article.repairs
    assert Article.from_json(article.to_json()) == article
    assert article.to_dict()["repairs"] == [str(repair) for repair in article.repairs]


def test_the_time_budget_raises_a_library_error(monkeypatch: pytest.MonkeyPatch) -> None:
    ticks = itertools.count()
    monkeypatch.setattr(thresher.budget.time, "thread_time", lambda: float(next(ticks)))
    with pytest.raises(ExtractTimeoutError, match="time budget of 3 s"):
        extract(page(f"<article>{STORY}</article>"), options=ExtractOptions(time_budget=3))


def test_the_time_budget_checks_inside_the_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    ticks = itertools.count()
    monkeypatch.setattr(thresher.budget.time, "thread_time", lambda: float(next(ticks)))
    with pytest.raises(ExtractTimeoutError, match="during the walk"):
        extract(page("<span>word</span>" * 20_000), options=ExtractOptions(time_budget=4))


def test_no_time_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    ticks = itertools.count(step=1000)
    monkeypatch.setattr(thresher.budget.time, "thread_time", lambda: float(next(ticks)))
    assert extract(page(f"<article>{STORY}</article>"), options=ExtractOptions(time_budget=None)).text


@pytest.mark.parametrize("budget", [0, -1.0])
def test_a_time_budget_must_be_positive(budget: float) -> None:
    with pytest.raises(ValueError, match="time_budget"):
        ExtractOptions(time_budget=budget)


def test_the_cli_extracts_a_page_with_an_element_of_50000_attributes(tmp_path: Path) -> None:
    attributes = " ".join(f'data-a{i}="v{i}"' for i in range(50_000))
    path = tmp_path / "bomb.html"
    path.write_text(page(f"<article {attributes}>{STORY}</article>"), encoding="utf-8")
    result = run_cli("extract", "--format", "json", str(path), text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    article = json.loads(result.stdout)
    assert article["text"].endswith(STORY_TEXT)
    assert article["repairs"] == [str(Repair.ATTRIBUTES_CUT)]


def test_explain_lists_the_repairs(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_text(page("<div>" * 30_000 + STORY), encoding="utf-8")
    result = run_cli("explain", str(path), text=True)
    assert result.returncode == 0, result.stderr
    assert f"before reading: {Repair.NESTING_CUT}" in result.stdout


def test_nesting_limit_cuts_only_past_the_depth() -> None:
    # stray closing tags before the page cannot lend depth; never-nesting elements
    # (p, br) and self-closing tags add none
    deep = b"</div></div>" + b"<div><p><br/>" * 5 + b"x" + b"</div>" * 5
    assert limit_nesting(deep, 4) == b"</div></div>" + b"<div><p><br/>" * 4 + b"<p><br/>x" + b"</div>" * 4
    shallow = b"<div><section></section></div>" * 200 + b"<span/>" * 50
    assert limit_nesting(shallow, 4) is shallow
    assert limit_nesting(b"<div/>" * 10 + b"<b>x</b>", 4) == b"<div/>" * 10 + b"<b>x</b>"


def test_damage_is_looked_for_whenever_the_body_is_too_short_to_trust() -> None:
    # The text before the damage is longer than a line, but far from a body worth trusting.
    intro = (
        "<p>Drivers heading into the city on Monday morning found the harbour bridge open again, "
        "two years after it closed for repairs that ran a season over their schedule, and the "
        "queues that had stretched back to the ring road every morning were gone by eight.</p>"
    )
    article = extract(page(f'<article>{intro}<div class="story>{STORY}</div></article>'))
    assert article.text.endswith(STORY_TEXT)
    assert article.repairs == (Repair.QUOTE_CLOSED,)
