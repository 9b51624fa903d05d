"""General multilingual phrases of page furniture, shared by the HTML and text readers.

Vocabulary, never tuned to a page: the words with which pages in many languages
introduce links to other stories ("Read also", "Lesen Sie auch", "Читайте также"),
and the words that name a picture in its caption or credit ("Photo: …", "(Foto: dpa)").
Each reader compiles the shape it needs: a heading of a related box or a credit line
in HTML, a "Read also: <headline>" or "Photo: …" line in a text capture.
"""

from __future__ import annotations

import re

__all__ = ["PICTURE_WORDS", "READ_ALSO", "alternation"]

#: Phrases that introduce links to other stories.
READ_ALSO = (
    "read also",
    "read more",
    "also read",
    "see also",
    "related",
    "related story",
    "related article",
    "more on this",
    "more from",
    "more stories",
    "recommended",
    "further reading",
    "you may also like",
    "you might also like",
    "lire aussi",
    "à lire aussi",
    "voir aussi",
    "lesen sie auch",
    "lesen sie mehr",
    "mehr zum thema",
    "auch interessant",
    "siehe auch",
    "leer también",
    "lea también",
    "ver también",
    "leggi anche",
    "vedi anche",
    "leia também",
    "veja também",
    "lees ook",
    "zie ook",
    "czytaj także",
    "czytaj też",
    "читайте также",
    "читать также",
    "см. также",
    "читайте також",
    "дивіться також",
)


#: Words that name a picture.
PICTURE_WORDS = (
    "photo",
    "photos",
    "photograph",
    "picture",
    "image",
    "images",
    "illustration",
    "foto",
    "fotos",
    "bild",
    "imagen",
    "immagine",
    "zdjęcie",
    "фото",
    "ілюстрація",
    "иллюстрация",
)


def alternation(phrases: tuple[str, ...]) -> str:
    """A regex alternation of ``phrases``, longest first so the longest one matches."""
    return "|".join(re.escape(phrase) for phrase in sorted(phrases, key=len, reverse=True))
