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
from datasketch import LeanMinHash, MinHashLSH

from thresher.stories.boilerplate import chrome_lines, line_hashes, line_words, without_lines
from thresher.stories.components import connected_components
from thresher.stories.containment import containment_pairs
from thresher.stories.options import StoryOptions
from thresher.stories.shingles import sorted_unique, word_shingles, words
from thresher.stories.signatures import SCHEME, SEED, minhash

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
    computed on the body without its chrome lines.

    ``shingles`` keeps the top 32 bits of each kept shingle hash, sorted: enough to
    count intersections exactly (a collision needs two shingles equal in 32 bits).
    """

    hashvalues: np.ndarray
    shingles: list[np.ndarray]
    sizes: np.ndarray
    #: Headline words; empty for a headline found on different stories (a site name, a
    #: chrome line read as the headline), which says nothing about the capture's story.
    titles: list[frozenset[str]]
    #: The first ``_OPENING`` shingles of each body, in text order (top 32 bits).
    openings: list[np.ndarray]
    #: How many lines of each body were dropped as chrome.
    chrome_lines: np.ndarray

    def __len__(self) -> int:
        return len(self.sizes)


_EMPTY = np.empty(0, dtype=np.uint64)
_EMPTY_TITLE: frozenset[str] = frozenset()
#: Shingles of a body's opening kept, and the first of them compared.
_OPENING = 16
_OPENING_MATCH = 8


def _top32(values: np.ndarray) -> np.ndarray:
    return (values >> np.uint64(32)).astype(np.uint32)


def _sign(tokens: list[str], options: StoryOptions) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """MinHash values, sorted 32-bit shingle set and opening of one body (given as its words)."""
    sequence = word_shingles(tokens, options.shingle_size)
    shingles = sorted_unique(sequence)
    return (
        minhash(shingles, options.num_perm).hashvalues,
        sorted_unique(_top32(shingles)),
        _top32(sequence[:_OPENING]),
    )


def sign_documents(documents: Sequence[StoryDocument], options: StoryOptions | None = None) -> SignedCorpus:
    """Sign every body, find its chrome lines (``boilerplate.chrome_lines``) and sign it
    again without them.

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
        _EMPTY_TITLE if _among(key, generic).any() else title
        for key, title in zip(headline_keys, titles, strict=True)
    ]
    del headline_keys
    chrome = recurring(lines, titles)
    _resign(documents, lines, chrome, options, hashvalues, sizes, kept, openings, removed)
    return SignedCorpus(
        hashvalues=hashvalues,
        shingles=kept,
        sizes=sizes,
        titles=titles,
        openings=openings,
        chrome_lines=np.array([int(flags.sum()) for flags in removed], dtype=np.int64),
    )


def _among(values: np.ndarray, ordered: np.ndarray) -> np.ndarray:
    """Which ``values`` are in the sorted array ``ordered``: a binary search per value, so
    that checking every body against a corpus-wide list stays linear in the corpus
    (``np.isin`` would sort the list again for each body)."""
    if len(ordered) == 0:
        return np.zeros(len(values), dtype=bool)
    where = np.minimum(np.searchsorted(ordered, values), len(ordered) - 1)
    found: np.ndarray = ordered[where] == values
    return found


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
        hits = _among(lines[index], chrome)
        if np.array_equal(hits, removed[index]):
            continue
        body = line_words(document.text)
        signature, shingles, opening = _sign(without_lines(body, hits), options)
        # A body left with almost nothing is itself the recurring text (a page of chrome
        # only, or a stub): it keeps all its shingles.
        if hits.any() and len(shingles) < options.min_shingles:
            hits = np.zeros_like(hits)
            if not removed[index].any():
                continue
            signature, shingles, opening = _sign(without_lines(body, hits), options)
        hashvalues[index], kept[index], openings[index] = signature, shingles, opening
        sizes[index] = len(shingles)
        removed[index] = hits


def candidate_pairs(corpus: SignedCorpus, options: StoryOptions) -> np.ndarray:
    """Index pairs ``(i, j)``, ``i < j``, worth verifying: those that share an LSH band
    (datasketch ``MinHashLSH`` at ``candidate_threshold``) and those where one body lies
    mostly inside another (``containment_pairs``, unless ``containment_candidates`` is None)."""
    lsh = MinHashLSH(threshold=options.candidate_threshold, num_perm=corpus.hashvalues.shape[1])
    signatures: list[LeanMinHash | None] = []
    with lsh.insertion_session() as session:
        for index in range(len(corpus)):
            if corpus.sizes[index] == 0:
                signatures.append(None)
                continue
            signature = LeanMinHash(seed=SEED, hashvalues=corpus.hashvalues[index], scheme=SCHEME)
            signatures.append(signature)
            session.insert(index, signature, check_duplication=False)
    pairs: set[tuple[int, int]] = set()
    for index, signature in enumerate(signatures):
        if signature is None:
            continue
        for other in lsh.query(signature):
            if other > index:
                pairs.add((index, other))
    if options.containment_candidates is not None:
        contained = containment_pairs(corpus.shingles, options.containment_candidates, options.min_shingles)
        pairs.update(zip(contained[:, 0].tolist(), contained[:, 1].tolist(), strict=True))
    if not pairs:
        return np.empty((0, 2), dtype=np.int64)
    return np.array(sorted(pairs), dtype=np.int64)


def pair_scores(corpus: SignedCorpus, pairs: np.ndarray) -> dict[str, np.ndarray]:
    """Exact resemblance and containment, headline similarity and openings of each pair."""
    first, second = pairs[:, 0], pairs[:, 1]
    shared = np.array(
        [len(np.intersect1d(corpus.shingles[a], corpus.shingles[b], assume_unique=True)) for a, b in pairs],
        dtype=np.float64,
    )
    size_a = np.array([len(corpus.shingles[a]) for a in first], dtype=np.float64)
    size_b = np.array([len(corpus.shingles[b]) for b in second], dtype=np.float64)
    smaller = np.maximum(np.minimum(size_a, size_b), 1)
    resemblance = shared / np.maximum(size_a + size_b - shared, 1)
    containment = shared / smaller
    headline = np.array([_jaccard(corpus.titles[a], corpus.titles[b]) for a, b in pairs], dtype=np.float64)
    shorter = np.where(size_a <= size_b, first, second)
    longer = np.where(size_a <= size_b, second, first)
    same_opening = np.array(
        [
            _opens_alike(corpus.openings[a], corpus.openings[b])
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
