"""Metadata benchmark: thresher vs trafilatura and htmldate on the metadata set and WCXB dev.

All systems run in this one process over the same decoded pages, one page at a time,
and are scored by the shared ``meta_eval.evaluate`` (title exact match and token F1,
authors set F1, "no author" pages left empty, exact-day date accuracy and precision).
Each set gets its own table; WCXB dev also one per page type, since a forum, a product
or a listing carries different metadata than an article. Every system is also scored on
two fixed halves of each set, split by a hash of the site (the URL's host), so that a
site's pages are all on one side: a change that only helps one half shows there.

WCXB's truth gives one author string and one publication day per page; an empty or null
author means the reviewed page names none, and a null date that it shows none, so they
are scored as "no author" and "no date" as the metadata set's annotations are.

thresher is timed twice: the full ``extract()`` and ``read_metadata`` alone on an already
parsed tree. Speeds are pages per second of CPU time of this process
(``time.process_time``), so that other work on a shared machine does not skew the
comparison.

    python bench/metadata_bench.py [--sets metadata,wcxb-dev] [--no-peers] [--limit N] [--dump DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
SHARED = next(
    (
        path
        for path in (
            Path(os.environ.get("THRESHER_SHARED", ROOT.parent / "shared")) / "bench",
            ROOT.parent.parent / "shared" / "bench",
        )
        if path.is_dir()
    ),
    ROOT.parent / "shared" / "bench",
)
sys.path.insert(0, str(ROOT / "src"))

from thresher import extract  # noqa: E402
from thresher.html.metadata import read_metadata  # noqa: E402
from thresher.html.parse import parse_document  # noqa: E402

SETS = ("metadata", "wcxb-dev")
PEERS = ("trafilatura", "htmldate")
COLUMNS = [
    ("title EM", "title_em"),
    ("title F1", "title_f1"),
    ("authors F1", "authors_f1"),
    ("no-author ok", "no_author_ok"),
    ("date acc", "date_acc"),
    ("date prec", "date_prec"),
    ("date all", "date_all"),
]

Truth = dict[str, dict[str, Any]]
Pages = list[tuple[str, str]]


def load_shared(name: str) -> ModuleType:
    """One of the shared scorers (``meta_eval``, ``evalkit``), imported from its file."""
    spec = importlib.util.spec_from_file_location(name, SHARED / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_wcxb(folder: Path) -> tuple[Truth, Pages]:
    """WCXB's truth in meta_eval's form (plus ``page_type``), and its pages in id order."""
    evalkit = load_shared("evalkit")
    raw = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    truth: Truth = {}
    for page_id, entry in raw.items():
        author = (entry.get("author") or "").strip()
        truth[page_id] = {
            "url": entry.get("url"),
            "title": entry.get("title"),
            "authors": [author] if author else [],
            "date": entry.get("publish_date") or None,
            "page_type": entry.get("page_type") or "unknown",
        }
    pages = sorted((page_id, html) for page_id, html in evalkit.read_pages(folder) if page_id in truth)
    return truth, pages


def read_named_set(name: str, meta_eval: ModuleType) -> tuple[Truth, Pages]:
    folder = SHARED / name
    if name == "wcxb-dev":
        return read_wcxb(folder)
    truth, pages = meta_eval.read_set(folder)
    return truth, pages


def _day(value: Any) -> str | None:
    return value.date().isoformat() if value is not None else None


def run_system(
    pages: Pages, urls: dict[str, str | None], fn: Callable[[str, str | None], dict[str, Any]]
) -> tuple[dict[str, Any], float, int]:
    """predictions, seconds, errors — one bad page does not stop the run."""
    predictions: dict[str, Any] = {}
    errors = 0
    start = time.process_time()
    for page_id, html in pages:
        try:
            predictions[page_id] = fn(html, urls.get(page_id)) or {}
        except Exception:
            predictions[page_id], errors = {}, errors + 1
    return predictions, time.process_time() - start, errors


def thresher_extract(html: str, url: str | None) -> dict[str, Any]:
    article = extract(html, url=url)
    return {"title": article.title, "authors": list(article.authors), "date": _day(article.published)}


def time_metadata_only(pages: Pages, urls: dict[str, str | None]) -> float:
    """Seconds spent in read_metadata alone (trees parsed beforehand, outside the clock)."""
    total = 0.0
    for page_id, html in pages:
        tree = parse_document(html)
        start = time.process_time()
        read_metadata(tree, urls.get(page_id))
        total += time.process_time() - start
    return total


def site_of(url: str | None) -> str:
    host = (urlsplit(url or "").hostname or "").lower()
    return host.removeprefix("www.")


def halves(truth: Truth) -> tuple[set[str], set[str]]:
    """Two fixed halves of a set, split by a hash of each page's site."""
    first = {i for i, entry in truth.items() if _site_hash(entry.get("url")) % 2 == 0}
    return first, set(truth) - first


def _site_hash(url: str | None) -> int:
    return hashlib.sha256(site_of(url).encode()).digest()[0]


def fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def print_table(rows: list[tuple[str, dict[str, Any], float | None]]) -> None:
    """A Markdown table: one row per system, the metrics of ``COLUMNS`` and the speed."""
    width = max(len("system"), *(len(name) for name, _, _ in rows))
    heads = [c for c, _ in COLUMNS] + ["pages/s"]
    print(f"| {'system':<{width}} | " + " | ".join(heads) + " |")
    print(f"|{'-' * (width + 2)}|" + "|".join("-" * (len(h) + 2) for h in heads) + "|")
    for name, metrics, speed in rows:
        cells = [f"{fmt(metrics.get(key)):>{len(c)}}" for c, key in COLUMNS]
        cells.append(f"{'-' if speed is None else f'{speed:.0f}':>7}")
        print(f"| {name:<{width}} | " + " | ".join(cells) + " |")


def counts_line(truth: Truth) -> str:
    titled = sum(1 for t in truth.values() if t.get("title"))
    named = sum(1 for t in truth.values() if t.get("authors"))
    unnamed = sum(1 for t in truth.values() if t.get("authors") == [])
    dated = sum(1 for t in truth.values() if t.get("date"))
    undated = sum(1 for t in truth.values() if "date" in t and not t.get("date"))
    return (
        f'{len(truth)} pages: title on {titled}, authors on {named} (+{unnamed} "no author"), '
        f'date on {dated} (+{undated} "no date")'
    )


def subset(truth: Truth, ids: Iterable[str]) -> Truth:
    keep = set(ids)
    return {k: v for k, v in truth.items() if k in keep}


def bench_set(name: str, args: argparse.Namespace, meta_eval: ModuleType) -> dict[str, dict[str, Any]]:
    """Run every system on one set, print its tables; the predictions per system."""
    truth, pages = read_named_set(name, meta_eval)
    if args.limit:
        pages = pages[: args.limit]
        truth = subset(truth, (page_id for page_id, _ in pages))
    urls = {page_id: entry.get("url") or None for page_id, entry in truth.items()}
    n = len(pages)

    outputs: dict[str, dict[str, Any]] = {}
    labels: dict[str, str] = {}
    speeds: dict[str, float] = {}
    errors: dict[str, int] = {}
    outputs["thresher"], seconds, errors["thresher"] = run_system(pages, urls, thresher_extract)
    labels["thresher"], speeds["thresher"] = "thresher extract()", n / seconds
    meta_seconds = time_metadata_only(pages, urls)
    if not args.no_peers:
        peers = meta_eval.make_peers()
        for peer in PEERS:
            predictions, peer_seconds, errors[peer] = run_system(pages, urls, peers[peer][1]())
            for prediction in predictions.values():
                if "date" in prediction:
                    prediction["date"] = meta_eval.norm_date(prediction["date"])
            outputs[peer] = predictions
            labels[peer] = f"{peer} {importlib.metadata.version(peers[peer][0])}"
            speeds[peer] = n / peer_seconds

    print(f"\n## {name}: {counts_line(truth)}\n")
    print_table([(labels[s], meta_eval.evaluate(truth, outputs[s]), speeds[s]) for s in outputs])

    first, second = halves(truth)
    print(f"\nHalves by site hash: A {len(first)} pages, B {len(second)} pages\n")
    rows: list[tuple[str, dict[str, Any], float | None]] = []
    for system in outputs:
        for half_name, part in (("A", first), ("B", second)):
            rows.append(
                (
                    f"{labels[system]}, half {half_name}",
                    meta_eval.evaluate(subset(truth, part), outputs[system]),
                    None,
                )
            )
    print_table(rows)

    page_types = sorted({entry["page_type"] for entry in truth.values() if "page_type" in entry})
    if page_types:
        print("\nPer page type\n")
        rows = []
        for page_type in page_types:
            part_truth = {k: v for k, v in truth.items() if v.get("page_type") == page_type}
            for system in outputs:
                label = f"{page_type} ({len(part_truth)}), {system}"
                rows.append((label, meta_eval.evaluate(part_truth, outputs[system]), None))
        print_table(rows)

    print(
        f"\nthresher read_metadata alone: {meta_seconds / n * 1000:.2f} ms/page "
        f"({n / meta_seconds:.0f} pages/s); full extract(): {seconds / n * 1000:.2f} ms/page; "
        f"errors: " + ", ".join(f"{system} {count}" for system, count in errors.items())
    )
    return outputs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", default=",".join(SETS), help=f"comma-separated, of: {', '.join(SETS)}")
    parser.add_argument("--no-peers", action="store_true", help="thresher only (quick runs)")
    parser.add_argument("--limit", type=int, default=0, help="first N pages of each set only")
    parser.add_argument("--dump", type=Path, help="write predictions as DIR/<set>/<system>.json")
    args = parser.parse_args(argv)
    chosen = [name for name in args.sets.split(",") if name]
    unknown = set(chosen) - set(SETS)
    if unknown:
        parser.error(f"unknown sets: {', '.join(sorted(unknown))}; known: {', '.join(SETS)}")

    meta_eval = load_shared("meta_eval")
    print("# metadata benchmark: thresher vs " + ", ".join(PEERS))
    for name in chosen:
        outputs = bench_set(name, args, meta_eval)
        if args.dump:
            folder = args.dump / name
            folder.mkdir(parents=True, exist_ok=True)
            for system, predictions in outputs.items():
                (folder / f"{system}.json").write_text(
                    json.dumps(predictions, ensure_ascii=False, indent=0), encoding="utf-8"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
