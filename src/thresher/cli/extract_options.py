"""The command-line flags of ``ExtractOptions``, written once for every command that extracts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

__all__ = ["content_flags", "extraction_flags", "options_from_flags"]

F = TypeVar("F", bound=Callable[..., Any])

_INPUT_FLAG = click.option(
    "--input",
    "input_kind",
    type=click.Choice(["auto", "html", "text"]),
    default="auto",
    show_default=True,
    help="What the inputs are: HTML, rendered text, or detect.",
)
_CONTENT_FLAGS = [
    click.option(
        "--captions",
        is_flag=True,
        help="Keep image captions in the body (they are always listed with the images in JSON).",
    ),
    click.option("--comments", is_flag=True, help="Keep reader comment sections in the body."),
    click.option(
        "--tables/--no-tables", default=True, show_default=True, help="Keep data tables in the body."
    ),
]


def content_flags(command: F) -> F:
    """Add ``--captions``, ``--comments`` and ``--tables/--no-tables``: what the body keeps."""
    for flag in reversed(_CONTENT_FLAGS):
        command = flag(command)
    return command


def extraction_flags(command: F) -> F:
    """Add ``--input`` and the ``content_flags``."""
    return _INPUT_FLAG(content_flags(command))


def options_from_flags(flags: dict[str, Any], **extra: Any) -> Any:
    """The ``ExtractOptions`` of the flags ``extraction_flags`` added (popped from ``flags``)."""
    from thresher.options import ExtractOptions

    return ExtractOptions(
        input=flags.pop("input_kind", "auto"),
        include_captions=flags.pop("captions"),
        include_comments=flags.pop("comments"),
        include_tables=flags.pop("tables"),
        **extra,
    )
