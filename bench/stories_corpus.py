"""Builds the story-grouping benchmark corpus: realistic capture variants of known stories.

Story bodies are the human-checked article bodies of the ScrapingHub benchmark
(``../shared/bench/scrapinghub/ground-truth.json``, text only); boilerplate comes
from the page chrome of the same pages' rendered-text captures (lines of a page
that are not in its article body: menus, newsletter boxes, footers). Everything is
drawn from one seeded ``random.Random``, so a seed gives the same corpus anywhere.

Every story gets a home site (one chrome template) and 1 to 9 captures (one in
twenty gets 15 to 30: a much-updated or much-recaptured story). The first
is the article as published; each later capture starts from the original or from
the capture before it (an evolving story) and applies one to three changes:

- ``partial``: only the first 30-70 % of the paragraphs (a truncated capture);
- ``teaser``: only the first paragraphs, 60 to 120 words, of a body of five or more
  paragraphs at least three times as long (the free part of a paywalled page): it
  shares too little with the full text for resemblance;
- ``add``: one to three paragraphs added at random places (new text, or a paragraph of
  another story no longer than a third of the body: quoted background is shared
  across stories in real news);
- ``remove``: one or two paragraphs removed;
- ``headline``: a small headline edit (a word added, dropped or replaced) or a rewrite;
- ``edit``: one to four sentence edits (a word replaced, a typo, two words run
  together, a clause appended);
- ``typography``: quotes, dashes and spaces changed;
- ``reprint``: the story on another site (another chrome template), some days later,
  often with a new headline.

Captures keep some of their site's chrome with probability 0.7 (extraction residue:
3 to 12 consecutive lines of the site's template), placed before or after the body.
The headline of a story is the first words of its first sentence; dates fall in
2019, updates within three days, reprints within ten.

A quarter of the stories get a follow-up: a different story on the same site a few
days later, with a headline that shares most words with the first one, new text
(see below) and, at its end, one or two background paragraphs copied from the first
story (at most a quarter of its words). It
has captures of its own and must stay apart: the hard negatives of the corpus.

The ``heavy residue`` variant of the corpus keeps 15 to 40 chrome lines instead: a
weak extractor, or whole-page text, where boilerplate outweighs a short article.

For the scale run, ``synthetic_bodies`` makes any number of further story bodies
with a word-bigram chain fitted on the same bodies and paragraph lengths drawn from
them, so 100,000 captures need not repeat 181 stories hundreds of times.

Usage: ``python bench/stories_corpus.py --out corpus.jsonl [--stories N] [--seed S]``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

#: ``../shared/bench`` of the project root, or of a parent folder (worktrees live deeper).
SHARED = next(
    (
        parent / "shared" / "bench"
        for parent in Path(__file__).resolve().parents
        if (parent / "shared" / "bench").is_dir()
    ),
    Path("../shared/bench"),
)
SEED = 20240702


@dataclass
class Capture:
    """One capture of the corpus and the story it belongs to (the truth)."""

    story: int
    title: str
    text: str
    date: str
    changes: str


def load_bodies(shared: Path = SHARED) -> dict[str, list[str]]:
    """Page id -> paragraphs of its ground-truth article body."""
    truth = json.loads((shared / "scrapinghub" / "ground-truth.json").read_text(encoding="utf-8"))
    bodies = {}
    for page_id, entry in sorted(truth.items()):
        paragraphs = [p.strip() for p in entry["articleBody"].split("\n") if p.strip()]
        if paragraphs:
            bodies[page_id] = paragraphs
    return bodies


def load_chrome(
    bodies: dict[str, list[str]], shared: Path = SHARED, count: int = 20, seed: int = SEED
) -> list[list[str]]:
    """``count`` boilerplate templates: the non-article lines of rendered pages (up to 40 each).

    A line counts as chrome when it has two words or more and is not part of the
    page's article body.
    """
    rng = random.Random(seed)
    templates = []
    for page_id in rng.sample(sorted(bodies), len(bodies)):
        path = shared / "scrapinghub-text" / f"{page_id}.txt"
        if not path.is_file():
            continue
        body = "\n".join(bodies[page_id])
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        chrome = [line for line in lines if len(line.split()) >= 2 and line not in body]
        if len(chrome) >= 15:
            templates.append(chrome[:20] + chrome[-20:] if len(chrome) > 40 else chrome)
        if len(templates) == count:
            break
    return templates


def _sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", paragraph) if s]


def headline_of(paragraphs: list[str], rng: random.Random) -> str:
    sentences = _sentences(paragraphs[0]) if paragraphs else []
    words = sentences[0].split() if sentences else []
    return " ".join(words[: rng.randint(6, 12)]).rstrip(",.;:") or "Untitled story"


def _edit_sentence(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    words = text.split()
    if len(words) < 4:
        return text + " " + rng.choice(vocabulary)
    kind = rng.choice(["replace", "typo", "join", "append"])
    i = rng.randrange(len(words) - 1)
    if kind == "replace":
        words[i] = rng.choice(vocabulary)
    elif kind == "typo" and len(words[i]) > 3:
        j = rng.randrange(len(words[i]) - 1)
        words[i] = words[i][:j] + words[i][j + 1] + words[i][j] + words[i][j + 2 :]
    elif kind == "join":
        words[i : i + 2] = [words[i] + words[i + 1]]
    else:
        words.append(", " + " ".join(rng.choice(vocabulary) for _ in range(rng.randint(3, 8))) + ".")
    return " ".join(words)


def _typography(text: str, rng: random.Random) -> str:
    swaps = [('"', "“"), ("'", "’"), (" - ", " — "), (". ", ".  "), ("“", '"'), ("’", "'")]
    for old, new in rng.sample(swaps, 3):
        text = text.replace(old, new)
    return text


def _headline_change(title: str, paragraphs: list[str], rng: random.Random, vocabulary: list[str]) -> str:
    words = title.split()
    if rng.random() < 0.3 or len(words) < 3:  # rewrite from another sentence of the story
        sentences = [s for p in paragraphs for s in _sentences(p) if s.split()]
        if sentences:
            rewritten = " ".join(rng.choice(sentences).split()[: rng.randint(6, 12)]).rstrip(",.;:")
            return rewritten or title
    if not words:
        return rng.choice(vocabulary)
    i = rng.randrange(len(words))
    action = rng.choice(["insert", "delete", "replace"])
    if action == "insert":
        words.insert(i, rng.choice(vocabulary))
    elif action == "delete":
        del words[i]
    else:
        words[i] = rng.choice(vocabulary)
    return " ".join(words)


def _variant(
    base: tuple[str, list[str], datetime],
    rng: random.Random,
    vocabulary: list[str],
    other_paragraphs: list[str],
    original_date: datetime,
) -> tuple[str, list[str], datetime, list[str], bool]:
    title, paragraphs, _ = base
    paragraphs = list(paragraphs)
    changes = rng.sample(
        ["partial", "teaser", "add", "remove", "headline", "edit", "typography", "reprint"],
        rng.randint(1, 3),
    )
    date = original_date + timedelta(hours=rng.uniform(1, 72))
    reprint = "reprint" in changes
    for change in changes:
        if change == "partial" and len(paragraphs) > 1:
            paragraphs = paragraphs[: max(1, round(len(paragraphs) * rng.uniform(0.3, 0.7)))]
        elif change == "teaser" and len(paragraphs) >= 5:
            shown = rng.randint(60, 120)  # words a paywall or a teaser shows
            kept = 1
            while kept < len(paragraphs) and sum(len(p.split()) for p in paragraphs[:kept]) < shown:
                kept += 1
            if kept <= len(paragraphs) // 3:
                paragraphs = paragraphs[:kept]
        elif change == "add":
            for _ in range(rng.randint(1, 3)):
                foreign = rng.choice(other_paragraphs)
                body_words = sum(len(p.split()) for p in paragraphs)
                # Quoted background stays a minority of the capture, as in real updates.
                if rng.random() < 0.5 and len(foreign.split()) * 3 <= body_words:
                    new = foreign
                else:
                    new = (
                        " ".join(rng.choice(vocabulary) for _ in range(rng.randint(20, 60))).capitalize()
                        + "."
                    )
                paragraphs.insert(rng.randint(0, len(paragraphs)), new)
        elif change == "remove" and len(paragraphs) > 3:
            for _ in range(rng.randint(1, 2)):
                del paragraphs[rng.randrange(len(paragraphs))]
        elif change == "headline":
            title = _headline_change(title, paragraphs, rng, vocabulary)
        elif change == "edit":
            for _ in range(rng.randint(1, 4)):
                i = rng.randrange(len(paragraphs))
                paragraphs[i] = _edit_sentence(paragraphs[i], rng, vocabulary)
        elif change == "typography":
            paragraphs = [_typography(p, rng) for p in paragraphs]
            title = _typography(title, rng)
        elif change == "reprint":
            date = original_date + timedelta(days=rng.uniform(0, 10))
            if rng.random() < 0.5:
                title = _headline_change(title, paragraphs, rng, vocabulary)
    return title, paragraphs, date, changes, reprint


def _follow_up_headline(title: str, rng: random.Random, vocabulary: list[str]) -> str:
    words = title.split() or ["Untitled"]
    for _ in range(rng.randint(2, 4)):
        words[rng.randrange(len(words))] = rng.choice(vocabulary)
    return " ".join(words)


def _captures_of(
    story: int,
    title: str,
    paragraphs: list[str],
    original_date: datetime,
    site: int,
    templates: list[list[str]],
    rng: random.Random,
    vocabulary: list[str],
    all_paragraphs: list[str],
    max_captures: int,
    residue_lines: tuple[int, int],
) -> list[Capture]:
    original = (title, paragraphs, original_date)
    versions = [original]
    draw = rng.random()
    if draw < 0.15:
        count = 1
    elif draw < 0.20:  # a much-captured story: live updates, many recaptures
        count = rng.randint(15, 30)
    else:
        count = rng.randint(2, max_captures)
    records = [(original, [], site)]
    for _ in range(count - 1):
        base = versions[-1] if rng.random() < 0.5 else original
        new_title, body, date, changes, reprint = _variant(
            base, rng, vocabulary, all_paragraphs, original_date
        )
        versions.append((new_title, body, date))
        where = rng.choice([s for s in range(len(templates)) if s != site]) if reprint else site
        records.append(((new_title, body, date), changes, where))
    captures = []
    for (version_title, body, date), changes, where in records:
        lines = list(body)
        if rng.random() < 0.7:
            chrome = templates[where]
            size = rng.randint(min(residue_lines[0], len(chrome)), min(residue_lines[1], len(chrome)))
            first = rng.randint(0, len(chrome) - size)
            residue = chrome[first : first + size]
            lines = residue + lines if rng.random() < 0.5 else lines + residue
        captures.append(
            Capture(
                story,
                version_title,
                "\n".join(lines),
                date.isoformat(timespec="minutes"),
                ",".join(changes) or "original",
            )
        )
    return captures


def build_corpus(
    bodies: list[list[str]],
    templates: list[list[str]],
    seed: int = SEED,
    max_captures: int = 9,
    residue_lines: tuple[int, int] = (3, 12),
    follow_ups: float = 0.25,
) -> list[Capture]:
    """Captures of every body (one story each) and of follow-up stories, in a shuffled order.

    ``residue_lines`` bounds how many consecutive chrome lines a capture keeps;
    ``follow_ups`` is the share of stories that get a follow-up story.
    """
    rng = random.Random(seed)
    vocabulary = sorted({w for body in bodies for p in body for w in p.split() if w.isalpha()})
    all_paragraphs = [p for body in bodies for p in body if len(p.split()) >= 15]
    fresh_text = synthetic_bodies(bodies, 10**9, seed + 1)
    captures: list[Capture] = []
    story = 0
    for paragraphs in bodies:
        site = rng.randrange(len(templates))
        original_date = datetime(2019, 1, 1) + timedelta(days=rng.uniform(0, 365))
        title = headline_of(paragraphs, rng)
        captures += _captures_of(
            story,
            title,
            paragraphs,
            original_date,
            site,
            templates,
            rng,
            vocabulary,
            all_paragraphs,
            max_captures,
            residue_lines,
        )
        story += 1
        if rng.random() < follow_ups:
            background = rng.sample(paragraphs, min(len(paragraphs), rng.randint(1, 2)))
            body = next(fresh_text)[: rng.randint(3, 10)]
            background_words = sum(len(p.split()) for p in background)
            while sum(len(p.split()) for p in body) < 3 * background_words:  # background stays a minority
                body += next(fresh_text)
            body += background  # background goes last, after the news of the follow-up
            captures += _captures_of(
                story,
                _follow_up_headline(title, rng, vocabulary),
                body,
                original_date + timedelta(days=rng.uniform(0.5, 5)),
                site,
                templates,
                rng,
                vocabulary,
                all_paragraphs,
                4,
                residue_lines,
            )
            story += 1
    rng.shuffle(captures)
    return captures


def synthetic_bodies(bodies: list[list[str]], count: int, seed: int = SEED) -> Iterator[list[str]]:
    """``count`` new story bodies from a word-bigram chain fitted on ``bodies``."""
    rng = random.Random(seed)
    following: dict[str, list[str]] = defaultdict(list)
    starts = []
    lengths = [len(p.split()) for body in bodies for p in body]
    paragraph_counts = [len(body) for body in bodies]
    for body in bodies:
        for paragraph in body:
            words = paragraph.split()
            if words:
                starts.append(words[0])
            for a, b in zip(words, words[1:], strict=False):
                following[a].append(b)
    for _ in range(count):
        paragraphs = []
        for _ in range(min(rng.choice(paragraph_counts), 30)):
            word = rng.choice(starts)
            words = [word]
            for _ in range(max(rng.choice(lengths), 8) - 1):
                nxt = following.get(word)
                word = rng.choice(nxt) if nxt else rng.choice(starts)
                words.append(word)
            paragraphs.append(" ".join(words))
        yield paragraphs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, help="JSON Lines file to write")
    parser.add_argument(
        "--stories", type=int, default=0, help="extra synthetic stories beyond the real bodies (for scale)"
    )
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    real = load_bodies()
    bodies = list(real.values()) + list(synthetic_bodies(list(real.values()), args.stories, args.seed))
    captures = build_corpus(bodies, load_chrome(real, seed=args.seed), args.seed)
    with open(args.out, "w", encoding="utf-8") as out:
        for capture in captures:
            out.write(json.dumps(asdict(capture), ensure_ascii=False) + "\n")
    print(f"{len(captures)} captures of {len(bodies)} stories -> {args.out}")


if __name__ == "__main__":
    main()
