"""Render an ``Article`` as a small, safe, self-contained HTML document.

Safe means the output can be opened or embedded without trusting the page it came
from: every piece of text is escaped, only a fixed set of plain elements is written
(no scripts, styles from the page, frames, forms or event attributes), links keep
only ``http``, ``https`` and ``mailto`` targets and carry ``rel="noopener nofollow"``,
and a Content-Security-Policy forbids scripts should anything slip through.
Self-contained means it loads nothing: images are left out (their captions can be
kept as caption blocks), and the policy forbids every fetch.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from thresher.render import byline, render_inline

if TYPE_CHECKING:
    from thresher.models import Article, Block, Inline

__all__ = ["article_to_html"]

_SAFE_SCHEMES = ("http://", "https://", "mailto:")
_TAGS = {"emphasis": "em", "strong": "strong", "code": "code"}
_STYLE = (
    "body{font:1.05rem/1.6 Georgia,serif;max-width:42rem;margin:2rem auto;padding:0 1rem}"
    "figcaption,.byline{color:#555;font-style:italic}table{border-collapse:collapse}"
    "td{border:1px solid #ccc;padding:.2rem .5rem}pre{overflow-x:auto}"
)
_POLICY = "default-src 'none'; style-src 'unsafe-inline'"


def _text(value: str) -> str:
    return escape(value, quote=True)


def safe_url(url: str | None) -> str | None:
    """``url`` when it is a web or mail address, else None (``javascript:``, ``data:`` …)."""
    if not url:
        return None
    stripped = url.strip()
    return stripped if stripped.lower().startswith(_SAFE_SCHEMES) else None


def _link(url: str | None, content: str) -> str:
    target = safe_url(url)
    if target is None:
        return content
    return f'<a href="{_text(target)}" rel="noopener nofollow">{content}</a>'


def _span(span: Inline, content: str) -> str:
    kind = str(span.kind)
    if kind == "link":
        return _link(span.url, content)
    tag = _TAGS[kind]
    return f"<{tag}>{content}</{tag}>"


def _inline(block: Block) -> str:
    return render_inline(block.text, block.inline, _text, _span)


def _block(block: Block) -> str:
    kind = str(block.kind)
    if kind == "heading":
        level = min(max(block.level, 2), 6)
        return f"<h{level}>{_inline(block)}</h{level}>"
    if kind == "quote":
        return f"<blockquote><p>{_inline(block)}</p></blockquote>"
    if kind == "caption":
        return f"<figure><figcaption>{_inline(block)}</figcaption></figure>"
    if kind == "code":
        return f"<pre><code>{_text(block.text)}</code></pre>"
    if kind == "table":
        rows = (
            "<tr>" + "".join(f"<td>{_text(cell)}</td>" for cell in row.split(" | ")) + "</tr>"
            for row in block.text.splitlines()
        )
        return "<table>" + "".join(rows) + "</table>"
    return f"<p>{_inline(block)}</p>"


def _body(blocks: tuple[Block, ...]) -> list[str]:
    """The blocks as elements; consecutive list items become one ``<ul>`` or ``<ol>``."""
    out: list[str] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if str(block.kind) != "list_item":
            out.append(_block(block))
            index += 1
            continue
        items = []
        ordered = block.ordinal > 0
        while (
            index < len(blocks)
            and str(blocks[index].kind) == "list_item"
            and (blocks[index].ordinal > 0) == ordered
        ):
            items.append(f"<li>{_inline(blocks[index])}</li>")
            index += 1
        opening = (
            f'<ol start="{block.ordinal}">'
            if ordered and block.ordinal != 1
            else ("<ol>" if ordered else "<ul>")
        )
        out.append(opening + "".join(items) + ("</ol>" if ordered else "</ul>"))
    return out


def article_to_html(article: Article, *, related: bool = False) -> str:
    """The article as one HTML document: headline, byline, body (with the links and
    emphasis the extraction recorded), and with ``related`` the related-story links."""
    language = f' lang="{_text(article.language)}"' if article.language else ""
    title = _text(article.title or "")
    head = [
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
    ]
    source = safe_url(article.url)
    if source:
        head.append(f'<link rel="canonical" href="{_text(source)}">')
    head.append(f"<style>{_STYLE}</style>")
    body: list[str] = []
    if article.title:
        body.append(f"<h1>{title}</h1>")
    line = byline(article)
    if line:
        body.append(f'<p class="byline">{_text(line)}</p>')
    body += _body(article.blocks)
    if related and article.related:
        items = "".join(f"<li>{_link(link.url, _text(link.text))}</li>" for link in article.related)
        body.append(f"<aside><h2>Read also</h2><ul>{items}</ul></aside>")
    return (
        "<!DOCTYPE html>\n"
        f"<html{language}>\n<head>\n"
        + "\n".join(head)
        + "\n</head>\n<body>\n<article>\n"
        + "\n".join(body)
        + "\n</article>\n</body>\n</html>\n"
    )
