"""``thresher extract``: pages in, articles out as text, Markdown or JSON Lines."""

from __future__ import annotations

import sys

import click

from thresher.cli.inputs import extract_input
from thresher.errors import ThresherError
from thresher.models import Article
from thresher.options import ExtractOptions
from thresher.render import article_to_text

__all__ = ["extract_command", "read_article"]


def read_article(path: str, *, url: str | None, options: ExtractOptions) -> Article | None:
    """Read and extract one input; on failure print one line on stderr and return None."""
    try:
        return extract_input(path, url=url, options=options)
    except ThresherError as error:
        click.echo(f"thresher: {path}: {error}", err=True)
    return None


def _render(article: Article, output_format: str) -> str:
    if output_format == "json":
        return article.to_json()
    if output_format == "markdown":
        return article.to_markdown().rstrip("\n")
    return article_to_text(article)


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "output_format", type=click.Choice(["text", "markdown", "json"]),
              default="text", show_default=True,
              help="Output: plain text, Markdown, or JSON (one object per line for several inputs).")
@click.option("--url", default=None, help="The page's URL (resolves links, adds evidence for the date).")
@click.option("--input", "input_kind", type=click.Choice(["auto", "html", "text"]), default="auto",
              show_default=True, help="What the inputs are: HTML, rendered text, or detect.")
@click.option("--explain", is_flag=True,
              help="With --format json: list every block, kept or dropped, with its reason.")
def extract_command(paths: tuple[str, ...], output_format: str, url: str | None,
                    input_kind: str, explain: bool) -> None:
    """Extract the article of each page in PATHS (files, http(s) URLs, or - for standard input).

    Exit status: 0 when every input was read, 1 when some failed (one line each on
    stderr), 2 for a usage error. A page with no article is not a failure: it prints
    an empty body (JSON has its empty_reason).
    """
    options = ExtractOptions(input=input_kind, explain=explain)  # type: ignore[arg-type]
    failures = 0
    # JSON Lines need no separator; people reading several articles need a visible one.
    separator = "" if output_format == "json" else "\n" + "-" * 72 + "\n\n"
    first = True
    for path in paths:
        article = read_article(path, url=url, options=options)
        if article is None:
            failures += 1
            continue
        if output_format != "json" and not article.text:
            click.echo(f"thresher: {path}: no article: {article.empty_reason}", err=True)
        if not first:
            sys.stdout.write(separator)
        sys.stdout.write(_render(article, output_format) + "\n")
        first = False
    sys.exit(1 if failures else 0)
