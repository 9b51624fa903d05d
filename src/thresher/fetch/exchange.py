"""What one request gave: the exchange (request and response), or why it failed.

Plain data, free of any HTTP library, so callers of ``fetch_page`` can hold it
without loading the HTTP stack themselves.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

__all__ = ["Exchange", "Failed", "retry_after_seconds"]


@dataclass(slots=True)
class Exchange:
    """A request and the response it got; the body is decoded (gzip, deflate, br undone)."""

    url: str
    status: int
    reason: str
    http_version: str
    request_target: str
    request_headers: list[tuple[str, str]]
    headers: list[tuple[str, str]]
    body: bytes
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((value for key, value in self.headers if key.lower() == name), None)


@dataclass(frozen=True, slots=True)
class Failed:
    """A request that got no usable response."""

    reason: str
    detail: str = ""
    #: A connection error, worth trying again after a pause.
    retryable: bool = False


def retry_after_seconds(value: str | None) -> float | None:
    """The wait a Retry-After header asks for (seconds, or an HTTP date), or None if absent or unreadable."""
    import email.utils  # imported here: the command line imports this module, and rarely needs it

    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - time.time())
