"""Chrome residue: lines of text that recur across *different* stories are ignored.

Menus, newsletter boxes, "most read" lists and footers that an extractor let through
repeat on many pages of a site; matching on them would glue that site's stories
together. A story's own text also repeats, in every capture of the story, for as long
as the story is captured (a live page, a wiki article, a reprint a year later), so
neither how often nor how long a text recurs tells the two apart. What does is the
company it keeps: the captures holding a line of chrome are otherwise different texts,
the captures holding a line of a story are otherwise alike (or one lies inside the
other: a teaser in its article).

So a line that recurs (the same words in two documents or more) is chrome when the
documents holding it fall into several groups that are different stories (``grouping``
asks for three: a site's chrome is on many of its stories, while a paragraph one story
quotes from another is left to the pair checks). Two documents are one story when their
headlines agree, or else when their MinHash signatures say the whole bodies resemble
each other or one lies inside the other, unless their headlines contradict it;
groups are transitive, so a long chain of versions holding the line is one group as
long as each step resembles the next.

The unit is the line because extracted bodies and rendered-text captures keep one
block per line, and chrome comes in whole blocks. Lines with the same set of documents
are decided once: a site's header is one decision, not one per menu item.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from thresher.stories.components import connected_components
from thresher.stories.shingles import words

__all__ = ["chrome_lines", "line_hashes", "line_words", "without_lines"]

_EMPTY = np.empty(0, dtype=np.uint64)
#: Resemblance from which two bodies are copies of one text whatever their headlines say
#: (an extractor may read a chrome line as the headline of one capture).
_CONTRADICTED_RESEMBLANCE = 0.8


def line_words(text: str) -> list[list[str]]:
    """The ``words`` of each line of ``text`` that has some, in order."""
    return [tokens for tokens in map(words, text.splitlines()) if tokens]


def line_hashes(lines: list[list[str]]) -> np.ndarray:
    """A stable 64-bit hash of each line (given as its words), in order."""
    values = [
        int.from_bytes(hashlib.blake2b(" ".join(tokens).encode("utf-8"), digest_size=8).digest(), "little")
        for tokens in lines
    ]
    return np.array(values, dtype=np.uint64) if values else _EMPTY


def without_lines(lines: list[list[str]], drop: np.ndarray) -> list[str]:
    """The words of ``lines`` in order, without the lines flagged in ``drop``."""
    flags = drop.tolist()
    return [word for tokens, dropped in zip(lines, flags, strict=True) if not dropped for word in tokens]


def chrome_lines(
    lines: Sequence[np.ndarray],
    signatures: np.ndarray,
    sizes: np.ndarray,
    titles: Sequence[frozenset[str]] | None = None,
    *,
    resemblance: float,
    containment: float,
    sample: int,
    contradiction: float = 0.2,
    agreement: float = 0.6,
    min_groups: int = 2,
    min_share: float = 0.0,
) -> np.ndarray:
    """The hashes of the lines that are chrome, sorted.

    ``lines[i]`` holds document ``i``'s line hashes; ``signatures[i]`` its MinHash values
    over all its shingles and ``sizes[i]`` their number. A recurring line is chrome when
    its documents (at most ``sample`` of them, chosen by signature so the choice does not
    depend on document order) form ``min_groups`` groups or more (and at least
    ``min_share`` of the documents compared), two documents being in
    one group when their estimated resemblance reaches ``resemblance`` or the smaller
    seems to lie inside the larger to ``containment``. Two documents whose headlines
    (``titles``, word sets) share less than ``contradiction`` (Jaccard) are one group
    only when the smaller lies inside the larger or when their bodies are near
    copies (``_CONTRADICTED_RESEMBLANCE``): when the extractor leaves much of a site's
    chrome in, different stories of the site resemble each other, and only their
    headlines still tell them apart.
    """
    distinct = [np.unique(values) for values in lines]
    if not distinct:
        return _EMPTY
    hashes = np.concatenate(distinct)
    documents = np.repeat(np.arange(len(distinct), dtype=np.int64), [len(v) for v in distinct])
    order = np.argsort(hashes, kind="stable")
    hashes, documents = hashes[order], documents[order]
    starts = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]])
    counts = np.diff(np.r_[starts, len(hashes)])
    recurring = counts >= 2
    # A stable rank per document (its signature), so the sample of a large posting is the
    # same whatever order the documents came in.
    rank = np.lexsort(signatures[:, :2].T[::-1]).argsort() if len(signatures) else np.empty(0, np.int64)
    verdicts: dict[bytes, bool] = {}
    chrome: list[np.ndarray] = []
    for start, count in zip(starts[recurring].tolist(), counts[recurring].tolist(), strict=True):
        members = documents[start : start + count]
        key = members.tobytes()
        verdict = verdicts.get(key)
        if verdict is None:
            if count > sample:
                members = members[np.argsort(rank[members], kind="stable")[:sample]]
            headlines = [titles[m] for m in members.tolist()] if titles is not None else None
            verdict = _groups(
                signatures[members],
                sizes[members],
                headlines,
                resemblance,
                containment,
                contradiction,
                agreement,
            ) >= max(min_groups, min_share * len(members))
            verdicts[key] = verdict
        if verdict:
            chrome.append(hashes[start : start + 1])
    return np.concatenate(chrome) if chrome else _EMPTY


def _groups(
    signatures: np.ndarray,
    sizes: np.ndarray,
    titles: list[frozenset[str]] | None,
    resemblance_at: float,
    containment_at: float,
    contradiction: float,
    agreement: float,
) -> int:
    """How many groups the documents form, joining those that resemble each other or where
    the smaller one seems to lie inside the larger."""
    count = len(signatures)
    resemblance = (signatures[:, None, :] == signatures[None, :, :]).mean(axis=2)
    size = sizes.astype(np.float64)
    smaller = np.maximum(np.minimum(size[:, None], size[None, :]), 1.0)
    # |A∩B| = J (|A| + |B|) / (1 + J), over the smaller set: the containment of the smaller.
    containment = resemblance * (size[:, None] + size[None, :]) / ((1.0 + resemblance) * smaller)
    alike = (resemblance >= resemblance_at) | (containment >= containment_at)
    if titles is not None:
        # Where both captures have a headline, it says which story they are: agreeing
        # headlines are one story, contradicting ones two (unless the bodies are near
        # copies), and in between the bodies decide.
        for a in range(count):
            for b in range(a + 1, count):
                first, second = titles[a], titles[b]
                if not first or not second:
                    continue
                shared = len(first & second) / len(first | second)
                if shared >= agreement or resemblance[a, b] >= _CONTRADICTED_RESEMBLANCE:
                    alike[a, b] = True
                elif shared < contradiction:
                    alike[a, b] = False
    edges = zip(*np.nonzero(np.triu(alike, k=1)), strict=True)
    return len(set(connected_components(count, edges)))
