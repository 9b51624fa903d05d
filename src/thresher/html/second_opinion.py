"""A second opinion on an HTML page from the text reader, for when the HTML reader's
body came out empty or nearly so.

The two readers fail differently. The HTML reader trusts the page's structure and
its names: when the article's own wrapper reads as furniture (a class named like a
widget, a sidebar, a comment box), every block inside it votes against it and the
body comes out empty or a blurb. The text reader never sees those names: it reads the
page's visible text line by line (``visible_text``) and judges each line by its
shape and its neighbours. So when the HTML reader kept next to nothing, the text
reader reads the same tree, and its body is taken when it holds several times as many
words (the HTML reader's blurb was a fragment of the article, or nothing): the HTML
result stands otherwise. Pages where the HTML reader kept a body of some size are
left alone: there the text reader is the less accurate of the two, and neither the
sizes of the two bodies nor their overlap tells the cases where it is right from those
where it is wrong reliably enough to pay for itself (docs/design-two-readers.md).

The metadata (title, authors, date) stays the HTML reader's, which reads it from
the markup; the text reader's fills only what the markup did not give
(``fill_missing``). So do what the HTML reader learnt of the page as a whole (its
type, its images, the repairs made to it).
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from thresher.assemble import PageBody, PageMetadata, assemble, fill_missing
from thresher.budget import UNLIMITED, Budget
from thresher.errors import ThresherError
from thresher.html.short_body import body_words, outweighs, too_short, words
from thresher.html.visible_text import visible_text
from thresher.models import Article
from thresher.options import ExtractOptions

__all__ = ["second_opinion"]


def second_opinion(
    article: Article,
    tree: LexborHTMLParser,
    *,
    url: str | None,
    options: ExtractOptions,
    budget: Budget = UNLIMITED,
    counted: int | None = None,
) -> Article:
    """``article`` (the HTML reader's) or, when its body is nearly empty and the text
    reader finds one several times larger in the visible text of ``tree``, the article
    with that body. ``tree`` is the page as the HTML reader left it (never-shown elements and
    small navigation, header and footer boxes removed). ``budget`` is checked once the
    visible text is read, before the text reader runs; ``counted`` is the body's
    ``body_words`` when the caller has counted them already."""
    html_words = body_words(block.text for block in article.blocks) if counted is None else counted
    if not too_short(html_words):
        return article
    text = visible_text(tree.body, max_nodes=options.max_nodes)
    if not outweighs((text,), html_words):  # the text reader keeps a part of these words
        return article
    budget.check("reading the visible text")
    # Imported here: the text reader's compiled loops take a moment to load, which a
    # page the HTML reader read well should not pay for.
    from thresher.text.extract import extract_text

    try:
        other = extract_text(text, url=url, options=options)
    except ThresherError:  # e.g. more lines than max_lines: the HTML result stands
        return article
    if not outweighs((block.text for block in other.blocks), html_words):
        return article
    text_words = words(other.text)
    why = (
        f"the HTML reader kept {html_words} word{'s' if html_words != 1 else ''}; the text reader, "
        f"reading the page's visible text, found a body of {text_words} words"
    )
    body = PageBody(
        blocks=other.blocks,
        decisions=other.decisions,
        images=article.images,
        related=other.related or article.related,
        repairs=article.repairs,
        page_type=article.page_type,
        page_type_evidence=article.page_type_evidence,
    )
    metadata = fill_missing(PageMetadata.of(article), PageMetadata.of(other))
    return assemble(metadata, body, url=article.url, explain=options.explain, second_opinion=why)
