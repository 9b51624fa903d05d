"""A per-record time limit that works in any thread (worker processes and Dask threads).

Signals (``setitimer``) only reach the main thread, and Dask runs tasks in worker
threads, so one watchdog thread per process raises ``RecordTimeout`` in the thread
whose deadline passed, through CPython's asynchronous-exception hook. Like a signal
handler it fires between bytecodes: Python-level loops are stopped; a stall inside
one C call is not, which is why the local runner also kills a worker stuck past a
hard limit of wall-clock time (see ``local.py``).

The limit counts the CPU time of the limited thread, not the time on the wall: on a
machine busy with other work a record waits longer for the CPU without doing more, and
the same record must get the same outcome however loaded the machine is. Where a
thread's CPU clock cannot be read, the wall clock stands in.
"""

from __future__ import annotations

import ctypes
import functools
import threading
import time
from collections.abc import Callable
from types import TracebackType

__all__ = ["RecordTimeout", "time_limit"]


class RecordTimeout(Exception):
    """Extraction of one record ran past its time limit."""


def _set_async_exc(thread_id: int, exc_type: type[BaseException] | None) -> None:
    """Schedule ``exc_type`` in a thread, or clear a scheduled one with ``None``."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exc_type) if exc_type else None
    )


class _Watchdog:
    """One daemon thread that waits for the nearest deadline and fires it."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._deadlines: dict[int, tuple[float, _Limit]] = {}
        thread = threading.Thread(target=self._loop, name="thresher-deadline", daemon=True)
        thread.start()

    def arm(self, limit: _Limit, seconds: float) -> None:
        with self._cond:
            self._deadlines[limit.thread_id] = (limit.clock() + seconds, limit)
            self._cond.notify()

    def disarm(self, limit: _Limit) -> bool:
        """Remove the deadline; return True when it had already fired (exception pending)."""
        with self._cond:
            entry = self._deadlines.get(limit.thread_id)
            if entry is not None and entry[1] is limit:
                del self._deadlines[limit.thread_id]
            if limit.fired:
                # Clear a pending exception that has not been delivered yet, so it can
                # never surface later outside the limited block.
                _set_async_exc(limit.thread_id, None)
            return limit.fired

    def _loop(self) -> None:
        with self._cond:
            while True:
                # A thread spends at most one second of CPU time per second on the wall,
                # so waiting for the smallest time left never passes a deadline.
                wait = 60.0
                for tid, (at, lim) in list(self._deadlines.items()):
                    try:
                        left = at - lim.clock()
                    except OSError:  # the thread is gone: nothing left to stop
                        del self._deadlines[tid]
                        continue
                    if left <= 0:
                        del self._deadlines[tid]
                        lim.fired = True
                        _set_async_exc(tid, RecordTimeout)
                    else:
                        wait = min(wait, left)
                self._cond.wait(timeout=max(wait, 0.001))


_watchdog: _Watchdog | None = None
_watchdog_lock = threading.Lock()


def _get_watchdog() -> _Watchdog:
    global _watchdog
    with _watchdog_lock:
        if _watchdog is None:
            _watchdog = _Watchdog()
        return _watchdog


def _cpu_clock_of_current_thread() -> Callable[[], float]:
    """A reader of this thread's CPU time that any thread may call (the wall clock where
    the platform has no per-thread CPU clock)."""
    try:
        clock_id = time.pthread_getcpuclockid(threading.get_ident())
        time.clock_gettime(clock_id)
    except (AttributeError, OSError):
        return time.monotonic
    return functools.partial(time.clock_gettime, clock_id)


class _Limit:
    __slots__ = ("clock", "fired", "seconds", "thread_id")

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.thread_id = threading.get_ident()
        self.fired = False
        self.clock = _cpu_clock_of_current_thread() if seconds else time.monotonic

    def __enter__(self) -> _Limit:
        if self.seconds:
            _get_watchdog().arm(self, self.seconds)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.seconds and _get_watchdog().disarm(self) and exc_type is None:
            raise RecordTimeout()


def time_limit(seconds: float | None) -> _Limit:
    """``with time_limit(5): work()`` raises ``RecordTimeout`` if work uses over 5 s of CPU.

    ``None`` or 0 means no limit.
    """
    return _Limit(seconds)
