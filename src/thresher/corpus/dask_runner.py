"""The Dask engine: the same ``process_partition`` on a Dask distributed cluster.

The driver (this process) reads the sources and ships each partition's bytes to the
cluster, so workers need no access to the files; it keeps a bounded number of
partitions in flight and writes every outcome into the store itself, so idempotence
and exactly-once work as in the local engine. Without a scheduler address a
``LocalCluster`` is started for the run.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

from thresher.corpus.records import InputRecord, Outcome
from thresher.corpus.worker import Extractor, process_partition
from thresher.errors import ThresherError

__all__ = ["DaskEngine"]


class DaskEngine:
    """Submits partitions to a Dask cluster, at most ``per_worker`` per worker thread at a time."""

    def __init__(self, scheduler: str | None, jobs: int, time_limit: float | None,
                 extractor: Extractor | None = None, per_worker: int = 2) -> None:
        self.scheduler = scheduler
        self.jobs = max(1, jobs)
        self.time_limit = time_limit
        self.extractor = extractor
        self.per_worker = per_worker

    def _connect(self) -> tuple[Any, Any]:
        try:
            distributed: Any = importlib.import_module("distributed")
        except ImportError as error:
            raise ThresherError(
                "the Dask engine needs the dask extra: pip install 'thresher[dask]'") from error
        cluster = None
        try:
            if self.scheduler:
                client = distributed.Client(self.scheduler, timeout="10s")
            else:
                cluster = distributed.LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True,
                                       dashboard_address=None, host="127.0.0.1")
                client = distributed.Client(cluster)
        except (OSError, TimeoutError) as error:
            if cluster is not None:
                cluster.close()
            raise ThresherError(f"cannot reach the Dask scheduler {self.scheduler}: {error}") from error
        return client, cluster

    def run(self, partitions: Iterator[list[InputRecord] | None]) -> Iterator[list[Outcome]]:
        client, cluster = self._connect()
        as_completed: Any = importlib.import_module("distributed").as_completed
        try:
            threads = sum(client.nthreads().values()) or self.jobs
            capacity = threads * self.per_worker
            pending = as_completed()
            submitted: dict[str, list[InputRecord]] = {}
            in_flight = 0
            exhausted = False
            while True:
                while not exhausted and in_flight < capacity:
                    try:
                        part = next(partitions)
                    except StopIteration:
                        exhausted = True
                        break
                    if part is None:
                        if in_flight:
                            break
                        continue
                    # pure=False: equal partitions (rare, but possible) are still separate tasks.
                    future = client.submit(process_partition, part, self.time_limit, self.extractor,
                                           pure=False)
                    submitted[future.key] = part
                    pending.add(future)
                    in_flight += 1
                if in_flight == 0:
                    return
                future = next(pending)
                in_flight -= 1
                part = submitted.pop(future.key)
                try:
                    outcomes = future.result()
                except Exception as error:  # noqa: BLE001 - a lost task fails its records, not the run
                    outcomes = [Outcome.failed(r.provenance, r.content_hash, "dask task failed",
                                               f"{type(error).__name__}: {error}") for r in part]
                future.release()
                yield outcomes
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
