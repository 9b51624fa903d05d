"""Tell HTML from a rendered-text capture, for ``ExtractOptions(input="auto")``."""

from __future__ import annotations

import re

__all__ = ["detect_input_kind"]

# Elements every real page has some of. ``<image>`` is deliberately absent: text
# captures mark images with ``<image>…</image>`` lines.
_HTML_TAG = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|span|a\s|script|style|link|table|article"
    r"|section|br|li|ul|h[1-6]|img|frameset|iframe|!--)[\s>/]?",
    re.I,
)
_LEADING_SPACE = re.compile(r"\s*")
_HEAD = 65536  # characters looked at


def detect_input_kind(text: str) -> str:
    """Return ``"html"`` when ``text`` is markup, else ``"text"``.

    A page that starts with markup is HTML; otherwise it takes several known tags in
    the first 64 KiB, so a text capture quoting a tag or two stays text.
    """
    leading = _LEADING_SPACE.match(text, 0, _HEAD)  # (always matches; slicing would copy the page)
    start = leading.end() if leading else 0
    if text[start : start + 1] == "<" and _HTML_TAG.match(text, start, _HEAD):
        return "html"
    return "html" if len(_HTML_TAG.findall(text, 0, _HEAD)) >= 5 else "text"
