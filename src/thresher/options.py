"""``ExtractOptions``: every knob of one extraction, in one frozen object passed down.

Limits live here too, because bounding work is part of the contract: no input may
make ``extract()`` hang or exhaust memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["ExtractOptions", "InputKind"]

InputKind = Literal["auto", "html", "text"]


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """Options of ``extract()``; the defaults suit news and blog pages.

    Example: ``extract(page, options=ExtractOptions(input="text", explain=True))``.
    """

    #: What the input is: ``"html"``, ``"text"`` (a rendered-text capture) or ``"auto"``.
    input: InputKind = "auto"
    #: Keep comment sections (reader comments below a post) in the body.
    include_comments: bool = False
    #: Keep data tables in the body.
    include_tables: bool = True
    #: Keep image captions as ``caption`` blocks in the body. Off by default: a caption
    #: describes a picture, not the story (article-body references leave them out), and
    #: it is kept anyway in ``Article.images`` with its image.
    include_captions: bool = False
    #: Record the links inside the kept text as ``Block.inline`` spans, so Markdown and
    #: HTML output can show them (``[text](url)``). Off by default: plain text has no use
    #: for them, and recording them is work most callers do not want.
    include_links: bool = False
    #: Record emphasis (``<em>``, ``<strong>``, inline ``<code>``) as ``Block.inline``
    #: spans for Markdown and HTML output. Off by default, for the same reason.
    include_formatting: bool = False
    #: List every block, kept or dropped, in ``Article.decisions`` with its reason.
    explain: bool = False
    #: Inputs larger than this many bytes (after decoding, in UTF-8 characters) raise
    #: ``InputTooLargeError``.
    max_input_bytes: int = 64 * 1024 * 1024
    #: Elements nested deeper than this are unwrapped (text kept) before parsing, as
    #: browsers do, so pathological nesting costs linear time.
    max_depth: int = 512
    #: At most this many elements are examined; the rest of a gigantic page is ignored.
    max_nodes: int = 500_000
    #: Text captures with more lines than this raise ``InputTooLargeError``.
    max_lines: int = 200_000

    def __post_init__(self) -> None:
        if self.input not in ("auto", "html", "text"):
            raise ValueError(f"input must be 'auto', 'html' or 'text', not {self.input!r}")
        for name in ("max_input_bytes", "max_depth", "max_nodes", "max_lines"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive")
