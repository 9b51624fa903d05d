"""Links to other stories found in or right after the article ("Read also", "Related").

They are dropped from the body by ``classify``; here their links are collected, in
order and without repeats, so a reader of the article can still follow them.
"""

from __future__ import annotations

from thresher.html.classify import Reading
from thresher.html.vocabulary import RELATED_PHRASE
from thresher.models import BlockKind

__all__ = ["related_links"]


def related_links(reading: Reading) -> list[tuple[str, str | None]]:
    """(text, href) of the related-story links of the article, in document order.

    A block counts when ``classify`` marked it related (a related-stories box, a
    "Read also: ..." line), or when it is a dropped link list right after a heading
    or line that announces related stories, inside the article.
    """
    found: list[tuple[str, str | None]] = []
    seen: set[tuple[str, str | None]] = set()
    announced = False
    started = False  # inside or after the article: blocks before it are page header
    for decision in reading.decisions:
        block = decision.block
        started = started or decision.kept
        if decision.kept and decision.kind is not BlockKind.HEADING:
            announced = False
        if not started:
            continue
        if RELATED_PHRASE.match(block.text) and len(block.text) < 80:
            announced = True
        if decision.related or (announced and not decision.kept and block.links):
            for link in block.links:
                if link not in seen and len(link[0]) > 1:
                    seen.add(link)
                    found.append(link)
    return found
