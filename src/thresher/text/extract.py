"""Text capture → ``Article``: lines, scores, then the header and the body.

1. ``lines``: cut the capture into lines (``<image>`` lines recognised).
2. ``features`` + ``classify``: a body probability for every line, smoothed by context.
3. Around the start of the body: the headline, the date line, the byline.
4. Inside the body: page widgets (a cluster of short lines holding interface
   strings), "Read also" lines and a trailing story card become related links;
   captions and list items get their kinds.

Each step claims the lines it drops with its reason (``BlockReason``, the HTML reader's
vocabulary), and a line keeps the first reason it was given: the header (``headline``,
``byline/date``, ``above headline``), then ``comments``, ``page widget``, ``related
links`` and ``caption``, the story card (``related links``, ``teaser``). Other lines out
of the body are ``page furniture``; the body's lines are ``main text`` whatever their kind.
"""

from __future__ import annotations

import re

import numpy as np

from thresher.assemble import PageBody, PageMetadata, assemble
from thresher.budget import UNLIMITED, Budget
from thresher.models import Article, Block, BlockKind, BlockReason, EmptyReason, Image, Link
from thresher.options import ExtractOptions
from thresher.text.body import comment_section, select_body, widget_lines
from thresher.text.classify import load_model, score_lines
from thresher.text.features import LineStats, line_stats
from thresher.text.header import read_header
from thresher.text.language import guess_language
from thresher.text.lines import Line, split_lines
from thresher.text.related import is_headline_shaped, related_prefix_target, trailing_story_card
from thresher.text.vocabulary import is_caption

__all__ = ["extract_text"]

_BULLET_PREFIX = re.compile(r"^(?:[•·▪►▸\-–—*+●○■□✓✔])\s+")
_NUMBER_PREFIX = re.compile(r"^(\d{1,2})[.)]\s+")


def extract_text(
    text: str, *, url: str | None, options: ExtractOptions, budget: Budget = UNLIMITED
) -> Article:
    """The article of a rendered-text capture (innerText dump, copy-paste, reader export);
    ``budget`` is checked between the steps."""
    lines = split_lines(text, max_lines=options.max_lines)
    budget.check("splitting the lines")
    if not any(not line.is_image for line in lines):
        return assemble(
            PageMetadata(), PageBody(empty_reason=EmptyReason.NO_TEXT), url=url, explain=options.explain
        )
    page = line_stats(lines)
    stats = page.rows
    model = load_model()
    scores = score_lines(page.matrix, model)
    budget.check("scoring the lines")
    kept = np.flatnonzero((scores >= model.threshold) & (page.column("is_image") == 0)).tolist()
    kept = select_body(kept, page, scores.tolist(), include_comments=options.include_comments)
    header = read_header(lines, stats, kept)
    reasons = header.reasons
    title_index = header.title_index
    header_at = title_index if title_index is not None else (kept[0] if kept else 0)

    if not options.include_comments:
        for i in comment_section(kept, stats, reasons):
            reasons.setdefault(i, BlockReason.COMMENTS)
    kept_set = set(kept)
    for i in widget_lines(kept_set, lines, page):
        reasons.setdefault(i, BlockReason.PAGE_WIDGET)

    related: list[Link] = []
    body_lines = [i for i in kept if i not in reasons]
    region_end = body_lines[-1] if body_lines else -1
    region_start = (title_index + 1) if title_index is not None else (body_lines[0] if body_lines else 0)
    captions: set[int] = set()
    # "Read also" lines may sit just below the last paragraph.
    for i in range(region_start, min(len(lines), region_end + 4)):
        if i in reasons or lines[i].is_image:
            continue
        target = related_prefix_target(lines[i].text)
        if target:
            related.append(Link(target))
            reasons[i] = BlockReason.RELATED_LINKS
        elif i <= region_end and stats[i].words <= 60 and is_caption(lines[i].text):
            captions.add(i)
            if not options.include_captions:
                reasons[i] = BlockReason.CAPTION
    body_lines = [
        i
        for i in range(region_start, region_end + 1)
        if i not in reasons and (i in kept_set or i in captions)
    ]
    card = trailing_story_card(body_lines, stats, [line.text for line in lines])
    if card:
        related.append(Link(lines[card[0]].text))
        reasons[card[0]] = BlockReason.RELATED_LINKS
        reasons[card[1]] = BlockReason.TEASER
        body_lines = [i for i in body_lines if i not in card]

    blocks = {
        i: _body_block(i, position, body_lines, lines, stats, captions)
        for position, i in enumerate(body_lines)
    }
    last_body = body_lines[-1] if body_lines else -1
    images = [
        Image(url=lines[i].image_src, alt=lines[i].image_alt)
        for i in range(max(0, header_at), last_body + 1)
        if lines[i].is_image
    ]
    # A caption left out of the body is kept with the images, as for HTML pages.
    images += [Image(url=None, caption=lines[i].text) for i in sorted(captions) if i not in blocks]
    decisions: tuple[Block, ...] = ()
    if options.explain:  # every line in page order, the kept ones as they are in the body
        decisions = tuple(
            blocks.get(line.position)
            or Block(
                BlockKind.PARAGRAPH,
                line.text,
                kept=False,
                reason=reasons.get(line.position, BlockReason.PAGE_FURNITURE),
            )
            for line in lines
            if not line.is_image
        )
    metadata = PageMetadata(
        title=header.title,
        authors=header.authors,
        published=header.published,
        language=guess_language(block.text for block in blocks.values()),
    )
    body = PageBody(
        blocks=tuple(blocks.values()), decisions=decisions, images=tuple(images), related=tuple(related)
    )
    return assemble(metadata, body, url=url, explain=options.explain)


def _body_block(
    i: int,
    position: int,
    body_lines: list[int],
    lines: list[Line],
    stats: list[LineStats],
    captions: set[int],
) -> Block:
    """The block of body line ``i``: its kind read from its shape and its neighbour."""
    line_text = lines[i].text
    if i in captions:
        return Block(BlockKind.CAPTION, line_text)
    if stats[i].bullet:
        if _BULLET_PREFIX.match(line_text):
            return Block(BlockKind.LIST_ITEM, _BULLET_PREFIX.sub("", line_text))
        if number := _NUMBER_PREFIX.match(line_text):  # "1. Heat the oven", "2) Whisk"
            return Block(
                BlockKind.LIST_ITEM,
                line_text[number.end() :],
                ordinal=int(number.group(1)),
            )
    if line_text.startswith("> "):
        return Block(BlockKind.QUOTE, line_text[2:])
    if (
        is_headline_shaped(stats[i], line_text)
        and stats[i].words <= 15
        and position + 1 < len(body_lines)
        and stats[body_lines[position + 1]].words >= 15
    ):
        return Block(BlockKind.HEADING, line_text, level=2)
    return Block(BlockKind.PARAGRAPH, line_text)
