"""thresher: the clean article inside a captured web page, and the stories across captures.

>>> from thresher import extract
>>> article = extract(open("page.html", "rb").read(), url="https://example.org/a")  # doctest: +SKIP
>>> article.title, article.published, article.text  # doctest: +SKIP
"""

from thresher.errors import (
    ArchiveError,
    DecodeError,
    InputTooLargeError,
    ParseError,
    StoreError,
    ThresherError,
    UnsupportedInputError,
)
from thresher.models import Article, Block, BlockKind, EmptyReason, Image, Inline, InlineKind, Link
from thresher.options import ExtractOptions
from thresher.pipeline import extract

__version__ = "0.1.0"

__all__ = [
    "ArchiveError",
    "Article",
    "Block",
    "BlockKind",
    "DecodeError",
    "EmptyReason",
    "ExtractOptions",
    "Image",
    "Inline",
    "InlineKind",
    "InputTooLargeError",
    "Link",
    "ParseError",
    "StoreError",
    "ThresherError",
    "UnsupportedInputError",
    "__version__",
    "extract",
]
