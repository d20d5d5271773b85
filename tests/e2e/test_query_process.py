"""The query service as a real process, SIGKILLed while catching up and during a rebuild, and
restarted after a machine crash."""

from __future__ import annotations

import http.server
import json
import re
import threading
import time
import urllib.parse

import httpx
import pytest

from tests.conftest import make_record
from tests.harness import Service

pytestmark = pytest.mark.slow
N = 5000
READS = ["/v1/countries", "/v1/countries/KR/timeline?limit=1000", "/v1/countries/BY/timeline?limit=1000&from=2005",
         "/v1/countries/KR/partners", "/v1/sectors?status=all&by=year", "/v1/events/test-3", "/v1/events/test-4"]


@pytest.fixture
def ingest(tmp_path):
    service = Service("ingest", {"COOPLINE_STORE": f"sqlite:///{tmp_path}/events.db"}, tmp_path / "ingest.log").start()
    others = ["BY", "DK", "RU", "NZ", "US", "JP", "DE"]
    with httpx.Client(base_url=service.url, timeout=60) as client:
        for lo in range(0, N, 1000):
            batch = [make_record(i, date=f"{2000 + i % 25}-{1 + i % 12:02d}", sectors=["ai", "ict", "space"][: i % 4],
                                 participants=[{"name": "a", "country": "KR"}, {"name": "b", "country": others[i % 7]}])
                     for i in range(lo, lo + 1000)]
            assert client.post("/v1/events/batch", json=batch).status_code == 201
        assert client.post("/v1/events/test-3/corrections", json={
            "expected_version": 1, "reason": "r", "changes": {"date": "1999", "sectors": ["energy"]}}).status_code == 201
        assert client.post("/v1/events/test-4/retraction", json={"expected_version": 1, "reason": "r"}).status_code == 201
    yield service
    # SIGKILL: a graceful stop would wait for the query service's open long poll (ingest's choice)
    service.kill()


def query_service(tmp_path, ingest: Service) -> Service:
    return Service("query", {"COOPLINE_STORE": f"sqlite:///{tmp_path}/projections.db", "COOPLINE_INGEST_URL": ingest.url},
                   tmp_path / "query.log")


def wait_for(client: httpx.Client, position: int) -> None:
    r = client.get("/v1/countries", params={"min_position": position})
    deadline = time.monotonic() + 60
    while r.status_code == 503 and time.monotonic() < deadline:
        r = client.get("/v1/countries", params={"min_position": position})
    assert r.status_code == 200, r.text


def assert_keeps_following(client: httpx.Client, ingest_url: str) -> None:
    """A new event written to ingest shows up in the query service's reads."""
    with httpx.Client(base_url=ingest_url) as writer:
        receipt = writer.post("/v1/events", json=make_record("late", participants=[
            {"name": "a", "country": "KR"}, {"name": "b", "country": "FJ"}])).json()
    wait_for(client, receipt["position"])
    assert client.get("/v1/countries/FJ/timeline").json()["items"][0]["id"] == "test-late"


def snapshot(client: httpx.Client) -> list:
    return [client.get(path).json() for path in READS]


def rebuild(client: httpx.Client, dry_run: bool) -> dict:
    r = client.post("/v1/rebuilds", json={"dry_run": dry_run})
    assert r.status_code == 202, r.text
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job = client.get(f"/v1/rebuilds/{r.json()['id']}").json()
        if job["state"] not in ("queued", "running"):
            return job
        time.sleep(0.05)
    raise AssertionError("rebuild did not finish")


class CappedFeed:
    """The ingest feed, served only up to position `cap` (then empty pages with the real head,
    each after `stall` seconds): a query service behind it catches up to `cap` and no further,
    however fast it runs."""

    def __init__(self, ingest_url: str, cap: int, stall: float = 0.2):
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the http.server API
                q = {k: v[0] for k, v in urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query).items()}
                after, limit = int(q.get("after", 0)), int(q.get("limit", 1000))
                if after >= cap:
                    time.sleep(stall)  # a poll (`stall`: a feed that hangs): nothing more will come through here
                    head = httpx.get(f"{ingest_url}/v1/log?after={after}&limit=1").json()["head"]
                    body = json.dumps({"records": [], "head": head}).encode()
                else:
                    body = httpx.get(f"{ingest_url}/v1/log?after={after}&limit={min(limit, cap - after)}").content
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def sigkill_while_catching_up(query: Service, head: int) -> list:
    """Start the query service behind a feed capped at half the log, SIGKILL it once it has
    applied that half, start it again on the whole feed; once it has caught up, a dry rebuild
    must find nothing to change and a real one must give the same reads. → those reads
    (`snapshot`). The service is left running."""
    ingest_url, cap = query.env["COOPLINE_INGEST_URL"], head // 2
    capped = CappedFeed(ingest_url, cap)
    try:
        query.env = {**query.env, "COOPLINE_INGEST_URL": capped.url}
        query.start()
        with httpx.Client(base_url=query.url, timeout=30) as client:
            wait_for(client, cap)
            status = client.get("/v1/projections").json()[0]
            assert (status["position"], status["state"]) == (cap, "catching-up")  # half way, and it knows
            query.kill()
    finally:
        capped.close()
    query.env = {**query.env, "COOPLINE_INGEST_URL": ingest_url}
    query.start()
    with httpx.Client(base_url=query.url, timeout=30) as client:
        wait_for(client, head)
        after_restart = snapshot(client)
        dry = rebuild(client, dry_run=True)
        assert dry["state"] == "succeeded" and dry["diff"] == {"added": 0, "removed": 0, "changed": 0}, dry
        job = rebuild(client, dry_run=False)
        assert job["state"] == "succeeded" and job["processed"] == head, job
        assert snapshot(client) == after_restart
    return after_restart


def test_sigkill_while_catching_up_then_equal_to_a_fresh_rebuild(tmp_path, ingest):
    query = query_service(tmp_path, ingest)
    after_restart = sigkill_while_catching_up(query, N + 2)
    assert after_restart[5]["version"] == 2 and after_restart[6]["retracted"] is True
    assert len(after_restart[1]["items"]) == 1000 and after_restart[5]["retracted"] is False
    query.stop()


def test_sigkill_during_a_rebuild_leaves_the_live_copy_intact(tmp_path, ingest):
    head = N + 2
    query = query_service(tmp_path, ingest).start()
    with httpx.Client(base_url=query.url, timeout=30) as client:
        wait_for(client, head)
        before = snapshot(client)
        assert client.post("/v1/rebuilds", json={}).status_code == 202
        time.sleep(0.05)
        query.kill()
        query.start()
        assert not (tmp_path / "projections.db.shadow").exists()  # the leftover shadow was deleted
        wait_for(client, head)
        assert snapshot(client) == before
        dry = rebuild(client, dry_run=True)
        assert dry["diff"] == {"added": 0, "removed": 0, "changed": 0}
        assert_keeps_following(client, ingest.url)
    query.stop()


def test_after_a_machine_crash_the_projections_are_rebuilt_from_the_log(tmp_path, ingest):
    """The live file writes without syncing under a marker holding the boot id; a marker from
    another boot means unsynced writes may be lost, so the file is discarded and refilled."""
    head = N + 2
    query = query_service(tmp_path, ingest).start()
    marker = tmp_path / "projections.db.unsynced"
    with httpx.Client(base_url=query.url, timeout=30) as client:
        wait_for(client, head)
        before = snapshot(client)
        query.kill()
        assert marker.exists()
        marker.write_text("a-boot-before-the-crash\n")
        query.start()
        wait_for(client, head)
        assert snapshot(client) == before
        assert "projections_discarded" in query.logs()
        assert_keeps_following(client, ingest.url)
    query.stop()
    assert not marker.exists()  # a clean stop: synced, unmarked


def test_an_empty_store_is_filled_by_a_rebuild_job_and_a_sigkill_during_it_leaves_nothing_behind(tmp_path, ingest):
    """With COOPLINE_FILL_AT under the log's length a fresh store is filled by a rebuild job (bulk
    load, one swap), not page by page, and reads the same as a store that followed page by page.
    Behind a feed that hangs after half the log, the job waits with half of it loaded: SIGKILLed
    then, it leaves its shadow file, which the next start removes before it fills again."""
    head = N + 2
    (tmp_path / "paged").mkdir()
    paged = Service("query", {"COOPLINE_STORE": f"sqlite:///{tmp_path}/paged/projections.db",
                              "COOPLINE_INGEST_URL": ingest.url, "COOPLINE_FILL_AT": "0"}, tmp_path / "paged.log").start()
    with httpx.Client(base_url=paged.url, timeout=30) as client:
        wait_for(client, head)
        expected = snapshot(client)
    paged.stop()
    assert "follower_filling" not in paged.logs()

    query = query_service(tmp_path, ingest)
    capped = CappedFeed(ingest.url, head // 2, stall=60)
    try:
        query.env = {**query.env, "COOPLINE_INGEST_URL": capped.url, "COOPLINE_FILL_AT": "1000"}
        query.start()
        with httpx.Client(base_url=query.url, timeout=30) as client:
            deadline, job = time.monotonic() + 60, None
            while time.monotonic() < deadline:  # (a POST /v1/rebuilds here could start before the fill)
                if m := re.search(r"rebuild_started .*fill=True job=([0-9a-f-]{36})", query.logs()):
                    job = client.get(f"/v1/rebuilds/{m[1]}").json()
                    if job["processed"] == head // 2:
                        break
                time.sleep(0.05)
            assert job is not None and (job["processed"], job["total"], job["state"]) == (head // 2, head, "running"), job
            busy = client.post("/v1/rebuilds", json={})
            assert busy.status_code == 409 and job["id"] in busy.text  # one job at a time: the fill is one
            assert {s["position"] for s in client.get("/v1/projections").json()} == {0}
            query.kill()
    finally:
        capped.close()
    assert (tmp_path / "projections.db.shadow").exists()  # what a SIGKILL leaves

    query.env = {**query.env, "COOPLINE_INGEST_URL": ingest.url}
    query.start()
    with httpx.Client(base_url=query.url, timeout=30) as client:
        wait_for(client, head)
        assert snapshot(client) == expected
        assert not (tmp_path / "projections.db.shadow").exists()
        assert re.search(r"follower_filled .*state=succeeded", query.logs())
        assert_keeps_following(client, ingest.url)
    query.stop()
