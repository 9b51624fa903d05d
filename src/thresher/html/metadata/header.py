"""The article header: the headline's surroundings, where bylines and datelines sit.

Climbing from the ``<h1>`` while the enclosing element stays short gives the header
block of most layouts (kicker, headline, standfirst, byline, date) without reaching
the article body or the page around it.
"""

from __future__ import annotations

from dataclasses import dataclass

from selectolax.lexbor import LexborNode

from thresher.html.metadata.containers import ancestor_ids

__all__ = ["Header", "locate_header", "header_zone", "text_around"]

_HEADER_MAX_CHARS = 1500
_HEADER_LEVELS = 4
_SIBLINGS_BEFORE = 3
_SIBLINGS_AFTER = 4
_SIBLING_CHARS = 300


def header_zone(headline: LexborNode) -> LexborNode:
    """The largest ancestor (up to a few levels) of the headline whose text stays short."""
    zone = headline
    for _ in range(_HEADER_LEVELS):
        parent = zone.parent
        if parent is None or parent.tag in {"body", "html"}:
            break
        if len(parent.text(deep=True, strip=True)) > _HEADER_MAX_CHARS:
            break
        zone = parent
    return zone


def _text(node: LexborNode) -> str:
    return node.text(deep=True, separator=" ", strip=True)


def text_around(zone: LexborNode) -> str:
    """The text of a zone with a few sibling elements before and after it."""
    before: list[str] = []
    node = zone.prev
    while node is not None and len(before) < _SIBLINGS_BEFORE:
        if node.is_element_node:
            before.insert(0, _text(node)[-_SIBLING_CHARS:])
        node = node.prev
    after: list[str] = []
    node = zone.next
    while node is not None and len(after) < _SIBLINGS_AFTER:
        if node.is_element_node:
            after.append(_text(node)[:_SIBLING_CHARS])
        node = node.next
    return " ".join([*before, _text(zone)[:_HEADER_MAX_CHARS], *after])


@dataclass(frozen=True, slots=True)
class Header:
    """Where the headline is: its header zone, and its ancestors (``mem_id``) that make
    up the article's containers."""

    zone: LexborNode | None = None
    main: frozenset[int] = frozenset()


def locate_header(headline: LexborNode | None) -> Header:
    if headline is None:
        return Header()
    return Header(zone=header_zone(headline), main=ancestor_ids(headline))
