"""One block's fate in the HTML reader: kept or dropped, and why.

Its own module so that the passes over a page's decisions (``classify``, ``headings``)
share it without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from thresher.html.blocks import TextBlock
from thresher.models import BlockKind, BlockReason

__all__ = ["Decision"]


@dataclass(slots=True)
class Decision:
    """A block of the page, its kind and heading level, and the decision on it."""

    block: TextBlock
    kind: BlockKind
    level: int
    kept: bool
    reason: BlockReason
    #: The block is a pointer to other stories: its links belong in ``related``.
    related: bool = False
