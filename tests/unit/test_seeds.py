"""The seed data set (seeds/*.jsonl and its history): every line and every record after its
history is valid, ids are unique, every record cites its article, and a few facts the articles
state survive in the data. The history itself is checked in test_seed_history.py."""

import datetime as dt
import json
import re

import pytest

from tests.unit.seed_data import (
    CURRENT,
    FILE_OF,
    FILES,
    FIRST,
    LINES,
    LIVE,
    RETRACTED,
    SEEDS,
    countries,
)

# Plain-Python restatement of DESIGN §1/§3/§4, independent of shared.record, so that a slip in
# either one shows up.
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")
KINDS = {"signing", "visit", "forum", "meeting", "opening", "project", "other"}
STATUSES = {"occurred", "planned", "postponed", "cancelled"}
TYPES = {"government", "local-government", "agency", "research", "university", "company",
         "hospital", "association", "international", "person", "other"}
ROLES = {"signatory", "host", "visitor", "organiser", "participant"}
SECTORS = {
    "ict", "telecom", "software", "big-data", "ai", "robotics", "cybersecurity", "e-government",
    "digital-transformation", "healthcare", "medical-devices", "biotech", "pharma", "nanotech",
    "materials", "nuclear", "optics", "mechanical", "manufacturing", "semiconductors", "energy",
    "environment", "agriculture", "unmanned-vehicles", "space", "transport", "smart-city",
    "startups", "basic-science", "education", "public-administration", "culture",
}
FIELDS = {"id", "kind", "date", "status", "title", "title_en", "summary", "lang", "participants", "place",
          "sectors", "sources"}
PART_FIELDS = {"name", "name_en", "country", "type", "role", "org"}
SOURCE_FIELDS = {"url", "publisher", "title", "published", "quote"}
ORG_RE = re.compile(r"^(Q[1-9][0-9]{0,11}|ror:0[a-z0-9]{8}|[a-z]{2}\.[a-z0-9]+(-[a-z0-9]+)*)$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
# One end of an interval: YYYY (last one or two digits may be X), -MM or -XX, -DD or -XX, qualifier.
END_RE = re.compile(r"^(\d{2}(?:\d\d|\dX|XX))(?:-(\d\d|XX)(?:-(\d\d|XX))?)?([?~%]?)$")


def _bounds(text: str) -> tuple[dt.date, dt.date]:
    m = END_RE.match(text)
    assert m, f"not EDTF of the §3 subset: {text!r}"
    year, month, day, _ = m.groups()
    if "X" in year:
        assert month is None, f"a month after an unspecified year: {text!r}"
        lo, hi = int(year.replace("X", "0")), int(year.replace("X", "9"))
        return dt.date(lo, 1, 1), dt.date(hi, 12, 31)
    y = int(year)
    if month in (None, "XX"):
        assert day in (None, "XX"), f"a day after an unspecified month: {text!r}"
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    mo = int(month)
    last = (dt.date(y + mo // 12, mo % 12 + 1, 1) - dt.timedelta(days=1)).day
    if day in (None, "XX"):
        return dt.date(y, mo, 1), dt.date(y, mo, last)
    d = dt.date(y, mo, int(day))  # raises on an impossible calendar date
    return d, d


def edtf_bounds(text: str) -> tuple[dt.date | None, dt.date | None]:
    """Strict bounds of a §3 date; `start` or `end` is None where the interval is open."""
    if "/" not in text:
        return _bounds(text)
    a, b = text.split("/")
    assert (a, b) != ("..", ".."), f"both ends open: {text!r}"
    if a == "..":
        return None, _bounds(b)[1]
    start = _bounds(a)[0]
    if b == "..":
        return start, None
    end = _bounds(b)[1]
    assert end >= start, f"interval ends before it starts: {text!r}"
    return start, end


RECORDS = FIRST  # file name → its records as first published
ALL = [r for recs in RECORDS.values() for r in recs]
BY_ID = CURRENT  # every record as it stands after its history


def test_the_five_files_and_nothing_else():
    assert sorted(p.name for p in SEEDS.glob("*.jsonl")) == sorted(FILES)
    for name in FILES:
        assert RECORDS[name], f"{name} is empty"


@pytest.mark.parametrize(("name", "n", "line"), LINES, ids=[f"{f}:{n}" for f, n, _ in LINES])
def test_line_validates_through_the_schema(name, n, line):
    from shared.record import RecordInvalid, decode_record

    try:
        rec = decode_record(line)
    except RecordInvalid as exc:
        pytest.fail(f"{name}:{n}: {exc.errors}")
    assert rec.id == json.loads(line)["id"]


@pytest.mark.parametrize("rec", [*ALL, *CURRENT.values()],
                         ids=[*(r["id"] for r in ALL), *(f"{cid}@now" for cid in CURRENT)])
def test_record_by_plain_rules(rec):
    assert set(rec) <= FIELDS, set(rec) - FIELDS
    assert ID_RE.match(rec["id"])
    assert rec["kind"] in KINDS
    assert rec["status"] in STATUSES
    assert 1 <= len(rec["title"]) <= 500
    assert len(rec.get("summary", "")) <= 300, "summaries are short and in our own words"
    assert rec["lang"] == "ko"
    start, _ = edtf_bounds(rec["date"])
    if rec["status"] == "occurred" and start is not None:
        assert start <= dt.datetime.now(dt.UTC).date(), "an occurred event cannot start in the future"
    assert 1 <= len(rec["participants"]) <= 100
    for p in rec["participants"]:
        assert set(p) <= PART_FIELDS and p["name"]
        assert COUNTRY_RE.match(p["country"])
        assert p["type"] in TYPES and p["role"] in ROLES
        assert ORG_RE.match(p.get("org", "kr.x")), p["org"]
    if "place" in rec:
        assert set(rec["place"]) <= {"city", "country"}
        assert COUNTRY_RE.match(rec["place"].get("country", "KR"))
    assert len(rec["sectors"]) == len(set(rec["sectors"])) <= 20
    assert set(rec["sectors"]) <= SECTORS


@pytest.mark.parametrize("cid", sorted(CURRENT))
def test_record_after_its_history_validates_through_the_schema(cid):
    from shared.record import RecordInvalid, decode_record

    try:
        decode_record(json.dumps(CURRENT[cid], ensure_ascii=False).encode())
    except RecordInvalid as exc:
        pytest.fail(f"{cid} after its history: {exc.errors}")


@pytest.mark.parametrize("cid", sorted(LIVE))
def test_every_live_record_has_an_english_title_and_quoted_sources(cid):
    rec = LIVE[cid]
    assert rec.get("title_en", "").strip(), f"{cid} has no title_en"
    assert rec["title_en"] != rec["title"]
    for src in rec["sources"]:
        assert set(src) <= SOURCE_FIELDS
        assert 1 <= len(src.get("quote", "")) <= 1000, f"{cid}: a source without its sentence"
    assert rec["sources"][0]["publisher"] == FILES[FILE_OF[cid]], "the first source is the record's article"


def test_organisations_that_recur_have_one_org_id():
    by_org: dict[str, set[str]] = {}
    for rec in LIVE.values():
        for p in rec["participants"]:
            if "org" in p:
                assert p["org"].split(".")[0] == p["country"].lower(), (rec["id"], p)
                by_org.setdefault(p["org"], set()).add(rec["id"])
    assert len(by_org["by.nasb"]) >= 15 and len(by_org["kr.msit"]) >= 8
    assert all(len(ids) >= 2 for ids in by_org.values()), [o for o, ids in by_org.items() if len(ids) < 2]
    # Every mention of the academy carries its id.
    for rec in LIVE.values():
        for p in rec["participants"]:
            if p["name"] == "벨라루스 국립과학아카데미":
                assert p.get("org") == "by.nasb", rec["id"]


def test_ids_unique_across_files():
    ids = [r["id"] for r in ALL]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


@pytest.mark.parametrize("name", FILES)
def test_every_record_cites_its_article(name):
    for rec in RECORDS[name]:
        assert len(rec["sources"]) == 1, rec["id"]
        src = rec["sources"][0]
        assert set(src) <= SOURCE_FIELDS
        assert src["publisher"] == FILES[name], rec["id"]
        assert src["title"], rec["id"]
        edtf_bounds(src["published"])
    titles = {r["sources"][0]["title"] for r in RECORDS[name]}
    assert len(titles) == 1, f"{name} cites more than one headline: {titles}"


def test_counts():
    """The table in seeds/README.md."""
    assert {name: len(recs) for name, recs in RECORDS.items()} == {
        "01-korea-russia-2018.jsonl": 13, "02-belarus-korea.jsonl": 54, "03-seoul-odense.jsonl": 8,
        "04-industrial-ai-transition.jsonl": 3, "05-medical-it.jsonl": 8}
    assert RETRACTED == {"seed.kr.2018-05.samsung-ai-centre-cambridge", "seed.kr.2018-05.samsung-ai-centre-toronto"}
    assert len(LIVE) == 84


def test_belarus_dates_as_the_embassy_page_gives_them():
    assert BY_ID["seed.by-kr.2008-12.science-days"]["date"] == "2008-12"
    assert BY_ID["seed.by-kr.2017-04-09.joint-working-group-2"]["date"] == "2017-04-09/2017-04-13"
    assert BY_ID["seed.by-kr.2011.cooperation-centre-operation"]["date"] == "2011/.."
    assert BY_ID["seed.by-kr.2010-11-07.academy-kipa-mou"]["date"] == "2010-11-07"
    for rec in RECORDS["02-belarus-korea.jsonl"]:
        assert {"BY", "KR"} <= countries(rec), rec["id"]


def test_korea_russia():
    wg = BY_ID["seed.kr-ru.2018-09.innovation-working-group-1"]
    assert (wg["status"], wg["date"], wg["place"]["city"]) == ("planned", "2018-09", "블라디보스토크")
    for slug in ("innovation-platform-mou", "ict-mou"):
        mou = BY_ID[f"seed.kr-ru.2018-06-22.{slug}"]
        assert (mou["kind"], mou["date"], mou["status"]) == ("signing", "2018-06-22", "occurred")
        assert countries(mou) == {"KR", "RU"}
    assert BY_ID["seed.kr-ru.2018-05-29.samsung-ai-centre-moscow"]["kind"] == "opening"


def test_seoul_odense_robotics_mou():
    mou = BY_ID["seed.dk-kr.2024.seoul-odense-robotics-mou"]
    assert mou["kind"] == "signing" and "robotics" in mou["sectors"]
    assert countries(mou) == {"KR", "DK"}
    assert {p["type"] for p in mou["participants"] if p["type"] != "person"} == {"local-government"}


def test_postponed_ministerial_meeting_is_domestic_and_postponed():
    meeting = BY_ID["seed.kr.2025-07-31.msit-motie-ax-ministerial-meeting"]
    assert (meeting["status"], meeting["date"]) == ("postponed", "2025-07-31")
    assert "순연" in meeting["summary"] and "순연" in meeting["sources"][0]["quote"]
    assert countries(meeting) == {"KR"}
    assert {p.get("org") for p in meeting["participants"]} >= {"kr.msit", "kr.motie"}


def test_undated_academy_agreements_are_open_start_without_sectors():
    undated = [r for cid, r in LIVE.items() if ".undated.nasb-" in cid]
    assert len(undated) == 10
    for rec in undated:
        assert rec["date"] == "../2023" and rec["sectors"] == [], rec["id"]
        assert rec["title"].startswith("벨라루스 국립과학아카데미–")
    for slug in ("kimm", "kaeri", "kisti", "nias"):  # the 2019 agreements stay apart: the page does not
        rec = LIVE[f"seed.by-kr.2019.nasb-{slug}-cooperation"]  # say whether they are the listed ones
        assert (rec["date"], rec["sectors"]) == ("2019", [])
        assert rec["title"].startswith("벨라루스 국립과학아카데미–") and rec["title"].endswith("상호협력 협정")


def test_official_names_of_the_time():
    forum = LIVE["seed.by-kr.2016-12-14.science-forum-5"]
    assert "미래창조과학부" in {p["name"] for p in forum["participants"]}  # MSIT's name until July 2017
    for cid in ("seed.by-kr.2019-09-05.transplantation-centre-nias-visit", "seed.by-kr.2019-03-28.animal-breeding-centre-visit"):
        assert "농촌진흥청 국립축산과학원" in {p["name"] for p in LIVE[cid]["participants"]}
    names = {p["name"] for rec in LIVE.values() for p in rec["participants"]}
    assert not {"농촌진흥원 국립축산과학원", "대한민국 과학기술정보통신부", "국가정보사회개발원(NIA)"} & names


def test_joint_committee_planned_with_an_open_date_then_met():
    first = next(r for r in RECORDS["01-korea-russia-2018.jsonl"] if r["id"] == "seed.kr-ru.2018.joint-committee-13")
    assert (first["status"], first["date"]) == ("planned", "2018?")  # as first published
    now = BY_ID["seed.kr-ru.2018.joint-committee-13"]
    assert (now["status"], now["date"], now["place"]["city"]) == ("occurred", "2019-05-16", "모스크바")
    later = now["sources"][1]
    assert later["url"].startswith("http") and later["published"] == "2019-05-17"
    assert "16일" in later["quote"] and "모스크바" in later["quote"] and "제13차" in later["quote"]


def test_new_planned_records():
    museum = LIVE["seed.kr.2024-07.seoul-robot-ai-science-museum-opening"]
    assert (museum["kind"], museum["status"], museum["date"]) == ("opening", "planned", "2024-07")
    centre = LIVE["seed.kr-ru.2018-06.innovation-centre-opening"]
    assert (centre["kind"], centre["status"], centre["date"]) == ("opening", "planned", "2018-06/..")
    pilot = LIVE["seed.kr-ru.2018-06.trans-siberian-telemedicine-pilot"]
    assert (pilot["kind"], pilot["status"], pilot["date"]) == ("project", "planned", "2018-06/2018-12")
    assert countries(centre) == countries(pilot) == {"KR", "RU"}


def test_medical_it_dates_are_marked_uncertain():
    # The article never prints its year: every date in it is inferred and carries `?`.
    for rec in RECORDS["05-medical-it.jsonl"]:
        assert "?" in rec["date"], rec["id"]
        assert "?" in rec["sources"][0]["published"]
    mission = BY_ID["seed.kr-nz.2011-05-25.medical-it-market-mission"]
    assert edtf_bounds(mission["date"]) == (dt.date(2011, 5, 25), dt.date(2011, 5, 28))
    assert countries(mission) == {"KR", "NZ"}


def test_plain_date_reader_agrees_with_the_contract_examples():
    assert edtf_bounds("201X") == (dt.date(2010, 1, 1), dt.date(2019, 12, 31))
    assert edtf_bounds("2010?") == (dt.date(2010, 1, 1), dt.date(2010, 12, 31))
    assert edtf_bounds("2021/2022-03") == (dt.date(2021, 1, 1), dt.date(2022, 3, 31))
    assert edtf_bounds("2011/..") == (dt.date(2011, 1, 1), None)
    assert edtf_bounds("../2023") == (None, dt.date(2023, 12, 31))
    for bad in ("2017-04-09/13", "2017 4", "2017-02-30", "2019/2018", "../.."):
        with pytest.raises((AssertionError, ValueError)):
            edtf_bounds(bad)
