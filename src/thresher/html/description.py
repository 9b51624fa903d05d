"""The page's own description as the opening of its body: the last remedy for a body
too short to trust (``short_body``), tried once the page's text has been read every
other way.

Some pages leave their text out of the markup and fill it in with a script (a forum
whose posts arrive as data, an app shell), yet still say what they hold in their
description (``og:description``, ``description``, the JSON-LD ``description``),
because search engines and link previews read it. A description written as a summary
for a search result is kept to about 160 characters; one of ``EXCERPT_CHARS`` or more
was cut from the text itself (a platform filling it with the opening of the post), so
it is the best part of the body the page offers. It is taken, leading what little
body was found, when it outweighs that body, as the other remedies' readings must.
"""

from __future__ import annotations

from dataclasses import replace

from thresher.html.short_body import body_words, outweighs, too_short
from thresher.html.switches import enabled
from thresher.models import Article, Block, BlockKind, BlockReason

__all__ = ["EXCERPT_CHARS", "lead_with_description"]

#: A description this long is an excerpt of the page's text, not a summary for search results.
EXCERPT_CHARS = 300


def lead_with_description(article: Article, *, explain: bool) -> Article:
    """``article``, or when its body is too short to trust and its description is an
    excerpt outweighing that body, the article with its description as the first block
    (and the first decision, with ``explain``)."""
    description = article.description or ""
    if len(description) < EXCERPT_CHARS or not enabled("page-description"):
        return article
    count = body_words(block.text for block in article.blocks)
    if not too_short(count) or not outweighs((description,), count):
        return article
    block = Block(BlockKind.PARAGRAPH, " ".join(description.split()), True, BlockReason.PAGE_DESCRIPTION)
    return replace(
        article,
        blocks=(block, *article.blocks),
        empty_reason=None,
        decisions=(block, *article.decisions) if explain else (),
    )
