"""One walk over the document tree that cuts its visible text into blocks.

A block is a run of inline text that a browser would lay out as one box: the text of
a ``<p>``, a heading, a list item, or the loose text of a ``<div>`` between two child
blocks. Each block remembers the element that owns it, how much of its text is link
text, and its links; each element remembers its parent, its depth and whether its
tag or class/id names page furniture. Everything later (choosing the article,
dropping boilerplate) works on these flat lists, so the tree is walked only once and
no subtree is serialised to measure its text.

Data tables and ``<pre>`` are read whole when entered. Elements hidden by the page
(``hidden``, ``aria-hidden``, ``display:none``) are skipped with their subtree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

from thresher.html.vocabulary import BOILERPLATE_NAME, CAPTION_NAME, COMMENT_NAME, CONTENT_NAME

__all__ = ["Element", "TextBlock", "Page", "walk_blocks"]

#: Elements a browser lays out as boxes: they end the current run of text.
BLOCK_TAGS = frozenset([
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section",
    "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "caption", "legend"])
#: Tags that tell what kind of text a block is, innermost first.
SEMANTIC_TAGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote",
                           "figcaption", "caption", "pre"])
#: Tags that are page furniture by definition.
FURNITURE_TAGS = frozenset(["nav", "aside", "footer", "form", "menu"])


@dataclass(slots=True)
class Element:
    tag: str
    parent: int
    depth: int
    #: Non-empty when the tag or class/id names page furniture: the matched name.
    furniture: str = ""
    #: The class/id names a comment section.
    comments: bool = False
    #: The class/id names the article text ("article-body", "entry-content").
    content_name: bool = False
    #: The class/id names a caption.
    caption_name: bool = False
    #: Index of the last element of this element's subtree (elements are in document order).
    end: int = 0


@dataclass(slots=True)
class TextBlock:
    text: str
    #: Index of the innermost block-level element holding the text.
    owner: int
    #: The tag deciding the block's kind: h1..h6, li, blockquote, figcaption, pre, table or p.
    kind_tag: str
    link_chars: int
    links: list[tuple[str, str | None]] = field(default_factory=list)


@dataclass(slots=True)
class Page:
    elements: list[Element]
    blocks: list[TextBlock]
    #: (element index of the image's parent, src, alt) in document order.
    images: list[tuple[int, str, str]]
    #: True when the walk stopped at ``max_nodes``.
    truncated: bool = False


_END = None


def _hidden(attributes: dict[str, str | None]) -> bool:
    if "hidden" in attributes or attributes.get("aria-hidden") == "true":
        return True
    style = attributes.get("style")
    if style:
        compact = style.replace(" ", "").lower()
        return "display:none" in compact or "visibility:hidden" in compact
    return False


def _table_block(node: LexborNode) -> str | None:
    """The text of a data table (one row a line, cells joined by " | "), or None for a
    table used for page layout (nested tables, long cells, a single column)."""
    if node.css_first("table") is not None:
        return None
    rows = []
    columns = 0
    for row in node.css("tr"):
        cells = [" ".join(cell.text(deep=True).split()) for cell in row.css("td, th")]
        if any(len(cell) > 300 for cell in cells):
            return None
        columns = max(columns, len(cells))
        if any(cells):
            rows.append(" | ".join(cells))
    if len(rows) < 2 or columns < 2:
        return None
    return "\n".join(rows)


def walk_blocks(body: LexborNode, *, max_nodes: int, read_tables: bool = True) -> Page:
    """Cut the visible text under ``body`` into blocks, in document order."""
    elements: list[Element] = []
    blocks: list[TextBlock] = []
    images: list[tuple[int, str, str]] = []
    owners: list[int] = []  # open block-level elements, innermost last
    context: list[str] = []  # open semantic tags, innermost last
    parts: list[str] = []  # text of the current run
    link_chars = 0
    links: list[tuple[str, str | None]] = []
    anchor: list[tuple[int, str | None]] = []  # open <a>: (start in parts, href)
    count = 0
    truncated = False

    def flush() -> None:
        nonlocal parts, link_chars, links
        if parts:
            text = " ".join("".join(parts).split())
            if text and owners:
                kind = context[-1] if context else "p"
                blocks.append(TextBlock(text, owners[-1], kind, min(link_chars, len(text)), links))
            parts = []
        link_chars = 0
        links = []
        for position, (_, href) in enumerate(anchor):
            anchor[position] = (0, href)

    # Stack of (node, element index to close); node None means "close that element".
    stack: list[tuple[LexborNode | None, int]] = [(body, -1)]
    current = -1  # index of the innermost open element
    while stack:
        node, closing = stack.pop()
        if node is None:
            element = elements[closing]
            element.end = len(elements) - 1
            tag = element.tag
            if tag == "a" and anchor:
                start, href = anchor.pop()
                text = " ".join("".join(parts[start:]).split())
                if text:
                    links.append((text, href))
            elif tag in BLOCK_TAGS:
                flush()
                owners.pop()
                if tag in SEMANTIC_TAGS:
                    context.pop()
            current = element.parent
            continue
        tag = node.tag
        if tag == "-text":
            text = node.text_content
            if text:
                parts.append(text)
                if anchor:
                    link_chars += len(text.strip())
            continue
        if tag is None or tag.startswith(("-", "_", "!")):
            continue  # comments, doctype
        count += 1
        if count > max_nodes:
            truncated = True
            break
        attributes = node.attributes
        if attributes and _hidden(attributes):
            continue
        if tag == "br":
            if elements[current].tag == "p" if current >= 0 else False:
                parts.append(" ")
            else:
                flush()
            continue
        if tag == "img":
            src = attributes.get("src") or attributes.get("data-src") or ""
            if src and not src.startswith("data:"):
                images.append((current, src, attributes.get("alt") or ""))
            continue
        index = len(elements)
        element = Element(tag, current, elements[current].depth + 1 if current >= 0 else 0)
        name = " ".join(value for key in ("class", "id") if (value := attributes.get(key)))
        if tag in FURNITURE_TAGS:
            element.furniture = tag
        if name:
            element.content_name = CONTENT_NAME.search(name) is not None
            element.caption_name = CAPTION_NAME.search(name) is not None
            element.comments = COMMENT_NAME.search(name) is not None
            if not element.furniture and BOILERPLATE_NAME.search(name) and not element.content_name:
                element.furniture = name
        elements.append(element)
        if tag == "pre" or (tag == "table" and read_tables):
            table = _table_block(node) if tag == "table" else None
            if tag == "pre" or table is not None:
                flush()
                text = node.text(deep=True) if tag == "pre" else table
                if text and text.strip():
                    blocks.append(TextBlock(text.strip("\n"), index, tag, 0))
                element.end = index
                continue
        if tag == "a":
            anchor.append((len(parts), attributes.get("href")))
        elif tag in BLOCK_TAGS:
            flush()
            owners.append(index)
            if tag in SEMANTIC_TAGS:
                context.append(tag)
        stack.append((None, index))
        current = index
        children = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        for child in reversed(children):
            stack.append((child, -1))
    if truncated:
        while owners:
            flush()
            owners.pop()
        for position, element in enumerate(elements):
            if element.end < position:
                element.end = len(elements) - 1
    else:
        flush()
    return Page(elements, blocks, images, truncated)
