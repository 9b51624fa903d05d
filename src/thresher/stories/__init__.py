"""Stories: which captures are one story, and what changed between its versions.

>>> from thresher.stories import StoryDocument, group_documents
>>> group_documents([StoryDocument("The river rose overnight and closed the road to the old mill."),
...                  StoryDocument("Results of the city election were announced on Sunday evening."),
...                  StoryDocument("The river rose overnight and closed the road to the old mill!")])
[0, 1, 0]

``diff_articles(old, new)`` compares two ``Article``s; ``group_store(path)`` groups a
corpus store and writes the story ids into it.
"""

from thresher.stories.align import Alignment, WordChange
from thresher.stories.diff import ArticleDiff, LinkChange, diff_articles
from thresher.stories.grouping import StoryDocument, group_documents
from thresher.stories.options import StoryOptions
from thresher.stories.store_grouping import StoreGrouping, group_store

__all__ = [
    "Alignment",
    "ArticleDiff",
    "LinkChange",
    "StoryDocument",
    "StoryOptions",
    "StoreGrouping",
    "WordChange",
    "diff_articles",
    "group_documents",
    "group_store",
]
