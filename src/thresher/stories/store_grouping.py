"""``group_store``: the stories of a whole store, written back into it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from thresher.stories.grouping import StoryDocument, group_documents
from thresher.stories.options import StoryOptions
from thresher.stories.store_access import open_store, read_captures, write_story_ids

__all__ = ["StoreGrouping", "group_store"]


@dataclass(frozen=True, slots=True)
class StoreGrouping:
    """What ``group_store`` did: articles read, stories found, stories with several captures."""

    articles: int
    stories: int
    multi_capture_stories: int


def group_store(path: str | Path, options: StoryOptions | None = None) -> StoreGrouping:
    """Group the store's extracted articles into stories and write a story id per article."""
    with open_store(path) as store:
        captures = list(read_captures(store))
        documents = [StoryDocument(c.article.text, c.article.title, c.date) for c in captures]
        labels = group_documents(documents, options)
        story_ids = {capture.id: captures[label].id for capture, label in zip(captures, labels, strict=True)}
        write_story_ids(store, story_ids)
    sizes: dict[int, int] = {}
    for story in story_ids.values():
        sizes[story] = sizes.get(story, 0) + 1
    return StoreGrouping(len(captures), len(sizes), sum(1 for size in sizes.values() if size > 1))
