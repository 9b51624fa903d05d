"""Remove what is never article text before the page is read: scripts, styles,
embedded objects, form controls, and small navigation, aside, footer, header and form boxes.

The candidates come from the page's one CSS query (``nodes``) and lexbor deletes and
measures them in C (``decompose``, ``text``), so this costs little even on large
pages, and the Python walk that follows sees fewer nodes: on news pages navigation,
asides and footers hold about a third of all nodes.
"""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from thresher.html.nodes import NEVER_TEXT_TAGS

__all__ = ["remove_invisible"]

#: Text a <noscript> must hold to be kept as a page swallowed by it (not a message).
_PAGE_IN_NOSCRIPT = 1000
#: A box holding more than this share of the page's text may be misused markup (a
#: whole page inside <form>); it is left for the walk, which weighs it with the rest.
_SMALL_BOX_SHARE = 0.2


def remove_invisible(body: LexborNode, candidates: list[LexborNode]) -> bool:
    """Delete, in the body, never-visible elements and furniture boxes (navigation,
    asides, footers, headers, forms, ARIA landmarks) that hold a small share of the
    visible text. ``candidates`` are these elements in document order, as found by
    ``nodes.collect_nodes``. Returns whether the body held scripts (a page without
    text but with scripts is built by them).

    The never-visible ones are deleted first, so that the body's text, measured once,
    is the visible text, and so is each box's; deleting in reverse document order
    removes inner elements before outer ones, so no deleted node is touched again.
    """
    never_text: list[LexborNode] = []
    boxes: list[LexborNode] = []
    for node in candidates:
        (never_text if node.tag in NEVER_TEXT_TAGS else boxes).append(node)
    scripts = False
    for node in reversed(never_text):
        scripts = scripts or node.tag == "script"
        node.decompose(recursive=False)
    if boxes:
        limit = _SMALL_BOX_SHARE * len(body.text_lexbor())
        for node in reversed(boxes):
            size = len(node.text_lexbor())
            if size <= limit or node.tag == "noscript" and size < _PAGE_IN_NOSCRIPT:
                node.decompose(recursive=False)
    return scripts
