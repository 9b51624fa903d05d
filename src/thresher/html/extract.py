"""HTML → ``Article``: parse once, gather the elements looked up later in one query,
read the metadata, extract the body; when the body is too short to trust
(``short_body``), look for damaged markup, then ask the text reader for a second
opinion on the same tree (``second_opinion``), then take the page's own description
(``description``)."""

from __future__ import annotations

from dataclasses import replace

from selectolax.lexbor import LexborHTMLParser

from thresher.assemble import assemble
from thresher.budget import Budget
from thresher.html.body import extract_body
from thresher.html.description import lead_with_description
from thresher.html.metadata import read_metadata
from thresher.html.metadata.authors import clean_authors
from thresher.html.nodes import collect_nodes
from thresher.html.page_type import page_hints
from thresher.html.parse import parse_bytes, parse_page
from thresher.html.second_opinion import second_opinion
from thresher.html.short_body import body_words, too_short
from thresher.models import Article, Repair
from thresher.options import ExtractOptions

__all__ = ["extract_html"]


def extract_html(
    markup: str,
    *,
    url: str | None,
    options: ExtractOptions,
    utf8: bytes | None = None,
    budget: Budget | None = None,
) -> Article:
    """The article of ``markup``; ``utf8``, when given, is ``markup`` encoded in UTF-8
    (the page's own bytes), which the parser reads as they are."""
    budget = budget or Budget(options.time_budget)
    parsed = parse_page(markup, max_depth=options.max_depth, utf8=utf8)
    budget.check("parsing")
    tree = parsed.tree
    article = _read(tree, parsed.repairs, url, options, budget)
    # A body too short to trust, or one showing end tags as text, may have been swallowed
    # by damaged markup (an unclosed ``<title>`` or ``<xmp>``, an unterminated attribute
    # quote): only then is the markup searched for such damage.
    found = body_words(block.text for block in article.blocks)
    if too_short(found) or "</" in article.text:
        from thresher.html.bound import mend  # (numpy: see ``parse_page``)

        mended = mend(parsed.data)
        if mended is not None:
            budget.check("mending the markup")
            data, repairs = mended
            mended_tree = parse_bytes(data)
            second = _read(mended_tree, (*parsed.repairs, *repairs), url, options, budget)
            if second.blocks:
                article, tree = second, mended_tree
                found = body_words(block.text for block in article.blocks)
    if options.second_opinion:
        article = second_opinion(article, tree, url=url, options=options, budget=budget, counted=found)
    return lead_with_description(article, explain=options.explain)


def _read(
    tree: LexborHTMLParser,
    repairs: tuple[Repair, ...],
    url: str | None,
    options: ExtractOptions,
    budget: Budget,
) -> Article:
    nodes = collect_nodes(tree)
    metadata = read_metadata(tree, url, nodes)
    hints = page_hints(nodes.scripts, nodes.metas)  # (before the body's extraction deletes the scripts)
    budget.check("reading metadata")
    body = extract_body(tree, options, url, nodes, metadata.title, hints, budget)
    if not metadata.authors and body.byline:  # a plain "By Jane Doe" line above the text
        metadata = replace(metadata, authors=clean_authors([body.byline], site_keys=metadata.site_keys))
    return assemble(
        metadata,
        replace(body, repairs=repairs + body.repairs),
        url=url,
        explain=options.explain,
    )
