"""General vocabulary the body extractor reads in class/id attributes and in short texts.

These are words web authors everywhere use to name page furniture ("sidebar",
"share", "newsletter") or the article itself ("article-body", "entry-content"), and
the phrases that introduce related-story links in several languages. They name no
site: they are the common vocabulary of templates.
"""

from __future__ import annotations

import re

__all__ = ["AD_LABEL", "BARE_URLS", "BOILERPLATE_NAME", "CAPTION_NAME", "COMMENTS_HEADING",
           "COMMENT_NAME", "CONTENT_NAME", "CONTRIBUTOR_LINE", "CREDIT_LINE", "CREDIT_TAIL", "DATE_LINE",
           "NAME_WORDS", "NOTICE_LINE", "RELATED_NAME", "RELATED_PHRASE", "UI_LABEL", "boilerplate_reason"]

# Words that may stand anywhere inside a class/id ("relatedArticles", "post-share-bar").
_LONG_WORDS = (
    "sidebar|side-bar|share|sharing|social|newsletter|subscri|signup|sign-up|promo|"
    "breadcrumb|related|recommend|advert|sponsor|popup|pop-up|modal|cookie|banner|"
    "byline|author|widget|toolbar|pagination|pager|masthead|navbar|navigation|menu|"
    "footer|copyright|disclaimer|rating|follow|most-read|mostread|most-popular|trending|"
    "teaser|login|comment|disqus|respond|reply|skip-link|skiplink|"
    "tags|tagline|keywords|topics|print|email|dateline|timestamp|published|updated|"
    "read-more|readmore|more-stories|see-also|also-read|newsfeed|ticker|visually-hidden|"
    "screen-reader|sr-only|offscreen|caption-credit|credit")
# Short words that only count as a whole token ("ad", "nav", "meta"), not inside "shadow".
_SHORT_WORDS = "ad|ads|adv|nav|meta|date|time|share|tag|rss|bio|foot|aside|extra|more|info|utility|tools"

_BOILERPLATE = rf"(?:{_LONG_WORDS})|(?:^|[^a-z0-9])(?:{_SHORT_WORDS})(?=$|[^a-z0-9])"
_COMMENT = r"comment|disqus|respond|reply|discussion|forum"
_CAPTION = r"caption|legend"
_CONTENT = r"article|content|entry|post-?body|story|main|body|text|prose|rich-?text|blog-?post"
BOILERPLATE_NAME = re.compile(_BOILERPLATE, re.I)
COMMENT_NAME = re.compile(_COMMENT, re.I)
RELATED_NAME = re.compile(
    r"related|recommend|read-?more|more-stories|see-also|also-read|most-read|mostread|"
    r"most-popular|trending|teaser|more", re.I)
CAPTION_NAME = re.compile(_CAPTION, re.I)
#: Names authors give the article's own text container.
CONTENT_NAME = re.compile(_CONTENT, re.I)
#: All of the above in one pass over a lower-cased class/id string; the group that
#: matched (``lastgroup``) tells which: comment before caption before furniture.
#: Boxes shown only on hover or click (a person card over a name, a tooltip).
_POPUP = r"tooltip|popover|hovercard|hover-card|rollover|flyout"
NAME_WORDS = re.compile(
    rf"(?P<popup>{_POPUP})|(?P<comment>{_COMMENT})|(?P<caption>{_CAPTION})|(?P<content>{_CONTENT})"
    rf"|(?P<furniture>{_BOILERPLATE})")

#: Lines that introduce links to other stories, in a few languages.
RELATED_PHRASE = re.compile(
    r"^\W*(?:read also|read more|also read|see also|related|more on this|more from|recommended|"
    r"you may also like|you might also like|more stories|further reading|"
    r"lire aussi|à lire aussi|voir aussi|lesen sie auch|lesen sie mehr|mehr zum thema|auch interessant|"
    r"siehe auch|leer también|lea también|ver también|leggi anche|vedi anche|leia também|"
    r"veja também|lees ook|zie ook|czytaj także|czytaj też|читайте также|см\. также)\b",
    re.I)

#: Short lines crediting a picture ("Photo: ...", "Foto: ...") rather than telling the story.
CREDIT_LINE = re.compile(
    r"^\W*(?:photo|photos|photograph|image|picture|credit|source|illustration|video|foto|fotos|bild|"
    r"quelle|crédit|crédits|imagen|immagine|fonte|zdjęcie|фото)s?\b\s*(?:by\b|:|/|©)", re.I)

#: A caption's closing credit: "(AP Photo/Jane Doe)", "(Image: Agency)", "(Foto: dpa)".
CREDIT_TAIL = re.compile(
    r"\((?:[^()]*\b)?(?:photos?|image|images|picture|foto|fotos|bild|illustration|crédit|credit)"
    r"\b[^()]*\)\W*$", re.I)

#: Lines naming the reporters and editors behind a wire story, not part of its text.
CONTRIBUTOR_LINE = re.compile(
    r"^\W*(?:(?:additional )?reporting by|editing by|writing by|compiled by)\b"
    r"|contributed (?:to )?(?:this|the) (?:report|story|article)\W*$"
    r"|contributed reporting(?: from [^.]*)?\W*$", re.I)

#: A block made only of web addresses, or one address, handle or e-mail without spaces.
BARE_URLS = re.compile(r"(?:\s*(?:https?://|www\.)\S+)+\s*|[^\s/@]+\.[^\s/@]+[/@]\S*|[^\s@]+@[^\s@]+\.\w+",
                       re.I)

#: Short lines giving the publication or update time ("Updated: 19 Nov 2019, 09:01").
DATE_LINE = re.compile(
    r"(?:^\W*|[|·•]\s*)(?:first\s+|last\s+)?(?:updated|published|posted|modified|aktualisiert|"
    r"veröffentlicht|publié|"
    r"mis à jour|actualizado|publicado|pubblicato|aggiornato|bijgewerkt|gepubliceerd)\b[^\n]*\d", re.I)

#: Short lines of copyright notices and calls to share the page.
NOTICE_LINE = re.compile(
    r"^\W*(?:copyright\b|©|ⓒ|\(c\)\s*\d{4})|all rights reserved|tous droits réservés|alle rechte vorbehalten|"
    r"^\W*(?:like this (?:story|article)\?|share (?:this|it|on)\b|enjoyed this (?:story|article))", re.I)

#: Whole lines that label an ad slot or an interruption of the article.
AD_LABEL = re.compile(
    r"\W*(?:advertisement|advertising|advert|ad|ads|sponsored|sponsored content|paid content|"
    r"promoted|partner content|story continues below|article continues below|continue reading below|"
    r"scroll to continue|anzeige|werbung|publicité|publicidad|pubblicità|reklama|реклама|iklan)\W*", re.I)

#: Whole lines that are the labels of page controls or counters, not text: "Close",
#: "Caption", "Topics", "Next", "1 of 6", "1 - 5 of 36".
UI_LABEL = re.compile(
    r"\W*(?:close|caption|topics|tags|share|menu|previous|prev|next|back|more|show more|load more|"
    r"expand|collapse|don't miss|must read|print|email|schließen|fermer|cerrar|chiudi|"
    r"\d+\s*(?:-\s*\d+\s+)?(?:of|/|von|de|di|sur)\s*\d+)\W*", re.I)

#: Lines that open a comment section ("12 Comments", "Leave a reply", "Kommentare").
COMMENTS_HEADING = re.compile(
    r"\W*(?:\d+\s+)?(?:comments?|reader comments|leave a (?:comment|reply)|add a comment|post a comment|"
    r"join the (?:discussion|conversation)|\d+\s+(?:responses?|replies)|kommentare?|"
    r"commentaires?|comentarios?|commenti|reacties|komentarze|комментарии)(?:\s*\(\d+\))?\W*",
    re.I)

_REASONS = (
    (re.compile(r"comment|disqus|respond|reply|discussion", re.I), "comments"),
    (re.compile(r"share|sharing|social|follow|email|print", re.I), "newsletter/share box"),
    (re.compile(r"newsletter|subscri|signup|sign-up|login", re.I), "newsletter/share box"),
    (re.compile(r"related|recommend|read-?more|more-(?:stories|news|articles|from)|see-?also|also-?read|"
                r"teaser|trending|popular|most-?read", re.I),
     "related links"),
    (re.compile(r"nav|menu|breadcrumb|pagination|pager|toolbar|skip", re.I), "navigation"),
    (re.compile(r"(?:^|[^a-z])ads?(?:$|[^a-z])|advert|sponsor|promo|banner|popup|modal", re.I),
     "advertising"),
    (re.compile(r"byline|author|date|time|published|updated|dateline|meta|bio", re.I), "byline/date"),
    (re.compile(r"sidebar|side-bar|aside|widget", re.I), "sidebar"),
    (re.compile(r"footer|foot|copyright|disclaimer", re.I), "footer"),
)


def boilerplate_reason(name: str) -> str:
    """The kind of page furniture a matching class/id names, in a few words."""
    for pattern, reason in _REASONS:
        if pattern.search(name):
            return reason
    return "page furniture"
