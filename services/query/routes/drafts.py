"""`POST /v1/drafts`: draft cooperation records from a news article (text or HTML).

Writer token. The body is validated here (msgspec, then the rules a type cannot say); the
drafting itself runs in the worker process (services/query/drafting.py). Nothing is appended
and nothing is fetched, not even the `url`.
"""

from __future__ import annotations

import asyncio
from typing import Annotated, Literal

import msgspec
import structlog
from aiohttp import web
from msgspec import Meta

from services.query.context import DRAFTING
from services.query.drafting import Broken, Busy
from services.query.drafts.runner import Failed, TooLong
from services.query.store import Unavailable
from shared import edtf
from shared.problems import Problem
from shared.record import MalformedJSON, RecordInvalid, decode, is_web_url
from shared.web import read_json, requires

log = structlog.get_logger()
routes = web.RouteTableDef()
MAX_BYTES = 2 * 1024 * 1024
PARSE_ON_LOOP = 64 * 1024  # bytes of body validated on the event loop; a larger one in a thread

_Text = Annotated[str, Meta(min_length=1, description="the article")]


class DraftRequest(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """`null` is the same as leaving a field out."""

    text: _Text | None = None
    html: _Text | None = None
    url: Annotated[str, Meta(min_length=1, max_length=2000)] | None = None
    published: Annotated[str, Meta(min_length=4, max_length=11)] | None = None
    publisher: Annotated[str, Meta(min_length=1, max_length=300)] | None = None
    lang: Literal["ko", "en"] | None = None


_decoder = msgspec.json.Decoder(DraftRequest)


def _semantic_errors(req: DraftRequest) -> list[dict[str, str]]:
    errors = []
    if (req.text is None) == (req.html is None):
        errors.append({"path": "$", "message": "give exactly one of text (plain text) and html (a web page)"})
    for name in ("text", "html", "url", "published", "publisher"):
        value = getattr(req, name)
        if value is not None and "\x00" in value:
            errors.append({"path": f"$.{name}", "message": "holds a NUL character (U+0000)"})
    if req.url is not None and "\x00" not in req.url and not is_web_url(req.url):
        errors.append({"path": "$.url", "message": "must be an http:// or https:// address with a host"})
    if req.published is not None and "\x00" not in req.published:
        message = _publication_date(req.published)
        if message:
            errors.append({"path": "$.published", "message": message})
    return errors


def _publication_date(text: str) -> str | None:
    """A publication date is one day, month or year (EDTF: 2025-08-03, 2025-08, 2025, each
    optionally ending in ?, ~ or %): relative dates are resolved against it."""
    if "/" in text or "X" in text.upper():
        return f"'{text}': a publication date is one day, month or year (2025-08-03, 2025-08, 2025), not an " \
               "interval nor a date with unspecified digits"
    try:
        edtf.parse(text)
    except edtf.EDTFError as exc:
        return str(exc)
    return None


def parse(body: bytes) -> dict:
    """The request as the drafter takes it (fields left out or null are absent); Problem 400/422."""
    try:
        req = decode(body, _decoder)
    except MalformedJSON as exc:
        raise Problem(400, f"the body is not valid JSON: {exc}") from None
    except RecordInvalid as exc:
        raise Problem(422, "the body is not a valid drafts request", errors=exc.errors) from None
    errors = _semantic_errors(req)
    if errors:
        raise Problem(422, "the body is not a valid drafts request", errors=errors)
    return {f: getattr(req, f) for f in req.__struct_fields__ if getattr(req, f) is not None}


@routes.post("/v1/drafts")
@requires("writer")
async def make_drafts(request: web.Request) -> web.Response:
    drafting = request.app[DRAFTING]
    if not drafting.enabled:
        raise Problem(404, "drafting is switched off on this query service (COOPLINE_DRAFTS=off)")
    raw = await read_json(request, MAX_BYTES)
    # a large body is validated off the loop (decoding 2 MiB takes milliseconds); a usual one here
    body = parse(raw) if len(raw) <= PARSE_ON_LOOP else await asyncio.to_thread(parse, raw)
    try:
        answer = await drafting.draft(body)
    except Busy as exc:
        raise Problem(503, str(exc), headers={"Retry-After": "2"}) from None
    except Broken as exc:
        raise Problem(503, str(exc), headers={"Retry-After": "5"}) from None
    except TooLong:
        raise Problem(422, f"the article took longer than the drafter's {drafting.budget:g} s to read; send "
                           "the article's own text (a page of thousands of words on one line is not one)") from None
    except (Problem, Unavailable):
        raise
    except Exception as exc:  # a defect of the drafter on this article: say so, never a bare 500
        # the error's type only: its message or a traceback's locals could quote the article
        log.error("draft_failed", error=exc.kind if isinstance(exc, Failed) else type(exc).__name__,
                  chars=len(body.get("text") or body.get("html") or ""))
        raise Problem(422, "the drafter could not read this article; the request id is in the X-Request-Id "
                           "header") from None
    return web.Response(body=answer, headers={"Content-Type": "application/json"})  # JSON made by the worker
