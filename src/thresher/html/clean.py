"""Remove what is never article text before the page is read: scripts, styles,
embedded objects, form controls, and small navigation, aside, footer, header and form boxes.

lexbor does this in C (CSS matching, ``decompose``, ``text``), so it costs little
even on large pages, and the Python walk that follows sees fewer nodes: on news
pages navigation, asides and footers hold about a third of all nodes.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

__all__ = ["remove_invisible", "remove_furniture_boxes"]

#: Elements whose content is never article text.
_NEVER_TEXT = ["script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
               "canvas", "video", "audio", "button", "select", "option", "input", "textarea", "link",
               "meta", "map", "dialog"]

_NEVER_TEXT_OUTERMOST = f":is({', '.join(_NEVER_TEXT)}):not(:is({', '.join(_NEVER_TEXT)}) *)"

#: Outermost furniture boxes (not nested in another one).
_BOX = ("nav, aside, footer, header, form, [role=navigation], [role=banner], [role=contentinfo], "
        "[role=complementary], [role=search], [role=menu], [role=menubar], [role=toolbar], [role=dialog]")
_FURNITURE_BOXES = f":is({_BOX}):not(:is({_BOX}) *)"
#: A box holding more than this share of the page's text may be misused markup (a
#: whole page inside <nav>); it is left for the walk, which weighs it with the rest.
_SMALL_BOX_SHARE = 0.2


def remove_invisible(tree: LexborHTMLParser) -> bool:
    """Delete never-visible elements of the body in place. (Elements hidden by
    attributes or inline CSS are skipped by the block walk, which reads every
    element's attributes anyway.)

    One CSS query finds only the outermost of them (so no deleted node is touched
    again); on large pages this is several times faster than ``strip_tags``, which
    walks the tree once per tag name. Returns whether the body held scripts (a page
    without text but with scripts is built by them).
    """
    body = tree.body
    scripts = False
    if body is not None:
        for node in body.css(_NEVER_TEXT_OUTERMOST):
            scripts = scripts or node.tag == "script"
            node.decompose()
    return scripts


def remove_furniture_boxes(tree: LexborHTMLParser) -> None:
    """Delete navigation, aside, footer, header, form and ARIA landmark boxes that hold a
    small share of the text."""
    body = tree.body
    if body is None:
        return
    boxes = body.css(_FURNITURE_BOXES)
    if not boxes:
        return
    limit = _SMALL_BOX_SHARE * len(body.text(deep=True))
    for box in boxes:
        if len(box.text(deep=True)) <= limit:
            box.decompose()
