"""Is an element part of the article, or of something next to it?

Bylines and datelines also appear in comments, teasers of other articles, sidebars and
footers, where they name other texts. Those containers are recognised by their tag
(``nav``, ``footer``) or by class/id words from the common vocabulary of publishing
systems, matched as whole words of a class token ("comment-author", "region-sidebar"),
never as substrings (so "has-sidebar" on ``<body>`` is not read as a sidebar: the walk
stops at the article, ``main`` or ``body``).
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

__all__ = ["is_foreign", "marker", "ancestor_ids"]

_FOREIGN_WORDS = (
    "comment",
    "related",
    "teaser",
    "recommend",
    "sidebar",
    "widget",
    "newsletter",
    "footer",
    "popular",
    "trending",
    "promo",
    "advert",
    "share",
    "social",
)
_FOREIGN_TAGS = frozenset({"footer", "nav"})
_STOP_TAGS = frozenset({"article", "main", "body", "html"})
_WORD_SPLIT = re.compile(r"[\s_-]+")


def marker(node: LexborNode) -> str:
    """The class, id, itemprop and test id of an element, as one string."""
    attributes = node.attributes
    return (
        f"{attributes.get('class') or ''} {attributes.get('id') or ''} "
        f"{attributes.get('itemprop') or ''} {attributes.get('data-testid') or ''}"
    )


# Words that start like furniture but say what state the article is in ("node--promoted":
# shown on the front page; "commented": has comments).
_STATE_WORDS = frozenset({"promoted", "commented"})


def _has_foreign_word(node: LexborNode) -> bool:
    attributes = node.attributes
    text = f"{attributes.get('class') or ''} {attributes.get('id') or ''}".casefold()
    return any(
        word.startswith(_FOREIGN_WORDS) and word not in _STATE_WORDS
        for word in _WORD_SPLIT.split(text)
        if word
    )


def is_foreign(node: LexborNode, *, depth: int = 8, main: frozenset[int] = frozenset()) -> bool:
    """True when the element sits in a comment, teaser, sidebar, footer or navigation.

    ``main`` holds the ``mem_id`` of the headline's ancestors: reaching one of them means
    the element shares its container with the headline, whatever that container's class."""
    ancestor: LexborNode | None = node
    for _ in range(depth):
        if ancestor is None or ancestor.mem_id in main:
            return False
        own_footer = ancestor.tag == "footer" and _inside_article(ancestor, depth)
        # (an <article>'s own <footer> holds its byline and date: HTML's own use of it)
        if not own_footer and (ancestor.tag in _FOREIGN_TAGS or _has_foreign_word(ancestor)):
            return True
        if ancestor.tag in _STOP_TAGS:
            return False
        ancestor = ancestor.parent
    return False


def _inside_article(node: LexborNode, depth: int) -> bool:
    ancestor = node.parent
    for _ in range(depth):
        if ancestor is None or ancestor.tag in {"main", "body", "html"}:
            return False
        if ancestor.tag == "article":
            return True
        ancestor = ancestor.parent
    return False


def ancestor_ids(node: LexborNode | None) -> frozenset[int]:
    """The ``mem_id`` of an element and of its ancestors up to (not including) ``body``."""
    ids: set[int] = set()
    while node is not None and node.tag not in {"body", "html"}:
        ids.add(node.mem_id)
        node = node.parent
    return frozenset(ids)
