"""The date reader of the package (``thresher.dates``): machine dates, dates written for
people in a known language, date lines of text captures, URLs, and the month names
they all share. Examples are written for these tests; property tests check that no
string makes any reader raise."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thresher.dates import (
    date_from_url,
    day_first,
    find_date_in_text,
    find_dates_in_text,
    month_words,
    parse_date,
    parse_date_line,
    parse_date_line_thoroughly,
    parse_day_month_year,
    parse_free_text_date,
)
from thresher.dates.locale_months import MONTH_WORD_LANGUAGES
from thresher.text.vocabulary import MONTHS

PLUS_TWO = timezone(timedelta(hours=2))


# ----------------------------------------------------------------------------- machine dates
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-05-17", datetime(2020, 5, 17)),
        ("2020-05-17T10:30:00Z", datetime(2020, 5, 17, 10, 30, tzinfo=UTC)),
        ("2020-05-17T10:30:00+02:00", datetime(2020, 5, 17, 10, 30, tzinfo=PLUS_TWO)),
        ("2021-08-09T05:00:00 UTC", datetime(2021, 8, 9, 5, 0, tzinfo=UTC)),
        ("Tue, 14 Sep 2021 07:30:00 +0200", datetime(2021, 9, 14, 7, 30, tzinfo=PLUS_TWO)),
        ("May 2020", None),  # no day
        ("January 1, 2021", datetime(2021, 1, 1)),  # day and month those of a default, yet written
        ("June 12", None),  # no year
        ("Sunday, 12 June 2022", datetime(2022, 6, 12)),
        ("10:30", None),  # no date at all
        ("1970-01-01", None),  # placeholder epoch
        ("not a date", None),
        ("", None),
    ],
)
def test_parse_date(value: str, expected: datetime | None) -> None:
    assert parse_date(value) == expected


def test_parse_date_day_first_only_when_asked() -> None:
    assert parse_date("07/03/2021", dayfirst=True) == datetime(2021, 3, 7)
    assert parse_date("07/03/2021") == datetime(2021, 7, 3)
    assert parse_date("2021-03-12", dayfirst=True) == datetime(2021, 3, 12)  # ISO stays ISO


def test_day_first_everywhere_but_in_english() -> None:
    assert day_first("de-AT") and day_first("fr")
    assert not day_first("en-US") and not day_first(None) and not day_first("")


def test_a_date_far_in_the_future_is_not_a_publication_date() -> None:
    assert parse_date(f"{datetime.now().year + 3}-01-15") is None


# ----------------------------------------------------------------------------- dates for people
def test_free_text_dates_in_the_page_language() -> None:
    assert parse_free_text_date("12. März 2021", language="de") == datetime(2021, 3, 12)
    assert parse_free_text_date("8 de junio de 2021", language="es") == datetime(2021, 6, 8)
    assert parse_free_text_date("vor 2 Stunden", language="de") is None  # relative: no year named
    assert parse_free_text_date("hace 3 horas", language="es") is None


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Stand: 12.03.2021, 10:00 Uhr", "de", datetime(2021, 3, 12)),
        ("Publié le 5 mars 2020 à 10h", "fr", datetime(2020, 3, 5)),
        ("Pubblicato il 5 marzo 2020 alle 9", "it", datetime(2020, 3, 5)),
        ("Opublikowano 5 marca 2020", "pl", datetime(2020, 3, 5)),
        ("Updated March 5, 2020, after the vote", "en", datetime(2020, 3, 5)),
        ("Опубликовано 5 марта 2020", "ru", datetime(2020, 3, 5)),
        ("Founded in 2020 by two friends", "en", None),
    ],
)
def test_a_date_found_inside_page_text(text: str, language: str, expected: datetime | None) -> None:
    assert find_date_in_text(text, language=language) == expected


def test_dates_in_a_text_come_with_where_they_start() -> None:
    text = "Updated 5 March 2021 · Published 2 March 2021"
    found = list(find_dates_in_text(text, language="en"))
    assert found == [(datetime(2021, 3, 5), 8), (datetime(2021, 3, 2), 33)]
    assert text[33:].startswith("2 March")


@settings(max_examples=200, deadline=None)
@given(
    before=st.text(max_size=40),
    day=st.dates(min_value=date(1995, 1, 1), max_value=date(2024, 12, 31)),
    after=st.text(max_size=40),
)
def test_the_first_date_found_is_the_one_find_date_in_text_gives(before: str, day: date, after: str) -> None:
    text = f"{before} {day.day} {day.strftime('%B')} {day.year} {after}"
    found = list(find_dates_in_text(text, language="en"))
    assert find_date_in_text(text, language="en") == (found[0][0] if found else None)
    assert all(0 <= start < len(text) and text[start].isalnum() for _, start in found)


def test_only_the_first_tries_of_a_text_are_read() -> None:
    text = "Room 12 of 2019 " * 3 + "published 3 May 2021"
    assert find_date_in_text(text, language="en") == datetime(2021, 5, 3)
    assert find_date_in_text(text, language="en", tries=0) is None


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("22 de outubro de 2010", "pt", datetime(2010, 10, 22)),
        ("Montag, 30. Juli 2018", "de", datetime(2018, 7, 30)),
        ("24 сентября 2018", "ru", datetime(2018, 9, 24)),
        ("30. Juli 2018", "en", None),  # not an English month name
        ("12. März 2021, 10:00 Uhr", "de", None),  # a time: left to dateparser
        ("31 février 2020", "fr", None),  # no such day
        ("30 juillet 2018", "xx", None),  # unknown language
    ],
)
def test_day_month_year_read_with_locale_month_names(
    text: str, language: str, expected: datetime | None
) -> None:
    assert parse_day_month_year(text, language) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Samstag, 5. Oktober 2013", datetime(2013, 10, 5)),
        ("12 de marzo de 2021", datetime(2021, 3, 12)),
        ("May 5, 2021", datetime(2021, 5, 5)),
        ("5 lipca 2020", datetime(2020, 7, 5)),
        ("5. Oktober 2013, 10:00 Uhr", None),  # a time: left alone without a language
        ("Room 5 of 2013", None),
    ],
)
def test_a_date_in_a_page_of_unknown_language_is_read_with_the_common_month_names(
    text: str, expected: datetime | None
) -> None:
    assert parse_free_text_date(text) == expected
    assert parse_day_month_year(text, None) == expected


@settings(max_examples=200, deadline=None)
@given(
    day=st.dates(min_value=date(1995, 1, 1), max_value=date(2024, 12, 31)),
    word=st.sampled_from(sorted(month_words().items())),
    form=st.sampled_from(["{d}. {m} {y}", "{d} {m} {y}", "{m} {d}, {y}", "{d} de {m} de {y}"]),
)
def test_any_common_month_name_reads_without_the_language(
    day: date, word: tuple[str, int], form: str
) -> None:
    """A day written with a month name of any common language reads as that day when
    the page does not say its language."""
    name, month = word
    if day.day > 28:
        day = day.replace(day=28)
    text = form.format(d=day.day, m=name, y=day.year)
    assert parse_day_month_year(text, None) == datetime(day.year, month, day.day)


# ----------------------------------------------------------------------------- the month names
def test_the_merged_month_words_name_all_twelve_months() -> None:
    assert set(month_words().values()) == set(range(1, 13))
    assert len(MONTH_WORD_LANGUAGES) > 12  # and many languages, not English alone


@pytest.mark.parametrize(
    ("word", "month"),
    [
        ("march", 3),
        ("märz", 3),
        ("marts", 3),
        ("maaliskuuta", 3),
        ("března", 3),
        ("mart", 3),
        ("lipca", 7),
        ("июля", 7),
        ("липня", 7),
        ("juillet", 7),
        ("luglio", 7),
        ("ιουλίου", 7),
        ("okt", 10),
        ("outubro", 10),
        ("grudnia", 12),
        ("dezember", 12),
    ],
)
def test_month_words_of_the_common_languages(word: str, month: int) -> None:
    assert month_words()[word] == month


def test_merged_month_words_leave_out_roman_numerals_and_short_abbreviations() -> None:
    words = month_words()
    assert not {"i", "v", "x", "iii", "xii", "ha", "ek"} & words.keys()
    assert all(len(word) >= 3 and word.isalpha() for word in words)


def test_every_month_word_of_the_line_features_is_read_as_that_month() -> None:
    words = month_words()
    assert {word: words.get(word) for word in MONTHS} == MONTHS


# ----------------------------------------------------------------------------- date lines of captures
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("July 3, 2024 4:45 AM", datetime(2024, 7, 3, 4, 45)),
        ("Published 12 March 2021 at 9:05 pm", datetime(2021, 3, 12, 21, 5)),
        ("3. Juli 2024, 14:30 Uhr", datetime(2024, 7, 3, 14, 30)),
        ("03.07.2024", datetime(2024, 7, 3)),
        ("11/19/2019 by Lars", datetime(2019, 11, 19)),
        ("4 de maio de 2022, 05:34 h", datetime(2022, 5, 4, 5, 34)),
        ("3 июля 2024 г., 12:00", datetime(2024, 7, 3, 12, 0)),
        ("2024年7月3日", datetime(2024, 7, 3)),
        ("3. marts 2024", datetime(2024, 3, 3)),
        ("Julkaistu 3. maaliskuuta 2024", datetime(2024, 3, 3)),
        ("3 Mart 2024 10:15", datetime(2024, 3, 3, 10, 15)),
        ("Opublikowano 3 lipca 2024", datetime(2024, 7, 3)),
        ("3 Ιουλίου 2024", datetime(2024, 7, 3)),
        ("3 de julio de 2024 a las 10:15", datetime(2024, 7, 3, 10, 15)),
    ],
)
def test_date_lines_in_many_languages_stay_naive(line: str, expected: datetime) -> None:
    assert parse_date_line(line) == expected


def test_a_date_line_with_a_zone_is_aware() -> None:
    assert parse_date_line("2024-07-03T04:45:00+02:00") == datetime(2024, 7, 3, 4, 45, tzinfo=PLUS_TWO)
    assert parse_date_line("Posted 3 Feb 2024 15:00 GMT+2") == datetime(2024, 2, 3, 15, 0, tzinfo=PLUS_TWO)


@pytest.mark.parametrize(
    "line",
    [
        "2019",
        "7 key questions heading into the 2020 debate",
        "Best of 2019: Pizza",
        "Talks resume in May 2024",
        "3 III 2024",
    ],
)
def test_a_year_alone_is_no_date(line: str) -> None:
    assert parse_date_line_thoroughly(line) is None


def test_the_thorough_reading_knows_the_page_text_forms() -> None:
    line = "Von Deutscher Tennis Bund 4. 2. 2022."
    assert parse_date_line(line) is None
    assert parse_date_line_thoroughly(line) == datetime(2022, 2, 4)  # day first, as outside the US


def test_a_long_sentence_is_not_a_date_line() -> None:
    line = "The council met on 3 July 2024 " + "and talked about the buses for a long time " * 5
    assert parse_date_line(line) is None


# ----------------------------------------------------------------------------- URLs
def test_date_from_url() -> None:
    assert date_from_url("https://a.example/2020/05/17/story") == datetime(2020, 5, 17)
    assert date_from_url("https://a.example/news/20200517-story") == datetime(2020, 5, 17)
    assert date_from_url("https://a.example/news/17-05-2020-story") == datetime(2020, 5, 17)
    assert date_from_url("https://a.example/2020/13/45/story") is None
    assert date_from_url("https://2020.example/05/17") is None  # the host is not the path
    assert date_from_url(None) is None


# ----------------------------------------------------------------------------- no string raises
_LANGUAGES = st.none() | st.sampled_from(["de", "en", "es", "ru", "xx", "", "de-AT", "zh-Hant", "../x"])
_DATE_LIKE = st.from_regex(r"\A[0-9]{1,4}[ ./-][A-Za-zäéл0-9]{1,9}[ ./-][0-9]{2,4}( [0-9:apmAPM+Z]{1,8})?\Z")


@settings(max_examples=300, deadline=None)
@given(value=st.text(max_size=120) | _DATE_LIKE, language=_LANGUAGES)
def test_no_string_makes_a_reader_raise(value: str, language: str | None) -> None:
    for moment in (
        parse_date(value),
        parse_date(value, dayfirst=True),
        parse_free_text_date(value, language=language),
        find_date_in_text(value, language=language),
        parse_day_month_year(value, language or ""),
        parse_date_line(value),
        parse_date_line_thoroughly(value),
        date_from_url(value),
    ):
        assert moment is None or isinstance(moment, datetime)


@settings(max_examples=200, deadline=None)
@given(value=_DATE_LIKE)
def test_a_line_read_without_a_zone_stays_naive(value: str) -> None:
    moment = parse_date_line(value)
    if moment is not None and not any(mark in value.casefold() for mark in "+z"):
        assert moment.tzinfo is None
