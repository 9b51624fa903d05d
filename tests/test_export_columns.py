"""Exports carry the article's metadata as flat columns in every format, and a file's
record takes the canonical URL its page names."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq

from conftest import run_cli

PAGE = """<html lang="en-GB"><head><title>Harbour reopens</title>
<link rel="canonical" href="https://example.org/news/harbour">
<meta name="author" content="Ana Lima"><meta name="author" content="Bo Chen">
<meta property="og:site_name" content="The Daily Example">
<meta name="description" content="The harbour is open -- again.">
<meta property="article:modified_time" content="2024-05-02T10:00:00Z">
<meta property="article:tag" content="Harbours"><meta property="article:tag" content="Fishing">
<meta property="og:image" content="https://example.org/lead.jpg"></head>
<body><article><h1>Harbour reopens</h1><p>The old harbour reopened on Monday after two years of repairs
to its sea wall and piers, and the fishing boats came back at dawn.</p></article></body></html>"""

BARE = (
    "<html><body><article><p>A page that names nothing about itself, but has a body long enough "
    "to be an article of its own.</p></article></body></html>"
)

EXPECTED = {
    "authors": ["Ana Lima", "Bo Chen"],
    "language": "en-gb",
    "site_name": "The Daily Example",
    "description": "The harbour is open -- again.",
    "modified": "2024-05-02T10:00:00+00:00",
    "tags": ["Harbours", "Fishing"],
    "image": "https://example.org/lead.jpg",
    "url": "https://example.org/news/harbour",
}


def _store(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.html").write_text(PAGE, encoding="utf-8")
    (folder / "b.html").write_text(BARE, encoding="utf-8")
    done = run_cli("run", "in", "--jobs", "1", "-q", cwd=tmp_path, text=True)
    assert done.returncode == 0, done.stderr


def test_flat_columns_in_every_format(tmp_path: Path) -> None:
    _store(tmp_path)
    jsonl = [json.loads(line) for line in run_cli("export", cwd=tmp_path, text=True).stdout.splitlines()]
    first, bare = sorted(jsonl, key=lambda row: row["source"])
    language = first["language"]
    assert language.lower().startswith("en")
    expected = {**EXPECTED, "language": language}
    assert {key: first[key] for key in expected} == expected
    assert (bare["authors"], bare["tags"], bare["url"], bare["image"]) == ([], [], None, None)

    rows = list(
        csv.DictReader(io.StringIO(run_cli("export", "--format", "csv", cwd=tmp_path, text=True).stdout))
    )
    row = next(r for r in rows if r["source"] == first["source"])
    assert row["authors"] == "Ana Lima; Bo Chen" and row["tags"] == "Harbours; Fishing"
    assert row["url"] == EXPECTED["url"] and row["site_name"] == EXPECTED["site_name"]

    done = run_cli("export", "--format", "parquet", "-o", "out.parquet", cwd=tmp_path, text=True)
    assert done.returncode == 0, done.stderr
    table = {r["source"]: r for r in pq.read_table(tmp_path / "out.parquet").to_pylist()}
    assert {key: table[first["source"]][key] for key in expected} == expected

    markdown = run_cli("export", "--format", "markdown", cwd=tmp_path, text=True).stdout
    header = markdown.split("-->")[0] if "Ana Lima" in markdown.split("-->")[0] else markdown
    assert "authors: Ana Lima; Bo Chen" in header and "tags: Harbours; Fishing" in header
    assert "The harbour is open - - again." in markdown  # ("--" would end the comment)


def test_run_takes_the_content_flags(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.html").write_text(
        "<html><body><article><p>The old harbour reopened on Monday after two years of repairs to its "
        "sea wall.</p><figure><img src='q.jpg'><figcaption>The quay at dawn.</figcaption></figure>"
        "<p>Fishing boats returned at dawn, and the market on the quay was busy by nine.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    done = run_cli("run", "in", "--jobs", "1", "-q", "--captions", cwd=tmp_path, text=True)
    assert done.returncode == 0, done.stderr
    (row,) = [json.loads(line) for line in run_cli("export", cwd=tmp_path, text=True).stdout.splitlines()]
    assert "The quay at dawn." in row["text"]
