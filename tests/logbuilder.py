"""A tiny in-test event log: LogRecords as ingest would append them (normalised, gapless).

Feeds the query service's projections directly, or over HTTP through `feed_transport`
(an httpx.MockTransport serving `GET /v1/log` from these records).
"""

from __future__ import annotations

import asyncio
import datetime

import httpx
import msgspec

from shared import record
from shared.log_record import CORRECTED, RECORDED, RETRACTED, LogRecord, Page
from tests.conftest import make_record

T0 = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


class LogBuilder:
    def __init__(self) -> None:
        self.records: list[LogRecord] = []
        self.versions: dict[str, int] = {}

    def time_of(self, position: int) -> str:
        return (T0 + datetime.timedelta(seconds=position)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")

    def _append(self, type_: str, subject: str, data: bytes) -> LogRecord:
        pos = len(self.records) + 1
        self.versions[subject] = self.versions.get(subject, 0) + 1
        rec = LogRecord(id=f"r{pos}", type=type_, subject=subject, time=self.time_of(pos), position=pos,
                        streamversion=self.versions[subject], actor="test", data=msgspec.Raw(data))
        self.records.append(rec)
        return rec

    def record(self, n: int | str = 1, **over) -> LogRecord:
        """Record make_record(n); a string n is the id itself."""
        if isinstance(n, str):
            over.setdefault("id", n)
        rec = record.validate(msgspec.convert(make_record(n, **over), record.Record))
        return self._append(RECORDED, rec.id, record.encode(rec))

    def correct(self, cid: str, reason: str = "fix", **changes) -> LogRecord:
        return self._append(CORRECTED, cid, msgspec.json.encode({"changes": changes, "reason": reason}))

    def retract(self, cid: str, reason: str = "wrong") -> LogRecord:
        return self._append(RETRACTED, cid, msgspec.json.encode({"reason": reason}))

    def page(self, after: int, limit: int, upto: int | None = None) -> Page:
        records = self.records[: upto if upto is not None else len(self.records)]
        return Page(records=records[after: after + limit], head=len(records))

    def feed_transport(self, upto: int | None = None) -> httpx.MockTransport:
        async def handler(request: httpx.Request) -> httpx.Response:
            after, limit = int(request.url.params.get("after", 0)), int(request.url.params.get("limit", 500))
            page = self.page(after, limit, upto)
            if not page.records and float(request.url.params.get("wait", 0)):
                await asyncio.sleep(0.2)  # a short stand-in for the long poll
            return httpx.Response(200, content=msgspec.json.encode(page))
        return httpx.MockTransport(handler)


def party(*codes: str) -> list[dict]:
    """Participants from these countries."""
    return [{"name": f"org-{c}", "country": c} for c in codes]
