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


_MICRODATA_PROPS = frozenset({"headline", "author", "creator", "datepublished", "datecreated", "name"})


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


def read_microdata(marked: list[LexborNode]) -> dict[str, list[str]]:
    """schema.org microdata on ordinary elements: itemprop headline, author, datePublished …

    The value is the ``content``/``datetime`` attribute when present, else the text; an
    ``author`` element's ``name`` child is preferred to its whole text (which may hold a
    role or a photo caption)."""
    found: dict[str, list[str]] = {}
    for node in marked[:_MAX_TAGS]:
        props = _props(node)
        if not props:
            continue
        attributes = node.attributes
        if "name" in props:
            parent = node.parent
            parent_props = (
                (parent.attributes.get("itemprop") or "").casefold().split() if parent is not None else []
            )
            if not {"author", "creator"} & set(parent_props):
                # the name of an author item nested deeper than a direct child
                ancestor = node.parent
                depth = 0
                while (
                    ancestor is not None
                    and depth < 4
                    and not {"author", "creator"}
                    & set((ancestor.attributes.get("itemprop") or "").casefold().split())
                ):
                    ancestor = ancestor.parent
                    depth += 1
                if ancestor is None or depth >= 4:
                    continue
            props = ["author.name"]
        value = (
            attributes.get("content")
            or attributes.get("datetime")
            or (attributes.get("title") if node.tag == "abbr" else None)
        )
        if not value:
            value = node.text(deep=True, separator=" ", strip=True)
        text = clean_value(value, 300)
        if text:
            for prop in props:
                found.setdefault(prop, []).append(text)
    return found
