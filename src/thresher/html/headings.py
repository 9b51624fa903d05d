"""What a heading titles, at the edges of the article.

Two passes on the HTML reader's reading of a page, both about headings: the paragraph of
prose set between the page's headline and the article's element is the article's
standfirst (its summary) and joins it; and a heading inside the article whose section
keeps nothing and opens with a dropped box ("More on this" over links, "Tags", "Share
this") titles that box, not the article, and goes with it.
"""

from __future__ import annotations

from thresher.html.blocks import CAPTION, Page
from thresher.html.decision import Decision
from thresher.models import BlockKind, BlockReason

__all__ = ["drop_orphan_headings", "standfirst"]

_HEADING = BlockKind.HEADING
_OUTSIDE_ARTICLE = BlockReason.OUTSIDE_ARTICLE

#: Shortest standfirst (characters of prose): a shorter line under a headline is a
#: kicker, a byline or a caption.
_STANDFIRST = 80


def standfirst(page: Page, votes: list[float], container: int, inside: list[bool]) -> list[tuple[int, int]]:
    """The element ranges of the standfirst: the paragraphs of prose between the page's
    headline and the article's element, in the headline's box, when the headline stands
    outside that element (a news page sets its headline and summary above the body's
    columns). Not under furniture, a caption or a figure."""
    blocks, parents, ends, tags = page.blocks, page.parents, page.ends, page.tags
    headline = next((block.owner for block in blocks if block.kind_tag == "h1"), -1)
    if headline < 0 or headline >= container:
        return []
    box = headline  # the headline's ancestor just below the one holding the article too
    while parents[box] >= 0 and not parents[box] <= container <= ends[parents[box]]:
        box = parents[box]
    spans = []
    for block, vote in zip(blocks, votes, strict=True):
        owner = block.owner
        if owner <= headline:
            continue
        if owner >= container or owner > ends[box]:
            break
        if (
            vote >= _STANDFIRST
            and tags[owner] == "p"
            and not inside[owner]
            and 5 * block.link_chars < len(block.text)
            and not _in_caption(page, owner, box)
        ):
            spans.append((owner, ends[owner]))
    return spans


def _in_caption(page: Page, index: int, top: int) -> bool:
    """Whether element ``index`` lies in a figure or a box named as a caption below ``top``."""
    while index > top:
        if page.tags[index] == "figure" or page.groups[index] & CAPTION:
            return True
        index = page.parents[index]
    return False


#: Longest heading read as the title of a box: a longer one is a line of the text set large.
_ORPHAN_HEADING = 100
#: What a box titled by a heading holds when none of it is the article's text. (Not
#: captions, tables, repeated or byline lines: a heading over a picture, or over text
#: kept elsewhere, still titles the article's text.)
_BOX_REASONS = frozenset(
    [
        BlockReason.LINK_LIST,
        BlockReason.RELATED_LINKS,
        BlockReason.NAVIGATION,
        BlockReason.SHARE_BOX,
        BlockReason.PAGE_FURNITURE,
        BlockReason.SIDEBAR,
        BlockReason.FOOTER,
        BlockReason.ADVERTISING,
        BlockReason.COMMENTS,
        BlockReason.PAGE_WIDGET,
        BlockReason.TEASER,
        BlockReason.CONTROL_LABEL,
        BlockReason.NOTICE,
        BlockReason.BARE_ADDRESS,
    ]
)


def drop_orphan_headings(decisions: list[Decision]) -> None:
    """Drop the headings of the article that title none of its text: a heading whose
    section (the blocks up to the next heading of its rank or above, or to the end of
    the article) holds no kept block and opens with a box's blocks ("More on this" over
    a list of links, "Tags" over the tags, "Share this" over the buttons). A heading
    that is a link is an item's title, not a box's. The heading goes with the reason
    of the first block it titled. (Read from the end: a section's own headings are
    decided before the heading over them.)"""
    article = [decision for decision in decisions if decision.reason is not _OUTSIDE_ARTICLE]
    count = len(article)
    next_kept = count  # position of the next kept block
    section_end = [count] * 7  # by level: position of the next heading of that rank or above
    for position in range(count - 1, -1, -1):
        decision = article[position]
        if decision.kind is not _HEADING:
            if decision.kept:
                next_kept = position
            continue
        level = decision.level
        end = section_end[level]
        text = decision.block.text
        if (
            decision.kept
            and position + 1 < end <= next_kept
            and article[position + 1].reason in _BOX_REASONS
            and len(text) < _ORPHAN_HEADING
            and 2 * decision.block.link_chars <= len(text)
        ):
            decision.kept, decision.reason = False, article[position + 1].reason
        if decision.kept:
            next_kept = position
        section_end[level:] = [position] * (7 - level)
