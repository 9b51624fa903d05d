"""The per-record and per-partition work, the same in local processes and on Dask.

A record never raises out of here: every exception becomes a ``failed`` outcome
with its kind, so one bad page cannot stop a partition.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
from collections.abc import Callable, Iterable

from thresher.corpus.deadline import RecordTimeout, time_limit
from thresher.corpus.records import DIGEST_MISMATCH, InputRecord, Outcome, content_hash
from thresher.errors import ThresherError
from thresher.models import Article
from thresher.options import ExtractOptions
from thresher.pipeline import extract

__all__ = ["DEFAULT_TIME_LIMIT", "Extractor", "extract_record", "process_partition", "with_options"]

#: Seconds one record may take before it is recorded as failed ("timeout").
DEFAULT_TIME_LIMIT = 30.0

#: ``extractor(payload, url, options) -> Article``; ``thresher.extract`` by default.
Extractor = Callable[[bytes, str | None, ExtractOptions], Article]

_OPTIONS = {kind: ExtractOptions(input=kind) for kind in ("auto", "html", "text")}


def _thresher_extract(payload: bytes, url: str | None, options: ExtractOptions) -> Article:
    return extract(payload, url=url, options=options)


def _extract_with(
    payload: bytes,
    url: str | None,
    record_options: ExtractOptions,
    *,
    options: ExtractOptions,
    extractor: Extractor | None,
) -> Article:
    """``extractor`` called with ``options``, the record's input kind kept."""
    merged = dataclasses.replace(options, input=record_options.input)
    return (extractor or _thresher_extract)(payload, url, merged)


def with_options(options: ExtractOptions, extractor: Extractor | None = None) -> Extractor:
    """An extractor applying ``options`` (captions, comments, tables, links …) to every
    record, whose input kind (HTML or text, from the source) still decides ``input``.
    A partial of a module-level function, so it pickles to worker processes."""
    return functools.partial(_extract_with, options=options, extractor=extractor)


_warmed_up = False
_WARM_UP_PAGE = (
    b"<html><head><title>Warm-up</title><meta name='date' content='2020-01-02'></head>"
    b"<body><article><h1>Warm-up</h1><p>Published on 2 January 2020 by A. Writer. "
    b"This page only loads what extraction loads lazily.</p></article></body></html>"
)


def warm_up(extractor: Extractor | None = None) -> None:
    """Run one small extraction per process, outside any time limit, so one-time work
    (lazy imports, compiled patterns) is not charged to the first record's limit."""
    global _warmed_up
    if not _warmed_up:
        _warmed_up = True
        for kind in ("html", "text"):
            # A failing warm-up only loses the warm-up; the records report their own errors.
            with contextlib.suppress(Exception):
                (extractor or _thresher_extract)(_WARM_UP_PAGE, None, _OPTIONS[kind])


def extract_record(
    record: InputRecord, time_limit_s: float | None = DEFAULT_TIME_LIMIT, extractor: Extractor | None = None
) -> Outcome:
    """Extract one record into an outcome: extracted, empty (with reason) or failed (with error)."""
    warm_up(extractor)
    run = extractor or _thresher_extract
    prov = record.provenance
    if record.expected_digest and content_hash(record.payload) != record.expected_digest:
        return Outcome.failed(
            prov, record.content_hash, DIGEST_MISMATCH, "the payload does not match its WARC-Payload-Digest"
        )
    try:
        with time_limit(time_limit_s):
            article = run(record.payload, prov.url, _OPTIONS[record.input_kind])
            article_json = article.to_json()
    except RecordTimeout:
        return Outcome.failed(
            prov, record.content_hash, "timeout", f"extraction took longer than {time_limit_s:g} s"
        )
    except ThresherError as error:
        return Outcome.failed(prov, record.content_hash, type(error).__name__, str(error))
    except (Exception, RecursionError, MemoryError) as error:  # noqa: BLE001 - one record's bug must not stop the run
        return Outcome.failed(prov, record.content_hash, type(error).__name__, str(error)[:500])
    return Outcome.of_article(prov, record.content_hash, article, article_json)


def process_partition(
    records: Iterable[InputRecord],
    time_limit_s: float | None = DEFAULT_TIME_LIMIT,
    extractor: Extractor | None = None,
) -> list[Outcome]:
    """The unit of parallel work: the outcomes of a small batch of records, in order."""
    return [extract_record(record, time_limit_s, extractor) for record in records]
