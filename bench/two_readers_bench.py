"""Two readers, one answer: what the text reader's second opinion buys on HTML pages, and
what it costs.

On the pooled development pages (``../shared/bench``: ScrapingHub 181, WCXB dev 1,497
with page types, the metadata set's 851 snippet pages) thresher runs three ways, page
by page in turn in this one process:

- ``off``: ``ExtractOptions(second_opinion=False)``, the HTML reader alone;
- ``on``: the default: the second opinion is asked when the HTML body is nearly empty;
- ``every page``: the visible text is rendered and read by the text reader on every
  page (only its cost is measured: its answers are not scored).

Quality: ScrapingHub F1 (both fixed halves), WCXB F1 and word F1 per page type and
empty pages, snippet F1 on the metadata set. Cost: CPU time (``time.process_time``) of
each way over all pages, after a warm-up that compiles the text reader's loops; each
page is extracted once untimed first, and the three ways take turns at going first.

It also measures how close ``visible_text`` comes to a browser's ``innerText``: line F1
(multisets of whitespace-normalised non-blank lines) against the Chromium captures of
``../shared/bench/scrapinghub-text``, and the text reader's F1 on those captures
against its F1 on the rendered text.

    PYTHONPATH=src python bench/two_readers_bench.py [--sets sh,wcxb,meta] [--no-innertext]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# (``THRESHER_BENCH_DATA`` points elsewhere, e.g. from a second checkout of the project)
SHARED = Path(os.environ.get("THRESHER_BENCH_DATA", ROOT.parent / "shared" / "bench"))
sys.path.insert(0, str(SHARED))
sys.path.insert(0, str(ROOT / "src"))

import evalkit  # noqa: E402

from extraction_bench import half_of  # noqa: E402
from thresher import extract  # noqa: E402
from thresher.html import second_opinion as second_opinion_module  # noqa: E402
from thresher.html.parse import parse_document  # noqa: E402
from thresher.html.visible_text import visible_text  # noqa: E402
from thresher.models import Article  # noqa: E402
from thresher.options import ExtractOptions  # noqa: E402
from thresher.text.extract import extract_text  # noqa: E402

SETS = {
    "sh": (SHARED / "scrapinghub", "ground-truth.json"),
    "wcxb": (SHARED / "wcxb-dev", "ground-truth.json"),
    "meta": (SHARED / "metadata", "truth.json"),
}
OFF, ON = ExtractOptions(second_opinion=False), ExtractOptions()


def run_set(name: str) -> tuple[dict[str, dict], dict[str, dict[str, str]], dict[str, float], int]:
    folder, truth_name = SETS[name]
    truth = json.loads((folder / truth_name).read_text(encoding="utf-8"))
    preds: dict[str, dict[str, str]] = {"off": {}, "on": {}}
    cpu = {"off": 0.0, "on": 0.0, "every page": 0.0}
    changed = 0
    ways = list(cpu)
    for number, (page_id, page) in enumerate(evalkit.read_pages(folder)):
        url = truth[page_id].get("url")
        extract(page, url=url, options=ON)  # untimed: a page's first run fills caches the others reuse
        articles = {}
        for way in ways[number % 3 :] + ways[: number % 3]:  # each way first on a third of the pages
            articles[way], seconds = _timed(page, url, way)
            cpu[way] += seconds
        preds["off"][page_id] = {"articleBody": articles["off"].text}
        preds["on"][page_id] = {"articleBody": articles["on"].text}
        changed += articles["on"].second_opinion is not None
    return truth, preds, cpu, changed


def _timed(page: str, url: str | None, way: str) -> tuple[Article, float]:
    """The article of ``page`` extracted ``way``, and the CPU seconds it took."""
    if way != "every page":
        start = time.process_time()
        article = extract(page, url=url, options=OFF if way == "off" else ON)
        return article, time.process_time() - start
    # The second opinion asked, and the text reader run, on every page (its answers unscored).
    # (its tests of the body, not the shared ones: the other remedies stay as they are)
    module = second_opinion_module
    rule = module.too_short, module.outweighs
    module.too_short, module.outweighs = lambda count: True, lambda texts, count: True
    try:
        start = time.process_time()
        article = extract(page, url=url, options=ON)
        return article, time.process_time() - start
    finally:
        module.too_short, module.outweighs = rule


def quality(name: str, truth: dict[str, dict], pred: dict[str, dict[str, str]]) -> dict[str, float]:
    if name == "meta":
        return {"snippet F1": evalkit.snippet_scores(truth, pred)["f1"]}
    scores = {
        "F1": evalkit.evaluate(truth, pred, n_bootstrap=0)["f1"],
        "word F1": statistics.mean(
            evalkit.word_f1(t.get("articleBody") or "", pred[i]["articleBody"]) for i, t in truth.items()
        ),
        "empty": float(sum(not pred[i]["articleBody"].strip() for i in truth)),
    }
    if name == "sh":
        for half in ("tune", "check"):
            part = {i: t for i, t in truth.items() if half_of(i) == half}
            scores[f"F1 {half}"] = evalkit.evaluate(part, pred, n_bootstrap=0)["f1"]
    return scores


def _lines(text: str) -> Counter[str]:
    return Counter(line for line in (" ".join(raw.split()) for raw in text.splitlines()) if line)


def innertext_closeness() -> None:
    """Line F1 of ``visible_text`` against the Chromium captures, and the text reader on both."""
    folder = SHARED / "scrapinghub"
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    precisions, recalls = [], []
    lower_p, lower_r = [], []
    on_capture, on_rendered, with_images = {}, {}, {}
    for page_id, page in evalkit.read_pages(folder):
        capture = (SHARED / "scrapinghub-text" / f"{page_id}.txt").read_text(encoding="utf-8")
        tree = parse_document(page)
        rendered = visible_text(tree.body)
        for lower, (ps, rs) in ((False, (precisions, recalls)), (True, (lower_p, lower_r))):
            mine, theirs = (
                _lines(rendered.lower() if lower else rendered),
                _lines(capture.lower() if lower else capture),
            )
            overlap = sum((mine & theirs).values())
            ps.append(overlap / max(1, sum(mine.values())))
            rs.append(overlap / max(1, sum(theirs.values())))
        on_capture[page_id] = {"articleBody": extract_text(capture, url=None, options=ON).text}
        on_rendered[page_id] = {"articleBody": extract_text(rendered, url=None, options=ON).text}
        imaged = visible_text(tree.body, images=True)
        with_images[page_id] = {"articleBody": extract_text(imaged, url=None, options=ON).text}
    print("\n## visible_text against Chromium innerText (ScrapingHub, 181 pages)\n")
    print("| lines compared | precision | recall | F1 |\n|---|---:|---:|---:|")
    for label, ps, rs in (("as written", precisions, recalls), ("case folded", lower_p, lower_r)):
        p, r = statistics.mean(ps), statistics.mean(rs)
        print(f"| {label} | {p:.3f} | {r:.3f} | {2 * p * r / (p + r):.3f} |")
    print("\n| text reader input | F1 all | F1 tune | F1 check |\n|---|---:|---:|---:|")
    for label, pred in (
        ("Chromium capture", on_capture),
        ("visible_text of the HTML", on_rendered),
        ("visible_text with image lines", with_images),
    ):
        row = [
            evalkit.evaluate(
                {i: t for i, t in truth.items() if part in ("all", half_of(i))}, pred, n_bootstrap=0
            )["f1"]
            for part in ("all", "tune", "check")
        ]
        print(f"| {label} | " + " | ".join(f"{value:.3f}" for value in row) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="sh,wcxb,meta")
    parser.add_argument("--no-innertext", action="store_true")
    args = parser.parse_args(argv)
    extract_text("A line to compile the text reader's loops.\nAnd a second one.", url=None, options=ON)
    print("## second opinion: off / on\n")
    print("| set | pages | metric | off | on | pages changed | CPU off s | CPU on s | CPU every page s |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|")
    totals = {"off": 0.0, "on": 0.0, "every page": 0.0}
    by_type = {}
    for name in args.sets.split(","):
        truth, preds, cpu, changed = run_set(name)
        for key in totals:
            totals[key] += cpu[key]
        off, on = quality(name, truth, preds["off"]), quality(name, truth, preds["on"])
        for metric in off:
            value = "{:.0f}" if metric == "empty" else "{:.3f}"
            cells = [
                name,
                str(len(truth)),
                metric,
                value.format(off[metric]),
                value.format(on[metric]),
                str(changed),
                *(f"{cpu[way]:.1f}" for way in ("off", "on", "every page")),
            ]
            print("| " + " | ".join(cells) + " |")
        if name == "wcxb":
            by_type = {key: evalkit.by_group(truth, preds[key]) for key in ("off", "on")}
    print(
        f"\nCPU time ratio, on / off: {totals['on'] / totals['off']:.3f}; "
        f"every page / off: {totals['every page'] / totals['off']:.3f}"
    )
    if by_type:
        print(
            "\n## WCXB dev by page type (word F1)\n\n| page type | pages | off | on |\n|---|---:|---:|---:|"
        )
        for group, row in by_type["off"].items():
            print(
                f"| {group} | {row['pages']} | {row['word_f1']:.3f} | {by_type['on'][group]['word_f1']:.3f} |"
            )
    if not args.no_innertext:
        innertext_closeness()
    return 0


if __name__ == "__main__":
    sys.exit(main())
