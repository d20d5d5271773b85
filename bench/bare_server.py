"""The baseline server: a bare aiohttp handler that decodes the body with msgspec into
`shared.record.Record` and answers 201 — no validation beyond the schema, no store, no
middleware. Same event loop (uvloop, or COOPLINE_EVENT_LOOP's) and run_app settings as the real services.

    COOPLINE_PORT=8090 python bench/bare_server.py
"""

from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import msgspec  # noqa: E402
from aiohttp import web  # noqa: E402

from shared.record import Record  # noqa: E402
from shared.runner import new_event_loop  # noqa: E402

_decoder = msgspec.json.Decoder(Record)
_encoder = msgspec.json.Encoder()
_positions = itertools.count(1)


async def post_event(request: web.Request) -> web.Response:
    rec = _decoder.decode(await request.read())
    receipt = {"id": rec.id, "version": 1, "position": next(_positions)}
    return web.Response(body=_encoder.encode(receipt), status=201, content_type="application/json")


async def healthz(request: web.Request) -> web.Response:
    return web.Response(body=b'{"status":"ok"}', content_type="application/json")


def main() -> None:
    app = web.Application(client_max_size=16 * 2**20)
    app.router.add_post("/v1/events", post_event)
    app.router.add_get("/healthz", healthz)
    web.run_app(app, host="127.0.0.1", port=int(os.environ["COOPLINE_PORT"]), print=None, access_log=None,
                loop=new_event_loop(os.environ.get("COOPLINE_EVENT_LOOP", "uvloop")))


if __name__ == "__main__":
    main()
