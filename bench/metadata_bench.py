"""Metadata benchmark: thresher vs trafilatura and htmldate on ../shared/bench/metadata.

All systems run in this one process over the same decoded pages, one page at a time,
and are scored by the shared ``meta_eval.evaluate`` (title exact match and token F1,
authors set F1, "no author" pages left empty, exact-day date accuracy and precision).
thresher is timed twice: the full ``extract()`` and ``read_metadata`` alone on an
already parsed tree. thresher's scores are also shown on two fixed halves of the pages
(split by a hash of the page id), a check that no half is carried by the other.
Speeds are pages per second of CPU time of this process (``time.process_time``), so
that other work on a shared machine does not skew the comparison.

    python bench/metadata_bench.py [--no-peers] [--limit N] [--dump DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import importlib.util
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "bench"
sys.path.insert(0, str(ROOT / "src"))

from thresher import extract  # noqa: E402
from thresher.html.metadata import read_metadata  # noqa: E402
from thresher.html.parse import parse_document  # noqa: E402

COLUMNS = [
    ("title EM", "title_em"),
    ("title F1", "title_f1"),
    ("authors F1", "authors_f1"),
    ("no-author ok", "no_author_ok"),
    ("date acc", "date_acc"),
    ("date prec", "date_prec"),
    ("date all", "date_all"),
]


def load_meta_eval() -> ModuleType:
    spec = importlib.util.spec_from_file_location("meta_eval", SHARED / "meta_eval.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _day(value: Any) -> str | None:
    return value.date().isoformat() if value is not None else None


def run_system(
    pages: list[tuple[str, str]], urls: dict[str, str | None], fn: Callable[[str, str | None], dict[str, Any]]
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


def time_metadata_only(pages: list[tuple[str, str]], urls: dict[str, str | None]) -> float:
    """Seconds spent in read_metadata alone (trees parsed beforehand, outside the clock)."""
    total = 0.0
    for page_id, html in pages:
        tree = parse_document(html)
        start = time.process_time()
        read_metadata(tree, urls.get(page_id))
        total += time.process_time() - start
    return total


def halves(ids: list[str]) -> tuple[set[str], set[str]]:
    first = {i for i in ids if hashlib.sha256(i.encode()).digest()[0] % 2 == 0}
    return first, set(ids) - first


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=SHARED / "metadata")
    parser.add_argument("--no-peers", action="store_true", help="thresher only (quick runs)")
    parser.add_argument("--limit", type=int, default=0, help="first N pages only")
    parser.add_argument("--dump", type=Path, help="write predictions as DIR/<system>.json")
    args = parser.parse_args(argv)

    meta_eval = load_meta_eval()
    truth, pages = meta_eval.read_set(args.data)
    if args.limit:
        pages = pages[: args.limit]
        truth = {page_id: truth[page_id] for page_id, _ in pages}
    urls = {page_id: entry.get("url") or None for page_id, entry in truth.items()}
    n = len(pages)

    rows: list[tuple[str, dict[str, Any], float | None]] = []
    outputs: dict[str, dict[str, Any]] = {}
    thresher_pred, seconds, errors = run_system(pages, urls, thresher_extract)
    outputs["thresher"] = thresher_pred
    rows.append(("thresher extract()", meta_eval.evaluate(truth, thresher_pred), n / seconds))
    meta_seconds = time_metadata_only(pages, urls)
    if not args.no_peers:
        peers = meta_eval.make_peers()
        for name in ("trafilatura", "htmldate"):
            fn = peers[name][1]()
            predictions, peer_seconds, peer_errors = run_system(pages, urls, fn)
            for prediction in predictions.values():
                if "date" in prediction:
                    prediction["date"] = meta_eval.norm_date(prediction["date"])
            outputs[name] = predictions
            label = f"{name} {importlib.metadata.version(peers[name][0])}"
            rows.append((label, meta_eval.evaluate(truth, predictions), n / peer_seconds))
            errors += peer_errors
    first, second = halves([page_id for page_id, _ in pages])
    for label, part in (
        ("thresher, half A (id hash even)", first),
        ("thresher, half B (id hash odd)", second),
    ):
        part_truth = {k: v for k, v in truth.items() if k in part}
        rows.append((f"{label}, {len(part)} pages", meta_eval.evaluate(part_truth, thresher_pred), None))

    print(f"metadata benchmark: {n} pages from {args.data}")
    print_table(rows)
    print(
        f"\nthresher read_metadata alone: {meta_seconds / n * 1000:.2f} ms/page "
        f"({n / meta_seconds:.0f} pages/s); full extract(): {seconds / n * 1000:.2f} ms/page; "
        f"errors: {errors}"
    )
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
        for name, predictions in outputs.items():
            (args.dump / f"{name}.json").write_text(
                json.dumps(predictions, ensure_ascii=False, indent=0), encoding="utf-8"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
