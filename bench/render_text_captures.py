"""Render HTML pages to text captures the way a browser shows them (``innerText``).

Used to make text captures of pages the text model has never seen, e.g. the
metadata benchmark's pages: headless Chromium (through Playwright, with the
system's Chromium), JavaScript disabled, every network request blocked, so only
the captured HTML and its inline styles count: the recipe of
``../shared/bench/scrapinghub-text``.

Usage: python bench/render_text_captures.py SRC_DIR OUT_DIR [--limit N] [--chromium PATH]
SRC_DIR holds ``<id>.html.gz`` (or ``html/<id>.html.gz``); OUT_DIR receives ``<id>.txt``.
Pages already rendered are skipped, so an interrupted run can be resumed.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser"))
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    src = args.src / "html" if (args.src / "html").is_dir() else args.src
    paths = sorted(src.glob("*.html.gz"))
    if args.limit:
        paths = paths[: args.limit]
    args.out.mkdir(parents=True, exist_ok=True)
    done = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
        context = browser.new_context(java_script_enabled=False)
        context.route("**/*", lambda route: route.abort())
        page = context.new_page()
        for path in paths:
            target = args.out / (path.name[: -len(".html.gz")] + ".txt")
            if target.exists():
                continue
            markup = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
            try:
                page.set_content(markup, wait_until="domcontentloaded", timeout=20_000)
                text = page.evaluate("document.body ? document.body.innerText : ''")
            except Exception as error:  # one bad page must not stop the run
                print(f"{path.name}: {error}", file=sys.stderr)
                page.close()
                page = context.new_page()
                continue
            target.write_text(text, encoding="utf-8")
            done += 1
        browser.close()
    print(f"rendered {done} pages into {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
