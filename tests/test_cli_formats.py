"""``thresher extract`` formats and flags end to end: the seed capture printed back,
JSON with sources, safe HTML, Markdown with links and emphasis, batch filters."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from conftest import run_cli

PAGE = """<!doctype html><html lang="en"><head><title>Harbour reopens</title>
<meta property="og:image" content="https://example.org/lead.jpg"></head><body>
<article><h1>Harbour reopens</h1>
<p>The old harbour reopened on <em>Monday</em> after <strong>two years</strong> of repairs to its
sea wall, says <a href="/council">the town council</a>, which paid for the work.</p>
<figure><img src="/quay.jpg" alt="The quay"><figcaption>The quay at dawn.</figcaption></figure>
<p>Fishing boats returned at dawn, and the market on the quay was busy by nine o'clock.</p>
<pre>line one
  line two</pre>
<p>Read also: <a href="https://example.org/piers">Piers rebuilt before the winter storms arrive</a></p>
</article></body></html>"""


def write(tmp_path: Path, name: str, data: str | bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return str(path)


def normalised(text: str) -> str:
    """The text with trailing whitespace removed from each line and from the end."""
    return "\n".join(line.rstrip() for line in text.rstrip().splitlines())


def test_seed_capture_prints_back_with_captions_and_related(seeds: Path) -> None:
    capture = seeds / "000_dc9d9d334f7e463c.txt"
    result = run_cli("extract", "--captions", "--related", str(capture), text=True)
    assert result.returncode == 0, result.stderr
    assert normalised(result.stdout) == normalised(capture.read_text(encoding="utf-8"))


def test_text_without_flags_leaves_captions_and_related_out(tmp_path: Path) -> None:
    result = run_cli("extract", write(tmp_path, "a.html", PAGE), text=True)
    assert result.returncode == 0, result.stderr
    assert "The quay at dawn." not in result.stdout
    assert "Read also" not in result.stdout
    paragraphs = result.stdout.split("\n\n")
    assert paragraphs[0] == "Harbour reopens"
    assert paragraphs[1].startswith("The old harbour reopened on Monday")
    with_flags = run_cli("extract", "--captions", "--related", write(tmp_path, "a.html", PAGE), text=True)
    assert "\n\nThe quay at dawn.\n\n" in with_flags.stdout
    assert with_flags.stdout.rstrip().endswith("Read also: Piers rebuilt before the winter storms arrive")


def test_markdown_golden_with_links_and_emphasis(tmp_path: Path) -> None:
    result = run_cli(
        "extract",
        "--format",
        "markdown",
        "--links",
        "--related",
        "--url",
        "https://example.org/harbour",
        write(tmp_path, "a.html", PAGE),
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "# Harbour reopens\n\n"
        "The old harbour reopened on *Monday* after **two years** of repairs to its sea wall, says "
        "[the town council](https://example.org/council), which paid for the work.\n\n"
        "Fishing boats returned at dawn, and the market on the quay was busy by nine o'clock.\n\n"
        "```\nline one\n  line two\n```\n\n"
        "**Related:**\n- [Piers rebuilt before the winter storms arrive](https://example.org/piers)\n"
    )


def test_markdown_without_links_keeps_emphasis_only(tmp_path: Path) -> None:
    result = run_cli("extract", "--format", "markdown", write(tmp_path, "a.html", PAGE), text=True)
    assert "*Monday*" in result.stdout and "**two years**" in result.stdout
    assert "says the town council, which" in result.stdout
    assert "Related" not in result.stdout


def test_json_lines_name_their_source(tmp_path: Path) -> None:
    first, second = write(tmp_path, "a.html", PAGE), write(tmp_path, "b.html", PAGE)
    result = run_cli("extract", "--format", "json", first, second, text=True)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["source"] for row in rows] == [first, second]
    assert rows[0]["image"] == "https://example.org/lead.jpg"
    assert all("inline" not in block for block in rows[0]["blocks"])
    linked = json.loads(run_cli("extract", "--format", "json", "--links", first, text=True).stdout)
    block = linked["blocks"][0]
    assert [
        (block["text"][span["start"] : span["end"]], span.get("url"))
        for span in block["inline"]
        if span["kind"] == "link"
    ] == [("the town council", "/council")]


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text, of an HTML document."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


HOSTILE = """<html><head><title>&lt;script&gt;alert(1)&lt;/script&gt; "quoted" &amp; more</title></head>
<body><article><h1>&lt;script&gt;alert(1)&lt;/script&gt; "quoted" &amp; more</h1>
<p onclick="alert(2)">A paragraph about &lt;img src=x onerror=alert(3)&gt; and other hostile text that
goes on long enough to be the article body of this small test page, with <a href="javascript:alert(4)">a
script link</a> and <a href="https://example.org/ok?a=1&amp;b=&quot;2&quot;">a fine link</a>.</p>
<script>alert(5)</script><iframe src="https://example.org/frame"></iframe>
<p>A second paragraph, so that the body holds more than one block of ordinary prose text here.</p>
</article></body></html>"""


def test_html_output_is_safe_and_escaped(tmp_path: Path) -> None:
    result = run_cli("extract", "--format", "html", "--links", write(tmp_path, "h.html", HOSTILE), text=True)
    assert result.returncode == 0, result.stderr
    document = result.stdout
    assert document.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in document
    parser = _Elements()
    parser.feed(document)
    allowed = {
        "html",
        "head",
        "meta",
        "title",
        "link",
        "style",
        "body",
        "article",
        "h1",
        "h2",
        "p",
        "a",
        "em",
        "strong",
        "code",
        "pre",
        "blockquote",
        "figure",
        "figcaption",
        "ul",
        "ol",
        "li",
        "table",
        "tr",
        "td",
        "aside",
    }
    assert {tag for tag, _ in parser.tags} <= allowed
    assert not any(name.startswith("on") for _, attrs in parser.tags for name in attrs)
    links = [attrs for tag, attrs in parser.tags if tag == "a"]
    assert links == [{"href": 'https://example.org/ok?a=1&b="2"', "rel": "noopener nofollow"}]
    assert "<script>alert(1)</script>" in "".join(parser.text)  # shown as text, never as markup
    assert "<script" not in document.replace("&lt;script", "")
    assert "alert(5)" not in document and "iframe" not in document
    assert re.search(r"a\s+script link", document)


def test_language_and_min_length_filters_count_on_stderr(tmp_path: Path) -> None:
    english = write(tmp_path, "en.html", PAGE)
    german = write(tmp_path, "de.html", PAGE.replace('lang="en"', 'lang="de-AT"'))
    short = write(
        tmp_path,
        "short.html",
        "<html lang='en'><body><article><p>Too short to keep here at all, "
        "just this sentence.</p></article></body></html>",
    )
    result = run_cli(
        "extract",
        "--format",
        "json",
        "--language",
        "en",
        "--min-length",
        "100",
        english,
        german,
        short,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [english]
    assert "skipped 2 of 3 inputs" in result.stderr
    german_only = run_cli("extract", "--format", "json", "--language", "de", english, german, text=True)
    assert [json.loads(line)["source"] for line in german_only.stdout.splitlines()] == [german]


def test_tables_and_comments_flags(tmp_path: Path) -> None:
    table = (
        "<html><body><article><p>"
        + "Prices at the market rose again this week on the quay. " * 3
        + "</p><table><tr><th>Fish</th><th>Price</th></tr><tr><td>Cod</td><td>12</td></tr>"
        "<tr><td>Hake</td><td>9</td></tr></table></article></body></html>"
    )
    path = write(tmp_path, "t.html", table)
    assert "Cod | 12" in run_cli("extract", path, text=True).stdout
    assert "Cod | 12" not in run_cli("extract", "--no-tables", path, text=True).stdout
    assert run_cli("extract", "--comments", path).returncode == 0


def test_explain_accepts_the_content_flags(tmp_path: Path) -> None:
    result = run_cli("explain", "--captions", write(tmp_path, "a.html", PAGE), text=True)
    assert result.returncode == 0, result.stderr
    assert "The quay at dawn." in result.stdout


def test_json_source_of_standard_input_and_several_html_documents(tmp_path: Path) -> None:
    result = run_cli("extract", "--format", "json", "-", stdin=PAGE.encode())
    assert json.loads(result.stdout)["source"] == "-"
    path = write(tmp_path, "a.html", PAGE)
    documents = run_cli("extract", "--format", "html", path, path, text=True).stdout
    assert documents.count("<!DOCTYPE html>") == 2 and documents.count("</html>") == 2
