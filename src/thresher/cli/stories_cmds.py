"""``thresher stories``, ``thresher diff`` and ``thresher story``: grouping captures and their changes."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from thresher.cli.inputs import extract_input
from thresher.corpus.sources import file_kind
from thresher.corpus.stats import story_counts
from thresher.errors import ThresherError
from thresher.models import Article
from thresher.options import ExtractOptions
from thresher.stories.diff import ArticleDiff, diff_articles
from thresher.stories.options import StoryOptions
from thresher.stories.render_html import render_diff_html, render_story_html
from thresher.stories.render_terminal import render_diff_text, summary_line
from thresher.stories.store_access import (
    StorySummary,
    list_stories,
    open_store,
    read_capture,
    read_story,
    stale_note,
    story_of,
)
from thresher.stories.store_grouping import StoreGrouping, group_new_records, group_store
from thresher.stories.versions import fold_identical

__all__ = ["diff_command", "stories_command", "story_command"]

_DEFAULTS = StoryOptions()
#: Stories shown after grouping, unless --list shows them all.
_TOP = 10
_HEADLINE_WIDTH = 60


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
    (
        "resemblance",
        float,
        "Body resemblance (Jaccard of word shingles) from which two captures are one story.",
    ),
    ("containment", float, "Share of the smaller body inside the larger from which they are one story."),
    (
        "candidate_threshold",
        float,
        "LSH threshold proposing pairs to verify (lower finds shorter partial captures).",
    ),
    (
        "containment_candidates",
        float,
        "Estimated containment from which a short body is checked against longer ones "
        "(teasers, paywalled captures).",
    ),
    (
        "headline_similarity",
        float,
        "Headline agreement that lets weaker body resemblance join, however far apart the captures are.",
    ),
    ("evidence_resemblance", float, "Body resemblance that suffices when the headlines agree."),
    (
        "headline_contradiction",
        float,
        "Headlines sharing less than this veto a join on containment alone (unless the shorter "
        "body opens the longer).",
    ),
    (
        "chrome_resemblance",
        float,
        "A line recurring in captures that resemble each other less than this (and do not lie "
        "inside one another) is chrome, ignored.",
    ),
    (
        "chrome_containment",
        float,
        "Estimated containment from which two captures of a recurring line count as one story.",
    ),
    ("chrome_sample", int, "Captures of a recurring line compared to decide whether it is chrome."),
    (
        "story_capacity",
        int,
        "Captures a story usually has at most: a word sequence in more captures than this, of "
        "different stories, is not evidence.",
    ),
    ("num_perm", int, "MinHash permutations."),
]


def _tuning_options(command: Callable[..., None]) -> Callable[..., None]:
    """Add one ``--option`` per ``_TUNING`` row, in table order, defaulting to ``StoryOptions``."""
    for name, kind, help_text in reversed(_TUNING):
        default = getattr(_DEFAULTS, name)
        command = click.option(
            f"--{name.replace('_', '-')}",
            name,
            type=kind,
            default=default,
            show_default=default is not None,
            help=help_text,
        )(command)
    return command


def _warn_if_stale(store_path: str) -> None:
    """One line on stderr when records were added after the last grouping."""
    try:
        with open_store(store_path) as store:
            note = stale_note(store)
    except ThresherError:
        return
    if note:
        click.echo(f"thresher: {note}", err=True)


def _day(moment: datetime | None) -> str:
    return moment.date().isoformat() if moment is not None else "-"


def _story_table(stories: list[StorySummary]) -> list[str]:
    """The stories as aligned text columns: id, captures, first and last date, headline."""
    rows = [("story", "captures", "first", "last", "headline")]
    for story in stories:
        headline = story.headline or "(no headline)"
        if len(headline) > _HEADLINE_WIDTH:
            headline = headline[: _HEADLINE_WIDTH - 1] + "…"
        rows.append((str(story.id), str(story.captures), _day(story.first), _day(story.last), headline))
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    return [
        "  ".join(
            [
                row[0].rjust(widths[0]),
                row[1].rjust(widths[1]),
                row[2].ljust(widths[2]),
                row[3].ljust(widths[3]),
                row[4],
            ]
        ).rstrip()
        for row in rows
    ]


def _print_stories(
    store_path: str,
    grouping: StoreGrouping | None,
    stories: list[StorySummary],
    shown: int,
    output_format: str,
) -> None:
    top = stories[:shown] if shown else stories
    if output_format == "json":
        data: dict[str, Any] = {}
        if grouping is not None:
            data = {
                "articles": grouping.articles,
                "stories": grouping.stories,
                "multi_capture_stories": grouping.multi_capture_stories,
                "new_records": grouping.new_records,
            }
        data["largest" if shown else "all"] = [story.to_dict() for story in top]
        click.echo(json.dumps(data, ensure_ascii=False))
        return
    if grouping is not None:
        line = (
            f"{_count(grouping.articles, 'article', 'articles')} in "
            f"{_count(grouping.stories, 'story', 'stories')} "
            f"({grouping.multi_capture_stories} with more than one capture)"
        )
        if grouping.new_records:
            line += f"; {_count(grouping.new_records, 'new record', 'new records')} placed into them"
        click.echo(line)
    if not top:
        return
    if shown and len(stories) > shown:
        click.echo(
            f"\nThe {shown} largest stories (`thresher stories --list --store {store_path}` lists all):"
        )
    elif grouping is not None:
        click.echo("")
    for line in _story_table(top):
        click.echo(line)


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
@click.option(
    "--list",
    "list_all",
    is_flag=True,
    help="List every story of the last grouping (id, captures, dates, headline); group nothing.",
)
@click.option(
    "--top",
    type=click.IntRange(min=0),
    default=_TOP,
    show_default=True,
    help="How many of the largest stories to show after grouping (0: all).",
)
@click.option(
    "--regroup",
    is_flag=True,
    help="Group the whole store again, instead of placing only the records added "
    "since the last grouping into its stories.",
)
def stories_command(
    store_path: str, output_format: str, list_all: bool, top: int, regroup: bool, **tuning: Any
) -> None:
    """Group the store's articles into stories, write a story id per article, and show the largest.

    The first run groups the whole store. Later runs place only the records added since
    into the existing stories (a new record joins the stories it matches, or starts
    one), so story ids stay put; --regroup groups everything again.
    """
    try:
        options = StoryOptions(**tuning)
    except ValueError as error:
        raise click.BadParameter(str(error)) from error
    try:
        grouping: StoreGrouping | None = None
        if list_all:
            _warn_if_stale(store_path)
        else:
            with open_store(store_path) as store:
                counts = story_counts(store)
            if regroup or counts is None:
                grouping = group_store(store_path, options)
            elif counts["ungrouped_records"]:
                grouping = group_new_records(store_path, options)
            else:
                click.echo(
                    "thresher: no records added since the last grouping; --regroup groups "
                    "the whole store again",
                    err=True,
                )
        with open_store(store_path) as store:
            stories = list_stories(store)
    except ThresherError as error:
        _fail(str(error))
        return
    if grouping is None and not list_all:
        grouping = StoreGrouping(
            sum(s.captures for s in stories), len(stories), sum(1 for s in stories if s.captures > 1)
        )
    _print_stories(store_path, grouping, stories, 0 if list_all else top, output_format)


def _extraction(name: str) -> ExtractOptions:
    """Read a file as `thresher run` reads it (so file and store diffs agree): text captures
    (``.txt``) as text, pages as HTML, anything else by detection."""
    kind = file_kind(name)
    return ExtractOptions(input="text" if kind == "text" else "html" if kind == "html" else "auto")


def _load(name: str, store_path: str | None) -> tuple[Article, str]:
    """A diff operand and its label: a capture file (HTML or text), else a record id of ``--store``."""
    if Path(name).is_file() or name == "-":
        try:
            article = extract_input(name, options=_extraction(name))
        except ThresherError as error:
            raise ThresherError(f"{name}: {error}") from error
        return article, f"{name}: {article.title or '(no headline)'}"
    if name.isdigit():
        if store_path is None:
            raise ThresherError(f"{name}: no such file (give --store to read a store id)")
        with open_store(store_path) as store:
            capture = read_capture(store, int(name))
        return (
            capture.article,
            f"record {capture.id}: {capture.article.title or '(no headline)'} ({capture.origin})",
        )
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
    whitespace and typography-only changes are trivial. Two captures that share
    almost nothing are reported as such, not as edits. Exit status 0 whether or
    not they differ, 1 when an operand cannot be read.
    """
    try:
        (article_a, name_a), (article_b, name_b) = _load(a, store_path), _load(b, store_path)
    except ThresherError as error:
        _fail(str(error))
        return
    use_color = sys.stdout.isatty() if color is None else color
    if output not in (None, "-"):
        use_color = bool(color)
    _write(_render(diff_articles(article_a, article_b), output_format, use_color, name_a, name_b), output)


@click.command("story")
@click.argument("story_id", type=int, required=False)
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
def story_command(story_id: int | None, store_path: str, html_path: str | None, output_format: str) -> None:
    """The versions of story STORY_ID in time order, with the diffs between them.

    STORY_ID may also be the id of any record of the story; without it, every story
    is listed. Versions are ordered by publication date when the page gives one, else
    by capture time; identical captures in a row are folded into one version.
    """
    _warn_if_stale(store_path)
    try:
        with open_store(store_path) as store:
            if story_id is None:
                stories = list_stories(store)
            else:
                member_story = story_of(store, story_id)
                resolved = story_id if member_story is None else member_story
                captures = read_story(store, resolved)
    except ThresherError as error:
        _fail(str(error))
        return
    if story_id is None:
        _print_stories(store_path, None, stories, 0, output_format)
        return
    versions = fold_identical(captures)
    diffs = [
        diff_articles(old.article, new.article) for old, new in zip(versions, versions[1:], strict=False)
    ]
    if html_path:
        Path(html_path).write_text(render_story_html(resolved, versions, diffs), encoding="utf-8")
    if output_format == "json":
        click.echo(
            json.dumps(
                {
                    "story_id": resolved,
                    "captures": len(captures),
                    "versions": [
                        {
                            "record_id": version.first.id,
                            "url": version.first.url,
                            "source": version.first.source,
                            "captured_at": _iso(version.first.captured_at),
                            "published": _iso(version.article.published),
                            "title": version.article.title,
                            "identical_captures": [c.id for c in version.captures[1:]],
                        }
                        for version in versions
                    ],
                    "diffs": [d.to_dict() for d in diffs],
                },
                ensure_ascii=False,
            )
        )
        return
    folded = f" from {_count(len(captures), 'capture', 'captures')}" if len(captures) != len(versions) else ""
    click.echo(f"Story {resolved}: {_count(len(versions), 'version', 'versions')}{folded}")
    for index, version in enumerate(versions):
        click.echo(f"  {index + 1}. {version.article.title or '(no headline)'}")
        click.echo(f"     {version.label()}")
        for capture in version.captures[1:]:
            click.echo(f"       = {capture.label()}")
        if index:
            click.echo(f"     changes: {summary_line(diffs[index - 1])}")


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None
