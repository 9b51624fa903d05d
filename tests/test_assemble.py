"""The one way an article is put together from a reader's metadata and body, and the one
rule by which one reader's metadata fills the gaps of another's."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from thresher import ExtractOptions, extract
from thresher.assemble import PageBody, PageMetadata, assemble, fill_missing
from thresher.html.metadata import Metadata
from thresher.models import Block, BlockKind, BlockReason, EmptyReason

texts = st.none() | st.sampled_from(["", "Storm hits coast", "en", "https://news.example/storm"])
names = st.lists(st.sampled_from(["Jane Doe", "Ann Lee"]), max_size=2, unique=True).map(tuple)
moments = st.none() | st.just(datetime(2024, 5, 3, 9, 30, tzinfo=UTC))
metadata = st.builds(
    PageMetadata,
    title=texts,
    authors=names,
    published=moments,
    site_name=texts,
    language=texts,
    description=texts,
    url=texts,
    modified=moments,
    tags=names,
    image=texts,
)
kept = st.lists(st.builds(Block, kind=st.just(BlockKind.PARAGRAPH), text=st.just("Winds rise.")), max_size=2)
bodies = st.builds(
    PageBody,
    blocks=kept.map(tuple),
    decisions=kept.map(tuple),
    empty_reason=st.none() | st.sampled_from(list(EmptyReason)),
)


@given(metadata, bodies, texts, st.booleans())
def test_article_obeys_its_rules(page: PageMetadata, body: PageBody, url: str | None, explain: bool) -> None:
    article = assemble(page, body, url=url, explain=explain)
    assert (article.empty_reason is None) == bool(body.blocks)
    assert article.decisions == (body.decisions if explain else ())
    assert article.url == (url or page.url)
    assert article.blocks == body.blocks


@given(metadata, bodies)
def test_the_metadata_goes_into_the_article_unchanged(page: PageMetadata, body: PageBody) -> None:
    assert PageMetadata.of(assemble(page, body, url=None, explain=False)) == page


def test_an_empty_body_says_why() -> None:
    assert (
        assemble(PageMetadata(), PageBody(), url=None, explain=False).empty_reason == EmptyReason.NO_ARTICLE
    )
    frameset = PageBody(empty_reason=EmptyReason.FRAMESET)
    assert assemble(PageMetadata(), frameset, url=None, explain=False).empty_reason == EmptyReason.FRAMESET


@given(metadata, metadata)
def test_fill_missing_keeps_what_is_given_and_fills_only_gaps(
    first: PageMetadata, other: PageMetadata
) -> None:
    filled = fill_missing(first, other)
    for field in dataclasses.fields(PageMetadata):
        mine, theirs = getattr(first, field.name), getattr(other, field.name)
        assert getattr(filled, field.name) == (mine if mine else theirs)
    assert fill_missing(filled, other) == filled


def test_fill_missing_reads_the_html_readers_metadata_as_page_metadata() -> None:
    html = Metadata(title="Storm hits coast", site_keys=frozenset(["daily news"]))
    filled = fill_missing(html, PageMetadata(title="Storm", authors=("Jane Doe",)))
    assert filled == PageMetadata(title="Storm hits coast", authors=("Jane Doe",))


def test_a_capture_of_images_alone_gives_an_empty_article_with_its_url() -> None:
    options = ExtractOptions(input="text", explain=True)
    article = extract(
        "<image>![Storm](https://news.example/a.jpg)</image>", url="https://news.example/x", options=options
    )
    assert article.is_empty and article.empty_reason == EmptyReason.NO_TEXT
    assert article.url == "https://news.example/x"


def test_reasons_of_the_body_survive_assembly() -> None:
    dropped = Block(BlockKind.PARAGRAPH, "Share this", kept=False, reason=BlockReason.SHARE_BOX)
    body = PageBody(blocks=(Block(BlockKind.PARAGRAPH, "Winds rise."),), decisions=(dropped,))
    assert assemble(PageMetadata(), body, url=None, explain=True).discarded == (dropped,)
