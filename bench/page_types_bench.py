"""How the page-type judgement (``Article.page_type``) matches WCXB's labels.

Reads every WCXB dev page as ``extract()`` does and prints a confusion table (rows:
WCXB's type, columns: thresher's), with the share of pages judged as labelled, so the
judgement that drives the page-type policies is measured, not assumed.

    PYTHONPATH=src python bench/page_types_bench.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import extraction_bench as eb  # noqa: E402
from thresher import extract  # noqa: E402

TYPES = ("article", "collection", "documentation", "forum", "listing", "product", "service")


def main() -> None:
    counts: Counter[tuple[str, str]] = Counter()
    for html, truth in eb.load_set("wcxb").values():
        counts[truth.get("page_type") or "", str(extract(html, url=truth.get("url")).page_type)] += 1
    total = sum(counts.values())
    agree = sum(counts[kind, kind] for kind in TYPES)
    print(f"{agree} of {total} pages judged as labelled ({agree / total:.1%})\n")
    print("| WCXB \\ thresher | " + " | ".join(TYPES) + " |")
    print("|---" * (len(TYPES) + 1) + "|")
    for label in TYPES:
        print(f"| {label} | " + " | ".join(str(counts[label, judged]) for judged in TYPES) + " |")


if __name__ == "__main__":
    main()
