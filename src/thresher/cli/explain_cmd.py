"""``thresher explain``: what was kept and dropped from one page, and why."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from thresher.cli.extract_cmd import read_article
from thresher.cli.extract_options import extraction_flags, options_from_flags

__all__ = ["explain_command"]


@click.command("explain")
@click.argument("path")
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write a self-contained HTML report to this file instead of printing.",
)
@click.option("--url", default=None, help="The page's URL.")
@extraction_flags
def explain_command(path: str, html_path: Path | None, url: str | None, **flags: Any) -> None:
    """Show every block of the page at PATH (or - for stdin): kept or dropped, and why."""
    from rich.console import Console

    from thresher.report.explain import explain_html, explain_terminal

    options = options_from_flags(flags, explain=True)
    article = read_article(path, url=url, options=options)
    if article is None:
        sys.exit(1)
    if html_path is not None:
        html_path.write_text(explain_html(article), encoding="utf-8")
        click.echo(f"wrote {html_path}", err=True)
    else:
        explain_terminal(article, Console(highlight=False))
