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
from thresher.stories.align import (
    DEFAULT_MIN_SIMILARITY,
    Alignment,
    align,
    normalize,
    similarity,
    word_changes,
)
from thresher.stories.sentences import split_sentences

__all__ = ["UNRELATED_SHARE", "ArticleDiff", "LinkChange", "captions", "diff_articles"]

#: Below this share of sentences in common, two captures are different stories.
UNRELATED_SHARE = 0.2


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
    def shared(self) -> float:
        """Share of the shorter body's sentences found again (unchanged, edited or moved)
        in the other body: 1.0 for a teaser inside its article, near 0 for two stories."""
        paired = sum(1 for s in self.sentences if s.a_index is not None and s.b_index is not None)
        sides = (
            sum(1 for s in self.sentences if s.a_index is not None),
            sum(1 for s in self.sentences if s.b_index is not None),
        )
        return paired / min(sides) if min(sides) else 1.0

    @property
    def unrelated(self) -> bool:
        """The two captures share almost nothing: no version of one story, so no edits to show.

        Bodies with almost no sentence in common, and headlines that do not read as one
        edited headline (a short page rewritten under its headline is still a version).
        """
        if self.shared >= UNRELATED_SHARE:
            return False
        a, b = self.headline.a, self.headline.b
        return not (a and b and similarity(a, b) >= DEFAULT_MIN_SIMILARITY)

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
            "unrelated": self.unrelated,
            "shared": round(self.shared, 3),
            "headline": "different" if self.unrelated and self.headline.changed else self.headline.op,
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


def _link_key(link: Link) -> str:
    """A link's text as compared: normalised, case-folded, without a leading ``Label:``.

    Captures of one page label the same teaser differently ("Read also: X" vs "X").
    """
    text = normalize(link.text).casefold()
    label, colon, rest = text.partition(": ")
    return rest if colon and len(label.split()) <= 3 and rest else text


def _same_link(a: Link, b: Link) -> bool:
    return _link_key(a) == _link_key(b) or bool(a.url and a.url == b.url)


def _related(a: tuple[Link, ...], b: tuple[Link, ...]) -> tuple[LinkChange, ...]:
    """Related links of ``b`` as unchanged or added, then those only in ``a`` as deleted."""
    matched: set[int] = set()
    changes = []
    for link in b:
        match = next((i for i, old in enumerate(a) if i not in matched and _same_link(old, link)), None)
        if match is not None:
            matched.add(match)
        changes.append(LinkChange("added" if match is None else "unchanged", link.text, link.url))
    changes += [LinkChange("deleted", link.text, link.url) for i, link in enumerate(a) if i not in matched]
    return tuple(changes)


def captions(article: Article) -> list[str]:
    """The captions of an article: caption blocks of the body, then captions kept with its images.

    An extraction without ``include_captions`` (the corpus store's) keeps them with the
    images; one with it puts them in the body. Either way the diff sees the same captions.
    """
    found = [block.text for block in article.blocks if block.kind == BlockKind.CAPTION]
    seen = {normalize(text) for text in found}
    for image in article.images:
        key = normalize(image.caption) if image.caption else ""
        if key and key not in seen:
            found.append(image.caption)
            seen.add(key)
    return found


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
    captions_a, captions_b = captions(a), captions(b)
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
