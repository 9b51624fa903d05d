"""Sentence splitting for diffs: punctuation rules with an abbreviation guard.

Diffs are read by people, so a sentence only has to be the unit an editor changes;
a rare wrong split costs one extra diff line, never a wrong verdict. Abbreviation
lists are general vocabulary of titles, months and Latin shorthands.
"""

from __future__ import annotations

import regex

__all__ = ["split_sentences"]

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "jr",
        "sr",
        "sen",
        "rep",
        "gov",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "pres",
        "supt",
        "rev",
        "fr",
        "hon",
        "inc",
        "ltd",
        "co",
        "corp",
        "bros",
        "llc",
        "plc",
        "dept",
        "univ",
        "assn",
        "est",
        "approx",
        "vs",
        "etc",
        "al",
        "cf",
        "eg",
        "ie",
        "viz",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "vol",
        "pp",
        "fig",
        "ch",
        "art",
        "sec",
        "ed",
        "eds",
        "ca",
        "mt",
        "ft",
    ]
)

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, space,
# then something that can open a sentence (capital, digit, opening quote or bracket).
_BOUNDARY = regex.compile(r"""(?<=[.!?…]['"’”»)\]]*)\s+(?=['"“‘«(\[]?[\p{Lu}\p{N}])""")
_LAST_WORD = regex.compile(r"([\p{L}.]+)\.['\"’”»)\]]*$")


def _is_abbreviation(left: str) -> bool:
    match = _LAST_WORD.search(left)
    if not match:
        return False
    word = match.group(1)
    if "." in word:  # initialisms: U.S. / e.g. / a.m.
        return all(len(part) <= 2 for part in word.split(".") if part)
    return word.casefold() in _ABBREVIATIONS or (len(word) == 1 and word.isupper())


def split_sentences(text: str) -> list[str]:
    """The sentences of one paragraph, whitespace-trimmed, none empty.

    >>> split_sentences("Mr. Smith went to Washington. He met Dr. Jones at 3 p.m. Friday! Really?")
    ['Mr. Smith went to Washington.', 'He met Dr. Jones at 3 p.m. Friday!', 'Really?']
    """
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        left = text[start : match.start()]
        if _is_abbreviation(left):
            continue
        if left.strip():
            sentences.append(left.strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences
