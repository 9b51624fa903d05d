"""HTML → ``Article``: parse once, gather the elements looked up later in one query,
read the metadata, extract the body."""

from __future__ import annotations

from thresher.html.body import extract_body
from thresher.html.metadata import read_metadata
from thresher.html.metadata.authors import clean_authors
from thresher.html.nodes import collect_nodes
from thresher.html.page_type import page_hints
from thresher.html.parse import parse_document
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
    hints = page_hints(nodes.scripts, nodes.metas)  # (before the body's extraction deletes the scripts)
    body = extract_body(tree, options, url, nodes, metadata.title, hints)
    return Article(
        title=metadata.title,
        # A plain "By Jane Doe" line above the text, when no markup names the authors.
        authors=metadata.authors or clean_authors([body.byline] if body.byline else [],
                                                  site_keys=metadata.site_keys),
        published=metadata.published,
        site_name=metadata.site_name,
        language=metadata.language,
        url=url or metadata.url,
        description=metadata.description,
        modified=metadata.modified,
        tags=metadata.tags,
        image=metadata.image,
        blocks=body.blocks,
        related=body.related,
        images=body.images,
        empty_reason=None if body.blocks else (body.empty_reason or EmptyReason.NO_ARTICLE),
        decisions=body.decisions if options.explain else (),
        page_type=body.page_type,
        page_type_evidence=body.page_type_evidence,
    )
