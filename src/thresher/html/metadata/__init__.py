"""Page metadata: headline, authors, publication and modification dates, site name, language,
description, tags, lead image, URL.

Each field is read from the sources a page may give, in order of how deliberately the
publisher wrote them: JSON-LD, then ``<meta>`` vocabularies (OpenGraph, Twitter, Dublin
Core, ``article:*``, Highwire ``citation_*``), microdata, and last what the visible page
shows (``<h1>``, ``<time>``, byline elements). A full day in the URL path (/2021/03/12/)
dates the page before anything read off the visible page.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from thresher.assemble import PageMetadata
from thresher.dates import date_from_url, day_first, parse_date
from thresher.html.metadata.authors import clean_authors, find_byline
from thresher.html.metadata.header import Header, locate_header
from thresher.html.metadata.headline import headline_text
from thresher.html.metadata.jsonld import JsonLdFacts, read_jsonld
from thresher.html.metadata.language import normalise_language
from thresher.html.metadata.meta_tags import MetaTags, read_meta_tags, read_microdata
from thresher.html.metadata.page_dates import find_displayed_date, find_text_date, find_visible_date
from thresher.html.metadata.published import choose_published
from thresher.html.metadata.script_dates import find_script_date
from thresher.html.metadata.text import clean_value, normalise_for_match
from thresher.html.metadata.title import choose_title, site_name_keys
from thresher.html.nodes import PageNodes, collect_nodes, raw_text
from thresher.html.switches import enabled

__all__ = ["Metadata", "read_metadata"]


@dataclass(frozen=True, slots=True)
class Metadata(PageMetadata):
    """What a page says about itself, with the names the site goes by."""

    #: Match keys (``normalise_for_match``) of the site's own names: never an author.
    site_keys: frozenset[str] = frozenset()


# Keys in order of trust, per field.
_TITLE_KEYS = (
    "og:title",
    "twitter:title",
    "dc.title",
    "dcterms.title",
    "citation_title",
    "parsely-title",
    "sailthru.title",
    "headline",
    "title",
)
_AUTHOR_KEYS = (
    "article:author",
    "author",
    "dc.creator",
    "dcterms.creator",
    "citation_author",
    "parsely-author",
    "sailthru.author",
    "byl",
    "article.author",
    "og:article:author",
    "creator",
    "dc.contributor",
)
_PUBLISHED_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "published_time",
    "og:published_time",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    "article.published",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published-date",
    "date",
    "datecreated",
    "dc.created",
    "release_date",
    "og:pubdate",
    "pub_date",
    "article_date_original",
    "cxenseparse:recs:publishtime",
    "originalpublicationdate",
    "published",
)
# Other keys that name a publication date (site-specific prefixes: "sw-pubdate", "x:publish_date");
# each alternative holds "pub".
_PUBLISHED_KEY = re.compile(r"pub(?:lish(?:ed)?|lication)?[-_.:]?(?:date|time)|date[-_.:]?pub|firstpublished")
_SITE_KEYS = (
    "og:site_name",
    "application-name",
    "apple-mobile-web-app-title",
    "publisher",
    "dc.publisher",
    "citation_journal_title",
)
_DESCRIPTION_KEYS = (
    "og:description",
    "description",
    "twitter:description",
    "dc.description",
    "dcterms.abstract",
)
_MODIFIED_KEYS = (
    "article:modified_time",
    "og:article:modified_time",
    "article:modified",
    "og:updated_time",
    "datemodified",
    "modified_time",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "parsely-updated",
    "sailthru.updated",
    "lastmod",
)
#: Keys whose values are one tag each, then keys holding comma-separated keyword lists.
_TAG_KEYS = ("article:tag", "og:article:tag", "parsely-tags", "sailthru.tags")
_KEYWORD_KEYS = ("news_keywords", "keywords")
_IMAGE_KEYS = (
    "og:image",
    "og:image:url",
    "og:image:secure_url",
    "twitter:image",
    "twitter:image:src",
    "thumbnail",
)
_MAX_TAGS = 50
_LANGUAGE_KEYS = ("content-language", "language", "dc.language", "og:locale", "inlanguage")


def _plain_site_name(name: str | None) -> str | None:
    """A site name given as a URL ("https://www.example.com/") as its host name."""
    if name and "://" in name and " " not in name:
        host = name.split("://", 1)[1].split("/", 1)[0]
        return host.removeprefix("www.") or name
    return name


def _canonical_url(link: LexborNode | None, og_url: str | None, url: str | None) -> str | None:
    for candidate in (link.attributes.get("href") if link else None, og_url):
        value = clean_value(candidate, 2000)
        if not value:
            continue
        try:
            absolute = urljoin(url, value) if url else value
            if urlsplit(absolute).scheme in {"http", "https"}:
                return absolute
        except ValueError:  # unparsable (e.g. a broken IPv6 host)
            continue
    return None


def _tags(meta: MetaTags, jsonld: JsonLdFacts) -> tuple[str, ...]:
    """The article's tags: one ``article:tag`` per tag, else JSON-LD ``keywords``, else a
    keywords meta tag split at commas; repeats (in any letter case) dropped."""
    words = meta.all(*_TAG_KEYS) or list(jsonld.keywords)
    if not words:
        words = [word.strip() for value in meta.all(*_KEYWORD_KEYS) for word in value.split(",")]
    unique: dict[str, str] = {}
    for word in words:
        if word and len(word) <= 100:
            unique.setdefault(word.casefold(), word)
    return tuple(unique.values())[:_MAX_TAGS]


def _absolute(value: str | None, base: str | None) -> str | None:
    """``value`` resolved against ``base``; None unless it is then an http(s) or
    protocol-relative address (a lead image must be fetchable)."""
    if not value:
        return None
    try:
        absolute = urljoin(base, value) if base else value
    except ValueError:
        return None
    scheme = urlsplit(absolute).scheme if "://" in absolute else ""
    return absolute if scheme in {"http", "https"} or absolute.startswith("//") else None


def _fuller_byline(
    names: tuple[str, ...], scope: LexborNode | None, header: Header, site_keys: frozenset[str]
) -> tuple[str, ...]:
    """The stated names, unless they are all one word (a first name, the account's user
    name) and the byline on the page writes one of them out in full: "Nils" shown as "Nils
    Example", "jdoe_writer" as "J. Doe Writer"."""
    if any(" " in name for name in names):
        return names
    words = {normalise_for_match(name) for name in names}
    shown = find_byline(scope, header=header, site_keys=site_keys)
    for name in shown:
        parts = name.split()
        if len(parts) > 1 and (
            normalise_for_match(name) in words or any(normalise_for_match(part) in words for part in parts)
        ):
            return shown
    return names


def _choose_authors(
    jsonld: JsonLdFacts,
    micro: dict[str, list[str]],
    meta: MetaTags,
    scope: LexborNode | None,
    header: Header,
    site_keys: frozenset[str],
) -> tuple[str, ...]:
    """Authors from the first source naming someone other than the site itself (the
    sources are read in order of trust, each only if those before it named nobody). A
    name the fields give only in lower case ("jane doe", often the account that posted)
    is taken when no byline on the page names the writer either, and so is the person a
    site is named after, when its JSON-LD gives them as both author and publisher."""
    sources: Iterator[list[str]] = itertools.chain(
        (list(jsonld.authors), micro.get("author", [])),
        (meta.all(key) for key in _AUTHOR_KEYS),
    )
    stated = [raw for raw in sources if raw]
    for raw in stated:
        names = clean_authors(raw, site_keys=site_keys)
        if names:
            return _fuller_byline(names, scope, header, site_keys)
    names = find_byline(scope, header=header, site_keys=site_keys)
    if names:
        return names
    names = clean_authors(list(jsonld.owners))
    if names:
        return names
    for raw in stated:
        names = clean_authors(raw, site_keys=site_keys, lower_case=True)
        if names:
            return names
    return ()


def read_metadata(tree: LexborHTMLParser, url: str | None, nodes: PageNodes | None = None) -> Metadata:
    """Read the metadata of a parsed page; ``url`` helps resolve relative links and dates.
    ``nodes`` are the page's elements from ``collect_nodes``, gathered here if not given."""
    nodes = nodes or collect_nodes(tree)
    meta = read_meta_tags(nodes.metas)
    jsonld = read_jsonld(nodes.scripts)
    micro = read_microdata(nodes.marked)

    html_node = tree.root
    language = normalise_language(html_node.attributes.get("lang") if html_node else None)
    if language is None:
        language = normalise_language(jsonld.language) or next(
            (lang for key in _LANGUAGE_KEYS if (lang := normalise_language(meta.first(key)))), None
        )

    site_name = _plain_site_name(
        meta.first(*_SITE_KEYS[:1]) or jsonld.publisher or jsonld.website_name or meta.first(*_SITE_KEYS[1:])
    )
    site_keys = site_name_keys(
        [site_name, jsonld.publisher, jsonld.website_name, meta.first("application-name")], url
    )

    title_node = nodes.title
    html_title = clean_value(raw_text(title_node), 500) if title_node else None
    heading_nodes = [
        (node, text) for node in nodes.headings if (text := clean_value(headline_text(node), 500))
    ]
    headings = [text for _, text in heading_nodes]
    title = choose_title(
        jsonld=jsonld.headline,
        jsonld_is_article=jsonld.headline_is_article,
        meta=[value for key in _TITLE_KEYS if (value := meta.first(key))] + micro.get("headline", []),
        headings=headings,
        html_title=html_title,
        site_keys=site_keys,
    )

    headline = next(
        (node for node, text in heading_nodes if text == title),
        heading_nodes[0][0] if heading_nodes else None,
    )
    header = locate_header(headline)
    article_or_body = nodes.article or tree.body
    own_names = frozenset(site_keys)
    authors = _choose_authors(jsonld, micro, meta, article_or_body, header, own_names)

    dayfirst = day_first(language)
    published_keys = _PUBLISHED_KEYS + tuple(
        key for key in meta.names() if "pub" in key and _PUBLISHED_KEY.search(key)
    )
    stated = (
        [jsonld.published]
        + [meta.first(key) for key in published_keys]
        + micro.get("date", [])  # (page order: a thread's question before its answers)
    )
    candidates = (moment for value in stated if value and (moment := parse_date(value, dayfirst=dayfirst)))
    modified = next(
        (
            moment
            for value in [jsonld.modified, *map(meta.first, _MODIFIED_KEYS)]
            if value and (moment := parse_date(value, dayfirst=dayfirst))
        ),
        None,
    )
    url_date = date_from_url(url)
    published = choose_published(
        candidates, url_date, lambda: find_displayed_date(language=language, header=header), modified
    )
    if published is None and enabled("url-before-visible"):
        # the publishing system wrote the day into the path when it published the page;
        # a date read off the page may be a teaser's, a comment's or one the text mentions
        published = url_date
    if published is None:
        published = find_visible_date(article_or_body, language=language, header=header)
    if published is None:
        published = find_script_date(nodes.scripts)
    if published is None:
        published = url_date
    if published is None:
        published = find_text_date(nodes.main or article_or_body, language=language)

    canonical = _canonical_url(nodes.canonical, meta.first("og:url"), url)
    # (OpenGraph first: the image the publisher chose for sharing; Twitter's last)
    images = [meta.first(*_IMAGE_KEYS[:3]), jsonld.image, meta.first(*_IMAGE_KEYS[3:])]
    image = next((image for value in images if (image := _absolute(value, url or canonical))), None)
    return Metadata(
        title=title,
        authors=authors,
        published=published,
        site_name=site_name,
        language=language,
        description=meta.first(*_DESCRIPTION_KEYS) or jsonld.description,
        url=canonical or url,
        modified=modified,
        tags=_tags(meta, jsonld),
        image=image,
        site_keys=own_names,
    )
