"""Writing a store out as JSON Lines, CSV, Parquet or Markdown, streamed row by row.

Besides the store's own columns, every format carries the article's metadata as flat
columns (``ARTICLE_COLUMNS``: authors, language, site name, …), so a spreadsheet or a
dataframe needs no JSON parsing; the whole article stays in ``article_json``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from typing import IO, Any

from thresher.corpus.store import RECORD_COLUMNS, Store
from thresher.errors import ThresherError
from thresher.models import Article

__all__ = ["ARTICLE_COLUMNS", "EXPORT_COLUMNS", "FORMATS", "STORY_COLUMN", "export_rows"]

FORMATS = ("jsonl", "csv", "parquet", "markdown")
EXPORT_COLUMNS = RECORD_COLUMNS
#: Flat columns read from each row's article (None, or empty lists, for a failed row).
ARTICLE_COLUMNS = ("authors", "language", "site_name", "description", "modified", "tags", "image")
#: Columns holding lists: lists in JSON Lines and Parquet, joined with "; " in CSV.
_LIST_COLUMNS = frozenset(["authors", "tags"])
_PARQUET_BATCH = 1000
#: Written after the record's columns: the story of the record (None before `thresher stories`).
STORY_COLUMN = "story_id"


def _story_lookup(store: Store) -> Callable[[int], int | None]:
    """Record id -> story id, read from the ``story_members`` table `thresher stories` writes."""
    exists = store.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'story_members'"
    ).fetchone()
    if exists is None:
        return lambda record_id: None

    def lookup(record_id: int) -> int | None:
        row = store.execute("SELECT story_id FROM story_members WHERE record_id = ?", (record_id,)).fetchone()
        return None if row is None else int(row[0])

    return lookup


def _flat(row: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The row with its ``ARTICLE_COLUMNS`` filled, and its article as a dict (None if
    none). A record read from a file has no URL of its own: the canonical URL the page
    names stands in."""
    article = json.loads(row["article_json"]) if row["article_json"] else None
    for column in ARTICLE_COLUMNS:
        value = article.get(column) if article else None
        row[column] = (value or []) if column in _LIST_COLUMNS else value
    if not row["url"] and article:
        row["url"] = article.get("url")
    return row, article


def _rows(store: Store, statuses: tuple[str, ...]) -> Iterator[tuple[dict[str, Any], dict[str, Any] | None]]:
    story_of = _story_lookup(store)
    for row in store.iter_rows(EXPORT_COLUMNS):
        if not statuses or row["status"] in statuses:
            row[STORY_COLUMN] = story_of(row["id"])
            yield _flat(row)


def export_rows(
    store: Store,
    output_format: str,
    text_out: IO[str] | None,
    binary_path: str | None,
    statuses: tuple[str, ...] = (),
) -> int:
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


Rows = Iterator[tuple[dict[str, Any], dict[str, Any] | None]]


def _jsonl(rows: Rows, out: IO[str]) -> int:
    count = 0
    for row, article in rows:
        del row["article_json"]
        row["article"] = article
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def _csv(rows: Rows, out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=("id", *EXPORT_COLUMNS, *ARTICLE_COLUMNS, STORY_COLUMN))
    writer.writeheader()
    count = 0
    for row, _ in rows:
        for column in _LIST_COLUMNS:
            row[column] = "; ".join(row[column])
        writer.writerow(row)
        count += 1
    return count


def _comment_value(value: Any) -> str:
    """A value written inside an HTML comment: "--" would end the comment early."""
    text = "; ".join(value) if isinstance(value, list) else str(value)
    return " ".join(text.split()).replace("--", "- -")


def _markdown(rows: Rows, out: IO[str]) -> int:
    count = 0
    for row, article in rows:
        if article is None:
            continue
        if count:
            out.write("\n---\n\n")
        fields = [
            f"{column}: {_comment_value(row[column])}"
            for column in ARTICLE_COLUMNS
            if row[column] not in (None, [], "")
        ]
        story = f" story {row[STORY_COLUMN]}" if row[STORY_COLUMN] is not None else ""
        out.write(
            f"<!-- record {row['id']}{story}: {_comment_value(row['url'] or row['source'])} "
            f"captured {row['captured_at'] or 'unknown'}"
            + "".join("\n" + field for field in fields)
            + " -->\n\n"
        )
        out.write(Article.from_dict(article).to_markdown().rstrip("\n") + "\n")
        count += 1
    return count


def _parquet(rows: Rows, path: str) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as error:
        raise ThresherError("Parquet export needs pyarrow: pip install 'thresher[parquet]'") from error
    int_columns = {"id", "offset", "duplicate_of", "run_id", STORY_COLUMN}
    schema = pa.schema(
        [
            (
                name,
                pa.int64()
                if name in int_columns
                else pa.list_(pa.string())
                if name in _LIST_COLUMNS
                else pa.string(),
            )
            for name in ("id", *EXPORT_COLUMNS, *ARTICLE_COLUMNS, STORY_COLUMN)
        ]
    )
    count = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for row, _ in rows:
            batch.append(row)
            if len(batch) >= _PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or not count:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count
