"""Which lines form the body: the classifier's kept lines, cleaned up by structure.

The main cluster of kept lines is the article; prose lines inside or touching it
join it (across an ingredient-style list, marked or not); page widgets and a comment
section below the article leave it. When the classifier kept nothing, the page's
clear prose lines it only doubted are the body.
"""

from __future__ import annotations

import numpy as np

from thresher.models import BlockReason
from thresher.text.features import LineStats, PageStats
from thresher.text.lines import Line
from thresher.text.vocabulary import CALL_TO_ACTION

__all__ = ["comment_section", "select_body", "widget_lines"]

#: Words of body above a comments heading that make it the end of an article.
_ARTICLE_WORDS = 150
#: Lines between two kept lines that split them into separate clusters.
_CLUSTER_GAP = 20
#: A cluster besides the main one stays with this share of its text and this mean score.
_CLUSTER_SHARE = 0.3
_CLUSTER_SURE = 0.8
#: Lowest score at which a prose line touching the body is taken into it.
_EDGE_FLOOR = 0.15
#: With no line kept, prose scored at least this much still makes a body of at
#: least this many words.
_DOUBT_FLOOR = 0.1
_DOUBT_WORDS = 20
#: Longest run of list items and short headings crossed to reach more prose, and the
#: score that prose needs when no line of the run is marked as a list item.
_BRIDGE_SPAN = 16
_UNMARKED_BRIDGE_FLOOR = 0.35


def widget_lines(kept: set[int], lines: list[Line], page: PageStats) -> set[int]:
    """Kept lines inside runs of short lines that hold an interface string (newsletter boxes,
    share bars): the whole run is page furniture, whatever its other lines say.

    A short full sentence ("He declined to comment.") breaks the run, unless the run
    holds a call to action (sign up, subscribe): then it is the box's own blurb.
    """
    found: set[int] = set()
    stats = page.rows
    n = len(stats)
    short = ((page.column("words") < 10) & (page.column("is_image") == 0)).tolist()
    end = -1  # the last line of the run handled last
    # Only the runs around interface lines are walked (most lines are in no such run).
    for i in np.flatnonzero(page.column("interface")).tolist():
        if i <= end or not short[i]:
            continue
        start, end = i, i
        while start > 0 and short[start - 1]:
            start -= 1
        while end + 1 < n and short[end + 1]:
            end += 1
        run = range(start, end + 1)
        in_body = [j for j in run if j in kept]
        sentences = [
            j for j in in_body if not stats[j].interface and stats[j].full_stop and stats[j].words >= 5
        ]
        # Only a full sentence in the run needs the call to action to be dropped with it.
        if sentences and any(CALL_TO_ACTION.search(lines[j].text) for j in run if stats[j].interface):
            found.update(in_body)
        else:
            found.update(set(in_body).difference(sentences))
    return found


def _main_clusters(kept: list[int], stats: list[LineStats], probability: list[float]) -> list[int]:
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
    return (
        s.words >= 10
        and s.ends_sentence
        and s.stop_ratio >= 0.15
        and not s.interface
        and not s.glued
        and not s.ellipsis
        and not s.comment_header
        and not s.repeated
    )


def _bridgeable(s: LineStats) -> bool:
    """A line that may sit between two parts of a body: a list item or a short heading."""
    return (
        not s.is_image
        and not s.interface
        and not s.repeated
        and (s.bullet or (s.words <= 6 and not s.date_like and not s.copyright and not s.url))
    )


def _grow(chosen: set[int], start: int, step: int, stats: list[LineStats], probability: list[float]) -> None:
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
        run = range(min(i, j - step), max(i, j - step) + 1)
        has_list = any(stats[k].bullet for k in run)
        # Without bullets (a browser's innerText drops them) the run may as well be a
        # menu: the prose beyond it must then be likelier body text.
        floor = _EDGE_FLOOR if has_list else _UNMARKED_BRIDGE_FLOOR
        if j == i or not (0 <= j < n) or not _is_prose(stats[j]) or probability[j] < floor:
            return
        chosen.update(k for k in run if stats[k].bullet or not has_list)
        i = j


def _with_prose_around(kept: list[int], stats: list[LineStats], probability: list[float]) -> list[int]:
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


def comment_section(kept: list[int], stats: list[LineStats], reasons: dict[int, BlockReason]) -> list[int]:
    """Kept lines below the heading of a comment section ("12 Comments", "Leave a Reply"),
    when an article lies above it (half the body, or a few paragraphs: a thread can be
    longer than the post): reader comments are not the article. A "Comments" link in a
    share bar above the article has the article below it, and does not count."""
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
        if stats[i].comments_heading and position >= 3 and above >= min(0.5 * total, _ARTICLE_WORDS):
            return body[position:]
    return []


def _comment_thread_start(page: PageStats) -> int | None:
    """Where a thread of reader comments starts: a comments heading directly followed by
    the header of a comment ("Alex on May 3, 2019 at 6:34 am said:"), with another
    comment header further down."""
    headers = np.flatnonzero(page.column("comment_header")).tolist()
    if len(headers) < 2:
        return None
    for i in np.flatnonzero(page.column("comments_heading")).tolist():
        following = [h for h in headers if h > i]
        if len(following) >= 2 and following[0] - i <= 3:
            return i
    return None


def select_body(
    kept: list[int], page: PageStats, probability: list[float], *, include_comments: bool = False
) -> list[int]:
    """The body's line indexes from the lines the classifier kept, in order.

    Without ``include_comments``, a comment thread and what follows it are cut off
    first, so that a long thread cannot outweigh a short post above it.
    """
    if not include_comments:
        start = _comment_thread_start(page)
        if start is not None and any(i < start for i in kept):
            kept = [i for i in kept if i < start]
    stats = page.rows
    kept = _main_clusters(kept or _doubted_prose(stats, probability), stats, probability)
    return _without_stray_repeats(_with_prose_around(kept, stats, probability), stats)


def _doubted_prose(stats: list[LineStats], probability: list[float]) -> list[int]:
    """When the classifier kept nothing: the unmistakable prose lines it scored above
    ``_DOUBT_FLOOR``, if they hold ``_DOUBT_WORDS`` words. A short article alone among
    long menus (a one-paragraph brief, a page cut by a paywall) scores low by its
    context; a page with no article has no such lines."""
    lines = [i for i, s in enumerate(stats) if _is_prose(s) and probability[i] >= _DOUBT_FLOOR]
    return lines if sum(stats[i].words for i in lines) >= _DOUBT_WORDS else []


def _without_stray_repeats(kept: list[int], stats: list[LineStats]) -> list[int]:
    """Drop long lines that occur twice on the page (a teaser shown in two lists) unless
    they sit between body lines (a pull quote repeating a sentence of the article)."""
    chosen = set(kept)
    return [
        i
        for i in kept
        if not (stats[i].repeated and stats[i].words >= 8) or (i - 1 in chosen and i + 1 in chosen)
    ]
