"""Sentence alignment and moves of the version diff, against difflib, on edits with a known answer.

Real article bodies (the ScrapingHub ground truth for development, the WCXB article
pages as a check set) are edited the way news revisions are: sentences deleted,
reworded, added (from another article) and moved; every transition keeps its gold
alignment. A moved sentence counts as moved in the gold only when a reader can see
it: its new place is out of order with the sentences that were not moved.

Scores (micro-averaged over all transitions):

- align F1: the pairs (old sentence, new sentence) found, against the gold pairs;
- moved F1: the pairs marked moved, against the gold moved pairs.

The baseline is ``difflib.SequenceMatcher`` over the normalised sentences: equal runs
are pairs, a replaced run pairs its sentences by word similarity, and sentences left
deleted and added anywhere are paired as moves when equal or similar.

Usage: PYTHONPATH=src python bench/diff_bench.py [--transitions N] [--seed S] [--markdown] [--gold-pairs]
       [--data DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from thresher.stories.align import DEFAULT_MIN_SIMILARITY, align, moved_pairs, normalize
from thresher.stories.sentences import split_sentences

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench"
SETS = {
    "ScrapingHub (dev)": ("scrapinghub/ground-truth.json", None),
    "WCXB articles (check)": ("wcxb-dev/ground-truth.json", "article"),
}
MIN_SENTENCES = 6
MAX_SENTENCES = 120

Pairs = set[tuple[int, int]]
Aligner = Callable[[list[str], list[str]], tuple[Pairs, Pairs]]


def articles(path: Path, page_type: str | None) -> list[list[str]]:
    """The sentences of each article body long enough to revise."""
    truth = json.loads(path.read_text(encoding="utf-8"))
    bodies = []
    for key in sorted(truth):
        entry = truth[key]
        if page_type and entry.get("page_type") != page_type:
            continue
        paragraphs = [p for p in (entry.get("articleBody") or "").split("\n") if p.strip()]
        sentences = [s for p in paragraphs for s in split_sentences(p)]
        if len(sentences) >= MIN_SENTENCES:
            bodies.append(sentences[:MAX_SENTENCES])
    return bodies


@dataclass(slots=True)
class Unit:
    text: str
    origin: int | None  # index in the old version; None for an added sentence
    moved: bool = False


@dataclass(slots=True)
class Transition:
    old: list[str]
    new: list[str]
    pairs: Pairs = field(default_factory=set)
    moved: Pairs = field(default_factory=set)


def _edit(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    """Reword a sentence: a few words replaced, inserted or deleted (a heavier rewrite sometimes)."""
    words = text.split()
    share = 0.3 if rng.random() < 0.2 else 0.0
    changes = max(1, round(len(words) * share)) if share else rng.randint(1, 3)
    for _ in range(changes):
        kind = rng.choice(("replace", "insert", "delete"))
        position = rng.randrange(len(words)) if words else 0
        if kind == "delete" and len(words) > 3:
            del words[position]
        elif kind == "insert" or not words:
            words.insert(position, rng.choice(vocabulary))
        else:
            words[position] = rng.choice(vocabulary)
    return " ".join(words)


def revise(old: list[str], rng: random.Random, donors: list[list[str]]) -> Transition:
    """One revision of ``old`` with its gold alignment."""
    vocabulary = [w for s in rng.choice(donors) for w in s.split()] or ["word"]
    units = [Unit(text, index) for index, text in enumerate(old)]
    # Most revisions touch a few sentences; some rework the piece.
    scale = rng.choice((1, 1, 1, 2, 3))
    for _ in range(scale * rng.choice((0, 0, 1, 1, 2, 3))):
        if len(units) > MIN_SENTENCES // 2:
            del units[rng.randrange(len(units))]
    for _ in range(scale * rng.choice((0, 1, 1, 2, 3, 4))):
        unit = rng.choice(units)
        unit.text = _edit(unit.text, rng, vocabulary)
    for _ in range(scale * rng.choice((0, 0, 1, 1, 2))):
        # A sentence, or a run of up to three (a paragraph), moved two places or more.
        length = rng.choice((1, 1, 1, 2, 3))
        source = rng.randrange(max(len(units) - length + 1, 1))
        block = units[source : source + length]
        del units[source : source + length]
        choices = [p for p in range(len(units) + 1) if abs(p - source) >= 2]
        if not choices:
            units[source:source] = block
            continue
        for unit in block:
            unit.moved = True
        target = rng.choice(choices)
        units[target:target] = block
    for _ in range(scale * rng.choice((0, 0, 1, 1, 2, 3))):
        units.insert(rng.randrange(len(units) + 1), Unit(rng.choice(rng.choice(donors)), None))
    transition = Transition(old, [unit.text for unit in units])
    stable = [(u.origin, j) for j, u in enumerate(units) if u.origin is not None and not u.moved]
    for j, unit in enumerate(units):
        if unit.origin is None:
            continue
        transition.pairs.add((unit.origin, j))
        i = unit.origin
        if unit.moved and any((other_i < i) != (other_j < j) for other_i, other_j in stable):
            transition.moved.add((i, j))
    return transition


def thresher_alignment(old: list[str], new: list[str]) -> tuple[Pairs, Pairs]:
    pairs, moved = set(), set()
    for unit in align(old, new):
        if unit.a_index is None or unit.b_index is None:
            continue
        pairs.add((unit.a_index, unit.b_index))
        if unit.op == "moved":
            moved.add((unit.a_index, unit.b_index))
    return pairs, moved


def moves_on_gold_pairs(sample: list[Transition]) -> Aligner:
    """thresher's choice of moves given the gold pairs: what is left when pairing is perfect."""
    gold = {(id(t.old), id(t.new)): t for t in sample}

    def aligner(old: list[str], new: list[str]) -> tuple[Pairs, Pairs]:
        transition = gold[id(old), id(new)]
        return transition.pairs, moved_pairs(transition.pairs, len(old), len(new))

    return aligner


def _words(text: str) -> list[str]:
    return normalize(text).casefold().split()


def _best_pairs(left: list[int], right: list[int], old: list[str], new: list[str]) -> Pairs:
    scored = []
    for i in left:
        for j in right:
            ratio = SequenceMatcher(None, _words(old[i]), _words(new[j]), autojunk=False).ratio()
            if ratio >= DEFAULT_MIN_SIMILARITY:
                scored.append((-ratio, i, j))
    scored.sort()
    pairs: Pairs = set()
    taken_i: set[int] = set()
    taken_j: set[int] = set()
    for _, i, j in scored:
        if i not in taken_i and j not in taken_j:
            pairs.add((i, j))
            taken_i.add(i)
            taken_j.add(j)
    return pairs


def difflib_alignment(old: list[str], new: list[str]) -> tuple[Pairs, Pairs]:
    keys_old, keys_new = [normalize(s) for s in old], [normalize(s) for s in new]
    pairs: Pairs = set()
    for op, a0, a1, b0, b1 in SequenceMatcher(None, keys_old, keys_new, autojunk=False).get_opcodes():
        if op == "equal":
            pairs.update(zip(range(a0, a1), range(b0, b1), strict=True))
        elif op == "replace":
            pairs |= _best_pairs(list(range(a0, a1)), list(range(b0, b1)), old, new)
    left = [i for i in range(len(old)) if i not in {p[0] for p in pairs}]
    right = [j for j in range(len(new)) if j not in {p[1] for p in pairs}]
    moved = _best_pairs(left, right, old, new)
    return pairs | moved, moved


def f1(found: int, gold: int, correct: int) -> float:
    if not found and not gold:
        return 1.0
    return 2 * correct / (found + gold) if found + gold else 0.0


def transitions(bodies: list[list[str]], count: int, seed: int) -> Iterator[Transition]:
    rng = random.Random(seed)
    for index in range(count):
        yield revise(bodies[index % len(bodies)], rng, bodies)


def score(aligner: Aligner, sample: list[Transition]) -> dict[str, float]:
    found = gold = correct = 0
    moved_found = moved_gold = moved_correct = 0
    start = time.process_time()
    for transition in sample:
        pairs, moved = aligner(transition.old, transition.new)
        found, gold, correct = (
            found + len(pairs),
            gold + len(transition.pairs),
            correct + len(pairs & transition.pairs),
        )
        moved_found += len(moved)
        moved_gold += len(transition.moved)
        moved_correct += len(moved & transition.moved)
    return {
        "align_f1": f1(found, gold, correct),
        "moved_precision": moved_correct / moved_found if moved_found else 1.0,
        "moved_recall": moved_correct / moved_gold if moved_gold else 1.0,
        "moved_f1": f1(moved_found, moved_gold, moved_correct),
        "cpu_ms": 1000 * (time.process_time() - start) / max(len(sample), 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transitions", type=int, default=600, help="Transitions per set.")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--markdown", action="store_true", help="Print a Markdown table.")
    parser.add_argument(
        "--gold-pairs", action="store_true", help="Also score thresher's choice of moves on the gold pairs."
    )
    parser.add_argument("--data", type=Path, default=BENCH, help="The shared benchmark folder.")
    args = parser.parse_args(argv)
    root = args.data
    if not root.is_dir():
        sys.exit(f"benchmark data not found at {root} (give --data)")
    rows = []
    for name, (relative, page_type) in SETS.items():
        bodies = articles(root / relative, page_type)
        sample = list(transitions(bodies, args.transitions, args.seed))
        gold_moves = sum(len(t.moved) for t in sample)
        systems: list[tuple[str, Aligner]] = [
            ("thresher", thresher_alignment),
            ("difflib", difflib_alignment),
        ]
        if args.gold_pairs:
            systems.append(("thresher moves, gold pairs", moves_on_gold_pairs(sample)))
        for system, aligner in systems:
            result = score(aligner, sample)
            rows.append((name, len(sample), gold_moves, system, result))
    if args.markdown:
        print(
            "| set | transitions | gold moves | system | align F1 | moved P | moved R | moved F1 "
            "| ms/transition |"
        )
        print("|---|---:|---:|---|---:|---:|---:|---:|---:|")
        for name, count, moves, system, r in rows:
            print(
                f"| {name} | {count} | {moves} | {system} | {r['align_f1']:.3f} "
                f"| {r['moved_precision']:.3f} | {r['moved_recall']:.3f} | {r['moved_f1']:.3f} "
                f"| {r['cpu_ms']:.1f} |"
            )
    else:
        for name, count, moves, system, r in rows:
            print(
                f"{name:24} n={count} moves={moves} {system:9} align_f1={r['align_f1']:.3f} "
                f"moved P/R/F1={r['moved_precision']:.3f}/{r['moved_recall']:.3f}/{r['moved_f1']:.3f} "
                f"{r['cpu_ms']:.1f} ms"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
