"""End-to-end: `thresher stories`, `thresher story` and `thresher diff` on a store and on files."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

import pytest

from conftest import run_cli
from stories_helpers import article, made_up_paragraphs, make_store


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
    assert json.loads(result.stdout) == {"articles": 4, "stories": 2, "multi_capture_stories": 1}
    rows = dict(sqlite3.connect(path).execute("SELECT record_id, story_id FROM story_members").fetchall())
    v2, unrelated, v1, v3 = ids
    assert rows == {v2: v2, v1: v2, v3: v2, unrelated: unrelated}


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
    option = run("stories", "--store", str(store[0]), "--resemblance", "1.5")
    assert option.returncode == 2
