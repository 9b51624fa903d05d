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

    Two documents join when their bodies resemble each other (Jaccard of word
    shingles ≥ ``resemblance``), when the smaller body lies mostly inside the larger
    (containment ≥ ``containment``: a partial capture joins its full version), unless
    headlines and dates contradict it (see ``headline_contradiction``) or the bodies
    share less than ``evidence_resemblance`` and the headlines do not agree, or
    when their headlines agree (≥ ``headline_similarity``), their dates lie within
    ``evidence_days`` of each other and their bodies still share
    ``evidence_resemblance`` or more. Joins are transitive.
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
    #: Body resemblance that suffices when headlines agree and dates are close.
    evidence_resemblance: float = 0.15
    #: Headlines sharing less than this (word-set Jaccard), with dates more than
    #: ``evidence_days`` apart, veto a join on containment alone.
    headline_contradiction: float = 0.2
    #: Days apart within which dates count as close (unknown dates do not count).
    evidence_days: float = 7.0
    #: A shingle in more documents than this whose documents' dates span more than
    #: ``boilerplate_min_days`` is boilerplate residue and is ignored.
    boilerplate_min_df: int = 10
    #: Days a boilerplate shingle's documents span at least (a story's text is
    #: published within days; a site's chrome recurs for months).
    boilerplate_min_days: float = 30.0
    #: A shingle in more documents than this is boilerplate whatever the dates;
    #: None: 0.5 % of the documents, at least 100 (see ``shingle_df_limit``).
    max_shingle_df: int | None = None
    #: Bodies with fewer shingles than this never join on containment alone, and a
    #: document left with fewer after the boilerplate guard keeps all its shingles.
    min_shingles: int = 10

    def shingle_df_limit(self, documents: int) -> int:
        """The document frequency above which a shingle is boilerplate whatever its dates.

        A backstop for undated corpora and for chrome that changed little over a
        short crawl: site chrome recurs on a share of all pages, while even a
        much-captured story is a vanishing share of a large corpus.
        """
        if self.max_shingle_df is not None:
            return self.max_shingle_df
        return max(100, -(-documents // 200))

    def __post_init__(self) -> None:
        for name in (
            "candidate_threshold",
            "resemblance",
            "containment",
            "headline_similarity",
            "evidence_resemblance",
            "headline_contradiction",
            "containment_candidates",
        ):
            value = getattr(self, name)
            if value is not None and not 0.0 < value <= 1.0:
                raise ValueError(f"{name} must be in (0, 1], not {value}")
        if self.num_perm < 16:
            raise ValueError("num_perm must be at least 16")
        if (
            (self.max_shingle_df is not None and self.max_shingle_df < 1)
            or self.min_shingles < 1
            or self.boilerplate_min_df < 1
            or self.boilerplate_min_days < 0
            or self.evidence_days < 0
        ):
            raise ValueError("max_shingle_df and min_shingles must be positive, evidence_days >= 0")
