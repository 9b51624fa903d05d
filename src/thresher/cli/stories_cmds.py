"""``thresher stories``, ``thresher diff`` and ``thresher story``: grouping captures and their changes."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from thresher.cli.inputs import extract_input
from thresher.errors import ThresherError
from thresher.models import Article
from thresher.options import ExtractOptions
from thresher.stories.diff import ArticleDiff, diff_articles
from thresher.stories.options import StoryOptions
from thresher.stories.render_html import render_diff_html, render_story_html
from thresher.stories.render_terminal import render_diff_text, summary_line
from thresher.stories.store_access import open_store, read_capture, read_story, story_of
from thresher.stories.store_grouping import group_store

__all__ = ["diff_command", "stories_command", "story_command"]

_DEFAULTS = StoryOptions()
#: A diff shows every change a reader could see, captions included.
_DIFF_EXTRACTION = ExtractOptions(include_captions=True)


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _fail(message: str) -> None:
    click.echo(f"thresher: {message}", err=True)
    sys.exit(1)


def _write(text: str, output: str | None) -> None:
    if output in (None, "-"):
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        Path(output).write_text(text, encoding="utf-8")


#: The grouping settings a user may tune: (name, type, help). Defaults come from StoryOptions.
_TUNING: list[tuple[str, type, str]] = [
    ("resemblance", float,
     "Body resemblance (Jaccard of word shingles) from which two captures are one story."),
    ("containment", float,
     "Share of the smaller body inside the larger from which they are one story."),
    ("candidate_threshold", float,
     "LSH threshold proposing pairs to verify (lower finds shorter partial captures)."),
    ("containment_candidates", float,
     "Estimated containment from which a short body is checked against longer ones "
     "(teasers, paywalled captures)."),
    ("headline_similarity", float,
     "Headline agreement that lets weaker body resemblance join, however far apart the captures are."),
    ("evidence_resemblance", float,
     "Body resemblance that suffices when the headlines agree."),
    ("headline_contradiction", float,
     "Headlines sharing less than this veto a join on containment alone (unless the shorter "
     "body opens the longer)."),
    ("chrome_resemblance", float,
     "A line recurring in captures that resemble each other less than this (and do not lie "
     "inside one another) is chrome, ignored."),
    ("chrome_containment", float,
     "Estimated containment from which two captures of a recurring line count as one story."),
    ("chrome_sample", int, "Captures of a recurring line compared to decide whether it is chrome."),
    ("num_perm", int, "MinHash permutations."),
]


def _tuning_options(command: Callable[..., None]) -> Callable[..., None]:
    """Add one ``--option`` per ``_TUNING`` row, in table order, defaulting to ``StoryOptions``."""
    for name, kind, help_text in reversed(_TUNING):
        default = getattr(_DEFAULTS, name)
        command = click.option(f"--{name.replace('_', '-')}", name, type=kind, default=default,
                               show_default=default is not None, help=help_text)(command)
    return command


@click.command("stories")
@click.option(
    "--store",
    "store_path",
    required=True,
    type=click.Path(dir_okay=False),
    help="The corpus store (SQLite) whose articles to group.",
)
@_tuning_options
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def stories_command(store_path: str, output_format: str, **tuning: Any) -> None:
    """Group the store's articles into stories and write a story id per article."""
    try:
        options = StoryOptions(**tuning)
    except ValueError as error:
        raise click.BadParameter(str(error)) from error
    try:
        result = group_store(store_path, options)
    except ThresherError as error:
        _fail(str(error))
        return
    if output_format == "json":
        click.echo(
            json.dumps(
                {
                    "articles": result.articles,
                    "stories": result.stories,
                    "multi_capture_stories": result.multi_capture_stories,
                }
            )
        )
    else:
        click.echo(
            f"{_count(result.articles, 'article', 'articles')} in "
            f"{_count(result.stories, 'story', 'stories')} "
            f"({result.multi_capture_stories} with more than one capture)"
        )


def _load(name: str, store_path: str | None) -> Article:
    """A diff operand: a capture file (HTML or text), else a record id of ``--store``."""
    if Path(name).is_file() or name == "-":
        try:
            return extract_input(name, options=_DIFF_EXTRACTION)
        except ThresherError as error:
            raise ThresherError(f"{name}: {error}") from error
    if name.isdigit():
        if store_path is None:
            raise ThresherError(f"{name}: no such file (give --store to read a store id)")
        with open_store(store_path) as store:
            return read_capture(store, int(name)).article
    raise ThresherError(f"{name}: no such file")


def _render(diff: ArticleDiff, output_format: str, color: bool, name_a: str, name_b: str) -> str:
    if output_format == "json":
        return json.dumps(diff.to_dict(), ensure_ascii=False)
    if output_format == "html":
        return render_diff_html(diff, name_a=name_a, name_b=name_b)
    return render_diff_text(diff, color=color, name_a=name_a, name_b=name_b)


@click.command("diff")
@click.argument("a")
@click.argument("b")
@click.option(
    "--store",
    "store_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Store for operands given as record ids.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
    help="Coloured terminal text, JSON, or a self-contained HTML page.",
)
@click.option("--output", "-o", default=None, help="Write to this file instead of standard output.")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: when a terminal).")
def diff_command(
    a: str, b: str, store_path: str | None, output_format: str, output: str | None, color: bool | None
) -> None:
    """What changed from capture A to capture B (files, or record ids with --store).

    Reports the headline change, then the body aligned by paragraph and sentence
    (unchanged, added, deleted, edited, moved) with word changes inside edits;
    whitespace and typography-only changes are trivial. Exit status 0 whether or
    not they differ, 1 when an operand cannot be read.
    """
    try:
        article_a, article_b = _load(a, store_path), _load(b, store_path)
    except ThresherError as error:
        _fail(str(error))
        return
    use_color = sys.stdout.isatty() if color is None else color
    if output not in (None, "-"):
        use_color = bool(color)
    _write(_render(diff_articles(article_a, article_b), output_format, use_color, a, b), output)


@click.command("story")
@click.argument("story_id", type=int)
@click.option(
    "--store",
    "store_path",
    required=True,
    type=click.Path(dir_okay=False),
    help="The corpus store, after `thresher stories`.",
)
@click.option(
    "--html",
    "html_path",
    default=None,
    type=click.Path(dir_okay=False),
    help="Write the story as a self-contained HTML page to this file.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="What to print on standard output.",
)
def story_command(story_id: int, store_path: str, html_path: str | None, output_format: str) -> None:
    """The versions of story STORY_ID in time order, with the diffs between them.

    STORY_ID may also be the id of any record of the story.
    """
    try:
        with open_store(store_path) as store:
            resolved = story_id
            member_story = story_of(store, story_id)
            if member_story is not None:
                resolved = member_story
            captures = read_story(store, resolved)
    except ThresherError as error:
        _fail(str(error))
        return
    diffs = [
        diff_articles(old.article, new.article) for old, new in zip(captures, captures[1:], strict=False)
    ]
    labels = [
        f"record {c.id}"
        + (f", captured {c.captured_at.isoformat()}" if c.captured_at else "")
        + (f", {c.url}" if c.url else "")
        for c in captures
    ]
    if html_path:
        versions = [(label, c.article) for label, c in zip(labels, captures, strict=True)]
        Path(html_path).write_text(render_story_html(resolved, versions, diffs), encoding="utf-8")
    if output_format == "json":
        click.echo(
            json.dumps(
                {
                    "story_id": resolved,
                    "versions": [
                        {
                            "record_id": c.id,
                            "url": c.url,
                            "captured_at": c.captured_at.isoformat() if c.captured_at else None,
                            "title": c.article.title,
                        }
                        for c in captures
                    ],
                    "diffs": [d.to_dict() for d in diffs],
                },
                ensure_ascii=False,
            )
        )
        return
    click.echo(f"Story {resolved}: {len(captures)} version{'s' if len(captures) != 1 else ''}")
    for index, (label, capture) in enumerate(zip(labels, captures, strict=True)):
        click.echo(f"  {index + 1}. {label}: {capture.article.title or '(no headline)'}")
        if index:
            click.echo(f"     {summary_line(diffs[index - 1])}")
