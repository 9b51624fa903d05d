"""What changed between two captures of a story: headline, body, captions, related links.

The body is aligned twice: by paragraph (what a reader sees as blocks) and by
sentence over the whole body (the unit of the NewsEdits study of news revisions,
so a sentence moved between paragraphs shows as moved). Inside an edited
paragraph its sentences are aligned again, and edited sentences carry word diffs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from thresher.models import Article, BlockKind, Link
from thresher.stories.align import Alignment, align, normalize, word_changes
from thresher.stories.sentences import split_sentences

__all__ = ["ArticleDiff", "LinkChange", "diff_articles"]


@dataclass(frozen=True, slots=True)
class LinkChange:
    """A related link: ``unchanged``, ``added`` or ``deleted`` (matched by its text)."""

    op: str
    text: str
    url: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"op": self.op, "text": self.text, "url": self.url}


@dataclass(frozen=True, slots=True)
class ArticleDiff:
    """The changes from capture ``a`` (older) to capture ``b`` (newer)."""

    a: Article
    b: Article
    headline: Alignment
    paragraphs: tuple[Alignment, ...]
    sentences: tuple[Alignment, ...]
    captions: tuple[Alignment, ...]
    related: tuple[LinkChange, ...]
    published: tuple[str | None, str | None]

    @property
    def published_changed(self) -> bool:
        """Both dates known and different (a missing date is no edit)."""
        a, b = self.published
        return a is not None and b is not None and a != b

    @property
    def identical(self) -> bool:
        """Nothing a reader would notice changed."""
        return not (
            self.headline.changed
            or self.published_changed
            or any(p.changed for p in self.paragraphs)
            or any(c.changed for c in self.captions)
            or any(link.op != "unchanged" for link in self.related)
        )

    def summary(self) -> dict[str, Any]:
        """Counts per operation: what the terminal header and the JSON ``summary`` show."""
        return {
            "headline": self.headline.op,
            "published": "changed" if self.published_changed else "unchanged",
            "paragraphs": dict(Counter(p.op for p in self.paragraphs)),
            "sentences": dict(Counter(s.op for s in self.sentences)),
            "captions": dict(Counter(c.op for c in self.captions)),
            "related": dict(Counter(link.op for link in self.related)),
            "identical": self.identical,
        }

    def to_dict(self) -> dict[str, Any]:
        def side(article: Article, published: str | None) -> dict[str, Any]:
            return {"title": article.title, "url": article.url, "published": published}

        return {
            "a": side(self.a, self.published[0]),
            "b": side(self.b, self.published[1]),
            "summary": self.summary(),
            "headline": self.headline.to_dict(),
            "paragraphs": [p.to_dict() for p in self.paragraphs],
            "sentences": [s.to_dict() for s in self.sentences],
            "captions": [c.to_dict() for c in self.captions],
            "related": [link.to_dict() for link in self.related],
        }


def _headline(a: str | None, b: str | None) -> Alignment:
    if not a and not b:
        return Alignment("unchanged", None, None, a, b)
    if not a:
        return Alignment("added", None, 0, a, b)
    if not b:
        return Alignment("deleted", 0, None, a, b)
    if a == b:
        return Alignment("unchanged", 0, 0, a, b)
    changes = word_changes(a, b)
    if all(change.op == "equal" for change in changes):
        return Alignment("trivial", 0, 0, a, b)
    return Alignment("edited", 0, 0, a, b, words=changes)


def _with_sentences(paragraph: Alignment) -> Alignment:
    """An edited paragraph with its sentences aligned inside it."""
    if paragraph.op not in ("edited", "moved") or not paragraph.words:
        return paragraph
    children = tuple(align(split_sentences(paragraph.a or ""), split_sentences(paragraph.b or "")))
    return Alignment(
        paragraph.op,
        paragraph.a_index,
        paragraph.b_index,
        paragraph.a,
        paragraph.b,
        words=paragraph.words,
        children=children,
    )


def _related(a: tuple[Link, ...], b: tuple[Link, ...]) -> tuple[LinkChange, ...]:
    old = {normalize(link.text).casefold(): link for link in a}
    new_keys = {normalize(link.text).casefold() for link in b}
    changes = [
        LinkChange("unchanged" if normalize(link.text).casefold() in old else "added", link.text, link.url)
        for link in b
    ]
    changes += [
        LinkChange("deleted", link.text, link.url) for key, link in old.items() if key not in new_keys
    ]
    return tuple(changes)


def _date(article: Article) -> str | None:
    return article.published.isoformat() if article.published else None


def diff_articles(a: Article, b: Article) -> ArticleDiff:
    """Compare two captures of one story, ``a`` the older.

    >>> from thresher.models import Block
    >>> old = Article(title="Storm nears", blocks=(Block(BlockKind.PARAGRAPH, "Winds rise."),))
    >>> new = Article(title="Storm hits", blocks=(Block(BlockKind.PARAGRAPH, "Winds rise."),))
    >>> d = diff_articles(old, new)
    >>> d.headline.op, [p.op for p in d.paragraphs]
    ('edited', ['unchanged'])
    """
    body_a = [block.text for block in a.blocks if block.kind != BlockKind.CAPTION]
    body_b = [block.text for block in b.blocks if block.kind != BlockKind.CAPTION]
    captions_a = [block.text for block in a.blocks if block.kind == BlockKind.CAPTION]
    captions_b = [block.text for block in b.blocks if block.kind == BlockKind.CAPTION]
    sentences_a = [s for text in body_a for s in split_sentences(text)]
    sentences_b = [s for text in body_b for s in split_sentences(text)]
    return ArticleDiff(
        a=a,
        b=b,
        headline=_headline(a.title, b.title),
        paragraphs=tuple(_with_sentences(p) for p in align(body_a, body_b)),
        sentences=tuple(align(sentences_a, sentences_b)),
        captions=tuple(align(captions_a, captions_b)),
        related=_related(a.related, b.related),
        published=(_date(a), _date(b)),
    )
