"""Date strings → ``datetime``, with field libraries rather than format regexes.

Machine dates (ISO 8601, the bulk of meta tags and JSON-LD) go through the standard
library's ``datetime.fromisoformat`` (in C), then dateutil's ``isoparse`` for the ISO
forms it refuses; both keep the UTC offset. Other machine-ish forms ("Oct 19,
2021 10:00", "12.03.2021") go through dateutil's general parser; free text in other
languages ("12. März 2021", "12 de marzo de 2021") through dateparser, which knows
month names in some 200 locales but costs about a millisecond a call, so it only sees
short strings that the faster parsers refused.

A value must name a day: year and month alone are not a publication date. Parsing with
two different defaults tells which components the string really held.
"""

from __future__ import annotations

import functools
import re
import warnings
from datetime import UTC, datetime, timedelta, timezone

from dateutil import parser as dateutil_parser
from dateutil.parser import isoparse

from thresher.html.metadata.month_names import parse_day_month_year

__all__ = ["day_first", "parse_date", "parse_free_text_date", "date_from_url", "is_plausible"]

_EARLIEST_YEAR = 1990  # the web news era; earlier years in meta tags are placeholders
_MAX_DATE_CHARS = 80
_MAX_FREE_TEXT_CHARS = 60
_DEFAULT_A = datetime(2001, 1, 1)
_DEFAULT_B = datetime(2002, 2, 2)

_WORD = re.compile(r"[^\W\d_]{3,}")
_DATEPARSER_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"}
_YEAR_FIRST = re.compile(r"^\s*\d{4}\D")
# Date-shaped path segments: /2020/05/17/, /2020-05-17/, /20200517/.
_URL_DATE = re.compile(
    r"(?<![0-9])(?P<y>(?:19|20)[0-9]{2})(?:(?P<sep>[/_.-])(?P<m1>[0-9]{1,2})(?P=sep)(?P<d1>[0-9]{1,2})"
    r"|(?P<m2>[0-9]{2})(?P<d2>[0-9]{2}))(?![0-9])"
    # day first (18-01-2022, 18.01.2022), as some publishing systems write it
    r"|(?<![0-9])(?P<d3>[0-9]{2})(?P<sep3>[_.-])(?P<m3>[0-9]{2})(?P=sep3)(?P<y3>(?:19|20)[0-9]{2})(?![0-9])")


def is_plausible(moment: datetime) -> bool:
    """Between the start of the web era and a couple of days from now (clock skew, time zones)."""
    naive = moment.replace(tzinfo=None) if moment.tzinfo else moment
    return naive.year >= _EARLIEST_YEAR and naive <= datetime.now() + timedelta(days=2)


def _drop_fold(moment: datetime) -> datetime:
    """Fixed-offset zones as ``timezone`` (picklable, comparable), not dateutil's tzoffset."""
    offset = moment.utcoffset()
    if moment.tzinfo is None or offset is None:
        return moment
    return moment.replace(tzinfo=UTC if not offset else timezone(offset))


@functools.lru_cache(maxsize=4096)
def _parse_general(text: str, dayfirst: bool) -> datetime | None:
    """dateutil's general parser; None unless the text names year, month and day.

    Cached: a page repeats its displayed date (header, byline, meta), and each
    string costs one or two dateutil parses of some 50 µs (the second only when a
    component of the first equals the default's, which it may have come from)."""
    if _YEAR_FIRST.match(text):
        dayfirst = False  # "2021-03-12 ..." is year-month-day whatever the locale
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # UnknownTimezoneWarning for "10:00 CET"
            first: datetime = dateutil_parser.parse(text, default=_DEFAULT_A, dayfirst=dayfirst)
            if first.year != _DEFAULT_A.year and first.month != _DEFAULT_A.month and \
                    first.day != _DEFAULT_A.day:
                return first  # no component equals the default's: none came from it
            second: datetime = dateutil_parser.parse(text, default=_DEFAULT_B, dayfirst=dayfirst)
    except (ValueError, OverflowError, TypeError, ArithmeticError):
        return None
    if (first.year, first.month, first.day) != (second.year, second.month, second.day):
        return None  # some date component came from the default
    return first


def day_first(language: str | None) -> bool:
    """Whether "05/04/2022" means 5 April in this language: everywhere but in English."""
    return bool(language) and not (language or "").casefold().startswith("en")


def parse_date(value: str | None, *, dayfirst: bool = False) -> datetime | None:
    """A machine-readable date (meta tag, JSON-LD, ``<time datetime>``) or None.

    The offset is kept when the string has one; a date without time is midnight, naive."""
    if not value:
        return None
    text = " ".join(value.split())
    if not text or len(text) > _MAX_DATE_CHARS or not any(ch.isdigit() for ch in text):
        return None
    moment: datetime | None
    try:
        moment = datetime.fromisoformat(text)  # C-fast; takes most ISO 8601 forms since 3.11
    except ValueError:
        try:
            moment = isoparse(text)
        except (ValueError, OverflowError, TypeError):
            moment = _parse_general(text, dayfirst)
    if moment is None:
        return None
    moment = _drop_fold(moment)
    return moment if is_plausible(moment) else None


def parse_free_text_date(value: str | None, *, language: str | None = None) -> datetime | None:
    """A date written for people ("12. März 2021, 10:00 Uhr"), in the page's language, or None.

    A day, month name and year is read with the locale's month names alone
    (``month_names``); dateparser sees only the rest, and only for a known language
    other than English (dateutil reads English month names; letting dateparser guess
    among all its locales costs some 15 ms a string)."""
    moment = parse_date(value, dayfirst=True)
    if moment is not None or not value:
        return moment
    text = " ".join(value.split())
    if (len(text) > _MAX_FREE_TEXT_CHARS or not any(ch.isdigit() for ch in text)
            or not _WORD.search(text)):
        return None  # digits alone: dateutil has already said no
    language = (language or "en").split("-")[0].casefold()
    moment = parse_day_month_year(text, language)
    if moment is not None:
        return moment if is_plausible(moment) else None
    if language == "en":
        return None  # dateutil has read the English month names already
    return _parse_with_dateparser(text, language)


@functools.lru_cache(maxsize=4096)
def _parse_with_dateparser(text: str, language: str) -> datetime | None:
    import dateparser  # imported lazily: its first import costs about half a second

    languages = [language] if language == "en" else [language, "en"]
    try:
        moment = dateparser.parse(text, languages=languages, settings=_DATEPARSER_SETTINGS)
    except Exception:  # dateparser raises a wide range of errors on odd input (unknown language too)
        return None
    if moment is None or not _names_year(text, moment.year):
        return None  # relative dates ("vor 2 Stunden", "hace 3 horas") say when the page was saved
    moment = _drop_fold(moment)
    return moment if is_plausible(moment) else None


def _names_year(text: str, year: int) -> bool:
    return str(year) in text or re.search(rf"(?<!\d){year % 100:02d}(?!\d)", text) is not None


def date_from_url(url: str | None) -> datetime | None:
    """A day written in the URL path (/2020/05/17/), as a naive midnight datetime."""
    if not url:
        return None
    path = url.split("://", 1)[-1].partition("/")[2]
    for match in _URL_DATE.finditer(path):
        year = match["y"] or match["y3"]
        month = match["m1"] or match["m2"] or match["m3"]
        day = match["d1"] or match["d2"] or match["d3"]
        try:
            moment = datetime(int(year), int(month), int(day))
        except ValueError:
            continue
        if is_plausible(moment):
            return moment
    return None
