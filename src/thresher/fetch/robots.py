"""What a host's robots.txt allows (RFC 9309), parsed once per host with Protego.

The answer to the robots.txt request decides: a 2xx body is parsed; a 4xx means the
site has no rules (everything allowed); a 5xx, a timeout or a connection error means
the rules are unknown, and a careful crawler fetches nothing from that host.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["MAX_ROBOTS_BYTES", "RobotsRules"]

#: Bytes of robots.txt read; RFC 9309 asks crawlers to parse at least 500 KiB.
MAX_ROBOTS_BYTES = 512 * 1024


@dataclass(frozen=True, slots=True)
class RobotsRules:
    """The rules of one host for one user agent."""

    #: Parsed Protego rules, or None: then ``allow_all`` decides.
    parser: Any = None
    allow_all: bool = True
    #: Why nothing is allowed, when the rules could not be read.
    unavailable: str | None = None

    @classmethod
    def parse(cls, body: bytes) -> RobotsRules:
        from protego import Protego  # imported here: only fetching needs it

        text = body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")
        try:
            return cls(parser=Protego.parse(text))
        except Exception:  # Protego is lenient; a body it cannot read has no rules we can obey
            return cls()

    @classmethod
    def missing(cls) -> RobotsRules:
        """No robots.txt (a 4xx answer): everything is allowed."""
        return cls()

    @classmethod
    def unreachable(cls, why: str) -> RobotsRules:
        """robots.txt could not be read (5xx, timeout, connection error): nothing is allowed."""
        return cls(allow_all=False, unavailable=why)

    def allows(self, url: str, user_agent: str) -> bool:
        if self.parser is None:
            return self.allow_all
        return bool(self.parser.can_fetch(url, user_agent))

    def crawl_delay(self, user_agent: str) -> float:
        if self.parser is None:
            return 0.0
        delay = self.parser.crawl_delay(user_agent)
        return float(delay) if delay and delay > 0 else 0.0
