"""A diff as terminal text: one line per unit, colours for insertions and deletions.

Without colour (a pipe, ``--no-color``) word changes are marked ``[-old-]{+new+}``
as in ``git diff --word-diff``, so the output stays readable in a log file.
"""

from __future__ import annotations

import click

from thresher.stories.align import Alignment, WordChange
from thresher.stories.diff import ArticleDiff

__all__ = ["render_diff_text", "summary_line", "unrelated_line"]

_SIGNS = {"unchanged": "=", "trivial": "≈", "edited": "~", "moved": ">", "added": "+", "deleted": "-"}
_PREVIEW = 72


def _inline(changes: tuple[WordChange, ...], color: bool) -> str:
    parts: list[str] = []
    for change in changes:
        if change.op == "equal":
            parts.append(change.b)
            continue
        if change.a:
            parts.append(click.style(change.a, fg="red", strikethrough=True) if color else f"[-{change.a}-]")
        if change.b:
            parts.append(click.style(change.b, fg="green", underline=True) if color else f"{{+{change.b}+}}")
    return "".join(parts)


def _preview(text: str) -> str:
    return text if len(text) <= _PREVIEW else text[: _PREVIEW - 1] + "…"


def _unit_line(unit: Alignment, color: bool, indent: str = "  ") -> list[str]:
    sign = _SIGNS[unit.op]
    tint = {"added": "green", "deleted": "red", "edited": "yellow", "moved": "cyan"}.get(unit.op)
    head = click.style(sign, fg=tint, bold=True) if color and tint else sign
    if unit.op in ("unchanged", "trivial"):
        return [f"{indent}{head} {_preview(unit.b or '')}"]
    if unit.op == "added":
        text = click.style(unit.b or "", fg="green") if color else unit.b or ""
        return [f"{indent}{head} {text}"]
    if unit.op == "deleted":
        text = click.style(unit.a or "", fg="red") if color else unit.a or ""
        return [f"{indent}{head} {text}"]
    where = f"(was {unit.a_index + 1}) " if unit.op == "moved" and unit.a_index is not None else ""
    body = _inline(unit.words, color) if unit.words else unit.b or ""
    return [f"{indent}{head} {where}{body}"]


def summary_line(diff: ArticleDiff) -> str:
    """``paragraphs: 8 unchanged, 1 edited; captions: 1 added; ...`` for one diff."""
    summary = diff.summary()
    if diff.unrelated:
        return unrelated_line(diff)
    parts = [f"headline {summary['headline']}"]
    for name in ("paragraphs", "sentences", "captions", "related"):
        counts = summary[name]
        if counts:
            parts.append(f"{name}: " + ", ".join(f"{n} {op}" for op, n in sorted(counts.items())))
    if diff.published_changed:
        parts.append("date changed")
    return "; ".join(parts)


def unrelated_line(diff: ArticleDiff) -> str:
    """What a diff of two different stories says instead of a list of edits."""
    paired = sum(1 for s in diff.sentences if s.a_index is not None and s.b_index is not None)
    old = sum(1 for s in diff.sentences if s.a_index is not None)
    new = sum(1 for s in diff.sentences if s.b_index is not None)
    return (
        f"these captures share almost nothing ({paired} of {min(old, new)} sentences in common): "
        "they are not versions of one story"
    )


def render_diff_text(diff: ArticleDiff, *, color: bool = False, name_a: str = "a", name_b: str = "b") -> str:
    """The whole diff as lines of text (no trailing newline)."""
    bold = (lambda text: click.style(text, bold=True)) if color else (lambda text: text)
    lines = [bold(f"--- {name_a}"), bold(f"+++ {name_b}"), summary_line(diff), ""]
    headline = diff.headline
    lines.append(bold(f"Headline ({diff.summary()['headline']})"))
    if diff.unrelated and headline.op == "edited":
        lines += [f"  - {headline.a}", f"  + {headline.b}"]
    elif headline.op == "edited":
        lines.append("  " + _inline(headline.words, color))
    elif headline.op != "unchanged" or headline.b:
        lines += _unit_line(headline, color)
    if diff.published_changed:
        lines += ["", bold("Published"), f"  {diff.published[0]} → {diff.published[1]}"]
    if diff.captions:
        lines += ["", bold("Captions")]
        for caption in diff.captions:
            lines += _unit_line(caption, color)
    lines += ["", bold("Body")]
    for paragraph in diff.paragraphs:
        lines += _unit_line(paragraph, color)
    if diff.related:
        lines += ["", bold("Related")]
        for link in diff.related:
            lines.append(f"  {_SIGNS[link.op]} {link.text}" + (f" <{link.url}>" if link.url else ""))
    return "\n".join(lines)
