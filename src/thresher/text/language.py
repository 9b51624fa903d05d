"""The language of a text capture, from the function words of its body.

A capture has no ``lang`` attribute, but function words ("the", "und", "les") give the
language away after a few sentences. Only a clear lead counts: a short or mixed body
gives no language rather than a guess.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from thresher.text.vocabulary import STOPWORDS_BY_LANGUAGE

__all__ = ["guess_language"]

_WORD = re.compile(r"\w+")
#: Function words needed before a language is named, and the lead over the runner-up.
_MIN_HITS = 8
_MIN_LEAD = 2.0


def guess_language(texts: Iterable[str]) -> str | None:
    """The ISO 639-1 code of the language most of ``texts`` is written in, or None."""
    words = Counter(word for text in texts for word in _WORD.findall(text.lower()))
    scores = sorted(((sum(words[w] for w in vocabulary if w in words), language)
                     for language, vocabulary in STOPWORDS_BY_LANGUAGE.items()), reverse=True)
    (best, language), (runner_up, _) = scores[0], scores[1]
    if best >= _MIN_HITS and best >= _MIN_LEAD * runner_up:
        return language
    return None
