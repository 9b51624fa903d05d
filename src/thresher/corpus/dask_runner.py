"""The Dask engine: the same ``process_partition`` on a Dask distributed cluster.

The driver (this process) reads the sources and ships each partition's bytes to the
cluster, so workers need no access to the files; it keeps a bounded number of
partitions in flight and writes every outcome into the store itself, so idempotence
and exactly-once work as in the local engine. Without a scheduler address a
``LocalCluster`` is started for the run.

A record is stopped by its time limit inside the task; a stall that limit cannot
interrupt (inside one C call) shows as a task running past its budget. Such a worker
is restarted and the partition's records are sent again one per task, so the stuck
record alone is failed as a timeout. A task's budget counts from when it starts (each
task says so on an event topic): one queued behind a stuck task on its worker, or
waiting for a restarted worker, has not used any of it.
"""

from __future__ import annotations

import importlib
import time
from collections import deque
from collections.abc import Iterator
from typing import Any

from thresher.corpus.feed import Partition, PartitionFeed
from thresher.corpus.records import InputRecord, Outcome
from thresher.corpus.spawning import calling_script_hidden
from thresher.corpus.worker import Extractor, process_partition
from thresher.errors import ThresherError

__all__ = ["DaskEngine"]

#: Seconds of slack in a task's budget, for a worker's one-time warm-up.
_SLACK = 10.0
#: The event topic on which a task says it has started.
_STARTED = "thresher-task-started"
#: A task never heard to start counts as stuck after this many of its budgets (its
#: worker may be stuck in a C call that kept the start from being sent).
_UNHEARD_BUDGETS = 10


def _process_started(
    part: list[InputRecord], time_limit: float | None, extractor: Extractor | None
) -> list[Outcome]:
    """``process_partition`` on a Dask worker, first telling the driver that the task
    has started, so that its budget counts from now."""
    distributed: Any = importlib.import_module("distributed")
    worker = distributed.get_worker()
    worker.log_event(_STARTED, worker.get_current_task())
    return process_partition(part, time_limit, extractor)


class DaskEngine:
    """Submits partitions to a Dask cluster, at most ``per_worker`` per worker thread at a time."""

    def __init__(
        self,
        scheduler: str | None,
        jobs: int,
        time_limit: float | None,
        extractor: Extractor | None = None,
        per_worker: int = 2,
    ) -> None:
        self.scheduler = scheduler
        self.jobs = max(1, jobs)
        self.time_limit = time_limit
        self.extractor = extractor
        self.per_worker = per_worker

    def _connect(self) -> tuple[Any, Any, Any]:
        try:
            distributed: Any = importlib.import_module("distributed")
        except ImportError as error:
            raise ThresherError(
                "the Dask engine needs the dask extra: pip install 'thresher[dask]'"
            ) from error
        cluster = None
        try:
            if self.scheduler:
                client = distributed.Client(self.scheduler, timeout="10s")
            else:
                with calling_script_hidden(self.extractor):
                    cluster = distributed.LocalCluster(
                        n_workers=self.jobs,
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=None,
                        host="127.0.0.1",
                    )
                client = distributed.Client(cluster)
        except (OSError, TimeoutError) as error:
            if cluster is not None:
                cluster.close()
            raise ThresherError(f"cannot reach the Dask scheduler {self.scheduler}: {error}") from error
        return distributed, client, cluster

    def _budget(self, records: int) -> float:
        """Seconds a started partition may take before it counts as stuck."""
        return 2 * records * self.time_limit + _SLACK if self.time_limit else float("inf")

    def run(self, partitions: Iterator[list[InputRecord] | None]) -> Iterator[list[Outcome]]:
        distributed, client, cluster = self._connect()
        # future -> (records, deadline, sent alone after a stall); the deadline is set
        # far off at submission and brought in when the task is heard to start.
        futures: dict[Any, tuple[Partition, float, bool]] = {}
        started: set[Any] = set()  # keys of the tasks heard to start (added by the client's thread)
        client.subscribe_topic(_STARTED, lambda event: started.add(event[1]))
        feed = PartitionFeed(partitions)
        try:
            capacity = (sum(client.nthreads().values()) or self.jobs) * self.per_worker
            while True:
                while len(futures) < capacity and (pulled := feed.pull(len(futures))):
                    part, alone = pulled
                    # pure=False: equal partitions (rare, but possible) are still separate tasks.
                    future = client.submit(
                        _process_started, part, self.time_limit, self.extractor, pure=False
                    )
                    unheard = _UNHEARD_BUDGETS * self._budget(len(part))
                    futures[future] = (part, time.monotonic() + unheard, alone)
                if not futures:
                    return
                try:
                    done = distributed.wait(list(futures), timeout=1.0, return_when="FIRST_COMPLETED").done
                except TimeoutError:
                    done = set()
                if not done:
                    yield []  # nothing came back: the runner may still commit what waits
                for future in done:
                    part, _, _ = futures.pop(future)
                    feed.result_came_back()
                    yield self._outcomes(future, part)
                self._start_clocks(futures, started)
                yield from self._unstick(client, futures, feed.retry)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    def _start_clocks(self, futures: dict[Any, tuple[Partition, float, bool]], started: set[Any]) -> None:
        """Count the budget of each task heard to start since the last look from now."""
        if not started:
            return
        heard = set(started)  # (the client's thread may add to ``started`` meanwhile)
        now = time.monotonic()
        for future, (part, _, alone) in futures.items():
            if future.key in heard:
                futures[future] = (part, now + self._budget(len(part)), alone)
        started.difference_update(heard)  # (with the keys of tasks already done)

    @staticmethod
    def _outcomes(future: Any, part: list[InputRecord]) -> list[Outcome]:
        try:
            outcomes: list[Outcome] = future.result()
        except Exception as error:  # noqa: BLE001 - a lost task fails its records, not the run
            outcomes = [
                Outcome.failed(
                    r.provenance, r.content_hash, "dask task failed", f"{type(error).__name__}: {error}"
                )
                for r in part
            ]
        future.release()
        return outcomes

    def _unstick(
        self, client: Any, futures: dict[Any, tuple[Partition, float, bool]], retry: deque[Partition]
    ) -> Iterator[list[Outcome]]:
        """Restart the workers of tasks past their budget; isolate or fail their records."""
        now = time.monotonic()
        overdue = [f for f, (_, deadline, _) in futures.items() if now > deadline]
        if not overdue:
            return
        keys = {f.key for f in overdue}
        stuck_workers = [worker for worker, running in client.processing().items() if keys & set(running)]
        for future in overdue:
            part, _, alone = futures.pop(future)
            future.cancel()
            if alone:
                yield [
                    Outcome.failed(
                        part[0].provenance,
                        part[0].content_hash,
                        "timeout",
                        "extraction did not finish in its time limit (its Dask worker was restarted)",
                    )
                ]
            else:
                retry.extend([record] for record in part)  # sent again one per task
        if stuck_workers:
            client.restart_workers(stuck_workers, raise_for_error=False)
