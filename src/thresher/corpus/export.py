"""Writing a store out as JSON Lines, CSV, Parquet or Markdown, streamed row by row."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from typing import IO, Any

from thresher.corpus.store import Store
from thresher.errors import ThresherError
from thresher.models import Article

__all__ = ["EXPORT_COLUMNS", "FORMATS", "STORY_COLUMN", "export_rows"]

FORMATS = ("jsonl", "csv", "parquet", "markdown")
EXPORT_COLUMNS = ("source", "record_id", "offset", "url", "captured_at", "content_hash",
                  "thresher_version", "status", "reason", "error_kind", "title", "published", "text",
                  "article_json", "duplicate_of", "run_id")
_PARQUET_BATCH = 1000
#: Written after the record's columns: the story of the record (None before `thresher stories`).
STORY_COLUMN = "story_id"


def _story_lookup(store: Store) -> Callable[[int], int | None]:
    """Record id -> story id, read from the ``story_members`` table `thresher stories` writes."""
    exists = store.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'story_members'").fetchone()
    if exists is None:
        return lambda record_id: None

    def lookup(record_id: int) -> int | None:
        row = store.execute("SELECT story_id FROM story_members WHERE record_id = ?", (record_id,)).fetchone()
        return None if row is None else int(row[0])

    return lookup


def _rows(store: Store, statuses: tuple[str, ...]) -> Iterator[dict[str, Any]]:
    story_of = _story_lookup(store)
    for row in store.iter_rows(EXPORT_COLUMNS):
        if not statuses or row["status"] in statuses:
            row[STORY_COLUMN] = story_of(row["id"])
            yield row


def export_rows(store: Store, output_format: str, text_out: IO[str] | None, binary_path: str | None,
                statuses: tuple[str, ...] = ()) -> int:
    """Write the rows of ``store`` (those with one of ``statuses``, or all); return the count."""
    rows = _rows(store, statuses)
    if output_format == "parquet":
        if not binary_path:
            raise ThresherError("Parquet export needs --output FILE")
        return _parquet(rows, binary_path)
    assert text_out is not None
    if output_format == "jsonl":
        return _jsonl(rows, text_out)
    if output_format == "csv":
        return _csv(rows, text_out)
    return _markdown(rows, text_out)


def _jsonl(rows: Iterator[dict[str, Any]], out: IO[str]) -> int:
    count = 0
    for row in rows:
        article_json = row.pop("article_json")
        row["article"] = json.loads(article_json) if article_json else None
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def _csv(rows: Iterator[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=("id", *EXPORT_COLUMNS, STORY_COLUMN))
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count


def _markdown(rows: Iterator[dict[str, Any]], out: IO[str]) -> int:
    count = 0
    for row in rows:
        if not row["article_json"]:
            continue
        if count:
            out.write("\n---\n\n")
        story = f" story {row[STORY_COLUMN]}" if row[STORY_COLUMN] is not None else ""
        out.write(f"<!-- record {row['id']}{story}: {row['url'] or row['source']} "
                  f"captured {row['captured_at'] or 'unknown'} -->\n\n")
        out.write(Article.from_json(row["article_json"]).to_markdown().rstrip("\n") + "\n")
        count += 1
    return count


def _parquet(rows: Iterator[dict[str, Any]], path: str) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as error:
        raise ThresherError("Parquet export needs pyarrow: pip install 'thresher[parquet]'") from error
    int_columns = {"id", "offset", "duplicate_of", "run_id", STORY_COLUMN}
    schema = pa.schema([(name, pa.int64() if name in int_columns else pa.string())
                        for name in ("id", *EXPORT_COLUMNS, STORY_COLUMN)])
    count = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= _PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or not count:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count
