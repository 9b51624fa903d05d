"""An ``Article`` from what a reader found: the page's metadata and its body.

Both readers (HTML and rendered text) end the same way: what the page says about
itself, and the body with the decisions that made it, become one ``Article``. Doing it
in one place keeps the rules an article obeys in one place too: ``empty_reason`` is
set exactly when the body is empty, the decisions are kept only when asked for, the
URL given by the caller wins over the one the page claims. And when one reader's body
is taken over another's (the text reader's second opinion on an HTML page), the
metadata of the two is merged by one rule, ``fill_missing``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime

from thresher.models import Article, Block, EmptyReason, Image, Link, PageType

__all__ = ["PageBody", "PageMetadata", "assemble", "fill_missing"]


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """What a page says about itself; None/empty for what it does not say (``Article``'s
    fields of the same names)."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    published: datetime | None = None
    site_name: str | None = None
    language: str | None = None
    description: str | None = None
    url: str | None = None
    modified: datetime | None = None
    tags: tuple[str, ...] = ()
    image: str | None = None

    @classmethod
    def of(cls, article: Article) -> PageMetadata:
        """The metadata ``article`` carries."""
        return cls(**{name: getattr(article, name) for name in _METADATA_FIELDS})


_METADATA_FIELDS = tuple(field.name for field in fields(PageMetadata))


@dataclass(frozen=True, slots=True)
class PageBody:
    """The body a reader found, and what it learnt on the way (``Article``'s fields of
    the same names)."""

    blocks: tuple[Block, ...] = ()
    #: Every block in page order, kept and dropped, with its reason.
    decisions: tuple[Block, ...] = ()
    images: tuple[Image, ...] = ()
    related: tuple[Link, ...] = ()
    #: Why the body is empty, when it is and the reader knows better than "no article".
    empty_reason: str | None = None
    #: What was cut from the page or mended in it while reading.
    repairs: tuple[str, ...] = ()
    page_type: str = PageType.ARTICLE
    page_type_evidence: str = ""


def assemble(
    metadata: PageMetadata,
    body: PageBody,
    *,
    url: str | None,
    explain: bool,
    second_opinion: str | None = None,
) -> Article:
    """The article of ``metadata`` and ``body``. ``url`` is the address the caller gave
    (it wins over ``metadata.url``); ``explain`` keeps ``body.decisions``;
    ``second_opinion`` says why the body is another reader's, when it is."""
    return Article(
        title=metadata.title,
        authors=metadata.authors,
        published=metadata.published,
        site_name=metadata.site_name,
        language=metadata.language,
        url=url or metadata.url,
        description=metadata.description,
        modified=metadata.modified,
        tags=metadata.tags,
        image=metadata.image,
        blocks=body.blocks,
        related=body.related,
        images=body.images,
        empty_reason=None if body.blocks else (body.empty_reason or EmptyReason.NO_ARTICLE),
        decisions=body.decisions if explain else (),
        second_opinion=second_opinion,
        repairs=body.repairs,
        page_type=body.page_type,
        page_type_evidence=body.page_type_evidence,
    )


def fill_missing(metadata: PageMetadata, other: PageMetadata) -> PageMetadata:
    """``metadata`` with each field it lacks (None or empty) taken from ``other``: one
    reader's metadata stands, another's fills only its gaps."""
    return PageMetadata(
        **{name: getattr(metadata, name) or getattr(other, name) for name in _METADATA_FIELDS}
    )
