"""Grouping documents into stories: LSH candidates, verified pairs, connected components.

The steps are separate functions because they scale separately: signing is per
document (embarrassingly parallel), candidates come from LSH band buckets (a
shuffle on a cluster), verification is per pair, and the components of the
verified pairs are few enough for one machine even for a very large corpus.

MinHash only proposes: each candidate pair is verified on the documents' exact
shingle sets. Estimating containment from MinHash resemblance multiplies the
estimate's error by the size ratio of the two documents, so a short page next to a
long one would join on noise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from thresher.stories.bands import band_layout, band_pairs
from thresher.stories.boilerplate import chrome_lines, line_hashes, line_words, without_lines
from thresher.stories.components import connected_components
from thresher.stories.containment import containment_pairs
from thresher.stories.frequency import among, frequent_shingles
from thresher.stories.options import StoryOptions
from thresher.stories.shingles import sorted_unique, word_shingles, words
from thresher.stories.signatures import minhash32

__all__ = [
    "SignedCorpus",
    "StoryDocument",
    "candidate_pairs",
    "connected_components",
    "group_documents",
    "sign_documents",
    "verify_pairs",
]


@dataclass(frozen=True, slots=True)
class StoryDocument:
    """What grouping looks at in one capture: its body, headline and date."""

    text: str
    title: str | None = None
    date: datetime | None = None


@dataclass(slots=True)
class SignedCorpus:
    """Per document: MinHash values (rows), shingle set, headline words and opening, all
    computed on the body without its chrome lines and without its common shingles.

    The shingle sets are one array (``shingle_values``, document after document, each
    set sorted) cut by ``offsets``: the top 32 bits of each kept shingle hash, enough to
    count intersections exactly (a collision needs two shingles equal in 32 bits), at
    four bytes a shingle and no per-document array.
    """

    hashvalues: np.ndarray
    shingle_values: np.ndarray
    offsets: np.ndarray
    #: Headline words; empty for a headline found on different stories (a site name, a
    #: chrome line read as the headline), which says nothing about the capture's story.
    titles: list[frozenset[str]]
    #: The first ``_OPENING`` shingles of each body, in text order (top 32 bits); row
    #: ``i`` holds ``opening_sizes[i]`` of them.
    openings: np.ndarray
    opening_sizes: np.ndarray
    #: How many lines of each body were dropped as chrome.
    chrome_lines: np.ndarray
    #: How many shingles of each body were set aside as common (``frequency``).
    common_shingles: np.ndarray

    def __len__(self) -> int:
        return len(self.offsets) - 1

    @property
    def sizes(self) -> np.ndarray:
        """The number of shingles of each document."""
        sizes: np.ndarray = np.diff(self.offsets)
        return sizes

    def shingles(self, index: int) -> np.ndarray:
        """Document ``index``'s shingle set (a view)."""
        values: np.ndarray = self.shingle_values[self.offsets[index] : self.offsets[index + 1]]
        return values

    def opening(self, index: int) -> np.ndarray:
        """Document ``index``'s opening shingles, in text order (a view)."""
        values: np.ndarray = self.openings[index, : self.opening_sizes[index]]
        return values


_EMPTY = np.empty(0, dtype=np.uint64)
_EMPTY_TITLE: frozenset[str] = frozenset()
#: Shingles of a body's opening kept, and the first of them compared.
_OPENING = 16
_OPENING_MATCH = 8
#: Neighbours each member of a bucket larger than a story is paired with (``bands``).
_WINDOW = 4


def _top32(values: np.ndarray) -> np.ndarray:
    return (values >> np.uint64(32)).astype(np.uint32)


def _sign(tokens: list[str], options: StoryOptions) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """MinHash values, sorted 32-bit shingle set and opening of one body (given as its words)."""
    shingles = _top32(word_shingles(tokens, options.shingle_size))
    unique = sorted_unique(shingles)
    return minhash32(unique, options.num_perm).hashvalues, unique, shingles[:_OPENING]


def sign_documents(documents: Sequence[StoryDocument], options: StoryOptions | None = None) -> SignedCorpus:
    """Sign every body, find its chrome lines (``boilerplate.chrome_lines``) and sign it
    again without them, then set aside the shingles too common to be any one story's
    (``frequency.common_shingles``) and sign what is left.

    Chrome is found in two rounds. Heavy chrome that varies from capture to capture (a
    different part of the site's menus each time) makes captures of one story look unlike
    each other, and lines of chrome make captures of different stories look alike; the
    first round takes out what it can on the whole bodies, the second decides every
    recurring line again on the bodies without the first round's chrome. Between the
    two, headlines found on different stories are set aside (see ``SignedCorpus.titles``).
    """
    options = options or StoryOptions()
    count = len(documents)
    hashvalues = np.zeros((count, options.num_perm), dtype=np.uint32)
    sizes = np.zeros(count, dtype=np.int64)
    kept: list[np.ndarray] = []
    openings: list[np.ndarray] = []
    lines: list[np.ndarray] = []
    for index, document in enumerate(documents):
        body = line_words(document.text)
        hashvalues[index], shingles, opening = _sign([word for tokens in body for word in tokens], options)
        sizes[index] = len(shingles)
        kept.append(shingles)
        openings.append(opening)
        lines.append(line_hashes(body))

    def recurring(
        keys: list[np.ndarray], titles: list[frozenset[str]] | None, min_share: float = 0.0
    ) -> np.ndarray:
        return chrome_lines(
            keys,
            hashvalues,
            sizes,
            titles,
            resemblance=options.chrome_resemblance,
            containment=options.chrome_containment,
            sample=options.chrome_sample,
            contradiction=options.headline_contradiction,
            agreement=options.headline_similarity,
            min_groups=3,
            min_share=min_share,
        )

    titles = [frozenset(words(document.title or "")) for document in documents]
    first_round = recurring(lines, titles)
    removed = [np.zeros(len(values), dtype=bool) for values in lines]
    _resign(documents, lines, first_round, options, hashvalues, sizes, kept, openings, removed)
    headline_keys = [line_hashes([sorted(title)]) if title else _EMPTY for title in titles]
    generic = recurring(headline_keys, None, min_share=0.5)
    titles = [
        _EMPTY_TITLE if among(key, generic).any() else title
        for key, title in zip(headline_keys, titles, strict=True)
    ]
    del headline_keys
    chrome = recurring(lines, titles)
    _resign(documents, lines, chrome, options, hashvalues, sizes, kept, openings, removed)
    chrome_counts = np.array([int(flags.sum()) for flags in removed], dtype=np.int64)
    del lines, removed
    offsets = np.zeros(count + 1, dtype=np.int64)
    np.cumsum(sizes, out=offsets[1:])
    values = np.concatenate(kept) if kept else np.empty(0, dtype=np.uint32)
    del kept
    # Shingles in more documents than a story usually holds are common when those
    # documents are different stories: the test of a recurring line, per shingle.
    common_values = recurring(frequent_shingles(values, offsets, options.story_capacity), titles)
    common = among(values, common_values)
    values, offsets, common_counts = _set_aside(values, offsets, common, options, hashvalues, openings)
    opening_rows = np.zeros((count, _OPENING), dtype=np.uint32)
    opening_sizes = np.zeros(count, dtype=np.int8)
    for index, opening in enumerate(openings):
        opening_rows[index, : len(opening)] = opening
        opening_sizes[index] = len(opening)
    return SignedCorpus(
        hashvalues=hashvalues,
        shingle_values=values,
        offsets=offsets,
        titles=titles,
        openings=opening_rows,
        opening_sizes=opening_sizes,
        chrome_lines=chrome_counts,
        common_shingles=common_counts,
    )


def _set_aside(
    values: np.ndarray,
    offsets: np.ndarray,
    common: np.ndarray,
    options: StoryOptions,
    hashvalues: np.ndarray,
    openings: list[np.ndarray],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The shingle sets without the ``common`` ones (a flag per value), each changed body
    signed again in place; a body left with fewer than ``min_shingles`` keeps them all,
    as it does its chrome lines (it is itself the recurring text)."""
    sizes = np.diff(offsets)
    owners = np.searchsorted(offsets, np.flatnonzero(common), side="right") - 1
    dropped = np.bincount(owners, minlength=len(sizes)).astype(np.int64)
    del owners
    keep = ~common
    for index in np.flatnonzero(dropped).tolist():
        start, end = offsets[index], offsets[index + 1]
        if end - start == dropped[index]:
            keep[start:end] = True
            dropped[index] = 0
            continue
        remaining = values[start:end][keep[start:end]]
        hashvalues[index] = minhash32(remaining, options.num_perm).hashvalues
        opening = openings[index]
        openings[index] = opening[~among(opening, values[start:end][common[start:end]])]
    new_offsets = np.zeros_like(offsets)
    np.cumsum(sizes - dropped, out=new_offsets[1:])
    return values[keep], new_offsets, dropped


def _resign(
    documents: Sequence[StoryDocument],
    lines: list[np.ndarray],
    chrome: np.ndarray,
    options: StoryOptions,
    hashvalues: np.ndarray,
    sizes: np.ndarray,
    kept: list[np.ndarray],
    openings: list[np.ndarray],
    removed: list[np.ndarray],
) -> None:
    """Sign again, in place, each body whose chrome lines differ from those taken out so far
    (``removed``: a flag per line)."""
    for index, document in enumerate(documents):
        hits = among(lines[index], chrome)
        if np.array_equal(hits, removed[index]):
            continue
        body = line_words(document.text)
        signature, shingles, opening = _sign(without_lines(body, hits), options)
        # A body that is chrome only (an error page, a login wall) keeps its shingles: its
        # copies are one page. A body left with a few words of its own keeps just those:
        # the chrome around them would join it to every page of the site.
        if hits.any() and len(shingles) == 0:
            hits = np.zeros_like(hits)
            if not removed[index].any():
                continue
            signature, shingles, opening = _sign(without_lines(body, hits), options)
        hashvalues[index], kept[index], openings[index] = signature, shingles, opening
        sizes[index] = len(shingles)
        removed[index] = hits


def candidate_pairs(corpus: SignedCorpus, options: StoryOptions) -> np.ndarray:
    """Index pairs ``(i, j)``, ``i < j``, worth verifying: those that share an LSH band
    (``bands.band_pairs`` with datasketch's banding for ``candidate_threshold``) and those
    where one body lies mostly inside another (``containment_pairs``, unless
    ``containment_candidates`` is None)."""
    bands, rows = band_layout(options.candidate_threshold, corpus.hashvalues.shape[1])
    found = [
        band_pairs(
            corpus.hashvalues,
            bands,
            rows,
            corpus.sizes > 0,
            max_bucket=options.story_capacity,
            window=_WINDOW,
        )
    ]
    if options.containment_candidates is not None:
        found.append(
            containment_pairs(
                corpus.shingle_values,
                corpus.offsets,
                options.containment_candidates,
                options.min_shingles,
                options.story_capacity,
            )
        )
    pairs = np.concatenate(found)
    if not len(pairs):
        return np.empty((0, 2), dtype=np.int64)
    unique: np.ndarray = np.unique(pairs, axis=0)
    return unique


def pair_scores(corpus: SignedCorpus, pairs: np.ndarray) -> dict[str, np.ndarray]:
    """Exact resemblance and containment, headline similarity and openings of each pair."""
    first, second = pairs[:, 0], pairs[:, 1]
    shingles = corpus.shingles
    shared = np.array(
        [
            len(np.intersect1d(shingles(a), shingles(b), assume_unique=True))
            for a, b in zip(first.tolist(), second.tolist(), strict=True)
        ],
        dtype=np.float64,
    )
    sizes = corpus.sizes
    size_a = sizes[first].astype(np.float64)
    size_b = sizes[second].astype(np.float64)
    smaller = np.maximum(np.minimum(size_a, size_b), 1)
    resemblance = shared / np.maximum(size_a + size_b - shared, 1)
    containment = shared / smaller
    headline = np.array([_jaccard(corpus.titles[a], corpus.titles[b]) for a, b in pairs], dtype=np.float64)
    shorter = np.where(size_a <= size_b, first, second)
    longer = np.where(size_a <= size_b, second, first)
    same_opening = np.array(
        [
            _opens_alike(corpus.opening(a), corpus.opening(b))
            for a, b in zip(shorter.tolist(), longer.tolist(), strict=True)
        ],
        dtype=bool,
    )
    return {
        "resemblance": resemblance,
        "containment": containment,
        "headline": headline,
        "smaller": smaller,
        "titles_known": np.array([bool(corpus.titles[a]) and bool(corpus.titles[b]) for a, b in pairs]),
        "same_opening": same_opening,
    }


def _opens_alike(short: np.ndarray, long: np.ndarray) -> bool:
    """Whether the shorter body starts the way the longer one does: most of its first
    ``_OPENING_MATCH`` shingles are among the longer one's first ``_OPENING``."""
    head = short[:_OPENING_MATCH]
    return len(head) >= _OPENING_MATCH // 2 and np.isin(head, long).sum() >= 0.75 * len(head)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def verify_pairs(corpus: SignedCorpus, pairs: np.ndarray, options: StoryOptions) -> np.ndarray:
    """A boolean per pair: do its two documents belong to one story? (See ``StoryOptions``.)"""
    if len(pairs) == 0:
        return np.zeros(0, dtype=bool)
    scores = pair_scores(corpus, pairs)
    similar = scores["resemblance"] >= options.resemblance
    # A short text inside a long one may be a quoted paragraph of another story: when
    # the headlines share next to nothing, containment alone does not join, unless the
    # short body opens the way the long one does (a teaser under a rewritten headline).
    contradicted = (
        scores["titles_known"]
        & (scores["headline"] < options.headline_contradiction)
        & ~scores["same_opening"]
    )
    # A teaser inside its article shares little besides that text; so does a story
    # whose few paragraphs another story quotes as background. With so little
    # resemblance, the headlines must agree too, or the short body must be the long
    # one's opening (a teaser is; quoted background rarely opens a story).
    unconfirmed = (
        scores["titles_known"]
        & (scores["resemblance"] < options.evidence_resemblance)
        & (scores["headline"] < options.headline_similarity)
        & ~scores["same_opening"]
    )
    contained = (
        (scores["containment"] >= options.containment)
        & (scores["smaller"] >= options.min_shingles)
        & ~contradicted
        & ~unconfirmed
    )
    # Agreeing headlines with some shared body: however far apart the captures are (a
    # wiki article revised over years keeps its title while its text drifts).
    evidence = (scores["headline"] >= options.headline_similarity) & (
        scores["resemblance"] >= options.evidence_resemblance
    )
    joined: np.ndarray = similar | contained | evidence
    return joined


def group_documents(documents: Sequence[StoryDocument], options: StoryOptions | None = None) -> list[int]:
    """The story label of each document: the index of the story's first document.

    >>> group_documents([StoryDocument("a b c d e f g"), StoryDocument("x y z"),
    ...                  StoryDocument("a b c d e f g")], StoryOptions(min_shingles=1))
    [0, 1, 0]
    """
    options = options or StoryOptions()
    corpus = sign_documents(documents, options)
    pairs = candidate_pairs(corpus, options)
    accepted = pairs[verify_pairs(corpus, pairs, options)] if len(pairs) else pairs
    return connected_components(len(documents), map(tuple, accepted))
