"""Golden text captures written for these tests: each ``NAME.txt`` with ``NAME.expected.json``.

The expectations say what a reader of the capture takes as the article: its title,
date and byline, where the body starts and ends, lines that must and must not be
in it, and the related links.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from thresher import extract
from thresher.models import Article, EmptyReason
from thresher.options import ExtractOptions

GOLDEN = Path(__file__).resolve().parent / "golden" / "text"
CASES = sorted(path.name[: -len(".expected.json")] for path in GOLDEN.glob("*.expected.json"))


def _extract(name: str) -> tuple[Article, dict]:
    capture = (GOLDEN / f"{name}.txt").read_bytes()
    expected = json.loads((GOLDEN / f"{name}.expected.json").read_text(encoding="utf-8"))
    return extract(capture, options=ExtractOptions(explain=True)), expected


def test_there_are_golden_cases() -> None:
    assert len(CASES) >= 5


@pytest.mark.parametrize("name", CASES)
def test_golden_metadata(name: str) -> None:
    article, expected = _extract(name)
    if "title" in expected:
        assert article.title == expected["title"]
    if "published" in expected:
        assert article.published == datetime.fromisoformat(expected["published"])
    if "authors" in expected:
        assert list(article.authors) == expected["authors"]


@pytest.mark.parametrize("name", CASES)
def test_golden_body(name: str) -> None:
    article, expected = _extract(name)
    if expected["empty"]:
        assert article.is_empty and article.empty_reason == EmptyReason.NO_ARTICLE
        return
    assert article.blocks and article.empty_reason is None
    texts = [block.text for block in article.blocks]
    if "body_first" in expected:
        assert texts[0].startswith(expected["body_first"])
    if "body_last" in expected:
        assert texts[-1].endswith(expected["body_last"])
    for wanted in expected.get("body_includes", []):
        assert wanted in article.text, wanted
    for unwanted in expected.get("body_excludes", []):
        assert unwanted not in article.text, unwanted


@pytest.mark.parametrize("name", CASES)
def test_golden_related_and_explanations(name: str) -> None:
    article, expected = _extract(name)
    if "related" in expected:
        assert [link.text for link in article.related] == expected["related"]
    capture_lines = {line.strip() for line in (GOLDEN / f"{name}.txt").read_text().splitlines()}
    # Every dropped line is explained, and every line of the capture is either kept or explained.
    assert all(not block.kept and block.reason for block in article.discarded)
    accounted = {b.text for b in article.blocks} | {b.text for b in article.discarded}
    accounted |= {link.text for link in article.related} | {article.title or ""}
    for line in capture_lines - {""}:
        assert any(line in text or text in line for text in accounted if text), line
