"""The ingest feed over HTTP: `GET /v1/log?after=N&limit=M&wait=S` → a decoded Page.

httpx, as DESIGN.md names it for this client (a test can hand it an `httpx.MockTransport`).
Its cost per round trip is what the append→visible path pays on every page; `sniffio` is
installed so that httpcore finds it once instead of failing an import on every request
(≈130 µs a request here), see bench/README.md.
"""

from __future__ import annotations

import httpx
import msgspec

from shared.log_record import Page, page_decoder

MAX_LIMIT = 5000


class FeedError(Exception):
    """The feed could not be read (ingest down, refused, or answered something unexpected)."""


class FeedClient:
    def __init__(self, base_url: str, token: str | None, *, transport: httpx.AsyncBaseTransport | None = None):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        # The read timeout outlasts the longest long poll (30 s).
        self._client = httpx.AsyncClient(base_url=base_url, headers=headers, transport=transport,
                                         timeout=httpx.Timeout(45.0, connect=5.0))

    async def page(self, after: int, limit: int = 1000, wait: float = 0) -> Page:
        params = {"after": after, "limit": min(limit, MAX_LIMIT)}
        if wait:
            params["wait"] = wait
        try:
            resp = await self._client.get("/v1/log", params=params)
        except httpx.HTTPError as exc:
            raise FeedError(f"cannot reach the ingest feed: {exc.__class__.__name__}: {exc}") from None
        if resp.status_code != 200:
            raise FeedError(f"the ingest feed answered {resp.status_code}: {resp.text[:200]}")
        try:
            return page_decoder.decode(resp.content)
        except msgspec.DecodeError as exc:
            raise FeedError(f"the ingest feed sent an unreadable page: {exc}") from None

    async def close(self) -> None:
        await self._client.aclose()
