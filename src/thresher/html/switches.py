"""Rule switches for measurement: the names of the body and date rules turned off.

The benchmark's ablation (``bench/cv.py``) turns rules off one at a time to measure
what each is worth on every development set. Not an option of ``extract``: the rules
are one method, and a page is read with all of them.
"""

from __future__ import annotations

__all__ = ["DISABLED", "enabled"]

#: Names of the rules turned off (see ``RULES``).
DISABLED: frozenset[str] = frozenset()

#: Every rule that can be turned off, with what it does.
RULES = {
    "post-taxonomy": "a post wrapper's taxonomy classes (tag-, category-, author-) are not furniture names",
    "systematic-any-kind": "one furniture name on three or more boxes holding most of the prose, beside "
    "the headline (or on a forum or listing), is a misnomer",
    "thread": "comment boxes holding nearly all of the prose are a thread's posts: content",
    "stated-thread": "on a page stating it is a discussion (JSON-LD, og:type), comment boxes are its posts",
    "thread-replies": "on a page stating it is a discussion, a 'Comments' heading titles the answers, "
    "not reader comments",
    "product-reviews": "on a product page, a 'Reviews' heading opens the buyers' reviews, to its box's end",
    "series": "the like siblings of the article's box (a thread's posts, a listing's cards) join it",
    "shop-suggestions": "a 'Customers also bought' or 'Similar items' heading titles other products",
    "card-lines": "on a page of cards, the first line kept ends the page's head (headline, byline, date)",
    "like-replies": "comment sections holding boxes named like the chosen post are a thread's replies",
    "og-product-grid": "a page tagged og:type product holding a grid of linked, priced cards is a collection",
    "card-headings": "on listing and collection pages, a heading that is a link is an item's title",
    "product-jsonld": "a product page's JSON-LD description, when longer than the text found",
    "hash-tokens": "made-up pieces of class names (CSS-module hashes, letters and digits) name nothing",
    "heading-ids": "an id slugged from a heading (a function word, or six words or more) names no box",
    "builder-widget": "'x-widget' is a page builder's name for any box; a bare 'widget' stays furniture",
    "sparse-fallback": "a page with next to no prose is read as a page of lists, links kept",
    "tab-panels": "the hidden panels of a tab set showing one panel are read as shown ones",
    "streamed-parts": "a streamed page's hidden parts take the place of their 'Loading' stand-ins",
    "reveal-hidden": "a page showing next to no text is read with its hidden elements",
    "page-description": "a body too short to trust leads with the page's description when that is an "
    "excerpt (300 characters or more) outweighing it",
    "layout-state": "'no-sidebar', 'with-ads': a state of the layout, not a box's name",
    "aria-shown": "a link hidden from screen readers (aria-hidden) repeats a link beside it: it is shown",
    "article-header": "a <header> holding a heading inside an <article> is the article's head, not furniture",
    "list-credit": "a list item ending in a parenthesis naming pictures is an entry, not a caption's credit",
    "docs-repeats": "on documentation, text met twice is kept (a reference repeats its 'Parameters')",
    "product-grid": "JSON-LD with three or more items of @type Product (no ProductGroup) is a collection",
    "link-collection": "an article whose own link lists outweigh the text it kept is read with its links",
    "related-prose": "a 'Related'/'Recommended' heading over a box that goes on in prose cuts nothing",
    "sparse-named-boxes": "on a page of lists, a box named like furniture holding most of the text is read",
    "section-siblings": "the siblings joining the container are those of its outermost wrapper: a page of "
    "sections wraps each section's text in layout boxes",
    "named-sections": "beside the wrapper, a section with twice the prose a sibling needs joins although "
    "boxes inside it are named like furniture",
    "orphan-headings": "a heading whose next kept block is a heading of its rank or above, or which ends "
    "the article, over dropped blocks, titles none of the article: it goes too",
    "standfirst": "a paragraph of prose between the headline and the article's element, in the headline's "
    "box, is the article's summary: it joins the article",
    "prose-boxes": "inside the article, a box named like furniture whose text is prose paragraphs is the "
    "article's text",
    "tagged-beside-headline": "a box tagged as furniture (footer, aside, nav) beside the page's headline "
    "stays furniture however much of the prose it holds",
    "systematic-nearly-all": "one furniture name on three or more boxes holding nearly all of the "
    "prose is a misnomer wherever the headline stands (a thread's posts under a title set above them)",
    "card-grid": "on a shop's collection page, a grid of like cards outside the article holding more "
    "text than it is the page's content",
    "shown-modified": "a page showing near its headline, unlabelled, the day of its stated modification "
    "time is dated by that day, not by its stated publication time",
    "url-before-visible": "a day in the URL path dates a page whose metadata states none before any date "
    "read off the visible page",
    "update-labels": "a date shown after 'Updated', 'Last updated', 'Aktualisiert', 'Last post' is the time "
    "of a change, not of the publication",
    "heading-bars": "a product's 'Reviews' or a shop's 'Similar items' heading in a bar of its own "
    "(with a 'See all' link, a rating) titles the box around the bar: the reviews or cards beside it go too",
    "popup-notes": "a block-level box named as a pop-up (tooltip, popover) holding a few blocks is a note "
    "shown on hover: furniture",
    "consent-dialogs": "a box named as a cookie or consent dialog stays furniture however much of the "
    "prose it holds",
}


def enabled(rule: str) -> bool:
    return rule not in DISABLED
