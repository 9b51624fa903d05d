"""``thresher explain``: what was kept and dropped from one page, and why."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console

from thresher.cli.extract_cmd import read_article
from thresher.options import ExtractOptions
from thresher.report.explain import explain_html, explain_terminal

__all__ = ["explain_command"]


@click.command("explain")
@click.argument("path")
@click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write a self-contained HTML report to this file instead of printing.")
@click.option("--url", default=None, help="The page's URL.")
@click.option("--input", "input_kind", type=click.Choice(["auto", "html", "text"]), default="auto",
              show_default=True, help="What the input is: HTML, rendered text, or detect.")
def explain_command(path: str, html_path: Path | None, url: str | None, input_kind: str) -> None:
    """Show every block of the page at PATH (or - for stdin): kept or dropped, and why."""
    options = ExtractOptions(input=input_kind, explain=True)  # type: ignore[arg-type]
    article = read_article(path, url=url, options=options)
    if article is None:
        sys.exit(1)
    if html_path is not None:
        html_path.write_text(explain_html(article), encoding="utf-8")
        click.echo(f"wrote {html_path}", err=True)
    else:
        explain_terminal(article, Console(highlight=False))
