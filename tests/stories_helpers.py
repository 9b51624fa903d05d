"""Helpers of the stories tests: made-up articles and a store with the corpus schema."""

from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path

from thresher.corpus.records import Outcome, Provenance
from thresher.corpus.store import Store
from thresher.models import Article, Block, BlockKind, Link

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
    """A store with one extracted record per ``(article, captured_at)`` and one failed
    record; returns the ids of the extracted ones."""
    with Store(path) as store:
        run_id = store.begin_run({}, "test")
        ids = []
        for index, (art, captured_at) in enumerate(captures):
            url = f"http://example.org/{index}"
            provenance = Provenance("test.warc", f"r{index}", index, url, captured_at)
            ids.append(store.write(Outcome.of_article(provenance, f"h{index}", art), "0.1.0", run_id))
        broken = Provenance("test.warc", "broken", len(captures))
        store.write(Outcome.failed(broken, None, "broken", ""), "0.1.0", run_id)
    return ids
