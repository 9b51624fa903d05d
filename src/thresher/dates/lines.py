"""The date a line of text states ("Published 12 March 2021 at 9:05 pm by …"), in a
language not known yet: the date lines of a text capture.

The caller parses only a few candidate lines (short lines with a year, a month name or
a time, close to the headline), so the cost does not grow with the page. Numeric,
ISO and "3 July 2024 / July 3, 2024" forms, with a time and zone when given, are read
by a few regexes, month words looked up in the month names of the languages most
pages are written in (``locale_months.month_words``): a dict look-up a line. The
thorough variant then tries the page-text reader (``free_text``) on one line.
A date with no time zone in the line stays naive.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

from thresher.dates.free_text import find_date_in_text
from thresher.dates.locale_months import month_words

__all__ = ["parse_date_line", "parse_date_line_thoroughly"]

_TIME = (
    r"(?:[,\s]+(?:at\s+|um\s+|à\s+|a las\s+|в\s+|о\s+)?"
    r"(?P<hour>\d{1,2})[:.h](?P<minute>\d\d)(?::(?P<second>\d\d))?"
    r"\s*(?P<ampm>[ap]\.?m\.?)?(?:\s*(?P<tz>utc|gmt|z|[+-]\d\d:?\d\d)(?P<tzoff>[+-]\d{1,2}(?::?\d\d)?)?)?)?"
)
_MONTH_WORD = r"(?P<month>[^\W\d_]{3,12})\.?"
_PATTERNS = [
    re.compile(
        r"(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)(?:[T ](?P<hour>\d\d):(?P<minute>\d\d)"
        r"(?::(?P<second>\d\d))?(?:\.\d+)?(?P<tz>z|[+-]\d\d:?\d\d)?)?",
        re.I,
    ),
    re.compile(
        _MONTH_WORD + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)" + _TIME, re.I
    ),
    re.compile(
        r"(?P<day>\d{1,2})(?:st|nd|rd|th|\.)?\s+(?:de\s+)?"
        + _MONTH_WORD
        + r",?\s+(?:de\s+)?(?P<year>(?:19|20)\d\d)(?:\s*(?:г\.|р\.|roku))?"
        + _TIME,
        re.I,
    ),
    re.compile(r"(?P<day>\d{1,2})\.(?P<mnum>\d{1,2})\.(?P<year>(?:19|20)\d\d)" + _TIME, re.I),
    # Slashes: month first, as in the United States (day first when the month cannot be).
    re.compile(r"(?P<mnum>\d{1,2})/(?P<day>\d{1,2})/(?P<year>(?:19|20)\d\d)" + _TIME, re.I),
    re.compile(r"(?P<year>(?:19|20)\d\d)([./])(?P<mnum>\d{1,2})\2(?P<day>\d{1,2})" + _TIME, re.I),
    re.compile(
        r"(?P<year>(?:19|20)\d\d)\s*[年년]\s*(?P<mnum>\d{1,2})\s*[月월]\s*(?P<day>\d{1,2})\s*[日일]"
        r"(?:\s*(?P<hour>\d{1,2}):(?P<minute>\d\d))?"
    ),
]
# Worth a thorough look only when a year comes with some other number (a day).
_HAS_DATE_HINT = re.compile(r"\b(?:19|20)\d\d\b")
_DIGIT_GROUPS = re.compile(r"\d+")
#: Longer lines are sentences that mention a date rather than date lines.
_MAX_LINE_CHARS = 200
_MAX_THOROUGH_CHARS = 120


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
        month = month_words().get(groups["month"].casefold())
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
        return datetime(
            int(groups["year"]),
            month,
            day,
            hour,
            minute,
            second,
            tzinfo=_tzinfo(groups.get("tz"), groups.get("tzoff")),
        )
    except ValueError:
        return None


def parse_date_line(text: str) -> datetime | None:
    """The date and time a short line states, or None. Naive unless the line gives a zone."""
    if len(text) > _MAX_LINE_CHARS or ("19" not in text and "20" not in text):  # every pattern has a year
        return None
    for pattern in _PATTERNS:
        match = pattern.search(text)
        if match:
            value = _from_match(match)
            if value is not None:
                return value
    return None


def parse_date_line_thoroughly(text: str) -> datetime | None:
    """``parse_date_line``, then the reader of dates inside page text (``free_text``), which
    knows other forms ("4. 2. 2022"); for the one or two lines nothing else dated."""
    found = parse_date_line(text)
    if found is not None or len(text) > _MAX_THOROUGH_CHARS or not _HAS_DATE_HINT.search(text):
        return found
    if len(_DIGIT_GROUPS.findall(text)) < 2:
        return None
    return find_date_in_text(text)
