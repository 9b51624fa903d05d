"""The series an article's box belongs to: the posts of a thread, the cards of a listing.

The container is the element holding most prose for the least boilerplate; on a page
whose content is a series of like boxes (a thread's posts, a listing's items), that may
be one box of the series, the longest post or the wordiest card. One box of a series is
not the page: its like siblings, boxes of the same tag and class under the same parent,
each holding prose of its own, join the article.

On a shop's collection page, the series is a grid of cards beside the element chosen
for its prose (``card_grid``): the cards are the page's content.

The same likeness tells a thread's replies from reader comments: replies are laid out
as the first post is, boxes named as it is inside the comment sections, where a page
lays out the comments below an article apart from it.
"""

from __future__ import annotations

from thresher.html.blocks import Page
from thresher.html.container import carry_up

__all__ = ["card_grid", "replies_like_post", "series_items"]

#: Levels above the container searched for the box that repeats (a post's text sits
#: in a few wrappers inside the post).
_SERIES_DEPTH = 3
#: Like boxes, the container's own counted, that make a series.
_SERIES_ITEMS = 3
#: The other items must hold at least this share of the prose of the container's item:
#: a series of teasers beside a story is no series of posts.
_SERIES_SHARE = 0.5
#: Tags of boxes that repeat as items of their own, named or not.
_ITEM_TAGS = frozenset(["article", "li", "tr"])


def _signature(page: Page, index: int) -> tuple[str, str]:
    """An element's tag and first class, which the items of a series share."""
    name = page.names[index].split(None, 1)
    return page.tags[index], name[0] if name else ""


def series_items(
    page: Page, container: int, prose: list[float], inside: list[bool], comments: frozenset[int]
) -> list[int]:
    """The like siblings of the container's box (or of one of its wrappers up to
    ``_SERIES_DEPTH`` levels), in document order, when they make a series with it;
    else no element. Siblings under furniture or with no prose are not items; a
    sibling named like a comment box is one (a thread's first post, "firstReply")."""
    parents, ends = page.parents, page.ends
    item = container
    for _ in range(_SERIES_DEPTH):
        parent = parents[item]
        if parent < 0:
            break
        key = _signature(page, item)
        if (key[1] or key[0] in _ITEM_TAGS) and not inside[parent]:
            like = []
            child = parent + 1
            while child <= ends[parent]:
                if (
                    child != item
                    and prose[child] > 0
                    and (not inside[child] or child in comments)
                    and _signature(page, child) == key
                ):
                    like.append(child)
                child = ends[child] + 1
            if len(like) + 1 >= _SERIES_ITEMS and sum(prose[i] for i in like) >= _SERIES_SHARE * prose[item]:
                return like
        item = parent
    return []


def _classes(page: Page, index: int) -> tuple[str, frozenset[str]]:
    """An element's tag and classes, less those holding a digit (a post's number):
    a thread's replies share all of them with its first post, where a comment may
    share a framework's first class with the article ("crayon article-texte",
    "crayon forum-texte")."""
    return page.tags[index], frozenset(
        word for word in page.names[index].split() if not any(ch.isdigit() for ch in word)
    )


#: Boxes inside the comment sections like the container's post that make them replies.
_LIKE_REPLIES = 2


def replies_like_post(page: Page, container: int, comments: list[int], prose: list[float]) -> bool:
    """Whether the comment sections hold boxes like the container, of its tag and
    classes (``_LIKE_REPLIES`` of them or more, each with prose): the replies of a thread laid
    out as its first post is, not reader comments below an article, which a page lays
    out apart from it."""
    ends = page.ends
    key = _classes(page, container)
    if not key[1] or any(container <= box <= ends[container] for box in comments):
        return False
    found = 0
    end = -1
    for box in comments:
        if box <= end:
            continue  # (inside a section counted already)
        end = ends[box]
        for index in range(box + 1, end + 1):
            if prose[index] > 0 and _classes(page, index) == key:
                found += 1
                if found >= _LIKE_REPLIES:
                    return True
    return False


#: Like boxes holding text, under one parent, that make a grid of cards.
_GRID_CARDS = 4


def card_grid(page: Page, spans: list[tuple[int, int]], inside: list[bool]) -> int:
    """The element holding the page's grid of cards when it lies outside the article's
    ``spans`` and its cards hold more text than they do; else -1. A grid has
    ``_GRID_CARDS`` like children or more (of one tag and first class, a class or a
    tag of items), each holding text outside furniture; of several, the one whose
    cards hold the most text.

    A shop's collection page is its cards, whose lines (a name, a material, a price)
    are too short to vote as prose: the element chosen for its prose is then the
    collection's blurb or a banner, beside the grid."""
    parents, ends = page.parents, page.ends
    mass = [0.0] * len(parents)
    for block in page.blocks:
        if not inside[block.owner]:
            mass[block.owner] += len(block.text)
    carry_up(mass, parents)
    counts: dict[tuple[int, str, str], tuple[int, float]] = {}
    for index in range(1, len(parents)):
        if mass[index] > 0 and not inside[index]:
            key = (parents[index], *_signature(page, index))
            count, total = counts.get(key, (0, 0.0))
            counts[key] = (count + 1, total + mass[index])
    best, most = -1, 0.0
    for (parent, tag, name), (count, total) in counts.items():
        if count >= _GRID_CARDS and (name or tag in _ITEM_TAGS) and total > most:
            best, most = parent, total
    if best < 0 or any(a <= best <= b or best <= a <= ends[best] for a, b in spans):
        return -1
    kept = sum(mass[a] for a, _ in spans)
    return best if most > kept else -1
