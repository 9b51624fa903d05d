"""``extract_many()``: many pages through a pool of worker processes, results in input order.

The pool is the corpus run's local engine without a store: each page is one record,
so a page that hangs is stopped at the time limit, a worker that crashes is replaced,
and the other pages carry on. A page's failure comes back in its place in the results
as a ``ThresherError``; iteration never raises for one bad page.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from thresher import errors
from thresher.corpus.records import InputRecord, Outcome, Provenance
from thresher.corpus.worker import DEFAULT_TIME_LIMIT, extract_record, with_options
from thresher.errors import ExtractionError, ThresherError, UnsupportedInputError
from thresher.models import Article
from thresher.options import ExtractOptions, InputKind

__all__ = ["Page", "extract_many"]

#: A page: its HTML or text capture (str, or bytes in any encoding), alone or with its URL.
Page = str | bytes | tuple[str | bytes, str | None]

_SOURCE = "<extract_many>"
#: A str page travels as UTF-8 with a byte-order mark, which decoding honours before any
#: charset the page declares (the declaration described bytes the str no longer has).
_UTF8_BOM = b"\xef\xbb\xbf"


def _record(index: int, page: object, input_kind: InputKind) -> InputRecord | ThresherError:
    """The record of one page, or the error of something that is no page."""
    url: object = None
    if isinstance(page, tuple) and len(page) == 2:
        page, url = page
    if url is not None and not isinstance(url, str):
        return UnsupportedInputError(f"the URL of page {index} must be a str, not {type(url).__name__}")
    if isinstance(page, str):
        payload = _UTF8_BOM + page.encode("utf-8", "surrogatepass")
    elif isinstance(page, (bytes, bytearray, memoryview)):
        payload = bytes(page)
    else:
        return UnsupportedInputError(
            f"page {index} must be str, bytes or a (page, url) pair, not {type(page).__name__}"
        )
    return InputRecord(
        Provenance(_SOURCE, str(index), index, url=url), payload, input_kind=input_kind, content_hash="-"
    )


def _result(outcome: Outcome) -> Article | ThresherError:
    if outcome.status != "failed":
        assert outcome.article_json is not None
        return Article.from_json(outcome.article_json)
    kind = outcome.error_kind or ""
    message = (outcome.reason or "").removeprefix(f"{kind}: ")
    error_class = getattr(errors, kind, None)
    if isinstance(error_class, type) and issubclass(error_class, ThresherError):
        return error_class(message)
    return ExtractionError(f"{kind}: {message}" if kind else message)


def extract_many(
    pages: Iterable[Page],
    *,
    jobs: int | None = None,
    options: ExtractOptions | None = None,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    chunk_size: int = 8,
) -> Iterator[Article | ThresherError]:
    """Extract every page of ``pages`` in ``jobs`` worker processes (all cores by
    default; ``jobs=1`` works in this process); yield one result per page, in input order.

    A page is a str or bytes (HTML or a text capture), or a ``(page, url)`` pair. Each
    result is the page's ``Article``, or, for a page that could not be extracted, the
    ``ThresherError`` that says why (``DecodeError``, ``InputTooLargeError`` …, or
    ``ExtractionError`` for a page past ``time_limit`` seconds, a crashed worker or an
    unexpected error): the error is returned in the page's place, not raised, so one
    bad page does not end the iteration::

        for page, result in zip(pages, extract_many(pages, jobs=4)):
            if isinstance(result, ThresherError):
                print("failed:", result)
            else:
                print(result.title)

    Pages are read lazily, a few chunks of ``chunk_size`` ahead of the results. Worker
    processes import thresher, not the calling script, so it may run unguarded (without
    ``if __name__ == "__main__":``).
    """
    options = options or ExtractOptions()
    if jobs is not None and jobs < 1:
        raise ValueError("jobs must be at least 1")
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    extractor = with_options(options)
    if jobs == 1:
        for index, page in enumerate(pages):
            record = _record(index, page, options.input)
            yield (
                record
                if isinstance(record, ThresherError)
                else _result(extract_record(record, time_limit, extractor))
            )
        return
    from thresher.corpus import default_jobs
    from thresher.corpus.local import LocalEngine

    engine = LocalEngine(jobs or default_jobs(), time_limit, extractor)
    #: Results that came back before the pages ahead of them, by page index.
    waiting: dict[int, Article | ThresherError] = {}
    ahead = 4 * chunk_size * engine.jobs  # results held for their turn before reading more pages

    def records() -> Iterator[InputRecord]:
        for index, page in enumerate(pages):
            record = _record(index, page, options.input)
            if isinstance(record, ThresherError):
                waiting[index] = record
            else:
                yield record

    def partitions() -> Iterator[list[InputRecord] | None]:
        pending = records()
        while chunk := list(islice(pending, chunk_size)):
            yield chunk
            while len(waiting) > ahead:
                yield None  # (wait for a result: the earliest page is still being extracted)

    following = 0
    for outcomes in engine.run(partitions()):
        for outcome in outcomes:
            waiting[outcome.provenance.offset] = _result(outcome)
        while following in waiting:
            yield waiting.pop(following)
            following += 1
    while following in waiting:  # (pages that were no pages, after the last record)
        yield waiting.pop(following)
        following += 1
