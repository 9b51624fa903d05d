"""Choose the element holding the article: every block votes for all its ancestors.

A block's vote is positive for text that reads like prose (long, few links) and
negative for link lists and for text under furniture. The element with the highest
total is the one that holds most article text for the least boilerplate — a
maximum-subtree choice that needs no threshold on page layout. Siblings of that
element that carry prose too join it (an article split around an ad).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress

from thresher.html.blocks import CONTENT, HEADING_TAGS, Page, TextBlock
from thresher.html.switches import enabled

__all__ = [
    "Container",
    "Prose",
    "carry_up",
    "choose_container",
    "depths",
    "read_prose",
    "text_holder",
]

#: A link list or furniture block costs at most this much: one long link-dense line
#: inside the article (a "Read more: <long headline>") must not outweigh its paragraphs.
_LINK_CAP = 100.0
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
#: Furniture costs half a block's length (``choose_container``): a section whose total
#: falls below this share of its prose, negated, holds link lists too.
_NAMED_COST = 0.6
#: Longest line read as a card's title.
_CARD_TITLE = 200
#: Length of an opening link that makes a list item a story teaser.
_TEASER_LINK = 20
#: Factor on the vote of an element whose class/id names the article text.
_CONTENT_NAME_BONUS = 1.25
#: A sibling of the container joins the article when it scores this share of it.
_SIBLING_SHARE = 0.2
#: The text holder of a page of lists holds at least this share of its text outside furniture.
_HOLDER_SHARE = 0.6


@dataclass(frozen=True, slots=True)
class Prose:
    """The page's votes before any furniture is considered."""

    #: Each block's vote (see ``read_prose``).
    votes: list[float]
    #: Each element's prose: the positive votes of the blocks under it.
    prose: list[float]
    #: The first <h1> of the page and its ancestors (the body excepted).
    headline: list[bool]


@dataclass(frozen=True, slots=True)
class Container:
    """The element found to hold the article and the element ranges it spans."""

    element: int
    #: Element index ranges (first, last) holding the article: the container's subtree
    #: and those of its siblings that carry prose too.
    spans: list[tuple[int, int]]
    #: Each element's total vote, furniture counted.
    scores: list[float]


def _teaser(block: TextBlock) -> bool:
    """A list item opening with a headline-long link: an entry of a list of other
    stories ("<li><a>Headline</a> summary</li>"), whatever its summary's length."""
    if block.kind_tag != "li" or not block.links:
        return False
    first = block.links[0][0]
    return len(first) >= _TEASER_LINK and block.text.startswith(first)


def _votes(blocks: list[TextBlock], prose: list[float]) -> list[float]:
    """Each block's vote: its length less its link text for prose, minus its length
    (at most ``_LINK_CAP``) for a link list, nothing for a short line or a story
    teaser. The prose votes are also added to their element's total in ``prose``.
    (One loop for the page: a call per block costs more than the sums.)"""
    votes: list[float] = []
    append = votes.append
    for block in blocks:
        length = len(block.text)
        link_density = block.link_chars / length
        if link_density > 0.5:
            append(-min(float(length), _LINK_CAP))
        elif length < 25 or _teaser(block):
            append(0.0)  # a teaser is neither evidence for an article nor against it
        else:
            vote = length * (1.0 - link_density)
            append(vote)
            prose[block.owner] += vote
    return votes


def carry_up(totals: list[float], parents: list[int]) -> None:
    """Add each element's total into its parent's. Elements are in document order, so
    children come after their parent: going from the last element to the first carries
    every total up the tree in one pass. (Most elements hold no text: zeros are skipped.)"""
    for total, parent in zip(reversed(totals), parents[:0:-1], strict=False):  # (0 has no parent)
        if total:
            totals[parent] += total


def depths(parents: list[int]) -> list[int]:
    found = [0] * len(parents)
    for index in range(1, len(parents)):
        found[index] = found[parents[index]] + 1
    return found


def _deepest(indexes: list[int], parents: list[int]) -> int:
    """The deepest element of ``indexes``, the first of equals. A few are measured by
    walking up from each; many (a tie along one deep chain of wrappers) from the depths
    of all elements, so the cost stays linear in the page."""
    if len(indexes) > 8:
        all_depths = depths(parents)
        return max(indexes, key=lambda index: (all_depths[index], -index))

    def depth(index: int) -> int:
        steps = 0
        while index > 0:
            index = parents[index]
            steps += 1
        return steps

    return max(indexes, key=lambda index: (depth(index), -index))


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


def read_prose(page: Page) -> Prose:
    """Each block's vote and each element's prose, before any furniture is considered."""
    count = len(page.tags)
    prose = [0.0] * count
    votes = _votes(page.blocks, prose)
    carry_up(prose, page.parents)
    return Prose(votes, prose, _headline_holders(page.blocks, page.parents, count))


def _article_spans(
    container: int, page: Page, score: list[float], inside: list[bool], prose: list[float]
) -> list[tuple[int, int]]:
    """Element index ranges holding the article: the container's subtree and those of
    its siblings that carry prose too (an article split around an ad or a figure)."""
    ends, parents = page.ends, page.parents
    spans = [(container, ends[container])]
    # The siblings are those of the outermost wrapper holding nothing that votes but the
    # container: a page of sections wraps each section's text in a few layout boxes.
    top = container
    if enabled("section-siblings"):
        while parents[top] > 0 and score[parents[top]] == score[top]:
            top = parents[top]
    parent = parents[top]
    if parent < 0:
        return spans
    threshold = max(_SIBLING_SHARE * score[container], 50.0)
    # Beside an <article>, another <article> is another story, not more of this one.
    own_article = page.tags[container] == "article" or page.tags[top] == "article"
    index = parent + 1
    end = ends[parent]
    teasers: list[int] | None = None if top != container else []
    named = top != container and enabled("named-sections")
    while index <= end:
        if (
            index != top
            and (
                score[index] >= threshold or (named and _named_section(prose[index], score[index], threshold))
            )
            and not inside[index]
            and not (own_article and page.tags[index] == "article")
        ):
            if teasers is None:
                teasers = _card_titles(page)
            # A section beside the wrapper that titles its text with links to other pages holds
            # cards of other pages, not more of this one.
            last = ends[index]
            if not any(index <= owner <= last for owner in teasers):
                spans.append((index, last))
        index = ends[index] + 1
    return spans


def _named_section(prose: float, score: float, threshold: float) -> bool:
    """Whether a section beside the container's wrapper holds prose enough to join it
    although boxes inside it are named like furniture (a "tabs-menu" of questions and
    answers): twice the prose a sibling needs, and a cost from its names, not from link
    lists, that leaves it less than ``_NAMED_COST`` of that prose in debt."""
    return prose >= 2 * threshold and score > -_NAMED_COST * prose


def _card_titles(page: Page) -> list[int]:
    """The elements of the blocks that read as a card's title: a headline-long line
    that is all one link to another page, followed by a line of text (a summary) in
    the same box. (An accordion's question links to its own answer on the same page;
    a button's link closes its card, the next card's heading follows.)"""
    found = []
    blocks, ends, parents = page.blocks, page.ends, page.parents
    for block, following in zip(blocks, blocks[1:], strict=False):
        length = len(block.text)
        if not (_TEASER_LINK <= length <= _CARD_TITLE and 5 * block.link_chars >= 4 * length):
            continue
        href = (block.links[0][1] or "#") if block.links else ""  # (no link inside: the card is the link)
        box = parents[block.owner]
        if (
            not href.startswith(("#", "javascript:"))
            and following.kind_tag not in HEADING_TAGS
            and box < following.owner <= ends[box]
        ):
            found.append(block.owner)
    return found


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


def choose_container(page: Page, prose: Prose, inside: list[bool]) -> Container:
    """The element holding the article, given which elements are (under) furniture or
    comments (``inside``)."""
    blocks, tags, parents, groups = page.blocks, page.tags, page.parents, page.groups
    count = len(tags)
    score = [0.0] * count
    for block, value in zip(blocks, prose.votes, strict=True):
        owner = block.owner
        if value >= 0 and inside[owner]:
            # furniture costs; a link list costs the same inside furniture or not
            value = -min(0.5 * len(block.text), _LINK_CAP)
        score[owner] += value
    carry_up(score, parents)
    # An element named as the article's text ("article-body", "entry-content") gets a
    # head start: the page's own statement, worth a quarter of its votes. Ties go to
    # the deepest element, then to the first.
    votes = score.copy()
    for index in compress(range(count), groups):
        if groups[index] & CONTENT and votes[index] > 0:
            votes[index] *= _CONTENT_NAME_BONUS
    best = max(votes)
    tied = list(compress(range(count), map(best.__eq__, votes)))
    container = tied[0] if len(tied) == 1 else _deepest(tied, parents)
    total = prose.prose
    if score[container] <= 0 < total[0]:
        # Everything reads as furniture or link lists: rather than an empty article,
        # take the element with the most prose below the page as a whole.
        element_depths = depths(parents)
        container = max(range(1, count), key=lambda i: (total[i], element_depths[i]), default=0)
        if total[container] < 0.5 * total[0]:
            container = 0
    # A lone paragraph is never the article's box: its parent is (the best element
    # being a paragraph means its neighbours weigh little, not that they are chrome).
    while tags[container] in _TEXT_TAGS and parents[container] >= 0:
        container = parents[container]
    container = _headline_article(page, container, total, prose.headline)
    return Container(container, _article_spans(container, page, score, inside, total), score)


def text_holder(page: Page, inside: list[bool], at_least: int) -> int:
    """The deepest element holding ``_HOLDER_SHARE`` of the page's text outside
    furniture, or -1 when that text is under ``at_least`` characters."""
    mass = [0.0] * len(page.tags)
    for block in page.blocks:
        if not inside[block.owner]:
            mass[block.owner] += len(block.text)
    carry_up(mass, page.parents)
    if mass[0] < at_least:
        return -1
    wanted = _HOLDER_SHARE * mass[0]
    holder = 0
    element_depths = depths(page.parents)
    for index, value in enumerate(mass):
        if value >= wanted and element_depths[index] > element_depths[holder]:
            holder = index
    return holder
