"""Diffs and stories as one self-contained HTML page (inline CSS, no scripts, no external assets).

The page opens from a file, an e-mail attachment or an archive years later and
looks the same: everything it needs is inside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from thresher.stories.align import Alignment, WordChange
from thresher.stories.diff import ArticleDiff
from thresher.stories.render_terminal import summary_line
from thresher.stories.store_access import StoredCapture, format_moment
from thresher.stories.versions import Version

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
.source a,.source code,.identical a,.identical code{overflow-wrap:anywhere;word-break:break-all}
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
    headline = diff.headline
    if diff.unrelated and headline.op == "edited":  # two stories: no word diff of their headlines
        headline_html = _unit(Alignment("deleted", 0, None, headline.a, None)) + _unit(
            Alignment("added", None, 0, None, headline.b)
        )
    else:
        headline_html = _unit(headline)
    parts = [
        f'<p class="summary{" unrelated" if diff.unrelated else ""}">{escape(summary_line(diff))}</p>',
        f"<h3>Headline</h3>{headline_html}",
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


def _origin(capture: StoredCapture) -> str:
    """The capture's source: a link when it is a URL, else the file path as text."""
    if capture.url and capture.url.startswith(("http://", "https://")):
        return f'<a href="{escape(capture.url, quote=True)}">{escape(capture.url)}</a>'
    return f"<code>{escape(capture.origin)}</code>"


def _version_meta(version: Version) -> str:
    first = version.first
    dates = []
    if first.article.published:
        dates.append(f"published {escape(format_moment(first.article.published))}")
    if first.captured_at:
        dates.append(f"captured {escape(format_moment(first.captured_at))}")
    parts = [
        f'<p class="meta source">Record {first.id}{", " if dates else ""}{", ".join(dates)}: '
        f"{_origin(first)}</p>"
    ]
    if len(version.captures) > 1:
        items = "".join(
            f"<li>record {c.id}"
            + (f", captured {escape(format_moment(c.captured_at))}" if c.captured_at else "")
            + f": {_origin(c)}</li>"
            for c in version.captures
        )
        parts.append(
            f'<div class="identical"><p class="meta">{len(version.captures)} identical captures:</p>'
            f'<ul class="meta">{items}</ul></div>'
        )
    return "".join(parts)


def render_story_html(story_id: int, versions: Sequence[Version], diffs: Sequence[ArticleDiff]) -> str:
    """A story's versions in time order, each followed by the diff from the one before.

    Each version names its source (URL or file) and dates, and lists the identical
    captures folded into it; ``diffs[i]`` goes from version ``i`` to version ``i + 1``.
    The first version is shown in full.
    """
    if len(diffs) != max(len(versions) - 1, 0):
        raise ValueError("need one diff between each two consecutive versions")
    latest = next((v.article.title for v in reversed(versions) if v.article.title), None)
    title = latest or f"Story {story_id}"
    count = len(versions)
    captures = sum(len(v.captures) for v in versions)
    folded = f" from {captures} captures" if captures != count else ""
    parts = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">Story {story_id}: {count} version{"s" if count != 1 else ""}{folded}</p>',
    ]
    for index, version in enumerate(versions):
        article = version.article
        parts.append(
            f'<section class="version" id="v{index + 1}"><h2>Version {index + 1}: '
            f"{escape(article.title or '(no headline)')}</h2>{_version_meta(version)}"
        )
        if index == 0:
            parts.append(
                "".join(f'<p class="{block.kind}">{escape(block.text)}</p>' for block in article.blocks)
            )
        else:
            parts.append(f'<p class="meta">Changes since version {index}:</p>' + _diff_body(diffs[index - 1]))
        parts.append("</section>")
    return _page(f"Story {story_id}: {title}", "\n".join(parts))
