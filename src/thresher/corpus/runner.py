"""One corpus run: read sources, skip what is done, dispatch the rest, write outcomes.

The parent process alone touches the store. It decides per record, before any work
is sent out: already in the store (skipped), unreadable (failed, written at once),
same bytes as a record extracted before (stored as a copy of it, not re-extracted)
or new (added to a partition for the engine). Outcomes are written as they return,
one transaction per batch.

A run ends in the ``runs`` table as ``finished``, ``interrupted`` (Ctrl-C or SIGTERM:
what was written is committed, with the counts so far) or ``failed`` (an error, such as
a full disk, stopped it).
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from types import FrameType
from typing import Protocol

from thresher import __version__
from thresher.corpus.records import Failure, InputRecord, Outcome, Provenance
from thresher.corpus.sources import SourceProblem, iter_records
from thresher.corpus.store import Store
from thresher.corpus.summary import Summary
from thresher.corpus.warc import Ignored
from thresher.errors import StoreError

__all__ = ["Engine", "RunSettings", "execute"]

#: Records per partition, and a byte budget so a few huge pages make a partition too.
PARTITION_RECORDS = 16
PARTITION_BYTES = 8 * 1024 * 1024
#: Seconds between progress callbacks (the bar needs no more).
PROGRESS_SECONDS = 0.1
#: Duplicates waiting for their in-flight original before the reader pauses.
MAX_WAITING = 10_000


class Engine(Protocol):
    def run(self, partitions: Iterator[list[InputRecord] | None]) -> Iterator[list[Outcome]]: ...


class RunSettings:
    """The knobs of a run besides sources, store and engine."""

    def __init__(
        self,
        *,
        force: bool = False,
        retry_failed: bool = False,
        batch_size: int = 500,
        batch_seconds: float = 2.0,
        on_problem: Callable[[str], None] | None = None,
        on_progress: Callable[[Summary], None] | None = None,
    ) -> None:
        self.force = force
        self.retry_failed = retry_failed
        self.batch_size = batch_size
        self.batch_seconds = batch_seconds
        self.on_problem = on_problem or (lambda line: None)
        self.on_progress = on_progress or (lambda summary: None)


class _Run:
    def __init__(self, store: Store, settings: RunSettings, run_id: int) -> None:
        self.store = store
        self.settings = settings
        self.run_id = run_id
        self.summary = Summary()
        #: content hash of an in-flight record -> duplicates waiting for its outcome.
        self.waiting: dict[str, list[Provenance]] = {}
        self.waiting_count = 0
        self._uncommitted = 0
        self._last_commit = time.monotonic()
        self._last_progress = 0.0

    # ------------------------------------------------------------------ bookkeeping
    def _wrote(self) -> None:
        self._uncommitted += 1
        now = time.monotonic()
        if (
            self._uncommitted >= self.settings.batch_size
            or now - self._last_commit > self.settings.batch_seconds
        ):
            self.flush()
        if now - self._last_progress >= PROGRESS_SECONDS:
            self._last_progress = now
            self.settings.on_progress(self.summary)

    def tick(self) -> None:
        """Commit what waits when the last commit is older than ``batch_seconds``, also when
        no record came back since: a record that stalls must not hold the others' rows
        uncommitted (engines yield an empty batch when a wait for results ends empty)."""
        if self._uncommitted and time.monotonic() - self._last_commit > self.settings.batch_seconds:
            self.flush()

    def flush(self) -> None:
        self.store.commit()
        self._uncommitted = 0
        self._last_commit = time.monotonic()

    def count(self, outcome: Outcome) -> None:
        if outcome.status == "extracted":
            self.summary.extracted += 1
        elif outcome.status == "empty":
            self.summary.empty[outcome.reason or "?"] += 1
        else:
            self.summary.failed[outcome.error_kind or "?"] += 1
            self.settings.on_problem(f"{_where(outcome.provenance)}: {outcome.reason}")

    def write(self, outcome: Outcome) -> None:
        row_id = self.store.write(outcome, __version__, self.run_id)
        self.count(outcome)
        self._wrote()
        if outcome.content_hash:
            waiting = self.waiting.pop(outcome.content_hash, [])
            self.waiting_count -= len(waiting)
            for provenance in waiting:
                self.write_duplicate(provenance, outcome.content_hash, row_id, outcome.provenance)

    def write_duplicate(
        self, provenance: Provenance, content_hash: str, original_id: int, original: Provenance | None = None
    ) -> None:
        if original is not None and original.key == provenance.key:
            self.summary.skipped += 1  # the same record named twice in one run
        else:
            self.store.write_duplicate(provenance, content_hash, original_id, __version__, self.run_id)
            self.summary.duplicates += 1
        self._wrote()

    # ------------------------------------------------------------------ the reader side
    def partitions(self, items: Iterable[object]) -> Iterator[list[InputRecord] | None]:
        """Partitions of new records; everything else is settled here, on the way."""
        part: list[InputRecord] = []
        size = 0
        for item in items:
            if isinstance(item, SourceProblem):
                self.summary.source_problems += 1
                self.settings.on_problem(f"{item.source}: {item.message}")
                continue
            if isinstance(item, Ignored):
                self.summary.ignored[item.why] += 1
                continue
            assert isinstance(item, InputRecord | Failure)
            if not self.settings.force and self.store.is_done(
                item.provenance.key, retry_failed=self.settings.retry_failed
            ):
                self.summary.skipped += 1
                self._wrote()
                continue
            if isinstance(item, Failure):
                self.write(Outcome.failed(item.provenance, None, item.kind, item.message))
                continue
            if self._settled_as_duplicate(item):
                if self.waiting_count > MAX_WAITING:
                    if part:
                        yield part
                        part, size = [], 0
                    yield None
                continue
            self.waiting[item.content_hash] = []
            part.append(item)
            size += len(item.payload)
            if len(part) >= PARTITION_RECORDS or size >= PARTITION_BYTES:
                yield part
                part, size = [], 0
        if part:
            yield part

    def _settled_as_duplicate(self, record: InputRecord) -> bool:
        waiting = self.waiting.get(record.content_hash)
        if waiting is not None:
            waiting.append(record.provenance)
            self.waiting_count += 1
            return True
        original = self.store.find_original(record.content_hash, self.run_id if self.settings.force else None)
        if original is None:
            return False
        self.write_duplicate(record.provenance, record.content_hash, original)
        return True


def _where(provenance: Provenance) -> str:
    name = os.path.basename(provenance.source) or provenance.source
    if provenance.record_id == provenance.source:
        return name
    return f"{name} @{provenance.offset}"


def execute(
    sources: Iterable[str], store: Store, engine: Engine, settings: RunSettings, arguments: dict[str, object]
) -> Summary:
    """Run ``engine`` over ``sources`` into ``store`` and return the counts."""
    started = time.monotonic()
    run_id = store.begin_run(arguments, __version__)
    run = _Run(store, settings, run_id)
    try:
        with _termination_as_interrupt():
            for outcomes in engine.run(run.partitions(iter_records(sources))):
                for outcome in outcomes:
                    run.write(outcome)
                run.tick()
            run.flush()
    except BaseException as error:
        run.summary.seconds = time.monotonic() - started
        _record_the_end(run, error)
        raise
    run.summary.seconds = time.monotonic() - started
    settings.on_progress(run.summary)
    store.finish_run(run_id, run.summary.as_dict())
    return run.summary


def _record_the_end(run: _Run, error: BaseException) -> None:
    """Commit what was written and mark the run interrupted or failed, as far as the store
    still allows: after a store error its own counts may include rows SQLite rolled back,
    so the rows it committed are counted instead."""
    status = "interrupted" if isinstance(error, KeyboardInterrupt) else "failed"
    summary: dict[str, object] | None = None
    with contextlib.suppress(StoreError):
        run.flush()
        if not isinstance(error, StoreError):
            summary = run.summary.as_dict()
    run.settings.on_progress(run.summary)
    try:
        run.store.finish_run(run.run_id, summary, status)
    except StoreError:
        run.store.release()  # the next run marks it from the rows it committed


@contextlib.contextmanager
def _termination_as_interrupt() -> Iterator[None]:
    """SIGTERM (``kill``, a scheduler's stop) ends a run as Ctrl-C does: committed and marked.

    Only in the main thread, and only when nobody else handles SIGTERM.
    """
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
    ):
        yield
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
