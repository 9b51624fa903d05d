"""The issue's acceptance test: the two seed captures are one story with exactly these changes.

The seeds are rendered-text captures of the same article; this runs the real CLI on
them, so it depends on the text extractor finding headline, caption, body and the
related link.
"""

from __future__ import annotations

import json
import sqlite3

from conftest import SEEDS, run_cli
from stories_helpers import make_store
from thresher import extract

OLD = SEEDS / "001_ba017784b4be2fbe.txt"
NEW = SEEDS / "000_dc9d9d334f7e463c.txt"


def run(*args):
    return run_cli(*args, text=True)


def test_seed_diff_reports_exactly_the_expected_changes():
    result = run("diff", str(OLD), str(NEW), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    headline = data["headline"]
    assert headline["op"] == "edited"
    changed = [w for w in headline["words"] if w["op"] != "equal"]
    assert [(w["op"], w["b"].strip()) for w in changed] == [("insert", "allegedly")]
    captions = data["captions"]
    assert [c["op"] for c in captions] == ["added"]
    assert captions[0]["b"].startswith("Photo for illustrative purposes")
    assert data["summary"]["paragraphs"] == {"unchanged": 8, "edited": 1}
    edited = [p for p in data["paragraphs"] if p["op"] == "edited"][0]
    assert [(w["op"], w["a"], w["b"]) for w in edited["words"] if w["op"] != "equal"] == [
        ("replace", "providing Russia", "providingRussia")
    ]
    assert [r["op"] for r in data["related"]] == ["unchanged"]
    assert data["related"][0]["text"].endswith(
        "Xi, Putin to participate in Shanghai Cooperation Organization meeting in Astana"
    )
    assert data["summary"]["published"] == "unchanged"


def test_seeds_land_in_one_story(tmp_path):
    articles = [extract(path.read_bytes()) for path in (OLD, NEW)]
    store = tmp_path / "seeds.sqlite"
    make_store(store, [(articles[0], "2024-07-03T05:00:00"), (articles[1], "2024-07-03T09:00:00")])
    result = run("stories", "--store", str(store), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["multi_capture_stories"] == 1
    stories = {row[0] for row in sqlite3.connect(store).execute("SELECT story_id FROM story_members")}
    assert len(stories) == 1
