"""The time budget of one ``extract()`` call, checked where the work can stop cleanly.

The clock is the calling thread's CPU time: a page's outcome then does not depend on
how busy the machine is, and other threads of the caller do not use up its budget. The
budget is checked between stages and every few thousand elements of the long loops;
one call into the parser is not interrupted, which is why the markup is bounded first
(``html.bound``) so that no call into it runs long.
"""

from __future__ import annotations

import time

from thresher.errors import ExtractTimeoutError

__all__ = ["Budget"]


class Budget:
    """``budget.check("stage")`` raises ``ExtractTimeoutError`` once ``seconds`` of CPU
    time have passed since the budget was made; ``None`` means no limit."""

    __slots__ = ("_limit", "_seconds")

    def __init__(self, seconds: float | None) -> None:
        self._seconds = seconds
        self._limit = None if seconds is None else time.thread_time() + seconds

    def check(self, stage: str) -> None:
        if self._limit is not None and time.thread_time() > self._limit:
            raise ExtractTimeoutError(
                f"extraction ran past its time budget of {self._seconds:g} s (CPU) during {stage}"
            )


#: The budget of work that has none (direct calls to the stages, tests).
UNLIMITED = Budget(None)
