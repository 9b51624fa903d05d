"""The language of a text capture, read from the function words of its body."""

from __future__ import annotations

from pathlib import Path

from conftest import SEEDS
from thresher import ExtractOptions, extract
from thresher.text.language import guess_language

GOLDEN = Path(__file__).parent / "golden" / "text"
TEXT = ExtractOptions(input="text")


def test_the_seed_capture_is_english() -> None:
    assert extract((SEEDS / "001_ba017784b4be2fbe.txt").read_bytes()).language == "en"


def test_a_german_capture_is_german() -> None:
    assert extract((GOLDEN / "german_news.txt").read_bytes(), options=TEXT).language == "de"


def test_languages_by_their_function_words() -> None:
    assert (
        guess_language(
            [
                "Le conseil a voté pour le projet, et les travaux de la digue commencent "
                "au printemps avec une aide de la région pour les habitants."
            ]
        )
        == "fr"
    )
    assert (
        guess_language(
            [
                "El ayuntamiento aprobó el plan y las obras comenzarán en la primavera, "
                "con una ayuda de la región para los vecinos del puerto."
            ]
        )
        == "es"
    )
    assert (
        guess_language(
            [
                "Gemeenteraad stemt in met het plan voor de haven en de werken zijn "
                "voor de zomer klaar, zegt de burgemeester van de stad."
            ]
        )
        == "nl"
    )


def test_too_little_text_names_no_language() -> None:
    assert guess_language(["Home", "News", "Sport"]) is None
    assert guess_language([]) is None
