"""Word shingles of a text as stable 64-bit hashes, the unit of story similarity.

Words are case-folded and typography-normalised first, so a capture that only
changed quotes, dashes or spacing has the same shingles. Hashes are stable across
processes and machines (no ``hash()`` randomisation), which lets signatures be
stored and compared later or computed on other workers.
"""

from __future__ import annotations

import hashlib
import unicodedata

import numpy as np
import regex

__all__ = [
    "DEFAULT_SHINGLE_SIZE",
    "shingle_hashes",
    "shingle_sequence",
    "sorted_unique",
    "word_shingles",
    "words",
]

DEFAULT_SHINGLE_SIZE = 5
_WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’][\p{L}]+)*")
# Odd 64-bit multipliers: one per position in the shingle, so word order matters.
_MULTIPLIERS = np.array(
    [
        0x9E3779B97F4A7C15,
        0xC2B2AE3D27D4EB4F,
        0x165667B19E3779F9,
        0xD6E8FEB86659FD93,
        0xFF51AFD7ED558CCD,
        0xC4CEB9FE1A85EC53,
        0x94D049BB133111EB,
        0xBF58476D1CE4E5B9,
    ],
    dtype=np.uint64,
)


def words(text: str) -> list[str]:
    """The words of ``text``: NFKC-normalised, case-folded, apostrophes unified."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    found: list[str] = _WORD.findall(text)
    return found


_WORD_HASHES: dict[str, int] = {}
_CACHE_LIMIT = 1 << 21


def _word_hash(word: str) -> int:
    value = _WORD_HASHES.get(word)
    if value is None:
        value = int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")
        if len(_WORD_HASHES) >= _CACHE_LIMIT:  # bounded: a corpus of any size keeps this small
            _WORD_HASHES.clear()
        _WORD_HASHES[word] = value
    return value


def _finalize(values: np.ndarray) -> np.ndarray:
    """The 64-bit murmur finaliser: spreads the combined word hashes over all bits."""
    with np.errstate(over="ignore"):
        values = values ^ (values >> np.uint64(33))
        values = values * np.uint64(0xFF51AFD7ED558CCD)
        values = values ^ (values >> np.uint64(33))
        values = values * np.uint64(0xC4CEB9FE1A85EC53)
        mixed: np.ndarray = values ^ (values >> np.uint64(33))
        return mixed


def shingle_hashes(text: str, size: int = DEFAULT_SHINGLE_SIZE) -> np.ndarray:
    """The distinct ``size``-word shingles of ``text`` as sorted ``uint64`` hashes.

    A text shorter than ``size`` words is one shingle; an empty text has none.
    """
    return sorted_unique(shingle_sequence(text, size))


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """``np.unique`` of a 1-d array by sorting: several times faster than numpy's hash-based
    path on the few thousand 64-bit values of one body."""
    ordered = np.sort(values)
    if len(ordered) < 2:
        return ordered
    kept: np.ndarray = ordered[np.r_[True, ordered[1:] != ordered[:-1]]]
    return kept


def shingle_sequence(text: str, size: int = DEFAULT_SHINGLE_SIZE) -> np.ndarray:
    """The ``size``-word shingles of ``text`` as ``uint64`` hashes in text order (repeats
    kept): where a text starts, and not only what it holds."""
    return word_shingles(words(text), size)


def word_shingles(tokens: list[str], size: int = DEFAULT_SHINGLE_SIZE) -> np.ndarray:
    """``shingle_sequence`` of text already split into ``words``."""
    if not 1 <= size <= len(_MULTIPLIERS):
        raise ValueError(f"shingle size must be 1..{len(_MULTIPLIERS)}, not {size}")
    if not tokens:
        return np.empty(0, dtype=np.uint64)
    cache = _WORD_HASHES
    hashes = np.array([cache.get(token) or _word_hash(token) for token in tokens], dtype=np.uint64)
    width = min(size, len(tokens))
    count = len(tokens) - width + 1
    combined = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for position in range(width):
            combined += hashes[position : position + count] * _MULTIPLIERS[position]
    return _finalize(combined)
