"""Text input at its limits: detection, bad and hostile captures, the CLI, properties."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run_cli
from thresher import extract
from thresher.detect import detect_input_kind
from thresher.errors import InputTooLargeError, ThresherError, UnsupportedInputError
from thresher.models import Article, EmptyReason
from thresher.options import ExtractOptions

TEXT = ExtractOptions(input="text")
GOLDEN = Path(__file__).resolve().parent / "golden" / "text"
PARAGRAPH = (
    "The council voted on Tuesday to keep the library open on Sundays, after residents "
    "collected more than two thousand signatures in a single month."
)


def test_text_captures_with_image_lines_are_detected_as_text() -> None:
    capture = "Menu\nA headline about the river\n<image>![](https://e.org/a.jpg)</image>\n" + PARAGRAPH
    assert detect_input_kind(capture) == "text"
    assert detect_input_kind("<image>![](https://e.org/a.jpg)</image>\nA headline\n" + PARAGRAPH) == "text"
    for path in GOLDEN.glob("*.txt"):
        assert detect_input_kind(path.read_text(encoding="utf-8")) == "text", path.name


def test_html_is_still_detected_as_html() -> None:
    assert detect_input_kind("<!doctype html><html><body><p>x</p></body></html>") == "html"


def test_auto_detection_routes_a_capture_to_the_text_extractor() -> None:
    capture = "\n".join(
        [
            "Home",
            "News",
            "Sport",
            "The library stays open on Sundays",
            "May 4, 2021",
            PARAGRAPH,
            PARAGRAPH.replace("Tuesday", "Monday"),
            PARAGRAPH.replace("library", "pool"),
            "Share",
            "Privacy policy",
        ]
    )
    article = extract(capture)
    assert article.title == "The library stays open on Sundays"
    assert PARAGRAPH in article.text and "Privacy policy" not in article.text


@pytest.mark.parametrize("capture", ["", "   \n\n\t  \n"])
def test_empty_capture_gives_empty_article_with_reason(capture: str) -> None:
    article = extract(capture, options=TEXT)
    assert article.is_empty and article.empty_reason == EmptyReason.EMPTY_INPUT


def test_capture_of_only_images_has_no_text() -> None:
    article = extract("<image>![a cat](c.jpg)</image>\n<image>alt only</image>\n", options=TEXT)
    assert article.is_empty and article.empty_reason == EmptyReason.NO_TEXT


def test_binary_data_is_refused() -> None:
    with pytest.raises(UnsupportedInputError):
        extract("\x00\x01\x02\x03binary\x00\x00\x07" * 1000, options=TEXT)
    with pytest.raises(ThresherError):
        extract(bytes(range(256)) * 400, options=TEXT)


def test_more_lines_than_allowed_raise() -> None:
    with pytest.raises(InputTooLargeError):
        extract("line\n" * 11, options=ExtractOptions(input="text", max_lines=10))


def test_millions_of_lines_raise_before_any_work() -> None:
    with pytest.raises(InputTooLargeError):
        extract("x\n" * 2_000_000, options=TEXT)


def test_one_gigantic_line_gives_an_article_without_hanging() -> None:
    article = extract((PARAGRAPH + " ") * 40_000, options=TEXT)
    assert isinstance(article, Article)
    assert article.blocks or article.empty_reason


def test_mixed_scripts_are_handled() -> None:
    lines = [
        "Главная",
        "ニュース",
        "الأخبار",
        "Учёные нашли в Антарктиде новый вид рачков, которые живут подо льдом на глубине ста метров.",
        "研究チームは、氷の下で暮らす小さな甲殻類の新種を見つけたと発表した。観察は三年間続いた。",
        "أعلن الباحثون اكتشاف نوع جديد من القشريات يعيش تحت الجليد على عمق مئة متر في القارة القطبية.",
        "Emoji 🦐🧊 and ZWJ\u200dtext with \u00a0no-break spaces.",
        "© 2024",
    ]
    article = extract("\n".join(lines), options=TEXT)
    assert isinstance(article, Article)
    assert article.blocks or article.empty_reason


def test_explain_lists_dropped_lines_only_on_request() -> None:
    capture = "\n".join(
        [
            "Home",
            "Login",
            "A headline for the test",
            PARAGRAPH,
            PARAGRAPH + " Again.",
            PARAGRAPH + " Once more.",
            "Terms of use",
        ]
    )
    assert extract(capture, options=TEXT).discarded == ()
    explained = extract(capture, options=ExtractOptions(input="text", explain=True))
    assert {"Home", "Login", "Terms of use"} <= {b.text for b in explained.discarded}


def test_cli_extracts_a_text_capture_as_json(tmp_path: Path) -> None:
    path = tmp_path / "capture.txt"
    path.write_bytes((GOLDEN / "german_news.txt").read_bytes())
    result = run_cli("extract", "--input", "text", "--format", "json", str(path), text=True)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == "Bäckereien kämpfen mit hohen Energiepreisen"
    assert data["published"] == "2022-10-12T14:30:00"
    assert "Die Öfen laufen" in data["text"]


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
_LINE = st.text(st.characters(blacklist_categories=("Cs",)), max_size=120).map(lambda s: s.replace("\n", " "))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_LINE, st.just(PARAGRAPH), st.just(""), st.just("<image>x</image>")), max_size=60))
def test_any_capture_gives_an_article_of_its_own_lines_or_a_thresher_error(lines: list[str]) -> None:
    capture = "\n".join(lines)
    try:
        article = extract(capture, options=TEXT)
    except ThresherError:
        return
    assert bool(article.blocks) != bool(article.empty_reason)
    source = " ".join(_CONTROL.sub("", capture).split())  # control characters are dropped
    for block in article.blocks:
        assert block.kept and block.reason
        assert " ".join(block.text.split()) in source or block.kind in ("list_item", "quote")


@pytest.mark.parametrize("separator", ["\r", "\u2028", "\r\n"])
def test_every_kind_of_line_break_counts_against_max_lines(separator: str) -> None:
    with pytest.raises(InputTooLargeError):
        extract(separator.join(["a line of text"] * 11), options=ExtractOptions(input="text", max_lines=10))
