"""The data thresher produces: an ``Article`` made of ``Block``s, with its metadata.

Everything here is a frozen dataclass with tuple fields, so an article can be
hashed into sets, shared between threads and compared for equality, and its JSON
form loads back into an equal object.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from datetime import datetime
from enum import StrEnum
from typing import Any

__all__ = [
    "Article",
    "Block",
    "BlockKind",
    "BlockReason",
    "EmptyReason",
    "Image",
    "Inline",
    "InlineKind",
    "Link",
    "PageType",
    "Repair",
]


class BlockKind(StrEnum):
    """What a block of the body is; decides how it is rendered in Markdown."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    QUOTE = "quote"
    CAPTION = "caption"
    CODE = "code"
    TABLE = "table"


class BlockReason(StrEnum):
    """Why a block was kept or dropped, in a few words: one vocabulary for the HTML and
    the text reader, so ``explain`` and a corpus run can count reasons across both.
    Stable values."""

    # kept
    MAIN_TEXT = "main text"
    GALLERY_CAPTION = "gallery caption"
    PRODUCT_DESCRIPTION = "product description (JSON-LD)"
    PAGE_DESCRIPTION = "page description"
    # dropped: where the block stands
    OUTSIDE_ARTICLE = "outside the article"
    PAGE_FURNITURE = "page furniture"
    NAVIGATION = "navigation"
    SIDEBAR = "sidebar"
    FOOTER = "footer"
    SHARE_BOX = "newsletter/share box"
    PAGE_WIDGET = "page widget"
    ADVERTISING = "advertising"
    COMMENTS = "comments"
    RELATED_LINKS = "related links"
    TEASER = "teaser"
    # dropped: what the line is
    LINK_LIST = "link list"
    HEADLINE = "headline"
    ABOVE_HEADLINE = "above headline"
    BYLINE_DATE = "byline/date"
    CAPTION = "caption"
    PICTURE_CREDIT = "picture credit"
    TABLE = "table"
    CONTROL_LABEL = "control label"
    REPEATED_TEXT = "repeated text"
    BARE_ADDRESS = "bare web address"
    NOTICE = "notice"

    @classmethod
    def _missing_(cls, value: object) -> BlockReason | None:
        # Synonyms of a member read as the member (articles stored with them load).
        return _REASON_SYNONYMS.get(value) if isinstance(value, str) else None


_REASON_SYNONYMS = {
    "comment section": BlockReason.COMMENTS,
    "related link": BlockReason.RELATED_LINKS,
    "byline": BlockReason.BYLINE_DATE,
    "date line": BlockReason.BYLINE_DATE,
    "list item": BlockReason.MAIN_TEXT,
    "quotation": BlockReason.MAIN_TEXT,
    "subheading": BlockReason.MAIN_TEXT,
}


class PageType(StrEnum):
    """What a page exists to deliver, which decides what its content is."""

    ARTICLE = "article"
    FORUM = "forum"
    PRODUCT = "product"
    LISTING = "listing"
    COLLECTION = "collection"
    DOCUMENTATION = "documentation"
    SERVICE = "service"


class EmptyReason(StrEnum):
    """Why a page gave no body. Stable values, so a corpus run can count them."""

    EMPTY_INPUT = "empty input"
    NO_TEXT = "no visible text"
    NO_ARTICLE = "no article body found"
    FRAMESET = "frameset page: the text is in other documents"
    SCRIPT_ONLY = "page built by scripts: no text without running them"


class Repair(StrEnum):
    """What was cut from a page or mended in it before it was read, so that no input
    costs more than linear time and damaged markup does not hide the body. Stable
    values, so a corpus run can count them."""

    ATTRIBUTES_CUT = "attributes past the limit of one element dropped"
    OPTIONS_CUT = "options past the limit of one list dropped"
    FORMATTING_CUT = "formatting tags past the limit of open ones unwrapped"
    NESTING_CUT = "elements nested past max_depth unwrapped"
    NODES_CUT = "elements past max_nodes ignored"
    RAW_TEXT_CLOSED = "unclosed <title>, <script>, <style>, <textarea> or <xmp> closed"
    QUOTE_CLOSED = "unterminated attribute quote closed"


class InlineKind(StrEnum):
    """What a span of a block's text is, for the renderers that can show it."""

    LINK = "link"
    EMPHASIS = "emphasis"
    STRONG = "strong"
    CODE = "code"


@dataclass(frozen=True, slots=True)
class Inline:
    """A span ``text[start:end]`` of a block that is a link, emphasis or inline code.

    Recorded only on request (``ExtractOptions.include_links``/``include_formatting``),
    as offsets into ``Block.text`` so the plain text stays the one source of truth.
    """

    start: int
    end: int
    kind: InlineKind
    #: The link target (resolved against the page URL) for ``link`` spans, else None.
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"start": self.start, "end": self.end, "kind": str(self.kind)}
        if self.url is not None:
            data["url"] = self.url
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Inline:
        return cls(start=data["start"], end=data["end"], kind=InlineKind(data["kind"]), url=data.get("url"))


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of the page's text, with the decision taken about it and why.

    ``kept`` blocks make up ``Article.blocks``; with ``ExtractOptions(explain=True)``
    every block, kept or dropped, is also listed in page order in ``Article.decisions``.
    ``reason`` is the main reason for the decision (``BlockReason.LINK_LIST``).
    A table's ``text`` has one row per line, cells separated by `` | ``.
    """

    kind: BlockKind
    text: str
    kept: bool = True
    reason: BlockReason = BlockReason.MAIN_TEXT
    #: Heading level 1..6 for ``heading`` blocks, 0 otherwise.
    level: int = 0
    #: The number of a ``list_item`` in an ordered list (1, 2, …): steps keep their
    #: numbers in Markdown. 0 for a bulleted item and for other kinds.
    ordinal: int = 0
    #: Links and emphasis inside ``text``, in order of ``start``; empty unless asked for
    #: (``ExtractOptions.include_links``, ``include_formatting``).
    inline: tuple[Inline, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": str(self.kind),
            "text": self.text,
            "kept": self.kept,
            "reason": str(self.reason),
        }
        if self.level:
            data["level"] = self.level
        if self.ordinal:
            data["ordinal"] = self.ordinal
        if self.inline:
            data["inline"] = [span.to_dict() for span in self.inline]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Block:
        return cls(
            kind=BlockKind(data["kind"]),
            text=data["text"],
            kept=data.get("kept", True),
            reason=BlockReason(data.get("reason") or BlockReason.MAIN_TEXT),
            level=data.get("level", 0),
            ordinal=data.get("ordinal", 0),
            inline=tuple(Inline.from_dict(span) for span in data.get("inline") or ()),
        )


@dataclass(frozen=True, slots=True)
class Link:
    """A link kept out of the body: a "Read also" / related-story pointer."""

    text: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Image:
    """An image of the article, with its alternative text and caption when known."""

    url: str | None
    alt: str = ""
    caption: str = ""


@dataclass(frozen=True, slots=True)
class Article:
    """The clean article of one page.

    ``blocks`` is the body in reading order (no headline); ``text`` joins it.
    ``empty_reason`` is set exactly when the body is empty.
    """

    title: str | None = None
    authors: tuple[str, ...] = ()
    published: datetime | None = None
    site_name: str | None = None
    language: str | None = None
    url: str | None = None
    description: str | None = None
    #: When the page was last changed, as the publisher states it (``dateModified``,
    #: ``article:modified_time``); None when it does not say.
    modified: datetime | None = None
    #: The publisher's keywords and tags for the article, in the page's order.
    tags: tuple[str, ...] = ()
    #: The lead image the publisher chose for sharing (``og:image``, JSON-LD ``image``).
    image: str | None = None
    blocks: tuple[Block, ...] = ()
    related: tuple[Link, ...] = ()
    images: tuple[Image, ...] = ()
    empty_reason: str | None = None
    #: Every block of the page in page order, kept or dropped, each with its reason;
    #: filled only with ``ExtractOptions(explain=True)`` (it is what ``thresher explain`` shows).
    decisions: tuple[Block, ...] = ()
    #: Set when the body was taken from the text reader's second opinion on an HTML page
    #: (``ExtractOptions.second_opinion``): why it was preferred to the HTML reader's.
    second_opinion: str | None = None
    #: What was cut from the page or mended in it before reading (``Repair`` values),
    #: in the order it was done; empty for an ordinary page.
    repairs: tuple[str, ...] = ()
    #: The kind of page judged from its structure and markup (``PageType``), and the
    #: evidence for it in a few words.
    page_type: str = PageType.ARTICLE
    page_type_evidence: str = ""

    @property
    def text(self) -> str:
        """The body as plain text: one block per line, headline excluded."""
        return "\n".join(block.text for block in self.blocks)

    @property
    def is_empty(self) -> bool:
        """True when the page gave no body; ``empty_reason`` then says why."""
        return not self.blocks

    @property
    def discarded(self) -> tuple[Block, ...]:
        """The dropped blocks (needs ``explain=True``), with the reason for each."""
        return tuple(block for block in self.decisions if not block.kept)

    # ------------------------------------------------------------------ renderers
    def to_markdown(self) -> str:
        """The article as Markdown: headline, a metadata line, then the body."""
        from thresher.render import article_to_markdown

        return article_to_markdown(self)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; ``from_dict`` turns it back into an equal ``Article``."""
        data: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in ("blocks", "decisions"):
                value = [block.to_dict() for block in value]
            elif f.name == "related":
                value = [{"text": link.text, "url": link.url} for link in value]
            elif f.name == "images":
                value = [{"url": im.url, "alt": im.alt, "caption": im.caption} for im in value]
            elif f.name in ("authors", "tags"):
                value = list(value)
            elif f.name == "repairs":
                value = [str(item) for item in value]
            elif f.name in ("published", "modified"):
                value = value.isoformat() if value else None
            elif f.name in ("empty_reason", "page_type") and value is not None:
                value = str(value)
            data[f.name] = value
        data["text"] = self.text
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        published, modified = data.get("published"), data.get("modified")
        return cls(
            title=data.get("title"),
            authors=tuple(data.get("authors") or ()),
            published=datetime.fromisoformat(published) if published else None,
            site_name=data.get("site_name"),
            language=data.get("language"),
            url=data.get("url"),
            description=data.get("description"),
            modified=datetime.fromisoformat(modified) if modified else None,
            tags=tuple(data.get("tags") or ()),
            image=data.get("image"),
            blocks=tuple(Block.from_dict(b) for b in data.get("blocks") or ()),
            related=tuple(Link(text=r["text"], url=r.get("url")) for r in data.get("related") or ()),
            images=tuple(
                Image(url=i.get("url"), alt=i.get("alt", ""), caption=i.get("caption", ""))
                for i in data.get("images") or ()
            ),
            empty_reason=data.get("empty_reason"),
            page_type=data.get("page_type") or PageType.ARTICLE,
            page_type_evidence=data.get("page_type_evidence") or "",
            decisions=tuple(Block.from_dict(b) for b in data.get("decisions") or ()),
            second_opinion=data.get("second_opinion"),
            repairs=tuple(data.get("repairs") or ()),
        )

    def to_json(self, *, indent: int | None = None) -> str:
        """The article as one JSON object (one line unless ``indent`` is given)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, text: str) -> Article:
        """Load what ``to_json`` wrote: ``Article.from_json(a.to_json()) == a``."""
        return cls.from_dict(json.loads(text))
