"""The article body of a parsed page: its blocks in reading order, what was dropped
and why, its images and the related-story links found around it.

Steps: delete never-visible elements and small furniture boxes (``clean``), cut the text into blocks in one
walk (``blocks``), decide which blocks are the article (``classify``), then gather
images and related links of the article (``related``).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser

from thresher.assemble import PageBody
from thresher.budget import UNLIMITED, Budget
from thresher.html.blocks import Page, TextBlock, walk_blocks
from thresher.html.classify import Reading, classify_blocks
from thresher.html.clean import remove_invisible
from thresher.html.nodes import PageNodes
from thresher.html.page_type import PageHints
from thresher.html.related import related_links
from thresher.html.short_body import body_words, outweighs, too_short
from thresher.html.streamed import place_streamed_parts
from thresher.html.switches import enabled
from thresher.models import (
    Block,
    BlockKind,
    BlockReason,
    EmptyReason,
    Image,
    Inline,
    InlineKind,
    Link,
    PageType,
    Repair,
)
from thresher.options import ExtractOptions

__all__ = ["Body", "extract_body"]

#: (bound once: a member look-up on an enum class is slow, and these are tested per block)
_CAPTION, _LIST_ITEM = BlockKind.CAPTION, BlockKind.LIST_ITEM


@dataclass(frozen=True, slots=True)
class Body(PageBody):
    """The page's body as ``assemble`` takes it, with the byline line the HTML reader
    found above the text (authors for a page whose markup names none)."""

    #: A byline line dropped from above the text (``Reading.byline``).
    byline: str = ""


def _resolve(url: str | None, base: str | None) -> str | None:
    if not url:
        return None
    url = url.strip()
    if base:
        try:
            return urljoin(base, url)
        except ValueError:
            return url
    return url


def _images(page: Page, reading: Reading, base: str | None) -> tuple[Image, ...]:
    """Images inside the article, each with the caption of its <figure> if any."""
    container = reading.container
    if container < 0:
        return ()
    last = page.ends[container]
    captions: dict[int, str] = {}  # figure element -> caption text
    for decision in reading.decisions:
        if decision.kind is _CAPTION:
            figure = _enclosing(page, decision.block.owner, "figure", container)
            if figure >= 0:
                captions[figure] = " ".join(filter(None, (captions.get(figure), decision.block.text)))
    images: list[Image] = []
    seen: set[str] = set()
    for parent, src, alt in page.images:
        if not container <= parent <= last:
            continue
        url = _resolve(src, base)
        if url is None or url in seen:
            continue
        seen.add(url)
        figure = _enclosing(page, parent, "figure", container)
        images.append(Image(url=url, alt=" ".join(alt.split()), caption=captions.get(figure, "")))
    return tuple(images)


def _inline(block: TextBlock, base: str | None) -> tuple[Inline, ...]:
    """The recorded spans of a block as ``Inline``s, link targets resolved against ``base``."""
    if not block.spans:
        return ()
    # (recorded as the elements closed: inner ones first; listed outer ones first)
    return tuple(
        Inline(start, end, InlineKind(kind), _resolve(href, base) if kind == "link" else None)
        for start, end, kind, href in sorted(block.spans, key=lambda span: (span[0], -span[1]))
    )


def _enclosing(page: Page, index: int, tag: str, stop: int) -> int:
    while index >= stop and index >= 0:
        if page.tags[index] == tag:
            return index
        index = page.parents[index]
    return -1


def extract_body(
    tree: LexborHTMLParser,
    options: ExtractOptions,
    url: str | None,
    nodes: PageNodes,
    title: str | None = None,
    hints: PageHints | None = None,
    budget: Budget = UNLIMITED,
) -> Body:
    """The article body of ``tree``; relative image and link URLs resolve against ``url``.
    ``nodes`` are the page's elements from ``nodes.collect_nodes`` (its never-shown
    elements and furniture boxes are detached); ``title`` is the headline read from
    the metadata; ``budget`` is checked between the steps and during the walk.

    The tree is modified (invisible elements are deleted): read metadata first.
    """
    body = tree.body
    if body is None:
        frameset = tree.css_first("frameset") is not None
        return Body(empty_reason=EmptyReason.FRAMESET if frameset else EmptyReason.NO_TEXT)
    if enabled("streamed-parts"):
        place_streamed_parts(tree, nodes.never_text)
    scripts = remove_invisible(body, nodes.never_text, nodes.boxes)
    budget.check("cleaning")
    page = walk_blocks(
        body,
        max_nodes=options.max_nodes,
        record_links=options.include_links,
        record_emphasis=options.include_formatting,
        budget=budget,
    )
    shown_words = body_words(block.text for block in page.blocks)
    if too_short(shown_words) and enabled("reveal-hidden"):
        # Even all the text the page shows is too short for a body worth trusting: the
        # page may hide itself until its scripts have run (a wrapper styled hidden,
        # streamed markup). Its hidden text is what it shows, when there is much more of it.
        revealed = walk_blocks(
            body,
            max_nodes=options.max_nodes,
            record_links=options.include_links,
            record_emphasis=options.include_formatting,
            reveal=True,
            budget=budget,
        )
        if outweighs((block.text for block in revealed.blocks), shown_words):
            page = revealed
    repairs = (Repair.NODES_CUT,) if page.cut else ()
    if not page.blocks:
        # (looked up only here: each look-up is a scan of the whole tree)
        if tree.css_first("frameset") is not None:
            reason = EmptyReason.FRAMESET
        elif scripts:
            reason = EmptyReason.SCRIPT_ONLY
        else:
            reason = EmptyReason.NO_TEXT
        return Body(empty_reason=reason, repairs=repairs)
    budget.check("reading the blocks")
    reading = classify_blocks(
        page,
        title=title,
        include_comments=options.include_comments,
        include_tables=options.include_tables,
        include_captions=options.include_captions,
        hints=hints,
    )
    budget.check("classifying the blocks")
    # Dropped blocks are built only on request: most of a page is dropped.
    explain = options.explain
    shown = reading.decisions if explain else [decision for decision in reading.decisions if decision.kept]
    items = [decision.block.owner for decision in shown if decision.kind is _LIST_ITEM]
    ordinals = iter(page.list_numbers(items))
    decisions = tuple(
        Block(
            decision.kind,
            decision.block.text,
            decision.kept,
            decision.reason,
            decision.level,
            ordinal=next(ordinals) if decision.kind is _LIST_ITEM else 0,
            inline=_inline(decision.block, url) if decision.block.spans else (),
        )
        for decision in shown
    )
    kept = tuple(block for block in decisions if block.kept) if explain else decisions
    described = hints.product_description if hints else ""
    if (
        reading.page_type is PageType.PRODUCT
        and len(described) > sum(len(block.text) for block in kept)
        and enabled("product-jsonld")
    ):
        # A shop may show the description only once a script has run: the JSON-LD has it.
        kept = (Block(BlockKind.PARAGRAPH, described, True, BlockReason.PRODUCT_DESCRIPTION), *kept)
        decisions = (kept[0], *decisions)
    related = tuple(Link(text, _resolve(href, url)) for text, href in related_links(reading))
    return Body(
        blocks=kept,
        decisions=decisions,
        images=_images(page, reading, url),
        related=related,
        empty_reason=None if kept else EmptyReason.NO_ARTICLE,
        byline=reading.byline,
        repairs=repairs,
        page_type=reading.page_type,
        page_type_evidence=reading.page_type_evidence,
    )
