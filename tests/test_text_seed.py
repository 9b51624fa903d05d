"""The acceptance test of text input: the seed capture and its clean twin (issue 4)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from conftest import SEEDS
from thresher import extract
from thresher.models import BlockKind, BlockReason, Link
from thresher.options import ExtractOptions

CAPTURE = SEEDS / "001_ba017784b4be2fbe.txt"
CLEAN = SEEDS / "000_dc9d9d334f7e463c.txt"
RELATED = "Xi, Putin to participate in Shanghai Cooperation Organization meeting in Astana"

pytestmark = pytest.mark.skipif(not CAPTURE.exists(), reason="../shared/seeds is not beside the repository")


def _paragraphs(path: Path) -> list[str]:
    return [b.text for b in extract(path.read_bytes()).blocks if b.kind == BlockKind.PARAGRAPH]


def test_seed_capture_title_and_naive_date() -> None:
    article = extract(CAPTURE.read_bytes())
    assert article.title == "Allies believe China developing attack drones to aid Russia, Bloomberg reports"
    assert article.published == datetime(2024, 7, 3, 4, 45)
    assert article.published.tzinfo is None


def test_seed_capture_body_is_the_nine_paragraphs() -> None:
    article = extract(CAPTURE.read_bytes())
    body = [block.text for block in article.blocks]
    assert len(body) == 9
    assert body[0].startswith("Chinese companies are allegedly developing")
    assert body[-1].endswith("relatively expensive to down.")
    assert all(block.kind == BlockKind.PARAGRAPH and block.kept for block in article.blocks)


def test_seed_capture_matches_the_clean_capture_word_for_word() -> None:
    clean = [p.replace("providingRussia", "providing Russia") for p in _paragraphs(CLEAN)]
    assert _paragraphs(CAPTURE) == clean
    assert len(clean) == 9


def test_seed_capture_related_link_and_teaser_left_out() -> None:
    article = extract(CAPTURE.read_bytes())
    assert article.related == (Link(RELATED),)
    assert "U.N. Secretary General" not in article.text


@pytest.mark.parametrize(
    "furniture",
    [
        "Edit post",
        "2 min read",
        "This audio is created with AI assistance",
        "Sign up for our newsletter",
        "WTF is wrong with Russia?",
        "Most popular",
        "Editors' Picks",
        "Taurus missiles",
        "Did Trump lie about",
        "Afghanistan playbook",
        "Donetsk front",
    ],
)
def test_seed_capture_drops_page_furniture(furniture: str) -> None:
    assert furniture not in extract(CAPTURE.read_bytes()).text


def test_seed_capture_is_detected_as_text_and_explains_drops() -> None:
    article = extract(CAPTURE.read_bytes(), options=ExtractOptions(explain=True))
    dropped = {block.text: block.reason for block in article.discarded}
    assert all(not block.kept and block.reason for block in article.discarded)
    assert dropped["Sign up for our newsletter"]
    assert dropped["July 3, 2024 4:45 AM"] is BlockReason.BYLINE_DATE
    assert article.images and article.images[0].alt == ""


def test_clean_capture_headline_caption_body_and_read_also() -> None:
    article = extract(CLEAN.read_bytes(), options=ExtractOptions(include_captions=True))
    assert article.title == (
        "Allies believe China allegedly developing attack drones to aid Russia, Bloomberg reports"
    )
    captions = [b.text for b in article.blocks if b.kind == BlockKind.CAPTION]
    assert len(captions) == 1 and captions[0].startswith("Photo for illustrative purposes:")
    assert article.blocks[0].kind == BlockKind.CAPTION
    assert len(_paragraphs(CLEAN)) == 9
    assert article.related == (Link(RELATED),)
    assert "Read also" not in article.text


def test_clean_capture_caption_stays_with_the_images_by_default() -> None:
    article = extract(CLEAN.read_bytes())
    assert not [b for b in article.blocks if b.kind == BlockKind.CAPTION]
    assert "Photo for illustrative purposes" not in article.text
    assert [image.caption[:31] for image in article.images] == ["Photo for illustrative purposes"]
