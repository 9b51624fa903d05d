"""A digest of thresher's output on every development page, to prove a refactor kept behaviour.

``write`` runs ``thresher.extract`` (with ``explain=True``) over the ScrapingHub, WCXB dev
and metadata HTML pages and the ScrapingHub rendered-text captures (``../shared/bench``),
and stores per page: a hash of the article text, the title, the page type, whether the
text reader's second opinion decided the body, and every decision (kept, reason, a hash
of the block's text and its kind). ``compare`` reads two such files and reports the pages
whose text, title, page type or decisions differ. Reasons are compared through
``RENAMES`` (a name a refactor chose for the same reason), so a renamed reason is not a
changed decision; leave it empty when no reason was renamed.

    PYTHONPATH=src python bench/snapshot.py write bench/out/before.json.gz
    ... refactor ...
    PYTHONPATH=src python bench/snapshot.py write bench/out/after.json.gz
    PYTHONPATH=src python bench/snapshot.py compare bench/out/before.json.gz bench/out/after.json.gz

``write --option include_comments=true --option include_tables=false`` takes other
``ExtractOptions`` than the defaults, to cover the rules that only they reach.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extraction_bench import SETS, SHARED, load_set  # noqa: E402

#: Old reason → the name it has now: reasons whose name changed without their meaning.
RENAMES: dict[str, str] = {
    "comment section": "comments",
    "related link": "related links",
    "byline": "byline/date",
    "date line": "byline/date",
    "list item": "main text",
    "quotation": "main text",
    "subheading": "main text",
}
#: The same for kept blocks only (a reason a kept block no longer gives).
KEPT_RENAMES: dict[str, str] = {"caption": "main text"}


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def _pages() -> Iterator[tuple[str, str, str, str]]:
    """(set, page id, input, url) of every development page, HTML sets then text captures."""
    for set_name in SETS:
        for page_id, (html, truth) in load_set(set_name).items():
            yield set_name, page_id, html, truth.get("url") or ""
    for path in sorted((SHARED / "scrapinghub-text").glob("*.txt")):
        yield "scrapinghub-text", path.stem, path.read_text(encoding="utf-8"), ""


def _option(pair: str) -> tuple[str, object]:
    """``name=value`` of an ``ExtractOptions`` field: true/false, an integer, or text."""
    name, _, value = pair.partition("=")
    if value.lower() in ("true", "false"):
        return name, value.lower() == "true"
    return name, int(value) if value.isdigit() else value


def write(out: Path, options: dict[str, object]) -> None:
    from thresher import ExtractOptions, extract

    html_options = ExtractOptions(explain=True, **options)  # type: ignore[arg-type]
    text_options = ExtractOptions(explain=True, input="text", **options)  # type: ignore[arg-type]
    snapshot: dict[str, dict] = {}
    for set_name, page_id, data, url in _pages():
        options = text_options if set_name == "scrapinghub-text" else html_options
        article = extract(data, url=url or None, options=options)
        snapshot[f"{set_name}/{page_id}"] = {
            "text": _digest(article.text),
            "title": article.title,
            "page_type": str(article.page_type),
            "second_opinion": article.second_opinion is not None,
            "decisions": [
                [block.kept, str(block.reason), _digest(block.text), str(block.kind)]
                for block in article.decisions
            ],
        }
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8") as file:
        json.dump(snapshot, file)
    print(f"{len(snapshot)} pages written to {out}")


def _load(path: Path) -> dict[str, dict]:
    with gzip.open(path, "rt", encoding="utf-8") as file:
        loaded: dict[str, dict] = json.load(file)
    return loaded


def compare(before_path: Path, after_path: Path) -> int:
    """Print the differences; 0 when the text is identical on every page and the
    decisions differ only by ``RENAMES``."""
    before, after = _load(before_path), _load(after_path)
    differences: Counter[str] = Counter()
    renamed: Counter[tuple[str, str]] = Counter()
    examples: dict[str, list[str]] = {}
    for key in sorted(before.keys() | after.keys()):
        old, new = before.get(key), after.get(key)
        if old is None or new is None:
            differences["page missing"] += 1
            examples.setdefault("page missing", []).append(key)
            continue
        for field in ("text", "title", "page_type", "second_opinion"):
            if old[field] != new[field]:
                differences[field] += 1
                examples.setdefault(field, []).append(key)
        old_decisions = [
            [kept, (KEPT_RENAMES if kept else RENAMES).get(reason, RENAMES.get(reason, reason)), text, kind]
            for kept, reason, text, kind in old["decisions"]
        ]
        if old_decisions != new["decisions"]:
            differences["decisions"] += 1
            examples.setdefault("decisions", []).append(key)
        elif old["decisions"] != new["decisions"]:
            for (kept, was, _, _), (_, now, _, _) in zip(old["decisions"], new["decisions"], strict=True):
                if was != now:
                    renamed[f"{was} (kept)" if kept and was in KEPT_RENAMES else was, now] += 1
    print(f"{len(before)} pages before, {len(after)} after")
    for field in ("page missing", "text", "title", "page_type", "second_opinion", "decisions"):
        print(f"  {field} differs on {differences[field]} pages {examples.get(field, [])[:5]}")
    for (was, now), count in renamed.most_common():
        print(f"  renamed {was!r} -> {now!r}: {count} blocks")
    return 1 if any(differences.values()) else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    writing = commands.add_parser("write")
    writing.add_argument("out", type=Path)
    writing.add_argument("--option", action="append", default=[], help="an ExtractOptions field: name=value")
    pair = commands.add_parser("compare")
    pair.add_argument("before", type=Path)
    pair.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "write":
        write(args.out, dict(map(_option, args.option)))
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
