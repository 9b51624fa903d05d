"""The local engine: worker processes on this machine, fed through bounded queues.

The parent hands each worker at most ``per_worker`` partitions at a time and reads
results as they come, so memory stays flat whatever the corpus size. Each worker
publishes which record it is on and since when; a worker stuck in one record past
the hard limit (a stall inside C code the soft time limit cannot interrupt) or one
that dies (a crash in an extension) is replaced: that record is reported failed and
the rest of its partitions are handed out again, so no record is lost or doubled.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import signal
import time
from collections import deque
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from thresher.corpus.feed import Partition, PartitionFeed
from thresher.corpus.records import InputRecord, Outcome
from thresher.corpus.spawning import calling_script_hidden
from thresher.corpus.worker import Extractor, extract_record, warm_up

__all__ = ["LocalEngine"]

_SEQ, _INDEX, _STARTED = 0, 1, 2


def _next_job(tasks: Any, parent_pid: int) -> tuple[int, Partition] | None:
    """The next partition, or None at the end or once the parent is gone (killed)."""
    while os.getppid() == parent_pid:
        try:
            return tasks.get(timeout=1.0)  # type: ignore[no-any-return]
        except queue.Empty:
            continue
    return None


def _worker_main(
    tasks: Any,
    results: Connection,
    state: Any,
    time_limit: float | None,
    extractor: Extractor | None,
    parent_pid: int,
) -> None:
    """Loop of one worker process: partitions in, outcome lists out."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    # One-time work (lazy imports, compiling the text model on a cold cache) before the first
    # record's clock starts: on a loaded machine it can outlast the hard limit of one record.
    warm_up(extractor)
    while (job := _next_job(tasks, parent_pid)) is not None:
        seq, records = job
        outcomes = []
        for index, record in enumerate(records):
            state[_SEQ], state[_INDEX], state[_STARTED] = seq, index, time.monotonic()
            outcomes.append(extract_record(record, time_limit, extractor))
        state[_STARTED] = 0.0
        try:
            results.send((seq, outcomes))
        except OSError:  # the parent is gone
            return


@dataclass
class _Slot:
    process: Any
    tasks: Any
    results: Connection
    state: Any
    outstanding: deque[tuple[int, Partition]] = field(default_factory=deque)


class LocalEngine:
    """Runs ``extract_record`` over partitions in ``jobs`` worker processes."""

    def __init__(
        self, jobs: int, time_limit: float | None, extractor: Extractor | None = None, per_worker: int = 2
    ) -> None:
        self.jobs = max(1, jobs)
        self.time_limit = time_limit
        #: A worker busy this long on one record is killed (the soft limit failed to stop it).
        self.hard_limit = 2 * time_limit + 5 if time_limit else None
        self.extractor = extractor
        self.per_worker = per_worker
        self._context = multiprocessing.get_context("spawn")
        self._strikes: dict[tuple[str, str, int], int] = {}

    def _start(self) -> _Slot:
        ctx = self._context
        tasks = ctx.Queue()
        receive, send = ctx.Pipe(duplex=False)
        state = ctx.Array("d", 3, lock=False)
        process = ctx.Process(
            target=_worker_main,
            name="thresher-worker",
            daemon=True,
            args=(tasks, send, state, self.time_limit, self.extractor, os.getpid()),
        )
        with calling_script_hidden(self.extractor):
            process.start()
        send.close()
        return _Slot(process, tasks, receive, state)

    def run(self, partitions: Iterator[Partition | None]) -> Iterator[list[Outcome]]:
        """Outcome lists as partitions finish. A ``None`` partition asks to wait for a result
        before the next one is pulled (the producer's back-pressure)."""
        slots = [self._start() for _ in range(self.jobs)]
        feed = PartitionFeed(partitions)
        seq = 0
        try:
            while True:
                in_flight = sum(len(s.outstanding) for s in slots)
                while in_flight < self.jobs * self.per_worker and (pulled := feed.pull(in_flight)):
                    part = pulled[0]
                    seq += 1
                    slot = min(slots, key=lambda s: len(s.outstanding))
                    slot.tasks.put((seq, part))
                    slot.outstanding.append((seq, part))
                    in_flight += 1
                if in_flight == 0 and feed.done:
                    return
                ready = wait([s.results for s in slots], timeout=0.25)
                if not ready:
                    yield []  # nothing came back: the runner may still commit what waits
                for index, slot in enumerate(slots):
                    if slot.results in ready:
                        try:
                            done_seq, outcomes = slot.results.recv()
                        except (EOFError, OSError):
                            slots[index] = yield from self._replace(slot, feed.retry, "worker crashed")
                            continue
                        self._settle(slot, done_seq)
                        feed.result_came_back()
                        yield outcomes
                yield from self._watch(slots, feed.retry)
        finally:
            self._shutdown(slots)

    @staticmethod
    def _settle(slot: _Slot, done_seq: int) -> None:
        while slot.outstanding and slot.outstanding[0][0] <= done_seq:
            slot.outstanding.popleft()

    def _watch(self, slots: list[_Slot], retry: deque[Partition]) -> Generator[list[Outcome]]:
        """Replace workers that died or are stuck past the hard limit."""
        now = time.monotonic()
        for index, slot in enumerate(slots):
            if not slot.outstanding:
                continue
            started = slot.state[_STARTED]
            if not slot.process.is_alive():
                code = slot.process.exitcode
                slots[index] = yield from self._replace(slot, retry, f"worker crashed (exit code {code})")
            elif self.hard_limit and started and now - started > self.hard_limit:
                slot.process.kill()
                slots[index] = yield from self._replace(
                    slot, retry, f"extraction took longer than {self.hard_limit:g} s (worker stopped)"
                )

    def _replace(
        self, slot: _Slot, retry: deque[Partition], why: str
    ) -> Generator[list[Outcome], None, _Slot]:
        """Retire a dead or stuck worker; fail its current record, hand its other records out again."""
        slot.process.kill()
        slot.process.join()
        try:  # results it sent before dying are good
            while slot.results.poll():
                done_seq, outcomes = slot.results.recv()
                self._settle(slot, done_seq)
                yield outcomes
        except (EOFError, OSError):
            pass
        if why == "worker crashed":
            why = f"worker crashed (exit code {slot.process.exitcode})"
        kind = "timeout" if why.startswith("extraction took") else "worker crashed"
        started = slot.state[_STARTED]
        current_seq, current_index = int(slot.state[_SEQ]), int(slot.state[_INDEX])
        for part_seq, records in slot.outstanding:
            if started and part_seq == current_seq:
                yield [_failed(records[current_index], kind, why)]
                records = records[:current_index] + records[current_index + 1 :]
            elif part_seq == slot.outstanding[0][0]:
                # Lost between records (e.g. while receiving the partition): no record to
                # blame. A partition lost this way three times fails whole, so it cannot loop.
                strikes = self._strikes[records[0].provenance.key] = (
                    self._strikes.get(records[0].provenance.key, 0) + 1
                )
                if strikes >= 3:
                    yield [_failed(record, kind, why) for record in records]
                    records = []
            if records:
                retry.append(records)
        slot.outstanding.clear()
        slot.results.close()
        slot.tasks.cancel_join_thread()
        return self._start()

    @staticmethod
    def _shutdown(slots: list[_Slot]) -> None:
        for slot in slots:
            if slot.process.is_alive():
                with contextlib.suppress(OSError, ValueError):
                    slot.tasks.put(None)
        deadline = time.monotonic() + 5
        for slot in slots:
            slot.process.join(max(0.0, deadline - time.monotonic()))
            if slot.process.is_alive():
                slot.process.kill()
                slot.process.join()
            slot.tasks.cancel_join_thread()


def _failed(record: InputRecord, kind: str, message: str) -> Outcome:
    return Outcome.failed(record.provenance, record.content_hash, kind, message)
