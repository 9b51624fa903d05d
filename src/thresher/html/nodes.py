"""One CSS walk over the parsed page for every element the later steps look up.

Each CSS query over a whole page costs a walk of its tree in lexbor (about a tenth
of a millisecond on an average page, whatever the number of selectors), so a single
combined query gathers, sorted here by kind: what the metadata readers read (meta
tags, scripts, headings, the title, link elements, the first ``<article>`` and
``<main>``, microdata/RDFa-marked elements) and, in the body, the never-shown
elements and furniture boxes that ``clean`` deletes before the body is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

__all__ = ["BOX_ROLES", "BOX_TAGS", "NEVER_TEXT_TAGS", "PageNodes", "collect_nodes"]

#: Elements whose content is never article text (those that hold no text, or only
#: fallback text, are skipped by the walk instead: ``blocks.NEVER_SHOWN_TAGS``).
NEVER_TEXT_TAGS = frozenset(["script", "style", "template", "svg", "math", "iframe", "button", "select",
                             "textarea", "dialog"])
#: Furniture boxes, deleted by ``clean`` when they hold a small share of the page's text.
#: (<noscript> is one too: usually a "turn on JavaScript" line.) ARIA landmarks are
#: matched as any [role] and sorted here.
BOX_TAGS = frozenset(["nav", "aside", "footer", "header", "form", "noscript"])
BOX_ROLES = frozenset(["navigation", "banner", "contentinfo", "complementary", "search", "menu",
                       "menubar", "toolbar", "dialog"])

# "body" marks where the body starts: the elements after it in document order are in it.
_SELECTOR = ":is(" + ", ".join(["meta, script, h1, title, link, article, main, [itemprop], [property], body",
                       *sorted(NEVER_TEXT_TAGS - {"script"}), *sorted(BOX_TAGS), "[role]"]) + ")"
_MAX_PER_KIND = 2000  # a page with more meta tags or scripts than this is not worth reading them all
_MAX_HEADINGS = 5


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
    #: Never-shown elements and furniture boxes of the body, in document order.
    removable: list[LexborNode] = field(default_factory=list)


def _add_marked(nodes: PageNodes, node: LexborNode, attributes: dict[str, str | None]) -> None:
    if ("itemprop" in attributes or "property" in attributes) and len(nodes.marked) < _MAX_PER_KIND:
        nodes.marked.append(node)


def collect_nodes(tree: LexborHTMLParser) -> PageNodes:
    nodes = PageNodes()
    in_body = False
    for node in tree.css(_SELECTOR):
        tag = node.tag
        if tag == "body":
            in_body = True
            continue
        if tag in NEVER_TEXT_TAGS or tag in BOX_TAGS:
            if in_body:
                nodes.removable.append(node)
            if tag != "script":  # (the metadata readers want none of the others, unless marked up)
                _add_marked(nodes, node, node.attributes)
                continue
        elif in_body and node.attributes.get("role") in BOX_ROLES:
            nodes.removable.append(node)
        if tag == "meta":
            if len(nodes.metas) < _MAX_PER_KIND:
                nodes.metas.append(node)
        elif tag == "script":
            if len(nodes.scripts) < _MAX_PER_KIND:
                nodes.scripts.append(node)
        elif tag == "h1":
            if len(nodes.headings) < _MAX_HEADINGS:
                nodes.headings.append(node)
            if "itemprop" in node.attributes and len(nodes.marked) < _MAX_PER_KIND:
                nodes.marked.append(node)
        elif tag == "title":
            if nodes.title is None and (node.parent is None or node.parent.tag != "svg"):
                nodes.title = node
        elif tag in {"article", "main"}:
            if tag == "article" and nodes.article is None:
                nodes.article = node
            elif tag == "main" and nodes.main is None:
                nodes.main = node
            _add_marked(nodes, node, node.attributes)
        elif tag == "link":
            relations = (node.attributes.get("rel") or "").casefold().split()
            if nodes.canonical is None and "canonical" in relations:
                nodes.canonical = node
        else:  # matched by [itemprop], [property] or [role]
            _add_marked(nodes, node, node.attributes)
    return nodes
