"""Page metadata from the tree. (Placeholder: <title> and <html lang> only.)"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from selectolax.lexbor import LexborHTMLParser

__all__ = ["Metadata", "read_metadata"]


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: datetime | None = None
    site_name: str | None = None
    language: str | None = None
    description: str | None = None
    url: str | None = None


def read_metadata(tree: LexborHTMLParser, url: str | None) -> Metadata:
    title_node = tree.css_first("title")
    html_node = tree.css_first("html")
    return Metadata(
        title=title_node.text(strip=True) or None if title_node else None,
        language=(html_node.attributes.get("lang") or None) if html_node else None,
        url=url,
    )
