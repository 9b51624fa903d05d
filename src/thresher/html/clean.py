"""Remove what a reader never sees before the page is read: scripts, styles, embedded
objects and form controls.

lexbor deletes them in C (``strip_tags``), so this costs little even on large pages,
and the Python walk that follows sees fewer nodes.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

__all__ = ["remove_invisible"]

#: Elements whose content is never article text.
_NEVER_TEXT = ["script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
               "canvas", "video", "audio", "button", "select", "option", "input", "textarea", "link",
               "meta", "map", "dialog"]


def remove_invisible(tree: LexborHTMLParser) -> None:
    """Delete never-visible elements in place. (Elements hidden by attributes or inline
    CSS are skipped by the block walk, which reads every element's attributes anyway.)"""
    tree.strip_tags(_NEVER_TEXT)
