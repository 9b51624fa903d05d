"""One HTTP GET with httpx, within the limits of ``FetchSettings``: the exchange, or why it failed.

Redirects are not followed here: the crawler follows them hop by hop, so each hop
is checked against its host's robots.txt and waits its host's turn.
"""

from __future__ import annotations

import asyncio

import httpx

from thresher.fetch.exchange import Exchange, Failed
from thresher.fetch.settings import FetchSettings

__all__ = ["get", "make_client"]


def make_client(settings: FetchSettings) -> httpx.AsyncClient:
    """One client for the whole fetch: it keeps connections open between requests to a host."""
    timeout = httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout)
    limits = httpx.Limits(
        max_connections=settings.concurrency, max_keepalive_connections=settings.concurrency
    )
    headers = {"User-Agent": settings.user_agent, **settings.extra_headers}
    return httpx.AsyncClient(
        timeout=timeout, limits=limits, headers=headers, follow_redirects=False, trust_env=True
    )


async def get(
    client: httpx.AsyncClient,
    url: str,
    settings: FetchSettings,
    *,
    limit: int,
    headers: dict[str, str] | None = None,
    truncate: bool = False,
) -> Exchange | Failed:
    """GET ``url``; a body over ``limit`` bytes stops the download and the request counts as
    too large (with ``truncate``, the first ``limit`` bytes are kept instead).

    Only 2xx bodies are read; others are not needed and are not downloaded.
    """
    try:
        async with asyncio.timeout(settings.max_time):
            return await _get(client, url, limit, headers or {}, truncate)
    except TimeoutError:
        return Failed("timeout", f"no complete answer within {settings.max_time:g} s")
    except httpx.TimeoutException as error:
        return Failed("timeout", type(error).__name__)
    except httpx.DecodingError as error:
        return Failed("undecodable body", str(error))
    except (httpx.InvalidURL, httpx.UnsupportedProtocol, UnicodeError, ValueError) as error:
        return Failed("invalid URL", str(error))
    except httpx.TransportError as error:
        return Failed("connection error", str(error) or type(error).__name__, retryable=True)
    except httpx.HTTPError as error:
        return Failed("HTTP error", str(error) or type(error).__name__)


async def _get(
    client: httpx.AsyncClient, url: str, limit: int, headers: dict[str, str], truncate: bool
) -> Exchange | Failed:
    async with client.stream("GET", url, headers=headers) as response:
        body = b""
        if 200 <= response.status_code < 300:
            declared = response.headers.get("Content-Length", "").strip()
            if not truncate and declared.isdigit() and int(declared) > limit:
                return Failed("too large", f"Content-Length {int(declared):,} > {limit:,} bytes")
            chunks = bytearray()
            async for chunk in response.aiter_bytes():
                chunks += chunk
                if len(chunks) > limit:
                    if truncate:
                        del chunks[limit:]
                        break
                    return Failed("too large", f"more than {limit:,} bytes")
            body = bytes(chunks)
        request = response.request
        return Exchange(
            url=str(response.url),
            status=response.status_code,
            reason=response.reason_phrase or "",
            http_version=response.http_version or "HTTP/1.1",
            request_target=request.url.raw_path.decode("ascii", errors="replace"),
            request_headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in request.headers.raw],
            headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in response.headers.raw],
            body=body,
        )
