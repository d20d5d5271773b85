"""The drafts runner: drafts made off the event loop equal those made in place."""

import asyncio
import os

import msgspec
import psutil

from services.query.drafts import draft
from services.query.drafts.runner import NICE, DraftRunner

BODY = {"text": "한국기계연구원은 2019년 5월 14일 민스크에서 벨라루스 국립과학아카데미와 상호협력 협정을 체결했다.",
        "published": "2019-05-20", "publisher": "테스트"}


def test_thread_and_process_runners_give_the_same_drafts():
    for processes in (False, True):
        runner = DraftRunner(processes=processes)
        try:
            async def go(r=runner):
                await r.warm_up()
                return await asyncio.gather(r.draft(BODY), r.draft(BODY))
            a, b = asyncio.run(go())
        finally:
            runner.close()
        assert a == b == draft(BODY)


NASB = {"org": "by.nasb", "names": ["벨라루스 국립과학아카데미"], "country": "BY", "type": "research"}
OTHER = {"text": "한국과학기술연구원은 2021년 3월 2일 서울에서 우즈베키스탄 혁신개발부와 공동연구 협정을 체결했다.",
         "published": "2021-03-10"}


def _orgs_of(answer: dict) -> set:
    return {p.get("org") for d in answer["drafts"] for p in d["record"]["participants"]}


def test_the_worker_keeps_the_organisations_of_a_version_and_scores_what_it_asked_for():
    runner = DraftRunner()
    asked: list = []

    async def lookup(keys):
        asked.append(keys)
        return [[msgspec.json.encode({"id": f"ev-{n}", "kind": "signing", "date": "2019-05-14", "title": d["title"],
                                      "participants": d["participants"]}) for n, d in enumerate(EVENTS)]
                for _ in keys]

    async def go():
        a = msgspec.json.decode(await runner.answer(BODY, organisations=(1, [NASB]), lookup=lookup))
        b = msgspec.json.decode(await runner.answer(BODY, organisations=(1, []), lookup=lookup))  # held: not sent
        c = msgspec.json.decode(await runner.answer(BODY, organisations=(2, []), lookup=lookup))  # a new version
        d = msgspec.json.decode(await runner.answer(BODY, organisations=None))
        return a, b, c, d
    try:
        a, b, c, d = asyncio.run(go())
    finally:
        runner.close()
    assert "by.nasb" in _orgs_of(a) and a == b
    assert "by.nasb" not in _orgs_of(c) and "by.nasb" not in _orgs_of(d)
    assert asked and all(len(set(keys)) == len(keys) for keys in asked)  # each distinct key once
    assert a["drafts"][0]["matches"] and a["drafts"][0]["matches"][0]["id"] == "ev-0"
    assert all(m == [] for x in d["drafts"] for m in [x["matches"]])  # nothing to look up with: none


EVENTS = [{"title": "한국기계연구원-벨라루스 국립과학아카데미 상호협력 협정",
           "participants": [{"name": "한국기계연구원", "country": "KR"}, {"name": "벨라루스 국립과학아카데미", "country": "BY"}]}]


def test_a_request_whose_client_left_does_not_answer_the_next_one():
    runner = DraftRunner()

    async def go():
        await runner.warm_up()
        first = asyncio.ensure_future(runner.answer(BODY))
        await asyncio.sleep(0.01)  # talking to the worker
        first.cancel()
        second = await runner.answer(OTHER)
        third = await runner.answer(BODY)
        return second, third
    try:
        second, third = asyncio.run(go())
    finally:
        runner.close()
    assert msgspec.json.decode(second) == draft(OTHER)
    assert msgspec.json.decode(third) == draft(BODY)


def test_the_worker_gives_way_to_the_service_on_a_shared_core():
    """Drafting is batch work: the worker process runs below the service's priority, so a read
    waking on the worker's core runs first (docs/drafts.md, "The service")."""
    before = {c.pid for c in psutil.Process().children()}
    runner = DraftRunner()
    try:
        asyncio.run(runner.warm_up())
        (worker,) = [c for c in psutil.Process().children()  # (not multiprocessing's resource tracker)
                     if c.pid not in before and "--multiprocessing-fork" in c.cmdline()]
        assert worker.nice() == psutil.Process().nice() + NICE
        if hasattr(os, "SCHED_BATCH"):
            assert os.sched_getscheduler(worker.pid) == os.SCHED_BATCH
        assert asyncio.run(runner.draft(BODY)) == draft(BODY)  # and drafts as before
    finally:
        runner.close()
