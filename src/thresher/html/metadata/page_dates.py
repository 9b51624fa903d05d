"""The publication date as the page shows it, when no metadata states it.

First ``<time datetime>`` elements (those marked as the publication time first), then
short elements whose class or id says they hold a date ("date", "published",
"dateline", and translations), read as free text in the page's language. Elements in
comments, teasers and footers belong to other texts and are skipped.
"""

from __future__ import annotations

import re
from datetime import datetime

from selectolax.lexbor import LexborHTMLParser, LexborNode

from thresher.html.metadata.dates import parse_date, parse_free_text_date

__all__ = ["find_visible_date"]

_DATE_SELECTOR = (
    '[class*="date" i], [id*="date" i], [class*="publish" i], [class*="posted" i], '
    '[class*="datum" i], [class*="fecha" i], [class*="data" i], [class*="time" i]')
_FOREIGN = re.compile(r"comment|related|teaser|recommend|sidebar|footer|widget|newsletter|"
                      r"update|modif|edited|archive|calendar|event", re.I)
_MAX_TIME_ELEMENTS = 30
_MAX_DATE_ELEMENTS = 30
_MAX_DATE_TEXT = 80


def _marker(node: LexborNode) -> str:
    attributes = node.attributes
    return f"{attributes.get('class') or ''} {attributes.get('id') or ''} {attributes.get('itemprop') or ''}"


def _foreign(node: LexborNode) -> bool:
    ancestor: LexborNode | None = node
    for _ in range(6):
        if ancestor is None:
            return False
        if ancestor.tag in {"footer", "aside", "nav"} or _FOREIGN.search(_marker(ancestor)):
            return True
        ancestor = ancestor.parent
    return False


def find_visible_date(tree: LexborHTMLParser, *, language: str | None) -> datetime | None:
    scope: LexborNode | None = tree.css_first("article") or tree.body
    if scope is None:
        return None
    times = scope.css("time")[:_MAX_TIME_ELEMENTS]
    # <time pubdate> or itemprop/class naming publication come first
    marked = [node for node in times if "pubdate" in node.attributes or
              re.search(r"publish|datepublished|created", _marker(node), re.I)]
    for node in marked + [node for node in times if node not in marked]:
        if _foreign(node):
            continue
        value = node.attributes.get("datetime")
        moment = parse_date(value) if value else None
        if moment is None:
            text = node.text(deep=True, separator=" ", strip=True)
            if text and len(text) <= _MAX_DATE_TEXT:
                moment = parse_free_text_date(text, language=language)
        if moment is not None:
            return moment
    for count, node in enumerate(scope.css(_DATE_SELECTOR)):
        if count >= _MAX_DATE_ELEMENTS:
            break
        if node.tag in {"script", "style", "body", "html", "article", "img"}:
            continue
        text = node.text(deep=True, separator=" ", strip=True)
        if not text or len(text) > _MAX_DATE_TEXT or _foreign(node):
            continue
        moment = parse_free_text_date(text, language=language)
        if moment is not None:
            return moment
    return None
