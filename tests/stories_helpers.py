"""Helpers of the stories tests: made-up articles and a store with the corpus schema."""

from __future__ import annotations

import os
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


# Pages for end-to-end tests through `thresher run`: one story's paragraphs and an unrelated one's.
PARAGRAPHS = [
    "The town council met on Monday evening to vote on the new harbour plan, after months of debate.",
    "It approved the plan by seven votes to two, with the mayor abstaining from the final vote.",
    "Work on the sea wall will begin in the spring and is expected to last about eighteen months.",
    "Fishermen said the closure would cost them a season, and asked the council for compensation.",
    "The harbour master said boats would be moved to the northern quay while the work goes on.",
]
OTHER = [
    "The museum opened a new wing on Saturday, dedicated to the history of printing in the region.",
    "Visitors queued for an hour to see a restored press that once printed the town's newspaper.",
    "The curator said the collection had taken twelve years to assemble from private donors.",
]


def page(headline: str, paragraphs: list[str], published: str | None, caption: str | None = None) -> str:
    """A news page: site chrome around an article with headline, publication date, figure."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    figure = f'<figure><img src="a.jpg"><figcaption>{caption}</figcaption></figure>' if caption else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head><title>{headline} | Coast News</title>{meta}</head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>{headline}</h1>"
        f"{figure}{body}</article><footer>Copyright Coast News</footer></body></html>"
    )


def write_page(folder: Path, name: str, html: str, mtime: int) -> Path:
    """Write a page with a chosen file time (what `thresher run` records as capture time)."""
    path = folder / name
    path.write_text(html, encoding="utf-8")
    os.utime(path, (mtime, mtime))
    return path


def story_pages(folder: Path) -> dict[str, Path]:
    """Captures of one story (one of them twice, byte for byte) and of an unrelated one.

    The file times disagree with the publication dates: the earliest version was saved last.
    """
    folder.mkdir(parents=True, exist_ok=True)
    edited = [*PARAGRAPHS[:2], PARAGRAPHS[2].replace("eighteen", "twenty"), *PARAGRAPHS[3:]]
    updated = page(
        "Harbour closes after heavy storm",
        edited,
        "2024-03-02T08:00:00Z",
        caption="Boats moored at the northern quay on Tuesday",
    )
    first = page("Harbour closes after storm", PARAGRAPHS, "2024-03-01T08:00:00Z")
    other = page("Museum opens new wing", OTHER, "2024-03-05T10:00:00Z")
    return {
        "first": write_page(folder, "a-first.html", first, 1_800_000_000),
        "updated": write_page(folder, "b-updated.html", updated, 1_700_000_000),
        "copy": write_page(folder, "c-copy.html", updated, 1_700_000_100),
        "other": write_page(folder, "d-other.html", other, 1_700_000_000),
    }
