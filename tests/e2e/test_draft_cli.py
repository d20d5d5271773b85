"""`coopline draft` against the real services (processes on free ports, tokens on): an article
file and a web page are drafted by the query service's `POST /v1/drafts` (its own drafting
worker, started by the first request), the complete drafts are piped into `coopline submit`,
and they land in the log as they were drafted."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import time

import httpx
import psutil
import pytest

from shared.auth import token_line
from tests.harness import ROOT, Service

pytestmark = pytest.mark.slow
ARTICLES = ROOT / "tests" / "data" / "articles"
TOKENS = {"reader": "e2e-reader-0123456789", "writer": "e2e-writer-0123456789"}


@pytest.fixture
def services(tmp_path):
    tokens = tmp_path / "tokens.txt"
    tokens.write_text("\n".join(token_line(f"{r}-bot", r, t) for r, t in TOKENS.items()) + "\n")
    common = {"COOPLINE_TOKENS_FILE": str(tokens)}
    ingest = Service("ingest", {**common, "COOPLINE_STORE": f"sqlite:///{tmp_path}/events.db"},
                     tmp_path / "ingest.log").start()
    query = Service("query", {**common, "COOPLINE_STORE": f"sqlite:///{tmp_path}/projections.db",
                              "COOPLINE_INGEST_URL": ingest.url, "COOPLINE_INGEST_TOKEN": TOKENS["reader"],
                              "COOPLINE_DRAFTS": "lazy"}, tmp_path / "query.log")
    try:
        query.start()
        yield ingest, query
    finally:
        if query.proc.poll() is None:
            assert query.stop() == 0, query.logs()[-3000:]  # the drafting worker closed with it
        ingest.kill()


def pipeline(tmp_path, ingest: Service, query: Service, draft_args: str, name: str) -> tuple[list[dict], str]:
    """`coopline draft … | tee | grep -v _missing | coopline submit -`: (the drafted lines, stderr)."""
    cli = f"{shlex.quote(sys.executable)} -m services.cli"
    drafted, errors = tmp_path / f"{name}.jsonl", tmp_path / f"{name}.err"
    command = (f"set -o pipefail; {cli} draft {draft_args} 2>{shlex.quote(str(errors))} "
               f"| tee {shlex.quote(str(drafted))} | grep -v '\"_missing\"' | {cli} submit --format jsonl -")
    env = {**os.environ, "COOPLINE_INGEST_URL": ingest.url, "COOPLINE_QUERY_URL": query.url,
           "COOPLINE_TOKEN": TOKENS["writer"]}
    done = subprocess.run(["bash", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}\n{errors.read_text() if errors.exists() else ''}"
    lines = [json.loads(line) for line in drafted.read_text("utf-8").splitlines()]
    return lines, errors.read_text("utf-8")


def test_drafts_piped_into_submit_land_in_the_log(tmp_path, services):
    ingest, query = services
    article, page = ARTICLES / "ko_many.txt", ARTICLES / "en_page.html"
    ko, ko_err = pipeline(tmp_path, ingest, query, f"{article} --published 2024-06-21 "
                          "--url https://news.example.org/2024/06/uz", "ko")
    en, en_err = pipeline(tmp_path, ingest, query, f"{page} --publisher 'Test Science News'", "en")
    complete = [rec for rec in ko + en if "_missing" not in rec]
    assert len([r for r in ko if "_missing" not in r]) >= 3 and [r for r in en if "_missing" not in r]
    assert f"ko_many.txt: {len(ko)} drafts, {sum('_missing' not in r for r in ko)} complete" in ko_err
    assert "en_page.html:" in en_err
    text = article.read_text("utf-8")
    for rec in ko:
        assert rec["sources"][0]["url"] == "https://news.example.org/2024/06/uz"
        assert rec["sources"][0]["quote"] in text
    with httpx.Client(base_url=ingest.url, headers={"Authorization": f"Bearer {TOKENS['reader']}"}) as client:
        log = client.get("/v1/log", params={"after": 0, "limit": 5000}).json()["records"]
    def key(rec: dict) -> tuple:
        return (rec["kind"], rec["date"], rec["status"], rec["title"], rec["sources"][0]["quote"],
                sorted(p["country"] for p in rec["participants"]))

    assert [key(r["data"]) for r in log] == [key(rec) for rec in complete]  # each as drafted, in order
    assert all(r["actor"] == "writer-bot" for r in log)


def test_the_drafting_worker_leaves_with_a_killed_service(services):
    """SIGKILL runs no shutdown code: the worker (500 MiB) must still not outlive the service."""
    ingest, query = services
    r = httpx.post(f"{query.url}/v1/drafts", json={"text": (ARTICLES / "ko_many.txt").read_text("utf-8")},
                   headers={"Authorization": f"Bearer {TOKENS['writer']}"}, timeout=60)
    assert r.status_code == 200 and r.json()["drafts"]
    children = subprocess.run(["pgrep", "-P", str(query.proc.pid)], capture_output=True, text=True).stdout.split()
    assert children  # the worker (and multiprocessing's resource tracker)
    query.kill()
    deadline = time.monotonic() + 15
    while any(os.path.exists(f"/proc/{pid}") for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in children if os.path.exists(f"/proc/{pid}")]


def test_a_dead_worker_is_a_503_then_replaced(services):
    """The worker killed under the service (out of memory, an operator): the request in hand is
    answered 503 with Retry-After, and the next one starts a new worker."""
    ingest, query = services
    body = {"text": (ARTICLES / "ko_many.txt").read_text("utf-8"), "published": "2024-06-21"}
    writer = {"Authorization": f"Bearer {TOKENS['writer']}"}
    with httpx.Client(base_url=query.url, headers=writer, timeout=60) as client:
        first = client.post("/v1/drafts", json=body)
        assert first.status_code == 200
        workers = [p for p in psutil.Process(query.proc.pid).children() if "resource_tracker" not in " ".join(p.cmdline())]
        assert len(workers) == 1
        workers[0].kill()
        workers[0].wait(10)
        broken = client.post("/v1/drafts", json=body)
        assert broken.status_code == 503 and broken.headers["content-type"] == "application/problem+json"
        assert int(broken.headers["Retry-After"]) >= 1
        again = client.post("/v1/drafts", json=body)
        assert again.status_code == 200 and again.json() == first.json()
    assert query.proc.poll() is None
