"""Dates written for people in a page of known language ("12. März 2021, 10:00 Uhr",
"12 de marzo de 2021"), alone or inside a longer text.

The string goes first to the machine-date reader (``machine.parse_date``, day first),
then, when it is a day, a month name and a year, to the month names of the page's
language (``locale_months``), and only then to dateparser, which knows some 200
locales but costs about a millisecond a call (and some 100 ms for the first string of
each language), so it only sees short strings in a known language other than English
that the faster readers refused.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from datetime import datetime

from thresher.dates.locale_months import parse_day_month_year
from thresher.dates.machine import drop_fold, is_plausible, parse_date

__all__ = ["DATE_SHAPED", "find_date_in_text", "find_dates_in_text", "parse_free_text_date"]

_MAX_FREE_TEXT_CHARS = 60
_WORD = re.compile(r"[^\W\d_]{3,}")
_DATEPARSER_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"}
#: Where a date may be written in a text: day.month.year in digits, or digits next to a
#: word (a month name in any language) and a four-digit year. Loose on purpose: it only
#: locates; the readers above decide.
DATE_SHAPED = re.compile(
    r"(?<![\w.])(?:\d{1,2}[./-]\s?\d{1,2}[./-]\s?(?:19|20)\d{2}|(?:19|20)\d{2}-\d{1,2}-\d{1,2}"
    r"|\d{1,2}\.?\s+(?:de\s+)?[^\W\d_]{3,12}\.?,?\s+(?:de\s+)?(?:19|20)\d{2}"
    r"|[^\W\d_]{3,12}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2})(?![\w])"
)


def parse_free_text_date(value: str | None, *, language: str | None = None) -> datetime | None:
    """A date written for people ("12. März 2021, 10:00 Uhr"), in the page's language, or None.

    A day, month name and year is read with the locale's month names alone (with those of
    the common languages when the language is not known); dateparser sees only the rest,
    and only for a known language other than English (dateutil reads English month names;
    letting dateparser guess among all its locales costs some 15 ms a string)."""
    moment = parse_date(value, dayfirst=True)
    if moment is not None or not value:
        return moment
    text = " ".join(value.split())
    if len(text) > _MAX_FREE_TEXT_CHARS or not any(ch.isdigit() for ch in text) or not _WORD.search(text):
        return None  # digits alone: dateutil has already said no
    language = language.split("-")[0].casefold() if language else None
    moment = parse_day_month_year(text, language)
    if moment is not None:
        return moment if is_plausible(moment) else None
    if language is None or language == "en":
        return None  # dateutil has read the English month names already
    return _parse_with_dateparser(text, language)


# A year, which every date-shaped span holds, and what ends a stretch of text a date may
# be written in: anything but letters, digits, spaces and . , / -
_YEAR = re.compile(r"(?:19|20)\d\d")
_NOT_IN_DATE = re.compile(r"[^\w\s.,/-]")


def _date_shaped(text: str) -> Iterator[re.Match[str]]:
    """``DATE_SHAPED.finditer(text)``, run only on the stretches of text that hold a year.

    A date-shaped span holds a year and no character of ``_NOT_IN_DATE``, so it lies in
    one such stretch; and there the pattern sees the same neighbours as in the whole text
    (none that is a letter, digit or dot). Finding years and stretch ends is a fast scan;
    ``DATE_SHAPED`` tries its alternatives at every position, so it is kept to the few
    stretches with a year (about a tenth of a page's text)."""
    backwards = ""
    position = 0
    while (year := _YEAR.search(text, position)) is not None:
        backwards = backwards or text[::-1]  # to find the stretch's start with a forward search
        before = _NOT_IN_DATE.search(backwards, len(text) - year.start())
        after = _NOT_IN_DATE.search(text, year.end())
        position = after.start() if after else len(text)
        yield from DATE_SHAPED.finditer(text, len(text) - before.start() if before else 0, position)


def find_date_in_text(text: str, *, language: str | None = None, tries: int = 5) -> datetime | None:
    """The first of the first ``tries`` date-shaped spans of a text that reads as a date."""
    return next((moment for moment, _ in find_dates_in_text(text, language=language, tries=tries)), None)


def find_dates_in_text(
    text: str, *, language: str | None = None, tries: int = 5
) -> Iterator[tuple[datetime, int]]:
    """Each date among the first ``tries`` date-shaped spans of a text, with where it starts
    (so that a caller can read the words before it: "Updated", "Published")."""
    for count, match in enumerate(_date_shaped(text)):
        if count >= tries:
            break
        moment = parse_free_text_date(match[0], language=language)
        if moment is not None:
            yield moment, match.start()


@functools.lru_cache(maxsize=4096)
def _parse_with_dateparser(text: str, language: str) -> datetime | None:
    import dateparser  # imported lazily: its first import costs about half a second

    try:  # English too: pages in other languages often show English dates
        moment = dateparser.parse(text, languages=[language, "en"], settings=_DATEPARSER_SETTINGS)
    except Exception:  # dateparser raises a wide range of errors on odd input (unknown language too)
        return None
    if moment is None or not _names_year(text, moment.year):
        return None  # relative dates ("vor 2 Stunden", "hace 3 horas") say when the page was saved
    moment = drop_fold(moment)
    return moment if is_plausible(moment) else None


def _names_year(text: str, year: int) -> bool:
    return str(year) in text or re.search(rf"(?<!\d){year % 100:02d}(?!\d)", text) is not None
