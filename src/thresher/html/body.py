"""The article body from the tree. (Placeholder: every <p>.)"""

from __future__ import annotations

from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

from thresher.models import Block, BlockKind, Image, Link
from thresher.options import ExtractOptions

__all__ = ["Body", "extract_body"]


@dataclass(frozen=True, slots=True)
class Body:
    blocks: tuple[Block, ...] = ()
    #: Every block in page order, kept and dropped, with its reason.
    decisions: tuple[Block, ...] = ()
    images: tuple[Image, ...] = ()
    related: tuple[Link, ...] = ()
    #: Set when the page has no body, to say why (e.g. a frameset or script-only page).
    empty_reason: str | None = None


def extract_body(tree: LexborHTMLParser, options: ExtractOptions) -> Body:
    blocks = tuple(Block(BlockKind.PARAGRAPH, text, reason="paragraph")
                   for node in tree.css("p") if (text := node.text(separator=" ", strip=True)))
    return Body(blocks=blocks)
