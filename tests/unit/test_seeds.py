"""The seed data set (seeds/*.jsonl): every line is a valid record, ids are unique, every record
cites its article, and a few facts the articles state survive in the data."""

import datetime as dt
import json
import re
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
FILES = {
    "01-korea-russia-2018.jsonl": "이뉴스투데이",
    "02-belarus-korea.jsonl": "Embassy of the Republic of Belarus in the Republic of Korea / Belarusian Diplomatic Missions",
    "03-seoul-odense.jsonl": "JK뉴스",
    "04-industrial-ai-transition.jsonl": "연합뉴스",
    "05-medical-it.jsonl": "메디칼업저버",
}

# Plain-Python restatement of DESIGN §1/§3/§4, independent of shared.record, so that a slip in
# either one shows up.
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")
KINDS = {"signing", "visit", "forum", "meeting", "opening", "project", "other"}
STATUSES = {"occurred", "planned", "cancelled"}
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
FIELDS = {"id", "kind", "date", "status", "title", "summary", "lang", "participants", "place",
          "sectors", "sources"}
PART_FIELDS = {"name", "name_en", "country", "type", "role"}
SOURCE_FIELDS = {"url", "publisher", "title", "published"}
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


def edtf_bounds(text: str) -> tuple[dt.date, dt.date | None]:
    """Strict bounds of a §3 date; `end` is None for an open interval."""
    if "/" not in text:
        return _bounds(text)
    a, b = text.split("/")
    start = _bounds(a)[0]
    if b == "..":
        return start, None
    end = _bounds(b)[1]
    assert end >= start, f"interval ends before it starts: {text!r}"
    return start, end


def _load() -> list[tuple[str, int, bytes]]:
    lines = []
    for path in sorted(SEEDS.glob("*.jsonl")):
        for n, line in enumerate(path.read_bytes().splitlines(), 1):
            if line.strip():
                lines.append((path.name, n, line))
    return lines


LINES = _load()
RECORDS = {name: [json.loads(line) for f, _, line in LINES if f == name] for name in FILES}
ALL = [r for recs in RECORDS.values() for r in recs]
BY_ID = {r["id"]: r for r in ALL}


def countries(rec: dict) -> set[str]:
    return {p["country"] for p in rec["participants"]}


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


@pytest.mark.parametrize("rec", ALL, ids=[r["id"] for r in ALL])
def test_record_by_plain_rules(rec):
    assert set(rec) <= FIELDS, set(rec) - FIELDS
    assert ID_RE.match(rec["id"])
    assert rec["kind"] in KINDS
    assert rec["status"] in STATUSES
    assert 1 <= len(rec["title"]) <= 500
    assert len(rec.get("summary", "")) <= 300, "summaries are short and in our own words"
    assert rec["lang"] == "ko"
    start, _ = edtf_bounds(rec["date"])
    if rec["status"] == "occurred":
        assert start <= dt.datetime.now(dt.UTC).date(), "an occurred event cannot start in the future"
    assert 1 <= len(rec["participants"]) <= 100
    for p in rec["participants"]:
        assert set(p) <= PART_FIELDS and p["name"]
        assert COUNTRY_RE.match(p["country"])
        assert p["type"] in TYPES and p["role"] in ROLES
    if "place" in rec:
        assert set(rec["place"]) <= {"city", "country"}
        assert COUNTRY_RE.match(rec["place"].get("country", "KR"))
    assert len(rec["sectors"]) == len(set(rec["sectors"])) <= 20
    assert set(rec["sectors"]) <= SECTORS


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
    assert len(RECORDS["02-belarus-korea.jsonl"]) > 30
    assert len(ALL) > 50


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


def test_postponed_ministerial_meeting_is_domestic_and_cancelled():
    meeting = BY_ID["seed.kr.2025-07-31.msit-motie-ax-ministerial-meeting"]
    assert (meeting["status"], meeting["date"]) == ("cancelled", "2025-07-31")
    assert "순연" in meeting["summary"]
    assert countries(meeting) == {"KR"}


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
    for bad in ("2017-04-09/13", "2017 4", "2017-02-30", "2019/2018"):
        with pytest.raises((AssertionError, ValueError)):
            edtf_bounds(bad)
