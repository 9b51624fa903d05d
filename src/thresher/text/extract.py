"""Text capture → ``Article``. (Placeholder until the line classifier lands.)"""

from __future__ import annotations

from thresher.models import Article, Block, BlockKind, EmptyReason
from thresher.options import ExtractOptions

__all__ = ["extract_text"]


def extract_text(text: str, *, url: str | None, options: ExtractOptions) -> Article:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    blocks = tuple(Block(BlockKind.PARAGRAPH, line, reason="text line") for line in lines)
    return Article(url=url, blocks=blocks, empty_reason=None if blocks else EmptyReason.NO_TEXT)
