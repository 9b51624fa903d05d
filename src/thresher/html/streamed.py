"""Put streamed parts of a server-rendered page where its scripts would put them.

A page rendered by a streaming server (React's Suspense, as Next.js and others serve
it) is sent before all its parts are ready. Where a part is not ready the page holds a
stand-in: an empty ``<template id="B:1">`` that opens a boundary, followed by a
placeholder ("Loading…") up to a closing ``<!--/$-->`` comment, or an empty
``<template id="P:1">``. The part itself comes later in the same response as a hidden
``<div id="S:1">`` at the end of the body, and a script moves it into place. Read as
sent, the page shows its placeholders and hides its text, often all of the article;
a capture whose scripts were removed has no other way to be read.

The segment ``S:x`` fills the boundary ``B:x`` or the placeholder ``P:x``: the server
numbers a part and its stand-in alike.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

__all__ = ["place_streamed_parts"]

_BOUNDARY, _PLACEHOLDER, _SEGMENT = "B:", "P:", "S:"
#: Comments opening a boundary (completed, pending, client-rendered) and closing one.
_OPENS, _CLOSES = ("$", "$?", "$!"), "/$"


def place_streamed_parts(tree: LexborHTMLParser, never_text: list[LexborNode]) -> int:
    """Move every hidden streamed segment of the page into its stand-in, as the page's
    scripts would, and return how many were placed. ``never_text`` are the page's
    never-shown elements (``nodes.collect_nodes``), among them its templates: a page
    without a stand-in template costs no look-up."""
    stand_ins: dict[str, LexborNode] = {}
    for node in never_text:
        if node.tag == "template":
            template_id = node.attributes.get("id") or ""
            if template_id.startswith((_BOUNDARY, _PLACEHOLDER)):
                stand_ins[template_id] = node
    if not stand_ins:
        return 0
    placed = 0
    for segment in tree.css('div[hidden][id^="S:"]'):
        number = (segment.attributes.get("id") or "")[len(_SEGMENT) :]
        boundary = stand_ins.get(_BOUNDARY + number)
        stand_in = boundary if boundary is not None else stand_ins.get(_PLACEHOLDER + number)
        if stand_in is None or _within(stand_in, segment):
            continue  # (no stand-in, or one inside its own part: malformed, left as sent)
        if boundary is not None:
            fallback = _fallback(boundary)
            if not any(_within(segment, node) for node in fallback):
                for node in fallback:
                    node.decompose()
        for child in list(segment.iter(include_text=True)):
            stand_in.insert_before(child, move=True)
        segment.decompose()
        placed += 1
    return placed


def _fallback(boundary: LexborNode) -> list[LexborNode]:
    """What the page shows while the boundary's part is on its way: the nodes after
    its template up to the comment closing it (boundaries nest). A capture stripped of
    its comments does not say where the stand-in ends, so none is returned and the
    stand-in stays: it holds little or no text ("Loading…", empty skeleton boxes)."""
    fallback: list[LexborNode] = []
    depth = 0
    node = boundary.next
    while node is not None:
        if node.tag == "-comment":
            content = (node.comment_content or "").strip()
            if content == _CLOSES:
                if depth == 0:
                    return fallback
                depth -= 1
            elif content in _OPENS:
                depth += 1
        fallback.append(node)
        node = node.next
    return []


def _within(node: LexborNode, ancestor: LexborNode) -> bool:
    """Whether ``node`` is ``ancestor`` or inside it."""
    current: LexborNode | None = node
    while current is not None:
        if current == ancestor:
            return True
        current = current.parent
    return False
