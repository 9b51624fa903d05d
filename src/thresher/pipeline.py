"""``extract()``: the single entry point from a page to an ``Article``."""

from __future__ import annotations

from thresher.budget import Budget
from thresher.detect import detect_input_kind
from thresher.errors import InputTooLargeError
from thresher.html.decode import decode_page
from thresher.html.extract import extract_html
from thresher.models import Article, EmptyReason
from thresher.options import ExtractOptions

__all__ = ["extract"]


def extract(page: str | bytes, *, url: str | None = None, options: ExtractOptions | None = None) -> Article:
    """Extract the article of one page: HTML (str or bytes in any encoding) or rendered text.

    Returns an ``Article``; one whose body is empty carries ``empty_reason``. Raises a
    ``ThresherError`` subclass for input that is no page at all (binary data, an
    undecodable byte stream, or one over the size limits of ``options``), and
    ``ExtractTimeoutError`` when the page takes longer than ``options.time_budget``.

    >>> extract("<html><body><article><p>" + "Hello, world. " * 3 + "</p></article></body></html>").text
    'Hello, world. Hello, world. Hello, world.'
    """
    options = options or ExtractOptions()
    budget = Budget(options.time_budget)
    if not isinstance(page, (str, bytes, bytearray, memoryview)):
        raise TypeError(f"page must be str or bytes, not {type(page).__name__}")
    if len(page) > options.max_input_bytes:
        raise InputTooLargeError(
            f"input of {len(page):,} bytes exceeds max_input_bytes={options.max_input_bytes:,}"
        )
    text, utf8 = (page.removeprefix("\ufeff"), None) if isinstance(page, str) else decode_page(bytes(page))
    if not text or text.isspace():  # (strip() would copy the whole page)
        return Article(url=url, empty_reason=EmptyReason.EMPTY_INPUT)
    kind = detect_input_kind(text) if options.input == "auto" else options.input
    if kind == "html":
        return extract_html(text, url=url, options=options, utf8=utf8, budget=budget)
    # Imported here: the text reader's compiled loops (numba) take a third of a second to
    # load, which HTML-only work should not pay for.
    from thresher.text.extract import extract_text

    return extract_text(text, url=url, options=options, budget=budget)
