"""General multilingual vocabulary used by the line features.

Only words any page of a language may use: function words (stopwords), the
strings of web interfaces (share, subscribe, log in…), month names, and the
prefixes that introduce captions and related-story links. Nothing here comes
from, or is aimed at, a particular site.
"""

from __future__ import annotations

import re

from thresher.phrases import PICTURE_WORDS, READ_ALSO, alternation

__all__ = [
    "CALL_TO_ACTION",
    "COMMENTS_HEADING",
    "COMMENT_HEADER",
    "BYLINE_LABELS",
    "BYLINE_WORDS",
    "COMMENT_NOUNS",
    "INTERFACE_FIRST_WORDS",
    "INTERFACE_PAIRS",
    "INTERFACE_WORDS",
    "MONTHS",
    "READING_TIME",
    "RELATED_PREFIX",
    "STOPWORDS",
    "STOPWORDS_BY_LANGUAGE",
    "has_interface_phrase",
    "is_caption",
]

# The most frequent function words of the languages most pages are written in.
_STOPWORDS_BY_LANGUAGE = {
    "en": "a about after all also an and any are as at be been but by can could did do does for from had "
    "has have he her his how i if in into is it its more most my no not of on one or our out she so "
    "some than that the their them then there these they this those to up was we were what when "
    "which who will with would you your",
    "de": "aber als am an auch auf aus bei bis das dass dem den der des die doch ein eine einem einen "
    "einer es für hat haben im in ist mit nach nicht noch nur oder sich sie sind so über um und "
    "vom von vor war wie wird zu zum zur",
    "fr": "au aux avec ce ces cette dans de des du elle en est et il ils la le les leur mais ne nous "
    "ou par pas plus pour qu que qui sa se ses son sont sur un une été être",
    "es": "al como con de del el en era es esta este fue la las lo los más no para pero por que se "
    "sin sobre su sus también un una y ya",
    "it": "al alla anche che con da dei del della di e gli ha il in la le nel non per più si sono "
    "su una un è",
    "pt": "ao aos as com como da das de do dos e em foi mais mas na nas no nos o os para pela pelo "
    "por que se sem sua seu também um uma é",
    "nl": "aan als bij dat de die dit een en er het hij in is met niet of om op te van voor was wat "
    "werd worden zijn",
    "ru": "а без был была были в во все вы да для до его её если же за и из или к как ко когда ли "
    "на над не но о об он она они от по при с со так также то что это я",
    "uk": "а але вві від для до є з за і й к на не по при про та також те що це як я",
    "pl": "a ale do i jak jest na nie o od po się w z za że to ten ta oraz czy",
    "sv": "att av de den det en ett för har i med och om på som till var är",
    "tr": "bir bu da de için ile ve ki gibi daha çok olan",
}

STOPWORDS: frozenset[str] = frozenset(
    word for words in _STOPWORDS_BY_LANGUAGE.values() for word in words.split()
)

#: Each language's function words, for telling which language a text is written in.
STOPWORDS_BY_LANGUAGE: dict[str, frozenset[str]] = {
    language: frozenset(words.split()) for language, words in _STOPWORDS_BY_LANGUAGE.items()
}

#: The labels that open a byline ("By Jane Doe", "Von Jana Krüger", "Author: …").
BYLINE_LABELS = (
    "by",
    "written by",
    "words by",
    "posted by",
    "author",
    "text von",
    "geschrieben von",
    "gespeichert von",
    "von",
    "par",
    "por",
    "di",
    "door",
    "przez",
    "автор",
    "авторы",
    "автори",
    "автора",
    "від",
)
#: The last word of each byline label: a line without any of them has no byline label.
BYLINE_WORDS = frozenset(label.split()[-1] for label in BYLINE_LABELS)

# Strings of page furniture: navigation, sharing, accounts, newsletters, consent,
# ads, comments. Matched as whole words on short lines only.
_INTERFACE_PHRASES = [
    # English
    "share",
    "shares",
    "tweet",
    "pin it",
    "email",
    "e-mail",
    "print",
    "subscribe",
    "subscribed",
    "subscription",
    "sign up",
    "sign in",
    "log in",
    "login",
    "log out",
    "register",
    "newsletter",
    "newsletters",
    "follow us",
    "menu",
    "search",
    "skip to content",
    "skip to main content",
    "advertisement",
    "advertising",
    "sponsored",
    "cookie",
    "cookies",
    "privacy policy",
    "terms of use",
    "terms of service",
    "terms and conditions",
    "all rights reserved",
    "copyright",
    "contact us",
    "about us",
    "comments",
    "comment",
    "leave a comment",
    "reply",
    "load more",
    "show more",
    "read more",
    "see more",
    "view all",
    "see all",
    "more stories",
    "related",
    "related articles",
    "related stories",
    "recommended",
    "most popular",
    "most read",
    "editor's picks",
    "editors' picks",
    "top stories",
    "latest news",
    "next article",
    "previous article",
    "back to top",
    "gallery",
    "edit",
    "edit post",
    "advertise",
    "careers",
    "faq",
    "sitemap",
    "rss",
    "donate",
    "support us",
    "accept",
    "settings",
    "notifications",
    "read also",
    "see also",
    "min read",
    "minute read",
    "reading time",
    "tags",
    "topics",
    "categories",
    "category",
    "filed under",
    "posted in",
    "views",
    "facebook",
    "twitter",
    "linkedin",
    "whatsapp",
    "telegram",
    "reddit",
    "instagram",
    "youtube",
    "pinterest",
    "copy link",
    "link copied",
    "loading",
    "continue reading",
    "click here",
    "learn more",
    "get the app",
    "free trial",
    "upgrade",
    "premium",
    "ad",
    "ads",
    # German
    "teilen",
    "drucken",
    "anmelden",
    "abonnieren",
    "datenschutz",
    "impressum",
    "suche",
    "startseite",
    "kommentare",
    "weiterlesen",
    "mehr lesen",
    "anzeige",
    "werbung",
    "lesen sie auch",
    "mehr zum thema",
    # French
    "partager",
    "imprimer",
    "connexion",
    "s'abonner",
    "abonnez-vous",
    "rechercher",
    "accueil",
    "commentaires",
    "lire aussi",
    "lire la suite",
    "publicité",
    "à lire aussi",
    "voir aussi",
    # Spanish / Portuguese / Italian
    "compartir",
    "imprimir",
    "suscribirse",
    "suscríbete",
    "buscar",
    "inicio",
    "comentarios",
    "leer más",
    "publicidad",
    "lea también",
    "compartilhar",
    "assine",
    "comentários",
    "leia mais",
    "leia também",
    "condividi",
    "stampa",
    "iscriviti",
    "cerca",
    "commenti",
    "leggi anche",
    "pubblicità",
    # Dutch, Polish, Russian, Ukrainian
    "delen",
    "zoeken",
    "reacties",
    "lees ook",
    "udostępnij",
    "szukaj",
    "komentarze",
    "czytaj także",
    "поделиться",
    "подписаться",
    "поиск",
    "комментарии",
    "читайте также",
    "реклама",
    "главная",
    "поширити",
    "підписатися",
    "пошук",
    "коментарі",
    "читайте також",
    "головна",
]

_PHRASE_WORDS = [tuple(phrase.split()) for phrase in _INTERFACE_PHRASES]
#: The interface phrases of one word.
INTERFACE_WORDS = frozenset(words[0] for words in _PHRASE_WORDS if len(words) == 1)
_INTERFACE_STARTS: dict[str, list[tuple[str, ...]]] = {}
for _words in _PHRASE_WORDS:
    if len(_words) > 1:
        _INTERFACE_STARTS.setdefault(_words[0], []).append(_words[1:])
#: The words an interface phrase can start with: a line without any has no phrase.
INTERFACE_FIRST_WORDS = frozenset(INTERFACE_WORDS | _INTERFACE_STARTS.keys())
#: The first two words of each interface phrase of several words: a line without any such
#: pair of neighbours holds none of those phrases.
INTERFACE_PAIRS = frozenset(words[:2] for words in _PHRASE_WORDS if len(words) > 1)


def has_interface_phrase(words: list[str]) -> bool:
    """Whether lower-cased ``words`` contain an interface phrase as whole words (set look-ups)."""
    if INTERFACE_FIRST_WORDS.isdisjoint(words):
        return False
    if not INTERFACE_WORDS.isdisjoint(words):
        return True
    for i, word in enumerate(words):
        for rest in _INTERFACE_STARTS.get(word, ()):
            if tuple(words[i + 1 : i + 1 + len(rest)]) == rest:
                return True
    return False


READING_TIME = re.compile(
    r"^\d+\s*(?:min(?:ute)?s?|мин(?:ут[аы]?)?|хв(?:илин[аи]?)?|minuten?|minutes?|minutos?|minuti)\.?"
    r"(?:\s+\w+){0,3}$",
    re.I,
)

# Lines that introduce a related story: "Read also: …", "See also: …", multilingual.
RELATED_PREFIX = re.compile(rf"^(?:{alternation(READ_ALSO)})\s*[:\-–—]\s*(.+)$", re.I)

# Lines that caption a picture: "Photo: …", "Image credit: …", multilingual.
_CAPTION_WORDS = (*PICTURE_WORDS, "pictured", "above", "top")
_CAPTION_LABEL = max(map(len, _CAPTION_WORDS)) + 40  # the word, then up to 40 characters before the colon
_CAPTION_PREFIX = re.compile(rf"^(?:{'|'.join(_CAPTION_WORDS)})\b[^:]{{0,40}}:\s*\S", re.I)


def is_caption(text: str) -> bool:
    """Whether ``text`` starts like a caption: "Photo: …" (a colon early on, then the regex)."""
    return ":" in text[: _CAPTION_LABEL + 1] and _CAPTION_PREFIX.match(text) is not None


# What a newsletter or account box asks the reader to do.
CALL_TO_ACTION = re.compile(
    r"\b(?:sign up|subscribe|newsletter|register|log in|sign in|download the app|get the app|"
    r"abonnieren|anmelden|newsletter|abonnez-vous|inscrivez-vous|suscríbete|iscriviti|assine|"
    r"подпишитесь|підпишіться)\b",
    re.I,
)

# The heading that opens a comment section: "Comments", "12 Comments", "Leave a Reply"…
COMMENTS_HEADING = re.compile(
    r"^[\[(]?\s*(?:\d+\s+)?(?:(?:top rated|latest|newest|oldest|all|reader|user|show all|view all)\s+)?"
    r"(?:comments?|responses?|replies|discussion|reader comments|conversation|"
    r"leave a (?:reply|comment)|post a comment|add a comment|join the (?:discussion|conversation)|"
    r"show comments|view comments|kommentare?|leserkommentare|commentaires?|laisser un commentaire|"
    r"comentarios?|deja un comentario|comentários|commenti|lascia un commento|reacties|komentarze|"
    r"комментарии|коментарі|коментарів)(?:\s*\(\d+\))?(?:\s+\d+)?\s*:?\s*[\])]?$",
    re.I,
)

#: The words of which every ``COMMENTS_HEADING`` holds one: a quick test before the regex.
COMMENT_NOUNS = frozenset(
    (
        "comment",
        "comments",
        "response",
        "responses",
        "reply",
        "replies",
        "discussion",
        "conversation",
        "kommentar",
        "kommentare",
        "leserkommentare",
        "commentaire",
        "commentaires",
        "comentario",
        "comentarios",
        "comentários",
        "commenti",
        "commento",
        "reacties",
        "komentarze",
        "комментарии",
        "коментарі",
        "коментарів",
    )
)

# The header of one reader comment: "Alex on May 3, 2019 at 6:34 am said:".
COMMENT_HEADER = re.compile(
    r"(?:\bsaid|\bsays|\bwrote|\bwrites|\breplied|\bschrieb|\ba écrit|\bdice|\bdisse|\bнаписал[аи]?|"
    r"\bнаписав)\s*:?$",
    re.I,
)

#: Month words a short line is flagged by (the ``date_like`` line feature), an input the
#: line model was trained with: changing the list changes the model's view of a line.
#: Reading a date is not its job (``thresher.dates`` reads with the month names of
#: dateparser's locale data, a superset of these); the locale data does not fit here
#: as such: its three-letter abbreviations are also syllables and words of other
#: languages ("gen", "set", "des", "sie"), which flag lines that hold no date.
MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "january jan ene janv januar janvier enero gennaio janeiro januari styczeń stycznia января январь "
        "січня січень",
        "february feb fev fév févr februar février febrero febbraio fevereiro februari luty lutego февраля "
        "февраль лютого лютий",
        "march mar maret mrt märz mars marzo março maart marca марта март березня березень",
        "april apr abr avr avril abril aprile kwiecień kwietnia апреля апрель квітня квітень",
        "may mai mayo maggio maio mei maj maja мая май травня травень",
        "june jun giu juin juni juin junio giugno junho czerwiec czerwca июня июнь червня червень",
        "july jul lug juil juli juillet julio luglio julho lipiec lipca июля июль липня липень",
        "august aug ago agustus agu août agosto augustus sierpień sierpnia августа август серпня серпень",
        "september sep sept septembre septiembre settembre setembro wrzesień września сентября сентябрь "
        "вересня вересень",
        "october oct ott okt oktober octobre octubre ottobre outubro październik października "
        "октября октябрь жовтня жовтень",
        "november nov nop novembre noviembre novembro listopad listopada ноября ноябрь листопада листопад",
        "december dec dic dez desember dezember décembre diciembre dicembre dezembro grudzień grudnia "
        "декабря декабрь грудня грудень",
    ],
    start=1,
):
    for _name in _names.split():
        MONTHS.setdefault(_name, _number)
