"""Story grouping at scale: time per stage and peak memory at several corpus sizes.

The corpus is the variant corpus of ``stories_corpus.py`` (real bodies, then bodies made
by a word-bigram chain fitted on them), written once; each size is grouped in its own
process (``group_documents``' stages called one by one), so peak memory is that size's.

Usage: ``python bench/stories_scale.py [--sizes 10000 30000 100000] [--corpus PATH]``
(``--corpus``: keep the written corpus there, and reuse it when it is already there).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(path: Path, count: int) -> None:
    """Groups the first ``count`` captures of ``path``; prints one JSON line."""
    from stories_bench import documents, load_captures, scores
    from thresher.stories import StoryOptions
    from thresher.stories.grouping import candidate_pairs, connected_components, sign_documents, verify_pairs

    captures = load_captures(path, count)
    docs = documents(captures)
    truth = [c.story for c in captures]
    del captures
    loaded = _peak_mb()
    options = StoryOptions()
    stages: dict[str, float] = {}
    start = time.perf_counter()
    corpus = sign_documents(docs, options)
    stages["sign"] = time.perf_counter() - start
    mark = time.perf_counter()
    pairs = candidate_pairs(corpus, options)
    stages["candidates"] = time.perf_counter() - mark
    mark = time.perf_counter()
    accepted = pairs[verify_pairs(corpus, pairs, options)] if len(pairs) else pairs
    stages["verify"] = time.perf_counter() - mark
    mark = time.perf_counter()
    labels = connected_components(len(docs), map(tuple, accepted))
    stages["components"] = time.perf_counter() - mark
    seconds = time.perf_counter() - start
    print(
        json.dumps(
            {
                "docs": len(docs),
                "seconds": seconds,
                "stages": stages,
                "pairs": len(pairs),
                "loaded_mb": loaded,
                "peak_mb": _peak_mb(),
                **scores(truth, labels),
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--corpus", type=Path, default=None, help="where to keep the corpus between runs")
    parser.add_argument("--worker", nargs=2, metavar=("PATH", "COUNT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(Path(args.worker[0]), int(args.worker[1]))
        return
    print(
        "| captures | seconds | sign | candidates | verify | pairs verified | peak RSS MB "
        "(corpus loaded) | pair precision | pair recall | ARI |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        path = args.corpus or Path(folder) / "corpus.jsonl"
        if path.is_file():
            with path.open(encoding="utf-8") as lines:
                written = sum(1 for _ in lines)
            if written < max(args.sizes):
                raise SystemExit(f"{path} holds {written:,} captures, fewer than {max(args.sizes):,}")
        else:
            subprocess.run(
                [
                    sys.executable,
                    str(HERE / "stories_corpus.py"),
                    "--out",
                    str(path),
                    "--stories",
                    str(max(max(args.sizes) // 5 - 181, 0)),
                ],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        for size in args.sizes:
            run = subprocess.run(
                [sys.executable, __file__, "--worker", str(path), str(size)], capture_output=True, text=True
            )
            if run.returncode != 0:
                sys.stderr.write(run.stderr)
                raise SystemExit(f"worker at {size} failed")
            r = json.loads(run.stdout.strip().splitlines()[-1])
            s = r["stages"]
            print(
                f"| {r['docs']:,} | {r['seconds']:.0f} | {s['sign']:.0f} | {s['candidates']:.0f} | "
                f"{s['verify']:.0f} | {r['pairs']:,} | {r['peak_mb']:,.0f} ({r['loaded_mb']:,.0f}) | "
                f"{r['precision']:.3f} | {r['recall']:.3f} | {r['ari']:.3f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
