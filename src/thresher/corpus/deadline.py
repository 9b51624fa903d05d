"""A per-record time limit that works in any thread (worker processes and Dask threads).

Signals (``setitimer``) only reach the main thread, and Dask runs tasks in worker
threads, so one watchdog thread per process raises ``RecordTimeout`` in the thread
whose deadline passed, through CPython's asynchronous-exception hook. Like a signal
handler it fires between bytecodes: Python-level loops are stopped; a stall inside
one C call is not, which is why the local runner also kills a worker stuck past a
hard limit (see ``local.py``).
"""

from __future__ import annotations

import ctypes
import threading
import time
from types import TracebackType

__all__ = ["RecordTimeout", "time_limit"]


class RecordTimeout(Exception):
    """Extraction of one record ran past its time limit."""




def _set_async_exc(thread_id: int, exc_type: type[BaseException] | None) -> None:
    """Schedule ``exc_type`` in a thread, or clear a scheduled one with ``None``."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exc_type) if exc_type else None)


class _Watchdog:
    """One daemon thread that waits for the nearest deadline and fires it."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._deadlines: dict[int, tuple[float, _Limit]] = {}
        thread = threading.Thread(target=self._loop, name="thresher-deadline", daemon=True)
        thread.start()

    def arm(self, limit: _Limit, seconds: float) -> None:
        with self._cond:
            self._deadlines[limit.thread_id] = (time.monotonic() + seconds, limit)
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
                now = time.monotonic()
                due = [(tid, lim) for tid, (at, lim) in self._deadlines.items() if at <= now]
                for tid, lim in due:
                    del self._deadlines[tid]
                    lim.fired = True
                    _set_async_exc(tid, RecordTimeout)
                wait = min((at for at, _ in self._deadlines.values()), default=now + 60) - now
                self._cond.wait(timeout=max(wait, 0.001))


_watchdog: _Watchdog | None = None
_watchdog_lock = threading.Lock()


def _get_watchdog() -> _Watchdog:
    global _watchdog
    with _watchdog_lock:
        if _watchdog is None:
            _watchdog = _Watchdog()
        return _watchdog


class _Limit:
    __slots__ = ("fired", "seconds", "thread_id")

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.thread_id = threading.get_ident()
        self.fired = False

    def __enter__(self) -> _Limit:
        if self.seconds:
            _get_watchdog().arm(self, self.seconds)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.seconds and _get_watchdog().disarm(self) and exc_type is None:
            raise RecordTimeout()


def time_limit(seconds: float | None) -> _Limit:
    """``with time_limit(5): work()`` raises ``RecordTimeout`` if work runs over 5 s.

    ``None`` or 0 means no limit.
    """
    return _Limit(seconds)
