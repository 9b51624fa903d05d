"""General vocabulary the body extractor reads in class/id attributes and in short texts.

These are words web authors everywhere use to name page furniture ("sidebar",
"share", "newsletter") or the article itself ("article-body", "entry-content"), and
the phrases that introduce related-story links in several languages. They name no
site: they are the common vocabulary of templates.
"""

from __future__ import annotations

import functools
import re

from thresher.html.switches import enabled
from thresher.models import BlockReason
from thresher.phrases import PICTURE_WORDS, READ_ALSO, alternation

__all__ = [
    "AD_LABEL",
    "BARE_URLS",
    "COMMENTS_HEADING",
    "CONSENT_NAME",
    "CONTRIBUTOR_CLOSING",
    "CONTRIBUTOR_OPENING",
    "CREDIT_LINE",
    "CREDIT_TAIL",
    "DATE_AFTER_SEPARATOR",
    "DATE_LINE",
    "GROUP_BITS",
    "NOTICE_LINE",
    "RELATED_PHRASE",
    "REVIEWS_HEADING",
    "SHOP_SUGGESTIONS",
    "RIGHTS_RESERVED",
    "UI_LABEL",
    "boilerplate_reason",
    "name_groups",
]

# Words of class/id names. Most may stand anywhere inside a word of the name
# ("relatedarticles", "sitesidebar"); those marked "^" only at its start, because
# they hide inside other words ("pager" in "apageroot", "rating" in "generating",
# "story" in "history", "respond" in "correspondent").
_FURNITURE_WORDS = [
    "sidebar",
    "side-bar",
    "share",
    "sharing",
    "social",
    "newsletter",
    "subscri",
    "signup",
    "sign-up",
    "breadcrumb",
    "related",
    "recommend",
    "advert",
    "sponsor",
    "popup",
    "pop-up",
    "^modal",
    "cookie",
    "consent",
    "^banner",
    "byline",
    "^author",
    "widget",
    "toolbar",
    "pagination",
    "^pager",
    "masthead",
    "navbar",
    "navigation",
    "menu",
    "footer",
    "copyright",
    "disclaimer",
    "^rating",
    "^follow",
    "most-read",
    "mostread",
    "most-popular",
    "trending",
    "teaser",
    "^login",
    "skip-link",
    "skiplink",
    "^tags",
    "tagline",
    "^keywords",
    "^topics",
    "^print",
    "^email",
    "dateline",
    "timestamp",
    "^published",
    "^updated",
    "read-more",
    "readmore",
    "more-stories",
    "see-also",
    "also-read",
    "newsfeed",
    "^ticker",
    "visually-hidden",
    "screen-reader",
    "sr-only",
    "offscreen",
    "caption-credit",
    "^credit",
]
# Short words that only count as a whole word ("ad", "nav", "meta"), not inside "shadow".
_SHORT_WORDS = [
    "ad",
    "ads",
    "adv",
    "nav",
    "meta",
    "date",
    "time",
    "share",
    "tag",
    "rss",
    "bio",
    "foot",
    "aside",
    "extra",
    "more",
    "info",
    "utility",
    "tools",
    "promo",
    "promos",
    "promotion",
    "promotions",
    "promotional",
    "promobox",
]
_COMMENT_WORDS = ["comment", "disqus", "^respond", "^reply", "^replies", "^discussion", "^forum"]
_CAPTION_WORDS = ["caption", "legend"]
#: Names authors give the article's own text container.
_CONTENT_WORDS = [
    "article",
    "content",
    "^entry",
    "post-body",
    "postbody",
    "^story",
    "^main",
    "^body",
    "^text",
    "prose",
    "rich-text",
    "richtext",
    "blog-post",
    "blogpost",
]
#: Boxes shown only on hover or click (a person card over a name, a tooltip).
_POPUP_WORDS = ["tooltip", "popover", "hovercard", "hover-card", "rollover", "flyout"]


_GROUPS = (
    ("popup", _POPUP_WORDS),
    ("comment", _COMMENT_WORDS),
    ("caption", _CAPTION_WORDS),
    ("content", _CONTENT_WORDS),
    ("furniture", _FURNITURE_WORDS),
)
#: One-piece words found anywhere inside a word of a class name, in the order they are
#: tried (group by group, the longest first) with their group.
_INSIDE = [
    (word, group)
    for group, words in _GROUPS
    for word in sorted((w for w in words if "-" not in w and w[0] != "^"), key=len, reverse=True)
]
#: (One flat alternation of words: the regex engine skips ahead to the positions
#: holding the first letter of one, where named groups around the words of each group
#: would make it try them all at every position.)
_INSIDE_WORD = re.compile("|".join(word for word, _ in _INSIDE))
#: One-piece words that must start a word of the name: (prefixes, group).
_STARTS = [(tuple(w[1:] for w in words if w[0] == "^"), group) for group, words in _GROUPS]
#: Two-piece words ("side-bar", "read-more"): matched as neighbouring words of a name.
_PAIRS = {
    tuple(word.lstrip("^").split("-")): group
    for group, words in reversed(_GROUPS)
    for word in words
    if word.count("-") == 1
}
#: One bit per group, so that a name's groups are an int OR-ed together word by word
#: (cheaper than building sets: every page brings dozens of new names).
GROUP_BITS = {group: 1 << position for position, (group, _) in enumerate(_GROUPS)}
_PAIR_BITS = {pair: GROUP_BITS[group] for pair, group in _PAIRS.items()}
_PAIR_FIRSTS = frozenset(first for first, _ in _PAIR_BITS)
_INSIDE_BITS: dict[str, int] = {}
for _word, _group in _INSIDE:
    _INSIDE_BITS.setdefault(_word, GROUP_BITS[_group])  # (the first group listing a word wins)
_STARTS_BITS = [(prefixes, GROUP_BITS[group]) for prefixes, group in _STARTS if prefixes]
_WHOLE_BITS = dict.fromkeys(_SHORT_WORDS, GROUP_BITS["furniture"])
_WORDS_OF = re.compile(r"[a-z]+").findall
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")  # (a literal replacement is substituted in C)
_WORD_CACHE: dict[str, int] = {}


def _word_bits(word: str) -> int:
    bits = _WHOLE_BITS.get(word, 0)
    for found in _INSIDE_WORD.findall(word):
        bits |= _INSIDE_BITS[found]
    for prefixes, bit in _STARTS_BITS:
        if word.startswith(prefixes):
            bits |= bit
    if len(_WORD_CACHE) > 100_000:
        _WORD_CACHE.clear()
    _WORD_CACHE[word] = bits
    return bits


#: Words that make the next word of a name a state of the page's layout ("no-sidebar",
#: "has-ads", "with-comments") rather than the name of a box.
_LAYOUT_STATE = frozenset(["no", "has", "with", "without", "hide", "hidden", "show"])


#: Something in a name that may make a piece of it machine-made: a digit, or a capital
#: (a CSS-module hash "root__adKqa", a generated "e1e2ad").
_HASH_HINT = re.compile(r"[0-9A-Z]")
_PIECES = re.compile(r"[A-Za-z0-9]+").findall
_CAMEL_PARTS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+").findall
#: "elementor-widget", "product-widget": a page builder's name for any box of a page,
#: where a bare "widget" (a blog engine's sidebar box) is furniture.
_BUILDER_WIDGET = re.compile(r"(?<=[a-z0-9])[-_]+widget(?![a-z])")


#: Pieces of names read by ``_hash_like`` (they repeat across the pages of a site).
_MADE_UP: dict[str, bool] = {}


def _hash_like(piece: str) -> bool:
    """A piece of a class name that a build tool made up rather than an author wrote:
    letters mixed with digits, a run of capitals, or camel-case parts of at most
    three letters ("adKqa"): its letters spell no word."""
    if piece.isdigit() or piece.islower() and piece.isalpha():
        made_up = False
    elif any(ch.isdigit() for ch in piece):
        letters = piece.rstrip("0123456789")  # ("sidebar2": a numbered box)
        made_up = not (letters.isalpha() and letters.islower())
    else:
        parts = _CAMEL_PARTS(piece)
        made_up = any(len(part) > 1 and part.isupper() for part in parts[1:]) or all(
            len(part) <= 3 for part in parts
        )
    if len(_MADE_UP) > 100_000:
        _MADE_UP.clear()
    _MADE_UP[piece] = made_up
    return made_up


def name_groups(name: str) -> int:
    """The vocabulary groups a class/id string names, as ``GROUP_BITS`` OR-ed together
    ("popup", "comment", "caption", "content", "furniture").

    Every page brings dozens of class names never seen before, but they are built
    from a few thousand words ("container", "menu", "item", "share"), so the string is
    split into words and each word's reading is cached: a new name costs a split and
    a few look-ups instead of a scan by a large regular expression.
    """
    if enabled("hash-tokens") and _HASH_HINT.search(name):
        made_up = _MADE_UP.get
        name = " ".join(
            [
                piece
                for piece in _PIECES(name)
                if (known := made_up(piece)) is False or known is None and not _hash_like(piece)
            ]
        )
    if "widget" in name and enabled("builder-widget"):
        name = _BUILDER_WIDGET.sub("", name)
    if not name.islower():  # (camelCase words are split; most names have no capitals)
        name = _CAMEL.sub(" ", name).lower()
    bits = 0
    cache = _WORD_CACHE
    words = _WORDS_OF(name)
    state = enabled("layout-state")
    previous = ""
    for word in words:
        if state and previous in _LAYOUT_STATE:
            previous = word
            continue  # "no-sidebar", "with-ads": the state of the layout, not a box
        previous = word
        word_bits = cache.get(word)
        bits |= _word_bits(word) if word_bits is None else word_bits
    if len(words) > 1 and not _PAIR_FIRSTS.isdisjoint(words):  # (most names hold no first piece)
        for pair in zip(words, words[1:], strict=False):
            bits |= _PAIR_BITS.get(pair, 0)
    return bits


#: Lines that introduce links to other stories (a related box's heading).
RELATED_PHRASE = re.compile(rf"^\W*(?:{alternation(READ_ALSO)})\b", re.I)

#: Short lines crediting a picture ("Photo: ...", "Foto: ...") rather than telling the story.
_CREDIT_WORDS = ("credit", "crédit", "crédits", "source", "quelle", "fonte", "video")
CREDIT_LINE = re.compile(rf"^\W*(?:{alternation(PICTURE_WORDS + _CREDIT_WORDS)})s?\b\s*(?:by\b|:|/|©)", re.I)

#: A caption's closing credit: "(AP Photo/Jane Doe)", "(Image: Agency)", "(Foto: dpa)".
CREDIT_TAIL = re.compile(
    rf"\((?:[^()]*\b)?(?:{alternation(PICTURE_WORDS + ('crédit', 'credit'))})\b[^()]*\)\W*$", re.I
)

#: Lines naming the reporters and editors behind a wire story, not part of its text:
#: opening with the credit ("Reporting by ...") or closing with it ("... contributed to
#: this report"). Two patterns, because a search for the closing one skips ahead to
#: the places it can start at, which a pattern with a line-start alternative cannot.
#: (It starts at the space after "contributed", checked behind it: a case-insensitive
#: search skips ahead to a character without case, and is tried at every place when
#: the pattern opens with a letter.)
CONTRIBUTOR_OPENING = re.compile(
    r"^\W*(?:(?:additional )?reporting by|editing by|writing by|compiled by)\b", re.I
)
CONTRIBUTOR_CLOSING = re.compile(
    r" (?<=contributed )(?:(?:to )?(?:this|the) (?:report|story|article)\W*$|reporting(?: from [^.]*)?\W*$)",
    re.I,
)

#: A block made only of web addresses, or one address, handle or e-mail without spaces.
BARE_URLS = re.compile(
    r"(?:\s*(?:https?://|www\.)\S+)+\s*|[^\s/@]+\.[^\s/@]+[/@]\S*|[^\s@]+@[^\s@]+\.\w+", re.I
)

#: Short lines giving the publication or update time ("Updated: 19 Nov 2019, 09:01"),
#: opening with it (``match``) or giving it after a separator ("Jane Doe | Published
#: 3 May 2021", ``search``). Two patterns, so that the search skips ahead to the
#: separators rather than trying a line-start alternative at every position.
_DATE_WORDS = (
    r"(?:first\s+|last\s+)?(?:updated|published|posted|modified|aktualisiert|veröffentlicht|"
    r"publié|mis à jour|actualizado|publicado|pubblicato|aggiornato|bijgewerkt|gepubliceerd)"
    r"\b[^\n]*\d"
)
DATE_LINE = re.compile(r"\W*" + _DATE_WORDS, re.I)
DATE_AFTER_SEPARATOR = re.compile(r"[|·•]\s*" + _DATE_WORDS, re.I)

#: Short lines of copyright notices and calls to share the page: opening with them
#: (``match``) or holding a rights notice anywhere (``search``; two patterns for the
#: reason given at ``DATE_LINE``; the search starts at the first space of the notice,
#: as ``CONTRIBUTOR_CLOSING`` does).
NOTICE_LINE = re.compile(
    r"\W*(?:copyright\b|©|ⓒ|\(c\)\s*\d{4}|"
    r"like this (?:story|article)\?|share (?:this|it|on)\b|enjoyed this (?:story|article))",
    re.I,
)
RIGHTS_RESERVED = re.compile(
    r" (?:(?<=all )rights reserved|(?<=tous )droits réservés|(?<=alle )rechte vorbehalten)", re.I
)

#: Whole lines that label an ad slot or an interruption of the article.
AD_LABEL = re.compile(
    r"\W*(?:advertisement|advertising|advert|ad|ads|sponsored|sponsored content|paid content|"
    r"promoted|partner content|story continues below|article continues below|continue reading below|"
    r"scroll to continue|anzeige|werbung|publicité|publicidad|pubblicità|reklama|реклама|iklan)\W*",
    re.I,
)

#: Whole lines that are the labels of page controls or counters, not text: "Close",
#: "Caption", "Topics", "Next", "1 of 6", "1 - 5 of 36".
UI_LABEL = re.compile(
    r"\W*(?:close|caption|topics|tags|share|menu|previous|prev|next|back|more|show more|load more|"
    r"expand|collapse|don't miss|must read|print|email|schließen|fermer|cerrar|chiudi|"
    r"\d+\s*(?:-\s*\d+\s+)?(?:of|/|von|de|di|sur)\s*\d+)\W*",
    re.I,
)

#: Lines that open a comment section ("12 Comments", "Leave a reply", "Kommentare").
COMMENTS_HEADING = re.compile(
    r"\W*(?:\d+\s+)?(?:comments?|reader comments|leave a (?:comment|reply)|add a comment|post a comment|"
    r"join the (?:discussion|conversation)|\d+\s+(?:responses?|replies)|kommentare?|"
    r"commentaires?|comentarios?|commenti|reacties|komentarze|комментарии)(?:\s*\(\d+\))?\W*",
    re.I,
)

#: A heading over a shop's suggestions of other products: what other shoppers viewed or
#: bought, similar or featured items ("Customers who bought this also bought").
SHOP_SUGGESTIONS = re.compile(
    r"\W*(?:(?:people|customers|shoppers|others)\b.{0,30}\balso\s+(?:viewed|bought|purchased|liked|loved)"
    r"|(?:similar|related|featured|recommended|recently viewed|sponsored|popular|trending)\s+"
    r"(?:items?|products?|picks)"
    r"|frequently bought together|complete the (?:look|set)|shop the (?:look|collection)"
    r"|pairs? (?:well )?with"
    r"|you (?:may|might) also (?:need|want|love|be interested in)"
    r"|more (?:items )?from (?:this|the) (?:seller|brand|store|shop|collection))\b.{0,40}",
    re.I,
)

#: A class/id naming a cookie or consent dialog (a privacy preference centre, a consent
#: banner): the words of the furniture vocabulary that name it, found anywhere in the name.
CONSENT_NAME = re.compile(r"cookie|consent", re.I)

#: A heading over a product's reviews ("Customer Reviews", "Ratings & Reviews (1,204)").
REVIEWS_HEADING = re.compile(
    r"\W*(?:(?:customer|product|user|guest|verified|buyer|client)s?'?\s+)?(?:reviews?|ratings?|testimonials?)"
    r"(?:\s*(?:&|and|\+)\s*(?:reviews?|ratings?|q\s*&\s*a|questions))?(?:\s+summary)?"
    r"(?:\s*\(?\d[\d,.]*\)?)?\W*",
    re.I,
)

_REASONS = (
    (re.compile(r"comment|disqus|respond|reply|discussion", re.I), BlockReason.COMMENTS),
    (re.compile(r"share|sharing|social|follow|email|print", re.I), BlockReason.SHARE_BOX),
    (re.compile(r"newsletter|subscri|signup|sign-up|login", re.I), BlockReason.SHARE_BOX),
    (
        re.compile(
            r"related|recommend|read-?more|more-(?:stories|news|articles|from)|see-?also|also-?read|"
            r"teaser|trending|popular|most-?read",
            re.I,
        ),
        BlockReason.RELATED_LINKS,
    ),
    (re.compile(r"nav|menu|breadcrumb|pagination|pager|toolbar|skip", re.I), BlockReason.NAVIGATION),
    (
        re.compile(r"(?:^|[^a-z])ads?(?:$|[^a-z])|advert|sponsor|promo|banner|popup|modal", re.I),
        BlockReason.ADVERTISING,
    ),
    (
        re.compile(r"byline|author|date|time|published|updated|dateline|meta|bio", re.I),
        BlockReason.BYLINE_DATE,
    ),
    (re.compile(r"sidebar|side-bar|aside|widget", re.I), BlockReason.SIDEBAR),
    (re.compile(r"footer|foot|copyright|disclaimer", re.I), BlockReason.FOOTER),
)


@functools.lru_cache(maxsize=4096)  # a page drops many blocks under the same few boxes
def boilerplate_reason(name: str) -> BlockReason:
    """The kind of page furniture a matching class/id names."""
    for pattern, reason in _REASONS:
        if pattern.search(name):
            return reason
    return BlockReason.PAGE_FURNITURE
