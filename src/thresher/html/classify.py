"""Decide which blocks are the article, in three stages with one module each:

1. map the furniture (``furniture``): share bars, newsletter boxes, related-story
   lists, comment sections, named by their tag or class/id, less the misnomers;
2. choose the container (``container``): the element holding most article text for
   the least boilerplate, furniture voting against;
3. decide each block (``decide_blocks`` here): outside the article, under furniture
   (named by its box), in a related box, or as the line rules say (``rules``): link
   lists, the headline before the first paragraph, comment sections after a
   "Comments" heading, ad and control labels, picture credits and captions, wire
   credits, datelines, notices, bare addresses and repeated text.

Every decision keeps its reason (``BlockReason``). The page's type is judged between
the first two stages (a thread's posts are its content, not comments; a listing's
boxes are its items) and decides some rules; a page left with next to no prose is read
once more as a page of lists.
"""

from __future__ import annotations

from dataclasses import dataclass

from thresher.html.blocks import CAPTION, Page, TextBlock
from thresher.html.container import choose_container, read_prose, text_holder
from thresher.html.furniture import OUTSIDE, comment_boxes, furniture_boxes, furniture_map, map_furniture
from thresher.html.page_type import PageHints, judge_page_type
from thresher.html.rules import LineRules, rules_for
from thresher.html.switches import enabled
from thresher.html.vocabulary import boilerplate_reason
from thresher.models import BlockKind, BlockReason, PageType

__all__ = ["Decision", "Reading", "classify_blocks", "decide_blocks"]

#: (kind, heading level) of a block by the tag deciding its kind; others are paragraphs.
_TAG_KINDS = {
    "h1": (BlockKind.HEADING, 1),
    "h2": (BlockKind.HEADING, 2),
    "h3": (BlockKind.HEADING, 3),
    "h4": (BlockKind.HEADING, 4),
    "h5": (BlockKind.HEADING, 5),
    "h6": (BlockKind.HEADING, 6),
    "li": (BlockKind.LIST_ITEM, 0),
    "dt": (BlockKind.LIST_ITEM, 0),
    "dd": (BlockKind.LIST_ITEM, 0),
    "blockquote": (BlockKind.QUOTE, 0),
    "figcaption": (BlockKind.CAPTION, 0),
    "caption": (BlockKind.CAPTION, 0),
    "figure": (BlockKind.CAPTION, 0),
    "pre": (BlockKind.CODE, 0),
    "table": (BlockKind.TABLE, 0),
}
#: (kind, heading level, the line rules for the kind) by tag.
_KINDS = {tag: (kind, level, rules_for(kind)) for tag, (kind, level) in _TAG_KINDS.items()}
_PARAGRAPH_KIND = (BlockKind.PARAGRAPH, 0, rules_for(BlockKind.PARAGRAPH))
_CAPTION_RULES = rules_for(BlockKind.CAPTION)
#: (bound once: a member look-up on an enum class is slow, and these are tested per block)
_HEADING, _PARAGRAPH, _CAPTION = BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.CAPTION
_OUTSIDE_ARTICLE, _RELATED, _COMMENTS = (
    BlockReason.OUTSIDE_ARTICLE,
    BlockReason.RELATED_LINKS,
    BlockReason.COMMENTS,
)
#: A page with this many captions, holding more than this multiple of the kept text,
#: is a gallery: its captions are its text.
_GALLERY_CAPTIONS = 5
_GALLERY_SHARE = 2.0
#: Pages whose content is a series of items, each a box of its own.
_SERIES_PAGES = frozenset([PageType.LISTING, PageType.COLLECTION, PageType.FORUM])
#: Pages whose content is a series of cards, each titled by a linked heading.
_CARD_PAGES = frozenset([PageType.LISTING, PageType.COLLECTION])
#: Pages whose little text is not a page of lists: a product's description is in its
#: JSON-LD (``body``), a thread's posts are its text.
_OWN_FALLBACK = frozenset([PageType.PRODUCT, PageType.FORUM])
#: A page whose article holds fewer characters than this is read as a page of lists.
_SPARSE = 200


@dataclass(slots=True)
class Decision:
    block: TextBlock
    kind: BlockKind
    level: int
    kept: bool
    reason: BlockReason
    #: The block is a pointer to other stories: its links belong in ``related``.
    related: bool = False


@dataclass(slots=True)
class Reading:
    """The decisions on a page's blocks and the element found to hold the article."""

    decisions: list[Decision]
    #: Index of the article's element in the ``Page`` (-1 when the page has no text).
    container: int
    #: Each element's total vote, furniture counted (``container``).
    scores: list[float]
    #: A byline line above the text ("By Jane Doe"), dropped from the body: the
    #: authors when the page's metadata names none.
    byline: str = ""
    page_type: PageType = PageType.ARTICLE
    #: Why the page was judged of ``page_type``, in a few words.
    page_type_evidence: str = ""


def classify_blocks(
    page: Page,
    *,
    include_comments: bool,
    include_tables: bool,
    include_captions: bool,
    title: str | None = None,
    hints: PageHints | None = None,
) -> Reading:
    """One decision per block of ``page``, in document order; ``title`` is the page's
    headline as its metadata gives it (a block repeating it above the text is dropped)."""
    if not page.blocks:
        return Reading([], -1, [])
    prose = read_prose(page)
    comments, thread = comment_boxes(page, prose.prose, prose.headline, include_comments=include_comments)
    page_type, evidence = judge_page_type(hints or PageHints(), page, thread=thread)
    furniture = map_furniture(
        page,
        furniture_boxes(page, prose.prose, prose.headline, series=page_type in _SERIES_PAGES),
        comments,
    )
    container = choose_container(page, prose, furniture.inside)
    element = container.element
    rules = LineRules(include_comments, include_tables, include_captions, title)
    rules.cards = page_type in _CARD_PAGES and enabled("card-headings")
    decisions = decide_blocks(page, element, container.spans, furniture.boxes, furniture.comments, rules)
    if (
        enabled("sparse-fallback")
        and page_type not in _OWN_FALLBACK
        and sum(len(d.block.text) for d in decisions if d.kept) < _SPARSE
    ):
        # Next to no prose anywhere: the page is its lists (a job board, a table of
        # links, a shop's grid). Its content is the element holding most of the text
        # outside the furniture, links and all.
        fallback = text_holder(page, furniture.inside, 2 * _SPARSE)
        if fallback >= 0:
            element = fallback
            rules = LineRules(include_comments, include_tables, include_captions, title)
            rules.cards = rules.links = True
            spans = [(element, page.ends[element])]
            decisions = decide_blocks(page, element, spans, furniture.boxes, furniture.comments, rules)
    if not include_captions and rules.captions >= _GALLERY_CAPTIONS:
        _keep_gallery_captions(decisions)
    return Reading(decisions, element, container.scores, rules.byline, page_type, evidence)


def decide_blocks(
    page: Page,
    container: int,
    spans: list[tuple[int, int]],
    boxes: list[int],
    comments: frozenset[int],
    rules: LineRules,
) -> list[Decision]:
    """The decision on every block: outside the article (``spans``), in a related box,
    under furniture (``boxes``, named by the outermost; ``comments`` are comment
    sections), or as the line ``rules`` say."""
    blocks, parents, groups, ends = page.blocks, page.parents, page.groups, page.ends
    furniture_of = furniture_map(page, spans, boxes)
    decisions: list[Decision] = []
    append = decisions.append
    related_until = -1  # blocks up to this element index belong to a related box
    kinds, paragraph = _KINDS, _PARAGRAPH_KIND
    decide = rules.decide
    for block in blocks:
        owner = block.owner
        kind, level, table = kinds.get(block.kind_tag, paragraph)
        if kind is _PARAGRAPH and groups[owner] & CAPTION:
            kind, table = _CAPTION, _CAPTION_RULES  # text of an element named as a caption
        furniture = furniture_of[owner]
        if furniture == OUTSIDE:
            append(Decision(block, kind, level, False, _OUTSIDE_ARTICLE))
            continue
        if owner <= related_until:
            append(Decision(block, kind, level, False, _RELATED, True))
            continue
        if furniture >= 0:
            kept = False
            reason = _COMMENTS if furniture in comments else boilerplate_reason(page.furniture(furniture))
            related = reason is _RELATED
        else:
            kept, reason, related = decide(block, kind, table)
        append(Decision(block, kind, level, kept, reason, related))
        if related and kind is _HEADING and parents[owner] > container:
            # A "Related"/"You may like" heading titles the box around it: the rest of
            # that box is the list of other stories, whatever its teasers look like.
            related_until = ends[parents[owner]]
    return decisions


def _keep_gallery_captions(decisions: list[Decision]) -> None:
    """Keep the captions of a gallery: when the article's captions hold more than twice
    the text of its kept blocks, the pictures' captions are what the page says
    ("20 costumes to make at home", a slideshow), not notes beside an article."""
    captions = [d for d in decisions if d.reason is BlockReason.CAPTION and d.kind is _CAPTION]
    caption_chars = sum(len(d.block.text) for d in captions)
    kept_chars = sum(len(d.block.text) for d in decisions if d.kept)
    if caption_chars > _GALLERY_SHARE * kept_chars:
        for decision in captions:
            decision.kept, decision.reason = True, BlockReason.GALLERY_CAPTION
