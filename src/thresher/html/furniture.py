"""Map the page's furniture: the elements whose blocks are dropped for where they stand.

Furniture is named by its tag (``nav``, ``aside``, ``footer``) or its class/id
("sidebar", "share", "related"); comment sections by their class/id. A name is weak
evidence, the text under it strong evidence: a furniture name on an element holding
most of the page's prose is a misnomer (a whole page wrapped in <form>, an article
inside "paywall-content"), and so is one on an element holding the page's headline,
which furniture never does. The same goes for a comment name on an element holding
nearly all of the prose, and for comment boxes that are the posts of a thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress

from thresher.html.blocks import COMMENT, FURNITURE, FURNITURE_TAGS, POPUP, Page
from thresher.html.switches import enabled
from thresher.html.vocabulary import CONSENT_NAME, boilerplate_reason
from thresher.models import BlockReason

__all__ = [
    "Furniture",
    "comment_boxes",
    "furniture_boxes",
    "furniture_map",
    "inside_boxes",
    "map_furniture",
]

#: Boxes of one kind of furniture name, holding prose, that make the name systematic.
_SYSTEMATIC_BOXES = 3
#: Comment boxes holding this share of a page's prose, with little prose outside them,
#: are the posts of a thread (a forum, a question and its answers): the content.
_THREAD_SHARE = 0.6
_THREAD_OUTSIDE = 0.25
#: Furniture tags that name a part of the page's layout, not a control.
_LANDMARK_TAGS = FURNITURE_TAGS - {"form"}
#: ``furniture_map`` value of an element outside the article.
OUTSIDE = -2


@dataclass(frozen=True, slots=True)
class Furniture:
    """The furniture and comment boxes of a page, in document order."""

    boxes: list[int]
    comments: frozenset[int]
    #: For each element, whether it is or lies under one of ``boxes``.
    inside: list[bool]


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


def comment_boxes(
    page: Page, prose: list[float], headline: list[bool], *, include_comments: bool
) -> tuple[list[int], bool]:
    """The comment sections to drop, in document order, and whether the page's comment
    boxes are instead the posts of a thread (its content)."""
    if include_comments:
        return [], False
    groups = page.groups
    limit = 0.9 * prose[0]
    commented = [
        index
        for index in compress(range(len(groups)), groups)
        if groups[index] & COMMENT and prose[index] <= limit and not headline[index]
    ]
    if commented and enabled("thread"):
        posts = _thread_posts(commented, prose, page.ends)
        return posts, not posts
    return commented, False


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
    with the headline, nor where they hold nearly all of the page's prose: a forum sets
    its thread's title above the list of posts, and a story of its own beside teaser
    cards holds more than the rest.
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
    totals: dict[BlockReason, float] = {}
    holders: dict[BlockReason, int] = {}  # outermost boxes of each kind holding prose
    spread: dict[BlockReason, tuple[int, int]] = {}  # first and last outermost box of each kind
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
        nearly_all = enabled("systematic-nearly-all")
        for kind, count in holders.items():
            if count >= _SYSTEMATIC_BOXES and kind is not BlockReason.COMMENTS:
                first, last = spread[kind]
                common = parents[first]
                while common > 0 and ends[common] < last:
                    common = parents[common]
                if common > 0 and (
                    headline[common]
                    or series
                    or (nearly_all and prose[0] - totals[kind] <= _THREAD_OUTSIDE * prose[0])
                ):
                    misnamed.add(kind)
    return [
        index for index in marked if kinds[index] not in misnamed or totals.get(kinds[index], 0.0) <= limit
    ]


#: Most blocks a box named as a pop-up holds to be a note shown on hover, not a list.
_POPUP_BLOCKS = 3


def _popup_notes(page: Page) -> list[int]:
    """The boxes named as pop-ups (a tooltip, a popover) holding a note of a few blocks:
    shown on hover or click beside a label, never text of the page. (A pop-up's inline
    box is skipped by the walk; a block-level one holding a list is a list whose
    entries carry pop-ups, named for them.)"""
    groups = page.groups
    named = [index for index in compress(range(len(groups)), groups) if groups[index] & POPUP]
    if not named:
        return []
    below = [0] * (len(groups) + 1)  # blocks owned by the elements before each index
    for block in page.blocks:
        below[block.owner + 1] += 1
    for index in range(len(groups)):
        below[index + 1] += below[index]
    ends = page.ends
    return [index for index in named if below[ends[index] + 1] - below[index] <= _POPUP_BLOCKS]


def furniture_boxes(page: Page, prose: list[float], headline: list[bool], *, series: bool) -> list[int]:
    """The furniture elements to drop, in document order: those named or tagged as
    furniture, less the misnomers (see the module docstring); ``series`` says that the
    page's content is a series of boxes (a listing, a forum)."""
    groups, tags = page.groups, page.tags
    furnished = [index for index in compress(range(len(groups)), groups) if groups[index] & FURNITURE]
    if tagged := list(compress(range(len(tags)), map(FURNITURE_TAGS.__contains__, tags))):
        furnished = sorted({*furnished, *tagged})
    if enabled("popup-notes") and (notes := _popup_notes(page)):
        furnished = sorted({*furnished, *notes})
    limit = 0.5 * prose[0]
    # A box tagged as furniture (a <footer>, an <aside>) beside the page's headline
    # stays furniture however much prose it holds: the legal texts a footer's dialogs
    # hold, the sidebar of a short story. (Not a <form>: a shop wraps its grid of
    # products in one, some sites their whole page.)
    beside_headline = enabled("tagged-beside-headline") and True in headline
    # So does a box named as a cookie or consent dialog: a privacy centre spells out
    # every purpose of every cookie in paragraphs, which may outweigh a page of cards.
    consent = enabled("consent-dialogs")
    names = page.names
    return _forgive_systematic_names(
        page,
        [
            index
            for index in furnished
            if not headline[index]
            and (
                prose[index] <= limit
                or beside_headline
                and tags[index] in _LANDMARK_TAGS
                or consent
                and CONSENT_NAME.search(names[index]) is not None
            )
        ],
        prose,
        limit,
        headline,
        series=series,
    )


def inside_boxes(boxes: list[int], ends: list[int], count: int) -> list[bool]:
    """For each element, whether it is or lies under one of ``boxes`` (in document
    order). The body's own flag is not passed down (the body is never furniture)."""
    inside = [False] * count
    for index in boxes:
        if not inside[index]:
            end = ends[index] + 1 if index else 1
            inside[index:end] = [True] * (end - index)
    return inside


def map_furniture(page: Page, furniture: list[int], comments: list[int]) -> Furniture:
    """The furniture of the page from its furniture and comment boxes (document order)."""
    boxes = sorted({*furniture, *comments}) if comments else furniture
    return Furniture(boxes, frozenset(comments), inside_boxes(boxes, page.ends, len(page.tags)))


def furniture_map(page: Page, spans: list[tuple[int, int]], boxes: list[int]) -> list[int]:
    """For each element of the article (``spans``), the outermost box at or above it
    below the article's top, -1 if none: its name says why a block is dropped.
    Elements outside the article are ``OUTSIDE``."""
    ends = page.ends
    found = [OUTSIDE] * len(page.tags)
    for first, last in spans:
        found[first : last + 1] = [-1] * (last + 1 - first)
        for index in boxes:
            if first < index <= last and found[index] < 0:
                end = ends[index] + 1
                found[index:end] = [index] * (end - index)
    return found


#: A furniture-named box inside the article holding this many characters of prose
#: paragraphs, ...
_PROSE_BOX = 300
#: ... making up this share of its text, with links at most this share, reads as the
#: article's text whatever its name says.
_PROSE_BOX_SHARE = 0.5
_PROSE_BOX_LINKS = 0.2
#: ... and this share of its lines paragraphs (not a name, a date and a comment).
_PROSE_BOX_LINES = 0.4
#: A paragraph this long, with few links, is prose.
_PROSE_LINE = 80


def prose_boxes(
    page: Page, spans: list[tuple[int, int]], boxes: list[int], comments: frozenset[int]
) -> list[int]:
    """``boxes`` less the boxes inside the article (``spans``) whose text is prose: the
    name of a box chosen before the article was found is weak evidence, the paragraphs
    it holds are strong evidence. Boxes named by their tag (``nav``, ``aside``) and
    comment sections keep their judgement; a box forgiven, the boxes inside it are
    judged in turn."""
    blocks, tags = page.blocks, page.tags
    judged: set[int] = set()

    def to_judge(box: int) -> bool:
        return box not in judged and box not in comments and tags[box] not in FURNITURE_TAGS

    kept = boxes
    while True:
        # (most pages hold no box to judge inside the article: no pass over its blocks)
        if not any(first < box <= last for box in kept if to_judge(box) for first, last in spans):
            return kept
        owner_of = furniture_map(page, spans, kept)
        stats: dict[int, list[int]] = {}
        for block in blocks:
            box = owner_of[block.owner]
            if box < 0 or not to_judge(box):
                continue
            found = stats.get(box)
            if found is None:
                found = stats[box] = [0, 0, 0, 0, 0]
            length = len(block.text)
            found[0] += length
            found[1] += block.link_chars
            found[3] += 1
            if length >= _PROSE_LINE and 5 * block.link_chars < length:
                found[2] += length
                found[4] += 1
        judged.update(stats)
        forgiven = {
            box
            for box, (chars, links, prose, lines, paragraphs) in stats.items()
            if prose >= _PROSE_BOX
            and prose >= _PROSE_BOX_SHARE * chars
            and links <= _PROSE_BOX_LINKS * chars
            and paragraphs >= _PROSE_BOX_LINES * lines
        }
        if not forgiven:
            return kept
        kept = [box for box in kept if box not in forgiven]
