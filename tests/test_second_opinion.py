"""The text reader's second opinion on HTML pages: golden pages written for these tests
where the HTML reader fails and the second opinion rescues the body (a story whose
paragraphs are links in a menu list), pages where it must not change anything (among
them pages the HTML reader once failed on and now reads itself: a forum thread, an
article in an ``aria-hidden`` panel), the option that turns it off, and what
``explain`` shows.

Golden format (``tests/golden/second_opinion/``): each ``NAME.html`` has a
``NAME.expect.json`` with any of these keys:

- ``second_opinion``: whether the body must come from the second opinion;
- ``html_reader_words_below``: the HTML reader alone (``second_opinion=False``) keeps
  fewer words than this (the failure the page was written for);
- ``order``: snippets that must appear in the body in this order;
- ``drop``: snippets that must not appear in the body.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from thresher import extract
from thresher.html.short_body import words
from thresher.models import Article
from thresher.options import ExtractOptions

GOLDEN = Path(__file__).parent / "golden" / "second_opinion"
PAGES = sorted(path.name[: -len(".expect.json")] for path in GOLDEN.glob("*.expect.json"))
SRC = Path(__file__).resolve().parent.parent / "src"


def _expect(name: str) -> dict[str, Any]:
    expect: dict[str, Any] = json.loads((GOLDEN / f"{name}.expect.json").read_text(encoding="utf-8"))
    return expect


def _page(name: str) -> str:
    return (GOLDEN / f"{name}.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", PAGES)
def test_golden_page(name: str) -> None:
    expect = _expect(name)
    article = extract(_page(name))
    assert (article.second_opinion is not None) == expect["second_opinion"], article.second_opinion
    text = article.text
    position = 0
    for snippet in expect.get("order", []):
        found = text.find(snippet, position)
        assert found >= 0, f"{snippet!r} missing or out of order in:\n{text}"
        position = found + len(snippet)
    for snippet in expect.get("drop", []):
        assert snippet not in text
    if "html_reader_words_below" in expect:
        alone = extract(_page(name), options=ExtractOptions(second_opinion=False))
        assert words(alone.text) < expect["html_reader_words_below"]


def test_second_opinion_keeps_the_markup_metadata() -> None:
    article = extract(_page("paragraphs_as_menu_links"), url="https://news.example/baths")
    assert article.title == "Council votes to close Mill Street baths"
    assert article.url == "https://news.example/baths"
    assert article.empty_reason is None
    assert "the HTML reader kept 0 words" in (article.second_opinion or "")


def test_off_switch_leaves_the_html_readers_answer() -> None:
    article = extract(_page("paragraphs_as_menu_links"), options=ExtractOptions(second_opinion=False))
    assert article.second_opinion is None
    assert article.is_empty and article.empty_reason


def test_explain_lists_the_text_readers_decisions() -> None:
    article = extract(_page("paragraphs_as_menu_links"), options=ExtractOptions(explain=True))
    assert article.second_opinion
    kept = [block for block in article.decisions if block.kept]
    assert [block.text for block in kept] == [block.text for block in article.blocks]


def test_second_opinion_survives_json() -> None:
    article = extract(_page("paragraphs_as_menu_links"))
    assert Article.from_json(article.to_json()) == article
    assert json.loads(article.to_json())["second_opinion"] == article.second_opinion


def test_cli_explain_says_which_reader_was_taken(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_text(_page("paragraphs_as_menu_links"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "thresher", "explain", str(page)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(SRC), "COLUMNS": "200"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "second opinion" in result.stdout
    assert "the HTML reader kept" in result.stdout
    report = tmp_path / "report.html"
    result = subprocess.run(
        [sys.executable, "-m", "thresher", "explain", "--html", str(report), str(page)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(SRC)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "second opinion" in report.read_text(encoding="utf-8")
