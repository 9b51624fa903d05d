"""Story grouping benchmark: thresher vs a plain datasketch MinHashLSH baseline, one run.

Quality on the variant corpus of ``stories_corpus.py`` (ScrapingHub bodies): pairwise
precision, recall and F1 (over pairs of captures put in one story) and the adjusted
Rand index, for both methods; a sweep of thresher's thresholds around the defaults;
then throughput (documents/s) and peak memory for 100,000 captures, each method in
its own process so one's memory does not count for the other.

Usage: ``python bench/stories_bench.py [--scale 100000] [--no-sweep]``.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from stories_corpus import (  # noqa: E402
    SEED,
    Capture,
    build_corpus,
    load_bodies,
    load_chrome,
    synthetic_bodies,
)
from thresher.stories import StoryDocument, StoryOptions, group_documents  # noqa: E402
from thresher.stories.grouping import (  # noqa: E402
    candidate_pairs,
    connected_components,
    sign_documents,
    verify_pairs,
)

BASELINE_THRESHOLD = 0.5
BASELINE_PERMS = 128
SHINGLE_WORDS = 5


def _pairs(count: int) -> int:
    return count * (count - 1) // 2


def scores(truth: list[int], predicted: list[int]) -> dict[str, float]:
    """Pairwise precision/recall/F1 and the adjusted Rand index, from the contingency table."""
    joint = Counter(zip(truth, predicted, strict=True))
    together = sum(_pairs(n) for n in joint.values())
    true_pairs = sum(_pairs(n) for n in Counter(truth).values())
    predicted_pairs = sum(_pairs(n) for n in Counter(predicted).values())
    precision = together / predicted_pairs if predicted_pairs else 1.0
    recall = together / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    expected = true_pairs * predicted_pairs / _pairs(len(truth)) if len(truth) > 1 else 0.0
    maximum = (true_pairs + predicted_pairs) / 2
    ari = (together - expected) / (maximum - expected) if maximum != expected else 1.0
    return {"precision": precision, "recall": recall, "f1": f1, "ari": ari}


def documents(captures: list[Capture]) -> list[StoryDocument]:
    return [StoryDocument(c.text, c.title, datetime.fromisoformat(c.date)) for c in captures]


def thresher_labels(captures: list[Capture], options: StoryOptions | None = None) -> list[int]:
    return group_documents(documents(captures), options)


def baseline_labels(captures: list[Capture]) -> list[int]:
    """The plain recipe: word 5-shingles, MinHash (128, SHA-1), MinHashLSH at 0.5, components."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=BASELINE_THRESHOLD, num_perm=BASELINE_PERMS)
    sketches = []
    for index, capture in enumerate(captures):
        words = capture.text.lower().split()
        shingles = {
            " ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(len(words) - SHINGLE_WORDS + 1, 1))
        }
        sketch = MinHash(num_perm=BASELINE_PERMS)
        sketch.update_batch([s.encode("utf-8") for s in shingles])
        lsh.insert(index, sketch)
        sketches.append(sketch)
    edges = [(index, other) for index, sketch in enumerate(sketches) for other in lsh.query(sketch)]
    return connected_components(len(captures), edges)


def corpus(
    extra_stories: int = 0, seed: int = SEED, residue_lines: tuple[int, int] = (3, 12)
) -> list[Capture]:
    real = load_bodies()
    bodies = list(real.values()) + list(synthetic_bodies(list(real.values()), extra_stories, seed))
    return build_corpus(bodies, load_chrome(real, seed=seed), seed, residue_lines=residue_lines)


def _row(name: str, result: dict[str, float], seconds: float, count: int) -> str:
    return (
        f"| {name} | {result['precision']:.3f} | {result['recall']:.3f} | {result['f1']:.3f} | "
        f"{result['ari']:.3f} | {count / seconds:,.0f} |"
    )


def quality(captures: list[Capture], name: str, by_change: bool = True) -> None:
    truth = [c.story for c in captures]
    print(
        f"\nQuality, {name}: {len(captures)} captures of {len(set(truth))} stories "
        f"({sum(1 for n in Counter(truth).values() if n > 1)} with several captures)\n"
    )
    print("| method | pair precision | pair recall | pair F1 | ARI | docs/s |")
    print("|---|---|---|---|---|---|")
    start = time.perf_counter()
    ours = thresher_labels(captures)
    ours_seconds = time.perf_counter() - start
    start = time.perf_counter()
    plain = baseline_labels(captures)
    plain_seconds = time.perf_counter() - start
    print(_row("thresher (defaults)", scores(truth, ours), ours_seconds, len(captures)))
    print(
        _row(
            f"datasketch MinHashLSH {BASELINE_THRESHOLD}, {BASELINE_PERMS} perms",
            scores(truth, plain),
            plain_seconds,
            len(captures),
        )
    )
    if not by_change:
        return
    changes: dict[str, list[bool]] = {}
    story_root = {}
    for capture, label in zip(captures, ours, strict=True):
        if capture.changes == "original":
            story_root[capture.story] = label
    for capture, label, base in zip(captures, ours, plain, strict=True):
        if capture.changes == "original":
            continue
        for change in capture.changes.split(","):
            root = story_root[capture.story]
            base_root = next(
                b
                for c, b in zip(captures, plain, strict=True)
                if c.story == capture.story and c.changes == "original"
            )
            changes.setdefault(change, []).extend([label == root, base == base_root])
    print("\nShare of variant captures put in their original's story, by change applied:\n")
    print("| change | captures | thresher | baseline |")
    print("|---|---|---|---|")
    for change, hits in sorted(changes.items()):
        ours_hits, base_hits = hits[0::2], hits[1::2]
        print(
            f"| {change} | {len(ours_hits)} | {sum(ours_hits) / len(ours_hits):.3f} | "
            f"{sum(base_hits) / len(base_hits):.3f} |"
        )


FULL_GRID = {
    "candidate_threshold": [0.1, 0.2, 0.3, 0.5],
    "resemblance": [0.3, 0.4, 0.5, 0.6, 0.7],
    "containment": [0.6, 0.7, 0.8, 0.9, 1.0],
    "containment_candidates": [None, 0.3, 0.5, 0.7],
    "headline_similarity": [0.4, 0.6, 0.8, 1.0],
    "evidence_resemblance": [0.1, 0.15, 0.25, 0.35],
    "headline_contradiction": [0.01, 0.1, 0.2, 0.3],
    "chrome_resemblance": [0.1, 0.2, 0.3, 0.5],
    "chrome_containment": [0.3, 0.5, 0.7, 1.0],
    "chrome_sample": [6, 12, 24],
}


BOILERPLATE_OPTIONS = ("chrome_resemblance", "chrome_containment", "chrome_sample")


def sweep(captures: list[Capture], name: str, grid: dict[str, list[float]]) -> None:
    truth = [c.story for c in captures]
    defaults = StoryOptions()
    print(f"\nThreshold sweep, {name} (one option changed at a time from the defaults):\n")
    print("| option | value | pair F1 | ARI |")
    print("|---|---|---|---|")
    signed: dict[tuple[object, ...], object] = {}
    for name, values in grid.items():
        for value in values:
            options = StoryOptions(**{**{f: getattr(defaults, f) for f in defaults.__slots__}, name: value})
            key = (
                options.chrome_resemblance,
                options.chrome_containment,
                options.chrome_sample,
                options.headline_contradiction,
                options.headline_similarity,
                options.num_perm,
            )
            if key not in signed:
                signed[key] = sign_documents(documents(captures), options)
            corpus_signed = signed[key]
            pairs = candidate_pairs(corpus_signed, options)  # type: ignore[arg-type]
            accepted = pairs[verify_pairs(corpus_signed, pairs, options)]  # type: ignore[arg-type]
            labels = connected_components(len(captures), map(tuple, accepted))
            result = scores(truth, labels)
            marker = " (default)" if value == getattr(defaults, name) else ""
            print(f"| {name} | {value}{marker} | {result['f1']:.3f} | {result['ari']:.3f} |")


def load_captures(path: Path, count: int) -> list[Capture]:
    with path.open(encoding="utf-8") as lines:
        return [Capture(**json.loads(line)) for line, _ in zip(lines, range(count), strict=False)]


def scale_worker(method: str, path: Path, count: int) -> None:
    """Loads ``count`` captures written by ``stories_corpus.py``, groups them, prints one JSON line."""
    captures = load_captures(path, count)
    rss_corpus = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    labels = thresher_labels(captures) if method == "thresher" else baseline_labels(captures)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = scores([c.story for c in captures], labels)
    print(
        json.dumps(
            {
                "method": method,
                "docs": len(captures),
                "seconds": seconds,
                "docs_per_s": len(captures) / seconds,
                "corpus_rss_mb": rss_corpus,
                "peak_rss_mb": peak,
                **result,
            }
        )
    )


def scale(count: int) -> None:
    print(
        f"\nScale: {count:,} captures (synthetic bodies, same variant generator); the corpus is written "
        "first, then each method loads it in its own process\n"
    )
    print("| method | docs | seconds | docs/s | peak RSS MB (corpus loaded) | pair F1 | ARI |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "corpus.jsonl"
        stories = max(count // 5 - 181, 0)
        subprocess.run(
            [sys.executable, str(HERE / "stories_corpus.py"), "--out", str(path), "--stories", str(stories)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        for method in ("thresher", "baseline"):
            worker = subprocess.run(
                [sys.executable, __file__, "--scale-worker", method, str(path), str(count)],
                capture_output=True,
                text=True,
            )
            if worker.returncode != 0:
                sys.stderr.write(worker.stderr)
                raise SystemExit(f"scale worker {method} failed")
            r = json.loads(worker.stdout.strip().splitlines()[-1])
            print(
                f"| {method} | {r['docs']:,} | {r['seconds']:.0f} | {r['docs_per_s']:,.0f} | "
                f"{r['peak_rss_mb']:,.0f} ({r['corpus_rss_mb']:,.0f}) | {r['f1']:.3f} | {r['ari']:.3f} |",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=100_000, help="captures for the speed run (0: skip)")
    parser.add_argument("--no-sweep", action="store_true")
    parser.add_argument(
        "--scale-worker", nargs=3, metavar=("METHOD", "PATH", "COUNT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.scale_worker:
        scale_worker(args.scale_worker[0], Path(args.scale_worker[1]), int(args.scale_worker[2]))
        return
    captures = corpus()
    heavy = corpus(residue_lines=(15, 40))
    quality(captures, "variant corpus")
    quality(heavy, "heavy residue", by_change=False)
    if not args.no_sweep:
        sweep(captures, "variant corpus", FULL_GRID)
        sweep(heavy, "heavy residue", {name: FULL_GRID[name] for name in BOILERPLATE_OPTIONS})
    if args.scale:
        scale(args.scale)


if __name__ == "__main__":
    main()
