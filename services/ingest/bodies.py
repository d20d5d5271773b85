"""Large request bodies (over the one-event limit, i.e. batches): a bounded number at once,
decoded off the event loop, the allocator trimmed after them.

* **Bounded.** At most COOPLINE_MAX_LARGE_BODIES large bodies are read, decoded and committed
  at once; one more is refused at once with 503 and `Retry-After: 1`, before its body is read
  (queueing it would hold its connection and, soon, its body; a client retries a 503 anyway).
  A body without a Content-Length counts as large.
* **Off the loop.** msgspec holds the GIL for a whole `decode` call, so a 16 MiB batch decoded
  in one call in a worker thread stalls the loop as long as on the loop itself. The batch is
  split instead: one call finds the array's elements (`list[Raw]`, a scan without building
  records, then checked against the item limit), then each record is decoded, checked and
  encoded on its own — between two records the worker lets the loop run, so `/healthz` and
  small writes are answered while a batch is decoded.
* **Trimmed.** When the last large body is done, glibc's free pages go back (shared/memory.py).
"""

from __future__ import annotations

import asyncio
import contextlib
from concurrent.futures import ThreadPoolExecutor

import msgspec
from aiohttp import web

from shared import memory, record
from shared.problems import Problem

_raw_list = msgspec.json.Decoder(list[msgspec.Raw])
_one = msgspec.json.Decoder(list[record.Record])


def decode_stepwise(body: bytes, max_items: int, encode=record.encode) -> tuple[list[record.Record], list[bytes]]:
    """`record.decode_batch` one element at a time (same records, same error paths `$[i]…`);
    → the records and their stored form (`encode`)."""
    raws = record.decode(body, _raw_list)
    if len(raws) > max_items:
        raise Problem(413, f"a batch holds at most {max_items} events, this one {len(raws)}")
    decoded: list[record.Record] = []
    errors: list[dict[str, str]] = []
    for i, raw in enumerate(raws):
        try:  # the structure: every element's errors, as one call names every structural error
            decoded.append(record.decode(b"[" + raw + b"]", _one)[0])
        except record.RecordInvalid as exc:  # its paths say $[0]…: this element is $[i]
            errors += [{**e, "path": f"$[{i}]{e['path'][4:]}"} for e in exc.errors]
    if errors:  # as in one call: structural errors first, alone
        raise record.RecordInvalid(errors)
    recs: list[record.Record] = []
    for i, rec in enumerate(decoded):
        try:  # what a type cannot say: every record's errors together
            recs.append(record.validate(rec, f"$[{i}]"))
        except record.RecordInvalid as exc:
            errors += exc.errors
    if errors:
        raise record.RecordInvalid(errors)
    return recs, [encode(r) for r in recs]


class LargeBodies:
    def __init__(self, max_large: int, large: int):
        self.max_large, self.large, self.active = max_large, large, 0
        self._executor = ThreadPoolExecutor(max_workers=max_large, thread_name_prefix="coopline-decode")

    def is_large(self, request: web.Request) -> bool:
        length = request.content_length
        return length is None or length > self.large

    @contextlib.asynccontextmanager
    async def slot(self, request: web.Request):
        """Hold one of the large-body slots for the block (no slot needed for a small body)."""
        if not self.is_large(request):
            yield
            return
        if self.active >= self.max_large:
            raise Problem(503, f"{self.active} large request bodies are being processed, the most this service takes "
                               "at once; retry shortly", headers={"Retry-After": "1"})
        self.active += 1
        try:
            yield
        finally:
            self.active -= 1
            if self.active == 0:  # once the handler's frame (and the records in it) is gone
                loop = asyncio.get_running_loop()
                loop.call_later(0.1, loop.run_in_executor, self._executor, memory.trim)

    async def decode_batch(self, body: bytes, max_items: int, encode=record.encode) -> tuple[list[record.Record], list[bytes]]:
        """The batch's records and their stored form (`encode`, e.g. the log's canonical JSON)."""
        if len(body) <= self.large:  # the common case: on the loop, no thread hop
            recs = record.decode_batch(body)
            if len(recs) > max_items:
                raise Problem(413, f"a batch holds at most {max_items} events, this one {len(recs)}")
            return recs, [encode(r) for r in recs]
        return await asyncio.get_running_loop().run_in_executor(self._executor, decode_stepwise, body, max_items, encode)

    async def off_loop(self, body: bytes, fn, *args):
        """`fn(*args)` in a worker thread when `body` is large (so the loop keeps answering), else here."""
        if len(body) <= self.large:
            return fn(*args)
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn, *args)

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


BODIES = web.AppKey("large_bodies", LargeBodies)
