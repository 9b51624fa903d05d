"""Stories: which captures are one story, and what changed between its versions.

>>> from thresher.stories import StoryDocument, group_documents, diff_articles  # doctest: +SKIP
"""

from thresher.stories.align import Alignment, WordChange
from thresher.stories.diff import ArticleDiff, LinkChange, diff_articles
from thresher.stories.grouping import StoryDocument, group_documents
from thresher.stories.options import StoryOptions

__all__ = [
    "Alignment",
    "ArticleDiff",
    "LinkChange",
    "StoryDocument",
    "StoryOptions",
    "WordChange",
    "diff_articles",
    "group_documents",
]
