"""End-to-end: `thresher stories`, `thresher story` and `thresher diff` on a store and on files."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from conftest import SEEDS, run_cli
from stories_helpers import PARAGRAPHS, article, made_up_paragraphs, make_store, page, story_pages, write_page


def run(*args, cwd=None):
    return run_cli(*args, cwd=cwd, text=True)


@pytest.fixture()
def store(tmp_path):
    story = made_up_paragraphs(1, 8)
    other = made_up_paragraphs(2, 8)
    v1 = article("Harbour closes after storm", story, published=datetime(2024, 3, 1, 8, 0))
    v2 = article(
        "Harbour closes after heavy storm",
        story[:5] + [story[5] + " Officials confirmed."] + story[6:],
        captions=("The harbour on Monday",),
        published=datetime(2024, 3, 1, 8, 0),
    )
    v3 = article("Harbour closes after heavy storm", story[:3])
    unrelated = article("Museum opens new wing", other)
    path = tmp_path / "store.sqlite"
    ids = make_store(
        path,
        [
            (v2, "2024-03-01T12:00:00"),
            (unrelated, "2024-03-01T10:00:00"),
            (v1, "2024-03-01T09:00:00"),
            (v3, "2024-03-02T09:00:00"),
        ],
    )
    return path, ids


def test_stories_writes_one_story_id_per_article(store):
    path, ids = store
    result = run("stories", "--store", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {k: data[k] for k in ("articles", "stories", "multi_capture_stories", "new_records")} == {
        "articles": 4,
        "stories": 2,
        "multi_capture_stories": 1,
        "new_records": 0,
    }
    rows = dict(sqlite3.connect(path).execute("SELECT record_id, story_id FROM story_members").fetchall())
    v2, unrelated, v1, v3 = ids
    assert rows == {v2: v2, v1: v2, v3: v2, unrelated: unrelated}
    assert [(s["story_id"], s["captures"], s["headline"]) for s in data["largest"]] == [
        (v2, 3, "Harbour closes after heavy storm"),
        (unrelated, 1, "Museum opens new wing"),
    ]
    assert data["largest"][0]["first"] == "2024-03-01T08:00:00"
    assert data["largest"][0]["last"] == "2024-03-02T09:00:00"


def test_story_lists_versions_in_time_order_with_diffs(store, tmp_path):
    path, ids = store
    assert run("stories", "--store", str(path)).returncode == 0
    v2, _, v1, v3 = ids
    html = tmp_path / "story.html"
    result = run("story", str(v3), "--store", str(path), "--format", "json", "--html", str(html))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["story_id"] == v2
    assert [v["record_id"] for v in data["versions"]] == [v1, v2, v3]
    first, second = data["diffs"]
    assert first["summary"]["headline"] == "edited"
    assert first["summary"]["captions"] == {"added": 1}
    assert first["summary"]["paragraphs"] == {"unchanged": 7, "edited": 1}
    assert second["summary"]["paragraphs"] == {"unchanged": 3, "deleted": 5}
    page = html.read_text()
    assert page.startswith("<!DOCTYPE html>") and "Harbour closes after heavy storm" in page
    assert "<ins>" in page
    for external in ("<script", "<link", "src=", "url("):  # self-contained: no outside assets
        assert external not in page


def test_diff_accepts_store_ids_and_renders_every_format(store):
    path, ids = store
    v2, _, v1, _ = ids
    as_json = run("diff", str(v1), str(v2), "--store", str(path), "--format", "json")
    assert as_json.returncode == 0, as_json.stderr
    data = json.loads(as_json.stdout)
    assert data["summary"]["paragraphs"] == {"unchanged": 7, "edited": 1}
    edited = [p for p in data["paragraphs"] if p["op"] == "edited"][0]
    assert [w["b"] for w in edited["words"] if w["op"] == "insert"] == [" Officials confirmed."]
    text = run("diff", str(v1), str(v2), "--store", str(path), "--no-color")
    assert "{+heavy +}" in text.stdout or "{+ heavy+}" in text.stdout
    assert "\x1b[" not in text.stdout
    colored = run("diff", str(v1), str(v2), "--store", str(path), "--color")
    assert "\x1b[" in colored.stdout
    html = run("diff", str(v1), str(v2), "--store", str(path), "--format", "html")
    assert "<del>" not in html.stdout and "<ins>" in html.stdout and "</html>" in html.stdout


def test_diff_of_text_files(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    body = [
        "The town council met on Monday evening to vote on the new harbour plan, after months of debate.",
        "It approved the plan by seven votes to two, with the mayor abstaining from the final vote.",
        "Work on the sea wall will begin in the spring and is expected to last about eighteen months.",
    ]
    a.write_text("Council backs harbour plan\n\n" + "\n\n".join(body) + "\n")
    body[1] = body[1].replace("the plan", "the revised plan")
    b.write_text("Council backs harbour plan\n\n" + "\n\n".join(body) + "\n")
    result = run("diff", str(a), str(b), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["identical"] is False


def test_errors_are_one_line_with_status_1(tmp_path, store):
    missing = run("stories", "--store", str(tmp_path / "nope.sqlite"))
    assert missing.returncode == 1 and missing.stderr.startswith("thresher: no store at")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    bad = run("stories", "--store", str(junk))
    assert bad.returncode == 1 and "cannot open the store" in bad.stderr and "Traceback" not in bad.stderr
    no_file = run("diff", "nofile.txt", "12")
    assert no_file.returncode == 1 and "nofile.txt: no such file" in no_file.stderr
    no_id = run("diff", "12", "99999", "--store", str(store[0]))
    assert no_id.returncode == 1 and "no record 12" in no_id.stderr
    before = run("story", "1", "--store", str(store[0]))
    assert before.returncode == 1 and "run `thresher stories" in before.stderr
    for listing in (["stories", "--list"], ["story"]):
        result = run(*listing, "--store", str(store[0]))
        assert result.returncode == 1 and result.stderr.startswith("thresher: the store has no stories yet")
    option = run("stories", "--store", str(store[0]), "--resemblance", "1.5")
    assert option.returncode == 2


# ---------------------------------------------------------------- end to end, from `thresher run`


@pytest.fixture()
def corpus(tmp_path):
    """A store made by `thresher run` of ``story_pages``: record ids by page name."""
    files = story_pages(tmp_path / "pages")
    store = tmp_path / "store.sqlite"
    result = run("run", str(tmp_path / "pages"), "--store", str(store), "--quiet", "--jobs", "1")
    assert result.returncode == 0, result.stderr
    ids = dict(sqlite3.connect(store).execute("SELECT source, id FROM records").fetchall())
    return store, {name: ids[str(path)] for name, path in files.items()}, files, tmp_path


def test_stories_story_export_and_stats_after_a_run(corpus):
    store, ids, files, tmp_path = corpus
    grouped = run("stories", "--store", str(store))
    assert grouped.returncode == 0, grouped.stderr
    lines = grouped.stdout.splitlines()
    assert lines[0] == "4 articles in 2 stories (1 with more than one capture)"
    assert lines[2].split() == ["story", "captures", "first", "last", "headline"]
    story_id = min(ids["first"], ids["updated"], ids["copy"])
    assert lines[3].split()[:4] == [str(story_id), "3", "2024-03-01", "2024-03-02"]
    assert lines[3].endswith("Harbour closes after heavy storm")
    assert lines[4].split()[:2] == [str(ids["other"]), "1"] and lines[4].endswith("Museum opens new wing")

    listed = run("stories", "--list", "--store", str(store), "--format", "json")
    assert [s["story_id"] for s in json.loads(listed.stdout)["all"]] == [story_id, ids["other"]]
    assert run("story", "--store", str(store)).stdout.splitlines() == lines[2:]

    # Versions by publication date (not by file time), each with its source; the copy is folded.
    story = run("story", str(ids["copy"]), "--store", str(store), "--format", "json")
    data = json.loads(story.stdout)
    assert data["story_id"] == story_id and data["captures"] == 3
    assert [(v["record_id"], v["source"], v["identical_captures"]) for v in data["versions"]] == [
        (ids["first"], str(files["first"]), []),
        (ids["updated"], str(files["updated"]), [ids["copy"]]),
    ]
    (change,) = data["diffs"]
    assert change["summary"]["headline"] == "edited" and change["summary"]["captions"] == {"added": 1}
    assert change["summary"]["paragraphs"] == {"unchanged": 4, "edited": 1}
    text = run("story", str(story_id), "--store", str(store)).stdout
    assert f"Story {story_id}: 2 versions from 3 captures" in text
    assert "2 identical captures" in text and str(files["copy"]) in text

    # export: one story id per record, in every format.
    jsonl = [json.loads(line) for line in run("export", "--store", str(store)).stdout.splitlines()]
    by_source = {row["source"]: row["story_id"] for row in jsonl}
    assert by_source == {
        str(files["first"]): story_id,
        str(files["updated"]): story_id,
        str(files["copy"]): story_id,
        str(files["other"]): ids["other"],
    }
    rows = list(csv.DictReader(io.StringIO(run("export", "--store", str(store), "--format", "csv").stdout)))
    assert {row["source"]: int(row["story_id"]) for row in rows} == by_source
    parquet = tmp_path / "out.parquet"
    assert run("export", "--store", str(store), "--format", "parquet", "-o", str(parquet)).returncode == 0
    import pyarrow.parquet as pq

    table = pq.read_table(parquet).to_pydict()
    assert dict(zip(table["source"], table["story_id"], strict=True)) == by_source
    markdown = run("export", "--store", str(store), "--format", "markdown").stdout
    assert markdown.count(f"story {story_id}:") == 3 and f"story {ids['other']}:" in markdown

    stats = json.loads(run("stats", "--store", str(store), "--json").stdout)
    assert stats["stories"] == {"stories": 2, "multi_capture_stories": 1, "ungrouped_records": 0}
    assert "stories" in run("stats", "--store", str(store)).stdout


def test_new_records_are_reported_then_placed_without_regrouping(corpus):
    store, ids, files, tmp_path = corpus
    assert run("stories", "--store", str(store)).returncode == 0
    before = dict(sqlite3.connect(store).execute("SELECT record_id, story_id FROM story_members").fetchall())
    later = [*PARAGRAPHS, "The council will meet again next week to discuss the compensation claims."]
    later_page = page("Harbour closes after heavy storm", later, "2024-03-03T08:00:00Z")
    new_page = write_page(tmp_path / "pages", "e-later.html", later_page, 1_700_000_200)
    added = run("run", str(tmp_path / "pages"), "--store", str(store), "--quiet", "--jobs", "1")
    assert added.returncode == 0, added.stderr
    note = "1 record was added after the last grouping"
    for command in (["story", str(ids["first"])], ["export"], ["stats"]):
        result = run(*command, "--store", str(store))
        assert result.returncode == 0, result.stderr
        assert note in result.stderr and len(result.stderr.strip().splitlines()) == 1
    placed = run("stories", "--store", str(store), "--format", "json")
    data = json.loads(placed.stdout)
    assert data["new_records"] == 1 and data["articles"] == 5
    after = dict(sqlite3.connect(store).execute("SELECT record_id, story_id FROM story_members").fetchall())
    new_id = next(i for i in after if i not in before)
    assert {k: after[k] for k in before} == before  # no story changed
    assert after[new_id] == before[ids["first"]]
    assert str(new_page) in run("story", str(new_id), "--store", str(store)).stdout
    for command in (["story", str(ids["first"])], ["export"], ["stats"]):
        assert run(*command, "--store", str(store)).stderr == ""
    again = run("stories", "--store", str(store))
    assert again.returncode == 0 and "no records added since the last grouping" in again.stderr


def test_store_diff_is_labelled_and_matches_the_file_diff(corpus):
    store, ids, files, _ = corpus
    by_store = run("diff", str(ids["first"]), str(ids["updated"]), "--store", str(store), "--no-color")
    by_files = run("diff", str(files["first"]), str(files["updated"]), "--no-color")
    assert by_store.returncode == 0 and by_files.returncode == 0, by_store.stderr + by_files.stderr
    store_lines, file_lines = by_store.stdout.splitlines(), by_files.stdout.splitlines()
    assert store_lines[0] == f"--- record {ids['first']}: Harbour closes after storm ({files['first']})"
    assert store_lines[1] == (
        f"+++ record {ids['updated']}: Harbour closes after heavy storm ({files['updated']})"
    )
    assert file_lines[0] == f"--- {files['first']}: Harbour closes after storm"
    assert store_lines[2:] == file_lines[2:]
    assert "Captions" in store_lines and "  + Boats moored at the northern quay on Tuesday" in store_lines
    as_json = [
        json.loads(run("diff", *pair, "--format", "json", *extra).stdout)
        for pair, extra in (
            ((str(ids["first"]), str(ids["updated"])), ("--store", str(store))),
            ((str(files["first"]), str(files["updated"])), ()),
        )
    ]
    for side in ("a", "b"):
        for data in as_json:
            data[side].pop("url")
    assert as_json[0] == as_json[1]


def test_diff_of_unrelated_captures_says_they_share_almost_nothing(corpus):
    store, ids, files, _ = corpus
    result = run("diff", str(files["first"]), str(files["other"]), "--no-color")
    assert result.returncode == 0
    summary = result.stdout.splitlines()[2]
    assert summary.startswith("these captures share almost nothing (0 of 3 sentences in common)")
    assert "edited" not in result.stdout
    data = json.loads(
        run("diff", str(ids["first"]), str(ids["other"]), "--store", str(store), "--format", "json").stdout
    )
    assert data["summary"]["unrelated"] is True and data["summary"]["headline"] == "different"


TAG_CAPTURE = """Home | News | Tech | About

How browsers read a page

By Jane Writer
March 3, 2024

Every web page starts as text: the browser reads tags such as <html>, <head> and <body> before it draws \
anything on the screen.

Inside the body, a <div> groups content, a <p> holds a paragraph and a <span> marks a run of words, while \
<a href> makes a link.

Tables use <table> and list items use <li>; none of this markup is visible to the reader, who only sees \
the text it frames.

Developers who learn these few elements can already build simple pages that work in every browser.

Share this article
"""


def test_rendered_text_capture_headline_edit_is_seen_even_when_it_quotes_tags(tmp_path):
    """A `.txt` capture is read as rendered text, as `thresher run` reads it, so its title
    line is the headline even when the text quotes enough tags to look like markup."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(TAG_CAPTURE)
    b.write_text(TAG_CAPTURE.replace("How browsers read", "How browsers really read"))
    data = json.loads(run("diff", str(a), str(b), "--format", "json").stdout)
    assert data["a"]["title"] == "How browsers read a page"
    assert data["b"]["title"] == "How browsers really read a page"
    assert [w["b"] for w in data["headline"]["words"] if w["op"] == "insert"] == [" really"]
    assert data["summary"]["paragraphs"] == {"unchanged": 4}


def test_seed_pair_is_one_story_in_the_export(tmp_path):
    """The two seed captures, through `thresher run`: one story, one story id in the export,
    and the story's diff is the seed diff (headline, caption and one edited paragraph)."""
    if not SEEDS.is_dir():
        pytest.fail(f"the shared seed captures are missing: {SEEDS} (set THRESHER_SHARED)")
    captures = tmp_path / "seeds"
    captures.mkdir()
    # Capture times as a crawler would record them: the newer seed was captured later.
    times = {"001_ba017784b4be2fbe.txt": 1_720_000_000, "000_dc9d9d334f7e463c.txt": 1_720_100_000}
    for name, captured in times.items():
        copy = captures / name
        copy.write_bytes((SEEDS / name).read_bytes())
        os.utime(copy, (captured, captured))
    store = tmp_path / "seeds.sqlite"
    made = run("run", str(captures), "--store", str(store), "--quiet", "--jobs", "1")
    assert made.returncode == 0, made.stderr
    grouped = json.loads(run("stories", "--store", str(store), "--format", "json").stdout)
    assert (grouped["articles"], grouped["stories"]) == (2, 1)
    rows = [json.loads(line) for line in run("export", "--store", str(store)).stdout.splitlines()]
    assert len(rows) == 2 and len({row["story_id"] for row in rows}) == 1 and rows[0]["story_id"] is not None
    story_id = str(rows[0]["story_id"])
    story = json.loads(run("story", story_id, "--store", str(store), "--format", "json").stdout)
    assert [Path(v["source"]).name for v in story["versions"]] == [
        "001_ba017784b4be2fbe.txt",
        "000_dc9d9d334f7e463c.txt",
    ]
    summary = story["diffs"][0]["summary"]
    assert summary["headline"] == "edited" and summary["captions"] == {"added": 1}
    assert summary["paragraphs"] == {"unchanged": 8, "edited": 1}


def test_stories_do_not_join_on_a_stock_paragraph_shared_by_many_of_them(tmp_path):
    """Seventy stories whose only paragraph runs on into the same stock text (more
    stories than one story has captures), and a second capture of one of them a year
    later: `thresher stories` keeps the seventy apart and joins the two captures."""
    stock = made_up_paragraphs(700, 1, words=60)[0]
    captures = []
    for index in range(70):
        own = made_up_paragraphs(800 + index, 1, words=15)[0]
        title = " ".join(made_up_paragraphs(900 + index, 1, words=5)[0].rstrip(".").split())
        captures.append((article(title, [own + " " + stock]), "2024-03-01T09:00:00"))
    first, _ = captures[0]
    captures.append((article(first.title, [first.blocks[0].text + " Updated."]), "2025-03-01T09:00:00"))
    path = tmp_path / "store.sqlite"
    ids = make_store(path, captures)
    grouped = run("stories", "--store", str(path), "--format", "json")
    assert grouped.returncode == 0, grouped.stderr
    data = json.loads(grouped.stdout)
    assert (data["articles"], data["stories"], data["multi_capture_stories"]) == (71, 70, 1)
    rows = dict(sqlite3.connect(path).execute("SELECT record_id, story_id FROM story_members").fetchall())
    assert rows[ids[70]] == rows[ids[0]] and len(set(rows.values())) == 70
