"""`POST /v1/drafts` through the real query service, on SQLite and on PostgreSQL: drafts of our
own test articles (tests/data/articles) with verbatim quotes, `org` from the organisations the
log records, `matches` naming a live event, complete drafts the ingest service accepts as they
are, the same answer twice; bad input answered as problem+json; a bounded queue.

The drafting worker is one process for the whole session (`draft_runner` in conftest.py)."""

from __future__ import annotations

import asyncio
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import msgspec
import pytest
from aiohttp.test_utils import TestClient, TestServer

from services.query.app import create_app as create_query
from shared.auth import TokenTable
from shared.settings import Settings
from tests.integration.conftest import auth

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"
KO_TEXT = (ARTICLES / "ko_many.txt").read_text("utf-8")  # an article written for the tests
EN_HTML = (ARTICLES / "en_page.html").read_text("utf-8")
KO_BODY = {"text": KO_TEXT, "published": "2024-06-21", "publisher": "테스트 통신",
           "url": "https://news.example.org/2024/06/uz"}
PROBLEM = "application/problem+json"

# What the log already holds: an organisation with an `org` id, and the joint committee the
# article reports, recorded before (the article's meeting must name it in `matches`).
KNOWN = {"id": "kr-msit-2019", "kind": "signing", "date": "2019-05-02", "title": "과기정통부-우즈베키스탄 ICT 협력 MOU",
         "participants": [{"name": "과학기술정보통신부", "name_en": "Ministry of Science and ICT", "org": "kr.msit",
                           "country": "KR", "type": "government"},
                          {"name": "우즈베키스탄 정보통신기술개발부", "country": "UZ", "type": "government"}],
         "sources": [{"publisher": "테스트 통신"}]}
EARLIER = {"id": "uz-jc-5", "kind": "meeting", "date": "2024-06-14", "title": "제5차 한-우즈베키스탄 과학기술공동위원회",
           "participants": [{"name": "과학기술정보통신부", "country": "KR", "type": "government"},
                            {"name": "우즈베키스탄 혁신개발부", "country": "UZ", "type": "government"}],
           "sources": [{"publisher": "다른 통신"}]}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def both(request):
    """The pair on SQLite, then on PostgreSQL."""
    return request.getfixturevalue("pair" if request.param == "sqlite" else "pg_pair")


async def _seed(p) -> None:
    last = 0
    for rec in (KNOWN, EARLIER):
        last = (await p.post("/v1/events", rec))["position"]
    await p.get(f"/v1/events/uz-jc-5?min_position={last}")  # the projections have it


async def _drafts(p, body: dict, status: int = 200) -> dict:
    r = await p.query.post("/v1/drafts", json=body)
    assert r.status == status, await r.text()
    return await r.json()


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def _page_text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return " ".join(" ".join(parser.parts).split())


async def test_a_korean_article_is_drafted_with_known_organisations_and_matches(both):
    p = both
    await _seed(p)
    answer = await _drafts(p, KO_BODY)
    assert answer["article"] == {"title": "한-우즈베키스탄, 과학기술 협력 전방위 확대", "published": "2024-06-21",
                                 "url": KO_BODY["url"], "publisher": "테스트 통신", "lang": "ko"}
    drafts = answer["drafts"]
    assert len(drafts) >= 4
    for d in drafts:
        assert set(d) == {"record", "quote", "confidence", "missing", "matches"}
        assert d["quote"] and d["quote"] in KO_TEXT  # verbatim
        assert d["record"]["sources"][0]["url"] == KO_BODY["url"]
    msit = [q for d in drafts for q in d["record"]["participants"] if q["name"] == "과학기술정보통신부"]
    assert msit and all(q.get("org") == "kr.msit" for q in msit)
    meeting = next(d for d in drafts if d["record"]["kind"] == "meeting")
    assert meeting["record"]["date"] == "2024-06-14"
    assert meeting["matches"] and meeting["matches"][0]["id"] == "uz-jc-5"
    assert meeting["matches"][0]["date"] == "2024-06-14" and 0 < meeting["matches"][0]["score"] <= 1
    # the same input, the same answer
    again = await _drafts(p, KO_BODY)
    assert msgspec.json.encode(again) == msgspec.json.encode(answer)
    # complete drafts are valid records for the ingest service as they are
    complete = [d["record"] for d in drafts if d["missing"] == []]
    assert complete
    positions = []
    for rec in complete:
        r = await p.ingest.post("/v1/events", json=rec)
        assert r.status == 201, await r.text()
        positions.append((await r.json())["position"])
    logged = {r.position: r for r in await p.log()}
    for n, rec in zip(positions, complete, strict=True):
        assert msgspec.json.decode(logged[n].data)["title"] == rec["title"]


async def test_an_html_page_is_drafted_from_its_main_text(both):
    p = both
    answer = await _drafts(p, {"html": EN_HTML, "publisher": "Test Science News"})
    assert answer["article"]["title"].startswith("Visegrad–Korea science forum opens in Budapest")
    assert answer["article"]["published"] == "2023-10-05" and answer["article"]["lang"] == "en"
    page = _page_text(html.unescape(EN_HTML))
    drafts = answer["drafts"]
    assert {d["record"]["kind"] for d in drafts} >= {"forum", "signing"}
    for d in drafts:
        assert " ".join(d["quote"].split()) in page  # the page's own words, no menu or title text added
        assert "Home" not in d["quote"]
    forum = next(d for d in drafts if d["record"]["kind"] == "forum" and d["record"]["date"] == "2023-10-04")
    assert {q["country"] for q in forum["record"]["participants"]} >= {"CZ", "HU", "KR", "PL", "SK"}
    body = {"html": EN_HTML, "publisher": "Test Science News"}
    assert msgspec.json.encode(await _drafts(p, body)) == msgspec.json.encode(answer)
    # recorded, then drafted again: each complete draft now matches the event it became
    ids, last = {}, 0
    for n, d in enumerate(drafts):
        if not d["missing"]:
            r = await p.ingest.post("/v1/events", json=d["record"])
            assert r.status == 201, await r.text()
            receipt = await r.json()
            ids[n], last = receipt["id"], receipt["position"]
    assert ids
    await p.get(f"/v1/countries?min_position={last}")
    again = (await _drafts(p, body))["drafts"]
    for n, event_id in ids.items():
        assert again[n]["matches"][0]["id"] == event_id and again[n]["matches"][0]["score"] >= 0.6


async def test_drafting_appends_nothing(pair):
    await _drafts(pair, KO_BODY)
    assert await pair.log() == []


def _check_problem(r, status: int, what: object = "") -> None:
    assert r.status == status, what
    assert r.content_type == PROBLEM


BAD = [
    (b"{\"text\": ", 400),
    (b"\xff\xfe not utf-8", 400),
    (b"[1, 2]", 422),
    (b"{}", 422),
    (b"{\"text\": \"a\", \"html\": \"<p>a</p>\"}", 422),
    (b"{\"text\": 5}", 422),
    (b"{\"text\": \"\"}", 422),
    (b"{\"text\": \"a\", \"lang\": \"fr\"}", 422),
    (b"{\"text\": \"a\", \"published\": \"yesterday\"}", 422),
    (b"{\"text\": \"a\", \"published\": \"2024-02-30\"}", 422),
    (b"{\"text\": \"a\", \"published\": \"2024/2025\"}", 422),
    (b"{\"text\": \"a\", \"url\": \"javascript:alert(1)\"}", 422),
    (b"{\"text\": \"a\", \"url\": 7}", 422),
    (b"{\"text\": \"a\", \"publisher\": [\"x\"]}", 422),
    (b"{\"text\": \"a\", \"fetch\": true}", 422),
    (b"{\"text\": \"a\\u0000b\"}", 422),
    (b"{\"text\": " + b"[" * 100_000 + b"]" * 100_000 + b"}", 400),  # deeper than any JSON parser goes
    (b"{\"text\": " + b"[" * 50 + b"]" * 50 + b"}", 422),
    (b"[" * 200_000 + b"]" * 200_000, 400),
]


async def test_bad_requests_are_problems_never_500(pair):
    for body, status in BAD:
        r = await pair.query.post("/v1/drafts", data=body, headers={"Content-Type": "application/json"})
        _check_problem(r, status, body[:60])
        if status == 422:
            errors = (await r.json())["errors"]
            assert errors and all(e["path"].startswith("$") for e in errors), body[:60]
    both = await pair.query.post("/v1/drafts", json={"text": "a", "html": "<p>a</p>"})
    assert "exactly one of text" in (await both.json())["errors"][0]["message"]
    nul = await pair.query.post("/v1/drafts", json={"text": "a", "publisher": "x\u0000"})
    assert (await nul.json())["errors"] == [{"path": "$.publisher", "message": "holds a NUL character (U+0000)"}]
    _check_problem(await pair.query.post("/v1/drafts", data="text=a", headers={"Content-Type": "text/plain"}), 415)


async def test_a_body_over_2_mib_is_413(pair):
    body = b"{\"text\": \"" + b"a" * (2 * 1024 * 1024) + b"\"}"
    _check_problem(await pair.query.post("/v1/drafts", data=body, headers={"Content-Type": "application/json"}), 413)

    async def chunks():  # no Content-Length: counted as it arrives
        yield body[:1024 * 1024]
        yield body[1024 * 1024:]
    _check_problem(await pair.query.post("/v1/drafts", data=chunks(), headers={"Content-Type": "application/json"}), 413)


async def test_hostile_articles_get_an_answer(pair):
    """A 1.9 MB line of words (the drafter's worst case: past its time budget, 422), deeply
    nested HTML, control characters: an answer, never a 500, and the worker drafts on after."""
    body = msgspec.json.encode({"text": "과학 기술 협력 " * 95_000})  # UTF-8, not \u escapes
    assert 1_900_000 < len(body) < 2 * 1024 * 1024
    line = await pair.query.post("/v1/drafts", data=body, headers={"Content-Type": "application/json"})
    assert line.status in (200, 422), await line.text()
    if line.status == 422:
        assert "longer than" in (await line.json())["detail"]
    nested = await pair.query.post("/v1/drafts", json={"html": "<div>" * 50_000 + "협력" + "</div>" * 50_000})
    assert nested.status == 200 and (await nested.json())["drafts"] == []
    odd = await pair.query.post("/v1/drafts", json={"text": "\u202e\ufeff\x01\x7f" * 1000 + KO_TEXT})
    assert odd.status == 200
    assert (await _drafts(pair, KO_BODY))["drafts"]


async def test_many_requests_at_once_are_answered_or_refused_cleanly(pair):
    answers = await asyncio.gather(*(pair.query.post("/v1/drafts", json=KO_BODY) for _ in range(12)))
    bodies = []
    for r in answers:
        assert r.status in (200, 503), await r.text()
        if r.status == 503:
            assert r.content_type == PROBLEM and int(r.headers["Retry-After"]) >= 1
        else:
            bodies.append(await r.read())
    assert len(bodies) >= 8 and len(set(bodies)) == 1  # the queue holds 8; each the same answer
    timeline = await pair.query.get("/v1/countries/KR/timeline")  # reads go on meanwhile
    assert timeline.status == 200


async def test_drafts_need_a_writer_token(pair, tokens_file, draft_runner):
    await pair.query.close()
    query = await pair.start_query(TokenTable.load(str(tokens_file)), drafts_runner=draft_runner)
    _check_problem(await query.post("/v1/drafts", json=KO_BODY), 401)
    _check_problem(await query.post("/v1/drafts", json=KO_BODY, headers={"Authorization": "Bearer nope"}), 401)
    _check_problem(await query.post("/v1/drafts", json=KO_BODY, headers=auth("reader")), 403)
    r = await query.post("/v1/drafts", json=KO_BODY, headers=auth("writer"))
    assert r.status == 200 and (await r.json())["drafts"]
    assert (await query.post("/v1/drafts", json=KO_BODY, headers=auth("admin"))).status == 200


async def test_drafts_can_be_switched_off(tmp_path, pair):
    settings = Settings(service="query", store=f"sqlite:///{tmp_path}/off.db", ingest_url=pair.ingest_url,
                        port=0, drafts="off")
    client = TestClient(TestServer(create_query(settings, None, poll_wait=1.0)))
    await client.start_server()
    try:
        r = await client.post("/v1/drafts", json=KO_BODY)
        _check_problem(r, 404)
        assert "COOPLINE_DRAFTS=off" in (await r.json())["detail"]
    finally:
        await client.close()


async def test_eager_starts_the_worker_at_start_up(tmp_path, pair, draft_runner):
    from services.query.context import DRAFTING

    settings = Settings(service="query", store=f"sqlite:///{tmp_path}/eager.db", ingest_url=pair.ingest_url,
                        port=0, drafts="eager")
    client = TestClient(TestServer(create_query(settings, None, poll_wait=1.0, drafts_runner=draft_runner)))
    await client.start_server()
    try:
        drafting = client.app[DRAFTING]
        assert drafting.started  # before any request
        await asyncio.wait_for(drafting._warming, 60)
        r = await client.post("/v1/drafts", json=KO_BODY)
        assert r.status == 200 and (await r.json())["drafts"]
    finally:
        await client.close()


def test_the_openapi_example_is_a_valid_request():
    from services.query.openapi import build
    from services.query.routes.drafts import parse

    op = build()["paths"]["/v1/drafts"]["post"]
    example = op["requestBody"]["content"]["application/json"]["example"]
    assert parse(msgspec.json.encode(example))["text"] == example["text"]
    props = build()["components"]["schemas"]["DraftRequest"]["properties"]
    assert set(props) == {"text", "html", "url", "published", "publisher", "lang"}
    assert all(len(prop["description"]) > 8 for prop in props.values())
    assert re.search(r"2 MiB", build()["components"]["schemas"]["DraftRequest"]["description"])
