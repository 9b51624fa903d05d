"""Show a person what extraction kept and dropped from one page, and why.

Both renderings read ``Article.decisions`` (filled by ``ExtractOptions(explain=True)``):
every block of the page in page order with its decision and main reason, so the reader
sees the article where it sat among the page chrome. When the body of an HTML page came
from the text reader's second opinion, its decisions are the text reader's, one per line
of the page's visible text, and both renderings say so first.
"""

from __future__ import annotations

import html
from collections import Counter

from rich.console import Console
from rich.text import Text

from thresher.models import Article, Block, BlockReason

__all__ = ["explain_html", "explain_terminal", "page_type_line", "reason_counts"]

_PREVIEW = 160


def reason_counts(article: Article) -> tuple[Counter[BlockReason], Counter[BlockReason]]:
    """(kept, dropped) block counts by reason."""
    kept: Counter[BlockReason] = Counter()
    dropped: Counter[BlockReason] = Counter()
    for block in article.decisions:
        (kept if block.kept else dropped)[block.reason] += 1
    return kept, dropped


def _preview(block: Block) -> str:
    text = " ".join(block.text.split())
    return text if len(text) <= _PREVIEW else text[: _PREVIEW - 1] + "…"


def page_type_line(article: Article) -> str:
    """The page's judged type and why: "forum (JSON-LD @type QAPage)"."""
    evidence = f" ({article.page_type_evidence})" if article.page_type_evidence else ""
    return f"{article.page_type}{evidence}"


def explain_terminal(article: Article, console: Console) -> None:
    """One line per block: a mark, its kind, the reason, and the start of its text."""
    if article.title:
        console.print(Text("title  ", style="bold") + Text(article.title))
    console.print(Text("type   ", style="bold") + Text(page_type_line(article)))
    if article.second_opinion:
        console.print(
            Text("body from the text reader (second opinion): ", style="bold magenta")
            + Text(article.second_opinion)
        )
    for block in article.decisions:
        mark, style = ("✓ keep", "green") if block.kept else ("✗ drop", "red")
        line = Text(f"{mark}  ", style=f"bold {style}")
        line.append(f"{block.kind:<10} ", style="cyan")
        line.append(f"[{block.reason}] ", style="yellow")
        line.append(_preview(block), style="" if block.kept else "dim")
        console.print(line, overflow="fold")
    kept, dropped = reason_counts(article)
    console.print(Text(f"\nkept {sum(kept.values())} blocks, dropped {sum(dropped.values())}", style="bold"))
    for reason, count in dropped.most_common():
        console.print(f"  dropped {count:>4} × {reason}")
    for repair in article.repairs:
        console.print(Text(f"before reading: {repair}", style="magenta"))
    if article.empty_reason:
        console.print(Text(f"no body: {article.empty_reason}", style="bold red"))


_STYLE = """
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.6rem;margin-bottom:.2rem} .meta{color:#555;margin-bottom:1rem}
.summary{background:#f4f4f4;padding:.6rem 1rem;border-radius:6px;margin-bottom:1.2rem}
.block{padding:.35rem .7rem;margin:.25rem 0;border-left:5px solid;border-radius:3px}
.keep{border-color:#2a8a3e;background:#eefaf0} .drop{border-color:#c0392b;background:#fbf0ef;color:#777}
.tag{font-size:.75rem;font-family:ui-monospace,monospace;margin-right:.5rem;padding:0 .3rem;
border-radius:3px;background:#fff;border:1px solid #ccc;color:#333}
label{margin-right:1rem} body.hide-dropped .drop{display:none}
"""


def explain_html(article: Article) -> str:
    """A self-contained HTML page (no external assets) of the decisions."""
    kept, dropped = reason_counts(article)
    esc = html.escape
    meta = " · ".join(
        filter(
            None,
            [
                ", ".join(article.authors),
                article.published.isoformat(sep=" ") if article.published else "",
                article.site_name or "",
                article.url or "",
            ],
        )
    )
    rows = []
    for block in article.decisions:
        css = "keep" if block.kept else "drop"
        rows.append(
            f'<div class="block {css}"><span class="tag">{"kept" if block.kept else "dropped"}'
            f'</span><span class="tag">{esc(str(block.kind))}</span>'
            f'<span class="tag">{esc(block.reason)}</span>'
            f"{esc(block.text).replace(chr(10), '<br>')}</div>"
        )
    summary = ", ".join(f"{count} {esc(reason)}" for reason, count in dropped.most_common())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>thresher explain: {esc(article.title or "page")}</title>
<style>{_STYLE}</style></head>
<body>
<h1>{esc(article.title or "(no title)")}</h1>
<div class="meta">{esc(meta)}</div>
<div class="meta">page type: {esc(page_type_line(article))}</div>
{
        f'<div class="summary">Body from the text reader (second opinion): '
        f"{esc(article.second_opinion)}.</div>"
        if article.second_opinion
        else ""
    }
<div class="summary">Kept <b>{sum(kept.values())}</b> blocks, dropped <b>{sum(dropped.values())}</b>
{f"({summary})" if summary else ""}.{
        f" No body: {esc(article.empty_reason)}." if article.empty_reason else ""
    }{"".join(f" Before reading: {esc(repair)}." for repair in article.repairs)}
<br><label><input type="checkbox" onchange="document.body.classList.toggle('hide-dropped', this.checked)">
hide dropped blocks</label></div>
{chr(10).join(rows)}
</body></html>
"""
