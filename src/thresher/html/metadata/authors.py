"""Author names: cleaning raw author strings, and finding the byline in the page.

Author fields hold more than names: "By Jane Doe and John Roe, Staff Writers",
"Von Anna Muster | 12.03.2021, 10:00 Uhr", profile URLs, e-mail addresses, Twitter
handles. The cleaner splits such strings into single names and keeps the parts that
look like a person's or an organisation's name.
"""

from __future__ import annotations

import itertools
import re

from selectolax.lexbor import LexborNode

from thresher.html.metadata.containers import is_foreign
from thresher.html.metadata.header import Header
from thresher.html.metadata.text import clean_value, normalise_for_match

__all__ = ["clean_authors", "find_byline", "is_byline_line"]

# Words that introduce a byline, in the languages the web writes most ("by", "von", "par" …).
_LEAD = re.compile(
    r"^(?:(?:written|posted|reported|published|submitted|text|words|story|article|photos?|fotos?|"
    r"analysis|opinion|commentary|review|interview|kommentar|analyse|meinung|"
    r"escrito|publicado|scritto|geschrieben|verfasst|redigé|écrit|veröffentlicht|erstellt|"
    r"gespeichert|publiziert|eingestellt)\s+)?"
    r"(?:by|von|par|por|door|di|da|af|av|przez|od|от|автор|작성자|著者)\b[\s:]*"
    r"|^(?:authors?|autor(?:in|en|a|es)?|auteur(?:e|s)?|autore|author\(s\)|text|texte|testo|"
    r"reporter|redaktion|written|geschrieben|posted|byline|interview|veröffentlicht|erstellt|"
    r"publiziert)\s*[:：\-–—]?\s+",
    re.IGNORECASE,
)
# Separators between several names.
_SPLIT = re.compile(
    r"\s*[,;|/·•\n]\s*|\s+(?:&|and|und|et|y|e|en|og|och|i|и|ja|és|oraz|with|mit|avec|con)\s+", re.IGNORECASE
)
#: Days of the week, in English and German: a dateline, not a name.
_WEEKDAYS = frozenset(
    (
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
    )
)
# Job titles and labels that follow or stand in for a name; generic newsroom vocabulary.
_ROLES = frozenset(
    (
        "staff",
        "writer",
        "writers",
        "reporter",
        "reporters",
        "editor",
        "editors",
        "correspondent",
        "correspondents",
        "contributor",
        "contributors",
        "columnist",
        "columnists",
        "author",
        "authors",
        "guest",
        "post",
        "senior",
        "associate",
        "managing",
        "chief",
        "digital",
        "news",
        "desk",
        "team",
        "staff",
        "freelance",
        "photographer",
        "photographers",
        "photos",
        "photo",
        "video",
        "editorial",
        "redakteur",
        "redakteurin",
        "redaktion",
        "korrespondent",
        "korrespondentin",
        "mitarbeiter",
        "autorin",
        "autor",
        "journaliste",
        "rédaction",
        "rédacteur",
        "periodista",
        "redacción",
        "redazione",
        "giornalista",
        "updated",
        "published",
        "posted",
        "share",
        "tweet",
        "email",
        "comments",
        "comment",
        "follow",
        "read",
        "more",
        "min",
        "minutes",
        "hours",
        "ago",
        "view",
        "all",
        "articles",
        "profile",
        "about",
        "contact",
        "home",
        "subscribe",
        "sign",
        "login",
        "am",
        "on",
        "at",
        "datum",
        "date",
        "beitrag",
        "artikel",
        "article",
        "admin",
        "administrator",
        "webmaster",
        "no",
        "none",
        "unknown",
        "anonymous",
        "zur",
        "artikelübersicht",
        "publisher",
        "user",
        "anónimo",
        "anonimo",
        "anonyme",
        "anonym",
        "journalist",
        "journalistin",
        "kolumnist",
        "kolumnistin",
        "ceo",
        "founder",
        "gründer",
        "recipe",
        "guest",
        "chefredakteur",
        "chefredakteurin",
        "chefredaktion",
        "publicado",
        "publié",
        "pubblicato",
        "veröffentlicht",
        "erstellt",
        "geschrieben",
        "quelle",
        "source",
        "fuente",
        "wer",
        "hinterlasse",
        "leave",
        "reply",
        "antworten",
        "name",
        "un",
        "une",
        "the",
        "der",
        "die",
        "das",
        "ein",
        "eine",
        "il",
        "lo",
        "los",
        "las",
        "in",
        "of",
    )
)
# Job titles and labels that end a name written before them ("Jane Doe Chefredakteurin").
_TITLES = frozenset(
    (
        "chefredakteur",
        "chefredakteurin",
        "redakteur",
        "redakteurin",
        "korrespondent",
        "korrespondentin",
        "editor",
        "correspondent",
        "columnist",
        "kolumnist",
        "kolumnistin",
        "veröffentlicht",
        "publicado",
        "publié",
        "pubblicato",
        "published",
        "posted",
        "erstellt",
        "geschrieben",
        "follow",
        "folgen",
        "updated",
        "aktualisiert",
        "illustration",
        "illustrationen",
        "foto",
        "fotos",
        "photo",
        "photos",
        "bild",
        "bilder",
    )
)
# Days and months: the dateline that follows a name ("Jane Doe Thursday", "Jane Doe March 3");
# not "May", a surname as often.
_CALENDAR = _WEEKDAYS | frozenset(
    (
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "januar",
        "februar",
        "märz",
        "juni",
        "juli",
        "oktober",
        "dezember",
    )
)
_TITLES = _TITLES | _CALENDAR
# Beside the roles: days (and short day names, "Sat"), the kinds of a column, and the labels
# of a byline left without the name ("Beitrag von", "Topic author", "Reviewed").
_ROLES = (
    _ROLES
    | _WEEKDAYS
    | {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
    | {"analysis", "opinion", "commentary", "kommentar", "meinung", "analyse"}
    | {"by", "von", "topic", "authored", "reviewed", "edited", "written", "thread", "starter"}
)
# Degrees and credentials written after a name.
_CREDENTIALS = frozenset(
    (
        "md",
        "phd",
        "ms",
        "ma",
        "msc",
        "bsc",
        "ba",
        "bs",
        "mph",
        "rd",
        "rdn",
        "rn",
        "ld",
        "np",
        "cpa",
        "cfp",
        "mba",
        "jd",
        "llm",
        "dds",
        "esq",
        "jr",
        "sr",
        "ii",
        "iii",
        "cscs",
        "facp",
        "faan",
    )
)
# Nouns that end a job description rather than a name.
_JOB_NOUNS = frozenset(
    (
        "writer",
        "editor",
        "reporter",
        "correspondent",
        "columnist",
        "contributor",
        "producer",
        "analyst",
        "photographer",
        "redakteur",
        "redakteurin",
        "korrespondent",
        "korrespondentin",
    )
)
# Legal forms mark a company (the web agency or the publishing house), not a byline.
_LEGAL_FORMS = frozenset(
    (
        "gmbh",
        "ag",
        "kg",
        "inc",
        "ltd",
        "llc",
        "plc",
        "corp",
        "sa",
        "sarl",
        "srl",
        "spa",
        "bv",
        "nv",
        "oy",
        "ab",
        "as",
        "ev",
        "gbr",
        "ug",
        "kgaa",
        "gmbhcokg",
        "sl",
        "sas",
        "limited",
    )
)
# Credits for pictures are not bylines of the text.
_PICTURE_CREDIT = re.compile(
    r"^(?:photos?|fotos?|bild(?:er)?|images?|illustrations?|grafik|video|фото|copyright|©|\(c\))(?!\w)",
    re.IGNORECASE,
)
# Lower-case words that may sit inside a name ("Ursula von der Leyen", "Vincent van Gogh").
_PARTICLES = frozenset(
    (
        "von",
        "van",
        "der",
        "den",
        "de",
        "da",
        "di",
        "del",
        "della",
        "dos",
        "das",
        "du",
        "la",
        "le",
        "bin",
        "ibn",
        "al",
        "el",
        "ten",
        "ter",
        "zu",
        "y",
        "e",
    )
)
_URL_OR_MAIL = re.compile(r"\S+://\S*|www\.\S+|\S+@\S+\.\S+|(?<!\w)@\w+")
_NOT_NAME_CHARS = re.compile(r"[0-9@#<>{}=+_\\\[\]]|https?:|www\.|\.(?:com|org|net|de|html?)\b", re.I)
# A user name of one word, as forums and comment systems show who posted: letters with
# digits, underscores or dots ("chunix64", "Mr_Enigmatic"); digits elsewhere mark a date.
_HANDLE = re.compile(r"[^\W\d_](?:[^\W_]|[_.-](?=[^\W_]))*")
_MIN_HANDLE_LETTERS = 3
_MAX_NAME_WORDS = 6
_MAX_NAME_CHARS = 60


def _strip_lead(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = _LEAD.sub("", text, count=1).strip(" \t:-–—|·•,")
    return text


# "Posted on March 3, 2020 by Jane Doe", "View all posts by Jane Doe": a byline word inside
# the text, after a date or a list of the writer's posts, with a capitalised name after it.
_INNER_LEAD = re.compile(r"\s(?i:by|von|par|por|door)\s+(?=[A-ZÀ-ÞĀ-ſ])")
_BEFORE_INNER_LEAD = re.compile(r"\d|(?i:posts|articles|stories|beiträge|artikel)$")


def _after_inner_lead(part: str) -> str:
    match = _INNER_LEAD.search(part)
    if match is None or _PICTURE_CREDIT.match(part) or not _BEFORE_INNER_LEAD.search(part[: match.start()]):
        return part
    return part[match.end() :]


def _cut_at_sentence(part: str) -> str:
    """ "Jane Doe am Samstag", "Max Muster im Gespräch", "Jane Doe Chefredakteurin": a
    capitalised name ends at the first lower-case word that is not a name particle, or at
    a job title ("Jane Doe Senior Staff Writer")."""
    words = part.split()
    if len(words) < 2 or not words[0][:1].isupper():
        return part
    for index, word in enumerate(words[1:], start=1):
        if index == 1 and word.casefold() in _JOB_NOUNS:
            # "Agriculture correspondent" is a job, not a name before its title; in
            # "Science editor Jane Doe" the name follows the job.
            rest = words[2:]
            return _cut_at_sentence(" ".join(rest)) if rest and rest[0][:1].isupper() else part
        if (word[:1].islower() and word.casefold() not in _PARTICLES) or word.casefold() in _TITLES:
            return " ".join(words[:index])
    if len(words) > 3 and words[-1].casefold() in _JOB_NOUNS:
        # "Jane Doe Senior Autos Reporter": the job title starts at its first newsroom word
        start = next((i for i in range(2, len(words) - 1) if words[i].casefold() in _ROLES), None)
        if start is not None:
            return " ".join(words[:start])
    return part


def _collapse_repeat(part: str) -> str:
    """ "Jane Doe Jane Doe" (a name shown twice, e.g. for screen readers) → "Jane Doe"."""
    words = part.split()
    half = len(words) // 2
    if half and len(words) % 2 == 0 and words[:half] == words[half:]:
        return " ".join(words[:half])
    return part


def _is_company(part: str) -> bool:
    return any(word.strip(".,()").replace(".", "").casefold() in _LEGAL_FORMS for word in part.split())


def _is_handle(part: str) -> bool:
    return _HANDLE.fullmatch(part) is not None and sum(ch.isalpha() for ch in part) >= _MIN_HANDLE_LETTERS


def _is_name(part: str, site_names: frozenset[str], lower_case: bool = False) -> bool:
    if len(part) < 2 or len(part) > _MAX_NAME_CHARS:
        return False
    if _NOT_NAME_CHARS.search(part) and not _is_handle(part):
        return False
    words = part.split()
    if len(words) > _MAX_NAME_WORDS:
        return False
    if not any(ch.isalpha() for ch in part):
        return False
    lowered = {word.strip(".,()").casefold() for word in words}
    if lowered <= _ROLES or {word.replace(".", "") for word in lowered} & _LEGAL_FORMS:
        return False
    if part.replace(".", "").replace(" ", "").casefold() in _CREDENTIALS:
        return False  # "Jane Doe, MS, RDN"
    last = words[-1].casefold().split("-")[0]
    if len(words) > 1 and last in _JOB_NOUNS:
        return False  # "AP Auto Writer", "CNN Editor-at-large"
    if (
        len(words) > 1
        and words[0][:1].islower()
        and words[0].casefold() not in _PARTICLES
        and not (lower_case and part.islower())
    ):
        # "deutscher Journalist", "in Zusammenarbeit mit": words, not a name; a field that
        # only holds names may hold one typed in lower case ("jane doe")
        return False
    key = normalise_for_match(part)
    return bool(key) and key not in site_names


def clean_authors(
    raw: list[str], *, site_keys: frozenset[str] = frozenset(), lower_case: bool = False
) -> tuple[str, ...]:
    """Single, de-duplicated names from raw author strings, in order of appearance.

    Names whose match key (``normalise_for_match``) is in ``site_keys`` (the site,
    publisher or domain name) are dropped. ``lower_case``: the strings come from a field
    meant for names (JSON-LD, ``<meta>``, microdata), so a name written all in lower case
    ("jane doe") is taken as one; in page text such words are a phrase."""
    excluded = site_keys
    names: list[str] = []
    seen: set[str] = set()
    for value in raw:
        text = clean_value(value, 500)
        if not text:
            continue
        text = _strip_lead(_URL_OR_MAIL.sub(" ", text))
        if normalise_for_match(text) in excluded:
            continue  # the whole value names the site ("Jobs & More"), before any splitting
        pieces = _SPLIT.split(text)
        # "Example Verlag GmbH, Nürnberg, Germany": a company and its address end the names
        company = next((index for index, piece in enumerate(pieces) if _is_company(piece)), None)
        for piece in pieces[:company]:
            part = _after_inner_lead(_strip_lead(piece.strip(" \t.:-–—'\"()[]*")))
            if _PICTURE_CREDIT.match(part):
                continue
            dotted = " " not in part and "." in part.strip(".")
            if dotted:
                part = part.replace(".", " ")  # "Jane.Doe", a user name shown as a byline
            part = part.split("(", 1)[0]  # "Jane Doe (Gast)", "Jane Doe (jd)"
            part = _collapse_repeat(_cut_at_sentence(part).strip(" \t.:-–—'\"()[]*"))
            if not _is_name(part, excluded, lower_case and not dotted):
                continue
            key = normalise_for_match(part)
            if key not in seen:
                seen.add(key)
                names.append(part)
    return tuple(names[:20])


# Byline containers, by the class/id vocabulary of publishing systems (author, byline and
# their translations, "submitted" of Drupal), and the HTML5 link relation for authors.
_BYLINE_SELECTOR = (
    '[rel~="author" i], [class*="byline" i], [id*="byline" i], [class*="author" i], '
    '[id*="author" i], [class*="autor" i], [class*="auteur" i], [class*="writer" i], '
    '[class~="submitted" i], [data-author], [data-testid*="byline" i], [data-testid*="author" i], '
    'a[href*="/author/" i], a[href*="/autor/" i], a[href*="/authors/" i], a[href*="/autoren/" i]'
)
_MAX_BYLINE_CHARS = 200
_MAX_CANDIDATES = 40
_MAX_BYLINE_DEPTH = 8
# Parts of a byline box that hold something else than the name ("author__position").
_NOT_NAME_PART = re.compile(
    r"title|position|role|job|bio|desc|date|time|image|img|avatar|photo|about|social|follow|label", re.I
)
_SKIPPED_TAGS = frozenset({"meta", "link", "script", "style", "img", "body", "html", "article"})


def _byline_in(
    zone: LexborNode, excluded: frozenset[str], main: frozenset[int], trusted: bool
) -> tuple[str, ...]:
    """Names from the first byline element that gives some, or from the innermost byline
    elements inside it that do: a byline box also holds the writer's role, publication,
    photo caption or date ("Jane Doe | Staff writer | Thursday"), each in its own element,
    and the names' own elements leave them out."""
    outer: tuple[LexborNode, tuple[str, ...]] | None = None
    inner: list[tuple[LexborNode, tuple[str, ...]]] = []
    for count, node in enumerate(zone.css(_BYLINE_SELECTOR)):
        if count >= _MAX_CANDIDATES:
            break
        if outer is not None and not _is_inside(node, outer[0]):
            break
        if node.tag in _SKIPPED_TAGS:
            continue
        text = node.text(deep=True, separator=" ", strip=True)
        if not text or len(text) > _MAX_BYLINE_CHARS or (not trusted and is_foreign(node, main=main)):
            continue
        names = clean_authors([text], site_keys=excluded)
        if not names:
            continue
        if outer is None:
            outer = (node, names)
        elif _NOT_NAME_PART.search(node.attributes.get("class") or ""):
            continue
        elif inner and _is_inside(node, inner[-1][0]):
            inner[-1] = (node, names)  # deeper inside the last one: closer to the name
        else:
            inner.append((node, names))
    if outer is None:
        return ()
    if not inner:
        return outer[1]
    return tuple(dict.fromkeys(name for _, names in inner for name in names))


def _is_inside(node: LexborNode, container: LexborNode) -> bool:
    ancestor = node.parent
    for _ in range(_MAX_BYLINE_DEPTH):
        if ancestor is None:
            return False
        if ancestor.mem_id == container.mem_id:
            return True
        ancestor = ancestor.parent
    return False


def find_byline(
    scope: LexborNode | None, *, header: Header, site_keys: frozenset[str] = frozenset()
) -> tuple[str, ...]:
    """Author names from the byline elements near the headline, else in ``scope`` (the
    article, or the body).

    A byline beside the headline that names the site itself is its credit for the text (a
    company's blog, a personal site named after its owner), so there ``site_keys`` do not
    apply; elsewhere the site's name in an author element is its own box or footer."""
    zones: list[tuple[LexborNode, bool]] = []
    if header.zone is not None:
        zones.append((header.zone, True))  # no comment or teaser sits in the header
    if scope is not None:
        zones.append((scope, False))
    for zone, trusted in zones:
        names = _byline_in(zone, frozenset() if trusted else site_keys, header.main, trusted)
        if names:
            return names
    return _byline_line(scope, site_keys, header.main) if scope is not None else ()


# A line of text that is a byline: "By Jane Doe", "von Anna Muster", "Text: Jan Roe" —
# the introducing word, then a capitalised word.
_BYLINE_START = re.compile(
    r"^(?i:(?:text|words|written|story|reported|geschrieben|escrito|texto)\s+)?"
    r"(?i:by|von|por|par|door|af|av)\s+(?=[^\W\d_])(?=\S*[A-ZÀ-ÞĀ-ſ])"
    r"|^(?i:autor(?:in)?|author|text|texto|testo)\s*:\s*(?=\S)"
)
_LINE_TAGS = frozenset(
    ("p", "em", "i", "strong", "b", "span", "small", "address", "h4", "h5", "h6", "li", "dt", "label")
)
_MAX_LINES = 60
_MAX_LINE_CHARS = 80
_MAX_LINE_WORDS = 8


def is_byline_line(text: str) -> bool:
    """Whether a short line of text reads as a byline: "By Jane Doe", "Autor: Jan Roe"."""
    return (
        len(text) <= _MAX_LINE_CHARS
        and len(text.split()) <= _MAX_LINE_WORDS
        and _BYLINE_START.match(text) is not None
    )


# A label standing alone, its name in the text that follows: "<b>Autor:</b> Jane Doe".
_BYLINE_LABEL = re.compile(
    r"^(?i:(?:(?:written|posted|published|geschrieben|verfasst|escrito|écrit)\s+)?(?:by|von|por|par)"
    r"|autor(?:in)?|authors?|text|texto|testo)\s*:?$"
)


def _text_after(node: LexborNode) -> str:
    """The text right after an element, up to the next element with text of its own."""
    parts: list[str] = []
    sibling = node.next
    while sibling is not None and len(parts) < 3:
        text = (sibling.text_content or "") if sibling.tag == "-text" else sibling.text(deep=True)
        text = text.strip()
        if text:
            parts.append(text)
            if sibling.tag != "-text":
                break
        sibling = sibling.next
    return " ".join(parts)[:_MAX_LINE_CHARS]


def _byline_line(scope: LexborNode, excluded: frozenset[str], main: frozenset[int]) -> tuple[str, ...]:
    """Names from the first short text element that reads as a byline (of the first
    ``_MAX_LINES``: walked up to there, where a CSS query would gather all of the scope's)."""
    lines = (node for node in scope.traverse() if node.tag in _LINE_TAGS)
    for node in itertools.islice(lines, _MAX_LINES):
        text = node.text(deep=True, separator=" ", strip=True)
        if text and _BYLINE_LABEL.match(text):
            text = f"{text} {_text_after(node)}"  # "<h5>Autor:</h5> Jane Doe"
        if not is_byline_line(text):
            continue
        if is_foreign(node, main=main):
            continue
        # outside the marked-up places a single word after "von"/"by" is too often a noun
        names = tuple(name for name in clean_authors([text], site_keys=excluded) if len(name.split()) >= 2)
        if names:
            return names
    return ()
