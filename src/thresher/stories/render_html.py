"""Diffs and stories as one self-contained HTML page (inline CSS, no scripts, no external assets).

The page opens from a file, an e-mail attachment or an archive years later and
looks the same: everything it needs is inside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from thresher.models import Article
from thresher.stories.align import Alignment, WordChange
from thresher.stories.diff import ArticleDiff
from thresher.stories.render_terminal import summary_line

__all__ = ["render_diff_html", "render_story_html"]

_CSS = """
body{font:16px/1.5 Georgia,'Times New Roman',serif;max-width:52rem;margin:2rem auto;padding:0 1rem;
color:#1d1d1f;background:#fff}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem;border-bottom:1px solid #ddd}
h3{font-size:1rem;margin:1rem 0 .25rem;font-family:system-ui,sans-serif;color:#555}
.meta,.summary{font-family:system-ui,sans-serif;font-size:.85rem;color:#555}
.unit{margin:.35rem 0;padding:.3rem .6rem;border-left:4px solid #ccc}
.unchanged,.trivial{color:#666}.added{border-color:#2a8a3e;background:#eaf7ec}
.deleted{border-color:#c0392b;background:#fbeceb}.edited{border-color:#d4a017;background:#fdf8e4}
.moved{border-color:#2471a3;background:#eaf2f8}
.op{display:inline-block;min-width:5.5rem;font:600 .7rem system-ui,sans-serif;text-transform:uppercase;
color:#555}
ins{background:#b8e6c1;text-decoration:none}del{background:#f5b7b1;color:#7b241c}
.version{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}
details>summary{cursor:pointer;font-family:system-ui,sans-serif}
"""


def _words(changes: tuple[WordChange, ...]) -> str:
    parts = []
    for change in changes:
        if change.op == "equal":
            parts.append(escape(change.b))
            continue
        if change.a:
            parts.append(f"<del>{escape(change.a)}</del>")
        if change.b:
            parts.append(f"<ins>{escape(change.b)}</ins>")
    return "".join(parts)


def _unit(unit: Alignment) -> str:
    text = unit.b if unit.b is not None else unit.a or ""
    body = _words(unit.words) if unit.words else escape(text)
    label = unit.op + (
        f" (was {unit.a_index + 1})" if unit.op == "moved" and unit.a_index is not None else ""
    )
    return f'<div class="unit {unit.op}"><span class="op">{escape(label)}</span> {body}</div>'


def _diff_body(diff: ArticleDiff) -> str:
    parts = [
        f'<p class="summary">{escape(summary_line(diff))}</p>',
        f"<h3>Headline</h3>{_unit(diff.headline)}",
    ]
    if diff.published_changed:
        parts.append(
            f'<p class="meta">Published: {escape(str(diff.published[0]))} → '
            f"{escape(str(diff.published[1]))}</p>"
        )
    if diff.captions:
        parts.append("<h3>Captions</h3>" + "".join(_unit(c) for c in diff.captions))
    parts.append("<h3>Body</h3>" + "".join(_unit(p) for p in diff.paragraphs))
    if diff.related:
        parts.append(
            "<h3>Related</h3>"
            + "".join(
                f'<div class="unit {"unchanged" if link.op == "unchanged" else link.op}">'
                f'<span class="op">{link.op}</span> {escape(link.text)}</div>'
                for link in diff.related
            )
        )
    return "\n".join(parts)


def _page(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head>\n<body>\n{body}\n</body></html>\n"
    )


def render_diff_html(diff: ArticleDiff, *, name_a: str = "a", name_b: str = "b") -> str:
    """One diff as a page."""
    title = diff.b.title or diff.a.title or "Diff"
    body = f'<h1>{escape(title)}</h1><p class="meta">{escape(name_a)} → {escape(name_b)}</p>' + _diff_body(
        diff
    )
    return _page(f"Diff: {title}", body)


def render_story_html(
    story_id: int, versions: Sequence[tuple[str, Article]], diffs: Sequence[ArticleDiff]
) -> str:
    """A story's versions in time order, each followed by the diff from the one before.

    ``versions`` holds ``(label, article)`` per version; ``diffs[i]`` goes from
    version ``i`` to version ``i + 1``. The first version is shown in full.
    """
    if len(diffs) != max(len(versions) - 1, 0):
        raise ValueError("need one diff between each two consecutive versions")
    title = next((a.title for _, a in reversed(versions) if a.title), None) or f"Story {story_id}"
    count = len(versions)
    parts = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">Story {story_id}: {count} version{"s" if count != 1 else ""}</p>',
    ]
    for index, (label, article) in enumerate(versions):
        parts.append(
            f'<section class="version" id="v{index + 1}"><h2>Version {index + 1}: {escape(label)}</h2>'
        )
        if index == 0:
            parts.append(
                f"<h3>{escape(article.title or '')}</h3>"
                + "".join(f'<p class="{block.kind}">{escape(block.text)}</p>' for block in article.blocks)
            )
        else:
            parts.append(f'<p class="meta">Changes since version {index}:</p>' + _diff_body(diffs[index - 1]))
        parts.append("</section>")
    return _page(f"Story {story_id}: {title}", "\n".join(parts))
