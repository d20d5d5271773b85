"""Fixtures of the browser tests: both services as real processes with the seed data loaded as
`make run` loads it (the records, then their history of corrections and retractions, by the
CLI's own loader: the pages show the seeds' current edition, and the seeds as first published
stay reachable "as known on" `services.first_published`), a few records of the tests' own, and
Debian's headless Chromium.

Without chromium the tests skip with the reason (`make browser-deps` installs it); with CI=true
they fail instead, so CI can never pass by skipping.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest

from services.cli.client import Api, Endpoints
from services.cli.seeding import load, read_steps
from tests.harness import ROOT, Service

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SEEDS_DIR = ROOT / "seeds"
SEEDS = sorted(SEEDS_DIR.glob("*.jsonl"))

# Kept apart from the seeds' countries (FR–DE) so that it never shows in the Belarus–Korea view.
HOSTILE_TITLE = '<script>window.__pwned = "title"</script><b>bold?</b>'
HOSTILE = {
    "id": "test.web.hostile", "kind": "other", "date": "2020-05", "title": HOSTILE_TITLE,
    "summary": "<img src=x onerror=\"window.__pwned = 'summary'\">",
    "participants": [
        {"name": "<img src=x onerror=alert(1)>", "name_en": "<svg onload=alert(2)>", "country": "FR"},
        {"name": '"><script>alert(3)</script>', "country": "DE"},
    ],
    "sectors": ["ai"],
    "sources": [
        # ingest refuses javascript: URLs (docs/decisions.md); an http(s) URL full of markup is accepted
        {"url": 'https://example.org/"><img/src=x/onerror=alert(4)>', "title": "<a href=javascript:alert(5)>click</a>"},
        {"publisher": "<iframe src=javascript:alert(6)></iframe>", "title": "<u>t</u>"},
    ],
}
# Corrected by the as-of test (Finland–Korea: no seed shares the pair).
AS_OF = {
    "id": "test.web.asof", "kind": "meeting", "date": "2024-03-05", "title": "핀란드–한국 공동위원회 (첫 보도)",
    "participants": [{"name": "Business Finland", "country": "FI"}, {"name": "과학기술정보통신부", "country": "KR"}],
    "sources": [{"publisher": "Coopline tests", "title": "first report"}],
}


def require_chromium() -> None:
    reason = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        reason = "the playwright package is not installed (pip install -e '.[dev]')"
    if reason is None and not Path(CHROMIUM).exists():
        reason = f"no chromium at {CHROMIUM}: install Debian's (make browser-deps: apt-get install chromium fonts-noto-cjk)"
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: this is a failure, not a skip)")
    pytest.skip(reason)


def seed_records() -> list[dict]:
    """The seed records as first published (before their history)."""
    return [json.loads(line) for path in SEEDS for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_seeds(ingest_url: str, query_url: str) -> int:
    """The seeds as `make run` loads them (services/cli/seeding.py): the records, then every
    correction and retraction of their history. → the position of the last record: the log
    holds the seeds as first published up to it, and their history after it."""
    with Api(Endpoints(ingest_url=ingest_url, query_url=query_url)) as api:
        report = load(api, SEEDS_DIR)
    assert report.problems == [], report.problems
    assert report.created == len(seed_records()) and report.applied == len(read_steps(SEEDS_DIR)) > 0
    return max(r["position"] for r in report.results if "step" not in r)


def start_services(tmp: Path, records: list[dict], wait_seconds: float = 60, seeds: bool = False) -> SimpleNamespace:
    """Ingest and query as processes, the seeds (with `seeds`) and then `records` loaded and
    applied; `.stop()` kills both."""
    ingest = Service("ingest", {"COOPLINE_STORE": f"sqlite:///{tmp}/events.db"}, tmp / "ingest.log").start()
    query = Service("query", {"COOPLINE_STORE": f"sqlite:///{tmp}/projections.db", "COOPLINE_INGEST_URL": ingest.url},
                    tmp / "query.log")

    def stop():
        # SIGKILL: a graceful ingest stop would wait for the query service's open long poll
        query.kill()
        ingest.kill()

    try:
        query.start()
        first_published = load_seeds(ingest.url, query.url) if seeds else None
        r = httpx.post(f"{ingest.url}/v1/events/batch", json=records, timeout=60)
        assert r.status_code == 201, r.text
        api = httpx.Client(base_url=query.url, timeout=30)
        svc = SimpleNamespace(ingest=ingest, query=query, api=api, stop=stop, first_published=first_published)
        svc.wait_for = lambda position: wait_for(api, position)
        svc.ingest_history = lambda id_: httpx.get(f"{ingest.url}/v1/events/{id_}/history", timeout=30).json()
        wait_for(api, max(item["position"] for item in r.json()["results"]), wait_seconds)
        return svc
    except BaseException:
        stop()
        raise


def wait_for(api: httpx.Client, position: int, seconds: float = 60) -> None:
    """Read-your-writes: wait until the projections hold `position`."""
    deadline = time.monotonic() + seconds
    while (resp := api.get("/v1/countries", params={"min_position": position})).status_code == 503:
        assert time.monotonic() < deadline, "the query service did not catch up"
    assert resp.status_code == 200, resp.text


@pytest.fixture(scope="package")  # closed before other packages: sync Playwright holds an event loop
def services(tmp_path_factory):
    require_chromium()
    svc = start_services(tmp_path_factory.mktemp("web"), [HOSTILE, AS_OF], seeds=True)
    yield svc
    svc.api.close()
    svc.stop()


@pytest.fixture(scope="package")  # closed before other packages: sync Playwright holds an event loop
def browser():
    """One Chromium for the whole package: sync Playwright allows one instance at a time."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def new_page(browser, base_url: str, **options):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR", base_url=base_url, **options)
    pg = context.new_page()
    pg.dialogs, pg.problems = [], []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: pg.problems.append(f"pageerror: {e}"))
    pg.on("console", lambda m: pg.problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    return context, pg


@pytest.fixture
def page(browser, services):
    context, pg = new_page(browser, services.query.url)
    yield pg
    context.close()
