"""schema.org JSON-LD: the most deliberate metadata a page carries.

Publishers write it for search engines, so it names the headline, the people and the
publication time without the site-name decorations of ``<title>``. Pages nest it in
many shapes (one object, a list, an ``@graph``, an article inside ``mainEntity``,
authors given as ``{"@id": ...}`` references to graph nodes), and a fair share of it
is broken JSON (raw line breaks in strings, trailing commas, HTML comments), which is
repaired where that is cheap and otherwise skipped.
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

from selectolax.lexbor import LexborNode

from thresher.html.metadata.text import clean_value
from thresher.html.nodes import raw_text

__all__ = ["JsonLdFacts", "read_jsonld"]

# Types whose headline/author/date describe the page's own text, most specific first.
_ARTICLE_TYPES = {
    "newsarticle": 0,
    "reportagenewsarticle": 0,
    "analysisnewsarticle": 0,
    "opinionnewsarticle": 0,
    "reviewnewsarticle": 0,
    "backgroundnewsarticle": 0,
    "askpublicnewsarticle": 0,
    "article": 1,
    "blogposting": 1,
    "liveblogposting": 1,
    "report": 1,
    "scholarlyarticle": 1,
    "techarticle": 1,
    "socialmediaposting": 1,
    "discussionforumposting": 1,
    "review": 2,
    "recipe": 2,
    "howto": 2,
    "videoobject": 3,
    "webpage": 4,
    "itempage": 4,
    "aboutpage": 5,
    "collectionpage": 6,
    "profilepage": 6,
}
_PAGE_PRIORITY_CUTOFF = 4  # WebPage-like types: trusted for dates and names, less for headlines
_MAX_SCRIPT_CHARS = 500_000
_MAX_NODES = 2000
_UNTYPED_JSONLD = re.compile(r'\s*\[?\s*\{\s*"@context"\s*:\s*"https?://schema\.org')
_TRAILING_COMMA = re.compile(r",\s*([\]}])")


@dataclass(frozen=True, slots=True)
class JsonLdFacts:
    """What the JSON-LD of a page says; ``None``/empty for what it does not."""

    headline: str | None = None
    headline_is_article: bool = False  # from an Article-like node, not a WebPage
    authors: tuple[str, ...] = ()
    #: Those of ``authors`` that are the Person the JSON-LD names as the publisher: the
    #: owner of a site named after them (never an author by the site-name rule otherwise).
    owners: tuple[str, ...] = ()
    published: str | None = None
    publisher: str | None = None
    website_name: str | None = None
    language: str | None = None
    description: str | None = None
    modified: str | None = None
    keywords: tuple[str, ...] = ()
    image: str | None = None


def _load(text: str) -> object | None:
    """json.loads, then once more after cheap repairs; None when it stays broken."""
    text = text.strip()
    if text.startswith("<!--"):
        text = text[4:]
    if text.endswith("-->"):
        text = text[:-3]
    text = text.strip().removeprefix("//<![CDATA[").removesuffix("//]]>").strip()
    data: object
    try:
        data = json.loads(text, strict=False)  # strict=False: raw control chars in strings
        return data
    except (ValueError, RecursionError):
        pass
    try:
        data = json.loads(_TRAILING_COMMA.sub(r"\1", text).rstrip(";"), strict=False)
        return data
    except (ValueError, RecursionError):
        return None


# Properties holding other people's texts about the item (a product's customer reviews,
# a post's comments): their authors and dates are not the page's.
_OTHER_TEXTS = frozenset({"review", "reviews", "comment", "comments"})


def _walk(data: object) -> Iterator[dict[str, object]]:
    """Every JSON object of the document, breadth first, bounded in count, except those
    under ``_OTHER_TEXTS`` properties."""
    queue: deque[object] = deque([data])
    seen = 0
    while queue and seen < _MAX_NODES:
        item = queue.popleft()
        seen += 1
        if isinstance(item, list):
            queue.extend(item)
        elif isinstance(item, dict):
            yield item
            queue.extend(
                value
                for key, value in item.items()
                if isinstance(value, (dict, list)) and key not in _OTHER_TEXTS
            )


def _types(node: dict[str, object]) -> list[str]:
    value = node.get("@type")
    values = value if isinstance(value, list) else [value]
    return [item.rsplit("/", 1)[-1].casefold() for item in values if isinstance(item, str)]


def _rank(node: dict[str, object]) -> int | None:
    ranks = [_ARTICLE_TYPES[t] for t in _types(node) if t in _ARTICLE_TYPES]
    return min(ranks) if ranks else None


def _text(value: object) -> str | None:
    """A text property, which may be a plain string, a list of them or a {"@value": ...}."""
    if isinstance(value, list):
        value = next((item for item in value if isinstance(item, (str, dict))), None)
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name")
    return clean_value(value)


def _names(value: object, index: dict[str, dict[str, object]]) -> list[str]:
    """Author names from a Person/Organization, a string, a reference or a list of them."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items[:50]:
        if isinstance(item, dict):
            ref = item.get("@id")
            if "name" not in item and isinstance(ref, str) and ref in index:
                item = index[ref]
            name = item.get("name")
            if isinstance(name, list):
                name = next((n for n in name if isinstance(n, str)), None)
            if not isinstance(name, str) and (
                isinstance(item.get("givenName"), str) or isinstance(item.get("familyName"), str)
            ):
                name = " ".join(str(item.get(key) or "") for key in ("givenName", "familyName"))
            text = clean_value(name, 200)
        else:
            text = clean_value(item, 200)
        if text:
            names.append(text)
    return names


def _people(value: object, index: dict[str, dict[str, object]]) -> list[str]:
    """The names of the Person entries of an author or publisher value."""
    items = value if isinstance(value, list) else [value]
    people = []
    for item in items[:50]:
        node = item
        if isinstance(item, dict) and isinstance(item.get("@id"), str) and "name" not in item:
            node = index.get(item["@id"], item)
        if isinstance(node, dict) and "person" in _types(node):
            people.append(node)
    return _names(people, index)


def _organisations(value: object, index: dict[str, dict[str, object]]) -> object:
    """The publisher value without Person entries: a blog's owner is its author, not its site."""
    items = value if isinstance(value, list) else [value]
    kept = []
    for item in items:
        node = item
        if isinstance(item, dict) and isinstance(item.get("@id"), str) and "name" not in item:
            node = index.get(item["@id"], item)
        if isinstance(node, dict) and "person" in _types(node):
            continue
        kept.append(item)
    return kept


def _keywords(value: object) -> tuple[str, ...]:
    """``keywords`` as a list of strings, or one string of comma-separated words."""
    items = value if isinstance(value, list) else [value]
    words: list[str] = []
    for item in items[:100]:
        if isinstance(item, dict):
            item = item.get("name")
        if isinstance(item, str):
            words += [word for part in item.split(",") if (word := clean_value(part, 100))]
    return tuple(words)


def _image(value: object) -> str | None:
    """The address of ``image``: a URL, an ImageObject (``url``/``contentUrl``) or a list."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("url") or value.get("contentUrl")
        if isinstance(value, list):
            value = value[0] if value else None
    return clean_value(value, 2000) if isinstance(value, str) else None


def _language(value: object) -> str | None:
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name")
    return _text(value)


def read_jsonld(scripts: list[LexborNode]) -> JsonLdFacts:
    """The facts of the best article-like JSON-LD node of the page (and its publisher)."""
    nodes: list[dict[str, object]] = []
    for script in scripts:
        kind = script.attributes.get("type")
        if kind is not None and kind.strip().casefold() != "application/ld+json":
            continue
        raw = raw_text(script)
        if not raw or len(raw) > _MAX_SCRIPT_CHARS:
            continue
        if kind is None and not _UNTYPED_JSONLD.match(raw):
            continue  # an ordinary script; some pages leave the type off their JSON-LD
        data = _load(raw)
        if data is not None:
            nodes.extend(_walk(data))
    if not nodes:
        return JsonLdFacts()
    index: dict[str, dict[str, object]] = {}
    for node in nodes:
        ref = node.get("@id")
        if isinstance(ref, str) and len(node) > 1:
            index[ref] = node
    ranked = sorted(
        (rank, order, node) for order, node in enumerate(nodes) if (rank := _rank(node)) is not None
    )
    # keys sorted by (rank, document order): the first node with a value wins per field
    best = [node for _, _, node in ranked]
    articles = [node for rank, _, node in ranked if rank < _PAGE_PRIORITY_CUTOFF]

    def first(keys: tuple[str, ...], among: list[dict[str, object]]) -> str | None:
        for node in among:
            for key in keys:
                text = _text(node.get(key))
                if text:
                    return text
        return None

    headline = first(("headline", "name", "alternativeHeadline"), articles)
    headline_is_article = headline is not None
    if headline is None:
        headline = first(("headline",), best)
    authors: list[str] = []
    owners: list[str] = []
    for node in best:
        value = node.get("author") or node.get("creator")
        authors = _names(value, index)
        if authors:
            published_by = set(_people(node.get("publisher"), index))
            owners = [name for name in _people(value, index) if name in published_by]
            break
    publisher = None
    for node in best:
        names = _names(_organisations(node.get("publisher") or node.get("sourceOrganization"), index), index)
        if names:
            publisher = names[0]
            break
    website = next(
        (_text(node.get("name")) for node in nodes if "website" in _types(node) and _text(node.get("name"))),
        None,
    )
    if publisher is None:
        publisher = next(
            (
                _text(node.get("name"))
                for node in nodes
                if {"organization", "newsmediaorganization"} & set(_types(node)) and _text(node.get("name"))
            ),
            None,
        )
    return JsonLdFacts(
        headline=headline,
        headline_is_article=headline_is_article,
        authors=tuple(authors),
        owners=tuple(owners),
        published=first(("datePublished", "dateCreated", "uploadDate"), best),
        publisher=publisher,
        website_name=website,
        language=next((lang for node in best if (lang := _language(node.get("inLanguage")))), None),
        description=first(("description",), best),
        modified=first(("dateModified",), best),
        keywords=next((words for node in best if (words := _keywords(node.get("keywords")))), ()),
        image=next((image for node in best if (image := _image(node.get("image")))), None),
    )
