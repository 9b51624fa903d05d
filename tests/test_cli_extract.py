"""``thresher extract`` end to end: formats, several inputs, stdin, failures and exit codes."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from conftest import run_cli

PAGE = """<!doctype html><html lang="en"><head><title>Harbour reopens</title></head><body>
<article><h1>Harbour reopens</h1>
<p>The old harbour reopened on Monday after two years of repairs to its sea wall and piers.</p>
<p>Fishing boats returned at dawn, and the market on the quay was busy by nine o'clock.</p>
</article></body></html>"""


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_text_output(tmp_path: Path) -> None:
    result = run_cli("extract", write(tmp_path, "a.html", PAGE.encode()))
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert "The old harbour reopened on Monday" in out
    assert "Fishing boats returned at dawn" in out
    assert result.stderr == b""


def test_json_lines_for_several_inputs_including_gzip(tmp_path: Path) -> None:
    plain = write(tmp_path, "a.html", PAGE.encode())
    packed = write(tmp_path, "b.html.gz", gzip.compress(PAGE.encode("utf-16")))
    result = run_cli("extract", "--format", "json", "--url", "https://example.org/harbour", plain, packed)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().splitlines()
    assert len(lines) == 2
    for line in lines:
        data = json.loads(line)
        assert data["url"] == "https://example.org/harbour"
        assert "Fishing boats returned at dawn" in data["text"]


def test_markdown_output_from_stdin() -> None:
    result = run_cli("extract", "--format", "markdown", "-", stdin=PAGE.encode())
    assert result.returncode == 0, result.stderr
    assert "The old harbour reopened on Monday" in result.stdout.decode()


def test_failures_are_one_line_each_and_exit_1(tmp_path: Path) -> None:
    good = write(tmp_path, "good.html", PAGE.encode())
    png = write(tmp_path, "image.html", b"\x89PNG\r\n\x1a\n" + bytes(100))
    broken_gz = write(tmp_path, "broken.html.gz", b"\x1f\x8b\x08\x00garbage")
    missing = str(tmp_path / "missing.html")
    result = run_cli("extract", "--format", "json", missing, png, good, broken_gz)
    assert result.returncode == 1
    errors = result.stderr.decode().splitlines()
    assert len(errors) == 3, errors
    assert all(line.startswith("thresher: ") for line in errors)
    assert "missing.html" in errors[0] and "PNG" in errors[1] and "broken.html.gz" in errors[2]
    assert b"Traceback" not in result.stderr
    assert len(result.stdout.decode().splitlines()) == 1


def test_page_without_article_is_not_a_failure(tmp_path: Path) -> None:
    result = run_cli("extract", "--format", "json", write(tmp_path, "e.html", b"<html><body></body></html>"))
    assert result.returncode == 0
    assert json.loads(result.stdout)["empty_reason"]


def test_usage_errors_exit_2() -> None:
    assert run_cli("extract").returncode == 2
    assert run_cli("extract", "--format", "yaml", "x.html").returncode == 2
    assert run_cli("no-such-command").returncode == 2


def test_version_and_help() -> None:
    assert run_cli("--version").stdout.decode().startswith("thresher, version ")
    assert b"extract" in run_cli("--help").stdout
