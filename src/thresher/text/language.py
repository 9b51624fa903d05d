"""The language of a text capture, from the function words of its body.

A capture has no ``lang`` attribute, but function words ("the", "und", "les") give the
language away after a few sentences. Only a clear lead counts: a short or mixed body
gives no language rather than a guess. The first 200 words are enough to tell, so
only those are read: a long body costs no more than a short one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import chain

from thresher.text.vocabulary import STOPWORDS_BY_LANGUAGE

__all__ = ["guess_language"]

#: Function words needed before a language is named, and the lead over the runner-up.
_MIN_HITS = 8
_MIN_LEAD = 2.0
#: Words read from the start of the body, and the characters of one text read for them.
_SAMPLE_WORDS = 200
_SAMPLE_CHARS = 6 * _SAMPLE_WORDS
#: The languages each function word belongs to.
_LANGUAGES_OF: dict[str, list[str]] = {}
for _language, _vocabulary in STOPWORDS_BY_LANGUAGE.items():
    for _word in _vocabulary:
        _LANGUAGES_OF.setdefault(_word, []).append(_language)


def guess_language(texts: Iterable[str]) -> str | None:
    """The ISO 639-1 code of the language most of ``texts`` is written in, or None."""
    words: list[str] = []
    for text in texts:  # words as separated by spaces: punctuation sticks to a few of them
        words += text[:_SAMPLE_CHARS].lower().split()
        if len(words) >= _SAMPLE_WORDS:
            break
    scores = Counter(chain.from_iterable(filter(None, map(_LANGUAGES_OF.get, words[:_SAMPLE_WORDS]))))
    ranked = scores.most_common(2) + [("", 0), ("", 0)]
    (language, best), (_, runner_up) = ranked[0], ranked[1]
    if best >= _MIN_HITS and best >= _MIN_LEAD * runner_up:
        return language
    return None
