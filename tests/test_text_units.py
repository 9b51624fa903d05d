"""Units of the text extractor: related-story pointers, line splitting (date lines: test_dates)."""

from __future__ import annotations

import pytest

from thresher import extract
from thresher.models import Link
from thresher.options import ExtractOptions
from thresher.text.lines import split_lines
from thresher.text.related import related_prefix_target

TEXT = ExtractOptions(input="text")
PARAGRAPHS = [
    "The regional council approved the new bus timetable on Monday after a year of consultations with "
    "residents, schools and employers across the valley.",
    "Buses will run every fifteen minutes at peak hours, and the last connection from the station will "
    "leave at midnight instead of eleven in the evening.",
    "The changes cost about two million a year, most of it for drivers, and will be paid for by the "
    "region and the three largest towns together.",
    "Opposition members said the plan still leaves the smaller villages with two buses a day, and asked "
    "for a review after the first winter.",
]


@pytest.mark.parametrize(
    ("line", "target"),
    [
        ("Read also: Storm closes the coastal road", "Storm closes the coastal road"),
        ("Lesen Sie auch: Wie Betriebe Energie sparen", "Wie Betriebe Energie sparen"),
        ("Читайте также: Новый мост откроют летом", "Новый мост откроют летом"),
        ("We read also that the storm closed the road.", None),
    ],
)
def test_read_also_lines(line: str, target: str | None) -> None:
    assert related_prefix_target(line) == target


def test_a_last_subheading_inside_the_article_is_not_a_story_card() -> None:
    capture = "\n".join(
        [
            "Buses every fifteen minutes from next month",
            *PARAGRAPHS[:3],
            "What the opposition wants from the new plan",
            PARAGRAPHS[3],
            "Share this article",
            "Privacy policy",
        ]
    )
    article = extract(capture, options=TEXT)
    assert article.related == ()
    assert PARAGRAPHS[3] in article.text


def test_a_story_card_after_the_article_becomes_a_related_link() -> None:
    teaser = (
        "The harbour authority says the dredging will take four months and keep the ferry berth "
        "closed on weekdays."
    )
    capture = "\n".join(
        [
            "Buses every fifteen minutes from next month",
            *PARAGRAPHS,
            "Harbour dredging to start in January after delays",
            teaser,
            "<image>![](https://example.org/harbour.jpg)</image>",
            "Most popular",
        ]
    )
    article = extract(capture, options=TEXT)
    assert article.related == (Link("Harbour dredging to start in January after delays"),)
    assert teaser not in article.text and PARAGRAPHS[-1] in article.text


def test_image_lines_give_source_and_alternative_text() -> None:
    capture = (
        '<image>![A ferry](https://e.org/f.jpg)</image>\n<image>src="a.png" alt="Map"</image>\n'
        "<image>just words about it</image>"
    )
    lines = split_lines(capture, max_lines=10)
    assert [(line.image_src, line.image_alt) for line in lines] == [
        ("https://e.org/f.jpg", "A ferry"),
        ("a.png", "Map"),
        (None, "just words about it"),
    ]


def test_blank_lines_are_kept_as_flags_and_whitespace_is_normalised() -> None:
    lines = split_lines("  One\u00a0 line \n\n\nTwo\u200b lines\t\n", max_lines=10)
    assert [line.text for line in lines] == ["One line", "Two lines"]
    assert lines[0].blank_after and lines[1].blank_before


def test_numbered_steps_are_list_items_that_keep_their_numbers() -> None:
    capture = "\n".join(
        [
            "Three steps to a better loaf",
            *PARAGRAPHS[:2],
            "1. Mix the flour, water and salt until no dry flour is left in the bowl.",
            "2. Leave the dough covered for twelve hours at room temperature.",
            "3) Shape it, let it rise once more and bake it in a very hot oven.",
            *PARAGRAPHS[2:],
        ]
    )
    steps = [block for block in extract(capture, options=TEXT).blocks if block.kind == "list_item"]
    assert [(block.ordinal, block.text[:5]) for block in steps] == [(1, "Mix t"), (2, "Leave"), (3, "Shape")]
    assert "1. Mix the flour" in extract(capture, options=TEXT).to_markdown()


def test_a_one_paragraph_brief_among_long_menus_is_still_the_body() -> None:
    menu = [
        "News",
        "World",
        "Business",
        "Markets",
        "Sport",
        "Culture",
        "Travel",
        "Opinion",
        "Podcasts",
        "Video",
        "Weather",
        "Jobs",
        "Classifieds",
        "Obituaries",
        "Events",
        "Contact",
        "Advertise",
        "Subscribe",
        "Sign in",
        "Register",
    ]
    brief = (
        "A senior official said in a sworn statement on Tuesday that the harbour wall could fail in "
        "a strong storm, and asked the court to order repairs before the winter season begins."
    )
    teasers = [f"Another headline about item {i} in the list of the day" for i in range(12)]
    capture = "\n".join(
        [
            *menu,
            "Harbour wall could fail in a storm, official warns",
            brief,
            "Previous article",
            "Next article",
            *teasers,
            *menu,
        ]
    )
    article = extract(capture, options=TEXT)
    # Scored low by its context, the only prose of the page is still taken as its body.
    assert article.text == brief
    assert article.title == "Harbour wall could fail in a storm, official warns"
