"""Text capture → ``Article``: lines, scores, then the header and the body.

1. ``lines``: cut the capture into lines (``<image>`` lines recognised).
2. ``features`` + ``classify``: a body probability for every line, smoothed by context.
3. Around the start of the body: the headline, the date line, the byline.
4. Inside the body: page widgets (a cluster of short lines holding interface
   strings), "Read also" lines and a trailing story card become related links;
   captions and list items get their kinds.
"""

from __future__ import annotations

import re
from datetime import datetime

import numpy as np

from thresher.models import Article, Block, BlockKind, EmptyReason, Image, Link
from thresher.options import ExtractOptions
from thresher.text.classify import load_model, score_lines
from thresher.text.dates import parse_date_line, parse_date_line_thoroughly
from thresher.text.features import LineStats, line_stats
from thresher.text.lines import Line, split_lines
from thresher.text.related import is_headline_shaped, related_prefix_target, trailing_story_card
from thresher.text.vocabulary import CALL_TO_ACTION, CAPTION_PREFIX

__all__ = ["extract_text"]

# "By Jane Doe", "Posted on May 3, 2023 by Jane Doe", "Von Jana Krüger", "Author: …".
_BYLINE = re.compile(
    r"(?:^|[\s|·•,(])(?:by|written by|words by|posted by|author|text von|geschrieben von|gespeichert von|"
    r"von|par|por|di|door|przez|автор|авторы|автор[иа]?|від)\s*:?\s+(\w.*)$", re.I)
# "ByJane Doe": a capture that lost the space between a label and a link.
_GLUED_BY = re.compile(r"^By(?=[A-Z][a-z])")
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bи\b|\bі\b)\s*", re.I)
_BYLINE_TAIL = re.compile(
    r"\s*(?:[|·•∙–—(]|\s-\s|\bon\b|\bam\b|\ble\b|\bel\b|\bupdated\b|\bpublished\b|\d).*$", re.I)
# A person's name alone on a line: two to four capitalised words.
_NAME_LINE = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁІЇЄ][\w'’.-]*\s){1,3}[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁІЇЄ][\w'’.-]*,?$")
_BULLET_PREFIX = re.compile(r"^(?:[•·▪►▸\-–—*+●○■□✓✔])\s+")
#: Lines between two kept lines that split them into separate clusters.
_CLUSTER_GAP = 20
#: A cluster besides the main one stays with this share of its text and this mean score.
_CLUSTER_SHARE = 0.3
_CLUSTER_SURE = 0.8
#: Lowest score at which a prose line touching the body is taken into it.
_EDGE_FLOOR = 0.15
#: Longest run of list items and short headings crossed to reach more prose.
_BRIDGE_SPAN = 16
#: How far from the headline a date line is looked for when none is right next to it.
_DATE_SPAN = 15
_YEAR = re.compile(r"(?:19|20)\d\d")
#: How far above the first body line the headline is looked for.
_HEADER_SPAN = 15


def _headline_candidate(line: Line, s: LineStats) -> bool:
    if s.is_image or s.bullet or s.interface or s.date_like or s.reading_time or s.copyright or s.url \
            or s.separators or s.glued or s.ellipsis or s.all_caps or line.text[-1] in ",;":
        return False
    if CAPTION_PREFIX.match(line.text):
        return False
    if not 2 <= s.words <= 30 or (s.ends_sentence and not line.text.endswith(("?", "!"))):
        return False
    return not _authors(line.text)


def _find_title(lines: list[Line], stats: list[LineStats], first_body: int) -> int | None:
    """Index of the headline: the best headline-shaped line just above the body.

    A headline directly followed by a standfirst (a longer line without a full stop)
    is preferred to it: two headline-shaped lines in a row are headline, then dek.
    """
    best, best_score = None, 0.0
    lo = max(0, first_body - _HEADER_SPAN)
    for i in range(lo, min(first_body + 1, len(lines))):
        s = stats[i]
        if not _headline_candidate(lines[i], s):
            continue
        score = 1.0 + min(s.words, 14) / 14
        # A headline is usually followed by a date line, a byline or the body within a few lines.
        for j in range(i + 1, min(i + 5, len(lines))):
            if stats[j].date_like or stats[j].reading_time or _BYLINE.match(lines[j].text):
                score += 1.0
                break
        score -= 0.05 * (first_body - i)
        if s.repeated:  # a menu word repeats; so does a headline, in breadcrumbs and share texts
            score += 0.3 if s.words >= 4 else -0.5
        if i == first_body:
            score -= 0.3
        if score > best_score:
            best, best_score = i, score
    if best is not None and best > lo and stats[best - 1].words >= 4 and \
            _headline_candidate(lines[best - 1], stats[best - 1]) and not stats[best - 1].repeated:
        return best - 1
    return best


def _authors(text: str) -> tuple[str, ...]:
    """The names of a byline ("By Jane Doe and Max Mustermann | May 3"), or ()."""
    match = _BYLINE.search(_GLUED_BY.sub("By ", text))
    if not match or not match.group(1)[:1].isupper():
        return ()
    names = _BYLINE_TAIL.sub("", match.group(1))
    parts = [part.strip(" .") for part in _AUTHOR_SPLIT.split(names)]
    return tuple(p for p in parts if p and len(p.split()) <= 5 and not any(c.isdigit() for c in p))


def _may_hold_date(line: Line, s: LineStats) -> bool:
    """Worth reading for a date: a short line with a month name, or one with a year in it."""
    return not s.is_image and (s.date_like or (s.words <= 30 and _YEAR.search(line.text) is not None))


def _name_line(line: Line, s: LineStats) -> str | None:
    """A line that is only a person's name (the byline of many captures), or None."""
    if s.interface or s.date_like or s.url or s.is_image or not 2 <= s.words <= 4 or s.stop_ratio > 0:
        return None
    return line.text.rstrip(",") if _NAME_LINE.match(line.text) else None


def _widget_lines(kept: set[int], lines: list[Line], stats: list[LineStats]) -> set[int]:
    """Kept lines inside runs of short lines that hold an interface string (newsletter boxes,
    share bars): the whole run is page furniture, whatever its other lines say.

    A short full sentence ("He declined to comment.") breaks the run, unless the run
    holds a call to action (sign up, subscribe): then it is the box's own blurb.
    """
    found: set[int] = set()
    run: list[int] = []
    n = len(stats)
    for i in range(n + 1):
        if i < n and not stats[i].is_image and stats[i].words < 10:
            run.append(i)
            continue
        if run and any(stats[j].interface for j in run):
            action = any(CALL_TO_ACTION.search(lines[j].text) for j in run if stats[j].interface)
            found.update(j for j in run if j in kept and (
                action or stats[j].interface or not (stats[j].full_stop and stats[j].words >= 5)))
        run = []
    return found


def _main_clusters(kept: list[int], stats: list[LineStats], probability: np.ndarray) -> list[int]:
    """Keep the article's run of body lines, not stray runs far from it.

    Kept lines are grouped into clusters wherever more than ``_CLUSTER_GAP`` lines lie
    between two of them. The cluster with the most text (words weighted by score) is
    the article; another stays only when it is sure body text and not small beside it:
    teaser lists and footers below an article score lower, in smaller runs.
    """
    if not kept:
        return kept
    clusters: list[list[int]] = [[kept[0]]]
    for i in kept[1:]:
        if i - clusters[-1][-1] > _CLUSTER_GAP:
            clusters.append([])
        clusters[-1].append(i)
    if len(clusters) == 1:
        return kept
    mass = [sum(stats[i].words * probability[i] for i in c) for c in clusters]
    words = [sum(stats[i].words for i in c) or 1 for c in clusters]
    main = max(range(len(clusters)), key=mass.__getitem__)
    chosen: list[int] = []
    for k, cluster in enumerate(clusters):
        if k == main or (mass[k] >= _CLUSTER_SHARE * mass[main] and mass[k] / words[k] >= _CLUSTER_SURE):
            chosen.extend(cluster)
    return chosen


def _is_prose(s: LineStats) -> bool:
    """Unmistakable running text: a long line of sentences with function words."""
    return (s.words >= 10 and s.ends_sentence and s.stop_ratio >= 0.15 and not s.interface
            and not s.glued and not s.ellipsis and not s.comment_header and not s.repeated)


def _bridgeable(s: LineStats) -> bool:
    """A line that may sit between two parts of a body: a list item or a short heading."""
    return not s.is_image and not s.interface and not s.repeated and (
        s.bullet or (s.words <= 6 and not s.date_like and not s.copyright and not s.url))


def _grow(chosen: set[int], start: int, step: int, stats: list[LineStats], probability: np.ndarray) -> None:
    """From the body's edge ``start``, take prose lines in direction ``step``; a run of list
    items and short headings (an ingredient list, "Method") is crossed when prose follows it."""
    n = len(stats)
    i = start + step
    while 0 <= i < n:
        if _is_prose(stats[i]) and probability[i] >= _EDGE_FLOOR:
            chosen.add(i)
            i += step
            continue
        j = i
        while 0 <= j < n and abs(j - i) < _BRIDGE_SPAN and _bridgeable(stats[j]):
            j += step
        has_list = any(stats[k].bullet for k in range(min(i, j), max(i, j) + 1) if 0 <= k < n)
        if j == i or not has_list or not (0 <= j < n) or not _is_prose(stats[j]) \
                or probability[j] < _EDGE_FLOOR:
            return
        chosen.update(k for k in range(min(i, j + 1), max(i, j - 1) + 1) if stats[k].bullet)
        i = j


def _with_prose_around(kept: list[int], stats: list[LineStats], probability: np.ndarray) -> list[int]:
    """Add the prose lines the classifier doubted inside the body, and those continuing it
    above or below: one paragraph between two kept ones is body text, and so is the
    introduction above a recipe's ingredient list."""
    if not kept:
        return kept
    chosen = set(kept)
    chosen.update(i for i in range(kept[0] + 1, kept[-1]) if _is_prose(stats[i]))
    _grow(chosen, kept[0], -1, stats, probability)
    _grow(chosen, kept[-1], 1, stats, probability)
    lo, hi = min(chosen), max(chosen)
    # List items between body lines belong to the body.
    chosen.update(i for i in range(lo, hi) if stats[i].bullet and not stats[i].interface)
    return sorted(chosen)


def _comment_section(kept: list[int], stats: list[LineStats], reasons: dict[int, str]) -> list[int]:
    """Kept lines below the heading of a comment section ("12 Comments", "Leave a Reply"),
    when most of the body lies above it: reader comments are not the article. A
    "Comments" link in a share bar above the article has the article below it, and
    does not count."""
    body = [i for i in kept if i not in reasons]
    if len(body) < 4:
        return []
    total = sum(stats[i].words for i in body)
    above = 0
    position = 0
    for i in range(body[0], body[-1] + 1):
        if position < len(body) and body[position] == i:
            above += stats[i].words
            position += 1
            continue
        if stats[i].comments_heading and position >= 3 and above >= 0.5 * total:
            return body[position:]
    return []


def extract_text(text: str, *, url: str | None, options: ExtractOptions) -> Article:
    """The article of a rendered-text capture (innerText dump, copy-paste, reader export)."""
    lines = split_lines(text, max_lines=options.max_lines)
    if not any(not line.is_image for line in lines):
        return Article(url=url, empty_reason=EmptyReason.NO_TEXT)
    stats = line_stats(lines)
    model = load_model()
    probability = score_lines(stats, model)
    kept = [i for i, p in enumerate(probability) if p >= model.threshold and not lines[i].is_image]
    kept = _main_clusters(kept, stats, probability)
    kept = _with_prose_around(kept, stats, probability)
    reasons: dict[int, str] = {}

    first_body = kept[0] if kept else min(len(lines) - 1, _HEADER_SPAN)
    title_index = _find_title(lines, stats, first_body)
    title = lines[title_index].text if title_index is not None else None
    header_at = title_index if title_index is not None else first_body
    published: datetime | None = None
    authors: tuple[str, ...] = ()
    date_candidates: list[int] = []
    for i in range(max(0, header_at - 3), min(len(lines), header_at + 8)):
        if i == title_index or stats[i].is_image:
            continue
        if not authors and stats[i].words <= 12:
            found = _authors(lines[i].text)
            if found:
                authors = found
                reasons[i] = "byline"
        if published is None and _may_hold_date(lines[i], stats[i]):
            published = parse_date_line(lines[i].text)
            if published is not None:
                reasons[i] = "date line"
            else:
                date_candidates.append(i)
    if published is None:  # farther from the headline, nearest first
        body_start = set(kept)
        end = min(len(lines), max(first_body, header_at) + _DATE_SPAN)
        for i in sorted(range(max(0, header_at - _DATE_SPAN), end), key=lambda k: abs(k - header_at)):
            if abs(i - header_at) > 3 and i not in body_start and _may_hold_date(lines[i], stats[i]):
                published = parse_date_line(lines[i].text)
                if published is not None:
                    reasons[i] = "date line"
                    break
    if not authors and title_index is not None:  # a name alone just below the headline
        for i in range(title_index + 1, min(len(lines), title_index + 4, first_body + 1)):
            name = _name_line(lines[i], stats[i])
            if name and i not in kept:
                authors = (name,)
                reasons[i] = "byline"
                break
    if published is None and date_candidates:  # one slow, thorough try on the first candidate
        published = parse_date_line_thoroughly(lines[date_candidates[0]].text)
        if published is not None:
            reasons[date_candidates[0]] = "date line"
    if title_index is not None:
        reasons[title_index] = "headline"
        for i in kept:  # short lines above the headline: kicker, section name
            if i < title_index and stats[i].words < 15:
                reasons.setdefault(i, "above headline")

    if not options.include_comments:
        for i in _comment_section(kept, stats, reasons):
            reasons.setdefault(i, "comment section")
    kept_set = set(kept)
    for i in _widget_lines(kept_set, lines, stats):
        reasons.setdefault(i, "page widget")

    related: list[Link] = []
    body_lines = [i for i in kept if i not in reasons]
    region_end = body_lines[-1] if body_lines else -1
    region_start = (title_index + 1) if title_index is not None else (body_lines[0] if body_lines else 0)
    captions: set[int] = set()
    # "Read also" lines may sit just below the last paragraph.
    for i in range(region_start, min(len(lines), region_end + 4)):
        if i in reasons or lines[i].is_image:
            continue
        target = related_prefix_target(lines[i].text)
        if target:
            related.append(Link(target))
            reasons[i] = "related link"
        elif i <= region_end and stats[i].words <= 60 and CAPTION_PREFIX.match(lines[i].text):
            captions.add(i)
            if not options.include_captions:
                reasons[i] = "caption"
    body_lines = [i for i in range(region_start, region_end + 1)
                  if i not in reasons and (i in kept_set or i in captions)]
    card = trailing_story_card(body_lines, stats)
    if card:
        related.append(Link(lines[card[0]].text))
        reasons[card[0]] = "related link"
        reasons[card[1]] = "teaser"
        body_lines = [i for i in body_lines if i not in card]

    blocks: list[Block] = []
    for position, i in enumerate(body_lines):
        line_text = lines[i].text
        if i in captions:
            blocks.append(Block(BlockKind.CAPTION, line_text, reason="caption"))
        elif stats[i].bullet and _BULLET_PREFIX.match(line_text):
            blocks.append(Block(BlockKind.LIST_ITEM, _BULLET_PREFIX.sub("", line_text), reason="list item"))
        elif line_text.startswith("> "):
            blocks.append(Block(BlockKind.QUOTE, line_text[2:], reason="quotation"))
        elif (is_headline_shaped(stats[i]) and stats[i].words <= 15 and position + 1 < len(body_lines)
              and stats[body_lines[position + 1]].words >= 15):
            blocks.append(Block(BlockKind.HEADING, line_text, reason="subheading", level=2))
        else:
            blocks.append(Block(BlockKind.PARAGRAPH, line_text, reason="main text"))

    last_body = body_lines[-1] if body_lines else -1
    images = tuple(
        Image(url=lines[i].image_src, alt=lines[i].image_alt)
        for i in range(max(0, header_at), last_body + 1) if lines[i].is_image)
    discarded: tuple[Block, ...] = ()
    if options.explain:
        chosen = set(body_lines)
        discarded = tuple(
            Block(BlockKind.PARAGRAPH, line.text, kept=False,
                  reason=reasons.get(line.index, "page furniture"))
            for line in lines if line.index not in chosen and not line.is_image)
    return Article(
        title=title,
        authors=authors,
        published=published,
        url=url,
        blocks=tuple(blocks),
        related=tuple(related),
        images=images,
        empty_reason=None if blocks else EmptyReason.NO_ARTICLE,
        discarded=discarded,
    )
