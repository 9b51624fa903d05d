"""One ``thresher run`` at a time per store.

Two runs on one store would both find a record not done yet and both extract it. So a
run holds an exclusive ``flock`` on ``<store>.lock`` from its start to its end, and a
second run refuses at once, naming the run that holds the store. The kernel drops the
lock when the holding process ends in any way, SIGKILL included, so a lock is never
left behind by a dead run. The file itself stays (removing it could let two runs lock
two different files); it holds the holder's pid and run id, for the refusal message.
Worker processes do not inherit the lock: they are started fresh (spawn), and Python
opens files non-inheritable.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TextIO

from thresher.errors import StoreError

try:
    import fcntl
except ImportError:  # not on a POSIX system: runs are not guarded against each other
    fcntl = None  # type: ignore[assignment]

__all__ = ["RunLock"]


class RunLock:
    """The run lock of the store at ``store_path``."""

    def __init__(self, store_path: str) -> None:
        self.path = store_path + ".lock"
        self._handle: TextIO | None = None

    def acquire(self) -> None:
        """Take the lock, or raise ``StoreError`` naming the run that holds it."""
        if fcntl is None or self._handle is not None:
            return
        try:
            handle = open(self.path, "a+", encoding="ascii")  # noqa: SIM115 - held until release()
        except OSError as error:
            folder = Path(self.path).parent
            raise StoreError(
                f"{self.path}: cannot create the run lock: folder {folder} is not writable "
                f"({error.strerror or error})"
            ) from error
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().split()
            handle.close()
            who = (
                f"run {holder[1]} (pid {holder[0]})"
                if len(holder) == 2
                else (f"another run (pid {holder[0]})" if holder else "another run")
            )
            store = self.path.removesuffix(".lock")
            raise StoreError(
                f"{store}: the store is in use by {who}; wait for it to end or use another --store"
            ) from None
        self._handle = handle
        self._write(f"{os.getpid()}\n")

    def record(self, run_id: int) -> None:
        """Write the id of the run holding the lock next to its pid."""
        if self._handle is not None:
            self._write(f"{os.getpid()} {run_id}\n")

    def _write(self, text: str) -> None:
        assert self._handle is not None
        self._handle.seek(0)
        self._handle.truncate()
        self._handle.write(text)
        self._handle.flush()

    def release(self) -> None:
        """Let other runs in. Closing the file drops the lock."""
        if self._handle is not None:
            handle, self._handle = self._handle, None
            handle.close()

    @property
    def held(self) -> bool:
        return self._handle is not None
