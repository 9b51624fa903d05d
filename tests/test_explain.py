"""The explain report: every block in page order with its decision and reason."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from conftest import run_cli
from thresher import Article, Block, BlockKind, BlockReason
from thresher.report.explain import explain_html, explain_terminal, reason_counts

ARTICLE = Article(
    title="Harbour reopens",
    decisions=(
        Block(BlockKind.PARAGRAPH, "Home News Sport Weather", kept=False, reason=BlockReason.NAVIGATION),
        Block(BlockKind.PARAGRAPH, "The old harbour reopened on Monday.", reason=BlockReason.MAIN_TEXT),
        Block(BlockKind.PARAGRAPH, "Sign up for our <newsletter>", kept=False, reason=BlockReason.SHARE_BOX),
        Block(BlockKind.PARAGRAPH, "Fishing boats returned at dawn."),
    ),
)


def test_reason_counts() -> None:
    kept, dropped = reason_counts(ARTICLE)
    assert kept == {BlockReason.MAIN_TEXT: 2}
    assert dropped == {BlockReason.NAVIGATION: 1, BlockReason.SHARE_BOX: 1}


def test_terminal_lists_blocks_in_page_order() -> None:
    out = io.StringIO()
    explain_terminal(ARTICLE, Console(file=out, width=200, color_system=None))
    lines = [line for line in out.getvalue().splitlines() if "keep" in line or "drop" in line]
    assert [line.split()[1] for line in lines[:4]] == ["drop", "keep", "drop", "keep"]
    assert "[navigation]" in lines[0] and "Home News Sport Weather" in lines[0]
    assert "kept 2 blocks, dropped 2" in out.getvalue()


def test_html_is_self_contained_and_escaped() -> None:
    page = explain_html(ARTICLE)
    assert page.index("Home News") < page.index("old harbour") < page.index("Sign up") < page.index("Fishing")
    assert "&lt;newsletter&gt;" in page and "<newsletter>" not in page
    assert "http://" not in page and "https://" not in page  # no external assets
    assert page.count('class="block drop"') == 2 and page.count('class="block keep"') == 2


PAGE = """<html><head><title>Harbour reopens</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>Harbour reopens</h1>
<p>The old harbour reopened on Monday after two years of repairs to its sea wall and its piers.</p>
<p>Fishing boats returned at dawn, and the market on the quay was busy again by nine o'clock.</p>
<p>The council said the work came in under budget, and thanked residents for their patience.</p>
</article>
<footer><p>© Example Media. All rights reserved.</p></footer>
</body></html>"""


def test_cli_explain_terminal_and_html(tmp_path: Path) -> None:
    source = tmp_path / "page.html"
    source.write_text(PAGE)
    result = run_cli("explain", str(source))
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert "✓ keep" in out and "The old harbour reopened" in out
    report = tmp_path / "report.html"
    result = run_cli("explain", str(source), "--html", str(report))
    assert result.returncode == 0, result.stderr
    assert "The old harbour reopened" in report.read_text()


def test_cli_explain_missing_file_is_one_line(tmp_path: Path) -> None:
    result = run_cli("explain", str(tmp_path / "missing.html"))
    assert result.returncode == 1
    assert len(result.stderr.decode().splitlines()) == 1
