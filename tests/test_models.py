"""Article rendering and its JSON round trip."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thresher import Article, Block, BlockKind, BlockReason, EmptyReason, Image, Inline, InlineKind, Link

texts = st.text(max_size=40)
optional_texts = st.none() | texts
spans = st.builds(
    Inline,
    start=st.integers(0, 40),
    end=st.integers(0, 40),
    kind=st.sampled_from(list(InlineKind)),
    url=optional_texts,
)
blocks = st.builds(
    Block,
    kind=st.sampled_from(list(BlockKind)),
    text=texts,
    kept=st.booleans(),
    reason=st.sampled_from(list(BlockReason)),
    level=st.integers(0, 6),
    ordinal=st.integers(0, 99),
    inline=st.lists(spans, max_size=3).map(tuple),
)
zones = st.none() | st.sampled_from(
    [UTC, timezone(timedelta(hours=5, minutes=30)), timezone(timedelta(hours=-8))]
)
articles = st.builds(
    Article,
    title=optional_texts,
    authors=st.lists(texts, max_size=3).map(tuple),
    published=st.none() | st.datetimes(timezones=zones),
    site_name=optional_texts,
    language=optional_texts,
    url=optional_texts,
    description=optional_texts,
    modified=st.none() | st.datetimes(timezones=zones),
    tags=st.lists(texts, max_size=3).map(tuple),
    image=optional_texts,
    blocks=st.lists(blocks, max_size=5).map(tuple),
    related=st.lists(st.builds(Link, text=texts, url=optional_texts), max_size=3).map(tuple),
    images=st.lists(st.builds(Image, url=optional_texts, alt=texts, caption=texts), max_size=3).map(tuple),
    empty_reason=st.none() | st.sampled_from(list(EmptyReason)) | texts,
    decisions=st.lists(blocks, max_size=3).map(tuple),
)


@given(articles)
def test_json_round_trip_is_identity(article: Article) -> None:
    assert Article.from_json(article.to_json()) == article


def test_article_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Article().title = "x"  # type: ignore[misc]


SAMPLE = Article(
    title="Rivers rise after storm",
    authors=("Ana Lima", "Bo Chen"),
    published=datetime(2024, 7, 3, 4, 45),
    site_name="The Daily Example",
    blocks=(
        Block(BlockKind.PARAGRAPH, "The river rose two metres overnight."),
        Block(BlockKind.HEADING, "What comes next", level=2),
        Block(BlockKind.LIST_ITEM, "Stay away from the banks."),
        Block(BlockKind.LIST_ITEM, "Follow official advice."),
        Block(BlockKind.QUOTE, "We have never seen this."),
        Block(BlockKind.CAPTION, "The bridge at dawn."),
        Block(BlockKind.TABLE, "Town | Level\nRiverside | 4.2 m"),
        Block(BlockKind.LIST_ITEM, "Check the gauges.", ordinal=1),
        Block(BlockKind.LIST_ITEM, "Close the sluices.", ordinal=2),
    ),
    related=(Link("Earlier: the storm arrives", "https://example.org/storm"),),
)


def test_text_joins_blocks_without_headline() -> None:
    assert SAMPLE.text.splitlines()[0] == "The river rose two metres overnight."
    assert "Rivers rise" not in SAMPLE.text
    assert len(SAMPLE.text.splitlines()) == 10  # the table has two rows


def test_markdown_rendering() -> None:
    markdown = SAMPLE.to_markdown()
    assert markdown.startswith("# Rivers rise after storm\n\n*By Ana Lima, Bo Chen · 2024-07-03 04:45 ·")
    assert "## What comes next" in markdown
    assert "- Stay away from the banks.\n- Follow official advice." in markdown
    assert "1. Check the gauges.\n2. Close the sluices." in markdown
    assert "> We have never seen this." in markdown
    assert "*The bridge at dawn.*" in markdown
    assert "| Town | Level |\n| --- | --- |\n| Riverside | 4.2 m |" in markdown
    assert "- [Earlier: the storm arrives](https://example.org/storm)" in markdown


def test_json_has_text_and_plain_values() -> None:
    data = SAMPLE.to_dict()
    assert data["published"] == "2024-07-03T04:45:00"
    assert data["text"] == SAMPLE.text
    assert data["blocks"][1] == {
        "kind": "heading",
        "text": "What comes next",
        "kept": True,
        "reason": "main text",
        "level": 2,
    }


def test_markdown_prints_a_bare_day_without_a_time() -> None:
    day_only = Article(title="T", published=datetime(2024, 7, 3), blocks=SAMPLE.blocks[:1])
    assert "*2024-07-03*" in day_only.to_markdown()
