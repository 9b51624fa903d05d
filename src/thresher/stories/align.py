"""Aligning two sequences of text units (paragraphs or sentences) as an editor changed them.

The operations follow the NewsEdits study of news revisions: a unit is unchanged,
added, deleted, edited (the same unit reworded) or moved (out of order). A unit
whose only changes are whitespace or typography (quotes, dashes, spaces) is
``trivial``: readers see no difference, so it never counts as an edit.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

import regex

__all__ = ["Alignment", "WordChange", "align", "normalize", "similarity", "word_changes"]

_TYPOGRAPHY = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "`": "'",
        "´": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "«": '"',
        "»": '"',
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
        "−": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u200b": "",
        "\u00ad": "",
        "\ufeff": "",
    }
)
_SPACE = regex.compile(r"\s+")
_TOKEN = regex.compile(r"\s+|[\p{L}\p{N}\p{M}]+|[^\s\p{L}\p{N}\p{M}]")
#: Units less alike than this are never paired as an edit of each other.
DEFAULT_MIN_SIMILARITY = 0.5
_MAX_FUZZY_PAIRS = 200_000


def normalize(text: str) -> str:
    """The text as a reader perceives it: NFKC, plain quotes and dashes, single spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY).replace("…", "...")
    return str(_SPACE.sub(" ", text)).strip()


def _tokens(text: str) -> list[str]:
    tokens: list[str] = _TOKEN.findall(text)
    return tokens


def _token_key(token: str) -> str:
    return " " if token.isspace() else normalize(token)


@dataclass(frozen=True, slots=True)
class WordChange:
    """One run of a word-level diff: ``equal``, ``insert``, ``delete`` or ``replace``."""

    op: str
    a: str
    b: str

    def to_dict(self) -> dict[str, str]:
        return {"op": self.op, "a": self.a, "b": self.b}


def word_changes(a: str, b: str) -> tuple[WordChange, ...]:
    """Word-level diff of two texts; whitespace and typography differences count as equal."""
    tokens_a, tokens_b = _tokens(a), _tokens(b)
    matcher = SequenceMatcher(
        None, [_token_key(t) for t in tokens_a], [_token_key(t) for t in tokens_b], autojunk=False
    )
    changes: list[WordChange] = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        changes.append(WordChange(op, "".join(tokens_a[a0:a1]), "".join(tokens_b[b0:b1])))
    return tuple(changes)


def similarity(a: str, b: str) -> float:
    """Share of words two units have in common, in order (difflib ratio over words)."""
    return SequenceMatcher(
        None, normalize(a).casefold().split(), normalize(b).casefold().split(), autojunk=False
    ).ratio()


@dataclass(frozen=True, slots=True)
class Alignment:
    """One unit's fate: ``op`` is unchanged, trivial, edited, moved, added or deleted.

    ``a_index``/``b_index`` are positions in the old and new sequences (None for the
    side it is missing from). ``words`` is the word-level diff of edited and moved
    units; ``children`` holds the sentence alignment inside an edited paragraph.
    """

    op: str
    a_index: int | None
    b_index: int | None
    a: str | None
    b: str | None
    words: tuple[WordChange, ...] = ()
    children: tuple[Alignment, ...] = field(default=())

    @property
    def changed(self) -> bool:
        """True unless the unit reads the same on both sides."""
        return self.op not in ("unchanged", "trivial")

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "op": self.op,
            "a_index": self.a_index,
            "b_index": self.b_index,
            "a": self.a,
            "b": self.b,
        }
        if self.words:
            data["words"] = [change.to_dict() for change in self.words]
        if self.children:
            data["sentences"] = [child.to_dict() for child in self.children]
        return data


def _paired(op: str, i: int, j: int, a: str, b: str) -> Alignment:
    """A pair of units: unchanged/trivial when they read the same, else ``op`` with a word diff."""
    if a == b:
        return Alignment("unchanged" if op != "moved" else "moved", i, j, a, b)
    changes = word_changes(a, b)
    if all(change.op == "equal" for change in changes):
        return Alignment("trivial" if op != "moved" else "moved", i, j, a, b)
    return Alignment(op, i, j, a, b, words=changes)


def align(a: list[str], b: list[str], min_similarity: float = DEFAULT_MIN_SIMILARITY) -> list[Alignment]:
    """Align old units ``a`` with new units ``b``; the result is in reading order of ``b``.

    In-order exact matches (after ``normalize``) anchor the alignment; equal units out
    of order are moved; remaining units are paired by word similarity (best first),
    as edits when they sit in the same gap between anchors and as moves otherwise;
    what is left was deleted or added. Deleted units appear where they stood.
    """
    keys_a, keys_b = [normalize(u) for u in a], [normalize(u) for u in b]
    matcher = SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    pairs: dict[int, tuple[str, int]] = {}  # b index -> (op, a index)
    anchors_a: list[int] = []
    anchors_b: list[int] = []
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            pairs[block.b + offset] = ("unchanged", block.a + offset)
            anchors_a.append(block.a + offset)
            anchors_b.append(block.b + offset)
    free_a = [i for i in range(len(a)) if i not in set(anchors_a)]
    free_b = [j for j in range(len(b)) if j not in pairs]
    # Equal units out of order: moved.
    by_key: dict[str, list[int]] = {}
    for i in free_a:
        by_key.setdefault(keys_a[i], []).append(i)
    for j in list(free_b):
        candidates = by_key.get(keys_b[j])
        if candidates:
            pairs[j] = ("moved", candidates.pop(0))
    used_a = {i for _, i in pairs.values()}
    free_a = [i for i in free_a if i not in used_a]
    free_b = [j for j in free_b if j not in pairs]
    # Reworded units: best similarity first.
    scored: list[tuple[float, int, int]] = []
    if free_a and free_b and len(free_a) * len(free_b) <= _MAX_FUZZY_PAIRS:
        words_a = {i: keys_a[i].casefold().split() for i in free_a}
        for j in free_b:
            words_b = keys_b[j].casefold().split()
            matcher_b = SequenceMatcher(None, autojunk=False)
            matcher_b.set_seq2(words_b)
            for i in free_a:
                matcher_b.set_seq1(words_a[i])
                if matcher_b.real_quick_ratio() < min_similarity or matcher_b.quick_ratio() < min_similarity:
                    continue
                score = matcher_b.ratio()
                if score >= min_similarity:
                    scored.append((score, i, j))
    scored.sort(key=lambda item: (-item[0], item[1], item[2]))
    taken_a: set[int] = set()
    for _, i, j in scored:
        if i in taken_a or j in pairs:
            continue
        same_gap = bisect.bisect(anchors_a, i) == bisect.bisect(anchors_b, j)
        pairs[j] = ("edited" if same_gap else "moved", i)
        taken_a.add(i)
    used_a = {i for _, i in pairs.values()}
    deleted = [i for i in range(len(a)) if i not in used_a]

    result: list[Alignment] = []
    pending = iter(deleted)
    next_deleted = next(pending, None)
    for j in range(len(b)):
        entry = pairs.get(j)
        if entry is not None and entry[0] != "moved":
            # Deleted units that stood before this unit's old position come first.
            while next_deleted is not None and next_deleted < entry[1]:
                result.append(Alignment("deleted", next_deleted, None, a[next_deleted], None))
                next_deleted = next(pending, None)
        if entry is None:
            result.append(Alignment("added", None, j, None, b[j]))
        else:
            op, i = entry
            result.append(_paired(op, i, j, a[i], b[j]))
    while next_deleted is not None:
        result.append(Alignment("deleted", next_deleted, None, a[next_deleted], None))
        next_deleted = next(pending, None)
    return result
