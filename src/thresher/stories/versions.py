"""A story's captures as the versions a reader tells apart.

Captures of one page often repeat: the same bytes fetched twice, or a page whose
markup changed (an advert, a counter) while the article did not. Listing each as a
version would show empty diffs, so consecutive captures that are byte-identical
(same content hash) or read the same (same headline, body, captions and links) are
folded into one version that lists them all. Only neighbours in time fold: a
story that went back to an earlier text shows the return as a version of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from thresher.models import Article
from thresher.stories.diff import diff_articles
from thresher.stories.store_access import StoredCapture

__all__ = ["Version", "fold_identical"]


@dataclass(frozen=True, slots=True)
class Version:
    """One version of a story: the captures that show it, the first of them representing it."""

    captures: tuple[StoredCapture, ...]

    @property
    def first(self) -> StoredCapture:
        return self.captures[0]

    @property
    def article(self) -> Article:
        return self.first.article

    def label(self) -> str:
        """The first capture's label, and how many identical captures the version folds."""
        label = self.first.label()
        if len(self.captures) > 1:
            label += f"; {len(self.captures)} identical captures"
        return label


def _same(a: StoredCapture, b: StoredCapture) -> bool:
    if a.content_hash and a.content_hash == b.content_hash:
        return True
    return diff_articles(a.article, b.article).identical


def fold_identical(captures: Sequence[StoredCapture]) -> list[Version]:
    """``captures`` (in version order) as versions, identical neighbours folded together."""
    groups: list[list[StoredCapture]] = []
    for capture in captures:
        if groups and _same(groups[-1][0], capture):
            groups[-1].append(capture)
        else:
            groups.append([capture])
    return [Version(tuple(group)) for group in groups]
