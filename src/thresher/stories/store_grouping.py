"""``group_store``: the stories of a whole store, written back into it; ``group_new_records``:
the records added since, placed into those stories."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from thresher.corpus.store import Store
from thresher.stories.grouping import (
    StoryDocument,
    candidate_pairs,
    connected_components,
    group_documents,
    sign_documents,
    verify_pairs,
)
from thresher.stories.options import StoryOptions
from thresher.stories.store_access import open_store, read_captures, story_ids, write_story_ids

__all__ = ["StoreGrouping", "group_new_records", "group_store"]


@dataclass(frozen=True, slots=True)
class StoreGrouping:
    """What ``group_store`` did: articles read, stories found, stories with several captures."""

    articles: int
    stories: int
    multi_capture_stories: int
    #: Records placed by ``group_new_records`` (0 after a full grouping).
    new_records: int = 0


def group_store(path: str | Path, options: StoryOptions | None = None) -> StoreGrouping:
    """Group the store's extracted articles into stories and write a story id per article."""
    with open_store(path) as store:
        ids, documents = _documents(store)
        labels = group_documents(documents, options)
        story_ids = {record: ids[label] for record, label in zip(ids, labels, strict=True)}
        write_story_ids(store, story_ids)
    return _counted(story_ids.values(), len(ids))


def _documents(store: Store) -> tuple[list[int], list[StoryDocument]]:
    """The record id and what grouping looks at of every extracted article, without keeping
    the articles themselves (a large store would hold every block in memory)."""
    ids: list[int] = []
    documents: list[StoryDocument] = []
    for capture in read_captures(store):
        ids.append(capture.id)
        documents.append(StoryDocument(capture.article.text, capture.article.title, capture.date))
    return ids, documents


def group_new_records(path: str | Path, options: StoryOptions | None = None) -> StoreGrouping:
    """Place the records added since the last grouping into stories, keeping every story there is.

    What is boilerplate, and which pairs are candidates, is still read from the whole
    store (chrome is known only by how it recurs across pages), but only pairs with a
    new record are verified, and no existing story is split: a new record joins the
    stories it matches (merging them when it bridges two) or starts its own.
    """
    options = options or StoryOptions()
    with open_store(path) as store:
        known = story_ids(store)
        ids, documents = _documents(store)
        is_new = np.array([record not in known for record in ids], dtype=bool)
        corpus = sign_documents(documents, options)
        pairs = candidate_pairs(corpus, options)
        if len(pairs):
            pairs = pairs[is_new[pairs[:, 0]] | is_new[pairs[:, 1]]]
        accepted = pairs[verify_pairs(corpus, pairs, options)] if len(pairs) else pairs
        first_member: dict[int, int] = {}
        kept: list[tuple[int, int]] = []  # each known record tied to its story's first member
        for index, record in enumerate(ids):
            story = known.get(record)
            if story is not None:
                kept.append((index, first_member.setdefault(story, index)))
        joined = [(int(a), int(b)) for a, b in accepted.tolist()]
        labels = connected_components(len(ids), [*kept, *joined])
        assigned = {record: ids[label] for record, label in zip(ids, labels, strict=True)}
        write_story_ids(store, assigned, replace=False)
    return _counted(assigned.values(), len(ids), int(is_new.sum()))


def _counted(stories: Iterable[int], articles: int, new_records: int = 0) -> StoreGrouping:
    sizes: dict[int, int] = {}
    for story in stories:
        sizes[story] = sizes.get(story, 0) + 1
    return StoreGrouping(articles, len(sizes), sum(1 for size in sizes.values() if size > 1), new_records)
