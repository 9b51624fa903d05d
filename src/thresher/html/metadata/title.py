"""The headline: reconciling JSON-LD, OpenGraph, ``<h1>`` and ``<title>``.

``<title>`` and often ``og:title`` carry the site name ("Headline | Site", "Site – Headline",
"Headline - Section - Site"); the ``<h1>`` is the headline as readers see it but pages
also use h1 for the logo or a section name. The headline is the candidate from the most
deliberate source, with site-name affixes removed; an ``<h1>`` is taken when it agrees
with what the metadata says, or when nothing else is there.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from thresher.html.metadata.text import normalise_for_match

__all__ = ["strip_site_name", "site_name_keys", "choose_title"]

# Separators between a headline and a site or section name: spaced bars, dashes,
# colons, guillemets, bullets, slashes; "::" and "||" unspaced as well; a bar spaced on
# one side only. Every separator starts with a space, "|" or ":", so the pattern starts
# with that one character class and looks back at it to go on: the regex engine then
# skips to those characters instead of trying each alternative at every position (three
# times faster). The group makes ``split`` return the separators between the parts.
_SEPARATOR = re.compile(
    r"([\s|:](?:"
    r"(?<=\s)\s*(?:[|\-–—»«·•~/:>]\s+|(?:\|\||::)\s*|\|\s*)"  # " - ", " || ", " |"
    r"|(?<=\|)(?:\|\s*|\s+)"  # "||", "| "
    r"|(?<=:):\s*))"
)  # "::"
_MIN_HEADLINE_CHARS = 8
_MAX_SITE_WORDS = 4
# Title parts that name a kind of page rather than the article (blog-engine defaults).
_SECTION_WORDS = frozenset(
    {
        "blogarchive",
        "blogarchiv",
        "archive",
        "archiv",
        "home",
        "startseite",
        "homepage",
        "blog",
        "news",
        "nachrichten",
        "aktuelles",
        "accueil",
        "inicio",
        "noticias",
    }
)
# An h1 sharing this share of its words with the stated title is the same headline, as
# shown (stated titles add kickers, drop subtitles, or get shortened for sharing).
_SIMILAR = 1 / 3


def site_name_keys(names: list[str | None], url: str | None) -> set[str]:
    """Match keys of everything the site calls itself, plus its domain's main label."""
    keys = {normalise_for_match(name) for name in names if name}
    if url:
        try:
            host = urlsplit(url if "://" in url else f"http://{url}").hostname or ""
        except ValueError:  # "http://[" and other unparsable URLs
            host = ""
        labels = [label for label in host.split(".") if label not in {"www", "m", "amp", "mobile"}]
        if len(labels) >= 2:
            keys.add(normalise_for_match(labels[-2]))
            keys.add(normalise_for_match("".join(labels)))
            keys.add(normalise_for_match(".".join(labels[-2:])))
    keys.discard("")
    return keys


def _is_site_part(part: str, site_keys: set[str]) -> bool:
    key = normalise_for_match(part)
    if not key or key.isdigit() or key in _SECTION_WORDS:
        return True  # nothing but punctuation, or a date/number ("23.01.2022 - Headline")
    # a part naming the site with a little more ("Site Magazin", "Site.de", "Site Community
    # Forum") or less
    short = len(part.split()) <= _MAX_SITE_WORDS
    return any(
        key == site
        or (
            len(site) >= 4
            and (
                ((site in key or key in site) and len(key) <= 2 * len(site) and len(site) <= 2 * len(key))
                or (short and (key.startswith(site) or key.endswith(site)))
            )
        )
        for site in site_keys
    )


def strip_site_name(title: str, site_keys: set[str], *, guess: bool = False) -> str:
    """The title without leading/trailing parts that name the site.

    With ``guess`` (for ``<title>``, which nearly always carries the site name), last
    parts much shorter than the rest are dropped even when no known name matches them."""
    parts = _SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    pieces, separators = parts[::2], parts[1::2]
    start, end = 0, len(pieces)
    while end - start > 1 and _is_site_part(pieces[end - 1], site_keys):
        end -= 1
    while end - start > 1 and _is_site_part(pieces[start], site_keys):
        start += 1
    if guess and (start, end) == (0, len(pieces)):
        # no known name matched at the end: drop short trailing parts ("| Forum", "| Site")
        while end - start > 1:
            head = "".join(p + s for p, s in zip(pieces[: end - 1], separators, strict=False))
            if len(pieces[end - 1]) * 2 < len(head) and len(pieces[end - 1].split()) <= 4:
                end -= 1
            else:
                break
    if (start, end) == (0, len(pieces)):
        return title
    kept = [pieces[start]]
    for index in range(start + 1, end):
        kept.append(separators[index - 1])
        kept.append(pieces[index])
    result = "".join(kept).strip()
    return result if len(result) >= 3 else title


_WORDS = re.compile(r"\w{4,}")  # content words: short function words would inflate overlaps


def _similarity(a: str, b: str) -> float:
    """Share of words in common, relative to the longer text (0 to 1)."""
    wa, wb = _WORDS.findall(a.casefold()), _WORDS.findall(b.casefold())
    if not wa or not wb:
        return 0.0
    common = len(set(wa) & set(wb))
    return common / max(len(set(wa)), len(set(wb)))


def choose_title(
    *,
    jsonld: str | None,
    jsonld_is_article: bool,
    meta: list[str],
    headings: list[str],
    html_title: str | None,
    site_keys: set[str],
) -> str | None:
    """The headline, from candidates in order of trust (see the module docstring)."""
    # a stated title that repeats <title> carries the site name the same way
    title_key = normalise_for_match(html_title) if html_title else None
    meta_clean = [
        strip_site_name(value, site_keys, guess=normalise_for_match(value) == title_key)
        for value in meta
        if value
    ]
    html_clean = strip_site_name(html_title, site_keys, guess=True) if html_title else None
    stated = ([strip_site_name(jsonld, site_keys)] if jsonld and jsonld_is_article else []) + meta_clean
    if html_clean:
        stated.append(html_clean)
    if jsonld and not jsonld_is_article:
        stated.append(strip_site_name(jsonld, site_keys))
    usable = [
        heading
        for heading in headings
        if len(heading) >= _MIN_HEADLINE_CHARS and not _is_site_part(heading, site_keys)
    ]
    usable_keys = [normalise_for_match(heading) for heading in usable]
    stated_keys = [normalise_for_match(value) for value in stated]
    # An h1 that says what the metadata says is the headline as shown on the page.
    for heading, key in zip(usable, usable_keys, strict=True):
        if key in stated_keys:
            return heading
    # An h1 that is a stated title plus a kicker ("Verkehr Neue Brücke …", the kicker
    # set in its own span): the stated title is the headline proper.
    for key in usable_keys:
        for value, value_key in zip(stated, stated_keys, strict=True):
            if (
                len(value_key) >= 10
                and len(value_key) * 2 >= len(key)
                and (key.endswith(value_key) or key.startswith(value_key))
            ):
                return value
    best, best_score = None, 0.0
    for heading in usable:
        for value in stated + ([html_title] if html_title else []):
            score = _similarity(heading, value)
            if score > best_score:
                best, best_score = heading, score
    if best is not None and best_score >= _SIMILAR:
        return best
    if stated:
        return stated[0]
    if usable:
        return usable[0]
    return headings[0] if headings else None
