"""The per-record and per-partition work, the same in local processes and on Dask.

A record never raises out of here: every exception becomes a ``failed`` outcome
with its kind, so one bad page cannot stop a partition.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from thresher.corpus.deadline import RecordTimeout, time_limit
from thresher.corpus.records import CORRUPT, InputRecord, Outcome, content_hash
from thresher.errors import ThresherError
from thresher.models import Article, EmptyReason
from thresher.options import ExtractOptions
from thresher.pipeline import extract

__all__ = ["DEFAULT_TIME_LIMIT", "Extractor", "extract_record", "process_partition"]

#: Seconds one record may take before it is recorded as failed ("timeout").
DEFAULT_TIME_LIMIT = 30.0

#: ``extractor(payload, url, options) -> Article``; ``thresher.extract`` by default.
Extractor = Callable[[bytes, str | None, ExtractOptions], Article]

_OPTIONS = {kind: ExtractOptions(input=kind) for kind in ("auto", "html", "text")}


def _thresher_extract(payload: bytes, url: str | None, options: ExtractOptions) -> Article:
    return extract(payload, url=url, options=options)


def extract_record(record: InputRecord, time_limit_s: float | None = DEFAULT_TIME_LIMIT,
                   extractor: Extractor | None = None) -> Outcome:
    """Extract one record into an outcome: extracted, empty (with reason) or failed (with error)."""
    run = extractor or _thresher_extract
    prov = record.provenance
    if record.expected_digest and content_hash(record.payload) != record.expected_digest:
        return Outcome.failed(prov, record.content_hash, CORRUPT,
                              "payload does not match its WARC-Payload-Digest")
    try:
        with time_limit(time_limit_s):
            article = run(record.payload, prov.url, _OPTIONS[record.input_kind])
            article_json = article.to_json()
    except RecordTimeout:
        return Outcome.failed(prov, record.content_hash, "timeout",
                              f"extraction took longer than {time_limit_s:g} s")
    except ThresherError as error:
        return Outcome.failed(prov, record.content_hash, type(error).__name__, str(error))
    except (Exception, RecursionError, MemoryError) as error:  # noqa: BLE001 - one record's bug must not stop the run
        return Outcome.failed(prov, record.content_hash, type(error).__name__, str(error)[:500])
    text = article.text
    published = article.published.isoformat() if article.published else None
    if text:
        return Outcome(prov, record.content_hash, "extracted", title=article.title,
                       published=published, text=text, article_json=article_json)
    reason = str(article.empty_reason or EmptyReason.NO_ARTICLE)
    return Outcome(prov, record.content_hash, "empty", reason=reason, title=article.title,
                   published=published, text="", article_json=article_json)


def process_partition(records: Iterable[InputRecord], time_limit_s: float | None = DEFAULT_TIME_LIMIT,
                      extractor: Extractor | None = None) -> list[Outcome]:
    """The unit of parallel work: the outcomes of a small batch of records, in order."""
    return [extract_record(record, time_limit_s, extractor) for record in records]
