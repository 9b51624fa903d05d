"""The URLs waiting to be fetched, one queue per host, and which host may be asked next.

A host is *ready* when it has a URL waiting, no request in flight and its pause since
the last request is over. Ready hosts are served in the order they became ready, so
one host with ten thousand pages does not starve the others.
"""

from __future__ import annotations

import heapq
import itertools
from collections import deque
from dataclasses import dataclass
from typing import Literal

from thresher.fetch.urls import host_of

__all__ = ["Frontier", "Job", "Role"]

#: source: a URL the user named (a page, a sitemap or a feed, told by its content);
#: sitemap: listed by a sitemap index; page: listed by a sitemap or a feed.
Role = Literal["source", "sitemap", "page"]


@dataclass(frozen=True, slots=True)
class Job:
    url: str
    role: Role
    #: Sitemap index nesting: 0 for a source, +1 per index.
    depth: int = 0
    #: The URLs this one was redirected from, oldest first.
    redirects: tuple[str, ...] = ()
    #: Failed attempts so far (429, 5xx, connection errors).
    attempt: int = 0

    @property
    def origin(self) -> str:
        """The URL as listed, before any redirect."""
        return self.redirects[0] if self.redirects else self.url

    @property
    def host(self) -> str:
        return host_of(self.url)


class Frontier:
    """Per-host FIFO queues, and a heap of the hosts that may be asked next."""

    def __init__(self) -> None:
        self._queues: dict[str, deque[Job]] = {}
        self._busy: set[str] = set()
        self._not_before: dict[str, float] = {}
        self._ready: list[tuple[float, int, str]] = []  # (not before, order, host); hosts idle with work
        self._order = itertools.count()
        self.waiting = 0

    def add(self, job: Job, *, front: bool = False) -> None:
        host = job.host
        queue = self._queues.setdefault(host, deque())
        if front:
            queue.appendleft(job)
        else:
            queue.append(job)
        self.waiting += 1
        if len(queue) == 1 and host not in self._busy:
            self._schedule(host)

    def _schedule(self, host: str) -> None:
        heapq.heappush(self._ready, (self._not_before.get(host, 0.0), next(self._order), host))

    def take(self, now: float) -> Job | None:
        """The next URL of the host that has waited longest among those ready at ``now``; that
        host is busy until ``release``."""
        if not self._ready or self._ready[0][0] > now:
            return None
        _when, _order, host = heapq.heappop(self._ready)
        queue = self._queues[host]
        job = queue.popleft()
        if not queue:
            del self._queues[host]
        self.waiting -= 1
        self._busy.add(host)
        return job

    def release(self, host: str, not_before: float) -> None:
        """The request to ``host`` is over; it may be asked again from ``not_before`` on."""
        self._busy.discard(host)
        self._not_before[host] = max(self._not_before.get(host, 0.0), not_before)
        if host in self._queues:
            self._schedule(host)

    def next_ready_time(self) -> float | None:
        """When the next idle host becomes ready, or None if no idle host has work."""
        return self._ready[0][0] if self._ready else None
