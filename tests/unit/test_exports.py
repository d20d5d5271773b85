"""The CSV and TimelineJS exports, item by item (pure functions; the streaming is integration)."""

from __future__ import annotations

import csv
import datetime
import io

import pytest

from services.query import exports
from services.query.display_dates import readable

ITEM = {
    "id": "e1", "kind": "visit", "status": "occurred", "date": "2017-04-09/2017-04-13", "start": "2017-04-09",
    "end": "2017-04-13", "title": 'Delegation, "quoted"\nsecond line', "summary": "요약",
    "countries": ["BY", "KR"], "sectors": ["ai", "ict"],
    "participants": [{"name": "과기정통부", "name_en": "MSIT", "country": "KR", "org": "kr.msit"},
                     {"name": "NASB", "country": "BY", "org": "by.nasb"},
                     {"name": "Science Ministry", "country": "KR", "org": "kr.msit"}],
    "sources": [{"url": "https://example.org/a", "quote": "they met"}, {"publisher": "연합뉴스"}],
}


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_csv_is_rfc4180_with_the_columns_in_order():
    text = exports.csv_text([{**ITEM, "title_en": "A visit"}, {**ITEM, "id": "e2", "date": "2011/..", "end": None,
                                                                "summary": None, "kind": "other"}])
    assert text.startswith("id,date,start,end,kind,status,title,countries,participants,sectors,sources,"
                           "title_en,summary,orgs,cameo\r\n")
    first, second = rows(text)[1:]
    assert first == ["e1", "2017-04-09/2017-04-13", "2017-04-09", "2017-04-13", "visit", "occurred",
                     'Delegation, "quoted"\nsecond line', "BY; KR",
                     "과기정통부 / MSIT (KR); NASB (BY); Science Ministry (KR)", "ai; ict",
                     "https://example.org/a; 연합뉴스", "A visit", "요약", "kr.msit; by.nasb", "042/043"]
    assert second[3] == "" and second[11:] == ["", "", "kr.msit; by.nasb", ""]  # no title_en, summary, CAMEO
    assert len(rows(text)) == 3


def test_csv_open_start_records_and_records_without_new_fields():
    old = {k: v for k, v in ITEM.items() if k != "participants"} | {
        "participants": [{"name": "A", "country": "KR"}], "date": "../2023", "start": None, "end": "2023-12-31"}
    row = rows(exports.csv_text([old], header=False))[0]
    assert row[1:4] == ["../2023", "", "2023-12-31"] and row[13] == ""


def test_bom_only_when_asked():
    assert exports.csv_text([ITEM], bom=True).encode().startswith(b"\xef\xbb\xbfid,date")
    assert not exports.csv_text([ITEM]).startswith("\ufeff")
    assert exports.csv_text([ITEM], header=False, bom=False).startswith("e1,")


@pytest.mark.parametrize("bad", ['=HYPERLINK("http://x","y")', "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_cells_are_neutralised(bad):
    item = {**ITEM, "title": bad, "summary": bad, "title_en": bad,
            "participants": [{"name": bad, "country": "KR"}], "sources": [{"publisher": bad}]}
    row = rows(exports.csv_text([item], header=False))[0]
    for column in ("title", "participants", "sources", "title_en", "summary"):
        cell = row[exports.CSV_COLUMNS.index(column)]
        assert cell.startswith("'" + bad[0]) and bad in cell, column


def test_harmless_cells_are_left_alone():
    row = rows(exports.csv_text([{**ITEM, "title": "2+2 = 4 — a title", "summary": "'quoted'"}], header=False))[0]
    assert row[6] == "2+2 = 4 — a title" and row[12] == "'quoted'"


def event(date: str, **kw) -> dict:
    return exports.timelinejs_event({**ITEM, "date": date, **kw}, "KR", "BY")


@pytest.mark.parametrize(("date", "start", "end"), [
    ("2017-04-09/2017-04-13", {"year": 2017, "month": 4, "day": 9}, {"year": 2017, "month": 4, "day": 13}),
    ("2008-12~", {"year": 2008, "month": 12}, None),
    ("2014/2015", {"year": 2014}, {"year": 2015, "month": 12, "day": 31}),
    ("2011-06?/2011-10?", {"year": 2011, "month": 6}, {"year": 2011, "month": 10, "day": 31}),
    ("201X/2021-06", {"year": 2010}, {"year": 2021, "month": 6, "day": 30}),
    ("2012/2012-02", {"year": 2012}, {"year": 2012, "month": 2, "day": 29}),
    ("../2023", {"year": 2023}, None),
])
def test_start_has_known_parts_end_is_the_last_day(date, start, end):
    e = event(date)
    assert e["start_date"] == start and e.get("end_date") == end


def test_an_open_end_runs_to_today_not_a_point():
    today = datetime.datetime.now(datetime.UTC).date()
    e = event("2011/..")
    assert e["start_date"] == {"year": 2011}
    assert e["end_date"] in ({"year": d.year, "month": d.month, "day": d.day}
                             for d in (today, today + datetime.timedelta(days=1)))  # midnight may pass
    assert event("2999/..", status="planned")["end_date"] == {"year": 2999, "month": 12, "day": 31}


def test_markup_in_records_is_escaped_and_ours_is_the_only_html():
    hostile = {**ITEM, "title": "<b>bold</b>", "summary": "<img src=http://x/y.png>\nline 2",
               "participants": [{"name": "<i>x</i>", "country": "KR"}],
               "sources": [{"url": 'https://e.org/"><img src=x>', "publisher": "<u>p</u>", "quote": "<q>"},
                           {"url": "javascript:alert(1)", "publisher": "js"}]}
    e = exports.timelinejs_event(hostile, "KR", "BY")
    assert e["text"]["headline"] == "&lt;b&gt;bold&lt;/b&gt;"
    text = e["text"]["text"]
    assert "&lt;img src=http://x/y.png&gt;<br>line 2" in text and "&lt;i&gt;x&lt;/i&gt;" in text
    assert '<a href="https://e.org/&quot;&gt;&lt;img src=x&gt;">&lt;u&gt;p&lt;/u&gt;</a> — “&lt;q&gt;”' in text
    assert "javascript:" not in text and "; js</p>" in text  # only http(s) becomes a link
    assert "<img" not in text and "<b>" not in text


@pytest.mark.parametrize(("status", "ko", "en"), [
    ("planned", "[예정] ", "[Planned] "), ("postponed", "[연기] ", "[Postponed] "),
    ("cancelled", "[취소] ", "[Cancelled] "), ("occurred", "", "")])
def test_status_shows_in_the_headline_and_the_text(status, ko, en):
    item = {**ITEM, "status": status, "title": "회의", "title_en": "Meeting"}
    k, e = (exports.timelinejs_event(item, "KR", None, lang) for lang in ("ko", "en"))
    assert k["text"]["headline"] == ko + "회의" and e["text"]["headline"] == en + "Meeting"
    assert (f"coopline-status-{status}" in k["text"]["text"]) == (status != "occurred")


def test_english_view_uses_title_en_and_english_names_with_fallbacks():
    e = exports.timelinejs_event({**ITEM, "title_en": "Visit"}, "KR", None, "en")
    assert e["text"]["headline"] == "Visit" and e["display_date"] == readable(ITEM["date"], "en")
    assert "MSIT (South Korea)" in e["text"]["text"] and "NASB (Belarus)" in e["text"]["text"]
    assert exports.timelinejs_event(ITEM, "KR", None, "en")["text"]["headline"] == ITEM["title"].replace('"', "&quot;")
    k = exports.timelinejs_event({**ITEM, "title_en": "Visit"}, "KR", None, "ko")
    assert k["text"]["headline"].startswith("Delegation") and "과기정통부 (대한민국)" in k["text"]["text"]


def test_groups_kinds_in_a_dyad_partners_in_a_country_view():
    assert event("2017")["group"] == "공식 방문·대표단"  # KR–BY: the kind
    assert exports.timelinejs_event(ITEM, "KR", "BY", "en")["group"] == "Official visit or delegation"
    assert exports.timelinejs_event(ITEM, "KR", None, "en")["group"] == "Belarus"
    assert exports.timelinejs_event({**ITEM, "countries": ["BY", "DK", "KR"]}, "KR", None)["group"] == "벨라루스, 덴마크"
    domestic = {**ITEM, "countries": ["KR"]}
    assert exports.timelinejs_event(domestic, "KR", None, "en")["group"] == "Domestic"
    assert exports.timelinejs_event(domestic, "KR", "KR")["group"] == "국내"  # partner = country: a country view
    assert exports.timelinejs_event({**ITEM, "date": "../2023"}, "KR", None, "en")["group"] == "Undated"


def test_whole_document_and_title():
    doc = exports.timelinejs([ITEM], exports.view_headline("KR", "BY", "en"), "KR", "BY", lang="en", position=7)
    assert doc["title"]["text"]["headline"] == "South Korea – Belarus"
    assert "7" in doc["title"]["text"]["text"] and [e["unique_id"] for e in doc["events"]] == ["e1"]
    assert exports.view_headline("KR", None) == "대한민국" and exports.view_headline("KR", "KR") == "대한민국"


@pytest.mark.parametrize(("text", "ko", "en"), [
    ("2014", "2014년", "2014"),
    ("2014-09?", "2014년 9월경", "c. September 2014"),
    ("2014-09-05", "2014년 9월 5일", "September 5, 2014"),
    ("201X", "2010년대", "the 2010s"),
    ("20XX", "2000–2099년", "2000–2099"),
    ("2017-XX", "2017년", "2017"),
    ("2017-04-XX", "2017년 4월", "April 2017"),
    ("2011/..", "2011년부터", "from 2011"),
    ("2011~/..", "2011년경부터", "from c. 2011"),
    ("../2023", "날짜 미상 · 2023년 이전", "undated · by 2023"),
    ("2014/2015", "2014년 ~ 2015년", "2014\u2009–\u20092015"),
    ("2011-06?/2011-10?", "2011년 6월경 ~ 2011년 10월경", "c. June 2011 – c. October 2011"),
    ("2017-04-09/2017-04-13", "2017년 4월 9일~13일", "Apr 9\u2009–\u200913, 2017"),
    ("2014/2015-03", "2014년 ~ 2015년 3월", "2014 – March 2015"),
])
def test_readable_dates(text, ko, en):
    assert readable(text, "ko") == ko and readable(text, "en") == en
