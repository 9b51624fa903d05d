"""What kind of page this is: article, forum, product, listing, collection,
documentation or service, judged from general evidence.

The page's own statements come first: the schema.org types of its JSON-LD
(``Product``, ``DiscussionForumPosting``, ``TechArticle``, ``ItemList``...) and its
``og:type``. Without them, its structure: posts of a thread, code blocks, many
headings that are links (the cards of a listing), prices among them (a shop's
collection). The type decides what the content is (``classify``: a thread's posts
are kept; a listing's linked headings are its items) and is shown by ``explain``.
"""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass

from selectolax.lexbor import LexborNode

from thresher.html.blocks import HEADING_TAGS, Page
from thresher.html.switches import enabled
from thresher.models import PageType

__all__ = ["PageHints", "judge_page_type", "page_hints", "states_discussion"]

_TYPE_VALUE = re.compile(r'"@type"\s*:\s*\[?\s*"(?:https?://schema\.org/)?([A-Za-z]+)"')
#: schema.org types that say what a page is, by the page type they mean, strongest first.
_SCHEMA_TYPES = (
    (PageType.FORUM, frozenset(["DiscussionForumPosting", "QAPage", "SocialMediaPosting"])),
    (PageType.PRODUCT, frozenset(["Product", "ProductGroup", "IndividualProduct"])),
    (PageType.DOCUMENTATION, frozenset(["TechArticle", "APIReference", "SoftwareSourceCode"])),
    (PageType.LISTING, frozenset(["ItemList", "CollectionPage", "SearchResultsPage"])),
    (
        PageType.ARTICLE,
        frozenset(
            [
                "NewsArticle",
                "Article",
                "BlogPosting",
                "ReportageNewsArticle",
                "OpinionNewsArticle",
                "AnalysisNewsArticle",
                "Report",
                "ScholarlyArticle",
            ]
        ),
    ),
    (PageType.SERVICE, frozenset(["Service"])),
)
_OG_TYPES = {
    "product": PageType.PRODUCT,
    "product.group": PageType.COLLECTION,
    "article": PageType.ARTICLE,
    "forum": PageType.FORUM,
}
#: Headings that are one link, needed for a page to read as a listing of cards.
_LISTING_HEADINGS = 5
#: Prices among a listing's blocks that make it a shop's collection.
_COLLECTION_PRICES = 3
_PRICE = re.compile(r"(?:[$€£¥]\s?\d|\d(?:[.,]\d\d)?\s?(?:€|EUR|USD|GBP)\b)")
#: JSON-LD items typed ``Product`` that make a page a shop's collection (one per tile),
#: unless they are the variants of a ``ProductGroup``.
_GRID_PRODUCTS = 3
#: Code blocks that make a page documentation.
_CODE_BLOCKS = 2


@dataclass(frozen=True, slots=True)
class PageHints:
    """What a page's markup says about its kind, read before its body is cut up."""

    schema_types: frozenset[str] = frozenset()
    og_type: str = ""
    #: The description of a JSON-LD ``Product``: its text when the page shows it only there.
    product_description: str = ""
    #: How many items of the JSON-LD are typed ``Product`` (a grid marks up each tile).
    products: int = 0


def _product_description(data: object) -> str:
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            description = item.get("description")
            if "Product" in kinds and isinstance(description, str):
                return " ".join(description.split())
            stack.extend(value for value in item.values() if isinstance(value, (list, dict)))
    return ""


def page_hints(scripts: list[LexborNode], metas: list[LexborNode]) -> PageHints:
    """The schema.org types of the page's JSON-LD, its ``og:type`` and a product's description."""
    types: set[str] = set()
    description = ""
    products = 0
    for script in scripts:
        if "ld+json" not in (script.attributes.get("type") or ""):
            continue
        text = script.text() or ""
        found = _TYPE_VALUE.findall(text)
        types.update(found)
        products += found.count("Product")
        if not description and "Product" in found:
            with contextlib.suppress(ValueError, RecursionError):
                description = _product_description(json.loads(text, strict=False))
    og_type = ""
    for meta in metas:
        attributes = meta.attributes
        if (attributes.get("property") or attributes.get("name") or "").lower() == "og:type":
            og_type = (attributes.get("content") or "").strip().lower()
            break
    return PageHints(frozenset(types), og_type, description, products)


def states_discussion(hints: PageHints) -> bool:
    """Whether the page says it is a discussion (a thread, a question and its answers):
    its JSON-LD types or its ``og:type``, not the shape of its boxes."""
    discussion = _SCHEMA_TYPES[0][1]
    return not discussion.isdisjoint(hints.schema_types) or _OG_TYPES.get(hints.og_type) is PageType.FORUM


def judge_page_type(hints: PageHints, page: Page, *, thread: bool) -> tuple[PageType, str]:
    """The page's type and the evidence for it; ``thread`` says that the page's prose
    is in comment-named posts (``classify``)."""
    for page_type, names in _SCHEMA_TYPES:
        if found := sorted(names & hints.schema_types):
            if page_type is PageType.LISTING and "Product" in hints.schema_types:
                page_type = PageType.COLLECTION
            if (
                page_type is PageType.PRODUCT
                and hints.products >= _GRID_PRODUCTS
                and "ProductGroup" not in hints.schema_types  # (a product's variants)
                and enabled("product-grid")
            ):
                return PageType.COLLECTION, f"JSON-LD: {hints.products} items of @type Product"
            return page_type, f"JSON-LD @type {found[0]}"
    if thread:
        return PageType.FORUM, "its prose is in the posts of a thread"
    if hints.og_type in _OG_TYPES:
        stated = _OG_TYPES[hints.og_type]
        if stated is PageType.PRODUCT and enabled("og-product-grid"):
            # A shop tags its category pages as it tags a product's: a grid of cards,
            # each titled by a link and priced, is a collection.
            linked, prices = _linked_headings(page), _prices(page)
            if linked >= _LISTING_HEADINGS and prices >= _COLLECTION_PRICES:
                return PageType.COLLECTION, f"og:type product, {linked} linked headings, {prices} prices"
        return stated, f"og:type {hints.og_type}"
    code = page.tags.count("pre")
    if code >= _CODE_BLOCKS:
        return PageType.DOCUMENTATION, f"{code} code blocks"
    linked = _linked_headings(page)
    if linked >= _LISTING_HEADINGS:
        prices = _prices(page)
        if prices >= _COLLECTION_PRICES:
            return PageType.COLLECTION, f"{linked} linked headings, {prices} prices"
        return PageType.LISTING, f"{linked} linked headings"
    return PageType.ARTICLE, "no other evidence"


def _linked_headings(page: Page) -> int:
    """Headings that are one link: the titles of cards."""
    return sum(
        1
        for block in page.blocks
        if block.kind_tag in HEADING_TAGS and block.link_chars >= 0.9 * len(block.text)
    )


def _prices(page: Page) -> int:
    """Short lines holding a price."""
    return sum(1 for block in page.blocks if len(block.text) < 40 and _PRICE.search(block.text))
