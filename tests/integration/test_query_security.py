"""Role checks on every route of the query service (issue 7, DESIGN §6–7): a table of
route × role → status, run with public reads (the default) and with COOPLINE_PUBLIC_READS=false.

The table must name every (method, route) the app's router holds — a route added without a row
fails `test_the_table_covers_every_route` — and every GET row is checked for HEAD as well.
"""

from __future__ import annotations

import asyncio
import contextlib

import pytest
from aiohttp.test_utils import TestClient, TestServer

from services.query.app import create_app
from services.query.projections.organisations import derived_id
from shared.auth import TokenTable, token_line
from shared.settings import Settings
from tests.conftest import make_record
from tests.integration.query_pair import running_pair

PROBLEM = "application/problem+json"
TOKENS = {"reader": "q-reader-SECRET-0123456789", "writer": "q-writer-SECRET-0123456789",
          "admin": "q-admin-SECRET-0123456789", "unknown": "q-unknown-SECRET-0123456789"}
ROLES = (None, "unknown", "reader", "writer", "admin")
OPEN = dict.fromkeys(ROLES, 200)                                   # anyone
READ = {None: 401, "unknown": 401, "reader": 200, "writer": 200, "admin": 200}  # reader and up
ADMIN = {None: 401, "unknown": 401, "reader": 403, "writer": 403}  # + the admin's own status
# writer and up; the table's POST body ({"dry_run": true}) is no article: 422 once past the role check
WRITER = {None: 401, "unknown": 401, "reader": 403, "writer": 422, "admin": 422}

# make_record(1)'s Korean participant has no `org`: its organisation is known by the derived id
MSIT = derived_id("KR", "과학기술정보통신부")

# (method, route as the router names it, concrete path, statuses with public reads, without)
# `{job}` is replaced by the id of a finished rebuild job.
TABLE = [
    ("GET", "/v1/countries", "/v1/countries", OPEN, READ),
    ("GET", "/v1/countries/{code}/timeline", "/v1/countries/KR/timeline?partner=RU", OPEN, READ),
    ("GET", "/v1/countries/{code}/partners", "/v1/countries/KR/partners", OPEN, READ),
    ("GET", "/v1/sectors", "/v1/sectors?by=year", OPEN, READ),
    ("GET", "/v1/events/{id}", "/v1/events/test-1", OPEN, READ),
    ("GET", "/v1/projections", "/v1/projections", OPEN, READ),
    ("GET", "/v1/search", "/v1/search?q=혁신", OPEN, READ),
    ("GET", "/v1/organisations", "/v1/organisations?country=KR", OPEN, READ),
    ("GET", "/v1/organisations/{org}", f"/v1/organisations/{MSIT}", OPEN, READ),
    ("GET", "/v1/organisations/{org}/timeline", f"/v1/organisations/{MSIT}/timeline", OPEN, READ),
    ("GET", "/v1/releases", "/v1/releases", OPEN, READ),
    ("GET", "/v1/releases/{name}/changes", "/v1/releases/r1/changes", OPEN, READ),
    ("GET", "/v1/rebuilds/{id}", "/v1/rebuilds/{job}", OPEN, READ),
    ("POST", "/v1/rebuilds", "/v1/rebuilds", {**ADMIN, "admin": 202}, {**ADMIN, "admin": 202}),
    ("DELETE", "/v1/rebuilds/{id}", "/v1/rebuilds/{job}", {**ADMIN, "admin": 409}, {**ADMIN, "admin": 409}),
    ("POST", "/v1/drafts", "/v1/drafts", WRITER, WRITER),
    ("GET", "/", "/", OPEN, OPEN),
    ("GET", "/drafts", "/drafts", OPEN, OPEN),  # the drafts view holds no records; its requests carry the token
    ("GET", "/static/{file}", "/static/app.js", OPEN, OPEN),
    ("GET", "/healthz", "/healthz", OPEN, OPEN),
    ("GET", "/readyz", "/readyz", OPEN, OPEN),
    ("GET", "/metrics", "/metrics", OPEN, OPEN),
    ("GET", "/v1/vocabulary", "/v1/vocabulary", OPEN, OPEN),
    ("GET", "/openapi.json", "/openapi.json", OPEN, OPEN),
    ("GET", "/docs", "/docs", OPEN, OPEN),
    ("GET", "/docs/{file}", "/docs/swagger-ui-bundle.js", OPEN, OPEN),
]


def headers(role: str | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKENS[role]}"} if role else {}


@pytest.fixture
def tokens(tmp_path) -> TokenTable:
    path = tmp_path / "tokens"
    path.write_text("".join(token_line(f"{r}-bot", r, TOKENS[r]) + "\n" for r in ("reader", "writer", "admin")))
    return TokenTable.load(str(path))


@contextlib.asynccontextmanager
async def secured_query(tmp_path, tokens: TokenTable, *, public_reads: bool):
    """The ingest app (dev mode) with one event and a release, and a query app with tokens following it."""
    async with running_pair(tmp_path) as pair:
        await pair.post("/v1/events", make_record(1))
        head = (await pair.post("/v1/releases", {"name": "r1"}))["record"]["position"]
        settings = Settings(service="query", store=f"sqlite:///{tmp_path}/secured-{public_reads}.db",
                            ingest_url=pair.ingest_url, port=0, public_reads=public_reads)
        client = TestClient(TestServer(create_app(settings, tokens, poll_wait=1.0)))
        await client.start_server()
        try:
            r = await client.get(f"/v1/countries?min_position={head}", headers=headers("reader"))
            assert r.status == 200, await r.text()
            yield client
        finally:
            await client.close()


async def finish_rebuilds(client: TestClient) -> str:
    """Wait until no rebuild runs; → the id of the last job (starting one if there is none)."""
    jobs = await (await client.get("/v1/projections", headers=headers("reader"))).json()
    r = await client.post("/v1/rebuilds", json={"dry_run": True}, headers=headers("admin"))
    if r.status == 202:
        job = (await r.json())["id"]
    else:
        assert r.status == 409, await r.text()
        job = None
    for _ in range(400):
        state = await (await client.get("/v1/projections", headers=headers("reader"))).json()
        if not any(p["rebuilding"] for p in state):
            break
        await asyncio.sleep(0.025)
    else:
        raise AssertionError(f"a rebuild is still running: {jobs}")
    return job


def test_the_table_covers_every_route(tmp_path):
    app = create_app(Settings(service="query", store=f"sqlite:///{tmp_path}/p.db", port=0), None)
    routed = {(r.method, r.resource.canonical) for r in app.router.routes() if r.method != "HEAD"}
    tabled = {(method, route) for method, route, *_ in TABLE}
    assert routed - tabled == set(), f"routes without a row in the role table: {sorted(routed - tabled)}"
    assert tabled - routed == set(), f"rows for routes that do not exist: {sorted(tabled - routed)}"
    # every GET also answers HEAD (aiohttp adds it), with the same checks — see below
    assert {(r.resource.canonical) for r in app.router.routes() if r.method == "HEAD"} == {
        route for method, route, *_ in TABLE if method == "GET"}


@pytest.mark.parametrize("public_reads", [True, False], ids=["public-reads", "private-reads"])
async def test_route_role_table(tmp_path, tokens, public_reads):
    async with secured_query(tmp_path, tokens, public_reads=public_reads) as client:
        job = await finish_rebuilds(client)
        wrong = []
        for method, _route, path, public, private in TABLE:
            expected = public if public_reads else private
            for role in ROLES:
                if method == "POST":
                    await finish_rebuilds(client)  # one at a time: a running job would make this 409
                concrete = path.replace("{job}", job)
                for m in ((method, "HEAD") if method == "GET" else (method,)):
                    kwargs = {"json": {"dry_run": True}} if m == "POST" else {}
                    r = await client.request(m, concrete, headers=headers(role), **kwargs)
                    if r.status != expected[role]:
                        wrong.append(f"{m} {concrete} as {role}: {r.status}, expected {expected[role]}")
                        continue
                    if r.status in (401, 403) and m != "HEAD":
                        assert r.content_type == PROBLEM
                        body = await r.json(content_type=None)
                        assert body["status"] == r.status
                        text = await r.text()
                        assert not any(t in text for t in TOKENS.values())
                    if r.status == 401:
                        assert r.headers["WWW-Authenticate"].startswith("Bearer")
        await finish_rebuilds(client)
        assert not wrong, "\n".join(wrong)


async def test_malformed_authorization_headers(tmp_path, tokens):
    async with secured_query(tmp_path, tokens, public_reads=False) as client:
        for header in ("Bearer", "Bearer ", "Basic cmVhZGVyOng=", f"Token {TOKENS['admin']}",
                       f"Bearer {TOKENS['admin']}x", f"Bearer {TOKENS['admin'][:-1]}", "Bearer \u00e9\u00e9"):
            for method, path in (("GET", "/v1/countries"), ("POST", "/v1/rebuilds"), ("DELETE", "/v1/rebuilds/x")):
                r = await client.request(method, path, headers={"Authorization": header})
                assert r.status == 401 and r.content_type == PROBLEM, (header, method, path, r.status)
        # a lower-case scheme and surrounding blanks are still the same token
        r = await client.get("/v1/countries", headers={"Authorization": f"bearer  {TOKENS['reader']} "})
        assert r.status == 200
