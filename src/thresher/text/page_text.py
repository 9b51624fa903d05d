"""A page's lines as one array of code points, and its words as arrays of positions.

The line features need, for every line, counts and traits of its characters and
words. Python's regex engine reads about 30 ns per character: cutting a capture of
7,500 characters into words with ``re.findall`` took 240 us, a quarter of the time
budget of a whole extraction, and every per-line Python step costs ~0.2 us a line.
numpy tests every code point of the page at once, so here the page is encoded once
(UTF-32) and each code point is looked up once in a table of class bits over the
Basic Multilingual Plane (built at import): word character (``\\w``), joiner, capital,
changed by lower-casing, and whatever bits the caller adds (``character_classes``;
the features add sentence punctuation, digits, commas…), so one lookup serves every
character test of the page.

A word is what ``\\w[\\w'’-]*`` matches: a word character, then word characters,
apostrophes and hyphens. So each maximal run of those characters holds at most one
word, from its first word character to the run's end. Each word gets a *key*, a
polynomial hash of its lower-cased characters (modulo 2**64, from one cumulative sum
over the page), so that vocabulary look-ups are array operations on the keys.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

__all__ = ["CAPITAL", "FIRST_FREE_BIT", "JOINER", "LOWERS", "WORD", "PageText", "character_classes",
           "code_points", "vocabulary_keys"]

_BMP = 0x10000


def code_points(text: str) -> np.ndarray:
    """The code points of ``text`` (lone surrogates pass through)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


#: The bits of ``character_classes`` that ``PageText`` itself uses; callers add theirs above.
WORD, JOINER, CAPITAL, LOWERS = 1, 2, 4, 8
FIRST_FREE_BIT = 16
_PLANE = "".join(map(chr, range(_BMP)))
# "İ" is the only BMP character whose lower-case form is two characters long.
_LOWER = code_points(_PLANE.replace("\u0130", "i").lower())
_OWN_CLASSES = np.zeros(_BMP, dtype=np.uint32)
_OWN_CLASSES[np.fromiter(map(str.isalnum, _PLANE), dtype=bool, count=_BMP)] |= WORD
_OWN_CLASSES[ord("_")] |= WORD  # what ``\w`` matches: ``str.isalnum`` or "_"
_OWN_CLASSES[code_points("'’-")] |= JOINER
_OWN_CLASSES[np.fromiter(map(str.isupper, _PLANE), dtype=bool, count=_BMP)] |= CAPITAL
_OWN_CLASSES[np.arange(_BMP) != _LOWER] |= LOWERS
del _PLANE
#: The hash base (odd, so it has an inverse modulo 2**64) and its inverse.
_BASE = 1_000_003
_BASE_INVERSE = pow(_BASE, -1, 1 << 64)


def character_classes(extra: dict[int, np.ndarray]) -> np.ndarray:
    """A lookup table of class bits (32) over the BMP: ``PageText``'s own and, for each
    ``bit: mask`` of ``extra`` (bits from ``FIRST_FREE_BIT`` up), ``bit`` where ``mask`` is true."""
    table = _OWN_CLASSES.copy()
    for bit, mask in extra.items():
        if bit < FIRST_FREE_BIT:
            raise ValueError(f"class bit {bit} is PageText's own")
        table[mask] |= bit
    return table


def _powers(base: int, n: int) -> np.ndarray:
    """``base ** k`` modulo 2**64 for k in 0..n-1."""
    out = np.ones(n, dtype=np.uint64)
    if n > 1:
        out[1:] = np.full(n - 1, base, dtype=np.uint64).cumprod()
    return out


#: Powers for pages of up to 64K characters, computed once (1 MiB); longer pages compute theirs.
_POWERS_SIZE = 1 << 16
_BASE_POWERS = _powers(_BASE, _POWERS_SIZE)
_INVERSE_POWERS = _powers(_BASE_INVERSE, _POWERS_SIZE)


class PageText:
    """Lines joined by ``"\\n"``, as code points and their class bits (from ``classes``, a
    ``character_classes`` table), with the line of every character (but the breaks) and
    the position, length, line, key and capital initial of every word. Line ``k`` is
    ``points[starts[k]:ends[k]]``."""

    __slots__ = ("points", "classes", "line_of", "starts", "ends", "n_lines", "word_starts", "word_line",
                 "word_lengths", "word_keys", "word_capital")

    def __init__(self, lines: list[str], classes: np.ndarray = _OWN_CLASSES) -> None:
        self.n_lines = len(lines)
        lengths = np.fromiter(map(len, lines), dtype=np.int64, count=len(lines))
        self.ends = np.cumsum(lengths + 1) - 1
        self.starts = self.ends - lengths
        page = "\n".join(lines)
        points = self.points = code_points(page)
        n = len(points)
        astral = n > 0 and int(points.max()) >= _BMP
        kinds = self.classes = classes.take(np.minimum(points, _BMP - 1) if astral else points)
        if astral:  # emoji and rare scripts: classified one by one
            for i in np.flatnonzero(points >= _BMP).tolist():
                char = chr(points[i])
                kinds[i] = (WORD if char.isalnum() else 0) | (CAPITAL if char.isupper() else 0)
        self.line_of = np.cumsum(points == 10, dtype=np.int32)  # (a break counts for the next line)
        word = (kinds & WORD) > 0
        in_run = np.empty(n + 2, dtype=bool)  # padded with a False on each side
        in_run[0] = in_run[-1] = False
        in_run[1:-1] = (kinds & (WORD | JOINER)) > 0
        bounds = np.flatnonzero(in_run[1:] != in_run[:-1])  # run starts and ends, alternating
        starts, ends = bounds[0::2], bounds[1::2]
        led = np.flatnonzero(~word[starts])
        if len(led):  # runs led by joiners ("--", "'quote"): the word starts at their first word character
            word_positions = np.flatnonzero(word)
            first = np.searchsorted(word_positions, starts[led])
            first_at = word_positions[np.minimum(first, len(word_positions) - 1)] if len(word_positions) \
                else ends[led]
            starts[led] = np.where(first < len(word_positions), first_at, ends[led])
            keep = starts < ends
            starts, ends = starts[keep], ends[keep]
        self.word_starts = starts
        self.word_lengths = ends - starts
        self.word_line = self.line_of[starts]
        self.word_capital = (kinds[starts] & CAPITAL) > 0
        lowered = points.astype(np.uint64)
        cased = np.flatnonzero((kinds & LOWERS) > 0)
        lowered[cased] = _LOWER[points[cased]]
        powers, inverse_powers = (_BASE_POWERS, _INVERSE_POWERS[:n]) if n <= _POWERS_SIZE \
            else (_powers(_BASE, n), _powers(_BASE_INVERSE, n))
        running = np.empty(n + 1, dtype=np.uint64)
        running[0] = 0
        np.cumsum(lowered * inverse_powers, out=running[1:])
        self.word_keys = (running[ends] - running[starts]) * powers[starts]

    def words_per_line(self, weights: np.ndarray | None = None) -> np.ndarray:
        """Words of each line (or the sum of a per-word ``weights``)."""
        return np.bincount(self.word_line, weights=weights, minlength=self.n_lines)

    def per_line(self, positions: np.ndarray) -> np.ndarray:
        """How many of the character ``positions`` (no breaks) fall in each line."""
        return np.bincount(self.line_of[positions], minlength=self.n_lines)


def vocabulary_keys(words: Iterable[str]) -> np.ndarray:
    """The keys of ``words`` (each one word as ``PageText`` cuts them)."""
    keys: np.ndarray = PageText(list(words)).word_keys
    return keys
