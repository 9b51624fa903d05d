"""Helpers of the stories tests: made-up articles and a store with the corpus schema."""

from __future__ import annotations

import random
import sqlite3
from datetime import datetime
from pathlib import Path

from thresher.models import Article, Block, BlockKind, Link

SRC = Path(__file__).resolve().parents[1] / "src"

SCHEMA = """
CREATE TABLE records (
    id INTEGER PRIMARY KEY, source TEXT, record_id TEXT, offset INTEGER, url TEXT,
    captured_at TEXT, content_hash TEXT, thresher_version TEXT, status TEXT, reason TEXT,
    title TEXT, published TEXT, text TEXT, article_json TEXT)
"""

_SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "si", "de", "pa", "gu", "ber", "sol", "tin", "mar"]


def made_up_paragraphs(seed: int, count: int, words: int = 40) -> list[str]:
    """``count`` paragraphs of invented words, different for each seed."""
    rng = random.Random(seed)
    vocabulary = ["".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 3))) for _ in range(3000)]
    paragraphs = []
    for _ in range(count):
        sentence_words = [rng.choice(vocabulary) for _ in range(words)]
        text = " ".join(sentence_words)
        paragraphs.append(text[0].upper() + text[1:] + ".")
    return paragraphs


def article(
    title: str | None,
    paragraphs: list[str],
    *,
    captions: tuple[str, ...] = (),
    related: tuple[str, ...] = (),
    published: datetime | None = None,
) -> Article:
    blocks = tuple(Block(BlockKind.CAPTION, c) for c in captions) + tuple(
        Block(BlockKind.PARAGRAPH, p) for p in paragraphs
    )
    return Article(title=title, blocks=blocks, related=tuple(Link(r) for r in related), published=published)


def make_store(path: Path, captures: list[tuple[Article, str | None]]) -> list[int]:
    """A store with one extracted record per ``(article, captured_at)``; returns the record ids."""
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(SCHEMA)
        ids = []
        for index, (art, captured_at) in enumerate(captures):
            cursor = connection.execute(
                "INSERT INTO records (source, record_id, offset, url, captured_at, content_hash, "
                "thresher_version, status, reason, title, published, text, article_json) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, 'extracted', NULL, ?, ?, ?, ?)",
                (
                    "test.warc",
                    f"r{index}",
                    index,
                    f"http://example.org/{index}",
                    captured_at,
                    f"h{index}",
                    "0.1.0",
                    art.title,
                    art.published.isoformat() if art.published else None,
                    art.text,
                    art.to_json(),
                ),
            )
            ids.append(int(cursor.lastrowid or 0))
        connection.execute("INSERT INTO records (status, reason) VALUES ('failed', 'broken')")
    connection.close()
    return ids
