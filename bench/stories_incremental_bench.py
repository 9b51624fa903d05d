"""Placing new records into existing stories (``thresher stories`` after a new run) against
grouping the whole store again, on the stories benchmark corpus.

The corpus of ``stories_corpus.py`` is written to a store in date order; the earlier
captures are grouped in full, then the latest ones are added and placed with
``group_new_records``. The result is scored (pair precision, recall, ARI) against
the truth, beside a full grouping of the same store, with the CPU time of each step.

Usage: PYTHONPATH=src python bench/stories_incremental_bench.py [--new-share 0.1] [--data DIR]
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stories_bench import scores  # noqa: E402
from stories_corpus import SEED, SHARED, Capture, build_corpus, load_bodies, load_chrome  # noqa: E402
from thresher.corpus.records import Outcome, Provenance  # noqa: E402
from thresher.corpus.store import Store  # noqa: E402
from thresher.models import Article, Block, BlockKind  # noqa: E402
from thresher.stories.store_grouping import group_new_records, group_store  # noqa: E402


def _article(capture: Capture) -> Article:
    blocks = tuple(Block(BlockKind.PARAGRAPH, line) for line in capture.text.split("\n") if line.strip())
    return Article(title=capture.title, blocks=blocks, published=datetime.fromisoformat(capture.date))


def _write(path: Path, captures: list[Capture], start: int) -> None:
    with Store(path) as store:
        run_id = store.begin_run({}, "bench")
        for offset, capture in enumerate(captures, start):
            provenance = Provenance("bench.jsonl", str(offset), offset, None, capture.date)
            store.write(Outcome.of_article(provenance, f"h{offset}", _article(capture)), "bench", run_id)


def _labels(path: Path) -> list[int]:
    with sqlite3.connect(path) as db:
        return [row[0] for row in db.execute("SELECT story_id FROM story_members ORDER BY record_id")]


def _timed(step: object, *args: object) -> float:
    start = time.process_time()
    step(*args)  # type: ignore[operator]
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--new-share", type=float, default=0.1, help="Share of captures added later.")
    parser.add_argument("--data", type=Path, default=SHARED, help="The shared benchmark folder.")
    args = parser.parse_args(argv)
    real = load_bodies(args.data)
    built = build_corpus(list(real.values()), load_chrome(real, args.data, seed=SEED), SEED)
    captures = sorted(built, key=lambda c: c.date)
    split = int(len(captures) * (1 - args.new_share))
    truth = [c.story for c in captures]
    with tempfile.TemporaryDirectory() as folder:
        incremental, full = Path(folder) / "incremental.db", Path(folder) / "full.db"
        _write(incremental, captures[:split], 0)
        first = _timed(group_store, incremental)
        _write(incremental, captures[split:], split)
        placed = _timed(group_new_records, incremental)
        _write(full, captures, 0)
        whole = _timed(group_store, full)
        rows = [
            ("full grouping of the store", scores(truth, _labels(full)), whole),
            (
                f"first {split} grouped, then {len(captures) - split} placed",
                scores(truth, _labels(incremental)),
                placed,
            ),
        ]
    print(
        f"{len(captures)} captures of {len(set(truth))} stories; "
        f"grouping the first {split}: {first:.1f} s CPU\n"
    )
    print("| method | pair precision | pair recall | ARI | CPU s of the step |")
    print("|---|---:|---:|---:|---:|")
    for name, result, seconds in rows:
        print(
            f"| {name} | {result['precision']:.3f} | {result['recall']:.3f} | {result['ari']:.3f} "
            f"| {seconds:.1f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
