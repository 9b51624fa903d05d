"""The one test of a body too short to trust, and of another reading worth taking, that
the remedies for a short body share (``thresher.html.short_body``)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from thresher.html.short_body import MIN_WORDS, OUTWEIGH, SHORT_WORDS, body_words, outweighs, too_short, words


def test_a_body_is_too_short_below_the_bound_and_trusted_from_it() -> None:
    assert too_short(body_words(["word " * (SHORT_WORDS - 1)]))
    assert not too_short(body_words(["word " * SHORT_WORDS]))
    assert not too_short(body_words(["word " * (SHORT_WORDS // 2)] * 2))  # (counted over blocks)


def test_another_reading_must_hold_several_times_the_words_and_a_floor() -> None:
    assert outweighs(["word " * MIN_WORDS], 0)
    assert not outweighs(["word " * (MIN_WORDS - 1)], 0)
    assert outweighs(["word " * (OUTWEIGH * 30)], 30)
    assert not outweighs(["word " * (OUTWEIGH * 30 - 1)], 30)


@settings(deadline=None)
@given(st.lists(st.text(max_size=80), max_size=12))
def test_body_words_counts_the_words_of_the_joined_blocks_up_to_the_bound(texts: list[str]) -> None:
    # (a word never spans two blocks: a body joins them with line breaks)
    assert body_words(texts) == min(words("\n".join(texts)), SHORT_WORDS)


@settings(deadline=None)
@given(st.lists(st.text(st.characters(max_codepoint=127), max_size=80), max_size=12))
def test_ascii_blocks_are_counted_as_words_counts_them(texts: list[str]) -> None:
    assert body_words(texts) == min(words("\n".join(texts)), SHORT_WORDS)


def test_each_character_of_a_script_without_spaces_counts_as_a_word() -> None:
    assert words("先日、不正に改造した iPhone を") == 11
    assert not too_short(body_words(["東京の港で新しい橋が開通した。"] * 10))
    assert too_short(body_words(["東京の港で新しい橋が開通した。"] * 5))
