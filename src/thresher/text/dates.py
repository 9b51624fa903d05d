"""The publication date of a text capture, read from a date line near the headline.

Only a few candidate lines are parsed (short lines with a year, a month name or a
time, close to the headline), so the cost does not grow with the page. Common
numeric and "3 July 2024 / July 3, 2024" forms in many languages are read by one
regex with the month table of ``vocabulary``; anything else goes to dateparser.
A date with no time zone in the capture stays naive.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

from thresher.text.vocabulary import MONTHS

__all__ = ["parse_date_line", "parse_date_line_thoroughly"]

_TIME = r"(?:[,\s]+(?:at\s+|um\s+|à\s+|a las\s+|в\s+|о\s+)?" \
        r"(?P<hour>\d{1,2})[:.h](?P<minute>\d\d)(?::(?P<second>\d\d))?" \
        r"\s*(?P<ampm>[ap]\.?m\.?)?(?:\s*(?P<tz>utc|gmt|z|[+-]\d\d:?\d\d)(?P<tzoff>[+-]\d{1,2}(?::?\d\d)?)?)?)?"
_MONTH_WORD = r"(?P<month>[^\W\d_]{3,12})\.?"
_PATTERNS = [
    re.compile(r"(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)(?:[T ](?P<hour>\d\d):(?P<minute>\d\d)"
               r"(?::(?P<second>\d\d))?(?:\.\d+)?(?P<tz>z|[+-]\d\d:?\d\d)?)?", re.I),
    re.compile(_MONTH_WORD + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)" + _TIME,
               re.I),
    re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th|\.)?\s+(?:de\s+)?" + _MONTH_WORD
               + r",?\s+(?:de\s+)?(?P<year>(?:19|20)\d\d)(?:\s*(?:г\.|р\.|roku))?" + _TIME, re.I),
    re.compile(r"(?P<day>\d{1,2})\.(?P<mnum>\d{1,2})\.(?P<year>(?:19|20)\d\d)" + _TIME, re.I),
    # Slashes: month first, as in the United States (day first when the month cannot be).
    re.compile(r"(?P<mnum>\d{1,2})/(?P<day>\d{1,2})/(?P<year>(?:19|20)\d\d)" + _TIME, re.I),
    re.compile(r"(?P<year>(?:19|20)\d\d)([./])(?P<mnum>\d{1,2})\2(?P<day>\d{1,2})" + _TIME, re.I),
    re.compile(r"(?P<year>(?:19|20)\d\d)\s*[年년]\s*(?P<mnum>\d{1,2})\s*[月월]\s*(?P<day>\d{1,2})\s*[日일]"
               r"(?:\s*(?P<hour>\d{1,2}):(?P<minute>\d\d))?"),
]
# Worth asking dateparser only when a year comes with some other number (a day).
_HAS_DATE_HINT = re.compile(r"\b(?:19|20)\d\d\b")
_DIGIT_GROUPS = re.compile(r"\d+")
# The languages dateparser tries: naming them spares its costly detection over all locales.
_LANGUAGES = ["en", "de", "fr", "es", "it", "pt", "nl", "ru", "uk", "pl", "id", "tr", "sv", "da", "no",
              "fi", "cs", "ro", "hu", "el", "ja", "zh", "ko"]


def _tzinfo(tz: str | None, extra: str | None) -> timezone | None:
    if not tz:
        return None
    tz = tz.lower()
    offset = extra if tz in ("utc", "gmt") else (None if tz == "z" else tz)
    if not offset:
        return UTC
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    hours = int(digits[:2]) if len(digits) > 2 else int(digits)
    minutes = int(digits[2:4]) if len(digits) > 2 else 0
    if hours > 14 or minutes > 59:
        return None
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _from_match(match: re.Match[str]) -> datetime | None:
    groups = match.groupdict()
    if groups.get("month"):
        month = MONTHS.get(groups["month"].lower())
        if month is None:
            return None
    else:
        month = int(groups["mnum"])
    day = int(groups["day"])
    if month > 12 and day <= 12:  # 11.14.2019: the order was the other one
        month, day = day, month
    hour = int(groups["hour"]) if groups.get("hour") else 0
    minute = int(groups["minute"]) if groups.get("minute") else 0
    second = int(groups["second"]) if groups.get("second") else 0
    ampm = (groups.get("ampm") or "").replace(".", "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    try:
        return datetime(int(groups["year"]), month, day, hour, minute, second,
                        tzinfo=_tzinfo(groups.get("tz"), groups.get("tzoff")))
    except ValueError:
        return None


def parse_date_line(text: str) -> datetime | None:
    """The date and time a short line states, or None. Naive unless the line gives a zone."""
    if len(text) > 200 or ("19" not in text and "20" not in text):  # every pattern has a year
        return None
    for pattern in _PATTERNS:
        match = pattern.search(text)
        if match:
            value = _from_match(match)
            if value is not None:
                return value
    return None


def parse_date_line_thoroughly(text: str) -> datetime | None:
    """``parse_date_line``, then dateparser for other forms; slow, so for one or two lines."""
    found = parse_date_line(text)
    if found is not None or len(text) > 120 or not _HAS_DATE_HINT.search(text):
        return found
    if len(_DIGIT_GROUPS.findall(text)) < 2:
        return None
    return _dateparser_fallback(text)


def _dateparser_fallback(text: str) -> datetime | None:
    """Other forms ("Mittwoch, 3. Juli 2024", "2024年7月3日"): ask dateparser, which knows them."""
    try:
        from dateparser.search import search_dates
    except ImportError:  # pragma: no cover - dateparser is a dependency
        return None
    try:
        found = search_dates(text, languages=_LANGUAGES, settings={"RETURN_AS_TIMEZONE_AWARE": False,
                                             "PREFER_DATES_FROM": "past",
                                             "REQUIRE_PARTS": ["day", "month", "year"]})
    except Exception:  # dateparser raises assorted errors on odd strings; no date then
        return None
    for matched, value in found or ():
        # Keep only a date written out in full (day and year digits), not "2020 … to date".
        if _HAS_DATE_HINT.search(matched) and len(_DIGIT_GROUPS.findall(matched)) >= 2 \
                and isinstance(value, datetime):
            return value
    return None
