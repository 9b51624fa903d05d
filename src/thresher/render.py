"""Render an ``Article`` as plain text or Markdown for people to read."""

from __future__ import annotations

from datetime import datetime, time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from thresher.models import Article, Block

__all__ = ["article_to_markdown", "article_to_text"]


def article_to_text(article: Article) -> str:
    """Headline, a blank line, then the body; what ``thresher extract`` prints by default."""
    parts = [article.title] if article.title else []
    if article.text:
        parts.append(article.text)
    return "\n\n".join(parts)


def _when(published: datetime) -> str:
    """A date-only value (naive midnight, as metadata stores a bare day) prints as the day."""
    if published.tzinfo is None and published.time() == time():
        return published.date().isoformat()
    return published.isoformat(sep=" ", timespec="minutes")


def _byline(article: Article) -> str:
    items = []
    if article.authors:
        items.append("By " + ", ".join(article.authors))
    if article.published:
        items.append(_when(article.published))
    if article.site_name:
        items.append(article.site_name)
    return " · ".join(items)


def _block_markdown(block: Block) -> str:
    kind = str(block.kind)
    if kind == "heading":
        return "#" * min(max(block.level, 2), 6) + " " + block.text
    if kind == "list_item":
        return f"{block.ordinal}. {block.text}" if block.ordinal else "- " + block.text
    if kind == "quote":
        return "\n".join("> " + line for line in block.text.splitlines())
    if kind == "caption":
        return "*" + block.text + "*"
    if kind == "code":
        return "```\n" + block.text + "\n```"
    if kind == "table":
        rows = [row.split(" | ") for row in block.text.splitlines()]
        width = max(len(row) for row in rows)
        lines = ["| " + " | ".join(row + [""] * (width - len(row))) + " |" for row in rows]
        lines.insert(1, "|" + " --- |" * width)
        return "\n".join(lines)
    return block.text


def article_to_markdown(article: Article) -> str:
    """The article as Markdown; consecutive list items stay in one list."""
    out: list[str] = []
    if article.title:
        out.append("# " + article.title)
    byline = _byline(article)
    if byline:
        out.append("*" + byline + "*")
    previous_kind = None
    for block in article.blocks:
        rendered = _block_markdown(block)
        if previous_kind == "list_item" and str(block.kind) == "list_item":
            out[-1] += "\n" + rendered
        else:
            out.append(rendered)
        previous_kind = str(block.kind)
    if article.related:
        out.append("**Related:**\n" + "\n".join(
            f"- [{link.text}]({link.url})" if link.url else f"- {link.text}" for link in article.related))
    return "\n\n".join(out) + "\n"
