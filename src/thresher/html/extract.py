"""HTML → ``Article``: parse once, gather the elements looked up later in one query,
read the metadata, extract the body; when the body came out nearly empty, ask the text
reader for a second opinion on the same tree (``second_opinion``)."""

from __future__ import annotations

from thresher.html.body import extract_body
from thresher.html.metadata import read_metadata
from thresher.html.metadata.authors import clean_authors
from thresher.html.nodes import collect_nodes
from thresher.html.parse import parse_document
from thresher.html.second_opinion import second_opinion
from thresher.models import Article, EmptyReason
from thresher.options import ExtractOptions

__all__ = ["extract_html"]


def extract_html(markup: str, *, url: str | None, options: ExtractOptions,
                 utf8: bytes | None = None) -> Article:
    """The article of ``markup``; ``utf8``, when given, is ``markup`` encoded in UTF-8
    (the page's own bytes), which the parser reads as they are."""
    tree = parse_document(markup, max_depth=options.max_depth, utf8=utf8)
    nodes = collect_nodes(tree)
    metadata = read_metadata(tree, url, nodes)
    body = extract_body(tree, options, url, nodes, metadata.title)
    article = Article(
        title=metadata.title,
        # A plain "By Jane Doe" line above the text, when no markup names the authors.
        authors=metadata.authors or clean_authors([body.byline] if body.byline else [],
                                                  site_keys=metadata.site_keys),
        published=metadata.published,
        site_name=metadata.site_name,
        language=metadata.language,
        url=url or metadata.url,
        description=metadata.description,
        blocks=body.blocks,
        related=body.related,
        images=body.images,
        empty_reason=None if body.blocks else (body.empty_reason or EmptyReason.NO_ARTICLE),
        decisions=body.decisions if options.explain else (),
    )
    if options.second_opinion:
        return second_opinion(article, tree, url=url, options=options)
    return article
