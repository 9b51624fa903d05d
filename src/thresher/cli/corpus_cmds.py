"""``thresher run``, ``thresher export`` and ``thresher stats``: corpus runs and their store."""

from __future__ import annotations

import json
import sys
from typing import Any

import click
from rich.console import Console
from rich.progress import Progress, ProgressColumn, SpinnerColumn, Task, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from thresher.cli.extract_options import content_flags, options_from_flags
from thresher.errors import ThresherError

__all__ = ["export_command", "run_command", "stats_command"]

_MAX_PROBLEM_LINES = 200


class _RateColumn(ProgressColumn):
    """Records per second over the last seconds (rich keeps the samples)."""

    def render(self, task: Task) -> Text:
        speed = task.speed
        return Text(f"{speed:,.1f} records/s" if speed else "… records/s", style="cyan")


def _say(console: Console, line: str) -> None:
    """``thresher: line`` on the console, never wrapped: one message is one line for grep,
    whatever the width rich assumes when stderr is no terminal."""
    console.print(f"thresher: {line}", markup=False, highlight=False, soft_wrap=True)


class _ProblemPrinter:
    """One line on stderr per problem, up to a cap, so a broken corpus cannot flood the terminal."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.count = 0

    def __call__(self, line: str) -> None:
        self.count += 1
        if self.count <= _MAX_PROBLEM_LINES:
            _say(self.console, line)
        elif self.count == _MAX_PROBLEM_LINES + 1:
            _say(self.console, "more problems not shown; `thresher stats` counts them all")


@click.command("run", short_help="Extract files, folders, WARC and JSON Lines into a resumable store.")
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--store",
    "store_path",
    default="thresher.db",
    show_default=True,
    help="The SQLite store to fill (created if missing).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (Dask: LocalCluster workers). Default: all cores.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: processes on this machine; dask: a Dask distributed cluster.",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="Dask scheduler address (tcp://host:8786); implies --engine dask. "
    "Without it, --engine dask starts a LocalCluster.",
)
@click.option("--force", is_flag=True, help="Re-extract records already in the store.")
@click.option("--retry-failed", is_flag=True, help="Re-extract records that failed before.")
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0, min_open=True),
    default=30.0,
    show_default=True,
    help="CPU seconds one record may take before it is recorded as failed "
    "(a worker stalled in C code is stopped after twice that plus 5 s).",
)
@click.option(
    "--quiet",
    "-q",
    is_flag=True,
    help="No progress bar (there is none when stderr is no terminal) and no problem lines.",
)
@click.option(
    "--warc",
    default=None,
    metavar="FILE.warc.gz",
    help="Where URL sources are fetched to (default: beside the store, named with the time).",
)
@content_flags
@click.option("--links", is_flag=True, help="Record the links of the text (Block.inline) in the store.")
def run_command(
    sources: tuple[str, ...],
    store_path: str,
    jobs: int | None,
    engine: str,
    scheduler: str | None,
    force: bool,
    retry_failed: bool,
    time_limit: float,
    quiet: bool,
    warc: str | None,
    links: bool,
    **flags: Any,
) -> None:
    """Extract every record of SOURCES into the store: files (.html, .htm, .txt, .gz), folders
    (recursive), glob patterns, WARC / WARC.gz archives, JSON Lines of {"url", "html"|"text"},
    and http(s) URLs of pages, sitemaps or feeds (fetched first into a WARC, as `thresher fetch` does).

    A second run over the same sources skips the records already done and finishes the rest.
    One run at a time per store: a second one refuses. Exit status: 0 when every record was
    read and extracted (empty pages included), 1 when some failed, a source was missing or the
    store failed, 2 for a usage error, 130 when interrupted (Ctrl-C, SIGTERM).
    """
    from thresher.cli.fetch_cmd import fetch_url_sources
    from thresher.corpus import run

    sources, fetched_all = fetch_url_sources(sources, store_path, warc, quiet)
    options = options_from_flags(flags, include_links=links)
    err = Console(stderr=True)
    problems = _ProblemPrinter(err)
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.completed:,.0f} records"),
        _RateColumn(),
        TextColumn("{task.fields[detail]}"),
        TimeElapsedColumn(),
        console=err,
        # Into a log or a pipe, stderr carries the problem lines alone.
        disable=quiet or not err.is_terminal,
        transient=False,
    )
    task = progress.add_task("run", total=None, detail="")

    def on_progress(summary: Any) -> None:
        progress.update(
            task,
            completed=summary.records,
            detail=f"[green]{summary.extracted:,} extracted[/] "
            f"[red]{sum(summary.failed.values()):,} failed[/] "
            f"{summary.skipped:,} skipped",
        )

    try:
        with progress:
            summary = run(
                sources,
                store=store_path,
                jobs=jobs,
                engine="dask" if scheduler else engine,
                scheduler=scheduler,
                force=force,
                retry_failed=retry_failed,
                time_limit=time_limit,
                on_problem=None if quiet else problems,
                on_progress=on_progress,
                options=options,
            )
    except ThresherError as error:
        _say(err, str(error))
        sys.exit(1)
    except KeyboardInterrupt:
        _say(err, "interrupted; committed records stay in the store, run again to finish")
        sys.exit(130)
    summary.render(Console())
    sys.exit(0 if summary.ok and fetched_all else 1)


@click.command("export", short_help="Write a store as JSON Lines, CSV, Parquet or Markdown.")
@click.option("--store", "store_path", default="thresher.db", show_default=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["jsonl", "parquet", "csv", "markdown"]),
    default="jsonl",
    show_default=True,
)
@click.option(
    "--output",
    "-o",
    default=None,
    metavar="FILE",
    help="Where to write (default: standard output; required for parquet).",
)
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(["extracted", "empty", "failed"]),
    help="Only rows with this status (repeatable). Default: all rows.",
)
def export_command(
    store_path: str, output_format: str, output: str | None, statuses: tuple[str, ...]
) -> None:
    """Write the rows of a store as JSON Lines, CSV, Parquet or Markdown (streamed)."""
    from thresher.corpus.export import export_rows
    from thresher.corpus.stats import story_counts, ungrouped_note
    from thresher.corpus.store import Store

    try:
        with Store(store_path, readonly=True) as store:
            note = ungrouped_note(story_counts(store))
            if note:
                click.echo(f"thresher: {note}", err=True)
            if output_format == "parquet" or output is None:
                count = export_rows(store, output_format, sys.stdout, output, statuses)
            else:
                with open(output, "w", encoding="utf-8", newline="") as handle:
                    count = export_rows(store, output_format, handle, None, statuses)
    except BrokenPipeError:  # the reader (| head) closed the pipe: not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except (ThresherError, OSError) as error:
        click.echo(f"thresher: {error}", err=True)
        sys.exit(1)
    if output:
        click.echo(f"thresher: wrote {count:,} records to {output}", err=True)


@click.command("stats", short_help="Counts of a store by status, reason and error kind.")
@click.option("--store", "store_path", default="thresher.db", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the counts as one JSON object.")
def stats_command(store_path: str, as_json: bool) -> None:
    """Counts of a store: records by status, empty reasons, failure kinds, duplicates, runs."""
    from thresher.corpus.stats import store_stats, ungrouped_note
    from thresher.corpus.store import Store

    try:
        with Store(store_path, readonly=True) as store:
            stats = store_stats(store)
    except ThresherError as error:
        click.echo(f"thresher: {error}", err=True)
        sys.exit(1)
    note = ungrouped_note(stats["stories"])
    if note:
        click.echo(f"thresher: {note}", err=True)
    if as_json:
        click.echo(json.dumps(stats, indent=2))
        return
    table = Table(
        title=f"{store_path}: {stats['records']:,} records from {stats['sources']:,} sources",
        title_justify="left",
    )
    table.add_column("")
    table.add_column("records", justify="right")
    for status, count in stats["by_status"].items():
        table.add_row(status, f"{count:,}")
        details = {"empty": stats["empty_reasons"], "failed": stats["failed_kinds"]}.get(status, {})
        for reason, n in details.items():
            table.add_row(f"  {reason}", f"{n:,}")
    table.add_row("identical content seen before", f"{stats['duplicates']:,}")
    table.add_row("distinct contents", f"{stats['distinct_contents']:,}")
    table.add_row("runs", f"{len(stats['runs']):,}")
    for status in ("running", "interrupted", "failed"):
        if count := sum(run["status"] == status for run in stats["runs"]):
            table.add_row(f"  {status}", f"{count:,}")
    stories = stats["stories"]
    table.add_row("stories", f"{stories['stories']:,}" if stories else "not grouped yet")
    if stories:
        table.add_row("  with more than one capture", f"{stories['multi_capture_stories']:,}")
        table.add_row("  records in no story yet", f"{stories['ungrouped_records']:,}")
    Console().print(table)
