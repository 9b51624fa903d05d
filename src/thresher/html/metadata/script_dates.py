"""Publication times in the JSON state of script-rendered pages.

Pages built by JavaScript frameworks ship their content as JSON inside ``<script>``
(hydration state, embedded API responses), where the article's time sits under keys
such as ``publishedAt``, ``published_at``, ``publishedDate`` or ``datePublished``.
Only these key names are looked for, the values go through the ISO date parser, and
this is a last resort before the URL: such blobs also hold times of other objects.
"""

from __future__ import annotations

import re
from datetime import datetime

from selectolax.lexbor import LexborNode

from thresher.dates import parse_date
from thresher.html.nodes import raw_text

__all__ = ["find_script_date"]

# (The leading quote is written as an alternation, not as \\?", so that the regex engine
# can skip to the next quote or backslash instead of trying the pattern at every position.)
_KEY_VALUE = re.compile(
    r'(?:\\"|")(?:published_?at|published_?date|publish_?date|publication_?date|date_?published|'
    r'first_?published_?(?:at|date)?|created_?at)\\?"\s*:\s*\\?"([^"\\]{8,40})\\?"',
    re.IGNORECASE,
)
_MAX_SCRIPT_CHARS = 2_000_000
# Every key above holds "publi" or "created"; a script holding neither (most of them) is
# skipped after a plain substring search, which is many times cheaper than the
# case-insensitive regex. The dotless ı is the one letter the regex's case folding
# matches to a letter of these parts ("i") that ``str.lower`` does not turn into it.
_KEY_PARTS = ("publi", "created")


def _may_hold_key(text: str) -> bool:
    lowered = text.lower()
    return any(part in lowered for part in _KEY_PARTS) or "\u0131" in text


def find_script_date(scripts: list[LexborNode]) -> datetime | None:
    """The first publication-like time in the scripts of the page, preferring "published"."""
    created: datetime | None = None
    budget = _MAX_SCRIPT_CHARS
    for script in scripts:
        if budget <= 0:
            break
        text = raw_text(script)
        if not text:
            continue
        text = text[:budget]
        budget -= len(text)
        if not _may_hold_key(text):
            continue
        for match in _KEY_VALUE.finditer(text):
            moment = parse_date(match[1])
            if moment is None:
                continue
            if "creat" not in match[0].casefold():
                return moment
            created = created or moment
    return created
