"""Remove what is never article text before the page is read: scripts, styles,
embedded objects, form controls, and small navigation, aside, footer, header and form boxes.

lexbor does this in C (CSS matching, ``decompose``, ``text``), so it costs little
even on large pages, and the Python walk that follows sees fewer nodes: on news
pages navigation, asides and footers hold about a third of all nodes.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

__all__ = ["remove_invisible"]

#: Elements whose content is never article text. (Those that hold no text, or only
#: fallback text, are skipped by the walk instead: ``blocks.NEVER_SHOWN_TAGS``. lexbor
#: walks the tree once per selector of a list, so each tag here costs a walk.)
_NEVER_TEXT = ["script", "style", "template", "svg", "math", "iframe", "button", "select",
               "textarea", "dialog"]

_NEVER_TEXT_TAGS = frozenset(_NEVER_TEXT)

#: Furniture boxes: deleted when they hold a small share of the page's text.
# (<noscript> is one too: usually a "turn on JavaScript" line, but a stray unclosed one
# can swallow the whole page, which then must stay.)
# ARIA landmarks are matched as any [role] and sorted in Python: lexbor tries every
# selector of a list on every element, and the elements with a role are few.
_BOX = "nav, aside, footer, header, form, noscript, [role]"
_BOX_ROLES = frozenset(["navigation", "banner", "contentinfo", "complementary", "search", "menu",
                        "menubar", "toolbar", "dialog"])
_BOX_TAGS = frozenset(["nav", "aside", "footer", "header", "form", "noscript"])
#: Text a <noscript> must hold to be kept as a page swallowed by it (not a message).
_PAGE_IN_NOSCRIPT = 1000
_REMOVABLE = f"{', '.join(_NEVER_TEXT)}, {_BOX}"
#: A box holding more than this share of the page's text may be misused markup (a
#: whole page inside <form>); it is left for the walk, which weighs it with the rest.
_SMALL_BOX_SHARE = 0.2


def remove_invisible(tree: LexborHTMLParser) -> bool:
    """Delete, in the body, never-visible elements and furniture boxes (navigation,
    asides, footers, headers, forms, ARIA landmarks) that hold a small share of the
    visible text. Returns whether the body held scripts (a page without text but with
    scripts is built by them).

    One CSS query finds all candidates. The never-visible ones are deleted first, so
    that the body's text, measured once, is the visible text, and so is each box's;
    deleting in reverse document order removes inner elements before outer ones, so
    no deleted node is touched again. (``strip_tags`` would walk the tree once per
    tag name.)
    """
    body = tree.body
    if body is None:
        return False
    never_text, boxes = [], []
    for node in body.css(_REMOVABLE):
        tag = node.tag
        if tag in _NEVER_TEXT_TAGS:
            never_text.append(node)
        elif tag in _BOX_TAGS or node.attributes.get("role") in _BOX_ROLES:
            boxes.append(node)
    scripts = False
    for node in reversed(never_text):
        scripts = scripts or node.tag == "script"
        node.decompose()
    if boxes:
        limit = _SMALL_BOX_SHARE * len(body.text(deep=True))
        for node in reversed(boxes):
            size = len(node.text(deep=True))
            if size <= limit or node.tag == "noscript" and size < _PAGE_IN_NOSCRIPT:
                node.decompose()
    return scripts
