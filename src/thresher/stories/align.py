"""Aligning two sequences of text units (paragraphs or sentences) as an editor changed them.

The operations follow the NewsEdits study of news revisions: a unit is unchanged,
added, deleted, edited (the same unit reworded) or moved (out of order). A unit
whose only changes are whitespace or typography (quotes, dashes, spaces) is
``trivial``: readers see no difference, so it never counts as an edit.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

import regex

__all__ = ["Alignment", "WordChange", "align", "moved_pairs", "normalize", "similarity", "word_changes"]

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


def _in_order(pairs: list[tuple[int, int, float]]) -> set[int]:
    """The pairs a reader sees in place: a heaviest chain increasing in both positions.

    ``pairs`` holds ``(b index, a index, weight)`` sorted by b index; every weight is
    one plus a tie-break below ``1 / len(pairs)``, so the chain keeps as many units as
    possible and, among equally long chains, the heaviest. Everything outside it is
    what moved: the fewest units whose removal leaves the rest in order. A Fenwick
    tree over a positions finds the best chain ending below each a index in log time.
    """
    size = max((i for _, i, _ in pairs), default=-1) + 2
    tree_weight = [0.0] * size
    tree_end = [-1] * size
    previous = [-1] * len(pairs)
    totals = [0.0] * len(pairs)
    for index, (_, i, weight) in enumerate(pairs):
        best, best_end = 0.0, -1
        position = i  # prefix of a positions strictly below i (tree positions are shifted by one)
        while position > 0:
            if tree_weight[position] > best:
                best, best_end = tree_weight[position], tree_end[position]
            position -= position & -position
        totals[index], previous[index] = best + weight, best_end
        position = i + 1
        while position < size:
            if totals[index] > tree_weight[position]:
                tree_weight[position], tree_end[position] = totals[index], index
            position += position & -position
    chain: set[int] = set()
    end = max(range(len(pairs)), key=totals.__getitem__, default=-1)
    while end >= 0:
        chain.add(end)
        end = previous[end]
    return chain


def moved_pairs(pairs: set[tuple[int, int]], length_a: int, length_b: int) -> set[tuple[int, int]]:
    """The pairs ``(a index, b index)`` that moved: those outside ``_in_order``'s chain, ties
    going to the chain nearest the diagonal of the two texts (lengths ``length_a``, ``length_b``)."""
    ordered = sorted((j, i) for i, j in pairs)
    tie_break = 1.0 / (len(ordered) + 1)
    weighted = [(j, i, 1.0 + tie_break * (1.0 - _offset(i, j, length_a, length_b))) for j, i in ordered]
    chain = _in_order(weighted)
    return {(i, j) for index, (j, i) in enumerate(ordered) if index not in chain}


def align(a: list[str], b: list[str], min_similarity: float = DEFAULT_MIN_SIMILARITY) -> list[Alignment]:
    """Align old units ``a`` with new units ``b``; the result is in reading order of ``b``.

    Units are first paired: equal units (after ``normalize``, in-order copies first),
    then the rest by word similarity, best first. Then the pairs a reader sees in
    place are the longest chain in order on both sides (``_in_order``; an edited
    unit holds its place like an unchanged one); the other pairs moved. Among chains
    of one length the one closest to the diagonal of the two texts wins, so the unit
    that jumped is flagged, not the units it jumped over. Unpaired units were deleted
    or added; deleted units appear where they stood.
    """
    keys_a, keys_b = [normalize(u) for u in a], [normalize(u) for u in b]
    matcher = SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    pairs: dict[int, tuple[int, float]] = {}  # b index -> (a index, similarity)
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            pairs[block.b + offset] = (block.a + offset, 1.0)
    used_a = {i for i, _ in pairs.values()}
    # Equal units out of order.
    by_key: dict[str, list[int]] = {}
    for i in range(len(a)):
        if i not in used_a:
            by_key.setdefault(keys_a[i], []).append(i)
    for j in range(len(b)):
        candidates = by_key.get(keys_b[j])
        if j not in pairs and candidates:
            pairs[j] = (candidates.pop(0), 1.0)
    used_a = {i for i, _ in pairs.values()}
    free_a = [i for i in range(len(a)) if i not in used_a]
    free_b = [j for j in range(len(b)) if j not in pairs]
    # Reworded units: best similarity first, the nearer position on a tie.
    scored: list[tuple[float, float, int, int]] = []
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
                    scored.append((score, _offset(i, j, len(a), len(b)), i, j))
    scored.sort(key=lambda item: (-item[0], item[1], item[2], item[3]))
    taken_a: set[int] = set()
    for score, _, i, j in scored:
        if i in taken_a or j in pairs:
            continue
        pairs[j] = (i, score)
        taken_a.add(i)
    moved = moved_pairs({(i, j) for j, (i, _) in pairs.items()}, len(a), len(b))
    in_place = {j for j, (i, _) in pairs.items() if (i, j) not in moved}
    used_a = {i for i, _ in pairs.values()}
    deleted = [i for i in range(len(a)) if i not in used_a]

    result: list[Alignment] = []
    pending = iter(deleted)
    next_deleted = next(pending, None)
    for j in range(len(b)):
        entry = pairs.get(j)
        if entry is not None and j in in_place:
            # Deleted units that stood before this unit's old position come first.
            while next_deleted is not None and next_deleted < entry[0]:
                result.append(Alignment("deleted", next_deleted, None, a[next_deleted], None))
                next_deleted = next(pending, None)
        if entry is None:
            result.append(Alignment("added", None, j, None, b[j]))
        else:
            i = entry[0]
            result.append(_paired("edited" if j in in_place else "moved", i, j, a[i], b[j]))
    while next_deleted is not None:
        result.append(Alignment("deleted", next_deleted, None, a[next_deleted], None))
        next_deleted = next(pending, None)
    return result


def _offset(i: int, j: int, length_a: int, length_b: int) -> float:
    """How far apart two positions sit in their texts, as shares of each text (0 to 1)."""
    return abs((i + 0.5) / max(length_a, 1) - (j + 0.5) / max(length_b, 1))
