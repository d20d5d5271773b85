"""The ingest service's HTTP handlers (DESIGN §5)."""

from __future__ import annotations

import re

import msgspec
from aiohttp import web

from services.ingest import dry_run
from services.ingest.bodies import BODIES
from services.ingest.store import LogStore, decide
from services.ingest.store.base import (
    CorrectCmd,
    Invalid,
    Receipt,
    RecordCmd,
    RetractCmd,
    Row,
    StoreError,
    Unavailable,
)
from shared import record
from shared.log_chain import canonical_ascii_keys
from shared.log_record import RELEASE_PREFIX, LogRecord, Page
from shared.problems import Problem
from shared.record import ID_PATTERN, Correction, MalformedJSON, RecordInvalid, Retraction
from shared.settings import Settings
from shared.web import SETTINGS, json_response, principal, read_json, requires

STORE = web.AppKey("store", LogStore)
routes = web.RouteTableDef()
_correction_decoder = msgspec.json.Decoder(Correction)
_retraction_decoder = msgspec.json.Decoder(Retraction)
_page_encoder = msgspec.json.Encoder()
MAX_WAIT, MAX_LIMIT = 30.0, 5000
_id_re = re.compile(ID_PATTERN)
_digits = re.compile(r"[0-9]{1,20}")
_seconds = re.compile(r"[0-9]{1,6}(\.[0-9]{1,9})?")


def _decode(fn, *args):
    try:
        return fn(*args)
    except (MalformedJSON, RecordInvalid) as exc:
        raise _body_problem(exc) from None


def _body_problem(exc: MalformedJSON | RecordInvalid) -> Problem:
    if isinstance(exc, MalformedJSON):
        return Problem(400, f"the body is not valid JSON: {exc}")
    return Problem(422, "the body is not a valid request", errors=exc.errors)


async def _submit(request: web.Request, cmd):
    try:
        return await request.app[STORE].submit(cmd)
    except Invalid as exc:
        raise Problem(422, exc.detail, errors=exc.errors) from None
    except Unavailable:
        raise  # 503 + Retry-After from the app's middleware, as for reads
    except StoreError as exc:
        raise Problem(exc.status, exc.detail, extra=exc.extra) from None


def body_of(rec) -> bytes:
    """The bytes a record is stored (and hashed) as: RFC 8785, so the chain takes them as they
    are. (With the chain off — a bench-only switch — the schema-order encoding it replaced, so
    that the bench measures the chain's whole cost.)"""
    return canonical_ascii_keys(rec) if decide.SEAL else record.encode(rec)


def _receipt(r: Receipt) -> dict:
    return {"id": r.id, "version": r.version, "position": r.position}


def _cooperation_id(request: web.Request) -> str:
    cid = request.match_info["id"]
    if not _id_re.match(cid) or cid.startswith(RELEASE_PREFIX):  # a release is no cooperation
        raise Problem(404, f"no cooperation with id {cid!r}")
    return cid


@routes.post("/v1/events")
@requires("writer")
async def post_event(request: web.Request) -> web.Response:
    settings: Settings = request.app[SETTINGS]
    body = await read_json(request, settings.max_event_bytes)
    rec = _decode(record.decode_record, body)
    receipt = await _submit(request, RecordCmd([rec], [body_of(rec)], principal(request).name))
    return json_response(_receipt(receipt), status=201 if receipt.created else 200)


@routes.post("/v1/events/batch")
@requires("writer")
async def post_batch(request: web.Request) -> web.Response:
    settings: Settings = request.app[SETTINGS]
    bodies = request.app[BODIES]
    async with bodies.slot(request):  # a bounded number of large bodies at once, decoded off the loop
        body = await read_json(request, settings.max_batch_bytes)
        if dry_run.requested(request):
            return await bodies.off_loop(body, dry_run.respond, body, settings, _decode)
        try:
            recs, encoded = await bodies.decode_batch(body, settings.max_batch_items, body_of)
        except (MalformedJSON, RecordInvalid) as exc:
            raise _body_problem(exc) from None
        del body
        return await _append_batch(request, recs, encoded)


async def _append_batch(request: web.Request, recs: list, encoded: list[bytes]) -> web.Response:
    if not recs:
        raise Problem(422, "the batch is empty", errors=[{"path": "$", "message": "send at least one event"}])
    seen: dict[str, int] = {}
    for i, rec in enumerate(recs):
        if rec.id in seen:
            raise Problem(422, "duplicate id in the batch", errors=[
                {"path": f"$[{i}].id", "message": f"id {rec.id!r} already appears at $[{seen[rec.id]}]"}])
        seen[rec.id] = i
    cmd = RecordCmd(recs, encoded, principal(request).name, batch=True)
    receipts = await _submit(request, cmd)
    results = [{"id": r.id, "version": r.version, "position": r.position, "created": r.created} for r in receipts]
    return json_response({"results": results}, status=201 if any(r.created for r in receipts) else 200)


@routes.post("/v1/events/{id}/corrections")
@requires("writer")
async def post_correction(request: web.Request) -> web.Response:
    cid = _cooperation_id(request)
    body = await read_json(request, request.app[SETTINGS].max_event_bytes)
    c = _decode(record.decode, body, _correction_decoder)
    receipt = await _submit(request, CorrectCmd(cid, c.expected_version, c.changes, c.reason, principal(request).name))
    return json_response(_receipt(receipt), status=201)


@routes.post("/v1/events/{id}/retraction")
@requires("writer")
async def post_retraction(request: web.Request) -> web.Response:
    cid = _cooperation_id(request)
    body = await read_json(request, request.app[SETTINGS].max_event_bytes)
    r = _decode(record.decode, body, _retraction_decoder)
    receipt = await _submit(request, RetractCmd(cid, r.expected_version, r.reason, principal(request).name))
    return json_response(_receipt(receipt), status=201)


def to_log_record(row: Row) -> LogRecord:
    return LogRecord(id=row.id, type=row.type, subject=row.subject, time=row.time, position=row.position,
                     streamversion=row.streamversion, actor=row.actor, hash=row.hash, data=msgspec.Raw(row.data))


@routes.get("/v1/events/{id}/history")
@requires("reader")
async def get_history(request: web.Request) -> web.Response:
    rows = await request.app[STORE].history(_cooperation_id(request))
    if not rows:
        raise Problem(404, f"no cooperation with id {request.match_info['id']!r}")
    return json_response([to_log_record(r) for r in rows])


def int_param(request: web.Request, name: str, default: int, lo: int, hi: int) -> int:
    raw = request.query.get(name)
    if raw is None:
        return default
    # ASCII digits only: int() would also take "1_000", " 7 " and other scripts' digits.
    value = int(raw) if _digits.fullmatch(raw) else None
    if value is None or not lo <= value <= hi:
        raise Problem(422, f"{name} must be an integer from {lo} to {hi}",
                      errors=[{"path": f"query.{name}", "message": f"expected an integer from {lo} to {hi}, got {raw!r}"}])
    return value


def _wait_param(request: web.Request) -> float:
    raw = request.query.get("wait", "0")
    # float() would also take "1_0", " 7", "1e1", "nan" and other scripts' digits
    value = float(raw) if _seconds.fullmatch(raw) else -1.0
    if not 0 <= value <= MAX_WAIT:  # also refuses nan and inf
        raise Problem(422, f"wait must be a number of seconds from 0 to {MAX_WAIT:g}",
                      errors=[{"path": "query.wait", "message": f"expected 0 to {MAX_WAIT:g}, got {raw!r}"}])
    return value


async def _log_rows(store, after: int, limit: int):
    """The records this process committed last are in memory: a follower at the head is
    answered from them right after the commit, with no database hop; older records (or another
    process's) come from the database."""
    rows = store.recent(after, limit)
    return rows if rows is not None else await store.read(after, limit)


@routes.get("/v1/log")
@requires("reader")
async def get_log(request: web.Request) -> web.Response:
    after = int_param(request, "after", 0, 0, 2**62)
    limit = int_param(request, "limit", 500, 1, MAX_LIMIT)
    wait = _wait_param(request)
    store = request.app[STORE]
    rows = await _log_rows(store, after, limit)
    if not rows and wait:
        await store.wait(after, wait)
        rows = await _log_rows(store, after, limit)
    known = store.known_head()
    head = known if known is not None else await store.head()
    if rows and rows[-1].position > head:
        head = rows[-1].position
    page = Page(records=[to_log_record(r) for r in rows], head=head)
    return web.Response(body=_page_encoder.encode(page), content_type="application/json")
