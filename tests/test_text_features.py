"""Line features of the text extractor.

The text-only fields of ``LineStats`` are computed for a whole page at once (the lines
joined by breaks into one array of code points, counted line by line in compiled
loops), so a line's numbers must not depend on its neighbours: measured inside a page
or alone, they match. The page's words must be exactly the regex's words.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from thresher.text.features import TEXT_FIELDS, PageStats, line_stats
from thresher.text.lines import split_lines
from thresher.text.page_text import page_words, vocabulary_keys

PIECES = [
    "The",
    "council",
    "approved",
    "it",
    "on",
    "Monday.",
    "He",
    "said:",
    "“Yes.”",
    "wrote",
    "Comments",
    "12",
    "Share",
    "sign",
    "up",
    "newsletter",
    "|",
    "/",
    "»",
    "May",
    "3,",
    "2024",
    "10:45",
    "©",
    "Copyright",
    "https://example.org/a",
    "www",
    "a@b.co",
    "•",
    "-",
    "1.",
    "5",
    "min",
    "read",
    "…",
    "...",
    "iPhone",
    "Student-AthleteA",
    "中文字",
    "日本語の文",
    "Ünïcödé",
    "ΣΟΦΙΑ",
    "«Quote»",
    "(c)",
    ",",
    "，",
    "、",
    "?",
    "!",
    "<image>![alt](https://example.org/x.jpg)</image>",
    "__",
    "'’-",
    "l'été",
    "rock-'n'-roll",
    "١٢:٣٤",
]

line_text = st.lists(st.sampled_from(PIECES), min_size=1, max_size=30).map(" ".join)


def _text_fields(stats: PageStats, k: int) -> tuple[object, ...]:
    return tuple(stats.column(name)[k] for name in TEXT_FIELDS)


@settings(max_examples=150, deadline=None)
@given(st.lists(line_text, min_size=1, max_size=25))
def test_a_line_measures_the_same_in_a_page_and_alone(texts: list[str]) -> None:
    lines = split_lines("\n".join(texts), max_lines=1000)
    in_page = line_stats(lines)
    for k, (line, stats) in enumerate(zip(lines, in_page.rows, strict=True)):
        if line.is_image:
            assert stats.is_image and stats.words == 0
            assert not any(_text_fields(in_page, k))
            continue
        alone = line_stats(split_lines(line.text, max_lines=10))
        assert stats[:-2] == alone.rows[0][:-2], line.text  # the rows, but for repeated and is_image
        assert _text_fields(in_page, k) == _text_fields(alone, 0), line.text


def test_fields_of_known_lines() -> None:
    lines = split_lines(
        "\n".join(
            [
                "He said: “It works.” She agreed.",
                "Alex on May 3, 2019 at 6:34 am said:",
                "Home | News | Sport",
                "12 Comments",
                "Share",
                "Share",
                "Visit https://example.org for more",
            ]
        ),
        max_lines=100,
    )
    stats = line_stats(lines)
    prose, comment, menu, heading, share, _, url = stats.rows
    assert prose.words == 6 and stats.column("sentences")[0] == 2 and prose.ends_sentence and prose.full_stop
    assert comment.comment_header and comment.date_like and not prose.comment_header
    assert menu.separators and not prose.separators
    assert heading.comments_heading and not menu.comments_heading
    assert share.interface and share.repeated and not prose.repeated
    assert url.url and not prose.url


WORD = re.compile(r"\w[\w'’-]*")  # what page_words calls a word, emoji and other scripts included


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.text(alphabet=st.sampled_from("aZé_1٣ 'ʼ’-.—\n日😀İ"), max_size=40), min_size=1, max_size=20)
)
def test_page_words_are_the_regex_words(texts: list[str]) -> None:
    lines = [t.replace("\n", " ") for t in texts]
    page = page_words(lines)
    joined = "\n".join(lines)
    found = list(WORD.finditer(joined))
    assert page.starts.tolist() == [m.start() for m in found]
    assert page.lengths.tolist() == [len(m.group()) for m in found]
    assert page.lines.tolist() == [joined.count("\n", 0, m.start()) for m in found]
    # Keys are of the lower-cased word ("İ" lowered to one "i", not to "i" and a combining dot).
    lowered = (m.group().replace("İ", "i").lower() for m in found)
    assert page.keys.tolist() == vocabulary_keys(lowered).tolist()


def test_words_of_a_long_page() -> None:
    lines = ["Die Katze schläft, the cat sleeps"] * 3000  # > 64K characters
    page = page_words(lines)
    assert len(page.starts) == 6 * 3000
    assert len(set(page.keys.reshape(3000, 6)[:, 3].tolist())) == 1
    assert page.keys[3] == vocabulary_keys(["THE"])[0]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.sampled_from("aZé_1٣ 'ʼ’-.—😀İ"), min_size=1, max_size=40),
        min_size=1,
        max_size=20,
    )
)
def test_line_words_are_the_regex_words(texts: list[str]) -> None:
    lines = split_lines("\n".join(texts), max_lines=1000)
    stats = line_stats(lines)
    for line, row in zip(lines, stats.rows, strict=True):
        assert row.words == len(WORD.findall(line.text)), line.text


def test_a_headline_glued_to_its_teaser() -> None:
    lines = split_lines(
        "\n".join(
            [
                "Deal Of The DayA new phone with a larger screen goes on sale",
                "The new iPhone goes on sale in many countries this week",
                "NASA and the ESA plan a joint mission to Mars in the next decade",
            ]
        ),
        max_lines=100,
    )
    glued, camel_case, acronyms = line_stats(lines).rows
    assert glued.glued and not camel_case.glued and not acronyms.glued
