"""The exception tree: every error thresher raises on purpose is a ``ThresherError``.

Callers catch one base class; the CLI turns each into one line on stderr. An input
that simply holds no article is *not* an error: it gives an ``Article`` whose
``empty_reason`` says why.
"""

from __future__ import annotations

__all__ = [
    "ArchiveError",
    "DecodeError",
    "ExtractionError",
    "FetchError",
    "InputTooLargeError",
    "ParseError",
    "StoreError",
    "ThresherError",
    "UnsupportedInputError",
]


class ThresherError(Exception):
    """Base of every error raised by thresher."""


class UnsupportedInputError(ThresherError):
    """The input is not a web page or text capture (an image, a PDF, other binary data)."""


class DecodeError(ThresherError):
    """The bytes could not be turned into text in any plausible encoding."""


class InputTooLargeError(ThresherError):
    """The input exceeds a limit set in ``ExtractOptions`` (bytes, lines)."""


class ParseError(ThresherError):
    """The markup could not be parsed into a document tree."""


class ArchiveError(ThresherError):
    """A WARC archive or one of its records is unreadable."""


class StoreError(ThresherError):
    """The corpus store cannot be opened, read or written."""


class FetchError(ThresherError):
    """A page could not be fetched from the web (disallowed by robots.txt, an HTTP error status,
    a timeout, a body over the size limit), or a sitemap or feed could not be read."""


class ExtractionError(ThresherError):
    """One page of a batch could not be extracted: it ran past its time limit, its
    worker process crashed, or the extraction met an unexpected error."""
