"""Remove what is never article text before the page is read: scripts, styles,
embedded objects, form controls, and small navigation, aside, footer, header and form boxes.

The candidates come from ``nodes`` and lexbor detaches and measures them in C
(``decompose(recursive=False)``, ``text_lexbor``), so this costs little even on large
pages, and the Python walk that follows sees fewer nodes: on news pages navigation,
asides and footers hold about a third of all nodes.
"""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from thresher.html.nodes import raw_text
from thresher.html.switches import enabled

__all__ = ["remove_invisible"]

#: Text a <noscript> must hold to be kept as a page swallowed by it (not a message).
_PAGE_IN_NOSCRIPT = 1000
#: A box holding more than this share of the page's text may be misused markup (a
#: whole page inside <form>); it is left for the walk, which weighs it with the rest.
_SMALL_BOX_SHARE = 0.2


def remove_invisible(body: LexborNode, never_text: list[LexborNode], boxes: list[LexborNode]) -> bool:
    """Detach never-visible elements (``never_text``) and the furniture boxes
    (navigation, asides, footers, headers, forms, ARIA landmarks: ``boxes``, inner
    ones first) that hold a small share of the body's visible text. Both come from
    ``nodes.collect_nodes``, and may include elements of the head, which nothing
    reads after the metadata. Returns whether the page held scripts (a page without
    text but with scripts is built by them).

    The never-visible ones are detached first, so that the body's text, measured once,
    is the visible text, and so is each box's; a box is measured after the boxes
    inside it are gone. A detached element keeps its subtree, so detaching an element
    inside one already detached is harmless, and the order of ``never_text`` does not
    matter.
    """
    scripts = False
    for node in never_text:
        scripts = scripts or node.tag == "script"
        node.decompose(recursive=False)
    if boxes:
        limit = _SMALL_BOX_SHARE * len(raw_text(body))
        article_headers = enabled("article-header")
        for node in boxes:
            if article_headers and node.tag == "header" and _heads_article(node):
                continue
            size = len(raw_text(node))
            if size <= limit or node.tag == "noscript" and size < _PAGE_IN_NOSCRIPT:
                node.decompose(recursive=False)
    return scripts


_CARD_TITLES = "h2, h3, h4, h5, h6"


def _heads_article(header: LexborNode) -> bool:
    """Whether a ``<header>`` is the head of a card (inside an ``<article>``, holding a
    heading below the page's headline): the card's title, not the page's banner. (A
    header holding an ``<h1>`` is left to be measured: it heads the page, and its
    headline is no part of the body either way.)"""
    parent = header.parent
    while parent is not None:
        if parent.tag == "article":
            return header.css_first(_CARD_TITLES) is not None and header.css_first("h1") is None
        parent = parent.parent
    return False
