"""Decide which blocks are the article: find the element holding it, then drop the
page furniture left inside.

Finding the article: every block votes for all its ancestors with a value, positive
for text that reads like prose (long, few links) and negative for link lists and
furniture. The element with the highest total is the one that holds most article
text for the least boilerplate — a maximum-subtree choice that needs no threshold
on page layout. Siblings of that element that carry prose too join it (an article
split around an ad).

Inside it, blocks under furniture (share bars, newsletter boxes, related-story lists,
comments) are dropped, then line rules in document order (``_State``): link lists,
the headline before the first paragraph, comment sections after a
"Comments" heading, ad and control labels, picture credits and captions, wire
credits, datelines, notices, bare addresses and repeated text. Every decision keeps
its reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress

from thresher.dates import parse_date
from thresher.html.blocks import CAPTION, COMMENT, CONTENT, FURNITURE, FURNITURE_TAGS, Page, TextBlock
from thresher.html.metadata.authors import is_byline_line
from thresher.html.metadata.text import normalise_for_match
from thresher.html.page_type import PageHints, judge_page_type
from thresher.html.switches import enabled
from thresher.html.vocabulary import (
    AD_LABEL,
    BARE_URLS,
    COMMENTS_HEADING,
    CONTRIBUTOR_CLOSING,
    CONTRIBUTOR_OPENING,
    CREDIT_LINE,
    CREDIT_TAIL,
    DATE_AFTER_SEPARATOR,
    DATE_LINE,
    NOTICE_LINE,
    RELATED_PHRASE,
    RIGHTS_RESERVED,
    UI_LABEL,
    boilerplate_reason,
)
from thresher.models import BlockKind, PageType

__all__ = ["Decision", "Reading", "classify_blocks"]

#: (kind, heading level) of a block by the tag deciding its kind; others are paragraphs.
_KINDS = {
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
_PARAGRAPH_KIND = (BlockKind.PARAGRAPH, 0)
#: The kinds the rules test, bound once: a member look-up on an enum class is a slow
#: attribute look-up (tens of ns), and the rules test kinds for every block.
_HEADING, _PARAGRAPH, _CAPTION, _TABLE, _LIST_ITEM = (
    BlockKind.HEADING,
    BlockKind.PARAGRAPH,
    BlockKind.CAPTION,
    BlockKind.TABLE,
    BlockKind.LIST_ITEM,
)
#: ``furniture_of`` of an element outside the article.
_OUTSIDE = -2


@dataclass(slots=True)
class Decision:
    block: TextBlock
    kind: BlockKind
    level: int
    kept: bool
    reason: str
    #: The block is a pointer to other stories: its links belong in ``related``.
    related: bool = False


@dataclass(slots=True)
class Reading:
    """The decisions on a page's blocks and the element found to hold the article."""

    decisions: list[Decision]
    #: Index of the article's element in the ``Page`` (-1 when the page has no text).
    container: int
    #: Each element's total vote (see the module docstring).
    scores: list[float]
    #: A byline line above the text ("By Jane Doe"), dropped from the body: the
    #: authors when the page's metadata names none.
    byline: str = ""
    page_type: PageType = PageType.ARTICLE
    #: Why the page was judged of ``page_type``, in a few words.
    page_type_evidence: str = ""


#: A link list or furniture block costs at most this much: one long link-dense line
#: inside the article (a "Read more: <long headline>") must not outweigh its paragraphs.
_LINK_CAP = 100.0
#: Shortest link-dense paragraph read as a sentence rather than a link list.
_LINKED_SENTENCE = 100
_SENTENCE_END = frozenset('.!?"”»)')
#: Elements that hold one run of text rather than a sequence of blocks.
_TEXT_TAGS = frozenset(
    [
        "p",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "dd",
        "dt",
        "figcaption",
        "pre",
        "span",
        "td",
        "th",
        "caption",
    ]
)
#: Length of an opening link that makes a list item a story teaser.
_TEASER_LINK = 20
#: Factor on the vote of an element whose class/id names the article text.
_CONTENT_NAME_BONUS = 1.25
#: A page with this many captions, holding more than this multiple of the kept text,
#: is a gallery: its captions are its text.
_GALLERY_CAPTIONS = 5
_GALLERY_SHARE = 2.0
#: Longest block above the first paragraph that is read as a headline, byline or date line.
_HEADER_LINE = 200
#: A sibling of the container joins the article when it scores this share of it.
_SIBLING_SHARE = 0.2


def _is_date(text: str) -> bool:
    """A line that is a date and nothing else ("March 3, 2009", "03.03.2009 14:30")."""
    return any(ch.isdigit() for ch in text) and parse_date(text, dayfirst=True) is not None


def _teaser(block: TextBlock) -> bool:
    """A list item opening with a headline-long link: an entry of a list of other
    stories ("<li><a>Headline</a> summary</li>"), whatever its summary's length."""
    if block.kind_tag != "li" or not block.links:
        return False
    first = block.links[0][0]
    return len(first) >= _TEASER_LINK and block.text.startswith(first)


def _linked_sentence(block: TextBlock) -> bool:
    """A long, finished sentence whose words are mostly links (a paragraph of sources,
    a deals round-up) is prose, unlike a list of headlines or menu entries."""
    text = block.text
    return (
        len(text) >= _LINKED_SENTENCE
        and block.kind_tag in ("p", "li")
        and text[-1] in _SENTENCE_END
        and not text.endswith("...")
    )


def _votes(blocks: list[TextBlock], prose: list[float]) -> list[float]:
    """Each block's vote: its length less its link text for prose, minus its length
    (at most ``_LINK_CAP``) for a link list, nothing for a short line or a story
    teaser. The prose votes are also added to their element's total in ``prose``.
    (One loop for the page: a call per block costs more than the sums.)"""
    votes: list[float] = []
    append = votes.append
    linked_prose = enabled("linked-prose")
    for block in blocks:
        length = len(block.text)
        link_density = block.link_chars / length
        if link_density > 0.5:
            if linked_prose and block.kind_tag == "p" and _linked_sentence(block):
                # a card's paragraph wrapped whole in its link: prose, worth half its length
                # (not a list item: a list of teasers wrapped whole in their links is a list)
                vote = 0.5 * length
                append(vote)
                prose[block.owner] += vote
                continue
            append(-min(float(length), _LINK_CAP))
        elif length < 25 or _teaser(block):
            append(0.0)  # a teaser is neither evidence for an article nor against it
        else:
            vote = length * (1.0 - link_density)
            append(vote)
            prose[block.owner] += vote
    return votes


def _carry_up(totals: list[float], parents: list[int]) -> None:
    """Add each element's total into its parent's. Elements are in document order, so
    children come after their parent: going from the last element to the first carries
    every total up the tree in one pass. (Most elements hold no text: zeros are skipped.)"""
    for total, parent in zip(reversed(totals), parents[:0:-1], strict=False):  # (0 has no parent)
        if total:
            totals[parent] += total


def _depths(parents: list[int]) -> list[int]:
    depths = [0] * len(parents)
    for index in range(1, len(parents)):
        depths[index] = depths[parents[index]] + 1
    return depths


def _deepest(indexes: list[int], parents: list[int]) -> int:
    """The deepest element of ``indexes``, the first of equals. A few are measured by
    walking up from each; many (a tie along one deep chain of wrappers) from the depths
    of all elements, so the cost stays linear in the page."""
    if len(indexes) > 8:
        depths = _depths(parents)
        return max(indexes, key=lambda index: (depths[index], -index))

    def depth(index: int) -> int:
        steps = 0
        while index > 0:
            index = parents[index]
            steps += 1
        return steps

    return max(indexes, key=lambda index: (depth(index), -index))


def _inside(boxes: list[int], ends: list[int], count: int) -> list[bool]:
    """For each element, whether it is or lies under one of ``boxes`` (in document
    order). The body's own flag is not passed down (see ``classify_blocks``)."""
    inside = [False] * count
    for index in boxes:
        if not inside[index]:
            end = ends[index] + 1 if index else 1
            inside[index:end] = [True] * (end - index)
    return inside


def _headline_holders(blocks: list[TextBlock], parents: list[int], count: int) -> list[bool]:
    """The first <h1> of the page and its ancestors (the body excepted)."""
    holders = [False] * count
    for block in blocks:
        if block.kind_tag == "h1":
            index = block.owner
            while index > 0:
                holders[index] = True
                index = parents[index]
            break
    return holders


def _article_spans(
    container: int, page: Page, score: list[float], inside: list[bool]
) -> list[tuple[int, int]]:
    """Element index ranges holding the article: the container's subtree and those of
    its siblings that carry prose too (an article split around an ad or a figure)."""
    ends = page.ends
    spans = [(container, ends[container])]
    parent = page.parents[container]
    if parent < 0:
        return spans
    threshold = max(_SIBLING_SHARE * score[container], 50.0)
    # Beside an <article>, another <article> is another story, not more of this one.
    own_article = page.tags[container] == "article"
    index = parent + 1
    end = ends[parent]
    while index <= end:
        if (
            index != container
            and score[index] >= threshold
            and not inside[index]
            and not (own_article and page.tags[index] == "article")
        ):
            spans.append((index, ends[index]))
        index = ends[index] + 1
    return spans


def _headline_article(page: Page, container: int, prose: list[float], headline: list[bool]) -> int:
    """The <article> holding the page's headline when the chosen element holds several
    <article> elements with prose (a page that loads the next story below the first,
    a story followed by full-text recommendations); else ``container``."""
    tags, ends = page.tags, page.ends
    if tags.count("article") < 2:
        return container
    articles: list[int] = []
    index = container + 1
    while index <= ends[container]:
        if tags[index] == "article":
            if prose[index] > 0:
                articles.append(index)
            index = ends[index] + 1  # an article inside an article is part of it
        else:
            index += 1
    if len(articles) < 2:
        return container
    return next((index for index in articles if headline[index]), container)


def _forgive_systematic_names(
    page: Page,
    marked: list[int],
    prose: list[float],
    limit: float,
    headline: list[bool],
    *,
    series: bool = False,
) -> list[int]:
    """The elements of ``marked`` (furniture names, in document order) left once the
    names that the headline's box and most of the prose share are forgiven.

    A page builder may wrap every text box of a page in a "widget" element, the
    headline's too: each box holds a small share of the prose and looks like a
    sidebar. Furniture never holds the headline, and one kind of furniture holding
    most of the prose between its boxes is a misnomer as surely as one box holding
    it. (Outermost boxes only are summed, per kind of furniture.) On a page that is a
    series of items (``series``: a forum, a listing), the items need not share a box
    with the headline.
    """
    if sum(prose[index] for index in marked) <= limit:  # (nested boxes counted twice: an upper bound)
        return marked
    furniture, parents = page.furniture, page.parents
    misnamed = {
        boilerplate_reason(name)
        for index, holder in enumerate(headline)
        if holder and (name := furniture(index))
    }
    any_kind = enabled("systematic-any-kind")
    if not misnamed and not any_kind:
        return marked
    kinds = {index: boilerplate_reason(furniture(index)) for index in marked}
    totals: dict[str, float] = {}
    holders: dict[str, int] = {}  # outermost boxes of each kind holding prose
    spread: dict[str, tuple[int, int]] = {}  # first and last outermost box of each kind
    for index in marked:
        ancestor = parents[index]
        while ancestor >= 0 and ancestor not in kinds:
            ancestor = parents[ancestor]
        if ancestor < 0:
            kind = kinds[index]
            totals[kind] = totals.get(kind, 0.0) + prose[index]
            holders[kind] = holders.get(kind, 0) + (prose[index] > 0)
            spread[kind] = (spread.get(kind, (index, index))[0], index)
    if any_kind:
        # Whatever the headline's box is named: one kind of box repeated around most of
        # the prose, beside the headline, is the page builder's name for every box of
        # the page (one big footer is a footer; teaser cards around the story do not
        # share a box with its headline below the page as a whole). Comment boxes
        # repeat by nature: whether they are the content is the thread's rule.
        ends = page.ends
        for kind, count in holders.items():
            if count >= _SYSTEMATIC_BOXES and kind != "comments":
                first, last = spread[kind]
                common = parents[first]
                while common > 0 and ends[common] < last:
                    common = parents[common]
                if common > 0 and (headline[common] or series):
                    misnamed.add(kind)
    return [
        index for index in marked if kinds[index] not in misnamed or totals.get(kinds[index], 0.0) <= limit
    ]


#: Boxes of one kind of furniture name, holding prose, that make the name systematic.
_SYSTEMATIC_BOXES = 3
#: Pages whose content is a series of items, each a box of its own.
_SERIES_PAGES = frozenset([PageType.LISTING, PageType.COLLECTION, PageType.FORUM])
#: Pages whose content is a series of cards, each titled by a linked heading.
_CARD_PAGES = frozenset([PageType.LISTING, PageType.COLLECTION])
#: Comment boxes holding this share of a page's prose, with little prose outside them,
#: are the posts of a thread (a forum, a question and its answers): the content.
_THREAD_SHARE = 0.6
_THREAD_OUTSIDE = 0.25


def _thread_posts(commented: list[int], prose: list[float], ends: list[int]) -> list[int]:
    """``commented`` (comment-named elements, in document order), or none of them when
    they are the page's content: the posts of a thread, where reader comments follow
    an article that holds prose of its own. (Outermost boxes only are summed.)"""
    total = 0.0
    end = -1
    for index in commented:
        if index > end:
            total += prose[index]
            end = ends[index]
    if total >= _THREAD_SHARE * prose[0] and prose[0] - total <= _THREAD_OUTSIDE * prose[0]:
        return []
    return commented


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
    blocks, tags, parents, groups = page.blocks, page.tags, page.parents, page.groups
    if not blocks:
        return Reading([], -1, [])
    count = len(tags)
    ends = page.ends
    # Prose of each element, before any furniture is considered.
    prose = [0.0] * count
    values = _votes(blocks, prose)
    _carry_up(prose, parents)
    # A furniture name on an element holding most of the page's prose is a misnomer
    # (a whole page wrapped in <form>, an article inside "paywall-content"), and so is
    # one on an element holding the page's headline: furniture never does. The same
    # goes for a comment name on an element holding nearly all of the prose (a forum
    # thread, or a page template named after its open comments).
    headline = _headline_holders(blocks, parents, count)
    named = list(compress(range(count), groups))  # (elements whose class/id names a group)
    furnished = [index for index in named if groups[index] & FURNITURE]
    if tagged := list(compress(range(count), map(FURNITURE_TAGS.__contains__, tags))):
        furnished = sorted({*furnished, *tagged})
    comment_limit = 0.9 * prose[0]
    commented = (
        []
        if include_comments
        else [
            index
            for index in named
            if groups[index] & COMMENT and prose[index] <= comment_limit and not headline[index]
        ]
    )
    thread = False
    if commented and enabled("thread"):
        posts = _thread_posts(commented, prose, ends)
        thread, commented = not posts, posts
    page_type, evidence = judge_page_type(hints or PageHints(), page, thread=thread)
    limit = 0.5 * prose[0]
    marked = _forgive_systematic_names(
        page,
        [index for index in furnished if prose[index] <= limit and not headline[index]],
        prose,
        limit,
        headline,
        series=page_type in _SERIES_PAGES,
    )
    boxes = sorted({*marked, *commented}) if commented else marked
    inside = _inside(boxes, ends, count)  # under (or being) furniture or comments
    score = [0.0] * count
    for block, value in zip(blocks, values, strict=True):
        owner = block.owner
        if value >= 0 and inside[owner]:
            # furniture costs; a link list costs the same inside furniture or not
            value = -min(0.5 * len(block.text), _LINK_CAP)
        score[owner] += value
    _carry_up(score, parents)
    # An element named as the article's text ("article-body", "entry-content") gets a
    # head start: the page's own statement, worth a quarter of its votes. Ties go to
    # the deepest element, then to the first.
    votes = score.copy()
    for index in named:
        if groups[index] & CONTENT and votes[index] > 0:
            votes[index] *= _CONTENT_NAME_BONUS
    best = max(votes)
    tied = list(compress(range(count), map(best.__eq__, votes)))
    container = tied[0] if len(tied) == 1 else _deepest(tied, parents)
    if score[container] <= 0 < prose[0]:
        # Everything reads as furniture or link lists: rather than an empty article,
        # take the element with the most prose below the page as a whole.
        depths = _depths(parents)
        container = max(range(1, count), key=lambda i: (prose[i], depths[i]), default=0)
        if prose[container] < 0.5 * prose[0]:
            container = 0
    # A lone paragraph is never the article's box: its parent is (the best element
    # being a paragraph means its neighbours weigh little, not that they are chrome).
    while tags[container] in _TEXT_TAGS and parents[container] >= 0:
        container = parents[container]
    container = _headline_article(page, container, prose, headline)
    spans = _article_spans(container, page, score, inside)
    state = _State(include_comments, include_tables, include_captions, title)
    state.cards = page_type in _CARD_PAGES and enabled("card-headings")
    state.keep_repeats = page_type is PageType.DOCUMENTATION and enabled("docs-repeats")
    decisions = _decide(page, container, spans, boxes, set(commented), state)
    if (
        enabled("sparse-fallback")
        and page_type not in _OWN_FALLBACK
        and sum(len(d.block.text) for d in decisions if d.kept) < _SPARSE
    ):
        # Next to no prose anywhere: the page is its lists (a job board, a table of
        # links, a shop's grid). Its content is the element holding most of the text
        # outside the furniture, links and all.
        fallback = _text_holder(page, inside)
        grid = False
        if fallback < 0 and boxes and enabled("sparse-named-boxes"):
            # Next to no text outside furniture either: a box named like furniture
            # that holds most of the page's text is the page's list, misnamed.
            comment_boxes = set(commented)
            kept_out = [index for index in boxes if tags[index] in FURNITURE_TAGS or index in comment_boxes]
            fallback = _text_holder(page, _inside(kept_out, ends, count))
            grid = fallback >= 0
        if fallback >= 0:
            lists = _State(include_comments, include_tables, include_captions, title)
            lists.cards = lists.links = True
            read = _decide(
                page,
                fallback,
                [(fallback, ends[fallback])],
                [index for index in boxes if not index <= fallback <= ends[index]] if grid else boxes,
                set(commented),
                lists,
            )
            if not grid or _kept_chars(read) > _kept_chars(decisions):
                container, state, decisions = fallback, lists, read
    elif enabled("link-collection") and not state.links and _link_collection(decisions):
        # The article's own lists of links outweigh its prose: a reading list, a wiki's
        # page of sources, a round-up. The links are what it delivers.
        state = _State(include_comments, include_tables, include_captions, title)
        state.cards = state.links = True
        decisions = _decide(page, container, spans, boxes, set(commented), state)
    if not include_captions and state.captions >= _GALLERY_CAPTIONS:
        _keep_gallery_captions(decisions)
    return Reading(decisions, container, score, state.byline, page_type, evidence)


#: Pages whose little text is not a page of lists: a product's description is in its
#: JSON-LD (``body``), a thread's posts are its text.
_OWN_FALLBACK = frozenset([PageType.PRODUCT, PageType.FORUM])
#: A page whose article holds fewer characters than this is read as a page of lists.
_SPARSE = 200
#: The text holder of a page of lists holds at least this share of its text outside furniture.
_HOLDER_SHARE = 0.6


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
        elif decision.reason == "link list":
            linked += len(decision.block.text)
    return linked >= _LINK_COLLECTION and linked > kept


def _kept_chars(decisions: list[Decision]) -> int:
    return sum(len(decision.block.text) for decision in decisions if decision.kept)


def _text_holder(page: Page, inside: list[bool]) -> int:
    """The deepest element holding ``_HOLDER_SHARE`` of the page's text outside
    furniture, or -1 when that text is no more than a sparse article's."""
    mass = [0.0] * len(page.tags)
    for block in page.blocks:
        if not inside[block.owner]:
            mass[block.owner] += len(block.text)
    _carry_up(mass, page.parents)
    if mass[0] < 2 * _SPARSE:
        return -1
    wanted = _HOLDER_SHARE * mass[0]
    holder = 0
    depths = _depths(page.parents)
    for index, value in enumerate(mass):
        if value >= wanted and depths[index] > depths[holder]:
            holder = index
    return holder


def _decide(
    page: Page,
    container: int,
    spans: list[tuple[int, int]],
    boxes: list[int],
    comment_boxes: set[int],
    state: _State,
) -> list[Decision]:
    """The decision on every block: outside the article, under furniture (named by its
    box), in a related box, or as the line rules of ``state`` say."""
    blocks, parents, groups, ends = page.blocks, page.parents, page.groups, page.ends
    # For each element of the article, the outermost furniture element at or above it
    # below the article's top (-1 if none): its reason names why a block is dropped.
    # Elements outside the article are _OUTSIDE.
    furniture_of = [_OUTSIDE] * len(page.tags)
    for first, last in spans:
        furniture_of[first : last + 1] = [-1] * (last + 1 - first)
        for index in boxes:
            if first < index <= last and furniture_of[index] < 0:
                end = ends[index] + 1
                furniture_of[index:end] = [index] * (end - index)
    decisions: list[Decision] = []
    append = decisions.append
    related_until = -1  # blocks up to this element index belong to a related box
    kinds, paragraph = _KINDS, _PARAGRAPH_KIND
    related_prose = enabled("related-prose")
    for position, block in enumerate(blocks):
        owner = block.owner
        kind, level = kinds.get(block.kind_tag, paragraph)
        if kind is _PARAGRAPH and groups[owner] & CAPTION:
            kind = _CAPTION  # text of an element named as a caption
        furniture = furniture_of[owner]
        if furniture == _OUTSIDE:
            append(Decision(block, kind, level, False, "outside the article"))
            continue
        if owner <= related_until:
            append(Decision(block, kind, level, False, "related links", True))
            continue
        if furniture >= 0:
            kept = False
            reason = (
                "comments" if furniture in comment_boxes else boilerplate_reason(page.furniture(furniture))
            )
            related = reason == "related links"
        else:
            kept, reason, related = state.decide(block, kind, level)
        if related and kind is _HEADING and parents[owner] > container:
            # A "Related"/"You may like" heading titles the box around it: the rest of
            # that box is the list of other stories, whatever its teasers look like,
            # unless the box goes on in prose ("Recommended tools" over a guide's text).
            if related_prose and _prose_follows(blocks, position + 1, ends[parents[owner]]):
                kept, reason, related = True, "main text", False
            else:
                related_until = ends[parents[owner]]
        append(Decision(block, kind, level, kept, reason, related))
    return decisions


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


def _keep_gallery_captions(decisions: list[Decision]) -> None:
    """Keep the captions of a gallery: when the article's captions hold more than twice
    the text of its kept blocks, the pictures' captions are what the page says
    ("20 costumes to make at home", a slideshow), not notes beside an article."""
    captions = [d for d in decisions if d.reason == "caption" and d.kind is _CAPTION]
    caption_chars = sum(len(d.block.text) for d in captions)
    kept_chars = sum(len(d.block.text) for d in decisions if d.kept)
    if caption_chars > _GALLERY_SHARE * kept_chars:
        for decision in captions:
            decision.kept, decision.reason = True, "gallery caption"


class _State:
    """The article-level rules, applied to the blocks inside the article in order;
    some depend on what came before (the headline before the first paragraph, a
    comment-section heading after it, repeated text)."""

    def __init__(
        self, include_comments: bool, include_tables: bool, include_captions: bool, title: str | None
    ) -> None:
        self.include_comments = include_comments
        self.include_tables = include_tables
        self.include_captions = include_captions
        self.title_key = normalise_for_match(title) if title else ""
        self.byline = ""
        self.captions = 0  # captions dropped inside the article
        self.seen_paragraph = False
        self.in_comments = False  # after a "Comments" heading that follows the article text
        self.kept_texts: set[str] = set()
        #: The page is a listing of cards: a heading that is a link is an item's title.
        self.cards = False
        #: The page's content is its lists: link lists are kept.
        self.links = False
        self.list_credit = enabled("list-credit")
        #: The page is documentation: a reference repeats its section titles and descriptions.
        self.keep_repeats = False

    def decide(self, block: TextBlock, kind: BlockKind, level: int) -> tuple[bool, str, bool]:
        """(kept, reason, related) for a block of the article outside any furniture."""
        text = block.text
        length = len(text)
        if self.in_comments:
            return False, "comments", False
        if text in self.kept_texts and not self.keep_repeats:
            return False, "repeated text", False
        if length < 40 and not self.include_comments and COMMENTS_HEADING.fullmatch(text):
            self.in_comments = self.seen_paragraph and kind is _HEADING
            return False, "comments", False
        if length < 40 and AD_LABEL.fullmatch(text):
            return False, "advertising", False
        if length < 20 and UI_LABEL.fullmatch(text):
            return False, "control label", False
        if (
            kind is not _TABLE
            and block.link_chars / length > 0.5
            and not _linked_sentence(block)
            and not (self.cards and kind is _HEADING)
            and not self.links
        ):
            return False, "link list", False
        if kind is _HEADING and not self.seen_paragraph and level == 1:
            return False, "headline", False
        if not self.seen_paragraph and length < _HEADER_LINE and kind is not _TABLE:
            # Pages laid out with <br> and <font> put the headline, byline and date in
            # plain lines above the text.
            if self.title_key and normalise_for_match(text) == self.title_key:
                return False, "headline", False
            if is_byline_line(text):
                self.byline = self.byline or text
                return False, "byline/date", False
            if length < 40 and _is_date(text):
                return False, "byline/date", False
        if kind is _TABLE and not self.include_tables:
            return False, "table", False
        if kind is _CAPTION and not self.include_captions:
            self.captions += 1
            return False, "caption", False
        if (block.links and length < 200 or kind is _HEADING and length < 80) and RELATED_PHRASE.match(text):
            return False, "related links", True
        if length < 120 and CREDIT_LINE.match(text):
            return False, "picture credit", False
        if (
            length < 400
            and ")" in text  # (the cheap test first)
            and (kind is not _LIST_ITEM or not self.list_credit)
            and CREDIT_TAIL.search(text)
        ):
            return False, "caption", False
        if length < 300 and (CONTRIBUTOR_OPENING.match(text) or CONTRIBUTOR_CLOSING.search(text)):
            return False, "byline/date", False
        if (" " not in text or text.lstrip()[:1] in "hHwW") and BARE_URLS.fullmatch(text):
            # (the cheap test first: with a space in it, only a list of addresses
            # opening with "http" or "www" can match)
            return False, "bare web address", False
        if (
            length < 100
            and kind is not _HEADING
            and (DATE_LINE.match(text) or DATE_AFTER_SEPARATOR.search(text))
        ):
            return False, "byline/date", False
        if length < 80 and (NOTICE_LINE.match(text) or RIGHTS_RESERVED.search(text)):
            return False, "notice", False
        self.kept_texts.add(text)
        if kind is _PARAGRAPH:
            self.seen_paragraph = True
        return True, "main text", False
