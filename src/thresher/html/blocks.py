"""One walk over the document tree that cuts its visible text into blocks.

A block is a run of inline text that a browser would lay out as one box: the text of
a ``<p>``, a heading, a list item, or the loose text of a ``<div>`` between two child
blocks. Each block remembers the element that owns it, how much of its text is link
text, and its links; each element remembers its parent, its depth and whether its
tag or class/id names page furniture. Everything later (choosing the article,
dropping boilerplate) works on these flat lists, so the tree is walked only once and
no subtree is serialised to measure its text.

Data tables and ``<pre>`` are read whole when entered. Elements hidden by the page
(``hidden``, ``aria-hidden``, ``display:none``) are skipped with their subtree, and so are
the never-shown elements ``clean`` leaves in place (form inputs, media fallbacks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

from thresher.html.vocabulary import GROUP_BITS, name_groups

__all__ = ["Element", "NEVER_SHOWN_TAGS", "TextBlock", "Page", "walk_blocks"]

#: Elements a browser lays out as boxes: they end the current run of text.
BLOCK_TAGS = frozenset([
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section",
    "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "caption", "legend"])
#: Tags that tell what kind of text a block is, innermost first.
SEMANTIC_TAGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote",
                           "figcaption", "caption", "pre", "figure"])
#: Elements never shown as text that ``clean`` leaves in the tree (they hold no text,
#: or only fallback text for old browsers): skipped with their subtree.
NEVER_SHOWN_TAGS = frozenset(["input", "option", "link", "meta", "object", "embed", "canvas", "video",
                              "audio", "map"])
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
    #: The tag deciding the block's kind: h1..h6, li, blockquote, figcaption, figure, pre,
    #: table or p.
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


#: Zero-width and soft-hyphen characters: invisible, yet not whitespace to str.split.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")

# class/id strings repeat within and across pages of a site: remember their reading.
_NAME_FLAGS: dict[str, tuple[bool, bool, bool, bool, bool]] = {}
_NO_FLAGS = (False, False, False, False, False)
#: Class prefixes that name the post's taxonomy, not the box's role: a publishing
#: system marks a post "tag-social-media category-advertising", words that would
#: otherwise read as furniture.
_TAXONOMY = ("tag-", "category-", "postid-", "format-", "status-")


_CONTENT, _CAPTION, _COMMENT, _FURNITURE, _POPUP = (
    GROUP_BITS[group] for group in ("content", "caption", "comment", "furniture", "popup"))
#: The flags tuple of every combination of group bits, shared rather than rebuilt.
_FLAGS_OF_BITS = [(bool(bits & _CONTENT), bool(bits & _CAPTION), bool(bits & _COMMENT),
                   bool(bits & _FURNITURE), bool(bits & _POPUP)) for bits in range(2 ** len(GROUP_BITS))]
_HAS_TAXONOMY = re.compile(r"(?:^|\s)(?:" + "|".join(_TAXONOMY) + ")")


def _name_flags(name: str) -> tuple[bool, bool, bool, bool, bool]:
    """(content, caption, comments, furniture, popup) flags of a class/id string."""
    read = name
    if any(prefix in read for prefix in _TAXONOMY) and _HAS_TAXONOMY.search(read):
        read = " ".join(item for item in read.split() if not item.startswith(_TAXONOMY))
    flags = _FLAGS_OF_BITS[name_groups(read)]
    if len(_NAME_FLAGS) > 50_000:
        _NAME_FLAGS.clear()
    _NAME_FLAGS[name] = flags
    return flags


#: Block elements whose text runs are prose: inline furniture names inside them are
#: decoration (a "date" span in a sentence), not a box of their own.
_PROSE_TAGS = frozenset(["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "dd", "dt"])


def _promoted(flags: tuple[bool, bool, bool, bool, bool], block_tag: str) -> bool:
    """Whether an inline element is read as a block of its own: when its class/id
    names a caption (anywhere), or furniture or comments (outside prose elements)."""
    return flags[1] or ((flags[2] or flags[3]) and block_tag not in _PROSE_TAGS)


def _hidden(attributes: dict[str, str | None]) -> bool:
    if "hidden" in attributes or attributes.get("aria-hidden") == "true":
        return True
    style = attributes.get("style")
    if style:
        compact = style.replace(" ", "").lower()
        return "display:none" in compact or "visibility:hidden" in compact
    return False


_LAYOUT_IN_CELL = ", ".join(f"{cell} {inner}" for cell in ("td", "th")
                            for inner in ("table", "ul", "ol", "div", "form", "iframe"))


def _table_block(node: LexborNode) -> str | None:
    """The text of a data table (one row a line, cells joined by " | "), or None for a
    table used for page layout (nested tables, long cells, a single column)."""
    # Layout tables hold other boxes in their cells: tables, lists, divisions, forms.
    if node.css_first(_LAYOUT_IN_CELL) is not None:
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


_BLOCK, _INLINE, _ANCHOR, _SKIP = 0, 1, 2, 3


def walk_blocks(body: LexborNode, *, max_nodes: int) -> Page:
    """Cut the visible text under ``body`` into blocks, in document order.

    lexbor's ``traverse`` yields nodes in document order from C, several times faster
    than stepping through children in Python; where each element ends is recovered by
    keeping a stack of open elements and popping until a node's parent is on top.
    Only block-level elements become ``Element`` records; inline ones only matter for
    links and hiding.
    """
    elements: list[Element] = []
    blocks: list[TextBlock] = []
    images: list[tuple[int, str, str]] = []
    context: list[str] = []  # open semantic tags, innermost last
    parts: list[str] = []  # text of the current run
    has_text = False  # the run holds more than whitespace (else it is not flushed)
    link_chars = 0
    links: list[tuple[str, str | None]] = []
    anchors: list[tuple[int, str | None]] = []  # open <a>: (start in parts, href)
    current = -1  # innermost open block-level element
    skipping = 0  # open elements whose subtree is ignored
    count = 0
    truncated = False
    # Open elements: (mem_id, role, element index); ``top`` is the innermost mem_id.
    stack: list[tuple[int, int, int]] = [(-1, _INLINE, -1)]
    top = -1

    def flush() -> None:
        nonlocal parts, link_chars, links, has_text
        has_text = False
        if parts:
            text = " ".join("".join(parts).split())
            if not text.isascii() and _INVISIBLE.search(text):
                text = " ".join(_INVISIBLE.sub("", text).split())
            if text and current >= 0:
                kind = context[-1] if context else "p"
                blocks.append(TextBlock(text, current, kind, min(link_chars, len(text)), links))
            parts = []
            for position, (_, href) in enumerate(anchors):
                anchors[position] = (0, href)
        link_chars = 0
        links = []

    def close_until(parent_id: int) -> int:
        """Close the open elements above ``parent_id``; return the new innermost id."""
        nonlocal current, skipping
        while len(stack) > 1:
            _, role, index = stack.pop()
            if role == _BLOCK:
                if has_text:
                    flush()
                element = elements[index]
                element.end = len(elements) - 1
                if element.tag in SEMANTIC_TAGS:
                    context.pop()
                current = element.parent
            elif role == _ANCHOR:
                start, href = anchors.pop()
                text = " ".join("".join(parts[start:]).split())
                if text:
                    links.append((text, href))
            elif role == _SKIP:
                skipping -= 1
            if stack[-1][0] == parent_id:
                break
        return stack[-1][0]

    # Hot loop: module-level names bound to locals (a local look-up is the cheapest).
    block_tags, semantic_tags, furniture_tags = BLOCK_TAGS, SEMANTIC_TAGS, FURNITURE_TAGS
    never_shown = NEVER_SHOWN_TAGS
    known_names, no_flags = _NAME_FLAGS, _NO_FLAGS
    inline, skip, anchor_role, block_role = _INLINE, _SKIP, _ANCHOR, _BLOCK
    body_id = body.mem_id
    for node in body.traverse(include_text=True):
        count += 1
        if count > max_nodes:
            truncated = True
            break
        tag = node.tag
        if tag == "-text":
            text = node.text_content or ""
            if not text or text.isspace():
                # Whitespace separates words wherever it belongs: no need to find
                # which element holds it (half of all text nodes are such).
                if text and not skipping and (has_text or not parts):
                    parts.append(" ")  # (one is enough while the run has no text)
                continue
            parent = node.parent  # (a text node is never the body)
            parent_id = parent.mem_id if parent is not None else -1
            if top != parent_id:
                if len(stack) > 2 and stack[-1][1] == inline and stack[-2][0] == parent_id:
                    stack.pop()  # the common case: one inline element ends
                    top = parent_id
                else:
                    top = close_until(parent_id)
            if not skipping:
                parts.append(text)
                has_text = True
                if anchors:
                    link_chars += len(text.strip())
            continue
        if tag is None or tag[0] in "-_!":
            # comments, doctype: the elements they follow are closed by the next node
            continue
        node_id = node.mem_id
        if node_id != body_id:
            parent = node.parent
            parent_id = parent.mem_id if parent is not None else -1
            if top != parent_id:
                if len(stack) > 2 and stack[-1][1] == inline and stack[-2][0] == parent_id:
                    stack.pop()
                    top = parent_id
                else:
                    top = close_until(parent_id)
        top = node_id  # every element below is pushed
        if skipping:
            stack.append((node_id, inline, -1))
            continue
        if tag in never_shown:
            skipping += 1
            stack.append((node_id, skip, -1))
            continue
        attributes = node.attributes
        flags = no_flags
        name = ""
        if attributes:
            name = attributes.get("class") or ""
            if "id" in attributes:
                name = f"{name} {attributes['id']}"
            if name:
                flags = known_names.get(name) or _name_flags(name)
            # Hover cards are inline boxes; and the body itself is never skipped (pages
            # hide it until their scripts have run, themes name it after their features).
            if node_id != body_id and (
                    flags[4] and tag not in block_tags
                    or ("hidden" in attributes or "aria-hidden" in attributes or "style" in attributes)
                    and _hidden(attributes)):
                skipping += 1
                stack.append((node_id, skip, -1))
                continue
        if tag not in block_tags:
            if tag == "a":
                anchors.append((len(parts), attributes.get("href")))
                stack.append((node_id, anchor_role, -1))
                continue
            if tag == "br":
                top = parent_id  # void: never a parent
                if current >= 0 and elements[current].tag == "p":
                    parts.append(" ")
                elif has_text:
                    flush()
                continue
            if tag == "img":
                top = parent_id
                # lazy-loading pages keep the real address in data-src, a placeholder in src
                src = (attributes.get("data-src") or attributes.get("data-lazy-src")
                       or attributes.get("src") or "")
                if src and not src.startswith("data:"):
                    images.append((current, src, attributes.get("alt") or ""))
                continue
            if not name or not _promoted(flags, elements[current].tag if current >= 0 else ""):
                stack.append((node_id, inline, -1))
                continue
            # An inline box named as a caption or furniture: read as a block of its own.
        if has_text:
            flush()
        index = len(elements)
        element = Element(tag, current, elements[current].depth + 1 if current >= 0 else 0)
        if tag in furniture_tags:
            element.furniture = tag
        if name:
            element.content_name, element.caption_name, element.comments, furniture, _ = flags
            if furniture and not element.furniture:
                element.furniture = name
        elements.append(element)
        if tag in ("pre", "table"):
            table = _table_block(node) if tag == "table" else None
            if tag == "pre" or table is not None:
                text = (node.text(deep=True) if tag == "pre" else table) or ""
                if text and text.strip():
                    blocks.append(TextBlock(text.strip("\n"), index, tag, 0))
                element.end = index
                skipping += 1
                stack.append((node_id, skip, -1))
                continue
        if tag in semantic_tags:
            context.append(tag)
        current = index
        stack.append((node_id, block_role, index))
    close_until(-1)  # the sentinel: closes everything
    return Page(elements, blocks, images, truncated)
