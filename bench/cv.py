"""Grouped cross-validation and rule ablation of the HTML reader on the pooled development pages.

Pools ScrapingHub (181), WCXB dev (1,497) and the metadata set (851) and splits the
pages into five folds by site (the registered domain of each page's URL, so a site's
pages are never on both sides of a split). Each page gets one score: WCXB's word F1
where the truth has a body (ScrapingHub, WCXB), the share of its "with"/"without"
snippets handled right where it has only snippets (metadata set).

The ablation turns each rule of ``thresher.html.switches.RULES`` off in turn and
prints what that does on each set and on each fold (pooled page score): a rule that
does not help the pool goes.

    PYTHONPATH=src python bench/cv.py                  # all rules
    PYTHONPATH=src python bench/cv.py --rules post-taxonomy
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import extraction_bench as eb  # noqa: E402
from extraction_bench import evalkit  # noqa: E402

FOLDS = 5
#: Second-level labels under which sites register (example.co.uk): the site is one label lower.
_SECOND_LEVEL = frozenset(["co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "go", "gob"])


def site_of(url: str) -> str:
    """The registered domain of a URL (its last two labels, three under a
    second-level label such as ``co.uk``)."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def fold_of(url: str) -> int:
    return hashlib.sha256(site_of(url).encode()).digest()[0] % FOLDS


page_score = eb.page_score


def load_pool() -> dict[str, dict[str, tuple[str, dict]]]:
    return {name: eb.load_set(name) for name in eb.SETS}


def run(pool: dict[str, dict[str, tuple[str, dict]]], disabled: frozenset[str]) -> dict[str, dict[str, str]]:
    from thresher.html import blocks, switches

    switches.DISABLED = disabled
    blocks._NAME_GROUPS.clear()  # (names are read once and remembered)
    try:
        runner = eb.thresher_runner()
        return {
            name: {pid: run_page(runner, html, truth) for pid, (html, truth) in pages.items()}
            for name, pages in pool.items()
        }
    finally:
        switches.DISABLED = frozenset()
        blocks._NAME_GROUPS.clear()


def run_page(runner, html: str, truth: dict) -> str:  # type: ignore[no-untyped-def]
    return runner(html, truth.get("url") or "")


def summary(pool, texts) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Scores per set and per fold."""
    out: dict[str, float] = {}
    sh = {pid: truth for pid, (_, truth) in pool["scrapinghub"].items()}
    preds = {pid: {"articleBody": t} for pid, t in texts["scrapinghub"].items()}
    out["SH F1"] = evalkit.evaluate(sh, preds, n_bootstrap=0)["f1"]
    for half in ("tune", "check"):
        part = {pid: t for pid, t in sh.items() if eb.half_of(pid) == half}
        out[f"SH {half}"] = evalkit.evaluate(part, preds, n_bootstrap=0)["f1"]
    wcxb = {pid: truth for pid, (_, truth) in pool["wcxb"].items()}
    wpreds = {pid: {"articleBody": t} for pid, t in texts["wcxb"].items()}
    groups = evalkit.by_group(wcxb, wpreds, "page_type")
    out["WCXB"] = groups["all"]["word_f1"]
    for page_type in eb.TYPES:
        out[page_type[:5]] = groups[page_type]["word_f1"]
    out["empty"] = sum(not evalkit.tokens(t) for t in texts["wcxb"].values())
    meta = {pid: truth for pid, (_, truth) in pool["metadata"].items()}
    out["snip F1"] = evalkit.snippet_scores(
        meta, {pid: {"articleBody": t} for pid, t in texts["metadata"].items()}
    )["f1"]
    folds: dict[int, list[float]] = {}
    for name, pages in pool.items():
        for pid, (_, truth) in pages.items():
            folds.setdefault(fold_of(truth.get("url") or pid), []).append(page_score(truth, texts[name][pid]))
    for fold in sorted(folds):
        out[f"fold {fold}"] = statistics.mean(folds[fold])
    out["pool"] = statistics.mean(score for scores in folds.values() for score in scores)
    return out


def print_table(rows: list[tuple[str, dict[str, float]]], header: bool = True) -> None:
    """Markdown rows: the first run's scores, then each other run's change from them
    (``header=False``: the other runs only, as they come)."""
    keys = list(rows[0][1])
    if header:
        print("| run | " + " | ".join(keys) + " |")
        print("|---|" + "---|" * len(keys))
    base = rows[0][1]
    for name, values in rows if header else rows[1:]:
        cells = []
        for key in keys:
            value = values[key]
            if name == rows[0][0] or key == "empty":
                cells.append(f"{value:.3f}" if key != "empty" else f"{value:.0f}")
            else:
                cells.append(f"{value - base[key]:+.3f}")
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)


def main(argv: list[str] | None = None) -> int:
    from thresher.html.switches import RULES

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", nargs="*", default=list(RULES), help="rules to ablate one at a time")
    parser.add_argument(
        "--no-base",
        action="store_true",
        help="skip the run with all rules; print every run's scores as they are",
    )
    args = parser.parse_args(argv)
    pool = load_pool()
    sites = {site_of(truth.get("url") or pid) for pages in pool.values() for pid, (_, truth) in pages.items()}
    sizes = [
        sum(
            fold_of(truth.get("url") or pid) == f
            for pages in pool.values()
            for pid, (_, truth) in pages.items()
        )
        for f in range(FOLDS)
    ]
    print(f"{sum(map(len, pool.values()))} pages, {len(sites)} sites, fold sizes {sizes}\n")
    if args.no_base:
        for number, rule in enumerate(args.rules):
            row = (f"without {rule}", summary(pool, run(pool, frozenset([rule]))))
            print_table([row], header=number == 0)
            if number:  # (print_table prints the first row only with its header)
                print_table([row, row], header=False)
        return 0
    print("(first row: scores; other rows: change when the rule is off)\n", flush=True)
    rows = [("all rules", summary(pool, run(pool, frozenset())))]
    print_table(rows)
    for rule in args.rules:
        rows.append((f"without {rule}", summary(pool, run(pool, frozenset([rule])))))
        print_table(rows[:1] + rows[-1:], header=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
