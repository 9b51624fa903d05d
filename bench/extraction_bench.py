"""Body extraction on every development set, thresher beside trafilatura and readability-lxml.

Sets (``../shared/bench``): ScrapingHub (181 news pages, F1 and its two fixed halves),
WCXB dev (1,497 pages of seven page types: this kit's F1 and WCXB's word F1 per type,
empty pages) and the metadata set (851 pages: "with"/"without" body snippets). Every
score comes from ``evalkit`` (the sets' own scorer), imported, not re-implemented.

The peers' predictions are cached in ``bench/.cache`` (keyed by their version), so
a rerun only runs thresher; ``--speed`` also times thresher's first pass against
trafilatura's on the ScrapingHub pages, in this process, the two taking turns, each
given the pages' bytes as a crawl or an archive holds them (each decodes them itself).

    PYTHONPATH=src python bench/extraction_bench.py            # all sets, cached peers
    PYTHONPATH=src python bench/extraction_bench.py --sets wcxb --speed
    PYTHONPATH=src python bench/extraction_bench.py --sets wcxb --per-page /tmp/pages.jsonl
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
import tarfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = next(
    (
        path
        for path in (ROOT.parent / "shared" / "bench", ROOT.parent.parent / "shared" / "bench")
        if path.is_dir()
    ),
    ROOT.parent / "shared" / "bench",
)
CACHE = Path(__file__).resolve().parent / ".cache"
sys.path.insert(0, str(SHARED))
sys.path.insert(0, str(ROOT / "src"))

import evalkit  # noqa: E402

#: A set: {page id: (html, truth entry)}.
Pages = dict[str, tuple[str, dict]]
SETS = ("scrapinghub", "wcxb", "metadata")
PEERS = ("trafilatura", "readability-lxml")


def load_set(name: str) -> Pages:
    """The pages of one development set with their truth entries (``url`` always set)."""
    if name == "scrapinghub":
        folder = SHARED / "scrapinghub"
        truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
        return {
            path.name[: -len(".html.gz")]: (
                gzip.decompress(path.read_bytes()).decode("utf-8"),
                truth[path.name[: -len(".html.gz")]],
            )
            for path in sorted((folder / "html").glob("*.html.gz"))
        }
    if name == "wcxb":
        folder = SHARED / "wcxb-dev"
        truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
        pages: Pages = {}
        with tarfile.open(folder / "pages.tar.xz") as tar:
            for member in tar:
                if member.isfile() and member.name.endswith(".html"):
                    page_id = member.name.rsplit("/", 1)[-1][: -len(".html")]
                    file = tar.extractfile(member)
                    if file is not None and page_id in truth:
                        pages[page_id] = (file.read().decode("utf-8"), truth[page_id])
        return dict(sorted(pages.items()))
    folder = SHARED / "metadata"
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    return {
        path.name[: -len(".html.gz")]: (
            gzip.decompress(path.read_bytes()).decode("utf-8", "replace"),
            truth[path.name[: -len(".html.gz")]],
        )
        for path in sorted((folder / "html").glob("*.html.gz"))
        if path.name[: -len(".html.gz")] in truth
    }


def half_of(page_id: str) -> str:
    """The fixed ScrapingHub half of a page ("tune" or "check"), by a hash of its id; every
    bench that splits ScrapingHub in two uses this one."""
    return "tune" if hashlib.sha256(page_id.encode()).digest()[0] % 2 == 0 else "check"


# ------------------------------------------------------------------ systems ----
def thresher_runner() -> Callable[[str | bytes, str], str]:
    import thresher

    return lambda html, url: thresher.extract(html, url=url or None).text


def trafilatura_runner() -> Callable[[str | bytes, str], str]:
    import trafilatura

    # (defaults, no URL: as its own evaluations call it)
    return lambda html, url: trafilatura.extract(html) or ""


def readability_runner() -> Callable[[str, str], str]:
    from readability import Document

    def run(html: str, url: str) -> str:
        try:
            return evalkit.html_to_text(Document(html).summary())
        except Exception:  # readability raises on some pages; an empty answer is its result
            return ""

    return run


RUNNERS = {
    "thresher": thresher_runner,
    "trafilatura": trafilatura_runner,
    "readability-lxml": readability_runner,
}


def version_of(system: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(system)
    except PackageNotFoundError:  # thresher from the source tree
        return "src"


def predict(system: str, set_name: str, pages: Pages, *, cache: bool) -> dict[str, dict[str, str]]:
    """{page id: {"articleBody": text}} of ``system`` on a set; peers' are cached on disk."""
    path = CACHE / f"{system}-{set_name}-{version_of(system)}.json"
    if cache and path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    run = RUNNERS[system]()
    predictions = {
        page_id: {"articleBody": run(html, truth.get("url") or "")}
        for page_id, (html, truth) in pages.items()
    }
    CACHE.mkdir(exist_ok=True)
    path.write_text(json.dumps(predictions), encoding="utf-8")
    return predictions


# ------------------------------------------------------------------ scoring ----
def truth_of(pages: Pages) -> dict[str, dict]:
    return {page_id: truth for page_id, (_, truth) in pages.items()}


def empty_pages(pages: Pages, predictions: dict[str, dict[str, str]]) -> int:
    return sum(not evalkit.tokens(predictions.get(page_id, {}).get("articleBody", "")) for page_id in pages)


def scrapinghub_rows(pages: Pages, runs: dict[str, dict]) -> Iterator[str]:
    truth = truth_of(pages)
    halves = {half: {k: v for k, v in truth.items() if half_of(k) == half} for half in ("tune", "check")}
    yield "| system | F1 | precision | recall | F1 tune half | F1 check half | empty |"
    yield "|---|---|---|---|---|---|---|"
    for name, predictions in runs.items():
        m = evalkit.evaluate(truth, predictions, n_bootstrap=0)
        by_half = {
            half: evalkit.evaluate(part, predictions, n_bootstrap=0)["f1"] for half, part in halves.items()
        }
        yield (
            f"| {name} | {m['f1']:.3f} | {m['precision']:.3f} | {m['recall']:.3f} | "
            f"{by_half['tune']:.3f} | {by_half['check']:.3f} | {m['empty']} |"
        )


TYPES = ("article", "documentation", "service", "forum", "product", "collection", "listing")


def wcxb_rows(pages: Pages, runs: dict[str, dict]) -> Iterator[str]:
    truth = truth_of(pages)
    yield "| system | word F1 all | " + " | ".join(TYPES) + " | kit F1 | snippet F1 | empty |"
    yield "|---|" + "---|" * (len(TYPES) + 4)
    for name, predictions in runs.items():
        groups = evalkit.by_group(truth, predictions, "page_type")
        snippets = evalkit.snippet_scores(truth, predictions)
        yield (
            f"| {name} | {groups['all']['word_f1']:.3f} | "
            + " | ".join(f"{groups[t]['word_f1']:.3f}" for t in TYPES if t in groups)
            + f" | {groups['all']['f1']:.3f} | {snippets['f1']:.3f} | {empty_pages(pages, predictions)} |"
        )


def metadata_rows(pages: Pages, runs: dict[str, dict]) -> Iterator[str]:
    truth = truth_of(pages)
    yield "| system | snippet F1 | precision | recall | accuracy | empty |"
    yield "|---|---|---|---|---|---|"
    for name, predictions in runs.items():
        m = evalkit.snippet_scores(truth, predictions)
        yield (
            f"| {name} | {m['f1']:.3f} | {m['precision']:.3f} | {m['recall']:.3f} | "
            f"{m['accuracy']:.3f} | {empty_pages(pages, predictions)} |"
        )


ROWS = {"scrapinghub": scrapinghub_rows, "wcxb": wcxb_rows, "metadata": metadata_rows}
TITLES = {
    "scrapinghub": "ScrapingHub (181 pages), shingle F1",
    "wcxb": "WCXB dev (1,497 pages), WCXB word F1 by page type",
    "metadata": "metadata set (851 pages), body snippets",
}


def per_page(set_name: str, pages: Pages, runs: dict[str, dict]) -> Iterator[dict]:
    """One record a page: its set, id, type, and each system's text and score (WCXB's
    word F1 where the truth has a body, else the share of its snippets handled right)."""
    for page_id, (_, truth) in pages.items():
        record: dict = {"set": set_name, "id": page_id, "page_type": truth.get("page_type", "")}
        for name, predictions in runs.items():
            text = predictions.get(page_id, {}).get("articleBody", "")
            record[name] = {"score": page_score(truth, text), "text": text}
        yield record


def page_score(truth: dict, text: str) -> float:
    """A page's score: WCXB's word F1 where the truth has a body, else the share of
    its "with"/"without" snippets handled right."""
    if truth.get("articleBody") is not None:
        return evalkit.word_f1(truth["articleBody"], text)
    norm = " ".join(text.split())
    keep, drop = truth.get("with") or [], truth.get("without") or []
    right = sum(" ".join(s.split()) in norm for s in keep) + sum(
        " ".join(s.split()) not in norm for s in drop
    )
    return right / (len(keep) + len(drop)) if keep or drop else 1.0


def first_pass_ratio(pages: Pages, warm_up: Pages, chunk: int = 10) -> tuple[float, float]:
    """thresher's and trafilatura's CPU ms per page over one first pass of ``pages``,
    taking turns chunk by chunk so machine load slows both alike.

    Imports and first-use loads are a cost per process, not per page, so each system
    first reads the ``warm_up`` pages (other pages than the timed ones), and thresher
    one rendered-text capture too (its text reader serves as a second opinion on
    HTML pages). The timed pages are met once, as a crawl meets its pages, and as bytes,
    as a crawl holds them: finding the encoding is part of each system's work."""
    runners = {"thresher": thresher_runner(), "trafilatura": trafilatura_runner()}
    for html, truth in warm_up.values():
        for run in runners.values():
            run(html, truth.get("url") or "")
    from thresher import extract

    extract((ROOT / "examples" / "news-capture.txt").read_text(encoding="utf-8"))
    cpu = dict.fromkeys(runners, 0.0)
    items = [(html.encode("utf-8"), truth.get("url") or "") for html, truth in pages.values()]
    for begin in range(0, len(items), chunk):
        for name, run in runners.items():
            start = time.process_time()
            for page, url in items[begin : begin + chunk]:
                run(page, url)
            cpu[name] += time.process_time() - start
    return 1000 * cpu["thresher"] / len(items), 1000 * cpu["trafilatura"] / len(items)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="*", choices=SETS, default=list(SETS))
    parser.add_argument("--peers", nargs="*", choices=PEERS, default=list(PEERS))
    parser.add_argument("--no-cache", action="store_true", help="rerun the peers too")
    parser.add_argument(
        "--speed", action="store_true", help="time thresher's first pass against trafilatura's on ScrapingHub"
    )
    parser.add_argument(
        "--per-page",
        metavar="FILE",
        type=Path,
        help="write every page's text and score, per system, as JSON lines (to compare pages)",
    )
    args = parser.parse_args(argv)
    dump = args.per_page.open("w", encoding="utf-8") if args.per_page else None
    if args.speed:  # first, while no system of this process has met the timed pages
        warm_up = dict(list(load_set("metadata").items())[:20])
        mine, theirs = first_pass_ratio(load_set("scrapinghub"), warm_up)
        speed = (
            f"\nfirst pass on ScrapingHub, CPU ms/page: thresher {mine:.1f}, "
            f"trafilatura {theirs:.1f} ({theirs / mine:.1f}x)"
        )
    for set_name in args.sets:
        pages = load_set(set_name)
        runs = {"thresher": predict("thresher", set_name, pages, cache=False)}
        for peer in args.peers:
            runs[peer] = predict(peer, set_name, pages, cache=not args.no_cache)
        print(f"\n### {TITLES[set_name]}\n")
        for row in ROWS[set_name](pages, runs):
            print(row)
        if dump is not None:
            for line in per_page(set_name, pages, runs):
                dump.write(json.dumps(line) + "\n")
    if dump is not None:
        dump.close()
    if args.speed:
        print(speed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
