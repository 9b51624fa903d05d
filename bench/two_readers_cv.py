"""Choose when the text reader's second opinion overrules the HTML reader: the rule's
thresholds, by cross-validation grouped by site on the pooled development pages.

Every page of the pool ``cv.py`` reads (ScrapingHub, WCXB dev, the metadata set's
snippet pages) is extracted twice through ``thresher.extract``: with the second opinion
off (the HTML reader alone), and with the second opinion asked and taken on every page
(its thresholds set aside for the run), which gives the text reader's body on the tree
the HTML reader left, as the second opinion reads it. Both bodies get ``cv.py``'s page
score (WCXB's word F1 where the set has body truth, the share of snippets right on the
metadata set). The rule family: when the HTML body has fewer than ``A`` words, take the
text reader's when it has at least ``K`` times as many words and at least ``M``.

The folds are ``cv.py``'s (five, by a hash of the site), so a site's pages are never on
both sides; on each fold the thresholds that gain most on the other four (the mean
per-page gain of each set, summed over the sets) are applied to it. It prints the
thresholds each fold chose, the out-of-fold gain per set and on the pool, the gain of
each fixed choice given with ``--rule``, and the ceiling: the better reader on every page.

    PYTHONPATH=src python bench/two_readers_cv.py [--rule 120,4,20 ...] [--max-words 120]
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cv  # noqa: E402
import extraction_bench as eb  # noqa: E402
from thresher import extract  # noqa: E402
from thresher.html import second_opinion as second_opinion_module  # noqa: E402
from thresher.html.short_body import words  # noqa: E402
from thresher.options import ExtractOptions  # noqa: E402

OFF, ON = ExtractOptions(second_opinion=False), ExtractOptions()
GRID_A = (20, 30, 50, 80, 120, 160, 200, 300, 500)
GRID_K = (1.5, 2, 3, 4, 6, 8)
GRID_M = (10, 20, 50, 100)


@contextmanager
def text_reader_always_taken() -> Iterator[None]:
    """The second opinion asked on every page and its body taken whatever its size."""
    module = second_opinion_module
    # (its own tests of the body, not the shared ones: the other remedies stay as they are)
    rule = module.too_short, module.outweighs
    module.too_short, module.outweighs = lambda count: True, lambda texts, count: True
    try:
        yield
    finally:
        module.too_short, module.outweighs = rule


def read_both(name: str) -> list[dict[str, Any]]:
    """Per page of set ``name``: the words and score of each reader's body, and the page's fold."""
    rows = []
    for page_id, (html, truth) in eb.load_set(name).items():
        url = truth.get("url") or page_id
        alone = extract(html, url=truth.get("url"), options=OFF).text
        with text_reader_always_taken():
            second = extract(html, url=truth.get("url"), options=ON).text
        rows.append(
            {
                "set": name,
                "site": cv.site_of(url),
                "fold": cv.fold_of(url),
                "html_words": words(alone),
                "text_words": words(second),
                "html": cv.page_score(truth, alone),
                "text": cv.page_score(truth, second),
            }
        )
    return rows


def fires(rule: tuple[float, float, float], row: dict[str, Any]) -> bool:
    below, outweigh, least = rule
    return bool(row["html_words"] < below and row["text_words"] >= max(least, outweigh * row["html_words"]))


def gains(rule: tuple[float, float, float], rows: list[dict[str, Any]]) -> dict[str, float]:
    """The summed per-page gain of each set when ``rule`` decides."""
    out = dict.fromkeys(eb.SETS, 0.0)
    for row in rows:
        if fires(rule, row):
            out[row["set"]] += row["text"] - row["html"]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rule", action="append", default=[], help="A,K,M: a fixed rule to report")
    parser.add_argument("--max-words", type=int, default=120, help="largest A of the grid")
    args = parser.parse_args(argv)
    rows = [row for name in eb.SETS for row in read_both(name)]
    pages = {name: sum(row["set"] == name for row in rows) for name in eb.SETS}
    grid = list(
        itertools.product([a for a in GRID_A if a <= args.max_words] or [args.max_words], GRID_K, GRID_M)
    )

    def objective(gain: dict[str, float]) -> float:
        return sum(gain[name] / pages[name] for name in eb.SETS)

    def per_page(gain: dict[str, float], part: list[dict[str, Any]]) -> str:
        """Mean gain per page of each set and of the pool, over the pages of ``part``."""
        counts = {name: sum(row["set"] == name for row in part) for name in eb.SETS}
        sets = ", ".join(f"{name} {gain[name] / max(1, counts[name]):+.4f}" for name in eb.SETS)
        return f"{sets}, pool {sum(gain.values()) / max(1, len(part)):+.4f}"

    out_of_fold = dict.fromkeys(eb.SETS, 0.0)
    sizes = [sum(row["fold"] == fold for row in rows) for fold in range(cv.FOLDS)]
    print(f"{len(rows)} pages, {len({row['site'] for row in rows})} sites, fold sizes {sizes}")
    for fold in range(cv.FOLDS):
        train = [row for row in rows if row["fold"] != fold]
        test = [row for row in rows if row["fold"] == fold]
        # (ties: the smallest A, the rule that overrules the fewest pages)
        rule = max(grid, key=lambda r: (objective(gains(r, train)), -r[0]))
        gain = gains(rule, test)
        chosen = f"A={rule[0]} K={rule[1]} M={rule[2]}"
        print(f"fold {fold}: {len(test)} pages, chose {chosen}, gain {per_page(gain, test)}")
        for name in eb.SETS:
            out_of_fold[name] += gain[name]
    print(f"out of fold, mean gain per page: {per_page(out_of_fold, rows)}")
    for text in args.rule:
        below, outweigh, least = (float(part) for part in text.split(","))
        rule = (below, outweigh, least)
        taken = {name: sum(fires(rule, row) for row in rows if row["set"] == name) for name in eb.SETS}
        fixed = f"A={below:g} K={outweigh:g} M={least:g}"
        print(f"fixed {fixed}: {per_page(gains(rule, rows), rows)}; pages overruled {taken}")
        for fold in range(cv.FOLDS):
            test = [row for row in rows if row["fold"] == fold]
            print(f"  fold {fold}: {per_page(gains(rule, test), test)}")
    ceiling = dict.fromkeys(eb.SETS, 0.0)
    for row in rows:
        ceiling[row["set"]] += max(0.0, row["text"] - row["html"])
    print(f"ceiling (the better reader on every page): {per_page(ceiling, rows)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
