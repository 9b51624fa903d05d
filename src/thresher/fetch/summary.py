"""What became of every URL of a fetch: returned by ``fetch()``, printed by ``thresher fetch``."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

__all__ = ["FetchSummary"]


@dataclass
class FetchSummary:
    """Each URL a fetch met ends in exactly one of: fetched, not modified, disallowed, failed,
    read as a sitemap or feed, or not fetched because of ``max_pages``."""

    #: Pages written (2xx answers).
    fetched: int = 0
    #: 304 answers to a conditional request.
    not_modified: int = 0
    #: URLs robots.txt forbids, by why (``robots.txt`` rules, or robots.txt unreachable).
    disallowed: Counter[str] = field(default_factory=Counter)
    #: URLs that gave no page, by reason (``timeout``, ``too large``, ``HTTP 404``, ...).
    failed: Counter[str] = field(default_factory=Counter)
    sitemaps: int = 0
    feeds: int = 0
    #: URLs listed again by another sitemap, feed or list: fetched once.
    duplicates: int = 0
    #: Pages listed past ``max_pages``: not fetched.
    over_limit: int = 0
    #: Requests sent, robots.txt, retries and redirect hops included.
    requests: int = 0
    bytes: int = 0
    seconds: float = 0.0
    output: str | None = None

    @property
    def urls(self) -> int:
        return (
            self.fetched
            + self.not_modified
            + sum(self.disallowed.values())
            + sum(self.failed.values())
            + self.sitemaps
            + self.feeds
            + self.over_limit
        )

    @property
    def ok(self) -> bool:
        return not self.failed

    def as_dict(self) -> dict[str, Any]:
        return {
            "urls": self.urls,
            "fetched": self.fetched,
            "not_modified": self.not_modified,
            "disallowed": dict(self.disallowed),
            "failed": dict(self.failed),
            "sitemaps": self.sitemaps,
            "feeds": self.feeds,
            "duplicates": self.duplicates,
            "over_limit": self.over_limit,
            "requests": self.requests,
            "bytes": self.bytes,
            "seconds": round(self.seconds, 3),
            "output": self.output,
        }

    def render(self, console: Any) -> None:
        """The closing table of ``thresher fetch`` (``console`` is a rich Console)."""
        from rich.table import Table

        title = f"{self.urls:,} URLs in {self.seconds:.1f} s ({self.requests:,} requests)"
        if self.output:
            title += f" → {self.output}"
        table = Table(title=title, title_justify="left")
        table.add_column("outcome")
        table.add_column("URLs", justify="right")
        table.add_row("fetched", f"{self.fetched:,}")
        table.add_row("not modified", f"{self.not_modified:,}")
        for name, counts in (("disallowed by robots.txt", self.disallowed), ("failed", self.failed)):
            table.add_row(name, f"{sum(counts.values()):,}")
            for reason, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
                table.add_row(f"  {reason}", f"{count:,}")
        table.add_row("sitemaps read", f"{self.sitemaps:,}")
        table.add_row("feeds read", f"{self.feeds:,}")
        table.add_row("listed more than once (fetched once)", f"{self.duplicates:,}")
        if self.over_limit:
            table.add_row("not fetched (over --max-pages)", f"{self.over_limit:,}")
        console.print(table)
