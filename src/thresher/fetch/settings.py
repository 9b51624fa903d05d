"""How politely to fetch: the knobs of ``thresher fetch``, with defaults a site owner would accept."""

from __future__ import annotations

from dataclasses import dataclass, field

from thresher import __version__

__all__ = ["DEFAULT_USER_AGENT", "FetchSettings"]

#: Names the tool and its version, and says where its operator can be reached. The contact is
#: a placeholder: people who crawl more than a few pages should pass their own with ``--user-agent``.
DEFAULT_USER_AGENT = (
    f"thresher/{__version__} (+https://example.invalid/thresher-bot; contact@example.invalid)"
)


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """Politeness and safety limits of one fetch.

    A host gets one request at a time, ``delay`` seconds apart (or its robots.txt
    ``Crawl-delay`` when larger, up to ``max_crawl_delay``); at most ``concurrency``
    requests run at once over all hosts.
    """

    user_agent: str = DEFAULT_USER_AGENT
    #: Seconds between the end of one request to a host and the start of the next.
    delay: float = 1.0
    #: Requests in flight at once, over all hosts.
    concurrency: int = 8
    #: Seconds to open a connection, and to wait for each chunk of a response.
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    #: Seconds one response may take in total, so a server dripping bytes cannot hold a slot forever.
    max_time: float = 120.0
    #: Bytes of a page body (decoded) past which the download stops and the page counts as too large.
    max_bytes: int = 10 * 1024 * 1024
    #: Bytes of a sitemap or feed (decoded; the sitemap protocol allows 50 MB).
    max_sitemap_bytes: int = 50 * 1024 * 1024
    #: Redirect hops followed from one URL; each hop is checked against its host's robots.txt.
    max_redirects: int = 10
    #: Retries after a 429, a 5xx or a connection error, waiting ``backoff * 2**n`` seconds (or
    #: the server's Retry-After when longer).
    retries: int = 3
    backoff: float = 1.0
    #: A Retry-After longer than this ends the retries: the server asked for more patience than we have.
    max_retry_after: float = 120.0
    #: A robots.txt Crawl-delay is honoured up to this many seconds; longer values are cut to it,
    #: so one robots.txt cannot stall a fetch for hours.
    max_crawl_delay: float = 60.0
    #: How deep sitemap indexes may nest (an index listing indexes listing sitemaps is depth 2).
    max_sitemap_depth: int = 3
    #: Pages to fetch at most (None: all listed).
    max_pages: int | None = None
    #: Sent as If-Modified-Since with every request but robots.txt; a 304 answer counts as not
    #: modified (for a sitemap or feed: none of its pages is fetched).
    if_modified_since: str | None = None
    extra_headers: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        for name in ("delay", "backoff", "max_retry_after", "max_crawl_delay"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")
        for name in ("connect_timeout", "read_timeout", "max_time"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive")
        if self.retries < 0 or self.max_redirects < 0 or self.max_sitemap_depth < 0:
            raise ValueError("retries, max_redirects and max_sitemap_depth must not be negative")
        if not self.user_agent.strip():
            raise ValueError("user_agent must not be empty")
