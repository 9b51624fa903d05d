"""From the SOURCE arguments of ``thresher run`` to a lazy stream of input records.

Arguments are files, folders (walked recursively, in sorted order), or glob
patterns. The file kind comes from its name: ``.warc``/``.warc.gz`` archives,
``.jsonl``/``.ndjson`` lines of ``{"url", "html"}`` or ``{"url", "text"}``, ``.txt``
text captures and ``.html``/``.htm`` pages (each optionally ``.gz``). Nothing is
listed up front: records are produced one at a time, so memory does not grow with
the corpus.
"""

from __future__ import annotations

import glob
import gzip
import json
import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from thresher.corpus.records import Failure, InputRecord, Provenance
from thresher.corpus.warc import Ignored, iter_warc

__all__ = ["SourceFile", "SourceProblem", "SourceItem", "expand_sources", "iter_records"]

FileKind = Literal["warc", "jsonl", "html", "text", "page"]
READ_ERROR = "unreadable file"
_SUFFIXES: tuple[tuple[str, FileKind], ...] = (
    (".warc.gz", "warc"),
    (".warc", "warc"),
    (".jsonl.gz", "jsonl"),
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
    (".html.gz", "html"),
    (".htm.gz", "html"),
    (".html", "html"),
    (".htm", "html"),
    (".xhtml", "html"),
    (".txt.gz", "text"),
    (".txt", "text"),
)


@dataclass(slots=True, frozen=True)
class SourceFile:
    path: str
    kind: FileKind


@dataclass(slots=True, frozen=True)
class SourceProblem:
    """A SOURCE argument that gives no records at all (missing path, empty glob)."""

    source: str
    message: str


SourceItem = InputRecord | Failure | Ignored | SourceProblem


def file_kind(name: str) -> FileKind | None:
    lower = name.lower()
    for suffix, kind in _SUFFIXES:
        if lower.endswith(suffix):
            return kind
    return None


def _walk(folder: Path) -> Iterator[SourceFile]:
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            kind = file_kind(name)
            if kind is not None:
                yield SourceFile(str(Path(root, name)), kind)


def expand_sources(arguments: Iterable[str]) -> Iterator[SourceFile | SourceProblem]:
    """Turn each argument into the files it names; a file named explicitly is always read."""
    seen: set[str] = set()
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            files: Iterable[SourceFile] = _walk(path.resolve())
        elif path.is_file():
            files = [SourceFile(str(path.resolve()), file_kind(path.name) or "page")]
        elif glob.has_magic(argument):
            files = _glob(argument)
        else:
            yield SourceProblem(argument, "no such file or directory")
            continue
        matched = False
        for file in files:
            matched = True
            # The same file named twice (a file and its folder) is read once. Only the first
            # 100,000 are remembered, to bound memory; past that the store's unique key
            # still stores each record once.
            if file.path not in seen:
                if len(seen) < 100_000:
                    seen.add(file.path)
                yield file
        if not matched and not path.is_dir():
            yield SourceProblem(argument, "no file matches this pattern")


def _glob(pattern: str) -> Iterator[SourceFile]:
    """The files a pattern matches, lazily (a pattern may match millions)."""
    for match in glob.iglob(pattern, recursive=True):
        if Path(match).is_file():
            yield SourceFile(str(Path(match).resolve()), file_kind(match) or "page")


def _mtime_iso(path: str) -> str | None:
    try:
        return datetime.fromtimestamp(os.stat(path).st_mtime, UTC).isoformat()
    except OSError:
        return None


def _read_bytes(path: str) -> bytes:
    with open(path, "rb") as handle:
        raw = handle.read()
    return gzip.decompress(raw) if path.lower().endswith(".gz") else raw


def _describe(error: BaseException) -> str:
    return getattr(error, "strerror", None) or str(error) or type(error).__name__


def _iter_page(file: SourceFile) -> Iterator[InputRecord | Failure]:
    prov = Provenance(file.path, file.path, 0, url=None, captured_at=_mtime_iso(file.path))
    try:
        payload = _read_bytes(file.path)
    except (OSError, EOFError, zlib.error) as error:
        yield Failure(prov, READ_ERROR, _describe(error))
        return
    yield InputRecord(
        prov, payload, "text" if file.kind == "text" else "html" if file.kind == "html" else "auto"
    )


def _iter_jsonl(file: SourceFile) -> Iterator[InputRecord | Failure]:
    captured = _mtime_iso(file.path)
    opener = gzip.open if file.path.lower().endswith(".gz") else open
    offset = 0
    line_number = 0
    try:
        with opener(file.path, "rb") as handle:
            for line in handle:
                line_number += 1
                here, offset = offset, offset + len(line)
                if not line.strip():
                    continue
                yield _jsonl_record(file.path, line_number, here, line, captured)
    except (OSError, EOFError, zlib.error) as error:
        prov = Provenance(file.path, str(line_number + 1), offset, captured_at=captured)
        yield Failure(prov, READ_ERROR, _describe(error))


def _jsonl_record(
    path: str, line_number: int, offset: int, line: bytes, captured: str | None
) -> InputRecord | Failure:
    prov = Provenance(path, str(line_number), offset, captured_at=captured)
    try:
        data = json.loads(line)
    except ValueError as error:
        return Failure(prov, "invalid JSON line", str(error))
    if not isinstance(data, dict):
        return Failure(prov, "invalid JSON line", "not a JSON object")
    url = data.get("url") if isinstance(data.get("url"), str) else None
    if isinstance(data.get("captured_at"), str):  # a capture time of the line's own wins
        captured = data["captured_at"]
    prov = Provenance(path, str(line_number), offset, url=url, captured_at=captured)
    for field, kind in (("html", "html"), ("text", "text")):
        value = data.get(field)
        if isinstance(value, str):
            return InputRecord(prov, value.encode("utf-8"), kind)  # type: ignore[arg-type]
    return Failure(prov, "invalid JSON line", 'neither an "html" nor a "text" string field')


def iter_records(arguments: Iterable[str]) -> Iterator[SourceItem]:
    """Every record of every source, in order; problems come as items, never as exceptions."""
    for file in expand_sources(arguments):
        if isinstance(file, SourceProblem):
            yield file
        elif file.kind == "warc":
            try:
                yield from iter_warc(file.path)
            except OSError as error:
                yield Failure(Provenance(file.path, file.path, 0), READ_ERROR, _describe(error))
        elif file.kind == "jsonl":
            yield from _iter_jsonl(file)
        else:
            yield from _iter_page(file)
