"""Links to other stories found in or right after the article ("Read also", "Related").

They are dropped from the body by ``classify``; here their links are collected, in
order and without repeats, so a reader of the article can still follow them.
"""

from __future__ import annotations

from thresher.html.classify import Reading
from thresher.html.vocabulary import RELATED_PHRASE
from thresher.models import BlockKind

__all__ = ["related_links"]


#: (bound once: a member look-up on an enum class is slow, and this is tested per block)
_HEADING = BlockKind.HEADING
#: Related boxes further than this many blocks after the article's last block are
#: page furniture of their own (site-wide "More from" rails), not the article's.
_AFTER_ARTICLE = 15
#: A link from a related box needs a headline's length: shorter ones are topic tags.
_HEADLINE_WORDS = 3


def related_links(reading: Reading) -> list[tuple[str, str | None]]:
    """(text, href) of the related-story links of the article, in document order.

    A block counts when ``classify`` marked it related (a related-stories box, a
    "Read also: ..." line), or when it is a dropped link list right after a heading
    or line that announces related stories, inside the article or shortly after it.
    """
    decisions = reading.decisions
    kept = [index for index, decision in enumerate(decisions) if decision.kept]
    if not kept:
        return []
    first, last = kept[0], min(kept[-1] + _AFTER_ARTICLE, len(decisions) - 1)
    found: list[tuple[str, str | None]] = []
    seen: set[tuple[str, str | None]] = set()
    announced = False
    for decision in decisions[first : last + 1]:
        block = decision.block
        if decision.kept and decision.kind is not _HEADING:
            announced = False
        if len(block.text) < 80 and RELATED_PHRASE.match(block.text):
            announced = True
            inline = True  # "Read also: <link>": the line itself is the pointer
        else:
            inline = False
        if decision.related or (announced and not decision.kept and block.links):
            for link in block.links:
                if link in seen or len(link[0]) < 2 or len(link[0]) < 25 and RELATED_PHRASE.match(link[0]):
                    continue  # (a bare "Read more" points to the rest, not to another story)
                if not inline and len(link[0].split()) < _HEADLINE_WORDS:
                    continue
                seen.add(link)
                found.append(link)
    return found
