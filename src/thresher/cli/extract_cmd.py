"""``thresher extract``: pages in, articles out as text, Markdown, JSON Lines or HTML."""

from __future__ import annotations

import sys
from collections import Counter
from typing import Any

import click

from thresher.cli.extract_options import extraction_flags, options_from_flags
from thresher.cli.inputs import extract_input
from thresher.errors import ThresherError
from thresher.models import Article
from thresher.options import ExtractOptions

__all__ = ["extract_command", "read_article"]

#: Formats that show links and emphasis, so the extraction records them for these only.
_MARKUP_FORMATS = frozenset(["markdown", "html"])


def read_article(path: str, *, url: str | None, options: ExtractOptions) -> Article | None:
    """Read and extract one input; on failure print one line on stderr and return None."""
    try:
        return extract_input(path, url=url, options=options)
    except ThresherError as error:
        click.echo(f"thresher: {path}: {error}", err=True)
    return None


def render(article: Article, output_format: str, *, source: str, related: bool) -> str:
    """One article in ``output_format``, without a trailing line break."""
    if output_format == "json":
        import json

        return json.dumps({"source": source, **article.to_dict()}, ensure_ascii=False)
    if output_format == "markdown":
        from thresher.render import article_to_markdown

        return article_to_markdown(article, related=related).rstrip("\n")
    if output_format == "html":
        from thresher.render_html import article_to_html

        return article_to_html(article, related=related).rstrip("\n")
    from thresher.render import article_to_text

    return article_to_text(article, related=related)


def language_of(article: Article) -> str | None:
    """The article's language (ISO 639-1, no region): the page's own, else guessed from the body."""
    if article.language:
        return article.language.split("-")[0].casefold()
    from thresher.text.language import guess_language

    return guess_language(block.text for block in article.blocks)


def skip_reason(article: Article, language: str | None, min_length: int) -> str | None:
    """Why a batch filter leaves ``article`` out, or None to keep it."""
    if min_length and len(article.text) < min_length:
        return f"shorter than {min_length:,} characters"
    if language and language_of(article) != language:
        return f"not in language {language!r}"
    return None


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown", "json", "html"]),
    default="text",
    show_default=True,
    help="Output: plain text, Markdown, JSON (one object per line, with its source) or a "
    "clean HTML document.",
)
@click.option("--url", default=None, help="The page's URL (resolves links, adds evidence for the date).")
@extraction_flags
@click.option(
    "--links",
    is_flag=True,
    help="Show the links of the text inline (Markdown and HTML; "
    "JSON lists them as `inline` spans of each block).",
)
@click.option(
    "--related", is_flag=True, help='Print the related-story links ("Read also: …") after the article.'
)
@click.option(
    "--language",
    default=None,
    metavar="CODE",
    help="Skip articles not in this language (ISO 639-1, e.g. en); the count goes to stderr.",
)
@click.option(
    "--min-length",
    type=click.IntRange(min=0),
    default=0,
    metavar="N",
    help="Skip articles whose body has fewer than N characters; the count goes to stderr.",
)
@click.option(
    "--explain", is_flag=True, help="With --format json: list every block, kept or dropped, with its reason."
)
def extract_command(
    paths: tuple[str, ...],
    output_format: str,
    url: str | None,
    links: bool,
    related: bool,
    language: str | None,
    min_length: int,
    explain: bool,
    **flags: Any,
) -> None:
    """Extract the article of each page in PATHS (files, http(s) URLs, or - for standard input).

    Exit status: 0 when every input was read, 1 when some failed (one line each on
    stderr), 2 for a usage error. A page with no article is not a failure: it prints
    an empty body (JSON has its empty_reason). Articles left out by --language or
    --min-length are not failures either: stderr counts them.
    """
    options = options_from_flags(
        flags,
        explain=explain,
        include_links=links and output_format != "text",
        include_formatting=output_format in _MARKUP_FORMATS,
    )
    wanted_language = language.split("-")[0].casefold() if language else None
    failures = 0
    skipped: Counter[str] = Counter()
    # JSON Lines need no separator, HTML documents start with their doctype; people
    # reading several articles need a visible one.
    separator = "" if output_format in ("json", "html") else "\n" + "-" * 72 + "\n\n"
    first = True
    for path in paths:
        article = read_article(path, url=url, options=options)
        if article is None:
            failures += 1
            continue
        reason = skip_reason(article, wanted_language, min_length)
        if reason:
            skipped[reason] += 1
            continue
        if output_format != "json" and not article.text:
            click.echo(f"thresher: {path}: no article: {article.empty_reason}", err=True)
        if not first:
            sys.stdout.write(separator)
        sys.stdout.write(render(article, output_format, source=path, related=related) + "\n")
        first = False
    if skipped:
        details = ", ".join(f"{count:,} {reason}" for reason, count in skipped.most_common())
        click.echo(
            f"thresher: skipped {sum(skipped.values()):,} of {len(paths):,} inputs ({details})", err=True
        )
    sys.exit(1 if failures else 0)
