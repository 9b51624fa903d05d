"""The publication date as the page shows it, when no metadata states it.

Looked for first around the headline (the few enclosing levels of the ``<h1>``), then in
the article (or body): ``<time>`` elements (those marked as the publication time first),
then short elements whose class, id or test id says they hold a date ("date",
"published", "datum", …), and last date-shaped words in the text around the headline
("Veröffentlicht: 12.03.2021"). Reading the strings is the job of ``thresher.dates``.
Elements inside comments, teasers, navigation and footers date other texts and are
skipped; dates marked as updates (by a class, or by a label such as "Updated" before
them) are kept as a last resort.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import NamedTuple

from selectolax.lexbor import LexborNode

from thresher.dates import day_first, find_date_in_text, find_dates_in_text, parse_date
from thresher.html.metadata.containers import is_foreign, marker
from thresher.html.metadata.header import Header, text_around
from thresher.html.switches import enabled

__all__ = ["Displayed", "find_displayed_date", "find_visible_date", "find_text_date"]

_DATE_SELECTOR = (
    '[class*="date" i], [id*="date" i], [class*="publish" i], [class*="posted" i], '
    '[class*="datum" i], [class*="fecha" i], [class*="time" i], [data-testid*="date" i]'
)
_NOT_DATE_TAGS = frozenset({"time", "script", "style", "body", "html", "img", "article"})
_PUBLISHED_MARK = re.compile(r"publish|created", re.I)
_UPDATE = re.compile(r"updat|modif|edited|aktualisiert|geändert|revis", re.I)
#: Words labelling a date shown to readers as the time of the last change, in the common
#: languages ("Last updated", "Aktualisiert", "Mis à jour", "Actualizado", "Bijgewerkt"),
#: or of the latest of several things ("Last post", "Last reply").
_UPDATE_LABEL = re.compile(
    r"updat|modifi|edited|revised|\blast\b|aktualisiert|geändert|mis à jour|mise à jour|actualiza|atualiza|"
    r"aggiorna|bijgewerkt|opdater|oppdater|uppdater|päivitetty|zaktualizowano|обновлен",
    re.I,
)
_LABEL_CHARS = 40
_FIRST_DIGIT = re.compile(r"\d")
_MAX_ELEMENTS = 30
_MAX_DATE_TEXT = 80
_HEADER_MAX_CHARS = 1500


def _is_update(node: LexborNode) -> bool:
    """Whether a date element says it is the time of the last change: by its class or id
    (or its parent's), or by the label readers see before the date ("Updated on")."""
    ancestor: LexborNode | None = node
    for _ in range(2):
        if ancestor is None:
            break
        if _UPDATE.search(marker(ancestor)):
            return True
        ancestor = ancestor.parent
    return enabled("update-labels") and _UPDATE_LABEL.search(_label(node)) is not None


def _label(node: LexborNode) -> str:
    """The words before a date: its own text up to the first digit, after the end of the
    text of the siblings before it (or, when it has none, before its parent)."""
    text = node.text(deep=True, separator=" ", strip=True)
    digit = _FIRST_DIGIT.search(text)
    before: list[str] = [text[: digit.start()] if digit else text]
    current: LexborNode | None = node
    for _ in range(2):
        if current is None:
            break
        sibling = current.prev
        chars = 0
        while sibling is not None and chars < _LABEL_CHARS:
            words = sibling.text_content if sibling.tag == "-text" else sibling.text(deep=True, separator=" ")
            words = (words or "").strip()
            before.insert(0, words)
            chars += len(words)
            sibling = sibling.prev
        if chars:
            break
        current = current.parent
    return " ".join(before)[-_LABEL_CHARS - len(before[-1]) :]


def _element_date(node: LexborNode, language: str | None) -> datetime | None:
    attributes = node.attributes
    value = (
        attributes.get("datetime")
        or attributes.get("content")
        or (attributes.get("title") if node.tag == "abbr" else None)
    )  # hAtom: <abbr class="published" title=…>
    moment = parse_date(value, dayfirst=day_first(language)) if value else None
    if moment is None:
        text = node.text(deep=True, separator=" ", strip=True)
        if text and len(text) <= _MAX_DATE_TEXT:
            moment = parse_date(text, dayfirst=True) or find_date_in_text(text, language=language)
    return moment


def _dated_elements(
    zone: LexborNode, language: str | None, *, trusted: bool, main: frozenset[int]
) -> tuple[datetime | None, datetime | None]:
    """(publication date, update date) from the time and date-class elements of a zone."""
    found = zone.css(f"time, {_DATE_SELECTOR}")  # one walk for both kinds
    times = [node for node in found if node.tag == "time"][:_MAX_ELEMENTS]
    marked = [node for node in times if "pubdate" in node.attributes or _PUBLISHED_MARK.search(marker(node))]
    candidates = marked + [node for node in times if node not in marked]
    candidates += [node for node in found if node.tag not in _NOT_DATE_TAGS][:_MAX_ELEMENTS]
    fallback = None
    for node in candidates:
        if not trusted and is_foreign(node, main=main):
            continue
        moment = _element_date(node, language)
        if moment is None:
            continue
        if not _is_update(node):
            return moment, fallback
        fallback = fallback or moment
    return None, fallback


class Displayed(NamedTuple):
    """The date shown near the headline, and whether the page labels it as an update."""

    moment: datetime | None
    update: bool = False


def find_displayed_date(*, language: str | None, header: Header) -> Displayed:
    """The date shown in the headline's header zone (and its neighbours) only."""
    if header.zone is None:
        return Displayed(None)
    moment, update = _dated_elements(header.zone, language, trusted=True, main=header.main)
    if moment is None:
        text = text_around(header.zone)
        for found, start in find_dates_in_text(text, language=language):
            labelled = (
                enabled("update-labels")
                and _UPDATE_LABEL.search(text, max(0, start - _LABEL_CHARS), start) is not None
            )
            if not labelled and (update is None or found.date() != update.date()):
                moment = found  # (a day an update element shows is that element's text)
                break
            update = update or found
    return Displayed(moment) if moment is not None else Displayed(update, update is not None)


def find_visible_date(scope: LexborNode | None, *, language: str | None, header: Header) -> datetime | None:
    """The date shown near the headline, else in ``scope`` (the article, or the body)."""
    zone_of_headline = header.zone
    fallback = None
    for zone in (zone_of_headline, scope):
        if zone is None:
            continue
        moment, update = _dated_elements(zone, language, trusted=zone is zone_of_headline, main=header.main)
        if moment is not None:
            return moment
        fallback = fallback or update
    texts = [text_around(zone_of_headline)] if zone_of_headline is not None else []
    if scope is not None:
        texts.append(scope.text(deep=True, separator=" ", strip=True)[:_HEADER_MAX_CHARS])
    for text in texts:
        moment = find_date_in_text(text, language=language)
        if moment is not None:
            return moment
    return fallback


_MAIN_TEXT_CHARS = 10_000
_MAX_TEXT_DATES = 40


def find_text_date(scope: LexborNode | None, *, language: str | None) -> datetime | None:
    """The first date written anywhere in the start of the main text: a last resort for
    pages that mark up no date at all ("Stand: 12.03.2021" at the end of a short page).
    ``scope`` is the main content element (``<main>``, ``<article>`` or the body)."""
    if scope is None:
        return None
    text = scope.text(deep=True, separator=" ", strip=True)[:_MAIN_TEXT_CHARS]
    return find_date_in_text(text, language=language, tries=_MAX_TEXT_DATES)
