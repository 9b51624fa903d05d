"""Builds the story-grouping development set: real articles in real site chrome, as HTML and as text.

Every capture is labelled with its true story and with the kind of capture it is, and is
written as one JSON Lines record that ``thresher run`` reads (``url``, ``captured_at`` and
``html`` or ``text``), so the set is measured through the same path a user takes.

Material (read only, from ``../shared/bench``):

- story bodies: the human-checked article bodies of ScrapingHub (181 pages) and of the
  WCXB development split's article pages, with their real headlines;
- site chrome: the pages themselves. A page's chrome is the page with its article body
  taken out; a capture of a story at a site is that site's page with the story's headline
  and body swapped in (in the HTML: the body's container and the ``<h1>``/``<title>``; in
  the rendered text, the run of lines that held the body, and the headline line). The
  rendered text of a ScrapingHub page is its real browser text (``scrapinghub-text``); of
  the other pages, the visible text of the HTML with a line per block element.

Kinds of capture (the ``kind`` field):

- ``original``: the story as first published, at its home site;
- ``recapture``: the same version captured again later, with the site's "most read" box
  (headlines of the site's other stories) and other chrome varying;
- ``copy``: a byte-identical copy of an earlier capture;
- ``partial``: a capture cut after 30-70 % of the body (the rest of the page lost);
- ``teaser``: the headline and the first one to three sentences (a paywall or a section page);
- ``update``: a version one to three small edits away (sentence edits, a paragraph added
  or removed, a headline edit), days to weeks later;
- ``reprint``: the story on another site about a year later, sometimes under a new headline;
- ``chain``: a version of a long edit chain (12 to 24 versions over months to years, each a
  small step: sentences edited, inserted, deleted and moved; the first and last share
  little); many chains live on one site that shares its chrome, as wiki articles do;
- ``revision``: four to eight versions sampled from a chain of 30 to 60 steps over one to
  five years (an archive's revisions: each step larger, the headline unchanged);
- ``follow-up``: a different story at the same site with a headline sharing most words
  with an earlier one and one of its paragraphs quoted as background;
- ``neighbour``: a different story at the same site whose words overlap most with
  another story's (the same topic).

Many stories share one site: half the stories live on a few sites (hubs), 20 to 60 each, published
within one crawl of a few weeks, so their chrome recurs across many different stories in
a short time; the wiki hubs host chains over years. Half the captures carry a "most read"
box (headlines of the site's other stories) and half a "related" box (another story's
headline and first sentence), as real pages do.

Usage: ``python bench/stories_devset.py --out devset.jsonl [--seed S] [--stories N]``.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import random
import re
import tarfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlparse

import lxml.html
from lxml import etree

#: ``../shared/bench`` of the project root, or of a parent folder (worktrees live deeper).
SHARED = next(
    (
        parent / "shared" / "bench"
        for parent in Path(__file__).resolve().parents
        if (parent / "shared" / "bench").is_dir()
    ),
    Path("../shared/bench"),
)
SEED = 20261207

_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "nav",
    "aside",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tr",
    "td",
    "th",
    "form",
    "blockquote",
    "figure",
    "figcaption",
    "pre",
    "dl",
    "dt",
    "dd",
    "br",
    "hr",
    "address",
    "details",
    "summary",
}
_INVISIBLE = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas"}
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“'])")


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


@dataclass
class Page:
    """One real page: its chrome (HTML and text) and the story it held."""

    id: str
    url: str
    title: str
    paragraphs: list[str]
    html: str
    text: str
    page_type: str = "article"

    @property
    def host(self) -> str:
        return urlparse(self.url).netloc or self.id


# --- reading the benchmark pages ---------------------------------------------------------------


def visible_text(markup: str) -> str:
    """The visible text of an HTML page, a line per block element (what a browser shows)."""
    try:
        root = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return ""
    parts: list[str] = []

    def walk(element: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if (
            tag in _INVISIBLE
            or element.get("hidden") is not None
            or "display:none" in (element.get("style") or "").replace(" ", "")
        ):
            if element.tail:
                parts.append(element.tail)
            return
        block = tag in _BLOCK_TAGS
        if block:
            parts.append("\n")
        if element.text and tag:
            parts.append(element.text)
        for child in element:
            walk(child)
        if block:
            parts.append("\n")
        if element.tail:
            parts.append(element.tail)

    body = root.find("body")
    walk(body if body is not None else root)
    lines = [" ".join(line.split()) for line in "".join(parts).split("\n")]
    return "\n".join(line for line in lines if line)


def _paragraphs(body: str) -> list[str]:
    return [" ".join(p.split()) for p in body.split("\n") if len(p.split()) >= 3]


def _h1(markup: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", markup, re.S | re.I)
    return " ".join(re.sub(r"<[^>]+>", " ", html.unescape(match.group(1))).split()) if match else ""


def load_pages(shared: Path = SHARED) -> list[Page]:
    """ScrapingHub and WCXB pages with a body of 120 words or more (articles as story sources,
    every page type as chrome)."""
    pages: list[Page] = []
    truth = json.loads((shared / "scrapinghub" / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id, entry in sorted(truth.items()):
        markup = gzip.decompress((shared / "scrapinghub" / "html" / f"{page_id}.html.gz").read_bytes())
        text_path = shared / "scrapinghub-text" / f"{page_id}.txt"
        source = markup.decode("utf-8", "replace")
        text = text_path.read_text(encoding="utf-8") if text_path.is_file() else visible_text(source)
        pages.append(
            Page(
                f"sh-{page_id[:12]}",
                entry["url"],
                _h1(source),
                _paragraphs(entry["articleBody"]),
                source,
                text,
            )
        )
    truth = json.loads((shared / "wcxb-dev" / "ground-truth.json").read_text(encoding="utf-8"))
    with tarfile.open(shared / "wcxb-dev" / "pages.tar.xz") as tar:
        for member in tar:
            if not (member.isfile() and member.name.endswith(".html")):
                continue
            page_id = member.name.rsplit("/", 1)[-1][: -len(".html")]
            entry = truth.get(page_id)
            handle = tar.extractfile(member)
            if entry is None or handle is None:
                continue
            source = handle.read().decode("utf-8", "replace")
            pages.append(
                Page(
                    f"wcxb-{page_id}",
                    entry["url"],
                    entry.get("title") or _h1(source),
                    _paragraphs(entry["articleBody"]),
                    source,
                    visible_text(source),
                    entry.get("page_type", "article"),
                )
            )
    return [p for p in pages if sum(len(x.split()) for x in p.paragraphs) >= 120 and p.text]


# --- chrome templates: a page with its body slot marked ------------------------------------------


@dataclass
class Template:
    """A page ready to hold any story: text lines around the body slot, and HTML with a slot."""

    page: Page
    before: list[str]
    after: list[str]
    html_parts: tuple[str, str] | None  # HTML before / after the body slot, headline marked


_TITLE_MARK = "\u2063THRESHER-DEVSET-TITLE\u2063"


def _body_lines(lines: list[str], page: Page) -> list[int]:
    body = _norm(" ".join(page.paragraphs))
    return [i for i, line in enumerate(lines) if len(_norm(line)) >= 25 and _norm(line) in body]


def make_template(page: Page) -> Template | None:
    """The page's chrome: text before and after the run of body lines (every line holding
    its headline replaced by a marker), and the HTML with the body container emptied.
    None when the body lines found cover less than 60 % of the body (the rest of the
    article would stay behind as if it were chrome)."""
    lines = [line.strip() for line in page.text.splitlines() if line.strip()]
    hits = _body_lines(lines, page)
    if len(hits) < 2 or _coverage([lines[i] for i in hits], page) < 0.6:
        return None
    first, last = hits[0], hits[-1]
    title = _norm(page.title)
    before = [_TITLE_MARK if title and _norm(line) == title else line for line in lines[:first]]
    after = [_TITLE_MARK if title and _norm(line) == title else line for line in lines[last + 1 :]]
    if _TITLE_MARK not in before:
        before.append(_TITLE_MARK)
    return Template(page, before, after, _html_slot(page))


def _coverage(found: list[str], page: Page) -> float:
    total = sum(len(_norm(p).split()) for p in page.paragraphs)
    return sum(len(_norm(line).split()) for line in found) / max(total, 1)


def _html_slot(page: Page) -> tuple[str, str] | None:
    try:
        root = lxml.html.document_fromstring(page.html)
    except (etree.ParserError, ValueError):
        return None
    body = _norm(" ".join(page.paragraphs))
    hits = [
        element
        for element in root.iter("p", "li", "h2", "h3", "blockquote", "div", "td")
        if len(element) <= 3
        and len(_norm(element.text_content())) >= 25
        and _norm(element.text_content()) in body
    ]
    if len(hits) < 2:
        return None
    # The body container: the lowest ancestor of the first hit that holds most hits.
    container = hits[0].getparent()
    while container is not None and sum(1 for h in hits if _is_inside(h, container)) < 0.6 * len(hits):
        container = container.getparent()
    if container is None:
        return None
    inside = [h for h in hits if _is_inside(h, container)]
    if (
        _coverage(
            [
                h.text_content()
                for h in inside
                if not any(_is_inside(h, other) for other in inside if other is not h)
            ],
            page,
        )
        < 0.6
    ):
        return None
    slot = inside[0]
    for element in inside[1:]:
        if element.getparent() is not None and not _is_inside(slot, element):
            element.drop_tree()
    marker = etree.Element("thresherslot")
    slot.addprevious(marker)
    slot.drop_tree()
    for element in root.xpath("//script[@type='application/ld+json'] | //time"):
        element.drop_tree()
    for meta in root.xpath("//meta"):
        key = " ".join(meta.get(name) or "" for name in ("property", "name", "itemprop")).lower()
        if "date" in key or "time" in key or "title" in key:
            meta.drop_tree()
    h1 = root.find(".//h1")
    if h1 is not None:
        for child in list(h1):
            h1.remove(child)
        h1.text = _TITLE_MARK
    head = root.find("head")
    if head is not None:
        for title in head.findall("title"):
            head.remove(title)
        title = etree.SubElement(head, "title")
        title.text = _TITLE_MARK
        meta = etree.SubElement(head, "meta", property="article:published_time", content="\u2063DATE\u2063")
        meta.tail = "\n"
    markup = lxml.html.tostring(root, encoding="unicode")
    if "<thresherslot></thresherslot>" not in markup:
        return None
    left, right = markup.split("<thresherslot></thresherslot>", 1)
    return left, right


def _is_inside(element: etree._Element, ancestor: etree._Element) -> bool:
    node = element
    while node is not None:
        if node is ancestor:
            return True
        node = node.getparent()
    return False


# --- stories and their versions ---------------------------------------------------------------


@dataclass
class Version:
    title: str
    paragraphs: list[str]
    published: datetime


@dataclass
class Story:
    id: int
    source: Page
    home: int  # template index
    versions: list[Version] = field(default_factory=list)


@dataclass
class DevCapture:
    """One capture of the development set and the truth about it."""

    story: int
    kind: str
    format: str
    url: str
    captured_at: str
    site: str
    title: str
    body: str
    page: str


class Writer:
    """Sentences that read like the corpus (a word-bigram chain fitted on the bodies), for
    text that a version adds: new text must not be any other story's."""

    def __init__(self, bodies: list[list[str]], rng: random.Random) -> None:
        self.rng = rng
        self.following: dict[str, list[str]] = defaultdict(list)
        self.starts: list[str] = []
        for body in bodies:
            for paragraph in body:
                tokens = paragraph.split()
                if tokens:
                    self.starts.append(tokens[0])
                for a, b in zip(tokens, tokens[1:], strict=False):
                    self.following[a].append(b)
        self.vocabulary = sorted({w for body in bodies for p in body for w in p.split() if w.isalpha()})

    def sentence(self) -> str:
        word = self.rng.choice(self.starts)
        tokens = [word]
        for _ in range(self.rng.randint(10, 28)):
            nxt = self.following.get(word)
            word = self.rng.choice(nxt) if nxt else self.rng.choice(self.starts)
            tokens.append(word)
        return " ".join(tokens).rstrip(".,;:") + "."

    def word(self) -> str:
        return self.rng.choice(self.vocabulary)


def sentences(paragraph: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(paragraph) if s.strip()]


def edit_sentence(sentence: str, writer: Writer) -> str:
    tokens = sentence.split()
    if len(tokens) < 4:
        return sentence + " " + writer.word()
    rng = writer.rng
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(tokens))
        action = rng.choice(["replace", "insert", "delete"])
        if action == "replace":
            tokens[i] = writer.word()
        elif action == "insert":
            tokens.insert(i, writer.word())
        elif len(tokens) > 4:
            del tokens[i]
    return " ".join(tokens)


def small_step(version: Version, writer: Writer, share: float, days: float) -> Version:
    """One edit of a chain: about ``share`` of the sentences edited, replaced, inserted,
    deleted or moved (at least one operation)."""
    rng = writer.rng
    body = [sentences(p) for p in version.paragraphs]
    total = sum(len(p) for p in body)
    for _ in range(max(1, round(total * share))):
        action = rng.choice(["edit", "edit", "replace", "insert", "insert", "delete", "move"])
        p = rng.randrange(len(body))
        if not body[p]:
            body[p] = [writer.sentence()]
            continue
        s = rng.randrange(len(body[p]))
        if action == "edit":
            body[p][s] = edit_sentence(body[p][s], writer)
        elif action == "replace":
            body[p][s] = writer.sentence()
        elif action == "insert":
            body[p].insert(s, writer.sentence())
        elif action == "delete" and sum(len(x) for x in body) > 4:
            del body[p][s]
        elif action == "move":
            moved = body[p].pop(s)
            q = rng.randrange(len(body))
            body[q].insert(rng.randint(0, len(body[q])), moved)
    title = version.title
    if rng.random() < 0.1:
        title = headline_edit(title, writer)
    paragraphs = [" ".join(p) for p in body if p]
    return Version(title, paragraphs, version.published + timedelta(days=days))


def headline_edit(title: str, writer: Writer) -> str:
    tokens = title.split() or [writer.word()]
    i = writer.rng.randrange(len(tokens))
    action = writer.rng.choice(["insert", "delete", "replace"])
    if action == "insert":
        tokens.insert(i, writer.word())
    elif action == "delete" and len(tokens) > 2:
        del tokens[i]
    else:
        tokens[i] = writer.word()
    return " ".join(tokens)


def update(version: Version, writer: Writer, days: float) -> Version:
    """A news update: one to three small changes."""
    rng = writer.rng
    paragraphs = list(version.paragraphs)
    title = version.title
    for change in rng.sample(["edit", "add", "remove", "headline", "edit"], rng.randint(1, 3)):
        if change == "edit":
            i = rng.randrange(len(paragraphs))
            parts = sentences(paragraphs[i]) or [paragraphs[i]]
            j = rng.randrange(len(parts))
            parts[j] = edit_sentence(parts[j], writer)
            paragraphs[i] = " ".join(parts)
        elif change == "add":
            paragraphs.insert(
                rng.randint(0, len(paragraphs)), " ".join(writer.sentence() for _ in range(rng.randint(1, 3)))
            )
        elif change == "remove" and len(paragraphs) > 3:
            del paragraphs[rng.randrange(len(paragraphs))]
        elif change == "headline":
            title = headline_edit(title, writer)
    return Version(title, paragraphs, version.published + timedelta(days=days))


# --- rendering a capture ------------------------------------------------------------------------


def _most_read(rng: random.Random, headlines: list[str]) -> list[str]:
    if not headlines:
        return []
    return ["Most read", *rng.sample(headlines, min(len(headlines), rng.randint(3, 6)))]


def _dateline(published: datetime, rng: random.Random) -> str:
    style = rng.randrange(3)
    if style == 0:
        return f"Published {published:%B} {published.day}, {published.year}"
    if style == 1:
        return f"{published.day} {published:%B %Y}, {published:%H:%M}"
    return f"Updated {published:%Y-%m-%d}"


def render_text(
    template: Template,
    version: Version,
    paragraphs: list[str],
    rng: random.Random,
    extra: list[str],
    dated: bool,
    cut: bool,
) -> str:
    before = [version.title if line == _TITLE_MARK else line for line in template.before]
    after_lines = [version.title if line == _TITLE_MARK else line for line in template.after]
    if dated:
        at = before.index(version.title) + 1 if version.title in before else len(before)
        before.insert(at, _dateline(version.published, rng))
    after = [] if cut else after_lines
    if extra:
        at = rng.randint(0, len(after))
        after[at:at] = extra
    return "\n".join([*before, *paragraphs, *after])


def render_html(
    template: Template,
    version: Version,
    paragraphs: list[str],
    rng: random.Random,
    extra: list[str],
    dated: bool,
    cut: bool,
) -> str:
    assert template.html_parts is not None
    left, right = template.html_parts
    title = html.escape(version.title)
    left = left.replace(_TITLE_MARK, title)
    right = right.replace(_TITLE_MARK, title)
    stamp = version.published.isoformat(timespec="minutes") if dated else ""
    left = (
        left.replace('content="\u2063DATE\u2063"', f'content="{stamp}"')
        if dated
        else re.sub(r'<meta property="article:published_time" content="\u2063DATE\u2063">', "", left)
    )
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    if extra:
        items = "".join(f'<li><a href="#">{html.escape(h)}</a></li>' for h in extra[1:])
        body += f"\n<aside><h3>{html.escape(extra[0])}</h3><ul>{items}</ul></aside>"
    if cut:
        return left + body
    return left + body + right


def render(
    template: Template,
    version: Version,
    rng: random.Random,
    fmt: str,
    *,
    paragraphs: list[str] | None = None,
    extra: list[str] | None = None,
    dated: bool = True,
    cut: bool = False,
) -> str:
    shown = version.paragraphs if paragraphs is None else paragraphs
    if fmt == "html":
        return render_html(template, version, shown, rng, extra or [], dated, cut)
    return render_text(template, version, shown, rng, extra or [], dated, cut)


def _slug(title: str) -> str:
    return "-".join(_norm(title).split()[:8]) or "story"


# --- the set ------------------------------------------------------------------------------------


def build(pages: list[Page], seed: int = SEED, max_stories: int | None = None) -> list[DevCapture]:
    rng = random.Random(seed)
    templates = [t for t in (make_template(p) for p in pages) if t is not None]
    html_ok = [t.html_parts is not None for t in templates]
    writer = Writer([p.paragraphs for p in pages], random.Random(seed + 1))
    sources = [t.page for t in templates]
    story_pages = [
        i for i, t in enumerate(templates) if len(t.page.paragraphs) >= 3 and t.page.page_type == "article"
    ]
    rng.shuffle(story_pages)
    # Bodies held back: the text of follow-ups and topic neighbours, which must be no other story's.
    reserve = story_pages[: len(story_pages) // 6]
    story_pages = story_pages[len(reserve) :]
    if max_stories:
        story_pages = story_pages[:max_stories]
    # Big sites: a quarter of the templates host many stories each.
    # Hubs are article pages whose chrome holds little prose of its own: a long leftover
    # (the rest of a review the truth body left out) would be an article in every capture.
    articles = [
        i
        for i, t in enumerate(templates)
        if t.page.page_type == "article"
        and sum(len(line.split()) for line in t.before + t.after if len(line.split()) >= 20) < 300
    ]
    hubs = rng.sample(articles, max(4, len(templates) // 80))
    wiki_hubs = hubs[:3]
    news_hubs = hubs[3:]
    # A hub's stories come from one crawl of the site: published within a few weeks.
    crawl_start = {hub: datetime(2019, 1, 1) + timedelta(days=rng.uniform(0, 5 * 365)) for hub in hubs}
    crawl_days = {hub: rng.uniform(7, 45) for hub in hubs}
    stories: list[Story] = []
    for index in story_pages:
        page = sources[index]
        home = rng.choice(news_hubs) if rng.random() < 0.5 else index
        if home in crawl_start:
            published = crawl_start[home] + timedelta(days=rng.uniform(0, crawl_days[home]))
        else:
            published = datetime(2019, 1, 1) + timedelta(
                days=rng.uniform(0, 5 * 365), hours=rng.uniform(0, 24)
            )
        story = Story(len(stories), page, home)
        story.versions.append(
            Version(page.title or " ".join(page.paragraphs[0].split()[:9]), list(page.paragraphs), published)
        )
        stories.append(story)
    # Chains: stories with eight or more sentences, most of them on the wiki hubs.
    long_enough = [s for s in stories if sum(len(sentences(p)) for p in s.source.paragraphs) >= 8]
    chains = set(s.id for s in rng.sample(long_enough, min(len(long_enough), max(10, len(stories) // 8))))
    for story in stories:
        if story.id in chains and rng.random() < 0.7:
            story.home = rng.choice(wiki_hubs)
    headlines_at: dict[int, list[str]] = defaultdict(list)
    openings_at: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for story in stories:
        headlines_at[story.home].append(story.versions[0].title)
        if story.id not in chains:
            opening = " ".join(sentences(story.versions[0].paragraphs[0])[:1])
            openings_at[story.home].append((story.versions[0].title, opening))

    captures: list[DevCapture] = []

    def emit(
        story: Story,
        kind: str,
        version: Version,
        site: int,
        captured: datetime,
        *,
        fmt: str | None = None,
        paragraphs: list[str] | None = None,
        dated: bool = True,
        cut: bool = False,
    ) -> DevCapture:
        fmt = fmt or ("html" if html_ok[site] and rng.random() < 0.4 else "text")
        if fmt == "html" and not html_ok[site]:
            fmt = "text"
        template = templates[site]
        extra = (
            _most_read(rng, [h for h in headlines_at[site] if h != version.title])
            if rng.random() < 0.5
            else []
        )
        if rng.random() < 0.5:  # teasers of the site's other stories: their headline and first sentence
            others = [pair for pair in openings_at[site] if pair[0] != version.title]
            related = rng.sample(others, min(len(others), rng.randint(1, 3)))
            if related:
                extra = (
                    [*extra, "Related", *(f"{h}. {o}" for h, o in related)]
                    if extra
                    else ["Related", *(f"{h}. {o}" for h, o in related)]
                )
        page = render(template, version, rng, fmt, paragraphs=paragraphs, extra=extra, dated=dated, cut=cut)
        url = f"https://{template.page.host}/{version.published:%Y/%m}/{_slug(story.versions[0].title)}"
        capture = DevCapture(
            story.id,
            kind,
            fmt,
            url,
            captured.isoformat(timespec="seconds"),
            template.page.host,
            version.title,
            "\n".join(version.paragraphs if paragraphs is None else paragraphs),
            page,
        )
        captures.append(capture)
        return capture

    extra_stories: list[Story] = []
    for story in stories:
        first = story.versions[0]
        captured = first.published + timedelta(hours=rng.uniform(0.5, 12))
        if story.id in chains:
            # Dense chains keep every version; sparse ones (revisions sampled months apart, as
            # an archive keeps them) keep four to eight of a longer chain, so each step is larger.
            dense = rng.random() < 0.5
            steps = rng.randint(12, 24) if dense else rng.randint(30, 60)
            kept = set(range(steps)) if dense else set(rng.sample(range(steps), rng.randint(4, 8)))
            span = rng.uniform(180, 3 * 365) if dense else rng.uniform(365, 5 * 365)
            # The last version keeps about 15 % of the first's sentences (10 % for sparse ones).
            share = 1 - (0.15 if dense else 0.1) ** (1 / steps)
            version = Version(first.title, first.paragraphs, captured)
            kind = "chain" if dense else "revision"
            for step in range(steps):
                if step:
                    version = small_step(version, writer, share, span / steps * rng.uniform(0.5, 1.5))
                if step in kept:
                    emit(story, kind, version, story.home, version.published, dated=False)
            continue
        original = emit(story, "original", first, story.home, captured)
        draw = rng.random
        if draw() < 0.45:
            for _ in range(rng.randint(1, 3)):
                later = rng.uniform(0.2, 10) if rng.random() < 0.7 else rng.uniform(10, 400)
                emit(story, "recapture", first, story.home, captured + timedelta(days=later))
        if draw() < 0.08:
            copied = captured + timedelta(days=rng.uniform(1, 200))
            captures.append(
                DevCapture(
                    story.id,
                    "copy",
                    original.format,
                    original.url,
                    copied.isoformat(timespec="seconds"),
                    original.site,
                    original.title,
                    original.body,
                    original.page,
                )
            )
        if draw() < 0.25 and len(first.paragraphs) >= 3:
            kept = first.paragraphs[: max(1, round(len(first.paragraphs) * rng.uniform(0.3, 0.7)))]
            emit(
                story,
                "partial",
                first,
                story.home,
                captured + timedelta(days=rng.uniform(0, 30)),
                paragraphs=kept,
                cut=True,
            )
        if draw() < 0.2:
            opening = sentences(first.paragraphs[0])[: rng.randint(1, 3)] or [first.paragraphs[0]]
            teaser = [" ".join(opening), "Subscribe to read the full story."]
            emit(
                story,
                "teaser",
                first,
                story.home,
                captured + timedelta(hours=rng.uniform(-6, 48)),
                paragraphs=teaser,
            )
        if draw() < 0.25:
            version = first
            for _ in range(rng.randint(1, 4)):
                version = update(version, writer, rng.uniform(0.1, 20))
                emit(story, "update", version, story.home, version.published + timedelta(hours=1))
        if draw() < 0.1:
            elsewhere = rng.randrange(len(templates))
            later = first.published + timedelta(days=rng.uniform(300, 430))
            title = headline_edit(first.title, writer) if rng.random() < 0.5 else first.title
            emit(story, "reprint", Version(title, first.paragraphs, later), elsewhere, later)
        if draw() < 0.12 and len(first.paragraphs) >= 3:
            # A follow-up at the same site: a real other body, a headline sharing most words,
            # one paragraph of this story quoted as background.
            if not reserve:
                continue
            donor = reserve.pop()
            body = list(sources[donor].paragraphs)
            quoted = rng.choice(first.paragraphs)
            if len(quoted.split()) * 4 <= sum(len(p.split()) for p in body):
                body.append(quoted)
            tokens = first.title.split()
            for _ in range(min(3, max(1, len(tokens) // 3))):
                tokens[rng.randrange(len(tokens))] = writer.word()
            follow = Story(
                -1,
                sources[donor],
                story.home,
                [Version(" ".join(tokens), body, first.published + timedelta(days=rng.uniform(1, 60)))],
            )
            extra_stories.append(follow)
    # Topic neighbours: each of some stories gets the most word-overlapping other page's body
    # as a distinct story on its site.
    vocabulary = {i: set(_norm(" ".join(sources[i].paragraphs)).split()) for i in reserve}
    for story in rng.sample(stories, len(stories) // 10):
        if story.id in chains or not vocabulary:
            continue
        mine = set(_norm(" ".join(story.source.paragraphs)).split())
        best = max(vocabulary, key=lambda i: len(mine & vocabulary[i]) / (len(mine | vocabulary[i]) or 1))
        del vocabulary[best]
        reserve.remove(best)
        page = sources[best]
        neighbour = Story(
            -2,
            page,
            story.home,
            [
                Version(
                    page.title or " ".join(page.paragraphs[0].split()[:9]),
                    list(page.paragraphs),
                    story.versions[0].published + timedelta(days=rng.uniform(-30, 30)),
                )
            ],
        )
        extra_stories.append(neighbour)
    next_id = len(stories)
    for extra in extra_stories:
        kind = "follow-up" if extra.id == -1 else "neighbour"
        extra.id = next_id
        next_id += 1
        version = extra.versions[0]
        captured = version.published + timedelta(hours=rng.uniform(0.5, 12))
        emit(extra, kind, version, extra.home, captured)
        if rng.random() < 0.4:
            emit(extra, kind, version, extra.home, captured + timedelta(days=rng.uniform(1, 300)))
    rng.shuffle(captures)
    return captures


def _check_distinct_sources(captures: list[DevCapture]) -> None:
    """A neighbour or follow-up reuses another page's body: it must not also be that story."""
    by_story = Counter(c.story for c in captures)
    assert all(count >= 1 for count in by_story.values())


def jsonl_records(captures: list[DevCapture]) -> Iterator[dict[str, str]]:
    for capture in captures:
        yield {"url": capture.url, "captured_at": capture.captured_at, capture.format: capture.page}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out", required=True, help="JSON Lines for `thresher run` (the truth goes beside it)"
    )
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--stories", type=int, default=None, help="at most this many source stories")
    args = parser.parse_args()
    captures = build(load_pages(), args.seed, args.stories)
    _check_distinct_sources(captures)
    out = Path(args.out)
    with out.open("w", encoding="utf-8") as handle:
        for record in jsonl_records(captures):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    truth = out.with_suffix(".truth.jsonl")
    with truth.open("w", encoding="utf-8") as handle:
        for line, capture in enumerate(captures, 1):
            handle.write(
                json.dumps(
                    {
                        "line": line,
                        "story": capture.story,
                        "kind": capture.kind,
                        "format": capture.format,
                        "site": capture.site,
                        "captured_at": capture.captured_at,
                        "title": capture.title,
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    kinds = Counter(c.kind for c in captures)
    print(f"{len(captures)} captures of {len({c.story for c in captures})} stories -> {out} (truth: {truth})")
    print(", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items())))


if __name__ == "__main__":
    main()
