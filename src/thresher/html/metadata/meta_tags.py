"""``<meta>`` tags and microdata: OpenGraph, Twitter cards, Dublin Core, ``article:*``,
Highwire ``citation_*``, and the ad-hoc names of common publishing systems.

Every vocabulary says the same few things under different keys, so the tags are read
once into a key → values map (keys lower-cased, from ``property``, ``name``, ``itemprop``
or ``http-equiv``) and the readers ask for keys in order of trust.
"""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from thresher.html.metadata.text import clean_value

__all__ = ["MetaTags", "read_meta_tags", "read_microdata"]

_KEY_ATTRIBUTES = ("property", "name", "itemprop", "http-equiv")
_MAX_TAGS = 2000


class MetaTags:
    """The ``<meta>`` values of a page by lower-cased key, in document order.

    Values are stored raw and cleaned when asked for: most of a page's tags are never
    read."""

    __slots__ = ("_values",)

    def __init__(self, values: dict[str, list[str]]) -> None:
        self._values = values

    def first(self, *keys: str) -> str | None:
        """The first non-empty value under the first key that has one."""
        for key in keys:
            for raw in self._values.get(key, ()):
                value = clean_value(raw)
                if value:
                    return value
        return None

    def names(self) -> list[str]:
        return list(self._values)

    def all(self, *keys: str) -> list[str]:
        """Every non-empty value under the first key that has any."""
        for key in keys:
            values = [value for raw in self._values.get(key, ()) if (value := clean_value(raw))]
            if values:
                return list(dict.fromkeys(values))
        return []


def read_meta_tags(metas: list[LexborNode]) -> MetaTags:
    values: dict[str, list[str]] = {}
    for node in metas[:_MAX_TAGS]:
        attributes = node.attributes
        content = attributes.get("content")
        if not content:
            continue
        for attribute in _KEY_ATTRIBUTES:
            key = attributes.get(attribute)
            if key:
                # some pages give several keys in one attribute: property="og:title twitter:title"
                for single in key.casefold().split():
                    values.setdefault(single, []).append(content)
    return MetaTags(values)


_MICRODATA_PROPS = frozenset({"headline", "author", "creator", "datepublished", "datecreated"})
_AUTHOR_PROPS = frozenset({"author", "creator"})
_DATE_PROPS = frozenset({"datepublished", "datecreated"})
_NAME_SELECTOR = '[itemprop~="name" i]'
_MAX_SCOPE_DEPTH = 60


def _props(node: LexborNode) -> list[str]:
    """The microdata (itemprop) or RDFa (property="schema:datePublished") names of an element."""
    attributes = node.attributes
    itemprops = (attributes.get("itemprop") or "").casefold().split()
    if itemprops:
        return [prop for prop in itemprops if prop in _MICRODATA_PROPS]
    if attributes.get("content") is None:
        return []
    return [
        name
        for prop in (attributes.get("property") or "").casefold().split()
        if (name := prop.rsplit(":", 1)[-1]) in {"datepublished", "datecreated"}
    ]


def _owner(node: LexborNode) -> int | None:
    """The item an element's property belongs to: its nearest ``itemscope`` ancestor."""
    ancestor = node.parent
    for _ in range(_MAX_SCOPE_DEPTH):
        if ancestor is None:
            return None
        if "itemscope" in ancestor.attributes:
            return ancestor.mem_id
        ancestor = ancestor.parent
    return None


def _value(node: LexborNode) -> str | None:
    attributes = node.attributes
    value = (
        attributes.get("content")
        or attributes.get("datetime")
        or (attributes.get("title") if node.tag == "abbr" else None)
    )
    return clean_value(value or node.text(deep=True, separator=" ", strip=True), 300)


def read_microdata(marked: list[LexborNode]) -> dict[str, list[str]]:
    """schema.org microdata on ordinary elements: itemprop headline, author, datePublished …

    The value is the ``content``/``datetime`` attribute when present, else the text. An
    author is its ``name`` property when it has one (its whole text may hold a role, a
    photo caption or a reputation score). Only the authors of the first item that names
    any are kept: on a thread or under an article with comments, every post and comment
    is an item with its own author, and the page's author is the first item's. An author
    typed as an organisation is left to the byline. The dates of every item are also
    listed together in page order under "date": the page's own item comes first."""
    found: dict[str, list[str]] = {}
    author_item: int | None = None
    for node in marked[:_MAX_TAGS]:
        props = _props(node)
        if not props:
            continue
        if _AUTHOR_PROPS & set(props):
            owner = _owner(node)
            if "author" in found and owner != author_item:
                continue
            author_item = owner
            if "organization" in (node.attributes.get("itemtype") or "").casefold():
                continue  # the publisher credited as author: the byline may name the writer
            name = node.css_first(_NAME_SELECTOR)
            text = _value(name) if name is not None else _value(node)
            if text:
                found.setdefault("author", []).append(text)
            continue
        text = _value(node)
        if text:
            for prop in props:
                found.setdefault(prop, []).append(text)
            if _DATE_PROPS & set(props):
                found.setdefault("date", []).append(text)
    return found
