"""Corpus runs: files, folders, JSON Lines and WARC archives into a resumable SQLite store.

>>> from thresher.corpus import run
>>> summary = run(["captures/"], store="thresher.db", jobs=4)  # doctest: +SKIP
>>> summary.extracted, summary.failed  # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from thresher.corpus.runner import Engine, RunSettings, execute
from thresher.corpus.store import Store
from thresher.corpus.summary import Summary
from thresher.corpus.worker import DEFAULT_TIME_LIMIT, Extractor, with_options
from thresher.options import ExtractOptions

__all__ = ["DEFAULT_TIME_LIMIT", "Store", "Summary", "default_jobs", "run"]


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run(
    sources: str | Path | Iterable[str | Path],
    *,
    store: str | Path = "thresher.db",
    jobs: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    force: bool = False,
    retry_failed: bool = False,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    extractor: Extractor | None = None,
    on_problem: Callable[[str], None] | None = None,
    on_progress: Callable[[Summary], None] | None = None,
    options: ExtractOptions | None = None,
) -> Summary:
    """Extract every record of ``sources`` into the store at ``store``; return the counts.

    Records already in the store are skipped (``force=True`` redoes them,
    ``retry_failed=True`` redoes only failures). ``engine`` is ``"local"`` (``jobs``
    worker processes, all cores by default) or ``"dask"`` (``scheduler`` address, or a
    ``LocalCluster`` of ``jobs`` workers). ``time_limit`` bounds the seconds of one
    record. ``extractor(payload, url, options) -> Article`` replaces ``thresher.extract``
    (it must be a module-level function, so worker processes can import it).
    ``options`` are the extraction options of every record (its ``input`` is decided
    per source: HTML or text).
    """
    if isinstance(sources, str | Path):
        sources = [sources]
    source_list = [str(s) for s in sources]
    jobs = jobs or default_jobs()
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    if options is not None:
        extractor = with_options(options, extractor)
    chosen: Engine
    if engine == "local":
        from thresher.corpus.local import LocalEngine

        chosen = LocalEngine(jobs, time_limit, extractor)
    elif engine == "dask":
        from thresher.corpus.dask_runner import DaskEngine

        chosen = DaskEngine(scheduler, jobs, time_limit, extractor)
    else:
        raise ValueError(f"engine must be 'local' or 'dask', not {engine!r}")
    settings = RunSettings(
        force=force, retry_failed=retry_failed, on_problem=on_problem, on_progress=on_progress
    )
    arguments = {
        "sources": source_list,
        "engine": engine,
        "jobs": jobs,
        "force": force,
        "retry_failed": retry_failed,
        "time_limit": time_limit,
    }
    with Store(store) as opened:
        return execute(source_list, opened, chosen, settings, arguments)
