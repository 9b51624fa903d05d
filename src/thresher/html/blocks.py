"""One walk over the document tree that cuts its visible text into blocks.

A block is a run of inline text that a browser would lay out as one box: the text of
a ``<p>``, a heading, a list item, or the loose text of a ``<div>`` between two child
blocks. Each block remembers the element that owns it, how much of its text is link
text, and its links. Block-level elements are numbered in document order and
described by parallel lists (tag, parent, end of subtree, class/id string and the
vocabulary groups it names), so the walk creates no object per element and later
steps (choosing the article, dropping boilerplate) work on flat lists: the tree is
walked only once and no subtree is serialised to measure its text.

Data tables and ``<pre>`` are read whole when entered. Elements hidden by the page
(``hidden``, ``display:none``, ``aria-hidden`` but on a link; not a tab panel beside a
shown one) are not entered, nor are the never-shown elements ``clean`` leaves in place
(form inputs, media fallbacks).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from thresher.budget import UNLIMITED, Budget
from thresher.html.switches import enabled
from thresher.html.vocabulary import GROUP_BITS, name_groups

__all__ = [
    "CAPTION",
    "COMMENT",
    "CONTENT",
    "FURNITURE",
    "FURNITURE_TAGS",
    "HEADING_TAGS",
    "NEVER_SHOWN_TAGS",
    "Page",
    "TextBlock",
    "walk_blocks",
]

#: Heading elements, the titles of the page, its sections and its cards.
HEADING_TAGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
#: Elements a browser lays out as boxes: they end the current run of text.
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "caption",
        "legend",
    ]
)
#: Tags that tell what kind of text a block is, innermost first.
SEMANTIC_TAGS = frozenset(
    [
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "dt",
        "dd",
        "blockquote",
        "figcaption",
        "caption",
        "pre",
        "figure",
    ]
)
#: Elements never shown as text that ``clean`` leaves in the tree (they hold no text,
#: or only fallback text for old browsers): skipped with their subtree.
NEVER_SHOWN_TAGS = frozenset(
    ["input", "option", "link", "meta", "object", "embed", "canvas", "video", "audio", "map"]
)
#: Tags that are page furniture by definition.
FURNITURE_TAGS = frozenset(["nav", "aside", "footer", "form", "menu"])

#: Vocabulary groups of an element's class/id (bits of ``Page.groups``).
CONTENT, CAPTION, COMMENT, FURNITURE, POPUP = (
    GROUP_BITS[group] for group in ("content", "caption", "comment", "furniture", "popup")
)


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
    #: (start, end, kind, href) of the links and emphasis inside ``text``, as offsets
    #: into it; recorded only when ``walk_blocks`` is asked to (``record_links``,
    #: ``record_emphasis``).
    spans: list[tuple[int, int, str, str | None]] | None = None


@dataclass(slots=True)
class Page:
    """The blocks of a page and its block-level elements; element ``i`` is described by
    ``tags[i]``, ``parents[i]`` (-1 for the body, element 0), ``ends[i]`` (index of the
    last element of its subtree), ``names[i]`` (its class and id) and ``groups[i]`` (the
    vocabulary groups its class/id names: ``CONTENT``, ``CAPTION``, ``COMMENT``,
    ``FURNITURE`` bits; read only for elements holding blocks, 0 for the others, whose
    names decide nothing)."""

    tags: list[str]
    parents: list[int]
    ends: list[int]
    names: list[str]
    groups: list[int]
    blocks: list[TextBlock]
    #: (element index of the image's parent, src, alt) in document order.
    images: list[tuple[int, str, str]]
    #: The ``start`` attribute of the ``<ol>`` elements that have one, by element index.
    list_starts: dict[int, int] = field(default_factory=dict)
    #: The walk stopped at ``max_nodes`` elements.
    cut: bool = False

    def furniture(self, index: int) -> str:
        """What makes element ``index`` page furniture: its tag ("nav", "footer") or
        its class/id; "" when it is not."""
        tag = self.tags[index]
        if tag in FURNITURE_TAGS:
            return tag
        return self.names[index] if self.groups[index] & FURNITURE else ""

    def list_numbers(self, indexes: list[int]) -> list[int]:
        """For each element index, the number a browser shows before the list item at
        or above it when that item is in an ``<ol>`` (counting its ``<li>`` children
        from the list's ``start``, 1 by default), else 0. Each list is counted once."""
        tags, parents, ends = self.tags, self.parents, self.ends
        numbered: dict[int, dict[int, int]] = {}  # <ol> index -> {<li> index: number}
        numbers = []
        for index in indexes:
            item = index
            while item >= 0 and tags[item] != "li":
                item = parents[item]
            parent = parents[item] if item >= 0 else -1
            if parent < 0 or tags[parent] != "ol":
                numbers.append(0)
                continue
            if parent not in numbered:
                items: dict[int, int] = {}
                first = self.list_starts.get(parent, 1)
                child = parent + 1
                while child <= ends[parent]:
                    if tags[child] == "li":
                        items[child] = first + len(items)
                    child = ends[child] + 1
                numbered[parent] = items
            numbers.append(numbered[parent].get(item, 0))
        return numbers


#: Zero-width and soft-hyphen characters: invisible, yet not whitespace to str.split.
#: The walk checks its time budget each time this many elements (plus one) have been seen.
_BUDGET_EVERY = 4095
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def _normalised_lengths(parts: list[str], invisible: bool) -> list[int]:
    """For each boundary between ``parts``, the length the run's text has up to there
    once whitespace is collapsed (and, with ``invisible``, invisible characters
    dropped), as ``flush`` normalises it; counted part by part, in linear time."""
    lengths = [0]
    length = 0
    space_pending = False  # whitespace after the last word so far
    for part in parts:
        if invisible:
            part = _INVISIBLE.sub("", part)
        words = part.split()
        if words:
            joins_word = length and not space_pending and not part[0].isspace()
            length += (0 if joins_word or not length else 1) + sum(map(len, words)) + len(words) - 1
            space_pending = part[-1].isspace()
        elif part:
            space_pending = length > 0
        lengths.append(length)
    return lengths


def _span_offsets(
    parts: list[str], marks: list[tuple[int, int, str, str | None]], text: str
) -> list[tuple[int, int, str, str | None]]:
    """The marks of a run, recorded as (first part, end part, kind, href), as offsets
    into the run's normalised ``text``: a span starts at its first word and ends after
    its last; one holding only whitespace is left out."""
    raw = "".join(parts)
    prefixes = _normalised_lengths(parts, not raw.isascii() and _has_invisible(raw))
    spans = []
    for first, end, kind, href in marks:
        start, stop = prefixes[first], prefixes[end]
        if start and start < len(text) and text[start] == " ":
            start += 1
        if start < stop:
            spans.append((start, stop, kind, href))
    return spans


def _has_invisible(text: str) -> bool:
    """Whether ``text`` holds an ``_INVISIBLE`` character. Six substring tests: one in
    a string of Latin-1 text is a ``memchr``, and the five past U+00FF are answered
    from the string's width without a scan, where the regex tests every character."""
    return (
        "\u00ad" in text
        or "\u200b" in text
        or "\u200c" in text
        or "\u200d" in text
        or "\u2060" in text
        or "\ufeff" in text
    )


# class/id strings repeat within and across pages of a site: remember their reading.
_NAME_GROUPS: dict[str, int] = {}
#: Class prefixes that name the post's taxonomy, not the box's role: a publishing
#: system marks a post "tag-social-media category-advertising", words that would
#: otherwise read as furniture.
_TAXONOMY = ("tag-", "category-", "postid-", "format-", "status-")
_HAS_TAXONOMY = re.compile(r"(?:^|\s)(?:" + "|".join(_TAXONOMY) + ")")


#: Classes a post's wrapper carries beside its taxonomy that name the post, not a box:
#: its author's slug ("author-jane-doe"). Left out only beside taxonomy classes, where
#: they cannot be an author box's name.
_POST_CLASSES = _TAXONOMY + ("author-", "entry-author-")


def _name_groups(name: str) -> int:
    """The vocabulary group bits of a class/id string, taxonomy classes left out."""
    read = name
    for prefix in _TAXONOMY:  # (substring tests first: most names hold none)
        if prefix in read:
            if _HAS_TAXONOMY.search(read):
                strip = _POST_CLASSES if enabled("post-taxonomy") else _TAXONOMY
                read = " ".join(item for item in read.split() if not item.startswith(strip))
            break
    groups = name_groups(read)
    if len(_NAME_GROUPS) > 50_000:
        _NAME_GROUPS.clear()
    _NAME_GROUPS[name] = groups
    return groups


#: Block elements whose text runs are prose: inline furniture names inside them are
#: decoration (a "date" span in a sentence), not a box of their own.
_PROSE_TAGS = frozenset(["p", "li", "blockquote", "dd", "dt"]) | HEADING_TAGS


def _promoted(groups: int, block_tag: str) -> bool:
    """Whether an inline element is read as a block of its own: when its class/id
    names a caption (anywhere), or furniture or comments (outside prose elements)."""
    return bool(groups & CAPTION) or bool(groups & (COMMENT | FURNITURE)) and block_tag not in _PROSE_TAGS


#: Words of running text that names of boxes do not hold: an id holding one is slugged
#: from a heading ("more-on-lists", "how-to-share-a-file").
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "on",
        "to",
        "in",
        "for",
        "and",
        "or",
        "is",
        "are",
        "how",
        "what",
        "why",
        "when",
        "your",
        "you",
        "we",
        "our",
        "about",
        "from",
    ]
)
_SLUG_WORDS = 6


def _slugged(element_id: str) -> bool:
    """Whether an id is a heading's text made into a slug (a link target), which names
    no box: it holds a function word, or six words or more."""
    words = element_id.lower().replace("_", "-").split("-")
    return len(words) >= _SLUG_WORDS or not _FUNCTION_WORDS.isdisjoint(words)


#: (whether the ``aria-shown`` rule is on, read once per walk)
_ARIA_SHOWN = [True]


def _hidden(attributes: dict[str, str | None], link: bool = False) -> bool:
    """Whether the page hides the element from the eye. ``aria-hidden`` hides it from
    screen readers, and mostly from the eye too (a collapsed menu, a closed panel), but
    a link that screen readers skip is shown: it repeats a link beside it to the same
    place (a card's picture and summary link to the story its title links to)."""
    if "hidden" in attributes:
        return True
    if attributes.get("aria-hidden") == "true" and not (link and _ARIA_SHOWN[0] and "role" not in attributes):
        return True
    style = attributes.get("style")
    if style:
        compact = style.replace(" ", "").lower()
        return "display:none" in compact or "visibility:hidden" in compact
    return False


def _shown_tab_set(node: LexborNode, attributes: dict[str, str | None]) -> bool:
    """Whether a hidden element is a tab panel beside a shown one. A tab set shows one
    panel at a time, and which one is the reader's choice (a language of the code
    examples, a product's description or its specifications): the hidden panels are
    the same kind of text as the shown one, and the page's to read. A set with no
    panel shown is a closed menu, and stays hidden."""
    if attributes.get("role") != "tabpanel" or node.parent is None:
        return False
    for sibling in node.parent.iter():
        sibling_attributes = sibling.attributes
        if sibling_attributes.get("role") == "tabpanel" and not _hidden(sibling_attributes):
            return True
    return False


_LAYOUT_IN_CELL = ", ".join(
    f"{cell} {inner}" for cell in ("td", "th") for inner in ("table", "ul", "ol", "div", "form", "iframe")
)


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


def _list_start(value: str | None) -> int | None:
    """The number an ``<ol start="…">`` begins with, or None unless it is a positive
    integer of up to nine digits (``Block.ordinal`` 0 means "not numbered", so a list
    starting at 0 or below keeps the default count)."""
    text = (value or "").strip().removeprefix("+")
    if not text.isdigit() or not text.isascii() or len(text) > 9 or int(text) < 1:
        return None
    return int(text)


# What an open element is to the walk, which decides what closing it does: a
# semantic block is a block whose tag is on the context stack, a marked inline
# element one whose span is recorded (emphasis, when asked for).
_MARKED, _INLINE, _ANCHOR, _BLOCK, _SEMANTIC = range(-1, 4)
_NOTHING: Iterator[LexborNode] = iter(())


# What a node is to the walk, by its tag id (other elements are inline ones): the
# block-level kinds come last, <ol>, <pre> and <table> (read specially) last of all.
_SKIP, _INLINE_TAG, _A, _BR, _IMG, _BLOCK_TAG, _SEMANTIC_TAG, _OL, _PRE, _TABLE = range(10)


def _tag_ids() -> tuple[int, int, dict[int, str], dict[int, int]]:
    """The tag ids the walk tells nodes apart by: lexbor numbers the kinds of node
    (text, comment) and the standard elements with small constants (a custom element
    gets a number of its own per page), and reading a node's id builds no string,
    where its tag name is decoded anew at each read. Returns the ids of text nodes
    and of ``<body>``, the names of the block-level ids, and what each id is to the
    walk (``_KINDS``)."""
    parser = LexborHTMLParser("<body>x<!---->")
    assert parser.body is not None
    text, comment = (node.tag_id for node in parser.body.iter(include_text=True))
    assert text < comment < parser.create_node("a").tag_id
    ids = {
        name: parser.create_node(name).tag_id for name in BLOCK_TAGS | NEVER_SHOWN_TAGS | {"a", "br", "img"}
    }
    # (the ids of the other kinds of node, comments and processing instructions, come
    # before the elements', which start with <a>)
    kinds = {tag_id: _SKIP for tag_id in range(ids["a"]) if tag_id != text}
    kinds |= {ids[name]: _SKIP for name in NEVER_SHOWN_TAGS}
    kinds |= {ids[name]: _SEMANTIC_TAG if name in SEMANTIC_TAGS else _BLOCK_TAG for name in BLOCK_TAGS}
    kinds |= {
        ids["a"]: _A,
        ids["br"]: _BR,
        ids["img"]: _IMG,
        ids["ol"]: _OL,
        ids["pre"]: _PRE,
        ids["table"]: _TABLE,
    }
    return text, ids["body"], {ids[name]: name for name in BLOCK_TAGS}, kinds


_TEXT_ID, _BODY_ID, _BLOCK_NAMES, _KINDS = _tag_ids()


def _emphasis_ids() -> dict[int, str]:
    """The tag ids of the inline elements recorded as emphasis spans, with their kind."""
    parser = LexborHTMLParser("")
    kinds = {
        "em": "emphasis",
        "i": "emphasis",
        "cite": "emphasis",
        "strong": "strong",
        "b": "strong",
        "code": "code",
        "kbd": "code",
        "samp": "code",
        "tt": "code",
    }
    return {parser.create_node(name).tag_id: kind for name, kind in kinds.items()}


_EMPHASIS_IDS = _emphasis_ids()


def walk_blocks(
    body: LexborNode,
    *,
    max_nodes: int,
    record_links: bool = False,
    record_emphasis: bool = False,
    reveal: bool = False,
    budget: Budget = UNLIMITED,
) -> Page:
    """Cut the visible text under ``body`` into blocks, in document order.

    The walk descends with lexbor's iterators over each element's children (in C),
    keeping the iterators of the open elements on a stack: an element ends when its
    iterator does, so no node is asked for its parent, and a skipped element's
    subtree is never visited. Nodes are told apart by their tag id (``_KINDS``), and
    the iterators of block-level elements leave out whitespace-only text nodes,
    most of a page's text nodes. Only block-level elements are numbered; inline ones
    only matter for links and hiding. After ``max_nodes`` elements the walk stops,
    the open elements closed as if the page ended there; ``budget`` is checked every
    ``_BUDGET_EVERY`` elements. With ``reveal``, elements the page hides are read too
    (a page that hides itself until its scripts run).

    With ``record_links`` or ``record_emphasis``, each block also gets the spans of
    its links or emphasis (``TextBlock.spans``); without them the walk does no work
    for spans beyond one test per inline element.
    """
    tags: list[str] = []
    parents: list[int] = []
    ends: list[int] = []
    names: list[str] = []
    groups: list[int] = []
    blocks: list[TextBlock] = []
    images: list[tuple[int, str, str]] = []
    list_starts: dict[int, int] = {}
    context: list[str] = []  # open semantic tags, innermost last
    parts: list[str] = []  # text of the current run
    has_text = False  # the run holds more than whitespace (else it is not flushed)
    link_chars = 0
    links: list[tuple[str, str | None]] = []
    anchors: list[tuple[int, str | None]] = []  # open <a>: (start in parts, href)
    current = -1  # innermost open block-level element (the body's index, 0, once entered)
    # Spans, when asked for: (first part, end part, kind, href) of the current run's
    # closed links and emphasis, and (first part, kind) of the open emphasis elements.
    marks: list[tuple[int, int, str, str | None]] = []
    open_marks: list[tuple[int, str]] = []
    emphasis = _EMPHASIS_IDS if record_emphasis else {}

    def flush() -> None:
        nonlocal parts, link_chars, links, has_text
        has_text = False
        if parts:
            text = " ".join("".join(parts).split())
            if not text.isascii() and _has_invisible(text):
                text = " ".join(_INVISIBLE.sub("", text).split())
            if text:
                blocks.append(
                    TextBlock(
                        text, current, context[-1] if context else "p", min(link_chars, len(text)), links
                    )
                )
                if marks:
                    blocks[-1].spans = _span_offsets(parts, marks, text)
            if marks:
                marks.clear()
            parts = []
            if anchors:  # (a block inside a link: the link's text restarts)
                for position, (_, href) in enumerate(anchors):
                    anchors[position] = (0, href)
            if open_marks:
                for position, (_, kind) in enumerate(open_marks):
                    open_marks[position] = (0, kind)
        link_chars = 0
        links = []

    # Hot loop: module-level names bound to locals (a local look-up is the cheapest).
    kinds, block_names = _KINDS, _BLOCK_NAMES
    text_id, body_id = _TEXT_ID, _BODY_ID
    skip, inline_tag, a_tag, br_tag, img_tag = _SKIP, _INLINE_TAG, _A, _BR, _IMG
    block_tag, semantic_tag, ol_tag, pre_tag = _BLOCK_TAG, _SEMANTIC_TAG, _OL, _PRE
    known_names, popup = _NAME_GROUPS, POPUP
    inline_role, anchor_role, block_role, semantic_role = _INLINE, _ANCHOR, _BLOCK, _SEMANTIC
    marked_role = _MARKED
    # Open elements, outermost first: (their parent's child iterator, role, index).
    # The walk starts from an iterator over the body alone, as if it were its parent's.
    open_elements: list[tuple[Iterator[LexborNode], int, int]] = []
    children: Iterator[LexborNode] = iter((body,))
    role, index = inline_role, -1
    count = 0
    cut = False
    heading_ids = enabled("heading-ids")
    tab_panels = enabled("tab-panels")
    _ARIA_SHOWN[0] = enabled("aria-shown")
    while True:
        for node in children:
            if has_text and role >= block_role:
                # The children of a block skip whitespace-only text nodes (in C): one
                # just before this node separates it from the run's text.
                before = node.prev
                if before is not None and before.is_empty_text_node:
                    parts.append(" ")
            tag_id = node.tag_id
            if tag_id == text_id:
                text = node.text_content
                # (whitespace inside a run separates words; before its first text, nothing)
                if text and (has_text or not text.isspace()):
                    parts.append(text)
                    has_text = True
                    if anchors:
                        link_chars += len(text.strip())
                continue
            kind = kinds.get(tag_id, inline_tag)
            if kind == skip:
                continue  # comments; elements never shown
            count += 1
            if not count & _BUDGET_EVERY:
                budget.check("the walk over the page")
            if count > max_nodes:  # (the open elements end here)
                cut = True
                children = _NOTHING
                open_elements = [(_NOTHING, *element[1:]) for element in open_elements]
                break
            attributes = node.attributes
            name = ""
            if attributes:
                name = attributes.get("class") or ""
                if "id" in attributes:
                    element_id = attributes["id"] or ""
                    if not heading_ids or element_id.count("-") < 2 or not _slugged(element_id):
                        name = f"{name} {element_id}"
                if (
                    ("hidden" in attributes or "aria-hidden" in attributes or "style" in attributes)
                    and not reveal
                    and _hidden(attributes, kind == a_tag)
                    and tag_id != body_id
                    and not (tab_panels and _shown_tab_set(node, attributes))
                ):
                    continue  # (the body is never skipped: pages hide it until their scripts have run)
            if kind < block_tag:
                bits = 0
                if name:
                    known = known_names.get(name)
                    bits = _name_groups(name) if known is None else known
                    if bits & popup:
                        continue  # a hover card
                if kind == a_tag:
                    anchors.append((len(parts), attributes.get("href")))
                    open_elements.append((children, role, index))
                    children, role = node.iter(True), anchor_role
                    break
                if kind == br_tag:
                    if tags[current] == "p":
                        parts.append(" ")
                    elif has_text:
                        flush()
                    continue
                if kind == img_tag:
                    # lazy-loading pages keep the real address in data-src, a placeholder in src
                    src = (
                        attributes.get("data-src")
                        or attributes.get("data-lazy-src")
                        or attributes.get("src")
                        or ""
                    )
                    if src and not src.startswith("data:"):
                        images.append((current, src, attributes.get("alt") or ""))
                    continue
                if not bits or not _promoted(bits, tags[current]):
                    open_elements.append((children, role, index))
                    children, role = node.iter(True), inline_role
                    if emphasis and tag_id in emphasis:
                        open_marks.append((len(parts), emphasis[tag_id]))
                        role = marked_role
                    break
                # An inline box named as a caption or furniture: read as a block of its own.
                tag = node.tag or ""
                kind = block_tag
            else:
                tag = block_names[tag_id]
            if has_text:
                flush()
            new = len(tags)
            tags.append(tag)
            parents.append(current)
            ends.append(new)
            names.append(name)
            groups.append(0)  # (read when the element ends, if it holds text)
            if kind > semantic_tag:
                if kind == ol_tag:
                    start = _list_start(attributes.get("start"))
                    if start is not None:
                        list_starts[new] = start
                else:
                    table = _table_block(node) if kind != pre_tag else None
                    if kind == pre_tag or table is not None:
                        text = (node.text(deep=True) if kind == pre_tag else table) or ""
                        if text and text.strip():
                            blocks.append(TextBlock(text.strip("\n"), new, tag, 0))
                            if name:
                                known = known_names.get(name)
                                groups[new] = _name_groups(name) if known is None else known
                        continue
            current = new
            open_elements.append((children, role, index))
            children, index = node.iter(True, True), new
            if kind == semantic_tag:
                context.append(tag)
                role = semantic_role
            else:
                role = block_role
            break
        else:
            # the innermost open element has ended
            if role >= block_role:
                if has_text:
                    flush()
                ends[index] = len(tags) - 1
                # (blocks are in document order: the last one is this element's if any is)
                if names[index] and blocks and blocks[-1].owner >= index:
                    name = names[index]
                    known = known_names.get(name)
                    groups[index] = _name_groups(name) if known is None else known
                if role == semantic_role:
                    context.pop()
                current = parents[index]
            elif role == anchor_role:
                start, href = anchors.pop()
                text = " ".join("".join(parts[start:]).split())
                if text:
                    links.append((text, href))
                    if record_links:
                        marks.append((start, len(parts), "link", href))
            elif role == marked_role:
                start, mark = open_marks.pop()
                if start < len(parts):
                    marks.append((start, len(parts), mark, None))
            if not open_elements:
                break
            children, role, index = open_elements.pop()
    return Page(tags, parents, ends, names, groups, blocks, images, list_starts, cut)
