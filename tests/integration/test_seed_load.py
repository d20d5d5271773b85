"""The seed data set loaded with its history into a real pair of service processes.

A fresh install gets every record as first published, then the corrections and retractions of
seeds/history/corrections.jsonl, so `as_of` shows the earlier state; loading again appends
nothing; an install that loaded the previous seeds is brought to the same state; what cannot be
applied is reported and the rest loads.
"""

from __future__ import annotations

import contextlib
import json
import time

import httpx
import pytest

from services.cli.client import Api, Endpoints
from services.cli.seeding import HISTORY, load, read_steps, seed_files
from tests.conftest import BACKENDS, store_url
from tests.harness import ROOT, Service

SEEDS = ROOT / "seeds"
RECORDS = [json.loads(ln) for f in seed_files(SEEDS) for ln in open(f, encoding="utf-8") if ln.strip()]
STEPS = read_steps(SEEDS)
# The records of the first edition: what an install loaded before the seeds had a history.
FIRST_EDITION = {ln.split()[1] for ln in (SEEDS / HISTORY.parent / "released.txt").read_text().splitlines()
                 if ln.startswith("1 ")}
COMMITTEE = "seed.kr-ru.2018.joint-committee-13"
MEETING = "seed.kr.2025-07-31.msit-motie-ax-ministerial-meeting"
CAMBRIDGE = "seed.kr.2018-05.samsung-ai-centre-cambridge"


@contextlib.contextmanager
def services(tmp, log_store: str):
    """Ingest (on `log_store`) and query (on SQLite) in dev mode, no tokens."""
    ingest = Service("ingest", {"COOPLINE_STORE": log_store}, tmp / "ingest.log").start()
    query = Service("query", {"COOPLINE_STORE": f"sqlite:///{tmp}/projections.db", "COOPLINE_INGEST_URL": ingest.url},
                    tmp / "query.log")
    try:
        query.start()
        with Api(Endpoints(ingest.url, query.url)) as api:
            yield api, ingest, query
    finally:
        query.kill()  # SIGKILL: a graceful ingest stop would wait for the query's long poll
        ingest.kill()


@pytest.fixture(params=BACKENDS)
def pair(request, tmp_path):
    with store_url(request.param, tmp_path, "events.db") as url, services(tmp_path, url) as p:
        yield p


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """A fresh install with the seeds loaded once: (api, ingest, query, the first load's report)."""
    tmp = tmp_path_factory.mktemp("seeded")
    with services(tmp, f"sqlite:///{tmp}/events.db") as (api, ingest, query):
        yield api, ingest, query, load(api, SEEDS)


def head(ingest: Service) -> int:
    return httpx.get(f"{ingest.url}/v1/log", params={"limit": 1}).json()["head"]


def history(ingest: Service, cid: str) -> list[dict]:
    return httpx.get(f"{ingest.url}/v1/events/{cid}/history").json()


def detail(query: Service, cid: str, **params) -> dict:
    deadline = time.monotonic() + 20
    while True:  # min_position may answer 503 while the projections catch up on a busy machine
        resp = httpx.get(f"{query.url}/v1/events/{cid}", params=params, timeout=30)
        if resp.status_code != 503 or time.monotonic() > deadline:
            assert resp.status_code == 200, resp.text
            return resp.json()
        time.sleep(0.2)


def test_fresh_install_records_then_history_and_a_second_load_appends_nothing(seeded):
    api, ingest, query, first = seeded
    assert first.problems == []
    assert (first.created, first.existing) == (len(RECORDS), 0)
    assert (first.applied, first.present) == (len(STEPS), 0)
    assert head(ingest) == first.head == len(RECORDS) + len(STEPS)

    second = load(api, SEEDS)
    assert second.problems == []
    assert (second.created, second.existing, second.applied, second.present) == (0, len(RECORDS), 0, len(STEPS))
    assert head(ingest) == first.head, "a second load appended something"

    # The log: every record first (positions 1…N), then the steps in file order.
    log = history(ingest, COMMITTEE)
    assert [r["type"].rsplit(".", 1)[1] for r in log] == ["recorded", "corrected", "corrected"]
    assert log[0]["position"] <= len(RECORDS) < log[1]["position"] < log[2]["position"]
    assert log[1]["data"]["changes"]["date"] == "2018-06/.."
    assert log[2]["data"]["changes"]["date"] == "2019-05-16" and log[2]["data"]["reason"].startswith("Later report")
    nasb = history(ingest, "seed.by-kr.undated.nasb-kimm-agreement")
    assert nasb[0]["data"]["date"] == "2001/2023" and nasb[1]["data"]["changes"]["date"] == "../2023"
    assert history(ingest, CAMBRIDGE)[-1]["type"].endswith(".retracted")


def _query_reads_open_starts() -> bool:
    from services.query.projections.state import span

    try:
        span("../2023")
    except Exception:  # noqa: BLE001 - whatever the failure, the follower would stop on it too
        return False
    return True


# The query service on main today stops applying the log at the first open-start date (the
# undated NASB agreements' `../2023`), and its follower applies a page of records at a time,
# so the history may not show on the query side at all until its rules for open starts land.
# The mark lifts itself when they do (and is strict: the test must then pass).
@pytest.mark.xfail(not _query_reads_open_starts(), strict=True,
                   reason="the query service cannot apply an open-start date (../B) yet")
def test_the_query_service_shows_the_earlier_state_as_of_and_the_corrected_one_now(seeded):
    _, ingest, query, first = seeded
    before, reviewed = len(RECORDS), history(ingest, COMMITTEE)[1]["position"]
    then = detail(query, COMMITTEE, as_of=before, min_position=first.head)
    assert (then["status"], then["date"], then["version"]) == ("planned", "2018?", 1)
    assert detail(query, COMMITTEE, as_of=reviewed)["date"] == "2018-06/.."
    now = detail(query, COMMITTEE)
    assert (now["status"], now["date"], now["place"]["city"], now["version"]) == ("occurred", "2019-05-16", "모스크바", 3)
    assert [s["publisher"] for s in now["sources"]] == ["이뉴스투데이", "파이낸셜뉴스"]

    assert detail(query, MEETING, as_of=before)["status"] == "cancelled"
    assert detail(query, MEETING)["status"] == "postponed"
    assert detail(query, CAMBRIDGE, as_of=before)["retracted"] is False
    assert detail(query, CAMBRIDGE)["retracted"] is True
    nasb = detail(query, "seed.by-kr.undated.nasb-kimm-agreement")
    assert nasb["date"] == "../2023" and nasb["sectors"] == []


def test_an_install_of_the_previous_seeds_is_brought_up_to_date(pair):
    api, ingest, _ = pair
    old = [r for r in RECORDS if r["id"] in FIRST_EDITION]
    assert len(old) == len(FIRST_EDITION) == 83
    r = httpx.post(f"{ingest.url}/v1/events/batch", json=old, timeout=60)  # what `make run` loaded before
    assert r.status_code == 201, r.text

    report = load(api, SEEDS)
    assert report.problems == []
    assert (report.created, report.existing) == (len(RECORDS) - len(old), len(old))
    assert (report.applied, report.present) == (len(STEPS), 0)
    assert history(ingest, COMMITTEE)[-1]["streamversion"] == 3
    assert history(ingest, CAMBRIDGE)[-1]["type"].endswith(".retracted")


def test_what_cannot_be_applied_is_reported_and_the_rest_loads(pair):
    api, ingest, _ = pair
    # An install that recorded a seed id with a body of its own, and corrected another seed itself.
    mine = {**next(r for r in RECORDS if r["id"] == MEETING), "title": "우리 설치본의 제목"}
    assert httpx.post(f"{ingest.url}/v1/events", json=mine).status_code == 201
    committee = next(r for r in RECORDS if r["id"] == COMMITTEE)
    assert httpx.post(f"{ingest.url}/v1/events", json=committee).status_code == 201
    local = {"expected_version": 1, "changes": {"summary": "로컬 메모"}, "reason": "our own note"}
    assert httpx.post(f"{ingest.url}/v1/events/{COMMITTEE}/corrections", json=local).status_code == 201

    report = load(api, SEEDS)
    assert len(report.problems) == 2, report.problems
    assert MEETING in report.problems[0] and "another body" in report.problems[0]
    assert COMMITTEE in report.problems[1] and "another change" in report.problems[1]
    skipped = sum(1 for s in STEPS if s.id in (MEETING, COMMITTEE))
    assert (report.created, report.existing) == (len(RECORDS) - 2, 1)
    assert report.applied == len(STEPS) - skipped
    assert [r["data"]["title"] if "title" in r["data"] else r["data"]["reason"] for r in history(ingest, MEETING)] == [mine["title"]]
    assert len(history(ingest, COMMITTEE)) == 2

    at = head(ingest)
    again = load(api, SEEDS)
    assert again.problems == report.problems and again.applied == 0
    assert head(ingest) == at


def test_steps_that_do_not_fit_are_reported_and_the_others_apply(pair, tmp_path):
    api, ingest, _ = pair
    folder = tmp_path / "seeds"
    (folder / "history").mkdir(parents=True)
    recs = [r for r in RECORDS if r["id"] in (COMMITTEE, MEETING)]
    (folder / "a.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    steps = [
        {"id": "seed.never.loaded", "version": 2, "retract": True, "reason": "gone before it came"},
        {"id": COMMITTEE, "version": 2, "changes": {"date": "2019-02-30"}, "reason": "an impossible day"},
        {"id": COMMITTEE, "version": 3, "changes": {"status": "occurred"}, "reason": "after the refused one"},
        {"id": MEETING, "version": 2, "changes": {"status": "postponed"}, "reason": "put off"},
    ]
    (folder / HISTORY).write_text("".join(json.dumps(s) + "\n" for s in steps), encoding="utf-8")

    report = load(api, folder)
    assert (report.created, report.applied) == (2, 1)
    assert len(report.problems) == 2, report.problems
    assert "seed.never.loaded is not in the log" in report.problems[0]
    assert "corrections.jsonl:2" in report.problems[1] and "422" in report.problems[1]
    assert [r["streamversion"] for r in history(ingest, COMMITTEE)] == [1]  # nothing after the refused step
    assert history(ingest, MEETING)[-1]["data"] == {"changes": {"status": "postponed"}, "reason": "put off"}
