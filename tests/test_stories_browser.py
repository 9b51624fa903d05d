"""The story page in a real headless browser (Debian's chromium, driven by playwright).

Checks what a reader gets: the page renders with no network, shows every version,
marks insertions and deletions visibly, and has no horizontal overflow on a phone.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from conftest import run_cli
from stories_helpers import article, made_up_paragraphs, make_store, story_pages

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _browser_or_skip():
    """playwright's sync API; in CI a missing browser or driver fails, elsewhere it skips."""
    in_ci = os.environ.get("CI") == "true"
    if not Path(CHROMIUM).exists():
        if in_ci:
            pytest.fail("chromium is missing in CI: .ci/run must install Debian's chromium package")
        pytest.skip("chromium not installed (apt-get install chromium)")
    if in_ci:
        import playwright.sync_api

        return playwright.sync_api
    return pytest.importorskip("playwright.sync_api")


@pytest.mark.slow
def test_story_page_renders_in_chromium(tmp_path):
    sync_api = _browser_or_skip()
    story = made_up_paragraphs(5, 6)
    v1 = article("Ferry service resumes", story, published=datetime(2024, 5, 1))
    v2 = article(
        "Ferry service resumes after strike",
        [story[0] + " Crews returned at dawn."] + story[1:4] + story[5:],
        captions=("Passengers board the first ferry",),
    )
    v3 = article(
        "Ferry service resumes after strike",
        [story[0] + " Crews returned at dawn."]
        + story[1:4]
        + ["A spokesperson said timetables would return to normal on Friday."]
        + story[5:],
    )
    store = tmp_path / "store.sqlite"
    ids = make_store(
        store, [(v1, "2024-05-01T08:00:00"), (v2, "2024-05-01T12:00:00"), (v3, "2024-05-02T08:00:00")]
    )
    assert run_cli("stories", "--store", str(store)).returncode == 0
    page_path = tmp_path / "story.html"
    story = run_cli("story", str(ids[0]), "--store", str(store), "--html", str(page_path))
    assert story.returncode == 0, story.stderr

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 900})
            requests: list[str] = []
            page.on("request", lambda request: requests.append(request.url))
            page.goto(page_path.as_uri())
            assert requests == [page_path.as_uri()]  # self-contained: nothing else is fetched
            assert page.locator("section.version").count() == 3
            assert page.locator(".source").all_inner_texts()[0].endswith("http://example.org/0")
            assert page.locator("h1").inner_text() == "Ferry service resumes after strike"
            inserted = page.locator("ins").all_inner_texts()
            assert any("Crews returned at dawn" in text for text in inserted)
            assert page.locator(".unit.added").count() >= 2  # the caption, then the new paragraph
            deleted_colour = (
                page.locator(".unit.deleted").first.evaluate("e => getComputedStyle(e).backgroundColor")
                if page.locator(".unit.deleted").count()
                else None
            )
            added_colour = page.locator(".unit.added").first.evaluate(
                "e => getComputedStyle(e).backgroundColor"
            )
            assert added_colour not in ("rgba(0, 0, 0, 0)", "transparent", deleted_colour)
            screenshot = Path(os.environ.get("THRESHER_SCREENSHOT", tmp_path / "story.png"))
            page.screenshot(path=str(screenshot), full_page=True)
            assert screenshot.stat().st_size > 10_000
            phone = browser.new_page(viewport={"width": 375, "height": 700})
            phone.goto(page_path.as_uri())
            assert phone.evaluate("document.documentElement.scrollWidth") <= 375
        finally:
            browser.close()


@pytest.mark.slow
def test_story_page_from_a_run_shows_versions_sources_and_folded_copies(tmp_path):
    """Pages through `thresher run`: the versions in publication order, each with its file,
    and the byte-identical copy folded into the version it repeats."""
    sync_api = _browser_or_skip()
    files = story_pages(tmp_path / "pages")
    store = tmp_path / "store.sqlite"
    made = run_cli("run", str(tmp_path / "pages"), "--store", str(store), "--quiet", "--jobs", "1")
    assert made.returncode == 0, made.stderr
    assert run_cli("stories", "--store", str(store)).returncode == 0
    page_path = tmp_path / "story.html"
    with sqlite3.connect(store) as db:
        (first_id,) = db.execute("SELECT id FROM records WHERE source = ?", (str(files["first"]),)).fetchone()
    story = run_cli("story", str(first_id), "--store", str(store), "--html", str(page_path))
    assert story.returncode == 0, story.stderr

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 900})
            page.route(
                "**/*",
                lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort(),
            )
            page.goto(page_path.as_uri())
            versions = page.locator("section.version")
            assert versions.count() == 2
            heading = page.locator("p.meta").first.inner_text()
            assert heading == f"Story {first_id}: 2 versions from 3 captures"
            assert versions.nth(0).locator("h2").inner_text() == "Version 1: Harbour closes after storm"
            assert versions.nth(1).locator("h2").inner_text() == "Version 2: Harbour closes after heavy storm"
            assert str(files["first"]) in versions.nth(0).locator(".source").inner_text()
            assert str(files["updated"]) in versions.nth(1).locator(".source").inner_text()
            folded = versions.nth(1).locator(".identical")
            assert folded.is_visible()
            assert "2 identical captures" in folded.inner_text()
            assert str(files["copy"]) in folded.inner_text()
            added = versions.nth(1).locator(".unit.added").first.inner_text()
            assert "Boats moored at the northern quay" in added
            screenshot = Path(os.environ.get("THRESHER_SCREENSHOT_RUN", tmp_path / "story-run.png"))
            page.screenshot(path=str(screenshot), full_page=True)
            assert screenshot.stat().st_size > 10_000
            phone = browser.new_page(viewport={"width": 375, "height": 700})
            phone.goto(page_path.as_uri())
            assert phone.evaluate("document.documentElement.scrollWidth") <= 375
        finally:
            browser.close()
