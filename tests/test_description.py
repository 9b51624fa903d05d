"""The page's own description as the opening of a body too short to trust
(``thresher.html.description``), on pages written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from thresher import BlockReason, ExtractOptions, extract
from thresher.html import switches

GOLDEN = Path(__file__).parent / "golden" / "html"
EXCERPT = (
    "Our club met at the harbour on Saturday to plan the summer races. Twelve boats signed up for the "
    "first race in June, and the committee agreed to move the start line closer to the lighthouse so "
    "that the course stays clear of the ferry lane. Members asked for a second safety boat and for the "
    "results to be posted on the board by the slipway the same evening..."
)


def _page(body: str, description: str = EXCERPT) -> str:
    return (
        f'<html><head><title>Summer races</title><meta property="og:description" content="{description}">'
        f"</head><body>{body}</body></html>"
    )


def test_a_page_without_its_text_gives_its_description_and_says_so() -> None:
    page = (GOLDEN / "thread-in-description.html").read_bytes()
    article = extract(page, options=ExtractOptions(explain=True))
    assert [block.reason for block in article.blocks] == [BlockReason.PAGE_DESCRIPTION]
    assert article.decisions == article.blocks
    assert article.text.startswith("I am planning my first summer of camping")


def test_the_description_leads_the_few_words_found() -> None:
    article = extract(_page("<main><p>Posted by the committee.</p></main>"))
    assert article.blocks[0].reason == BlockReason.PAGE_DESCRIPTION
    assert article.text == f"{EXCERPT}\nPosted by the committee."


def test_a_body_worth_trusting_is_left_alone() -> None:
    story = "".join(
        f"<p>Paragraph {n} of the club's report tells how the boats sailed the new course past the "
        "lighthouse, which marks were moved and what the committee decided about the start.</p>"
        for n in range(6)
    )
    article = extract(_page(f"<article><h1>Summer races</h1>{story}</article>"))
    assert BlockReason.PAGE_DESCRIPTION not in [block.reason for block in article.blocks]
    assert EXCERPT not in article.text


def test_a_summary_for_search_results_is_not_a_body() -> None:
    summary = "Sailing club news: races, results and the summer calendar of the harbour club."
    article = extract(_page("<div id='app'></div>", summary))
    assert article.is_empty


def test_the_switch_turns_the_remedy_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(switches, "DISABLED", frozenset(["page-description"]))
    assert extract((GOLDEN / "thread-in-description.html").read_bytes()).is_empty
