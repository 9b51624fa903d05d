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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from datasketch import LeanMinHash, MinHashLSH

from thresher.stories.boilerplate import ShingleFrequency, boilerplate_mask, date_spans
from thresher.stories.containment import containment_pairs
from thresher.stories.options import StoryOptions
from thresher.stories.shingles import shingle_sequence, words
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
    """Per document: MinHash values (rows), shingle set, headline words and date.

    ``shingles`` keeps the top 32 bits of each kept shingle hash, sorted: enough to
    count intersections exactly (a collision needs two shingles equal in 32 bits).
    """

    hashvalues: np.ndarray
    shingles: list[np.ndarray]
    sizes: np.ndarray
    titles: list[frozenset[str]]
    days: np.ndarray
    #: The first ``_OPENING`` kept shingles of each body, in text order (top 32 bits).
    openings: list[np.ndarray]

    def __len__(self) -> int:
        return len(self.sizes)


_EMPTY = np.empty(0, dtype=np.uint64)
#: Shingles of a body's opening kept (after boilerplate is dropped), the first of them
#: compared, and how far into the body the opening is looked for (boilerplate before it).
_OPENING = 16
_OPENING_MATCH = 8
_OPENING_SCAN = 128


def _day_number(date: datetime | None) -> float:
    if date is None:
        return float("nan")
    return date.replace(tzinfo=None).timestamp() / 86400.0


def sign_documents(documents: Sequence[StoryDocument], options: StoryOptions | None = None) -> SignedCorpus:
    """Count shingle document frequency and date spans, then sign each body without its boilerplate."""
    options = options or StoryOptions()
    frequency = ShingleFrequency()
    days = np.array([_day_number(document.date) for document in documents], dtype=np.float64)
    # Pass 1 keeps each document's shingles so later passes need not recompute them;
    # the last pass swaps each for the smaller 32-bit set that verification needs.
    pending: list[np.ndarray] = []
    starts: list[np.ndarray] = []  # each body's first shingles, in order
    for document in documents:
        sequence = shingle_sequence(document.text, options.shingle_size)
        starts.append((sequence[:_OPENING_SCAN] >> np.uint64(32)).astype(np.uint32))
        shingles = np.unique(sequence)
        frequency.add(shingles)
        pending.append(shingles)
    frequent = [shingles[frequency.frequency(shingles) > options.boilerplate_min_df] for shingles in pending]
    spans = date_spans(frequent, days)
    del frequent
    max_df = options.shingle_df_limit(len(documents))
    hashvalues = np.zeros((len(documents), options.num_perm), dtype=np.uint32)
    sizes = np.zeros(len(documents), dtype=np.int64)
    kept: list[np.ndarray] = []
    openings: list[np.ndarray] = []
    for index in range(len(documents)):
        shingles = pending[index]
        pending[index] = _EMPTY
        boilerplate = boilerplate_mask(
            frequency.frequency(shingles),
            spans.span(shingles),
            min_df=options.boilerplate_min_df,
            min_days=options.boilerplate_min_days,
            max_df=max_df,
        )
        # A document left with almost nothing is itself the widely repeated text, not
        # a page with some boilerplate on it: it keeps all its shingles.
        if len(shingles) - int(boilerplate.sum()) >= options.min_shingles:
            shingles = shingles[~boilerplate]
        sizes[index] = len(shingles)
        hashvalues[index] = minhash(shingles, options.num_perm).hashvalues
        kept.append(np.unique((shingles >> np.uint64(32)).astype(np.uint32)))
        start, starts[index] = starts[index], _EMPTY
        openings.append(start[np.isin(start, kept[-1])][:_OPENING])
    return SignedCorpus(
        hashvalues=hashvalues,
        shingles=kept,
        sizes=sizes,
        titles=[frozenset(words(document.title or "")) for document in documents],
        days=days,
        openings=openings,
    )


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
    """Exact resemblance and containment, headline similarity and days apart of each pair."""
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
    days_apart = np.abs(corpus.days[first] - corpus.days[second])
    shorter = np.where(size_a <= size_b, first, second)
    longer = np.where(size_a <= size_b, second, first)
    same_opening = np.array([_opens_alike(corpus.openings[a], corpus.openings[b])
                             for a, b in zip(shorter.tolist(), longer.tolist(), strict=True)], dtype=bool)
    return {
        "resemblance": resemblance,
        "containment": containment,
        "headline": headline,
        "days_apart": days_apart,
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
    with np.errstate(invalid="ignore"):
        close_dates = scores["days_apart"] <= options.evidence_days
        far_dates = scores["days_apart"] > options.evidence_days
    # A short text inside a long one may be a quoted paragraph of another story: when
    # the headlines share next to nothing and the dates lie far apart, containment
    # alone does not join.
    contradicted = scores["titles_known"] & (scores["headline"] < options.headline_contradiction) & far_dates
    # A teaser inside its article shares little besides that text; so does a story
    # whose few paragraphs another story quotes as background. With so little
    # resemblance, the headlines must agree too, or the short body must be the long
    # one's opening (a teaser is; quoted background rarely opens a story).
    unconfirmed = (scores["titles_known"] & (scores["resemblance"] < options.evidence_resemblance)
                   & (scores["headline"] < options.headline_similarity) & ~scores["same_opening"])
    contained = (
        (scores["containment"] >= options.containment)
        & (scores["smaller"] >= options.min_shingles)
        & ~contradicted
        & ~unconfirmed
    )
    evidence = (
        (scores["headline"] >= options.headline_similarity)
        & close_dates
        & (scores["resemblance"] >= options.evidence_resemblance)
    )
    joined: np.ndarray = similar | contained | evidence
    return joined


def connected_components(count: int, edges: Iterable[tuple[int, int]]) -> list[int]:
    """Union-find: each node's label is the smallest node index of its component."""
    parent = list(range(count))

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in edges:
        ra, rb = root(int(a)), root(int(b))
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return [root(node) for node in range(count)]


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
