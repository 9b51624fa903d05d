"""Choose when the text reader's second opinion overrules the HTML reader: the rule's
thresholds, by cross-validation grouped by site on the pooled development pages.

Every page of ``../shared/bench`` (ScrapingHub, WCXB dev, the metadata set's snippet
pages) is read by the HTML reader alone, and by the text reader on the page's visible
text (``visible_text`` of the tree the HTML reader left), both scored per page: the
benchmark's shingle F1 where a full body truth exists, the share of snippets right on
the metadata set. The rule family: when the HTML body has fewer than ``A`` words, take
the text reader's when it has at least ``K`` times as many words and at least ``M``.
Five folds by a hash of the site (the last two labels of the host), so a site's pages
are never on both sides; on each fold the thresholds that gain most on the other four
(the mean per-page gain of each set, summed over the sets) are applied to it. It prints
the thresholds each fold chose, the out-of-fold gain per set, the gain of each fixed
choice given with ``--rule``, and the ceiling: the better reader on every page.

    PYTHONPATH=src python bench/two_readers_cv.py [--rule 120,4,20 ...] [--max-words 120]
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import re
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("THRESHER_BENCH_DATA", ROOT.parent / "shared" / "bench"))
sys.path.insert(0, str(SHARED))
sys.path.insert(0, str(ROOT / "src"))

import evalkit  # noqa: E402

from thresher.html.body import extract_body  # noqa: E402
from thresher.html.metadata import read_metadata  # noqa: E402
from thresher.html.nodes import collect_nodes  # noqa: E402
from thresher.html.parse import parse_document  # noqa: E402
from thresher.html.short_body import words  # noqa: E402
from thresher.html.visible_text import visible_text  # noqa: E402
from thresher.options import ExtractOptions  # noqa: E402
from thresher.text.extract import extract_text  # noqa: E402

SETS = {
    "sh": (SHARED / "scrapinghub", "ground-truth.json"),
    "wcxb": (SHARED / "wcxb-dev", "ground-truth.json"),
    "meta": (SHARED / "metadata", "truth.json"),
}
OPTIONS = ExtractOptions(second_opinion=False)
GRID_A = (20, 30, 50, 80, 120, 160, 200, 300, 500)
GRID_K = (1.5, 2, 3, 4, 6, 8)
GRID_M = (10, 20, 50, 100)
_SPACE = re.compile(r"\s+")


def page_score(name: str, truth: dict[str, Any], text: str) -> float:
    """The page's score: shingle F1 against the body truth, or the share of snippets
    right (kept ``with``, left out ``without``) on the metadata set."""
    if name == "meta":
        body = _SPACE.sub(" ", text)
        keep, leave = truth.get("with") or [], truth.get("without") or []
        right = sum(_SPACE.sub(" ", s) in body for s in keep) + sum(
            _SPACE.sub(" ", s) not in body for s in leave
        )
        return right / max(1, len(keep) + len(leave))
    tp, fp, fn = evalkit.page_counts(truth.get("articleBody") or "", text)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def site_of(url: str | None, page_id: str) -> str:
    host = urlsplit(url or "").hostname or page_id
    return ".".join(host.split(".")[-2:])


def read_both(name: str) -> list[dict[str, Any]]:
    """Per page: the words and score of each reader's body, and the page's site."""
    folder, truth_name = SETS[name]
    truth = json.loads((folder / truth_name).read_text(encoding="utf-8"))
    rows = []
    for page_id, page in evalkit.read_pages(folder):
        url = truth[page_id].get("url")
        tree = parse_document(page)
        nodes = collect_nodes(tree)
        metadata = read_metadata(tree, url, nodes)
        html = "\n".join(
            block.text for block in extract_body(tree, OPTIONS, url, nodes, metadata.title).blocks
        )
        rendered = visible_text(tree.body)
        text = extract_text(rendered, url=url, options=OPTIONS).text if rendered.strip() else ""
        rows.append(
            {
                "set": name,
                "site": site_of(url, page_id),
                "html_words": words(html),
                "text_words": words(text),
                "html": page_score(name, truth[page_id], html),
                "text": page_score(name, truth[page_id], text),
            }
        )
    return rows


def fires(rule: tuple[float, float, float], row: dict[str, Any]) -> bool:
    below, outweigh, least = rule
    return bool(row["html_words"] < below and row["text_words"] >= max(least, outweigh * row["html_words"]))


def gains(rule: tuple[float, float, float], rows: list[dict[str, Any]]) -> dict[str, float]:
    """The summed per-page gain of each set when ``rule`` decides."""
    out = dict.fromkeys(SETS, 0.0)
    for row in rows:
        if fires(rule, row):
            out[row["set"]] += row["text"] - row["html"]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rule", action="append", default=[], help="A,K,M: a fixed rule to report")
    parser.add_argument("--max-words", type=int, default=120, help="largest A of the grid")
    args = parser.parse_args(argv)
    rows = [row for name in SETS for row in read_both(name)]
    pages = {name: sum(row["set"] == name for row in rows) for name in SETS}
    grid = list(
        itertools.product([a for a in GRID_A if a <= args.max_words] or [args.max_words], GRID_K, GRID_M)
    )

    def objective(gain: dict[str, float]) -> float:
        return sum(gain[name] / pages[name] for name in SETS)

    def per_page(gain: dict[str, float]) -> str:
        return ", ".join(f"{name} {gain[name] / pages[name]:+.4f}" for name in SETS)

    folds = [int(hashlib.sha256(row["site"].encode()).digest()[0]) % 5 for row in rows]
    out_of_fold = dict.fromkeys(SETS, 0.0)
    print(f"{len(rows)} pages, {len({row['site'] for row in rows})} sites, 5 folds by site")
    for fold in range(5):
        train = [row for row, f in zip(rows, folds, strict=True) if f != fold]
        test = [row for row, f in zip(rows, folds, strict=True) if f == fold]
        # (ties: the smallest A, the rule that overrules the fewest pages)
        rule = max(grid, key=lambda r: (objective(gains(r, train)), -r[0]))
        gain = gains(rule, test)
        chosen = f"A={rule[0]} K={rule[1]} M={rule[2]}"
        print(f"fold {fold}: {len(test)} pages, chose {chosen}, gain {per_page(gain)}")
        for name in SETS:
            out_of_fold[name] += gain[name]
    print(f"out of fold, mean gain per page: {per_page(out_of_fold)}")
    for text in args.rule:
        below, outweigh, least = (float(part) for part in text.split(","))
        rule = (below, outweigh, least)
        taken = {name: sum(fires(rule, row) for row in rows if row["set"] == name) for name in SETS}
        fixed = f"A={below:g} K={outweigh:g} M={least:g}"
        print(f"fixed {fixed}: {per_page(gains(rule, rows))}; pages overruled {taken}")
    ceiling = dict.fromkeys(SETS, 0.0)
    for row in rows:
        ceiling[row["set"]] += max(0.0, row["text"] - row["html"])
    print(f"ceiling (the better reader on every page): {per_page(ceiling)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
