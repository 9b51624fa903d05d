"""Machine-written date strings → ``datetime``, with field libraries rather than format regexes.

ISO 8601, the bulk of meta tags and JSON-LD, goes through the standard library's
``datetime.fromisoformat`` (in C), then dateutil's ``isoparse`` for the ISO forms it
refuses; both keep the UTC offset. Other machine-ish forms ("Oct 19, 2021 10:00",
"12.03.2021") go through dateutil's general parser.

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

__all__ = ["day_first", "drop_fold", "is_plausible", "parse_date"]

_EARLIEST_YEAR = 1990  # the web news era; earlier years in meta tags are placeholders
_CLOCK_SKEW = timedelta(days=2)
_MAX_DATE_CHARS = 80
_DEFAULT_A = datetime(2001, 1, 1)
_DEFAULT_B = datetime(2002, 2, 2)
_YEAR_FIRST = re.compile(r"^\s*\d{4}\D")


def is_plausible(moment: datetime) -> bool:
    """Between the start of the web era and a couple of days from now (clock skew, time zones).

    (The year alone decides unless it is the current one: ``replace``, which a naive
    copy of an aware time takes, is the dearest part of reading an ISO date.)"""
    latest = datetime.now() + _CLOCK_SKEW
    if moment.year != latest.year:
        return _EARLIEST_YEAR <= moment.year < latest.year
    return (moment.replace(tzinfo=None) if moment.tzinfo else moment) <= latest


def drop_fold(moment: datetime) -> datetime:
    """Fixed-offset zones as ``timezone`` (picklable, comparable), not dateutil's tzoffset."""
    zone = moment.tzinfo
    if zone is None or type(zone) is timezone:  # fromisoformat's zones are timezone already
        return moment
    offset = moment.utcoffset()
    if offset is None:
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
            if (
                first.year != _DEFAULT_A.year
                and first.month != _DEFAULT_A.month
                and first.day != _DEFAULT_A.day
            ):
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
    if not text or len(text) > _MAX_DATE_CHARS or not any(map(str.isdigit, text)):
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
    moment = drop_fold(moment)
    return moment if is_plausible(moment) else None
