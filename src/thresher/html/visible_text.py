"""The text a browser shows for a parsed page, as its ``innerText`` gives it: the input
of the text reader, derived from the tree the HTML reader already parsed.

A browser lays out block boxes (paragraphs, headings, list items, divisions, table
rows) on lines of their own; ``innerText`` writes each on its own line, a paragraph
with a blank line before and after it, a ``<br>`` as a line break, the cells of a
table row on one line separated by tabs and the options of a menu one a line. What
is never laid out is left out: scripts, styles, templates, the head, text fields,
media fallbacks, elements hidden by the ``hidden`` attribute or by ``display:none`` in
their own style, the closed part of a ``<details>``. Whitespace collapses as CSS
collapses it, except inside ``<pre>``.
``aria-hidden`` is kept: it hides an element from screen readers, not from the eye.

Only the markup's own rules are known here (no style sheet is applied), the view a
browser gives of a captured page whose style sheets were not fetched, which is how
the text reader's training captures were made. ``<noscript>`` is shown for the same
reason: those captures were rendered with scripting off.

Images can be written as ``<image>src alt="…"</image>`` lines (the text reader's image
lines); ``innerText`` itself leaves them out.

The walk is the same kind as ``blocks.walk_blocks``'s: lexbor's child iterators (in C)
kept on a stack, nodes told apart by tag id, so no node is asked for its parent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

__all__ = ["visible_text"]

#: Elements laid out as blocks by a browser's default style sheet (``<p>`` apart).
_BLOCK_TAGS = frozenset(
    (
        "address article aside blockquote body center dd details dialog dir div dl dt fieldset figcaption "
        "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav ol search section "
        "summary ul legend caption table thead tbody tfoot listing plaintext xmp optgroup frameset frame "
        "select option"
    ).split()
)
#: Elements whose whitespace is preserved.
_PRE_TAGS = frozenset(["pre", "listing", "plaintext", "xmp"])
#: Elements never laid out as text, skipped with their subtree.
_SKIPPED_TAGS = frozenset(
    (
        "head title script style template meta link base iframe object embed video audio canvas svg math "
        "input textarea datalist map area source track param noframes dialog slot"
    ).split()
)

# What a node is to the walk, by tag id.
_INLINE, _SKIP, _BR, _IMG, _BLOCK, _PARAGRAPH, _PRE, _ROW, _CELL, _DETAILS = range(10)
# Element roles on the stack: what closing an element does.
_ROLE_INLINE, _ROLE_BLOCK, _ROLE_PARAGRAPH, _ROLE_ROW, _ROLE_CELL = range(5)

_SPACES = re.compile(r"[ \t\n\r\f]+")
_DISPLAY = re.compile(r"display\s*:\s*([a-z-]+)", re.I)
_NOTHING: Iterator[LexborNode] = iter(())


def _tag_ids() -> tuple[int, dict[int, int]]:
    """The text-node id and the walk's kind of every tag id named here (see
    ``blocks._tag_ids``: lexbor numbers the standard elements with small constants)."""
    parser = LexborHTMLParser("<body>x<!---->")
    assert parser.body is not None
    text, _ = (node.tag_id for node in parser.body.iter(include_text=True))
    first_element = parser.create_node("a").tag_id
    kinds = {tag_id: _SKIP for tag_id in range(first_element) if tag_id != text}

    def id_of(name: str) -> int:
        return parser.create_node(name).tag_id

    kinds |= {id_of(name): _SKIP for name in _SKIPPED_TAGS}
    kinds |= {id_of(name): _BLOCK for name in _BLOCK_TAGS}
    kinds |= {id_of(name): _PRE for name in _PRE_TAGS}
    kinds |= {
        id_of("p"): _PARAGRAPH,
        id_of("br"): _BR,
        id_of("img"): _IMG,
        id_of("tr"): _ROW,
        id_of("td"): _CELL,
        id_of("th"): _CELL,
        id_of("details"): _DETAILS,
    }
    return text, kinds


_TEXT_ID, _KINDS = _tag_ids()
_SUMMARY_ID = LexborHTMLParser("").create_node("summary").tag_id


def _display(style: str) -> str:
    """The ``display`` value an inline style sets, lower-cased ("" when none)."""
    found = _DISPLAY.findall(style)
    return found[-1].lower() if found else ""


def _image_line(attributes: dict[str, str | None]) -> str:
    src = attributes.get("data-src") or attributes.get("src") or ""
    alt = " ".join((attributes.get("alt") or "").split()).replace('"', "'")
    return f'<image>{src} alt="{alt}"</image>' if src or alt else ""


def visible_text(root: LexborNode | None, *, images: bool = False, max_nodes: int = 500_000) -> str:
    """The text of ``root`` (a page's ``<body>``, or any element) as a browser shows it:
    one line per block, a blank line around paragraphs. With ``images``, each image is an
    ``<image>…</image>`` line of its own. After ``max_nodes`` elements the rest is left out.
    """
    if root is None:
        return ""
    out: list[str] = []  # finished pieces of text, line breaks included
    line: list[str] = []  # the current line's pieces
    line_space = True  # the current line is empty or ends with a collapsible space
    pending = 0  # line breaks a block boundary asks for before the next text
    pre_depth = 0

    def push_text(text: str) -> None:
        nonlocal pending, line_space
        if pending:
            if out or line:
                end_line()
                out.append("\n" * (pending - 1))
            pending = 0
        if text:
            line.append(text)
            line_space = text[-1] == " "

    def end_line() -> None:
        nonlocal line_space
        text = "".join(line).rstrip(" ")
        out.append(text + "\n")
        line.clear()
        line_space = True

    def require(breaks: int) -> None:
        nonlocal pending
        if breaks > pending:
            pending = breaks

    kinds, text_id, summary_id = _KINDS, _TEXT_ID, _SUMMARY_ID
    inline_kind, skip_kind, br_kind, img_kind = _INLINE, _SKIP, _BR, _IMG
    block_kind, paragraph_kind, pre_kind, row_kind, cell_kind = _BLOCK, _PARAGRAPH, _PRE, _ROW, _CELL
    spaces = _SPACES
    # Open elements: (their parent's child iterator, role, whether it preserves whitespace,
    # cells seen in it so far when it is a row).
    stack: list[tuple[Iterator[LexborNode], int, bool, int]] = []
    children: Iterator[LexborNode] = iter((root,))
    role, preserves, cells = _ROLE_INLINE, False, 0
    count = 0
    while True:
        for node in children:
            tag_id = node.tag_id
            if tag_id == text_id:
                text = node.text_content
                if not text:
                    continue
                if pre_depth:
                    pieces = text.split("\n")
                    for k, piece in enumerate(pieces):
                        if k:
                            push_text("")
                            end_line()
                        if piece:
                            push_text(piece)
                    continue
                text = spaces.sub(" ", text)
                if text == " ":
                    if not line_space and not pending:
                        line.append(" ")
                        line_space = True
                    continue
                if line_space and text[0] == " ":
                    text = text[1:]
                if pending and text[0] == " ":
                    text = text[1:]
                push_text(text)
                continue
            kind = kinds.get(tag_id, inline_kind)
            if kind == skip_kind:
                continue
            count += 1
            if count > max_nodes:
                children = _NOTHING
                stack = [(_NOTHING, *element[1:]) for element in stack]
                break
            attributes = node.attributes
            display = ""
            if attributes:
                if "hidden" in attributes:
                    continue
                style = attributes.get("style")
                if style and "display" in style:
                    display = _display(style)
                    if display == "none":
                        continue
            if kind == br_kind:
                push_text("")
                end_line()
                continue
            if kind == img_kind:
                if images:
                    image = _image_line(attributes)
                    if image:
                        require(1)
                        push_text(image)
                        require(1)
                continue
            if display:  # an inline style changes how the element is laid out
                if display.startswith("inline") or display == "contents":
                    if kind not in (pre_kind, cell_kind):
                        kind = inline_kind
                elif kind == inline_kind:
                    kind = block_kind
            stack.append((children, role, preserves, cells))
            if kind == inline_kind:
                role = _ROLE_INLINE
                children = node.iter(include_text=True)
                break
            if kind == cell_kind:
                if stack[-1][1] == _ROLE_ROW:
                    previous = stack[-1]
                    if previous[3]:
                        push_text("\t")
                    stack[-1] = (previous[0], previous[1], previous[2], previous[3] + 1)
                role = _ROLE_CELL
            elif kind == row_kind:
                require(1)
                role, cells = _ROLE_ROW, 0
            elif kind == paragraph_kind:
                require(2)
                role = _ROLE_PARAGRAPH
            else:
                require(1)
                role = _ROLE_BLOCK
            preserves = kind == pre_kind
            if preserves:
                pre_depth += 1
            if kind == _DETAILS and not (attributes and "open" in attributes):
                children = (child for child in node.iter(include_text=False) if child.tag_id == summary_id)
            else:
                children = node.iter(include_text=True)
            break
        else:
            if role == _ROLE_PARAGRAPH:
                require(2)
            elif role != _ROLE_INLINE and role != _ROLE_CELL:
                require(1)
            if preserves:
                pre_depth -= 1
            if not stack:
                break
            children, role, preserves, cells = stack.pop()
    if line:
        end_line()
    return "".join(out).strip("\n")
