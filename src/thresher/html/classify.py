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
boxes are its items) and decides some rules; comment sections holding posts laid out
as the chosen one are a thread's replies, and the like siblings of the chosen box (the
posts, the cards: ``series``) join it. A page left with next to no prose is read once
more as a page of lists. At the article's edges, headings settle what they title
(``headings``): the standfirst under the headline joins, a heading over a dropped box
goes with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from thresher.html.blocks import CAPTION, FURNITURE_TAGS, Page, TextBlock
from thresher.html.container import Container, Prose, choose_container, read_prose, text_holder
from thresher.html.decision import Decision
from thresher.html.furniture import (
    OUTSIDE,
    Furniture,
    comment_boxes,
    furniture_boxes,
    furniture_map,
    inside_boxes,
    map_furniture,
    prose_boxes,
)
from thresher.html.headings import drop_orphan_headings, standfirst
from thresher.html.page_type import PageHints, judge_page_type, states_discussion
from thresher.html.rules import LineRules, rules_for
from thresher.html.series import card_grid, replies_like_post, series_items
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
_OUTSIDE_ARTICLE, _RELATED, _COMMENTS, _MAIN_TEXT = (
    BlockReason.OUTSIDE_ARTICLE,
    BlockReason.RELATED_LINKS,
    BlockReason.COMMENTS,
    BlockReason.MAIN_TEXT,
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


def _furniture_and_container(
    page: Page, prose: Prose, comments: list[int], page_type: PageType
) -> tuple[Furniture, Container]:
    """The page's furniture map, given its comment sections and type, and the element
    chosen to hold the content outside it."""
    furniture = map_furniture(
        page,
        furniture_boxes(page, prose.prose, prose.headline, series=page_type in _SERIES_PAGES),
        comments,
    )
    return furniture, choose_container(page, prose, furniture.inside)


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
    hints = hints or PageHints()
    page_type, evidence = judge_page_type(hints, page, thread=thread)
    stated_thread = states_discussion(hints)
    if stated_thread and comments and enabled("stated-thread"):
        # The boxes named like comments are its posts, the question's answers.
        comments, thread = [], True
    furniture, container = _furniture_and_container(page, prose, comments, page_type)
    if (
        comments
        and enabled("like-replies")
        and replies_like_post(page, container.element, comments, prose.prose)
    ):
        # The comment sections hold posts like the one chosen: a thread's replies.
        comments, thread = [], True
        page_type, evidence = judge_page_type(hints, page, thread=thread)
        furniture, container = _furniture_and_container(page, prose, comments, page_type)
    element = container.element
    spans, boxes = container.spans, furniture.boxes
    if page_type is PageType.COLLECTION and enabled("card-grid"):
        grid = card_grid(page, spans, furniture.inside)
        if grid >= 0:
            spans = [*spans, (grid, page.ends[grid])]
    if enabled("standfirst"):
        spans = spans + standfirst(page, prose.votes, element, furniture.inside)
    if enabled("series") and prose.prose[element] >= 2 * _SPARSE:
        # One post of a thread, one card of a listing, is not the page: its like
        # siblings join the article, one named like a comment box too. (An article of
        # next to no prose is read as a page of lists instead, below.)
        items = series_items(page, element, prose.prose, furniture.inside, furniture.comments)
        if items:
            ends = page.ends
            spans = spans + [
                (item, ends[item]) for item in items if not any(a <= item <= b for a, b in spans)
            ]
            joined = frozenset(items)
            boxes = [index for index in boxes if index not in joined]
    # On a page stating it is a discussion, a "Comments" or "Replies" heading titles
    # the answers: the content.
    replies = stated_thread and enabled("thread-replies")
    rules = LineRules(include_comments or replies, include_tables, include_captions, title)
    rules.cards = page_type in _CARD_PAGES and enabled("card-headings")
    rules.cards_text = page_type in _CARD_PAGES and enabled("card-lines")
    rules.keep_repeats = page_type is PageType.DOCUMENTATION and enabled("docs-repeats")
    rules.reviews = page_type is PageType.PRODUCT and enabled("product-reviews")
    if enabled("prose-boxes") and boxes:
        boxes = prose_boxes(page, spans, boxes, furniture.comments)
    decisions = decide_blocks(page, element, spans, boxes, furniture.comments, rules)
    if enabled("sparse-fallback") and page_type not in _OWN_FALLBACK and _kept_chars(decisions) < _SPARSE:
        # Next to no prose anywhere: the page is its lists (a job board, a table of
        # links, a shop's grid). Its content is the element holding most of the text
        # outside the furniture, links and all.
        fallback = text_holder(page, furniture.inside, 2 * _SPARSE)
        grid = False
        if fallback < 0 and furniture.boxes and enabled("sparse-named-boxes"):
            # Next to no text outside furniture either: a box named like furniture
            # that holds most of the page's text is the page's list, misnamed.
            kept_out = [
                index
                for index in furniture.boxes
                if page.tags[index] in FURNITURE_TAGS or index in furniture.comments
            ]
            fallback = text_holder(page, inside_boxes(kept_out, page.ends, len(page.tags)), 2 * _SPARSE)
            grid = fallback >= 0
        if fallback >= 0:
            lists = LineRules(include_comments, include_tables, include_captions, title)
            lists.cards = lists.links = True
            lists.cards_text = enabled("card-lines")
            ends = page.ends
            boxes = (
                [index for index in furniture.boxes if not index <= fallback <= ends[index]]
                if grid
                else furniture.boxes
            )
            spans = [(fallback, ends[fallback])]
            read = decide_blocks(page, fallback, spans, boxes, furniture.comments, lists)
            if not grid or _kept_chars(read) > _kept_chars(decisions):
                element, rules, decisions = fallback, lists, read
    elif enabled("link-collection") and not rules.links and _link_collection(decisions):
        # The article's own lists of links outweigh its prose: a reading list, a wiki's
        # page of sources, a round-up. The links are what it delivers.
        rules = LineRules(include_comments, include_tables, include_captions, title)
        rules.cards = rules.links = True
        decisions = decide_blocks(page, element, spans, boxes, furniture.comments, rules)
    if not include_captions and rules.captions >= _GALLERY_CAPTIONS:
        _keep_gallery_captions(decisions)
    if enabled("orphan-headings"):
        drop_orphan_headings(decisions)
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
    box_until, box_reason = -1, _COMMENTS  # … or to a box opened by its heading (``opened_box``)
    kinds, paragraph = _KINDS, _PARAGRAPH_KIND
    decide = rules.decide
    related_prose = enabled("related-prose")
    heading_bars = enabled("heading-bars")
    for position, block in enumerate(blocks):
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
        if owner <= box_until:
            append(Decision(block, kind, level, False, box_reason, box_reason is _RELATED))
            continue
        if furniture >= 0:
            kept = False
            reason = _COMMENTS if furniture in comments else boilerplate_reason(page.furniture(furniture))
            related = reason is _RELATED
        else:
            kept, reason, related = decide(block, kind, table)
            if rules.opened_box is not None:
                # A product's "Reviews" heading, a shop's "Customers also bought": the
                # rest of the heading's box is the buyers' say or other products. (A box
                # holding the heading alone is its wrapper: the box is the one around it.)
                box = parents[owner]
                following = blocks[position + 1].owner if position + 1 < len(blocks) else -1
                while box > container and following > ends[box]:
                    box = parents[box]
                if heading_bars:
                    box = _beyond_bar(page, position, box, container)
                box_until, box_reason = ends[box], rules.opened_box
                rules.opened_box = None
        if related and kind is _HEADING and parents[owner] > container:
            # A "Related"/"You may like" heading titles the box around it: the rest of
            # that box is the list of other stories, whatever its teasers look like,
            # unless the box goes on in prose ("Recommended tools" over a guide's text).
            if related_prose and _prose_follows(blocks, position + 1, ends[parents[owner]]):
                kept, reason, related = True, _MAIN_TEXT, False
            else:
                related_until = ends[parents[owner]]
        append(Decision(block, kind, level, kept, reason, related))
    return decisions


#: Blocks after a heading that its box must hold to be more than the bar the heading sits in.
_BAR_BLOCKS = 3


def _beyond_bar(page: Page, heading: int, box: int, container: int) -> int:
    """``box``, the box holding the heading ``blocks[heading]`` and the next block, or
    when that is only a bar over the box it titles (the heading with a "See all" link
    or a rating beside it, the shelf of cards or the reviews in the box beside the
    bar), the first box around it holding ``_BAR_BLOCKS`` blocks after the heading,
    below the article's element."""
    blocks, parents, ends = page.blocks, page.parents, page.ends
    after = blocks[heading + 1 : heading + 1 + _BAR_BLOCKS]
    while parents[box] > container and sum(block.owner <= ends[box] for block in after) < len(after):
        box = parents[box]
    return box


#: Characters of prose after a "Related" heading, inside its box, that make the box part
#: of the article: teasers are a line each, sometimes with a line of summary.
_RELATED_PROSE = 600
#: A paragraph this long, with few links, is prose rather than a teaser's summary.
_PROSE_PARAGRAPH = 150


def _prose_follows(blocks: list[TextBlock], first: int, last_element: int) -> bool:
    """Whether the blocks from ``first`` whose elements end at ``last_element`` or before
    hold ``_RELATED_PROSE`` characters of long paragraphs with few links."""
    found = 0
    for block in blocks[first:]:
        if block.owner > last_element:
            return False
        length = len(block.text)
        if length >= _PROSE_PARAGRAPH and block.link_chars < 0.2 * length:
            found += length
            if found >= _RELATED_PROSE:
                return True
    return False


#: The article's link lists must hold at least this many characters, and more than its
#: kept text, for the article to be read as a collection of links.
_LINK_COLLECTION = 400


def _link_collection(decisions: list[Decision]) -> bool:
    """Whether the article's link lists (inside it, under no furniture) hold more
    text than it kept: the links are its content."""
    linked = kept = 0
    for decision in decisions:
        if decision.kept:
            kept += len(decision.block.text)
        elif decision.reason is BlockReason.LINK_LIST:
            linked += len(decision.block.text)
    return linked >= _LINK_COLLECTION and linked > kept


def _kept_chars(decisions: list[Decision]) -> int:
    return sum(len(decision.block.text) for decision in decisions if decision.kept)


def _keep_gallery_captions(decisions: list[Decision]) -> None:
    """Keep the captions of a gallery: when the article's captions hold more than twice
    the text of its kept blocks, the pictures' captions are what the page says
    ("20 costumes to make at home", a slideshow), not notes beside an article."""
    captions = [d for d in decisions if d.reason is BlockReason.CAPTION and d.kind is _CAPTION]
    caption_chars = sum(len(d.block.text) for d in captions)
    kept_chars = _kept_chars(decisions)
    if caption_chars > _GALLERY_SHARE * kept_chars:
        for decision in captions:
            decision.kept, decision.reason = True, BlockReason.GALLERY_CAPTION
