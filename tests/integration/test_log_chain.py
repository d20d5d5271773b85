"""The hash chain, `GET /v1/log/head` and releases through a real ingest process on both backends;
`coopline verify` finding forged, deleted and reordered records in either store."""

from __future__ import annotations

import asyncio
import sqlite3

import asyncpg
import httpx
import pytest

from services.ingest.store import open_store
from services.ingest.store.base import CorrectCmd, RecordCmd, ReleaseCmd, RetractCmd
from shared import record
from shared.log_chain import canonical_ascii_keys
from tests.conftest import BACKENDS, make_record, store_url
from tests.harness import Service
from tests.independent_chain import ZEROS, assert_chain
from tests.integration.conftest import TOKENS, auth
from tests.integration.test_cli import cli  # noqa: F401 - the fixture


@pytest.fixture(params=BACKENDS)
def ingest_service(request, tmp_path, tokens_file):
    with store_url(request.param, tmp_path, "events.db") as url:
        svc = Service("ingest", {"COOPLINE_STORE": url, "COOPLINE_TOKENS_FILE": str(tokens_file)},
                      tmp_path / "ingest.log").start()
        try:
            yield svc, url
        finally:
            svc.stop()


def all_records(client: httpx.Client) -> list[dict]:
    return client.get("/v1/log", params={"limit": 5000}, headers=auth("reader")).json()["records"]


def test_every_record_is_sealed_and_releases_cite_the_log(ingest_service, cli):  # noqa: F811
    svc, url = ingest_service
    with httpx.Client(base_url=svc.url, headers=auth("writer")) as c:
        assert c.get("/v1/log/head").json() == {"position": 0, "hash": ZEROS, "time": None}
        hostile = "\x00\x1f\"\\\u2028😀\ue000 벨라루스"
        assert c.post("/v1/events/batch", json=[make_record(i, title=f"{hostile} {i}") for i in range(5)]).status_code == 201
        c.post("/v1/events", json=make_record(9, summary=hostile)).raise_for_status()
        c.post("/v1/events/test-1/corrections",
               json={"expected_version": 1, "changes": {"title": hostile}, "reason": hostile}).raise_for_status()
        c.post("/v1/events/test-2/retraction", json={"expected_version": 1, "reason": "dup"}).raise_for_status()

        before = c.get("/v1/log/head").json()
        admin = auth("admin")
        assert c.post("/v1/releases", json={"name": "r1"}, headers=auth("writer")).status_code == 403
        tagged = c.post("/v1/releases", json={"name": "2026-Q4.final", "note": hostile}, headers=admin)
        assert tagged.status_code == 201, tagged.text
        body = tagged.json()
        assert (body["name"], body["note"], body["position"], body["hash"]) == (
            "2026-Q4.final", hostile, before["position"], before["hash"])
        dup = c.post("/v1/releases", json={"name": "2026-Q4.final"}, headers=admin)
        assert dup.status_code == 409 and dup.headers["Content-Type"] == "application/problem+json"
        for bad in ({"name": "-x"}, {"name": "a b"}, {}, {"name": "x", "extra": 1}, {"name": "x", "note": ""}):
            assert c.post("/v1/releases", json=bad, headers=admin).status_code == 422, bad
        c.post("/v1/events", json=make_record(10)).raise_for_status()
        assert c.post("/v1/releases", json={"name": "r2"}, headers=admin).json()["record"]["position"] == 11

        refused = c.post("/v1/events", json=make_record(30, id="release:r3"))
        assert refused.status_code == 422 and refused.json()["errors"][0]["path"] == "$.id"
        assert c.post("/v1/events/batch", json=[make_record(20), make_record(31, id="release:x")]).json()["errors"][0]["path"] == "$[1].id"
        assert c.get("/v1/events/release:r2/history", headers=auth("reader")).status_code == 404
        assert c.post("/v1/events/release:r2/retraction", json={"expected_version": 1, "reason": "x"}).status_code == 404

        records = all_records(c)
        assert_chain(records)  # every hash as an independent computation finds it
        release = records[8]
        assert release["type"] == "coopline.release.tagged" and release["subject"] == "release:2026-Q4.final"
        assert release["data"] == {"name": "2026-Q4.final", "note": hostile, "position": 8, "hash": records[7]["hash"]}
        assert records[-1]["data"]["note"] is None
        head = c.get("/v1/log/head", headers=auth("reader")).json()
        assert head == {"position": 11, "hash": records[-1]["hash"], "time": records[-1]["time"]}

    env = {"COOPLINE_INGEST_URL": svc.url, "COOPLINE_TOKEN": TOKENS["reader"]}
    code, out, err = cli("verify", "--head", f"8:{before['hash']}", env=env)
    assert code == 0 and f"verified 11 log records: OK; head 11 hash {head['hash']}" in out, (out, err)
    code, out, _ = cli("verify", "--store", url, "--schema", env={})
    assert code == 0 and "verified 11 log records: OK" in out
    code, out, err = cli("verify", "--head", f"8:{'0' * 64}", "--head", f"99:{'1' * 64}", env=env)
    assert code == 1 and "position 8: the published head" in out and "position 99:" in out, out
    env_admin = {"COOPLINE_INGEST_URL": svc.url, "COOPLINE_TOKEN": TOKENS["admin"]}
    code, out, _ = cli("release", "r3", "--note", "for the report", env=env_admin)
    assert code == 0 and out.startswith(f"release r3: position 11 hash {head['hash']}")
    code, _, err = cli("release", "r3", env=env_admin)
    assert code != 0 and "409" in err


# -- tampering, with the database's guards removed -------------------------------------------------

def body(n) -> record.Record:
    return record.decode_record(httpx.Request("POST", "/", json=make_record(n)).read())


async def build_log(url: str) -> None:
    """Records test-0…test-9 at 1…10, a correction (11), a retraction (12) and a release (13),
    through the real store."""
    store = open_store(url)
    await store.open()
    try:
        recs = [body(i) for i in range(10)]
        await store.submit(RecordCmd(recs, [canonical_ascii_keys(r) for r in recs], "t", batch=True))
        await store.submit(CorrectCmd("test-3", 1, {"title": "corrected"}, "typo", "t"))
        await store.submit(RetractCmd("test-4", 1, "dup", "t"))
        await store.submit(ReleaseCmd("v1", None, "t"))
    finally:
        await store.close()


def sql(url: str, *statements: str) -> None:
    if url.startswith("sqlite:"):
        db = sqlite3.connect(url[len("sqlite:///"):])
        for s in statements:
            db.execute(s)
        db.commit()
        db.close()
        return

    async def run():
        conn = await asyncpg.connect(url)
        try:
            for s in statements:
                await conn.execute(s)
        finally:
            await conn.close()
    asyncio.run(run())


UNGUARD = {"sqlite": ["DROP TRIGGER log_no_update", "DROP TRIGGER log_no_delete", "DROP TRIGGER log_gapless",
                      "DROP TRIGGER log_chain_no_update", "DROP TRIGGER log_chain_no_delete"],
           "postgres": ["ALTER TABLE log DISABLE TRIGGER USER", "ALTER TABLE log_chain DISABLE TRIGGER USER"]}
# position 3: test-2's record; 5 and 6 swapped: test-4 and test-5
TAMPER = {
    "forged": (["UPDATE log SET data = CAST(replace(data, '한-러', '한-미') AS BLOB) WHERE position = 3"], 3),
    "deleted": (["DELETE FROM log WHERE position = 6", "DELETE FROM log_chain WHERE position = 6"], 6),
    "reordered": (["UPDATE log SET position = 1005 WHERE position = 5", "UPDATE log SET position = 5 WHERE position = 6",
                   "UPDATE log SET position = 6 WHERE position = 1005"], 5),
}


@pytest.mark.parametrize("tamper", TAMPER)
@pytest.mark.parametrize("backend", BACKENDS)
def test_verify_names_the_first_position_that_breaks_the_chain(backend, tamper, tmp_path, cli):  # noqa: F811
    with store_url(backend, tmp_path, "events.db") as url:
        asyncio.run(build_log(url))
        code, out, _ = cli("verify", "--store", url, env={})
        assert code == 0 and "verified 13 log records: OK" in out, out
        statements, position = TAMPER[tamper]
        if backend == "postgres":
            statements = [s.replace("CAST(replace(data, '한-러', '한-미') AS BLOB)",
                                    "convert_to(replace(convert_from(data, 'UTF8'), '한-러', '한-미'), 'UTF8')")
                          for s in statements]
        sql(url, *UNGUARD[backend if backend == "sqlite" else "postgres"], *statements)
        code, out, err = cli("verify", "--store", url, env={})
        assert code == 1, out
        assert out.splitlines()[0].startswith(f"position {position}: "), out
        assert f"the first at position {position}" in err
        assert "hash chain broken" in out or "expected position" in out
