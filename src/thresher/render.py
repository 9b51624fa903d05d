"""Render an ``Article`` as plain text or Markdown for people to read."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from thresher.models import Article, Block, Inline

__all__ = ["article_to_markdown", "article_to_text", "byline", "nested_spans", "render_inline"]


def article_to_text(article: Article, *, related: bool = False) -> str:
    """Headline, then the body's blocks separated by blank lines, as a reader copies a page.

    With ``related``, each related-story link follows as a "Read also: …" line.
    """
    parts = [article.title] if article.title else []
    parts += [block.text for block in article.blocks]
    if related:
        parts += ["Read also: " + link.text for link in article.related]
    return "\n\n".join(parts)


def _when(published: datetime) -> str:
    """A date-only value (naive midnight, as metadata stores a bare day) prints as the day."""
    if published.tzinfo is None and published.time() == time():
        return published.date().isoformat()
    return published.isoformat(sep=" ", timespec="minutes")


def byline(article: Article) -> str:
    """ "By A, B · date · site", the parts the article has."""
    items = []
    if article.authors:
        items.append("By " + ", ".join(article.authors))
    if article.published:
        items.append(_when(article.published))
    if article.site_name:
        items.append(article.site_name)
    return " · ".join(items)


def nested_spans(text: str, spans: Sequence[Inline]) -> list[Inline]:
    """The spans that nest properly inside ``text``, outer ones first: a span crossing
    the boundary of one that starts before it is left out, since neither Markdown nor
    HTML can show both."""
    kept: list[Inline] = []
    open_ends: list[int] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if not 0 <= span.start < span.end <= len(text):
            continue
        while open_ends and open_ends[-1] <= span.start:
            open_ends.pop()
        if open_ends and span.end > open_ends[-1]:
            continue
        kept.append(span)
        open_ends.append(span.end)
    return kept


def render_inline(
    text: str, spans: Sequence[Inline], escape: Callable[[str], str], wrap: Callable[[Inline, str], str]
) -> str:
    """``text`` with each span's (escaped, rendered) content passed through ``wrap``."""
    if not spans:
        return escape(text)
    ordered = nested_spans(text, spans)

    def render(start: int, end: int, inner: list[Inline]) -> str:
        out: list[str] = []
        position = start
        index = 0
        while index < len(inner):
            span = inner[index]
            children = []
            index += 1
            while index < len(inner) and inner[index].start < span.end:
                children.append(inner[index])
                index += 1
            out.append(escape(text[position : span.start]))
            out.append(wrap(span, render(span.start, span.end, children)))
            position = span.end
        out.append(escape(text[position:end]))
        return "".join(out)

    return render(0, len(text), ordered)


_MARKDOWN_MARKS = {"emphasis": "*", "strong": "**", "code": "`"}


def _markdown_span(span: Inline, content: str) -> str:
    kind = str(span.kind)
    if kind == "link":
        if not span.url:
            return content
        # (an address with spaces or parentheses would end the link early unless bracketed)
        target = f"<{span.url}>" if any(char in span.url for char in " ()<>") else span.url
        return f"[{content}]({target})"
    mark = _MARKDOWN_MARKS[kind]
    # (emphasis marks must touch the words: "* word *" is not emphasis)
    stripped = content.strip()
    if not stripped:
        return content
    lead, trail = content[: len(content) - len(content.lstrip())], content[len(content.rstrip()) :]
    return f"{lead}{mark}{stripped}{mark}{trail}"


def _markdown_text(block: Block) -> str:
    return render_inline(block.text, block.inline, str, _markdown_span)


def _fence(text: str) -> str:
    """A code fence longer than any run of backticks inside the code."""
    longest = run = 0
    for char in text:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    return "`" * max(3, longest + 1)


def _block_markdown(block: Block) -> str:
    kind = str(block.kind)
    if kind == "code":
        fence = _fence(block.text)
        return f"{fence}\n{block.text}\n{fence}"
    if kind == "table":
        rows = [row.split(" | ") for row in block.text.splitlines()]
        width = max(len(row) for row in rows)
        lines = ["| " + " | ".join(row + [""] * (width - len(row))) + " |" for row in rows]
        lines.insert(1, "|" + " --- |" * width)
        return "\n".join(lines)
    text = _markdown_text(block)
    if kind == "heading":
        return "#" * min(max(block.level, 2), 6) + " " + text
    if kind == "list_item":
        return f"{block.ordinal}. {text}" if block.ordinal else "- " + text
    if kind == "quote":
        return "\n".join("> " + line for line in text.splitlines())
    if kind == "caption":
        return "*" + text + "*"
    return text


def article_to_markdown(article: Article, *, related: bool = True) -> str:
    """The article as Markdown; consecutive list items stay in one list. Links and
    emphasis show when the extraction recorded them (``Block.inline``); the related
    links close the article unless ``related`` is False."""
    out: list[str] = []
    if article.title:
        out.append("# " + article.title)
    line = byline(article)
    if line:
        out.append("*" + line + "*")
    previous_kind = None
    for block in article.blocks:
        rendered = _block_markdown(block)
        if previous_kind == "list_item" and str(block.kind) == "list_item":
            out[-1] += "\n" + rendered
        else:
            out.append(rendered)
        previous_kind = str(block.kind)
    if related and article.related:
        out.append(
            "**Related:**\n"
            + "\n".join(
                f"- [{link.text}]({link.url})" if link.url else f"- {link.text}" for link in article.related
            )
        )
    return "\n\n".join(out) + "\n"
