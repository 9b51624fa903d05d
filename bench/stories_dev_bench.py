"""Story grouping on the development set, measured through the CLI: `thresher run`, then `thresher stories`.

Builds the set with ``stories_devset.py`` when it is missing, extracts it into a store
with ``thresher run`` (once; the store is kept), groups it with ``thresher stories`` and
scores the story ids written into the store against the truth: pair precision, pair
recall and the adjusted Rand index, overall, per kind of capture and per format.

Per kind, recall counts the true pairs with a capture of that kind in them, precision
the predicted pairs with a capture of that kind in them, and ARI is taken over the
captures of the stories that have a capture of that kind.

Usage: ``python bench/stories_dev_bench.py [--work DIR] [--seed S] [--json OUT]``.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import time
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from stories_bench import scores  # noqa: E402
from stories_devset import SEED  # noqa: E402


def _thresher(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "thresher", *args], env=env, text=True, capture_output=True)


def prepare(work: Path, seed: int) -> tuple[Path, Path]:
    """The set (built if missing) and its store (extracted if missing)."""
    work.mkdir(parents=True, exist_ok=True)
    captures, store = work / f"devset-{seed}.jsonl", work / f"devset-{seed}.sqlite"
    if not captures.is_file():
        subprocess.run(
            [sys.executable, str(HERE / "stories_devset.py"), "--out", str(captures), "--seed", str(seed)],
            check=True,
        )
    if not store.is_file():
        start = time.perf_counter()
        result = _thresher("run", str(captures), "--store", str(store), "-q")
        if result.returncode not in (0, 1):
            raise SystemExit(f"thresher run failed: {result.stderr}")
        print(f"thresher run: {time.perf_counter() - start:.0f} s", file=sys.stderr)
    return captures, store


def predicted_labels(store: Path, count: int) -> list[int]:
    """The story id of each line of the set (1-based lines); a line without one is its own story."""
    labels = [-line for line in range(count + 1)]
    with sqlite3.connect(store) as db:
        rows = db.execute(
            "SELECT r.record_id, m.story_id FROM records r JOIN story_members m ON m.record_id = r.id"
        )
        for line, story in rows:
            labels[int(line)] = int(story)
    return labels[1:]


def _pairs(groups: dict[int, list[int]]) -> set[tuple[int, int]]:
    return {pair for members in groups.values() for pair in combinations(sorted(members), 2)}


def by_kind(
    truth: list[dict[str, object]], predicted: list[int], key: str
) -> list[tuple[str, int, dict[str, float]]]:
    """(kind, captures, precision/recall/ARI) per value of ``key``."""
    true_groups: dict[int, list[int]] = defaultdict(list)
    predicted_groups: dict[int, list[int]] = defaultdict(list)
    for index, (entry, label) in enumerate(zip(truth, predicted, strict=True)):
        true_groups[int(entry["story"])].append(index)  # type: ignore[call-overload]
        predicted_groups[label].append(index)
    true_pairs, predicted_pairs = _pairs(true_groups), _pairs(predicted_groups)
    rows = []
    for kind, count in sorted(Counter(str(e[key]) for e in truth).items()):
        of_kind = {i for i, e in enumerate(truth) if e[key] == kind}
        mine_true = {p for p in true_pairs if p[0] in of_kind or p[1] in of_kind}
        mine_predicted = {p for p in predicted_pairs if p[0] in of_kind or p[1] in of_kind}
        together = len(mine_true & mine_predicted)
        stories = {truth[i]["story"] for i in of_kind}
        subset = [i for i, e in enumerate(truth) if e["story"] in stories]
        ari = scores([int(truth[i]["story"]) for i in subset], [predicted[i] for i in subset])["ari"]  # type: ignore[call-overload]
        rows.append(
            (
                kind,
                count,
                {
                    "precision": together / len(mine_predicted) if mine_predicted else 1.0,
                    "recall": together / len(mine_true) if mine_true else 1.0,
                    "ari": ari,
                },
            )
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--work",
        type=Path,
        default=Path("/tmp/thresher-stories-dev"),
        help="where the set and its store are kept between runs",
    )
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    captures, store = prepare(args.work, args.seed)
    truth = [json.loads(line) for line in captures.with_suffix(".truth.jsonl").open(encoding="utf-8")]
    start = time.perf_counter()
    result = _thresher("stories", "--store", str(store), "--format", "json")
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"thresher stories failed: {result.stderr}")
    predicted = predicted_labels(store, len(truth))
    overall = scores([int(e["story"]) for e in truth], predicted)
    print(
        f"\n{len(truth):,} captures of {len({e['story'] for e in truth}):,} stories; "
        f"`thresher stories` {seconds:.1f} s\n"
    )
    print("| captures | n | pair precision | pair recall | ARI |")
    print("|---|---:|---:|---:|---:|")
    figures: dict[str, object] = {"overall": overall, "seconds": seconds}
    for key in ("kind", "format"):
        rows = by_kind(truth, predicted, key)
        figures[key] = {kind: {"n": n, **values} for kind, n, values in rows}
        for kind, n, values in rows:
            print(
                f"| {kind} | {n:,} | {values['precision']:.3f} | {values['recall']:.3f} | "
                f"{values['ari']:.3f} |"
            )
    print(
        f"| **all** | {len(truth):,} | {overall['precision']:.3f} | {overall['recall']:.3f} | "
        f"{overall['ari']:.3f} |"
    )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
