"""The text of an ``<h1>`` without its kicker and its screen-reader-only parts.

Publishers set a kicker (the topic line above the headline) inside the ``<h1>``, in its
own element ("Sport", "Nach dem Unwetter"), joined to the headline by a
separator that only screen readers get. The headline proper is what remains once
elements named by that vocabulary (kicker, overline, topline, Dachzeile, label …),
hidden elements and a leading ``<small>`` are left out.
"""

from __future__ import annotations

import itertools
import re

from selectolax.lexbor import LexborNode

from thresher.html.metadata.text import rendered_text

__all__ = ["headline_text"]

_KICKER_WORDS = frozenset(
    (
        "kicker",
        "overline",
        "topline",
        "roofline",
        "eyebrow",
        "dachzeile",
        "spitzmarke",
        "topic",
        "label",
        "subtitle",
        "subheadline",
        "supertitle",
        "pretitle",
        "rubric",
        "rubrik",
        "category",
    )
)
_HIDDEN_WORDS = ("visually", "invisible", "hidden", "sronly", "screenreader")
_WORD_SPLIT = re.compile(r"[\s_-]+")
_MAX_ELEMENTS = 50
_SEPARATORS = " \t\n:|–—-·•/»«"


def _left_out(element: LexborNode, position: int) -> bool:
    attributes = element.attributes
    if attributes.get("aria-hidden") == "true" or (element.tag == "small" and position == 0):
        return True
    marker = f"{attributes.get('class') or ''} {attributes.get('id') or ''}".casefold()
    if "sr-only" in marker or "screen-reader" in marker:
        return True
    words = [word for word in _WORD_SPLIT.split(marker) if word]
    return any(word in _KICKER_WORDS or word.startswith(_HIDDEN_WORDS) for word in words)


def headline_text(heading: LexborNode) -> str:
    """The heading's text, without kicker and hidden parts (all of it if nothing else is left)."""
    full = rendered_text(heading)
    # walked, not queried: setting up a CSS query costs more than a heading has elements
    elements = itertools.islice((node for node in heading.traverse() if node.is_element_node), _MAX_ELEMENTS)
    descendants = list(elements)[1:]  # the walk starts at the heading itself
    dropped = frozenset(
        element.mem_id for position, element in enumerate(descendants) if _left_out(element, position)
    )
    if not dropped:
        return full
    # separators left over from the kicker: "Kicker: Headline" without "Kicker" is ": Headline"
    remaining = rendered_text(heading, dropped=dropped).strip(_SEPARATORS)
    return remaining if remaining.strip() else full
