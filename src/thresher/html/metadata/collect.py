"""One walk over the tree for every element the metadata readers look at.

Each CSS query over a whole page costs a walk of its tree (about a fifth of a
millisecond on an average page), so the meta tags, scripts, headings, the title, link
elements, the first ``<article>`` and ``<main>`` and microdata/RDFa-marked elements are
gathered by one combined query and sorted by kind here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

__all__ = ["PageNodes", "collect_nodes"]

_SELECTOR = "meta, script, h1, title, link, article, main, [itemprop], [property]"
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


def collect_nodes(tree: LexborHTMLParser) -> PageNodes:
    nodes = PageNodes()
    for node in tree.css(_SELECTOR):
        tag = node.tag
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
            attributes = node.attributes
            if ("itemprop" in attributes or "property" in attributes) and len(nodes.marked) < _MAX_PER_KIND:
                nodes.marked.append(node)
        elif tag == "link":
            relations = (node.attributes.get("rel") or "").casefold().split()
            if nodes.canonical is None and "canonical" in relations:
                nodes.canonical = node
        elif len(nodes.marked) < _MAX_PER_KIND:
            nodes.marked.append(node)
    return nodes
