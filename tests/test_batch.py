"""``extract_many``: results in input order from worker processes, errors in place;
and the corpus ``run()`` API from a plain, unguarded script."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import cli_env
from thresher import Article, ExtractOptions, ThresherError, UnsupportedInputError, extract, extract_many

PAGE = (
    "<html><head><title>Story {n}</title></head><body><article><h1>Story {n}</h1><p>The harbour "
    "reopened on Monday after two years of <a href='/walls'>repairs to its sea walls</a>, number {n}."
    "</p><figure><img src='/q.jpg'><figcaption>The quay at dawn, photo {n}.</figcaption></figure>"
    "</article></body></html>"
)


def pages(count: int) -> list[object]:
    return [PAGE.format(n=n) for n in range(count)]


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_come_in_input_order_with_errors_in_place(jobs: int) -> None:
    batch = pages(25)
    batch[3] = b"\x89PNG\r\n\x1a\n" + bytes(200)
    batch[11] = 42
    batch[17] = (PAGE.format(n=17).encode("utf-16"), "https://example.org/news/17")
    results = list(extract_many(batch, jobs=jobs, chunk_size=3))  # type: ignore[arg-type]
    assert len(results) == 25
    assert isinstance(results[3], ThresherError) and "PNG" in str(results[3])
    assert isinstance(results[11], UnsupportedInputError)
    for n, result in enumerate(results):
        if n in (3, 11):
            continue
        assert isinstance(result, Article), (n, result)
        assert result.title == f"Story {n}"
    article = results[17]
    assert isinstance(article, Article) and article.url == "https://example.org/news/17"


def test_options_apply_and_results_equal_extract() -> None:
    options = ExtractOptions(include_captions=True, include_links=True)
    batch = pages(4)
    results = list(extract_many(batch, jobs=2, options=options))
    assert results == [extract(page, options=options) for page in batch]  # type: ignore[arg-type]
    first = results[0]
    assert isinstance(first, Article)
    assert "The quay at dawn, photo 0." in first.text
    assert [span.kind for block in first.blocks for span in block.inline] == ["link"]


def test_a_str_page_keeps_its_characters_whatever_charset_it_declares() -> None:
    page = PAGE.format(n="é").replace("<head>", "<head><meta charset='iso-8859-1'>")
    (result,) = extract_many([page], jobs=1)
    assert isinstance(result, Article) and result.title == "Story é"


SCRIPT = """
from thresher import extract_many
from thresher.corpus import run

summary = run([{folder!r}], store={store!r}, jobs=2)
print("run", summary.extracted, sum(summary.failed.values()))
page = "<html><body><article><p>" + "Words of a page. " * 10 + "</p></article></body></html>"
results = list(extract_many([page] * 5, jobs=2))
print("many", len(results), sum(1 for r in results if r.text))
"""


def test_run_and_extract_many_from_a_plain_unguarded_script(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.html").write_text(PAGE.format(n=n), encoding="utf-8")
    script = tmp_path / "script.py"
    script.write_text(SCRIPT.format(folder=str(folder), store=str(tmp_path / "c.db")), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=cli_env(),
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["run 3 0", "many 5 5"]
    assert "worker crashed" not in result.stderr and "bootstrapping" not in result.stderr


DASK_SCRIPT = """
from thresher.corpus import run

summary = run([{folder!r}], store={store!r}, jobs=2, engine="dask")
print("run", summary.extracted, sum(summary.failed.values()))
"""


def test_dask_local_cluster_from_a_plain_unguarded_script(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.html").write_text(PAGE.format(n=n), encoding="utf-8")
    script = tmp_path / "script.py"
    script.write_text(DASK_SCRIPT.format(folder=str(folder), store=str(tmp_path / "c.db")), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=cli_env(),
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["run 3 0"]
