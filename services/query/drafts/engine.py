"""From an article to draft cooperation records: the body of `POST /v1/drafts`.

`draft(body, organisations=..., candidates=...)` is pure and deterministic: the same article
and the same known organisations and candidate events always give the same drafts. It reads
sentence by sentence; each clause with an event predicate becomes a draft, dated by the date
nearest before its predicate (or the paragraph's date), with the parties the clause names.
"""

from __future__ import annotations

import copy
import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import replace

from services.query.drafts import (
    analyser,
    article,
    dates,
    discourse,
    events_en,
    multilateral,
    places,
    records,
    restatements,
    sections,
    sides,
)
from services.query.drafts.assembly import drafts_for
from services.query.drafts.candidates import dedupe, matches
from services.query.drafts.directory import Directory, Known
from services.query.drafts.durations import close_spans, without_told_starts
from services.query.drafts.edtf_points import Point, Span, bounds_of, overlaps
from services.query.drafts.event_dates import date_for
from services.query.drafts.event_status import (
    date_by_notice_field,
    flag_future_occurred,
    postponed_with,
)
from services.query.drafts.events import (
    Clause,
    Trigger,
    clauses,
    described_visit,
    find_trigger,
    told_before,
)
from services.query.drafts.fallback import (
    INVITED_DELEGATION,
    call_milestone,
    dating_header,
    fallback_drafts,
    is_header,
    is_list_line,
    is_sub_item,
    on_visit_programme,
    posted,
    two_sided,
)
from services.query.drafts.lexicon import ATTENDANCE, DELEGATION_NAMES_KO, TO_KOREA
from services.query.drafts.listed_events import listed
from services.query.drafts.notice_items import announced_items, is_table_row, notice_items
from services.query.drafts.org_types import PERSON_TITLES_KO
from services.query.drafts.organisations import OrgMention, in_sentence
from services.query.drafts.parties import side_countries
from services.query.drafts.relative_events import (
    day_after_last,
    day_of_last_event,
    day_of_trip,
    relative_date,
    relative_phrase_end,
    told_day_of_last,
)
from services.query.drafts.tense import ASKED, status
from services.query.drafts.verbless import (
    date_visits_by_schedule,
    give_pair,
    untensed,
    without_programme_items,
)
from shared.edtf import today_utc

Candidates = Callable[[list[str], str | None], Iterable[dict]] | Iterable[dict] | None


def directory_of(organisations: Iterable[dict]) -> Directory:
    """The known organisations (`{org, names, country, type}` each), indexed for drafting."""
    return Directory([Known(o["org"], tuple(o.get("names") or ()) or (o.get("name", o["org"]),),
                            o["country"], o.get("type", "other")) for o in organisations])


def draft(body: dict, *, organisations: Iterable[dict] = (), candidates: Candidates = None,
          directory: Directory | None = None) -> dict:
    """`{text | html, url?, published?, publisher?, lang?}` → `{article, drafts}`.

    `organisations`: the known ones, `{org, names, country, type}` each, or `directory`: the
    same already indexed (`directory_of`; a worker reuses it between articles). `candidates`:
    live events (records with `id`), or a function `(countries, date) -> events` that finds them."""
    art = article.read(body)
    if directory is None:
        directory = directory_of(organisations)
    sents = _without_asides(analyser.sentences(art.text), art.text)
    # A Korean article's unqualified names are Korean; an English one's only where a dateline
    # ("Seoul, 14 April 2025 –") says where it comes from, else they stay open for a person.
    home = "KR" if art.lang == "ko" else discourse.dateline_country(art.text)
    topic = discourse.topic_country(art.text, home)
    mentioned = [_country_before(s, in_sentence(s, directory)) for s in sents]
    orgs_of = _resolve_short_forms(mentioned, sents)
    memory = discourse.names_with_countries(orgs_of)
    discourse.bodies_of_named_cities(orgs_of, art.text, memory)  # "the University of Ohrid" in a story naming Ohrid's country
    people = discourse.people_with_countries(sents)
    out: list[dict] = []
    para_span: dict[int, Span] = {}
    para_subject: dict[int, object] = {}
    last_span: Span | None = None
    last_event_span: Span | None = None
    last_day_span: Span | None = None  # the last event dated to the day, for "이날", "the same day"
    last_days_span: Span | None = None  # the last event told over several days, for "마지막 날에는" after a day of it
    last_subject = None
    span_of_kind: dict[tuple, Span] = {}  # the last drafted event of each kind, past or planned: its date
    draft_of_kind: dict[tuple, dict] = {}  # … and the draft itself
    headline = (art.title or "").strip()
    headline_at = art.text.find(headline) if headline else -1  # (under a site's header block, not the first paragraph)
    header: tuple[int, Span] | None = None  # a dated header line ("Tuesday 17 November — Rabat"): its end, its date
    before_at = {b.start: a.start for a, b in zip(sents, sents[1:], strict=False)}  # each sentence's one before
    after_of = {a.start: b for a, b in zip(sents, sents[1:], strict=False)}  # each sentence's one after
    for s, orgs in zip(sents, orgs_of, strict=True):
        mentions = dates.resolve(s.text, art.published, lang=s.lang, nearest=untensed(s))
        if posted(s.text, art.published, s.lang):
            mentions = []  # "등록일 2026-05-18 | 작성자 …", "- Date : 2026-11-08": when the page was posted, no event's
        if header is not None and re.search(r"\n\s*\n", art.text[header[0]:s.start]):
            header = None  # a blank line ends the list under it
        if headline and (s.text.strip() in (headline, headline.rstrip(".")) or s.text.strip() in headline
                         and headline_at <= s.start < headline_at + len(headline)):
            continue  # a headline (or a part of one, "…"-split) restates the lead, which says it with a date
        if sections.caption_label(art.text, s.start):
            continue  # "[사진] 지난 24일 … 서명한 뒤 …", "사진 설명: …": a photo's caption retells the story
        if _PHOTO_LINE.match(art.text, art.text.rfind("\n", 0, s.start) + 1):
            continue  # "▲ 김 시장(오른쪽 세 번째)과 … 협약을 체결한 뒤 기념촬영을 하고 있다": a photo's caption, told by who stands where
        if call_milestone(s, art.text):
            continue  # "Projects start: 1 September 2027" under a joint call's "Key dates"
        found = [type(p)(p.start + s.start, p.end + s.start, p.text, p.codes, p.city) for p in places.find(s.text)]
        subject = next((o for o in orgs if o.slot == "subject"), None)
        sentence_dates = [m for m in mentions if m.span is not None]
        cl = clauses(s)
        told = s.start + relative_phrase_end(s.text) if s.lang == "en" else s.start
        found_triggers = {c.start: t for c in cl if (t := find_trigger(_after(c, told), s)) is not None
                          and not _in_speech(s, t.start, art.text)}
        triggers = [(c, found_triggers[c.start]) for c in cl if c.start in found_triggers]
        # a date that only places the event a discussion looks ahead to ("agreed to keep in close contact ahead of
        # multilateral meetings in the second half of the year") dates no discussion
        own_dates = [m for m in sentence_dates if not _AHEAD_OF.search(s.text[:m.start])]
        if any(not t.weak for _, t in triggers) or not own_dates:
            # … but "시장과 만나 … 서명하고": meeting an official before signing is a meeting of its own
            triggers = [(c, t) for c, t in triggers if not t.weak or _meets_official(s, t, triggers)]
        if s.lang == "ko" and any(t.kind in ("forum", "project") for _, t in triggers):
            # "포럼을 열고 아이슬란드 전문가들을 초청해 …", "연구자 15명을 초청해 … 연수 과정을 운영한다": those invited come to
            # the forum or the course the sentence tells, no visit of their own
            # (a delegation invited is a visit still: "꽝닌성 대표단을 초청해 … 연수 프로그램을 운영할 계획")
            triggers = [(c, t) for c, t in triggers if t.lemma != "초청" or INVITED_DELEGATION.search(s.text[:t.start - s.start])]
        visit_at = next((t.start for _, t in triggers if t.kind == "visit"), None)
        if s.lang == "en" and visit_at is not None:
            # "took a delegation to Kenya in 2023, when members toured the site and met the Ministry of Health": what the
            # visitors did, told in a clause of the visit, is the visit's programme
            told = _VISIT_PROGRAMME.search(s.text)
            if told and visit_at - s.start > told.start() and s.text.startswith("stay", visit_at - s.start):
                told = None  # "In Canberra, where the delegation is staying …, Han co-chaired …": the stay is the aside
            triggers = [(c, t) for c, t in triggers if not (t.kind == "meeting" and told and t.start - s.start > told.start())]
        if s.lang == "ko" and not sentence_dates and _GIST.search(s.text):
            triggers = []  # "… 전력망을 구축하고, … 개발하는 것이 골자다": what the event told before is about
        if ASKED.search(s.text):
            triggers = []  # "[질문] … 공동위만 참석하고 돌아갑니까?": a question tells no event
        reach = _reach(s, cl, found_triggers, {c.start for c, _ in triggers})
        if s.lang == "ko":  # "피렌체를 방문한 시 대표단이 … 체결했다": the visit too
            triggers = [x for c, t in triggers for x in _with_described_visit(c, t, s)]
            # "방문해 … 관계자들과 간담회를 가졌다": a meeting held on the visit's programme is the visit
            triggers = [(c, t) for c, t in triggers if not (
                t.kind == "meeting" and t.lemma in ("가지", "열", "개최") and on_visit_programme(
                    s, c, [v.start for _, v in triggers if v.kind == "visit" and v.status == t.status], mentions))]
        sentence_drafts: list[dict] = []
        for c, trig in triggers:
            if s.lang == "ko" and trig.status == "occurred" and _DECIDED.search(s.text) and c.end < s.end - 2 \
                    and _ahead_in_clause(s, c, trig, art.published):
                # "세 나라는 대신 12월 초 프놈펜에서 실무회의를 열어 … 논의하기로 했습니다" (in October): the decision's
                # meeting, this December's, planned — not last December's
                trig = replace(trig, future=True, status=status(s.text, True))
            if s.lang == "en" and trig.status == "planned" and events_en.PAST_PLAN_EN.search(c.text) \
                    and (then := events_en.moved_next(after_of.get(s.start), s)):
                # "A trilateral meeting … was planned for June." then "It was postponed, …": that plan, moved
                trig = replace(trig, status=then)
            if trig.status in ("cancelled", "postponed"):
                # a plan called off or moved: its day or month without a year is the one nearest the news,
                # ahead or past ("8월에 … 찾기로 했던 … 방문이 취소됐다" in December: this August)
                mentions = dates.resolve(s.text, art.published, lang=s.lang, nearest=True)
            elif trig.future:
                mentions = dates.resolve(s.text, art.published, lang=s.lang, future=True)
            elif s.lang == "en" and trig.status == "occurred" and events_en.PAST_EN.search(c.text):
                # "took place from 20 to 31 January" on 10 January: last January's
                mentions = dates.resolve(s.text, art.published, lang=s.lang, past=True)
            # a line with no date of its own under a dated header line takes the header's date
            para = para_span.get(s.paragraph) or (header[1] if header else None)
            if para is None and s.lang == "ko" and s.text.lstrip(" ○□-·▲").startswith("그해"):
                para = last_span  # "… 2023년부터 이어져 왔다.\n○ 그해 …": the year the text just named, on the line before
            others_told = tuple((o.start, o.end) for o, t in triggers if o.start > c.start and t.kind != trig.kind) \
                if s.lang == "en" else ()
            span, inherited = date_for(s, c, trig, mentions, para, last_event_span or last_span, last_day_span, others_told)
            if inherited and s.lang == "en":
                moved = relative_date(s.text, span_of_kind, last_event_span)
                if moved is not None:  # "A year before the opening, …", "The following spring, …"
                    span, inherited = moved, False
            if s.lang == "ko" and trig.kind in ("signing", "opening", "visit") and _AFTER_NOUN.match(s.text, trig.end - s.start) \
                    and not any(m.span is not None and m.start + s.start < trig.start for m in mentions):
                # "일행은 협정 체결 뒤 아스타나로 이동해 23일 … 워크숍을 열었다": the signing told before, as the time after
                # which the next event came; the later date is that event's, the signing keeps the one told before
                span, inherited = span_of_kind.get((trig.kind, trig.future)), True
                if draft_of_kind.get((trig.kind, trig.future)) is not None:
                    continue  # (that event, drafted already)
            if s.lang == "en" and (day := day_of_trip(s.text[: c.end - s.start], span_of_kind.get(("visit", trig.future)))):
                span, inherited = day, False  # "on the Wednesday of our trip": that day of the trip
            elif s.lang == "ko" and (day := told_day_of_last(s.text[: c.end - s.start], last_days_span)) is not None:
                span, inherited = day, False  # "심포지엄 둘째 날인 2일": that day of the event told before
            elif (day := day_of_last_event(s.text, last_event_span)
                   or day_of_last_event(s.text, span_of_kind.get(("visit", trig.future)))
                   or day_of_last_event(s.text, last_days_span)) is not None \
                    and not sentence_dates:  # (else of the trip told before: "On the last day, …" after its days)
                span, inherited = day, False  # "On the second day the directors … signed": that day of the event before
            elif (day := day_after_last(s.text, last_day_span)) is not None and not sentence_dates:
                span, inherited = day, False  # "The following day, the delegation hosted …": the day after the last
            if s.lang == "en" and trig.kind == "project" and trig.future and not sentence_dates and out \
                    and out[-1]["record"]["kind"] == "signing" and _PROVIDED.match(s.text):
                continue  # "signed a memorandum …" then "The two institutes will share data, carry out joint surveys …"
            if s.lang == "en" and trig.kind == "project" and trig.lemma in ("spend", "spent") and not sentence_dates \
                    and any(e.get("_paragraph") == s.paragraph and e["record"]["kind"] == "project"
                            and (e["record"]["status"] == "planned") == trig.future for e in out):
                continue  # "The training programme … is due to begin in September. Engineers will spend four months in
                # Korean institutes …": the stay is the programme told just before
            stay = [m for m in mentions if m.role == "until" and m.span is not None and m.span.end is not None
                    and m.start + s.start > trig.start] if trig.lemma == "도착" and span is not None and span.single else []
            if stay and span.start is not None and stay[0].span.end.last() > span.start.first():
                span = Span(span.start, stay[0].span.end)  # "14일 … 도착해 16일까지 머물렀다": the stay's days
            if trig.status == "planned" and _borrowed_past(span, c, s, mentions, art.published):
                span = None  # "Following the signing … last week, the two will set up …": not the plan's date
            if s.lang == "ko" and inherited and trig.status == "occurred" and _ONGOING.search(c.text) \
                    and _borrowed_future(span, art.published):
                continue  # "병원은 … 지원 사업도 함께 벌이고 있다" after a plan for next month: what goes on now, undated
            # the occasion a clause (or the sentence before it: "During the trip …, and visited …") names
            occasion = (discourse.occasion_kind(s.text[: c.end - s.start]), trig.future) if inherited else None
            if occasion is not None and occasion not in span_of_kind and discourse.occasion_also(s.text[: c.end - s.start]):
                occasion = (discourse.occasion_also(s.text[: c.end - s.start]), trig.future)
            if occasion in span_of_kind:  # "포럼 계기에 … 열 계획", "on the sidelines of the forum": its dates
                span = _shifted(span_of_kind[occasion], discourse.occasion_offset(s.text[: c.end - s.start]))
            if inherited and occasion not in span_of_kind and (trig.kind, trig.future) in span_of_kind \
                    and _ALSO.search(s.text[: trig.start - s.start]):
                span = span_of_kind[(trig.kind, trig.future)]  # "… also signed an arrangement": the signing's day
            lo, hi = reach.get(c.start, (c.start, c.end))
            c_orgs = [o for o in orgs if lo <= o.start < hi]
            explicit = any(o.slot == "subject" for o in c_orgs)
            # Korean leaves out a subject the paragraph (or, after 또/이어, the text) already has
            fallback = subject or para_subject.get(s.paragraph) or (last_subject if _GOES_ON.match(s.text) else None)
            if fallback is not None and not explicit:
                c_orgs = [fallback, *c_orgs]
            codes = side_countries(s.text[lo - s.start:hi - s.start], lo, found, trig.kind, c_orgs)
            if s.lang == "ko" and trig.kind in ("opening", "forum") and not set(codes) - {"KR"}:
                codes += _placed_before(s, lo, found)  # "센터는 쿠웨이트시티에 두고, 내년 6월 문을 여는": where it stands
            if s.lang == "ko" and trig.kind != "visit" and not codes and not c_orgs and _TRAVELLERS.match(s.text):
                # "방문단은 협약식 전날인 14일 캄피나스에 마련한 … 랩 개소식을 열었다": the story's own (Korean) delegation,
                # on its trip — in the country of the trip told before when its days hold this day (else the page's)
                codes = ["KR"]
                trip = draft_of_kind.get(("visit", trig.future))
                if trip is not None and span is not None and _within_trip(span, trip):
                    codes += sorted({p["country"] for p in trip["record"]["participants"] if p.get("country")} - {"KR"})
            if (trig.lemma in TO_KOREA or s.lang == "ko" and _invited_home(s, lo, hi, found)) and "KR" not in codes:
                codes.append("KR")  # 방한, and "공무원 24명을 국내로 초청해", "대전 본사에서 … 초청해": Korea hosts
            made = drafts_for(art, s, c, trig, span, inherited, c_orgs, codes, memory, home, found)
            if s.lang == "ko" and trig.kind == "visit":
                made = [leg for d in made for leg in _gapped_legs(d, c.text, art.published)]
            elif s.lang == "ko":
                made = [leg for d in made for leg in _dated_partners(d, c.text, art.published)]
            for d in made:
                twin = next((e for e in sentence_drafts if e["record"]["kind"] == d["record"]["kind"]
                             and e.get("_clause") != c.start and e["record"]["status"] == d["record"]["status"]
                             and e["record"].get("date") == d["record"].get("date")), None)
                if twin is not None:  # "visited … and toured …": one visit
                    discourse.absorb(twin, d)
                    continue
                d["_clause"] = c.start
                _share_sides(d, sentence_drafts)
                if occasion in draft_of_kind and occasion[0] == trig.kind:  # "during the trip … visited …": the trip
                    discourse.absorb(draft_of_kind[occasion], d)
                    continue
                if occasion in draft_of_kind:  # "During the trip the mayor also met …": the trip's sides
                    _share_sides(d, [draft_of_kind[occasion]])
                sentence_drafts.append(d)
                sides.add_topic(d, topic, home, explicit)
                discourse.person_side(d, people)  # "알사바히 차관 일행은 … 방한합니다": Kuwait's vice minister, introduced so
                own_date = bool(sentence_dates) and not inherited or any(m.role.startswith("same") for m in mentions)
                if own_date and span is not None and span.start is not None and span.start.d is not None:
                    last_day_span = span  # "협약식은 지난 21일 … 열렸으며" then "같은 날 …": that day, even when told twice
                plan = next((e for e in reversed(out) if e.get("_paragraph") == s.paragraph and e["record"]["kind"] == "visit"
                             and e["record"]["status"] == "planned"), None) if s.lang == "ko" and trig.kind == "visit" \
                    and trig.future and not own_date and not explicit else None
                if plan is not None:  # "… 24일부터 27일까지 방한합니다. 공동위 외에도 … 방문할 계획입니다": the visit's programme
                    discourse.absorb(plan, d)
                    continue
                if discourse.merge_into_earlier(d, s.paragraph, own_date, trig.lemma in ATTENDANCE, out,
                                                c.text, trig.future):
                    continue
                twin = discourse.same_as_earlier(d, c.text, out)
                if twin is not None and restatements.not_event(twin, art.published, art.lang):
                    twin = None  # "… 방문한 것은 이번이 처음이다" remarks on an event; it is no report to add to
                if twin is not None and own_date and discourse.leg_of(d["record"], twin["record"]):
                    twin = None  # "대표단은 8일부터 10일까지 나이로비에 머물며": one leg of the trip told before, with its days
                if twin is not None and twin.get("_clause") == c.start and twin["quote"] == d["quote"]:
                    twin = None  # "'X'를, … 'Y'를 각각 체결했다": the clause's agreements stay apart
                if twin is not None and own_date and _firm(twin["record"].get("date")) and _firm(d["record"].get("date")) \
                        and _before(d["record"]["date"], twin["record"]["date"]):
                    twin = None  # "이번 공동위는 2022년 … 열린 제3차 회의 이후": an earlier date is an earlier event
                if twin is None and trig.lemma in ("머물", "도착"):  # "대표단 9명은 … 피렌체에 머물며": the visit told, its days
                    twin = next((e for e in reversed(out) if e["record"]["kind"] == "visit" and e["record"]["status"] ==
                                 d["record"]["status"] and sides.countries_of(e) - {"KR"} == sides.countries_of(d) - {"KR"}
                                 and e["record"].get("date") and d["record"].get("date")
                                 and overlaps(bounds_of(e["record"]["date"]), bounds_of(d["record"]["date"]))), None)
                if twin is not None and own_date and d["record"]["kind"] == "visit" \
                        and sides.countries_of(d) - {"KR"} and sides.countries_of(d) - {"KR"} != sides.countries_of(twin) - {"KR"}:
                    twin = None  # "대표단은 14일 아이슬란드 … 도착해": a stop of its own, with its own date and country
                if twin is not None:
                    discourse.absorb(twin, d, own_date)
                    # "The memorandum was signed … during a week-long visit to South Korea": the visit is new
                    setting = _setting_draft(d, c.text, s.lang, out) if span is not None and own_date else None
                    if setting is not None:
                        setting["_paragraph"] = s.paragraph
                        out.append(setting)
                    continue
                discourse.resolve_anaphora(d, s.text, out, before_at=before_at.get(s.start))
                if s.lang == "ko" and any(_ALSO_JOINS.match(s.text, o.end - s.start) for o in c_orgs):
                    discourse.join_earlier_sides(d, out)  # "다르에스살람대학교도 참여하는": also, beside those before
                d["_paragraph"] = s.paragraph
                d["_at"] = s.start
                d["_span"] = span
                d["_names"] = set(records.quoted_names(s.text if len(triggers) == 1 else c.text, aliases=True))
                out.append(d)
                own = _aside_date(s, c, art.published) if trig.future else None
                setting = _setting_draft(d, c.text, s.lang, out, own) if span is not None else None
                if setting is not None:  # "signed … at the 6th … Joint Committee": the committee too
                    out.append(setting)
                if span is not None and not _TOLD_BEFORE.search(c.text) \
                        and not told_before(c, trig):  # not "… 제3차 회의 이후": background
                    span_of_kind[(trig.kind, d["record"]["status"] in ("planned", "postponed"))] = span
                    draft_of_kind[(trig.kind, d["record"]["status"] in ("planned", "postponed"))] = d
                last_event_span = span or last_event_span
                if span is not None and not span.single and span.start is not None and span.start.d is not None \
                        and span.end is not None and span.end.d is not None:
                    last_days_span = span
                if span is not None and span.start is not None and span.start.d is not None:
                    last_day_span = span
        if s.lang == "ko":
            out.extend(_listed(art, s, orgs, subject, found, memory, home, out))
        if subject is not None:
            para_subject[s.paragraph] = subject
            last_subject = subject
        if sentence_dates:
            last_span = sentence_dates[-1].span
            para_span[s.paragraph] = last_span
            if is_header(s.text):
                header = (s.end, sentence_dates[0].span) if dating_header(sentence_dates) else None
    _date_called_off(out, sents, art.published)  # "has called off a planned visit." then "had been due … 7 to 11 December"
    date_by_notice_field(out, sents, art.published)  # "아래와 같이 … 개최합니다" then "일시: …": that day
    postponed_with(out)  # "expected to be signed at the Session" (postponed): postponed too
    out.extend(_notice(art, sents, orgs_of, memory, home))
    out = _announced(art, sents, orgs_of, memory, home, out)
    date_visits_by_schedule(out, sents, art.published)  # "□ 대표단 주요 일정(10. 20.~10. 23.)": the visit's days
    named = sides.article_countries(art)
    main_pair = frozenset(sides.main_pair(art, home))
    if not main_pair and home is None and art.lang == "en" and len(named) == 1 and "KR" not in named:
        main_pair = frozenset(named | {"KR"})  # an English page of no dateline naming one foreign country: Korea's with it
    if art.lang == "en" and "KR" not in named and len(named) >= 2 and sides.korean_cue(art.text):
        # "Mayor Jung Hae-won led a delegation to Kigali", "a budget of 4.2 billion won": a Korean party of a page
        # that names only foreign countries; the register's own side, and no pair of the two foreign ones
        named = named | {"KR"}
        main_pair = frozenset()
    pair = frozenset(named) if len(named) == 2 else main_pair
    korean = art.lang != "ko" or home in named or sides.korean_party(art.text, mentioned)
    if art.lang == "ko" and home == "KR" and len(named) == 2 and home not in named and korean:
        pair = frozenset()  # a Korean page of two foreign countries (Korea unnamed) is about three: no pair of two
    under = sections.heading_countries(sents, art.text, home, is_header, is_sub_item, is_list_line)
    sections.give_heading_country(out, under, home, art.lang)  # "가. 1차 방문국 리투아니아(…)": its items' country
    out += fallback_drafts(art, sents, orgs_of, memory, home, out, headline, pair, under)
    out = without_programme_items(out, sents, art.text)  # "방문 주요 일정" then "- 5. 26.(화) … 차관 면담": the visit
    out = multilateral.add_sides(out, sents, home, art.lang)  # "탄자니아·케냐·우간다 연구자 … 참석": all its sides
    give_pair(out, pair, art.lang, is_list_line)  # a list line that names no country: the page's two
    multilateral.counted_sides_from_forum(out, art.lang)  # "South Korea and four Caribbean countries": the forum's five
    for d in out:
        sides.counted_sides_from_article(d, art, korean)
        sides.other_side(d, home, named, main_pair, korean)
    sections.give_named_country(out, home, art.lang)  # "다음 달 에티오피아 … 지역에 … 개소": the country it is in
    sides.paragraph_country(out, sents)  # "Jamaica's partnership … A Korean-funded project … began in 2022": Jamaica's
    out = sections.attendance_of_event_before(out, art.text)  # "Delegations from … attended in person": the meeting's
    sides.same_body_same_country(out)
    out = [d for d in out if not d.pop("_fallback", False) or two_sided(d)]  # the recall pass needs two sides
    # a draft whose parties name no country at all, after every rule that finds a side, enters no timeline:
    # the article does not say whose event it is ("(Commercial launch; listed for information.)")
    out = [d for d in out if sides.countries_of(d) and not _separate_story(d)]
    out = [d for d in out if not d.pop("_own_only", False)]
    out = _without_summaries(out, _summary_lines(sents))
    out = _lead_dated_later(out, art)
    out = _without_section_headings(out, art)
    out = _tour_told_by_stops(out)
    restatements.reread(out)
    close_spans(out)
    out = without_told_starts(out)  # "- 2026. 6. 공동연구 착수" under a project of June 2026 to May 2029: that project
    out = restatements.fold([d for d in out if not restatements.not_event(d, art.published, art.lang)], art.published, art.lang)
    for d in out:
        d.pop("_paragraph", None)
        d.pop("_names", None)
        d.pop("_clause", None)
        d.pop("_at", None)
        d.pop("_span", None)
    drafts = dedupe(out)
    flag_future_occurred(drafts, today_utc().isoformat())  # "was signed on 3 March" read before 3 March
    for d in drafts:
        records.says_why(d)
        d["matches"] = matches(d["record"], candidates)
        if art.given is not None:
            _quoted_as_given(d, art)
    return {"article": art.header(), "drafts": drafts}


def _quoted_as_given(d: dict, art) -> None:
    """A draft's quote from a text whose line breaks were joined, as the text was given: the same place, its line
    breaks back (the two texts have one length), so that the quote stays a verbatim part of what was sent."""
    quote = d["quote"]
    at = art.text.find(quote)
    if at < 0:
        return
    given = art.given[at:at + len(quote)]
    d["quote"] = given
    for src in d["record"].get("sources", ()):
        if src.get("quote") == quote[:1000]:
            src["quote"] = given[:1000]


# people invited to the home country ("공무원 24명을 국내로 초청해"): Korea hosts the event they come to
_INVITED_HOME = re.compile(r"(?:국내|우리나라)(?:로|에)\s+초청")
def _invited_home(s, lo: int, hi: int, found: list) -> bool:
    """People invited to Korea: "국내로/우리나라에 초청", or invited at a Korean place ("대전 본사에서 몽골과 우즈베키스탄
    공무원 18명을 초청해"), in the clause's reach."""
    if _INVITED_HOME.search(s.text, lo - s.start, hi - s.start):
        return True
    at = s.text.find("초청", lo - s.start, hi - s.start)
    return at >= 0 and any(p.codes == ("KR",) and lo <= p.start < s.start + at for p in found)


# A correction or clarification note under (or over) the story ("[바로잡습니다]", "[정정보도]", "Correction:",
# "An earlier version of this article …"): it retells what was misreported, and states no event of its own.
_CORRECTION = re.compile(r"[ \t]*(?:\[\s*(?:바로잡습니다|정정(?:\s*보도)?문?|알려왔습니다|반론\s*보도문?)\s*\]|(?:바로잡습니다|정정\s*보도문?)"
                         r"[ \t]*(?=\n)|(?:Correction|CORRECTION|Clarification|CLARIFICATION|Editor['’]s note)\s*[:：—–-]|"
                         r"An earlier version of this (?:article|story|report|release)\b|"
                         r"This (?:article|story|report) (?:has been|was) (?:corrected|amended)\b)")


_NOT_BLANK = re.compile(r"\S")
_LINE_START = re.compile(r"(?m)^")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


# legs of a trip told in one clause, the predicate said once ("22일부터 25일까지 헝가리 부다페스트에, 26일부터 28일까지 알바니아
# 티라나에 머물렀다"): each a date and a place
# (or its places as the visit's objects: "26일부터 28일까지 온두라스 테구시갈파를, 이어 29일부터 31일까지 니카라과 마나과를
# 차례로 방문했다")
_GAPPED_LEG = re.compile(r"(?P<date>(?:지난\s*(?:달\s*)?)?\d{1,2}\s*일\s*부터\s*\d{1,2}\s*일\s*까지|\d{1,2}\s*[~∼-]\s*\d{1,2}\s*일)\s+"
                         r"(?P<place>[^,.\d]{2,40}?)(?:에(?:는)?|[을를])(?=\s*,|\s+(?:차례로\s+|잇따라\s+|연이어\s+)?\S*(?:머물|머무|체류|방문|찾))")


def _gapped_legs(d: dict, clause: str, published: str | None) -> list[dict]:
    """A visit told as its legs in one clause, each with its days and one foreign place: one visit per leg, with the
    visitors and that place's country (the trip told before is then left to its legs)."""
    legs = list(_GAPPED_LEG.finditer(clause))
    if len(legs) < 2:
        return [d]
    out = []
    prev = None
    for m in legs:
        spans = _leg_spans(m["date"], prev, published, d["record"]["status"] == "planned")
        codes = {p.codes[0] for p in places.foreign(m["place"]) if len(p.codes) == 1}
        if not spans or len(codes) != 1:
            return [d]
        prev = spans[0]
        code = next(iter(codes))
        leg = copy.deepcopy(d)
        rec = leg["record"]
        rec["date"] = spans[0].text()
        rec["participants"] = [p for p in rec["participants"] if p.get("country") in (None, "KR", code)]
        if not any(p.get("country") == code for p in rec["participants"]):
            rec["participants"].append({"name": f"{places.name_ko(code)} 측", "country": code, "type": "other", "role": "host"})
        records.recheck(leg)
        out.append(leg)
    return out


_LAST_MONTH = re.compile(r"^지난\s*(?:달\s*)?")


def _leg_spans(told: str, prev: Span | None, published: str | None, planned: bool) -> list[Span]:
    """The days of one leg of a clause; days without their month are in the month of the leg before ("지난달 3일부터
    5일까지 …를, 이어 6일부터 8일까지 …를": last month's 6th to 8th)."""
    last = prev and (prev.end or prev.start)
    if last is not None and last.m is not None and "월" not in told:
        told = f"{last.y}년 {last.m}월 {_LAST_MONTH.sub('', told)}"
    return [x.span for x in dates.resolve(told, published, future=planned) if x.span is not None]


# partners each told with their own day, the predicate said once ("27일 온두라스 국립에너지기술원과, 30일 니카라과
# 재생에너지연구소와 각각 … 협약을 맺었다"): a day and a partner each
_DATED_PARTNER = re.compile(r"(?<![\d.])(?P<date>\d{1,2}\s*일(?:\s*\([^)]{1,6}\))?(?:에는|에)?)\s+(?P<name>[^,.\d]{2,60}?)(?:와|과)(?:는|도)?(?=\s*,|\s+각각|\s+[‘'\"“])")


def _dated_partners(d: dict, clause: str, published: str | None) -> list[dict]:
    """An event told with several partners, each after its own day: one event per partner, on its day, with the
    clause's other parties."""
    legs = [m for m in _DATED_PARTNER.finditer(clause)]
    if len(legs) < 2:
        return [d]
    parts = d["record"]["participants"]
    owned = []
    prev = None
    for m in legs:
        mine = [p for p in parts if p.get("name") and p["name"] in m["name"]]
        spans = _leg_spans(m["date"], prev, published, d["record"]["status"] == "planned")
        if not mine or not spans:
            return [d]
        prev = spans[0]
        owned.append((mine, spans[0]))
    if len({id(p) for mine, _ in owned for p in mine}) != sum(len(mine) for mine, _ in owned):
        return [d]  # a party named in two legs: no partners apart
    out = []
    for mine, span in owned:
        others = [id(p) for m2, _ in owned if m2 is not mine for p in m2]
        leg = copy.deepcopy(d)
        rec = leg["record"]
        rec["date"] = span.text()
        rec["participants"] = [copy.deepcopy(p) for p in parts if id(p) not in others]
        records.recheck(leg)
        out.append(leg)
    return out


# a sentence that ends on a decision or an agreement to do something ("논의하기로 했다", "추진하기로 합의했습니다")
_DECIDED = re.compile(r"기로\s*(?:했|하였|합의했|합의하였|결정했|뜻을 모았)(?:다|습니다)[.\s\"'”’]*$")


def _ahead_in_clause(s, c, trig, published) -> bool:
    """A clause chained (-어/-고, no past ending of its own) to a sentence's final decision, whose own date
    (no 지난) read nearest the publication day lies after it."""
    rest = [t for t in c.tokens if t.start >= trig.end][:2]
    if not rest or rest[0].tag != "EC" or rest[0].form not in ("어", "아", "고", "여") or any(t.tag == "EP" for t in rest):
        return False
    own = [m for m in dates.resolve(s.text, published, lang="ko", nearest=True)
           if m.span is not None and m.span.start is not None and c.start <= m.start + s.start < trig.start]
    if not own or "지난" in s.text[max(0, own[-1].start - 4):own[-1].start]:
        return False
    if not published or len(published) < 10:
        return False
    return own[-1].span.start.first() > datetime.date.fromisoformat(published[:10])


_GIST = re.compile(r"것이\s*(?:골자|핵심|주요\s*내용|내용|취지|목표)(?:이)?다[.\s\"'”’]*$")
_VISIT_PROGRAMME = re.compile(r",\s*(?:when|where|during which)\s+(?:the\s+|its\s+|their\s+)?(?:members|delegates|delegation|"
                              r"participants|visitors|they|he|she)\b", re.IGNORECASE)
_AHEAD_OF = re.compile(r"\b(?:ahead of|in the run-up to|in preparation for)\s+(?:[\w’'-]+\s+){0,6}$", re.IGNORECASE)


# A list of other stories under its header line ("Related press releases", "관련기사", "Also in the news"): their
# headlines, each another story.
_RELATED = re.compile(r"[ \t]*(?:Related(?: (?:press releases|news|articles|stories|links|content))?|See also|Also in the news|"
                      r"More (?:news|stories)|Read more|Most read|Latest news|관련\s*(?:기사|뉴스|보도자료)|많이 본 뉴스|"
                      r"주요\s*뉴스|다른 기사)[ \t]*:?[ \t]*(?=\n)", re.IGNORECASE)


def _without_asides(sents: list, text: str) -> list:
    """The sentences outside a correction note and a list of related stories: from the note's opening line (or the
    list's header) to the next blank line (a note's header standing alone, "[바로잡습니다]" then a blank line, takes
    the paragraph after it)."""
    cut: list[tuple[int, int]] = []
    for line in _LINE_START.finditer(text):
        note = _CORRECTION.match(text, line.start()) or _RELATED.match(text, line.start())
        if note is None:
            continue
        said = _NOT_BLANK.search(text, note.end())  # the note's first word, on its line or after a blank line
        blank = _BLANK_LINE.search(text, said.start() if said else note.end())
        cut.append((line.start(), blank.start() if blank else len(text)))
    if not cut:
        return sents
    return [s for s in sents if not any(lo <= s.start < hi for lo, hi in cut)]


# A caption under a photo marked ▲ or △, told by where its people stand ("김 시장(오른쪽 세 번째)과 …", "(왼쪽부터)")
_PHOTO_LINE = re.compile(r"[ \t]*[▲△][^\n]*\((?:왼쪽|오른쪽|가운데|앞줄|뒷줄)[^)\n]{0,12}\)")
# A speaker's words in double quotes ("…마련하겠다"고 말했다, "This centre is …," he said): what
# someone says, hopes or recalls, not what the article reports as done or planned.
_SPEECH = re.compile(r"[“\"][^”\"]{15,}[”\"]")


# the parties of the agreement just told, and what they will do under it, undated
_PROVIDED = re.compile(r"\s*(?:(?:The|These) two|Both|The) (?:[\w-]+ )?(?:institutes|institutions|sides|parties|universities|"
                       r"countries|governments|agencies|organi[sz]ations|partners|ministries|centres|centers)\s+will\b|"
                       r"\s*They will\b|\s*Under the (?:agreement|memorandum|MOU|accord|deal)\b", re.IGNORECASE)


_WAS_DUE = re.compile(r"\b(?:had been|was|were) (?:due|scheduled|expected|slated|set)\b|\bwas to have\b|"
                      r"(?:예정|계획)이었던|(?:예정|계획)이었으나", re.IGNORECASE)


def _date_called_off(out: list[dict], sents, published: str | None) -> None:
    """A plan called off or moved, told without a date of its own, and the next sentence saying when it had been
    due ("The minister had been due in Seoul from 7 to 11 December …"): that date, the nearest to the news."""
    at = {s.start: i for i, s in enumerate(sents)}
    for d in out:
        date = d["record"].get("date") or ""
        if d["record"]["status"] not in ("cancelled", "postponed") or d.get("_at") not in at \
                or not ("?" in date or ".." in date or not date):
            continue
        i = at[d["_at"]]
        nxt = sents[i + 1] if i + 1 < len(sents) else None
        if nxt is None or nxt.paragraph - sents[i].paragraph > 1 or not _WAS_DUE.search(nxt.text):
            continue
        spans = [m.span for m in dates.resolve(nxt.text, published, lang=nxt.lang, nearest=True)
                 if m.span is not None and m.span.start is not None and m.span.start.m is not None]
        if spans:
            d["record"]["date"] = spans[0].text()
            d["missing"] = [m for m in d["missing"] if m != "$.date"]


def _in_speech(s, at: int, text: str | None = None) -> bool:
    if text is not None and sections.interview_answer(text, s.start):
        return False  # "- 인연은 언제 시작됐나." then "\"2015년 … 처음 다카를 방문했다. …\"": the answer tells it
    if any(m.start() < at - s.start < m.end() for m in _SPEECH.finditer(s.text)):
        return True
    if text is None:
        return False
    # a quotation of more than one sentence ("The visit has been cancelled. There are …," he said): a quote
    # opened earlier in the paragraph and not yet closed
    before = text[text.rfind("\n", 0, s.start) + 1:at]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


# an undated event told as one more of the kind just told ("also signed", "또한 … 도 서명했다")
_ALSO = re.compile(r"\balso\b|\bas well\b", re.IGNORECASE)
_ALSO_JOINS = re.compile(r"도\s+(?:함께\s+)?(?:참여|참가|참석|동참|합류)")
_GOES_ON = re.compile(r"^(?:또|또한|이어|이어서|아울러|이와 함께)\s")


def _listed(art, s, orgs, subject, found, memory, home, before: list[dict]) -> list[dict]:
    """Drafts of the events a sentence lists with their years ("협약(2014년)", "전시(2015년 및 2019년)");
    with no party of their own, those of the event the sentence states ("두 도시는 … 협약을 맺은 뒤
    한지 특별전(2017년) … 등을 이어왔다")."""
    out: list[dict] = []
    stated = next((d for d in reversed(before) if d["quote"] == s.text and
                   len({p.get("country") for p in d["record"]["participants"]} - {None}) >= 2), None)
    for c, trig, span in listed(s):
        # the item's own bodies, and the parties the sentence names before its list
        c_orgs = [o for o in orgs if c.start <= o.start < c.end or o.start < c.start and
                  o.slot in ("subject", "partner")] or ([subject] if subject else [])
        codes = side_countries(c.text, c.start, found, trig.kind, c_orgs)
        for d in drafts_for(art, s, c, trig, span, False, c_orgs, codes, memory, home, found):
            d["_paragraph"] = s.paragraph
            rec = d["record"]
            if stated is not None and len({p.get("country") for p in rec["participants"]} - {None}) < 2:
                rec["participants"] = [{**p, "role": "participant"} for p in stated["record"]["participants"]]
                d["missing"] = [m for m in records.missing(rec) if m != "$.date" or "$.date" in d["missing"]]
            out.append(d)
    return out


def _country_before(s, orgs: list) -> list:
    """"오만 수전력조달청(OPWP)과": a country named right before a body's name is part of it, even
    when the analyser reads the country's name as another word (오만, "fifty thousand")."""
    if s.lang != "ko" or not orgs:
        return orgs
    countries = [p for p in places.find(s.text) if not p.city and len(p.codes) == 1]
    cities = [p for p in places.find(s.text) if p.city and len(p.codes) == 1]
    out = []
    for o in orgs:
        # (and a syllable the analyser split off the name: 오만/MM 수/NNB 전력조달청)
        p = next((p for p in countries if re.fullmatch(r" [가-힣]?", s.text[p.end:o.start - s.start])), None)
        if p is not None and not o.name.startswith(p.text):
            o = replace(o, start=s.start + p.start, name=s.text[p.start:o.end - s.start])
        elif p is None and not o.country_word and (p := next((p for p in countries if re.fullmatch(
                r"의 (?:[가-힣] )?", s.text[p.end:o.start - s.start])), None)) is not None:
            o = replace(o, country_word=p.text)  # "북마케도니아의 성 클레멘트 호수과학원": a word split off, the country's
        elif p is None and not o.country_word and not places.find(o.name) and (p := next((p for p in cities if re.fullmatch(
                r"의 ", s.text[p.end:o.start - s.start])), None)) is not None:
            o = replace(o, country_word=p.text)  # "부다페스트의 다뉴브공과대학교와", "독일 아헨의 …연구소와": the city's body
        out.append(o)
    return out


_TOLD_BEFORE = re.compile(r"(?:이후|후|뒤)\s*$")
_AFTER_NOUN = re.compile(r"\s*(?:이후|후|뒤)(?:에)?\s")


def _after(c: Clause, at: int) -> Clause:
    """The clause from `at` on: "Two months after the hub opened, a delegation … travelled" is the trip."""
    if not c.start < at < c.end:
        return c
    return Clause(at, c.end, c.text[at - c.start:], [t for t in c.tokens if t.start >= at])


def _shifted(span: Span, days: int) -> Span:
    """"The day after the summit": the day after its last day (before its first), when it has one."""
    if days == 0:
        return span
    p = span.end if days > 0 else span.start
    if p is None or p.d is None or p.m is None:
        return span
    day = datetime.date(p.y, p.m, p.d) + datetime.timedelta(days=days)
    return Span.of(Point(day.year, day.month, day.day, p.q))


def _before(a: str, b: str) -> bool:
    """Date a ends before date b starts."""
    (_, a_hi), (b_lo, _) = bounds_of(a), bounds_of(b)
    return a_hi is not None and b_lo is not None and a_hi < b_lo


def _firm(date: str | None) -> bool:
    """A date of the event's own: given, not lent by another sentence ("2026-11-25?") nor open."""
    return bool(date) and "?" not in date and ".." not in date


_MET_OFFICIAL = re.compile(r"(?:" + "|".join(t for t in PERSON_TITLES_KO if t not in ("관계자", "기자", "교수", "박사"))
                           + r")(?:\s*일행)?(?:과|와|을|를)\s*$")


def _meets_official(s, t, triggers) -> bool:
    """A weak 만나/면담/접견 whose object is an official (시장, 장관, 대사), in a sentence that goes on
    to a strong event of another kind: the meeting is an event too."""
    if s.lang != "ko" or t.lemma not in ("만나", "면담", "접견"):
        return False
    strong = [o for _, o in triggers if not o.weak and o.kind not in ("meeting", "visit")]
    if not strong or not any(o.weak and o.start > strong[0].start for _, o in triggers):
        return False  # "만나 약정을 체결했다" is the signing; "만나 … 서명하고, … 합의했다" met on more than it
    return _MET_OFFICIAL.search(s.text[: t.start - s.start]) is not None


def _with_described_visit(c, t, s) -> list:
    v = described_visit(c, s) if t.kind != "visit" else None
    return [(c, v), (c, t)] if v is not None else [(c, t)]


def _reach(s, cl, found_triggers, kept) -> dict[int, tuple[int, int]]:
    """Where a Korean clause's parties may be named, beyond the clause itself: a clause before
    it in a serial-verb chain ("정부혁신청과 … 양해각서를 갱신해 | 다시 서명했다"), and clauses
    after it that only discuss ("포럼을 열고 | 중미 5개국과 … 논의했다": who took part in it); a clause of those
    invited to it, before or after ("공무원 24명을 초청해 | 연수를 실시했다", "포럼을 열고 | 핀란드 전문가를 초청해")."""
    if s.lang != "ko":
        return {}
    out = {}

    def invited(j: int) -> bool:  # "전문가 3명을 초청해": those invited, no visit of their own, are the event's side
        t = found_triggers.get(cl[j].start)
        return t is not None and t.lemma == "초청" and cl[j].start not in kept

    for i, c in enumerate(cl):
        if c.start not in kept:
            continue
        lo, hi = c.start, c.end
        j = i - 1
        while j >= 0 and (cl[j].start not in found_triggers or invited(j)) and cl[j].tokens \
                and cl[j].tokens[-1].tag == "EC" and cl[j].tokens[-1].form in ("어", "아", "여"):
            lo = cl[j].start
            j -= 1
        j = i + 1
        while j < len(cl) and cl[j].start in found_triggers and (found_triggers[cl[j].start].weak or invited(j)) \
                and cl[j].start not in kept:
            hi = cl[j].end
            j += 1
        out[c.start] = (lo, hi)
    return out


def _notice(art, sents, orgs_of, memory, home) -> list[dict]:
    """Drafts of the events a notice lists as a heading with its fields (일시, 주관)."""
    out: list[dict] = []
    by_start = {s.start: orgs for s, orgs in zip(sents, orgs_of, strict=True)}
    for s, c, trig, span, party_lines in notice_items(sents, art.published):
        found = [type(p)(p.start + s.start, p.end + s.start, p.text, p.codes, p.city) for p in places.find(s.text)]
        c_orgs = list(by_start[s.start])
        codes = side_countries(c.text, c.start, found, trig.kind, c_orgs)
        for line in party_lines:
            line_places = [type(p)(p.start + line.start, p.end + line.start, p.text, p.codes, p.city)
                           for p in places.find(line.text)]
            line_orgs = by_start[line.start]
            c_orgs += line_orgs
            codes += [c for c in side_countries(line.text, line.start, line_places, trig.kind, line_orgs)
                      if c not in codes]
        for d in drafts_for(art, s, c, trig, span, False, c_orgs, codes, memory, home, found):
            d["_paragraph"] = s.paragraph
            out.append(d)
    return out


# A listed agreement's two sides, before the colon that gives its subject: "① A ↔ B : …", "○ A – B : …"
_ITEM_PAIR = re.compile(r"^\W*\s*(?P<a>[^:：↔–—]{2,40}?)\s*(?:↔|⟷|–|—|\s-\s)\s*(?P<b>[^:：↔–—]{2,40}?)\s*[:：]")


def _announced(art, sents, orgs_of, memory, home, out: list[dict]) -> list[dict]:
    """"양해각서 3건이 체결됐다. 체결된 MOU는 다음과 같다. ○ A – B ○ C – D": one signing per item
    naming two bodies, dated as the event the list details, which it replaces."""
    by_start = {s.start: orgs for s, orgs in zip(sents, orgs_of, strict=True)}
    for s, kind, items in announced_items(sents):
        told = [d for d in out if d["record"]["kind"] == kind and d.get("_at", -1) <= s.start]
        umbrella = told[-1] if told else None
        span = umbrella.get("_span") if umbrella else None
        status = umbrella["record"]["status"] if umbrella else "occurred"
        made = []
        for item in items:
            orgs = [replace(o, slot="partner" if i else "subject") for i, o in enumerate(by_start[item.start])]
            if len(orgs) < 2 and (pair := _ITEM_PAIR.match(item.text)):  # "② 한화에어로스페이스 ↔ 루마니아 … 롬암 :"
                orgs = [OrgMention(item.start + pair.start(g), item.start + pair.end(g), pair[g].strip(),
                                   "partner" if g == "b" else "subject") for g in ("a", "b")]
            row = is_table_row(item.text)
            if len(orgs) < 2 and not (orgs and places.find(item.text)) and not (row and umbrella and orgs):
                continue
            # a table row's own date and plan ("| 11.26.", "| 추후 서명(내년 1분기 중 예정)") over the umbrella's
            own = [m.span for m in dates.resolve(item.text, art.published, lang=item.lang, nearest=True)
                   if m.span is not None] if row else []
            item_status = "planned" if row and _ROW_PLANNED.search(item.text) else status
            if row and item_status == "planned" and own:
                own = [m.span for m in dates.resolve(item.text, art.published, lang=item.lang, future=True)
                       if m.span is not None]
            c = Clause(item.start, item.end, item.text, list(item.tokens))
            trig = Trigger(kind, item.end, item.end, False, False, item_status != "occurred", item_status, "")
            found = [type(p)(p.start + item.start, p.end + item.start, p.text, p.codes, p.city)
                     for p in places.find(item.text)]
            codes = side_countries(c.text, c.start, found, kind, orgs)
            if row and umbrella is not None and len(set(codes)) < 2:
                codes = sorted(set(codes) | sides.countries_of(umbrella))  # a row's sides are the table's, its umbrella's
            for d in drafts_for(art, item, c, trig, own[0] if own else span, umbrella is not None and not own, orgs,
                                codes, memory, home, found):
                d["_paragraph"] = item.paragraph
                made.append(d)
        if len(made) >= 2:
            out = [d for d in out if d is not umbrella] + made
    return out


_ROW_PLANNED = re.compile(r"예정|추후|계획|planned|to be signed")

_GENERIC_EN = {"Korea", "Korean", "National", "Ministry", "University", "Institute", "Royal", "State", "Federal",
               "Republic", "Department", "Agency", "Council", "Centre", "Center", "Society", "Academy", "The"}


_OURS_BEFORE = re.compile(r"(?:^|\s)우리\s*$")


def _resolve_short_forms(orgs_of: list[list], sents) -> list[list]:
    """"협회는" after "한국IT서비스산업협회(…)": the last body named in full that ends so; a short
    form with no such body before it is dropped. In English, a body's distinctive first word
    ("Fraunhofer" after "Fraunhofer Society") names it again."""
    seen: list = []
    out = []
    for orgs, s in zip(orgs_of, sents, strict=True):
        if s.lang == "en":
            orgs = sorted(orgs + _english_short_forms(s, orgs, seen), key=lambda o: o.start)
        kept = []
        for o in orgs:
            if o.generic:
                # "우리 학회", "우리 단체": the writer's own body, never a foreign one named before it
                ours = s.lang == "ko" and _OURS_BEFORE.search(s.text, 0, o.start - s.start) is not None
                full = next((p for p in reversed(seen) if re.sub(r"\([^)]*\)$", "", p.name).endswith(o.name)
                             and not (ours and places.foreign(p.name))), None)
                if full is None:
                    continue
                o = replace(full, start=o.start, end=o.end, slot=o.slot, generic=False)
            else:
                # "KITOS" after "Korea Institute of Tropical Ocean Science": the initials of a body named in full
                full = next((p for p in reversed(seen) if s.lang == "en" and o.name.isupper()
                             and len(o.name) >= 3 and _initials(p.name) == o.name
                             and f"({o.name})" not in p.name), None)  # "… Technology (BUET)" is read already
                if full is not None:
                    o = replace(full, start=o.start, end=o.end, slot=o.slot)
                elif s.lang == "ko" and (full := next((p for p in reversed(seen) if re.sub(
                        r"\([^)]*\)$", "", p.name).endswith(" " + o.name) and p.name != o.name), None)) is not None:
                    o = replace(full, start=o.start, end=o.end, slot=o.slot)  # "호수과학원" after "성 클레멘트 호수과학원(가칭)"
                else:
                    seen.append(o)
            kept.append(o)
        out.append(kept)
    return out


def _english_short_forms(s, orgs, seen) -> list:
    added = []
    for full in reversed(seen):
        first = full.name.split()[0]
        if len(first) < 4 or first in _GENERIC_EN or places.find(first) or full.name == first:
            continue
        for m in re.finditer(rf"\b{re.escape(first)}\b(?!\s+[A-Z])", s.text):
            at = s.start + m.start()
            if any(o.start <= at < o.end for o in orgs + added):
                continue
            slot = "subject" if m.start() < 3 else "other"
            added.append(replace(full, start=at, end=at + len(first), slot=slot, generic=False))
    return added


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.sub(r"\([^)]*\)", "", name).split() if w[:1].isupper())


_LOCATIVE = re.compile(r"[가-힣]{0,3}(?:에|에서)[\s,]")  # "쿠웨이트시티에 두고", "현지에서"


# a sentence that opens on the delegation as its topic ("방문단은", "대표단은 이어")
_TRAVELLERS = re.compile(r"\s*(?:한국\s*)?(?:" + "|".join(DELEGATION_NAMES_KO) + r"|일행)(?:은|는|이|가)\s")


def _within_trip(span: Span, trip: dict) -> bool:
    """The day (or days) told lie within the trip's days."""
    told = trip["record"].get("date") or ""
    lo, hi = bounds_of(told) if told else (None, None)
    if lo is None or hi is None or span.start is None or span.end is None or span.start.d is None:
        return False
    return lo <= span.start.first() and span.end.last() <= hi


def _placed_before(s, lo: int, found: list) -> list[str]:
    """The one foreign country a Korean sentence places its subject in, in a clause before the event's ("센터는
    쿠웨이트시티에 두고, …"): a country or city followed by a locative particle."""
    codes = {c for p in found if p.start < lo and len(p.codes) == 1 and p.codes[0] != "KR"
             and _LOCATIVE.match(s.text, p.end - s.start) for c in p.codes}
    return sorted(codes) if len(codes) == 1 else []


def _share_sides(d: dict, before: list[dict]) -> None:
    """Chained clauses of one sentence share their parties ("…를 방문해 … 회담을 가졌다",
    "met his counterpart and agreed to …") when the later one names fewer countries."""
    rec = d["record"]
    mine = {p.get("country") for p in rec["participants"]} - {None}
    if before and d.get("_clause") is not None and before[-1].get("_clause") == d["_clause"]:
        return  # one clause's events told apart ("27일 A와, 30일 B와 각각 …"): each keeps its own
    if not before or len(mine) >= 2:
        return
    prev = before[-1]["record"]["participants"]
    if len({p.get("country") for p in prev} - {None}) < 2:
        return
    names = {p["name"] for p in rec["participants"]}
    rec["participants"] += [dict(p) for p in prev if p["name"] not in names and p.get("country") not in mine]
    rec["participants"] = rec["participants"][:100]


def _setting_draft(d: dict, clause: str, lang: str, out: list[dict], own: str | None = None) -> dict | None:
    """The named event a clause's event happened at, as a draft of its own, when no draft of
    that kind covers its date yet: same date, parties and status, named by its name (`own`: the date an
    aside of the clause gives it, "…, announced yesterday at the … Forum, …": that day, past)."""
    found = discourse.named_setting(clause, lang)
    rec = d["record"]
    if found is None or found[0] == rec["kind"]:
        return None
    kind, name = found
    when = bounds_of(own or rec["date"])
    if any(e["record"]["kind"] == kind and "date" in e["record"] and overlaps(bounds_of(e["record"]["date"]), when)
           for e in out):
        return None
    twin = copy.deepcopy(d)
    twin["record"]["kind"] = kind
    if own is not None:
        twin["record"]["date"] = own
        twin["record"]["status"] = "occurred"
    twin["record"]["title"] = name[:500]
    if lang == "en":
        twin["record"]["title_en"] = name[:500]
    roles = {"signatory": "participant", "visitor": "participant", "host": "participant"}
    for p in twin["record"]["participants"]:
        p["role"] = roles.get(p["role"], p["role"])
    twin["confidence"] = round(d["confidence"] * 0.8, 2)
    twin["_names"] = set()
    return twin


# an aside telling where and when the subject was made known: "The programme, announced yesterday at the … Forum, …"
_ASIDE_AT = re.compile(r",\s+(?:first\s+)?(?:announced|unveiled|presented|launched|agreed|revealed|outlined|adopted|"
                       r"approved|endorsed|agreed\s+on)\s+(?P<when>[^,;]{2,40}?)\s+(?:at|during|on the sidelines of)\s+")


def _aside_date(s, c, published: str | None) -> str | None:
    """The past date of a planned clause's aside that names the occasion it was made known at (its setting's day)."""
    m = _ASIDE_AT.search(c.text)
    if m is None:
        return None
    lo, hi = c.start - s.start + m.start("when"), c.start - s.start + m.end("when")
    told = [x for x in dates.resolve(s.text, published, lang=s.lang, past=True) if x.span is not None and lo <= x.start
            and x.end <= hi]
    return told[0].span.text() if told else None


_ONGOING = re.compile(r"고\s*있(?:다|습니다|으며|어|고)")


def _borrowed_future(span, published: str | None) -> bool:
    """A date taken from the text before that lies wholly after the article's date."""
    if span is None or span.start is None or not published or len(published) < 10:
        return False
    try:
        return span.start.first() > datetime.date.fromisoformat(published[:10])
    except ValueError:
        return False


def _borrowed_past(span, c, s, mentions, published: str | None) -> bool:
    """A planned clause's date taken from elsewhere in the sentence that lies wholly before
    the article's date."""
    if span is None or span.end is None or not published or len(published) < 10:
        return False
    if any(m.span == span and c.start <= m.start + s.start < c.end for m in mentions):
        return False
    try:
        return span.end.last() < datetime.date.fromisoformat(published[:10])
    except ValueError:
        return False


def _summary_lines(sents) -> set[int]:
    """The starts of a press release's dash lines under its headline, before the lead's first
    statement ("- 대표단 12명 13~16일 여수 방문, 교류 확대 협약 체결"): they sum up the text."""
    out: set[int] = set()
    for i, s in enumerate(sents):
        after = sents[i + 1] if i + 1 < len(sents) else None
        if re.search(r"[다요]\.?[\"'”’]?\s*$", s.text) and (
                s.text.rstrip().endswith(".") or after is None or not re.match(r"\s*[-–·]\s", after.text)):
            break  # a statement ends them — not a headline without its full stop above them ("… 손잡는다")
        if s.lang == "en" and not re.match(r"\s*[-–·]\s", s.text) and re.search(r"[.!?][\"'”’]?\s*$", s.text):
            break  # … in English too: a sentence told in full ("So, coffee in hand, here is a rundown …")
        if re.match(r"\s*[-–·]\s", s.text):
            out.add(s.start)
    return out


def _without_summaries(out: list[dict], summary: set[int]) -> list[dict]:
    """A summary line's event that the text then reports (same kind and countries) is the text's
    report only, whatever date the line lent it ("양해각서 2건 체결, 내년 상반기 … 포럼 첫 개최": the
    date is the forum's)."""
    def told_again(d: dict) -> bool:
        told = [e for e in out if e.get("_at") not in summary and e["record"]["kind"] == d["record"]["kind"]
                and "date" in e["record"]]
        # (or the text's reports of that kind together: "양국 … 기관과 잇따라 협약" over one agreement in each country)
        return "date" in d["record"] and (any(sides.countries_of(e) == sides.countries_of(d) for e in told) or len(told) >= 2
                                          and sides.countries_of(d) == set().union(*(sides.countries_of(e) for e in told)))
    return [d for d in out if d.get("_at") not in summary or not told_again(d)]


_SECTION_MARK = re.compile(r"(?m)^[ \t]*[□■◆◇▶▷【]")


def _without_section_headings(out: list[dict], art) -> list[dict]:
    """A section heading that names its events without a date of its own ("□ 한-콜롬비아 자원협력위원회 개최 및 MOU
    체결") is the events its section then reports with their dates (same kind and countries): it is dropped, whatever
    date it borrowed."""
    marks = [m.start() for m in _SECTION_MARK.finditer(art.text)]

    def told_below(d: dict) -> bool:
        at = d.get("_at")
        line = art.text.rfind("\n", 0, at) + 1 if at is not None else -1
        if at is None or line not in marks or dates.resolve(d["quote"], art.published, lang=art.lang):
            return False
        end = next((m for m in marks if m > line), len(art.text))
        return any(e is not d and line < (e.get("_at") or -1) < end and e["record"]["kind"] == d["record"]["kind"]
                   and sides.countries_of(e) == sides.countries_of(d) and _firm(e["record"].get("date")) for e in out)
    return [d for d in out if not told_below(d)]


def _lead_dated_later(out: list[dict], art) -> list[dict]:
    """The lead's undated event ("대표단이 아베이루시를 찾아 … 약속했다") that a later sentence dates
    (same kind, countries and status: "지난 9일부터 13일까지 … 방문하고") is that one event: the dated
    report, with the lead's parties. So is a lead whose date is only lent ("2026-02-11?": "한국과 태국이 …
    실증사업을 함께 추진한다", "… 잇따라 협력을 맺으며 … 속도를 내고 있다"), when it names no date of its own —
    each event of the lead sentence ("대표단이 튀르키예를 방문해 … 의향서를 맺고": the visit and the signing)."""
    if not out:
        return out
    leads = [d for d in out if d["quote"] == out[0]["quote"]]
    # …and the lead paragraph's later sentences whose events are only lent a date (a broadcast anchor's two-sentence
    # lead: "… 대표단이 강원도를 찾았습니다. 강원도는 … 협약을 맺고 …"), each told again, dated, by the report below
    leads += [d for d in out if d["quote"] != out[0]["quote"] and d.get("_paragraph") is not None
              and d.get("_paragraph") == out[0].get("_paragraph") and _only_lent(d, art)]
    folded = [lead for lead in leads if _dated_later(lead, out, art)]
    return [d for d in out if not any(d is lead for lead in folded)]


def _only_lent(d: dict, art) -> bool:
    """An occurred event dated only by the publication's day lent to it ("2024-11-08?", "../2024-11-08"), its quote
    naming no date."""
    date = d["record"].get("date") or ""
    return d["record"]["status"] == "occurred" and ("?" in date and "/" not in date or "$.date" in d["missing"]) \
        and not dates.resolve(d["quote"], art.published, lang=art.lang)


def _dated_later(lead: dict, out: list[dict], art) -> bool:
    """Fold the lead's event into the later report that dates it (same kind, countries and status; within the month
    before for what happened, within the year after for a plan), and say whether there was one."""
    status, date = lead["record"]["status"], lead["record"].get("date") or ""
    if status not in ("occurred", "planned"):
        return False
    lent = "?" in date and "/" not in date and not dates.resolve(lead["quote"], art.published, lang=art.lang)
    if "$.date" in lead["missing"] and status == "occurred":
        until = date
    elif lent:
        until = "../" + date.rstrip("?")
    else:
        return False

    def dates_it(e: dict) -> bool:
        if status == "occurred":
            return _recent(e["record"]["date"], until)
        lo, _ = bounds_of(e["record"]["date"])
        _, day = bounds_of(until)
        return lo is not None and day is not None and datetime.timedelta(0) <= lo - day <= datetime.timedelta(days=366)
    later = next((e for e in out if e["quote"] != lead["quote"] and e["record"]["kind"] == lead["record"]["kind"]
                  and sides.countries_of(e) == sides.countries_of(lead) and len(sides.countries_of(e)) >= 2
                  and e["record"]["status"] == status and _firm(e["record"].get("date")) and dates_it(e)), None)
    if later is None:
        return False
    discourse.absorb(later, lead)  # the dated report stays, quoting the sentence that dates it
    return True


def _tour_told_by_stops(out: list[dict]) -> list[dict]:
    """A visit of several foreign countries with no date of its own ("대표단이 덴마크와 아이슬란드를 잇달아 찾아 …")
    whose every country has a visit of its own drafted, dated and of the same status ("10일부터 13일까지 덴마크에
    머물며", "14일 아이슬란드 … 도착해"), is the tour those stops tell: it is left to them."""
    def told(d: dict) -> bool:
        rec = d["record"]
        abroad = sides.countries_of(d) - {"KR"}
        if rec["kind"] != "visit" or len(abroad) < 2 or _firm(rec.get("date")):
            return False
        stops = [e for e in out if e is not d and e["record"]["kind"] == "visit" and e["record"]["status"] == rec["status"]
                 and _firm(e["record"].get("date")) and len(sides.countries_of(e) - {"KR"}) == 1]
        return abroad <= {c for e in stops for c in sides.countries_of(e) - {"KR"}}
    return [d for d in out if not told(d)]


def _recent(date: str, open_until: str | None) -> bool:
    """A date within the month before the end of "../2026-10-16" (the lead's news, not its history)."""
    if not open_until or not open_until.startswith(".."):
        return False
    (lo, _), (_, end) = bounds_of(date), bounds_of(open_until)
    return lo is not None and end is not None and datetime.timedelta(0) <= end - lo <= datetime.timedelta(days=31)


# a sentence that turns to another story ("Separately, …", "In a separate development, …", "한편 …")
_SEPARATELY = re.compile(r"^\s*(?:Separately|In (?:a )?separate (?:development|news)|In other news|한편)\b,?", re.IGNORECASE)


def _separate_story(d: dict) -> bool:
    """"Separately, the province broke ground on a quay at Seohae Port", "한편 도는 지난달 도청에서 도내 물기업과
    간담회를 열고": another story, told with the article's sides only by the rules that lend them (the page's
    pair, its topic), when its own sentence names fewer than two countries by its places and bodies and refers
    back to no parties ("양 기관은", "the two institutes")."""
    if not _SEPARATELY.match(d["quote"]) or discourse.refers_back(d["quote"]):
        return False
    own = {c for p in places.find(d["quote"]) if len(p.codes) <= 2 for c in p.codes}  # (a compound: 한-폴란드)
    own |= {p["country"] for p in d["record"]["participants"] if p.get("country") and p.get("type") != "other"}
    return len(own) < 2
