"""Month names from dateparser's locale data: the month vocabulary every date reader uses.

Two uses. ``parse_day_month_year`` reads a day, month name and year ("22 de outubro
de 2010", "30. Juli 2018", "24 сентября 2018") in a known language without
dateparser's parser; ``month_words`` merges the month names of the languages most
pages are written in, for texts whose language is not known yet (the date lines of a
text capture, a page that does not declare its language), and ``parse_day_month_year``
reads with the merged words when it is given no language.

Most dates people read on a page are exactly this: a day, a month name and a year,
with a few filler words between them. dateparser reads them too, but the first string
of each language costs it some 100 ms (it builds the locale's translation tables and
its time-zone expressions), and every later one about a millisecond; over a batch of
pages in several languages that outweighs all the rest of the metadata. Looking the
month word up in the same locale data takes microseconds. Anything else (times,
weekdays we cannot place, two-digit years, relative dates) is left to dateparser.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from datetime import datetime
from pathlib import Path
from typing import Any

__all__ = ["MONTH_WORD_LANGUAGES", "month_words", "parse_day_month_year"]

#: The languages whose month names ``month_words`` merges: those most pages are written
#: in (dateparser's locale codes; Norwegian Bokmål is "nb"). Chinese, Japanese and Korean
#: write months as numbers ("7月"), which the line reader reads as digits.
MONTH_WORD_LANGUAGES = (
    "en",
    "de",
    "fr",
    "es",
    "it",
    "pt",
    "nl",
    "ru",
    "uk",
    "pl",
    "id",
    "tr",
    "sv",
    "da",
    "nb",
    "fi",
    "cs",
    "ro",
    "hu",
    "el",
)

_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
_TOKEN = re.compile(r"[0-9]+|[^\W\d_]+")
#: Punctuation between the parts of a date: anything else is left to dateparser.
_SEPARATORS = re.compile(r"[\s.,/'-]*")
#: Roman numerals, which some locales list as month names ("XII"): words in other languages.
_ROMAN_NUMERAL = re.compile(r"[ivxlc]+")
#: Shorter names are abbreviations that are common words elsewhere ("ha", "ek").
_MIN_MERGED_CHARS = 3


@functools.lru_cache(maxsize=1)
def _locale_data_dir() -> Path | None:
    spec = importlib.util.find_spec("dateparser")  # (finds the package without importing it)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "date_translation_data"


def _locale_info(language: str) -> dict[str, Any] | None:
    """dateparser's data of one locale, read from its data module alone: importing
    the package would cost some 70 ms (its parser, settings and dependencies)."""
    directory = _locale_data_dir()
    path = directory / f"{language}.py" if directory else None
    if path is None or not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location(f"_dateparser_locale_{language}", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception:  # an unreadable data file: dateparser is asked instead
        return None
    info = getattr(module, "info", None)
    return info if isinstance(info, dict) else None


@functools.lru_cache(maxsize=64)
def _words(language: str) -> tuple[dict[str, int], frozenset[str]] | None:
    """(month word -> month number, filler words) of a language, or None if unknown."""
    if not _LANGUAGE_CODE.fullmatch(language):
        return None
    info = _locale_info(language)
    if info is None:
        return None
    months = {
        name.casefold().rstrip("."): number
        for number, key in enumerate(_MONTHS, 1)
        for name in info.get(key, [])
    }
    filler = {word.casefold() for word in info.get("skip", []) + info.get("pertain", []) if word.strip()}
    filler.update(name.casefold().rstrip(".") for key in _WEEKDAYS for name in info.get(key, []))
    return months, frozenset(filler - months.keys())


def parse_day_month_year(text: str, language: str | None) -> datetime | None:
    """The date of a text made only of a day, a month name of ``language``, a four-digit
    year and filler words (in any order), or None when the text holds anything else.
    With no language, the month and filler words of ``MONTH_WORD_LANGUAGES`` are merged."""
    words = _words(language) if language is not None else _merged_words()
    if words is None:
        return None
    months, filler = words
    month = day = year = 0
    position = 0
    for match in _TOKEN.finditer(text):
        if not _SEPARATORS.fullmatch(text, position, match.start()):
            return None
        position = match.end()
        token = match[0].casefold()
        if token.isdecimal() and token.isascii():
            if len(token) == 4 and not year:
                year = int(token)
            elif len(token) <= 2 and not day:
                day = int(token)
            else:
                return None
        elif token in months and not month:
            month = months[token]
        elif token not in filler:
            return None
    if not (month and day and year) or not _SEPARATORS.fullmatch(text, position):
        return None
    try:
        return datetime(year, month, day)
    except ValueError:
        return None


@functools.lru_cache(maxsize=1)
def _merged_words() -> tuple[dict[str, int], frozenset[str]]:
    """(month word -> month number, filler words) over ``MONTH_WORD_LANGUAGES``."""
    months = month_words()
    filler: set[str] = set()
    for language in MONTH_WORD_LANGUAGES:
        words = _words(language)
        if words is not None:
            filler.update(words[1])
    return months, frozenset(filler - months.keys())


@functools.lru_cache(maxsize=1)
def month_words() -> dict[str, int]:
    """Month word (casefolded, no trailing dot) -> month number, over ``MONTH_WORD_LANGUAGES``.

    Only alphabetic words of three letters or more that are not Roman numerals: in a text
    of unknown language a shorter name is more often a word of another language. Where two
    languages disagree on a word, the one listed first wins (none of these languages do)."""
    merged: dict[str, int] = {}
    for language in MONTH_WORD_LANGUAGES:
        words = _words(language)
        for word, number in (words[0] if words else {}).items():
            if len(word) >= _MIN_MERGED_CHARS and word.isalpha() and not _ROMAN_NUMERAL.fullmatch(word):
                merged.setdefault(word, number)
    return merged
