"""``StoryOptions``: the thresholds of story grouping, with the defaults the benchmark chose.

``bench/stories_bench.py`` sweeps them on a corpus of realistic capture variants;
the README's stories section shows that table.
"""

from __future__ import annotations

from dataclasses import dataclass

from thresher.stories.shingles import DEFAULT_SHINGLE_SIZE
from thresher.stories.signatures import DEFAULT_NUM_PERM

__all__ = ["StoryOptions"]


@dataclass(frozen=True, slots=True)
class StoryOptions:
    """When two captures count as one story.

    Bodies are compared without their chrome lines (lines recurring across different
    stories, see ``chrome_resemblance``). Two documents join when their bodies resemble
    each other (Jaccard of word shingles ≥ ``resemblance``), when the smaller body lies
    mostly inside the larger (containment ≥ ``containment``: a partial capture joins its
    full version), unless the headlines contradict it (see ``headline_contradiction``)
    or the bodies share less than ``evidence_resemblance`` and the headlines do not
    agree, or when their headlines agree (≥ ``headline_similarity``) and their bodies
    still share ``evidence_resemblance`` or more. Joins are transitive. No rule looks
    at dates: a story's text may be captured again months or years later.
    """

    #: Words per shingle.
    shingle_size: int = DEFAULT_SHINGLE_SIZE
    #: MinHash permutations: more gives finer estimates and slower grouping.
    num_perm: int = DEFAULT_NUM_PERM
    #: The LSH index proposes pairs whose estimated resemblance is about this or more;
    #: lower finds more partial captures and costs more verification.
    candidate_threshold: float = 0.2
    #: A consistent sample of shingles proposes pairs where the smaller body seems to lie
    #: inside the larger to about this share (a teaser inside its full article); None
    #: turns it off.
    containment_candidates: float | None = 0.5
    #: Resemblance (Jaccard) from which two bodies are one story.
    resemblance: float = 0.5
    #: Containment of the smaller body in the larger from which they are one story.
    containment: float = 0.7
    #: Headline word-set Jaccard from which headlines agree.
    headline_similarity: float = 0.6
    #: Body resemblance that suffices when headlines agree.
    evidence_resemblance: float = 0.15
    #: Headlines sharing less than this (word-set Jaccard) veto a join on containment alone,
    #: unless the smaller body opens the way the larger one does.
    headline_contradiction: float = 0.2
    #: A line recurring in documents that form two groups or more is chrome; two documents
    #: are one group when their resemblance (estimated on the whole body) reaches this ...
    chrome_resemblance: float = 0.2
    #: ... or when the smaller seems to lie inside the larger to this share.
    chrome_containment: float = 0.5
    #: Documents of a recurring line compared to decide it (a sample when there are more).
    chrome_sample: int = 12
    #: Bodies with fewer shingles than this never join on containment alone, and a
    #: document left with fewer without its chrome lines keeps all its shingles.
    min_shingles: int = 10
    #: The most captures a story is assumed to have before its own size shows: a shingle
    #: in more documents than this, and in several times more than the document's story
    #: seems to hold, is not evidence (``frequency``); a band bucket or a sampled shingle
    #: with more documents proposes pairs sparingly.
    story_capacity: int = 64

    def __post_init__(self) -> None:
        for name in (
            "candidate_threshold",
            "resemblance",
            "containment",
            "headline_similarity",
            "evidence_resemblance",
            "headline_contradiction",
            "containment_candidates",
            "chrome_resemblance",
            "chrome_containment",
        ):
            value = getattr(self, name)
            if value is not None and not 0.0 < value <= 1.0:
                raise ValueError(f"{name} must be in (0, 1], not {value}")
        if self.num_perm < 16:
            raise ValueError("num_perm must be at least 16")
        if self.min_shingles < 1 or self.chrome_sample < 2:
            raise ValueError("min_shingles must be positive and chrome_sample at least 2")
        if self.story_capacity < 2:
            raise ValueError("story_capacity must be at least 2")
