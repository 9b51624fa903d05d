"""Tell HTML from a rendered-text capture, for ``ExtractOptions(input="auto")``."""

from __future__ import annotations

import re

__all__ = ["detect_input_kind"]

# Elements every real page has some of. ``<image>`` is deliberately absent: text
# captures mark images with ``<image>…</image>`` lines.
_HTML_TAG = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|span|a\s|script|style|link|table|article"
    r"|section|br|li|ul|h[1-6]|img|frameset|iframe|!--)[\s>/]?", re.I)


def detect_input_kind(text: str) -> str:
    """Return ``"html"`` when ``text`` is markup, else ``"text"``.

    A page that starts with markup is HTML; otherwise it takes several known tags in
    the first 64 KiB, so a text capture quoting a tag or two stays text.
    """
    head = text[:65536]
    stripped = head.lstrip()
    if stripped[:1] == "<" and _HTML_TAG.match(stripped):
        return "html"
    return "html" if len(_HTML_TAG.findall(head, 0)) >= 5 else "text"
