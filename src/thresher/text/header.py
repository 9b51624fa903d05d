"""The header of a text capture: headline, byline and publication date, read around
the first line of the body (a capture has no markup saying which line is which)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from thresher.dates import parse_date_line, parse_date_line_thoroughly
from thresher.models import BlockReason
from thresher.text.features import LineStats
from thresher.text.lines import Line
from thresher.text.vocabulary import BYLINE_LABELS, is_caption

__all__ = ["Header", "read_header"]

# "By Jane Doe", "Posted on May 3, 2023 by Jane Doe", "Von Jana Krüger", "Author: …".
_BYLINE = re.compile(
    r"(?:^|[\s|·•,(])(?:" + "|".join(map(re.escape, BYLINE_LABELS)) + r")\s*:?\s+(\w.*)$", re.I
)
# "ByJane Doe": a capture that lost the space between a label and a link.
_GLUED_BY = re.compile(r"^By(?=[A-Z][a-z])")
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bи\b|\bі\b)\s*", re.I)
_BYLINE_TAIL = re.compile(
    r"\s*(?:[|·•∙–—(]|\s-\s|\bon\b|\bam\b|\ble\b|\bel\b|\bupdated\b|\bpublished\b|\d).*$", re.I
)
# A person's name alone on a line: two to four capitalised words.
_NAME_LINE = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁІЇЄ][\w'’.-]*\s){1,3}[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁІЇЄ][\w'’.-]*,?$")
#: How far from the headline a date line is looked for when none is right next to it.
_DATE_SPAN = 15
_YEAR = re.compile(r"(?:19|20)\d\d")
#: How far above the first body line the headline is looked for.
_HEADER_SPAN = 15


@dataclass(slots=True)
class Header:
    """What the lines above the body say; ``reasons`` marks the lines it used."""

    title_index: int | None = None
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: datetime | None = None
    reasons: dict[int, BlockReason] = field(default_factory=dict)


def _headline_candidate(line: Line, s: LineStats) -> bool:
    if (
        s.is_image
        or s.bullet
        or s.interface
        or s.reading_time
        or s.copyright
        or s.url
        or s.separators
        or s.glued
        or s.ellipsis
        or s.all_caps
        or line.text[-1] in ",;"
    ):
        return False
    if is_caption(line.text) or (s.date_like and parse_date_line(line.text) is not None):
        return False  # a caption, or a date line (a month name alone is fine: "Talks resume in May")
    if not 2 <= s.words <= 30 or (s.ends_sentence and not line.text.endswith(("?", "!"))):
        return False
    return not _byline_authors(line, s)


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
            if (
                stats[j].date_like
                or stats[j].reading_time
                or (stats[j].byline_label and _BYLINE.match(lines[j].text))
            ):
                score += 1.0
                break
        score -= 0.05 * (first_body - i)
        if s.repeated:  # a menu word repeats; so does a headline, in breadcrumbs and share texts
            score += 0.3 if s.words >= 4 else -0.5
        if i == first_body:
            score -= 0.3
        if score > best_score:
            best, best_score = i, score
    if (
        best is not None
        and best > lo
        and stats[best - 1].words >= 4
        and _headline_candidate(lines[best - 1], stats[best - 1])
        and not stats[best - 1].repeated
    ):
        return best - 1
    return best


def _byline_authors(line: Line, s: LineStats) -> tuple[str, ...]:
    """``_authors`` of a line, read only when it may hold a byline label."""
    return _authors(line.text) if s.byline_label or line.text.startswith("By") else ()


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


def read_header(lines: list[Line], stats: list[LineStats], kept: list[int]) -> Header:
    """Headline, byline and date of a capture whose body lines (so far) are ``kept``."""
    reasons: dict[int, BlockReason] = {}
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
            found = _byline_authors(lines[i], stats[i])
            if found:
                authors = found
                reasons[i] = BlockReason.BYLINE_DATE
        if published is None and _may_hold_date(lines[i], stats[i]):
            published = parse_date_line(lines[i].text)
            if published is not None:
                reasons[i] = BlockReason.BYLINE_DATE
            else:
                date_candidates.append(i)
    if published is None:  # farther from the headline, nearest first
        body_start = set(kept)
        end = min(len(lines), max(first_body, header_at) + _DATE_SPAN)
        for i in sorted(range(max(0, header_at - _DATE_SPAN), end), key=lambda k: abs(k - header_at)):
            if abs(i - header_at) > 3 and i not in body_start and _may_hold_date(lines[i], stats[i]):
                published = parse_date_line(lines[i].text)
                if published is not None:
                    reasons[i] = BlockReason.BYLINE_DATE
                    break
    if not authors and title_index is not None:  # a name alone just below the headline
        for i in range(title_index + 1, min(len(lines), title_index + 4, first_body + 1)):
            name = _name_line(lines[i], stats[i])
            if name and i not in kept:
                authors = (name,)
                reasons[i] = BlockReason.BYLINE_DATE
                break
    if published is None and date_candidates:  # one slow, thorough try on the first candidate
        published = parse_date_line_thoroughly(lines[date_candidates[0]].text)
        if published is not None:
            reasons[date_candidates[0]] = BlockReason.BYLINE_DATE
    if title_index is not None:
        reasons[title_index] = BlockReason.HEADLINE
        for i in kept:  # short lines above the headline: kicker, section name
            if i < title_index and stats[i].words < 15:
                reasons.setdefault(i, BlockReason.ABOVE_HEADLINE)
    return Header(title_index, title, authors, published, reasons)
