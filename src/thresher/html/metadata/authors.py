"""Author names: cleaning raw author strings, and finding the byline in the page.

Author fields hold more than names: "By Jane Doe and John Roe, Staff Writers",
"Von Anna Muster | 19.10.2019, 10:00 Uhr", profile URLs, e-mail addresses, Twitter
handles. The cleaner splits such strings into single names and keeps the parts that
look like a person's or an organisation's name.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from thresher.html.metadata.text import clean_value, normalise_for_match

__all__ = ["clean_authors", "find_byline"]

# Words that introduce a byline, in the languages the web writes most ("by", "von", "par" …).
_LEAD = re.compile(
    r"^(?:(?:written|posted|reported|published|text|words|story|article|photos?|fotos?|"
    r"escrito|publicado|scritto|geschrieben|verfasst|redigé|écrit)\s+)?"
    r"(?:by|von|par|por|door|di|da|af|av|przez|od|от|автор|작성자|著者)\b[\s:]*"
    r"|^(?:authors?|autor(?:in|en|a|es)?|auteur(?:e|s)?|autore|author\(s\)|text|texte|testo|"
    r"reporter|redaktion|written|geschrieben|posted|byline)\s*[:：\-–—]\s*",
    re.IGNORECASE)
# Separators between several names.
_SPLIT = re.compile(
    r"\s*[,;|/·•\n]\s*|\s+(?:&|and|und|et|y|e|en|og|och|i|и|ja|és|oraz|with|mit|avec|con)\s+",
    re.IGNORECASE)
# Job titles and labels that follow or stand in for a name; generic newsroom vocabulary.
_ROLES = frozenset("""
staff writer writers reporter reporters editor editors correspondent correspondents contributor
contributors columnist columnists author authors guest post senior associate managing chief
digital news desk team staff freelance photographer photographers photos photo video editorial
redakteur redakteurin redaktion korrespondent korrespondentin mitarbeiter autorin autor
journaliste rédaction rédacteur periodista redacción redazione giornalista
updated published posted share tweet email comments comment follow read more min minutes
hours ago view all articles profile about contact home subscribe sign login
""".split())
_NOT_NAME_CHARS = re.compile(r"[0-9@#<>{}=+_\\\[\]]|https?:|www\.|\.(?:com|org|net|de|html?)\b", re.I)
_MAX_NAME_WORDS = 6
_MAX_NAME_CHARS = 60


def _strip_lead(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = _LEAD.sub("", text, count=1).strip(" \t:-–—|·•,")
    return text


def _is_name(part: str, site_names: set[str]) -> bool:
    if not part or len(part) > _MAX_NAME_CHARS or _NOT_NAME_CHARS.search(part):
        return False
    words = part.split()
    if len(words) > _MAX_NAME_WORDS:
        return False
    if not any(ch.isalpha() for ch in part):
        return False
    lowered = {word.strip(".,()").casefold() for word in words}
    if lowered <= _ROLES:
        return False
    key = normalise_for_match(part)
    return bool(key) and key not in site_names


def clean_authors(raw: list[str], *, site_names: tuple[str | None, ...] = ()) -> tuple[str, ...]:
    """Single, de-duplicated names from raw author strings, in order of appearance.

    ``site_names`` (the site or publisher name) are dropped: a byline that only names
    the site does not name an author."""
    excluded = {normalise_for_match(name) for name in site_names if name}
    excluded.discard("")
    names: list[str] = []
    seen: set[str] = set()
    for value in raw:
        text = clean_value(value, 500)
        if not text:
            continue
        text = _strip_lead(text)
        for piece in _SPLIT.split(text):
            part = _strip_lead(piece.strip(" \t.:-–—'\"()[]*"))
            part = part.strip(" \t.:-–—'\"()[]*")
            if not _is_name(part, excluded):
                continue
            key = normalise_for_match(part)
            if key not in seen:
                seen.add(key)
                names.append(part)
    return tuple(names[:20])


# Byline containers, by the class/id vocabulary of publishing systems (author, byline and
# their translations), and the HTML5 link relation for authors.
_BYLINE_SELECTOR = (
    '[rel~="author" i], [class*="byline" i], [id*="byline" i], [class*="author" i], '
    '[id*="author" i], [class*="autor" i], [class*="auteur" i], [class*="writer" i], '
    '[data-author], a[href*="/author/" i], a[href*="/autor/" i], a[href*="/authors/" i]')
# Containers whose author is somebody else's (comments, related teasers, author biographies).
_FOREIGN = re.compile(r"comment|related|teaser|recommend|sidebar|footer|bio\b|about|widget|newsletter",
                      re.I)
_MAX_BYLINE_CHARS = 200
_MAX_CANDIDATES = 60


def _in_foreign_container(node: LexborNode) -> bool:
    ancestor = node
    for _ in range(8):
        if ancestor is None:
            return False
        if ancestor.tag in {"footer", "aside", "nav"}:
            return True
        attributes = ancestor.attributes
        marker = f"{attributes.get('class') or ''} {attributes.get('id') or ''}"
        if _FOREIGN.search(marker):
            return True
        ancestor = ancestor.parent
    return False


def find_byline(tree: LexborHTMLParser, *, site_names: tuple[str | None, ...] = ()) -> tuple[str, ...]:
    """Author names from the page's byline elements, when the metadata names none."""
    scope: LexborNode | None = tree.css_first("article") or tree.body
    if scope is None:
        return ()
    for count, node in enumerate(scope.css(_BYLINE_SELECTOR)):
        if count >= _MAX_CANDIDATES:
            break
        if node.tag in {"meta", "link", "script", "style", "img", "body", "html", "article"}:
            continue
        text = node.text(deep=True, separator=" ", strip=True)
        if not text or len(text) > _MAX_BYLINE_CHARS or _in_foreign_container(node):
            continue
        names = clean_authors([text], site_names=site_names)
        if names:
            return names
    return ()
