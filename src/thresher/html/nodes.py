"""The elements the later steps look up, gathered once per page.

What is gathered: what the metadata readers read (meta tags, scripts, headings, the
title, the canonical link, the first ``<article>`` and ``<main>``, microdata/RDFa-marked
elements) and what ``clean`` detaches before the body is read (never-shown elements and
furniture boxes).

The elements chosen by tag name are gathered in one walk over the tree that tells them
apart by tag id (reading a node's id builds no string): lexbor's ``tags`` costs a walk
of the whole tree per tag name, and a CSS query of many selectors a walk that tests
every element against each of them, both dearer than the one walk for the twenty-odd
names. Only the elements chosen by attribute (microdata/RDFa marks, ARIA roles) are
found by a CSS query, since telling them apart in Python would mean reading every
element's attributes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

__all__ = ["BOX_ROLES", "BOX_TAGS", "NEVER_TEXT_TAGS", "PageNodes", "collect_nodes", "raw_text"]

#: Elements whose content is never article text (those that hold no text, or only
#: fallback text, are skipped by the walk instead: ``blocks.NEVER_SHOWN_TAGS``).
NEVER_TEXT_TAGS = frozenset(
    ["script", "style", "template", "svg", "math", "iframe", "button", "select", "textarea", "dialog"]
)
#: Furniture boxes, deleted by ``clean`` when they hold a small share of the page's text.
#: (<noscript> is one too: usually a "turn on JavaScript" line.) ARIA landmarks are
#: matched as any [role] and sorted here.
BOX_TAGS = frozenset(["nav", "aside", "footer", "header", "form", "noscript"])
BOX_ROLES = frozenset(
    ["navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "toolbar", "dialog"]
)

_MARKED_SELECTOR = ":is([itemprop], [property], [role])"
#: Marked elements the metadata readers read through their own lists, or never.
_NOT_MARKED = frozenset(["meta", "script", "link", "title", "body"])
#: Elements that are never detached, whatever their role.
_NEVER_BOXES = frozenset(["html", "head", "body"])
_MAX_PER_KIND = 2000  # a page with more meta tags or scripts than this is not worth reading them all
_MAX_HEADINGS = 5
#: The tag names gathered by the walk.
_GATHERED_TAGS = NEVER_TEXT_TAGS | BOX_TAGS | {"meta", "h1", "title", "link", "article", "main"}


def _gathered_ids() -> dict[int, str]:
    """The tag ids of ``_GATHERED_TAGS`` (lexbor numbers the standard elements with
    constants), with their names."""
    parser = LexborHTMLParser("")
    return {parser.create_node(name).tag_id: name for name in _GATHERED_TAGS}


_GATHERED_IDS = _gathered_ids()


@dataclass(slots=True)
class PageNodes:
    metas: list[LexborNode] = field(default_factory=list)
    scripts: list[LexborNode] = field(default_factory=list)
    headings: list[LexborNode] = field(default_factory=list)
    title: LexborNode | None = None
    canonical: LexborNode | None = None
    marked: list[LexborNode] = field(default_factory=list)  # itemprop/property on other elements
    article: LexborNode | None = None  # the first <article>
    main: LexborNode | None = None  # the first <main>
    #: Every never-shown element of the page (``NEVER_TEXT_TAGS``), in no particular order.
    never_text: list[LexborNode] = field(default_factory=list)
    #: The furniture boxes of the page (``BOX_TAGS``, ``BOX_ROLES``), inner ones before
    #: the boxes holding them.
    boxes: list[LexborNode] = field(default_factory=list)


def raw_text(node: LexborNode) -> str:
    """All the text under ``node``, as written, in one lexbor call (``text_lexbor``),
    where ``text()`` gathers it text node by text node. (selectolax before 1.0 raises
    RuntimeError for an element without text.)"""
    try:
        return node.text_lexbor()
    except RuntimeError:
        return ""


def _depth(node: LexborNode) -> int:
    depth = 0
    parent = node.parent
    while parent is not None:
        depth += 1
        parent = parent.parent
    return depth


def _by_tag(tree: LexborHTMLParser) -> dict[str, list[LexborNode]]:
    """The elements of each of ``_GATHERED_TAGS``, in document order, found in one walk."""
    found: dict[str, list[LexborNode]] = {name: [] for name in _GATHERED_TAGS}
    root = tree.root
    if root is None:
        return found
    name_of = _GATHERED_IDS.get
    for node in root.traverse():
        name = name_of(node.tag_id)
        if name is not None:
            found[name].append(node)
    return found


def collect_nodes(tree: LexborHTMLParser) -> PageNodes:
    tags = _by_tag(tree)
    scripts = tags["script"]
    articles, mains = tags["article"], tags["main"]
    nodes = PageNodes(
        metas=tags["meta"][:_MAX_PER_KIND],
        scripts=scripts[:_MAX_PER_KIND],
        headings=tags["h1"][:_MAX_HEADINGS],
        title=next((node for node in tags["title"] if node.parent is None or node.parent.tag != "svg"), None),
        canonical=next(
            (
                node
                for node in tags["link"]
                if "canonical" in (node.attributes.get("rel") or "").casefold().split()
            ),
            None,
        ),
        article=articles[0] if articles else None,
        main=mains[0] if mains else None,
        never_text=[node for tag in sorted(NEVER_TEXT_TAGS - {"script"}) for node in tags[tag]] + scripts,
    )
    boxes = [node for tag in sorted(BOX_TAGS) for node in tags[tag]]
    marked = nodes.marked
    for node in tree.css(_MARKED_SELECTOR):
        tag = node.tag
        attributes = node.attributes
        if (
            ("itemprop" in attributes or "property" in attributes and tag != "h1")
            and tag not in _NOT_MARKED
            and len(marked) < _MAX_PER_KIND
        ):
            marked.append(node)
        if (
            attributes.get("role") in BOX_ROLES
            and tag not in NEVER_TEXT_TAGS
            and tag not in BOX_TAGS
            and tag not in _NEVER_BOXES
        ):
            boxes.append(node)
    # Deepest first: a box is measured after the boxes inside it are gone.
    nodes.boxes = sorted(boxes, key=_depth, reverse=True) if len(boxes) > 1 else boxes
    return nodes
