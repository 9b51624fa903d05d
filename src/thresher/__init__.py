"""thresher: the clean article inside a captured web page, and the stories across captures.

>>> from thresher import extract
>>> article = extract(open("page.html", "rb").read(), url="https://example.org/a")  # doctest: +SKIP
>>> article.title, article.published, article.text  # doctest: +SKIP
"""

import typing as _typing

from thresher.errors import (
    ArchiveError,
    DecodeError,
    ExtractionError,
    ExtractTimeoutError,
    InputTooLargeError,
    ParseError,
    StoreError,
    ThresherError,
    UnsupportedInputError,
)
from thresher.models import (
    Article,
    Block,
    BlockKind,
    BlockReason,
    EmptyReason,
    Image,
    Inline,
    InlineKind,
    Link,
    Repair,
)
from thresher.options import ExtractOptions

if _typing.TYPE_CHECKING:
    from thresher.batch import extract_many
    from thresher.pipeline import extract

__version__ = "0.1.0"

__all__ = [
    "ArchiveError",
    "Article",
    "Block",
    "BlockKind",
    "BlockReason",
    "DecodeError",
    "EmptyReason",
    "ExtractionError",
    "ExtractOptions",
    "ExtractTimeoutError",
    "Image",
    "Inline",
    "InlineKind",
    "InputTooLargeError",
    "Link",
    "ParseError",
    "Repair",
    "StoreError",
    "ThresherError",
    "UnsupportedInputError",
    "__version__",
    "extract",
    "extract_many",
]

#: Names imported on first use: the extraction pipeline loads the parser and numpy,
#: which ``thresher --help`` and the other commands that do not extract should not wait for.
_LAZY = {"extract": "thresher.pipeline", "extract_many": "thresher.batch"}


def __getattr__(name: str) -> _typing.Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'thresher' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
