"""From an article to draft cooperation records: the body of `POST /v1/drafts`.

`draft(body, organisations=..., candidates=...)` is pure and deterministic: the same article
and the same known organisations and candidate events always give the same drafts. It reads
sentence by sentence; each clause with an event predicate becomes a draft, dated by the date
nearest before its predicate (or the paragraph's date), with the parties the clause names.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable
from dataclasses import replace

from services.query.drafts import analyser, article, dates, discourse, places, records
from services.query.drafts.assembly import drafts_for
from services.query.drafts.candidates import dedupe, matches
from services.query.drafts.directory import Directory, Known
from services.query.drafts.edtf_points import Span, bounds_of, overlaps
from services.query.drafts.event_dates import date_for
from services.query.drafts.events import clauses, find_trigger
from services.query.drafts.lexicon import ATTENDANCE, TO_KOREA
from services.query.drafts.listed_events import listed
from services.query.drafts.organisations import in_sentence
from services.query.drafts.parties import side_countries

Candidates = Callable[[list[str], str | None], Iterable[dict]] | Iterable[dict] | None


def draft(body: dict, *, organisations: Iterable[dict] = (), candidates: Candidates = None) -> dict:
    """`{text | html, url?, published?, publisher?, lang?}` → `{article, drafts}`.

    `organisations`: the known ones, `{org, names, country, type}` each. `candidates`: live
    events (records with `id`), or a function `(countries, date) -> events` that finds them."""
    art = article.read(body)
    directory = Directory([Known(o["org"], tuple(o.get("names") or ()) or (o.get("name", o["org"]),),
                                 o["country"], o.get("type", "other")) for o in organisations])
    sents = analyser.sentences(art.text)
    # A Korean article's unqualified names are Korean; an English one's only where a dateline
    # ("Seoul, 14 April 2025 –") says where it comes from, else they stay open for a person.
    home = "KR" if art.lang == "ko" else discourse.dateline_country(art.text)
    topic = discourse.topic_country(art.text, home)
    orgs_of = _resolve_short_forms([in_sentence(s, directory) for s in sents], sents)
    memory = discourse.names_with_countries(orgs_of)
    out: list[dict] = []
    para_span: dict[int, Span] = {}
    para_subject: dict[int, object] = {}
    last_span: Span | None = None
    last_event_span: Span | None = None
    last_day_span: Span | None = None  # the last event dated to the day, for "이날", "the same day"
    last_subject = None
    span_of_kind: dict[tuple, Span] = {}  # the last drafted event of each kind, past or planned: its date
    headline = (art.title or "").strip()
    for s, orgs in zip(sents, orgs_of, strict=True):
        mentions = dates.resolve(s.text, art.published, lang=s.lang)
        if headline and s.text.strip() in (headline, headline.rstrip(".")):
            continue  # a headline restates the lead, which says it with a date
        found = [type(p)(p.start + s.start, p.end + s.start, p.text, p.codes, p.city) for p in places.find(s.text)]
        subject = next((o for o in orgs if o.slot == "subject"), None)
        sentence_dates = [m for m in mentions if m.span is not None]
        triggers = [(c, t) for c in clauses(s) if (t := find_trigger(c, s)) is not None
                    and not _in_speech(s, t.start)]
        if any(not t.weak for _, t in triggers) or not sentence_dates:
            triggers = [(c, t) for c, t in triggers if not t.weak]
        sentence_drafts: list[dict] = []
        for c, trig in triggers:
            if trig.future:
                mentions = dates.resolve(s.text, art.published, lang=s.lang, future=True)
            span, inherited = date_for(s, c, trig, mentions, para_span.get(s.paragraph), last_event_span or last_span,
                                        last_day_span)
            occasion = (discourse.occasion_kind(c.text), trig.future) if inherited else None
            if occasion in span_of_kind:  # "포럼 계기에 … 열 계획", "on the sidelines of the forum": its dates
                span = span_of_kind[occasion]
            c_orgs = [o for o in orgs if c.start <= o.start < c.end]
            explicit = any(o.slot == "subject" for o in c_orgs)
            # Korean leaves out a subject the paragraph (or, after 또/이어, the text) already has
            fallback = subject or para_subject.get(s.paragraph) or (last_subject if _GOES_ON.match(s.text) else None)
            if fallback is not None and not explicit:
                c_orgs = [fallback, *c_orgs]
            codes = side_countries(c.text, c.start, found, trig.kind, c_orgs)
            if trig.lemma in TO_KOREA and "KR" not in codes:
                codes.append("KR")
            for d in drafts_for(art, s, c, trig, span, inherited, c_orgs, codes, memory, home, found):
                twin = next((e for e in sentence_drafts if e["record"]["kind"] == d["record"]["kind"]
                             and e.get("_clause") != c.start and e["record"]["status"] == d["record"]["status"]
                             and e["record"].get("date") == d["record"].get("date")), None)
                if twin is not None:  # "visited … and toured …": one visit
                    discourse.absorb(twin, d)
                    continue
                d["_clause"] = c.start
                _share_sides(d, sentence_drafts)
                sentence_drafts.append(d)
                _add_topic(d, topic, home, explicit)
                own_date = bool(sentence_dates) and not inherited or any(m.role.startswith("same") for m in mentions)
                if discourse.merge_into_earlier(d, s.paragraph, own_date, trig.lemma in ATTENDANCE, out,
                                                c.text, trig.future):
                    continue
                twin = discourse.same_as_earlier(d, c.text, out)
                if twin is not None:
                    discourse.absorb(twin, d, own_date)
                    continue
                discourse.resolve_anaphora(d, s.text, out)
                if s.lang == "ko" and any(_ALSO_JOINS.match(s.text, o.end - s.start) for o in c_orgs):
                    discourse.join_earlier_sides(d, out)  # "다르에스살람대학교도 참여하는": also, beside those before
                d["_paragraph"] = s.paragraph
                d["_names"] = set(records.quoted_names(s.text if len(triggers) == 1 else c.text, aliases=True))
                out.append(d)
                setting = _setting_draft(d, c.text, s.lang, out) if span is not None else None
                if setting is not None:  # "signed … at the 6th … Joint Committee": the committee too
                    out.append(setting)
                if span is not None:
                    span_of_kind[(trig.kind, d["record"]["status"] in ("planned", "postponed"))] = span
                last_event_span = span or last_event_span
                if span is not None and span.start is not None and span.start.d is not None:
                    last_day_span = span
        if s.lang == "ko":
            out.extend(_listed(art, s, orgs, subject, found, memory, home))
        if subject is not None:
            para_subject[s.paragraph] = subject
            last_subject = subject
        if sentence_dates:
            last_span = sentence_dates[-1].span
            para_span[s.paragraph] = last_span
    named = _article_countries(art)
    for d in out:
        _other_side(d, home, named)
        d.pop("_paragraph", None)
        d.pop("_names", None)
        d.pop("_clause", None)
    drafts = dedupe(out)
    for d in drafts:
        d["matches"] = matches(d["record"], candidates)
    return {"article": art.header(), "drafts": drafts}


# A speaker's words in double quotes ("…마련하겠다"고 말했다, "This centre is …," he said): what
# someone says, hopes or recalls, not what the article reports as done or planned.
_SPEECH = re.compile(r"[“\"][^”\"]{15,}[”\"]")


def _in_speech(s, at: int) -> bool:
    return any(m.start() < at - s.start < m.end() for m in _SPEECH.finditer(s.text))


_ALSO_JOINS = re.compile(r"도\s+(?:함께\s+)?(?:참여|참가|참석|동참|합류)")
_GOES_ON = re.compile(r"^(?:또|또한|이어|이어서|아울러|이와 함께)\s")


def _listed(art, s, orgs, subject, found, memory, home) -> list[dict]:
    """Drafts of the events a sentence lists with their years ("협약(2014년)", "전시(2015년 및 2019년)")."""
    out: list[dict] = []
    for c, trig, span in listed(s):
        # the item's own bodies, and the parties the sentence names before its list
        c_orgs = [o for o in orgs if c.start <= o.start < c.end or o.start < c.start and
                  o.slot in ("subject", "partner")] or ([subject] if subject else [])
        codes = side_countries(c.text, c.start, found, trig.kind, c_orgs)
        for d in drafts_for(art, s, c, trig, span, False, c_orgs, codes, memory, home, found):
            d["_paragraph"] = s.paragraph
            out.append(d)
    return out


_GENERIC_EN = {"Korea", "Korean", "National", "Ministry", "University", "Institute", "Royal", "State", "Federal",
               "Republic", "Department", "Agency", "Council", "Centre", "Center", "Society", "Academy", "The"}


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
                full = next((p for p in reversed(seen) if re.sub(r"\([^)]*\)$", "", p.name).endswith(o.name)), None)
                if full is None:
                    continue
                o = replace(full, start=o.start, end=o.end, slot=o.slot, generic=False)
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


def _share_sides(d: dict, before: list[dict]) -> None:
    """Chained clauses of one sentence share their parties ("…를 방문해 … 회담을 가졌다",
    "met his counterpart and agreed to …") when the later one names fewer countries."""
    rec = d["record"]
    mine = {p.get("country") for p in rec["participants"]} - {None}
    if not before or len(mine) >= 2:
        return
    prev = before[-1]["record"]["participants"]
    if len({p.get("country") for p in prev} - {None}) < 2:
        return
    names = {p["name"] for p in rec["participants"]}
    rec["participants"] += [dict(p) for p in prev if p["name"] not in names and p.get("country") not in mine]
    rec["participants"] = rec["participants"][:100]


def _setting_draft(d: dict, clause: str, lang: str, out: list[dict]) -> dict | None:
    """The named event a clause's event happened at, as a draft of its own, when no draft of
    that kind covers its date yet: same date, parties and status, named by its name."""
    found = discourse.named_setting(clause, lang)
    rec = d["record"]
    if found is None or found[0] == rec["kind"]:
        return None
    kind, name = found
    when = bounds_of(rec["date"])
    if any(e["record"]["kind"] == kind and "date" in e["record"] and overlaps(bounds_of(e["record"]["date"]), when)
           for e in out):
        return None
    twin = copy.deepcopy(d)
    twin["record"]["kind"] = kind
    twin["record"]["title"] = name[:500]
    if lang == "en":
        twin["record"]["title_en"] = name[:500]
    roles = {"signatory": "participant", "visitor": "participant", "host": "participant"}
    for p in twin["record"]["participants"]:
        p["role"] = roles.get(p["role"], p["role"])
    twin["confidence"] = round(d["confidence"] * 0.8, 2)
    twin["_names"] = set()
    return twin


def _article_countries(art) -> set[str]:
    """The single countries the headline and text name (cities included, groups not)."""
    return {p.codes[0] for p in places.find(f"{art.title or ''}\n{art.text}") if len(p.codes) == 1}


_JOINT = re.compile(r"\b(?:joint|jointly|bilateral)\b|공동|합동|양국|양측", re.IGNORECASE)


def _other_side(d: dict, home: str | None, named: set[str]) -> None:
    """A cooperation has two sides. A Korean article's event whose parties are all of one foreign
    country has the home country as the other (the subject Korean leaves out: "장관은 … 사우디
    에너지부 장관과 회담"), and one whose parties are all Korean has the one foreign country the
    article names, if it names one ("KAIST 총장은 … 보스턴을 방문해", MIT being American); in an English one, a body of unknown country beside parties of one
    country is of the one other country the article names ("Khalifa University and KIER"), and
    with none such that country is the other side ("a KIER delegation to Abu Dhabi"). Where the
    article names no other country, the body of unknown country is Korean: the register records
    Korea's cooperation ("KTH in Stockholm and KAIST signed …")."""
    rec = d["record"]
    parts = rec["participants"]
    countries = {p.get("country") for p in parts} - {None}
    if not countries and len(named) == 2 and _JOINT.search(d["quote"]):
        # "A joint research programme …, launched in 2022": joint between the article's two countries
        for code in sorted(named):
            name = f"{places.name_en(code)} side" if rec["lang"] == "en" else f"{places.name_ko(code)} 측"
            parts.append({"name": name, "country": code, "type": "other", "role": "participant"})
        d["missing"] = list(dict.fromkeys(records.missing(rec) + (["$.date"] if "$.date" in d["missing"] else [])))
        return
    if len(countries) != 1:
        return
    if home == "KR" and rec["lang"] != "en" and countries != {home}:
        role = {"signing": "signatory", "visit": "visitor" if any(p["role"] == "host" for p in parts) else "host"}
        parts.append({"name": f"{places.name_ko(home)} 측", "country": home, "type": "other",
                      "role": role.get(rec["kind"], "participant")})
    elif home == "KR" and rec["lang"] != "en" and len(named - countries) == 1:
        other = next(iter(named - countries))  # "KAIST 총장은 다음 달 보스턴을 방문해": MIT's country, the one named
        role = {"signing": "signatory", "visit": "host"}.get(rec["kind"], "participant")
        parts.append({"name": f"{places.name_ko(other)} 측", "country": other, "type": "other", "role": role})
    elif rec["lang"] == "en" and len(named - countries) <= 1:
        unknown = [p for p in parts if "country" not in p and p.get("type") != "person"]
        if not named - countries and (countries == {"KR"} or not unknown):
            return
        # with no other country named, the body beside a foreign party is the register's own side
        other = next(iter(named - countries)) if named - countries else "KR"
        for p in unknown:
            p["country"] = other
        if not unknown:  # "a visit by a KIER delegation to Abu Dhabi": the one other country is the host
            role = {"signing": "signatory", "visit": "host"}.get(rec["kind"], "participant")
            parts.append({"name": f"{places.name_en(other)} side", "country": other, "type": "other", "role": role})
    else:
        return
    undated = "$.date" in d["missing"]
    d["missing"] = list(dict.fromkeys(records.missing(rec) + (["$.date"] if undated else [])))


def _add_topic(d: dict, topic: str | None, home: str | None, explicit: bool) -> None:
    """A clause with no subject of its own, whose parties are all of the home country, in an
    article about one foreign country: that country is the other side (the page's "벨라루스 측")."""
    rec = d["record"]
    countries = {p.get("country") for p in rec["participants"]}
    if topic is None or explicit or countries - {home, None} or home not in countries:
        return
    name = f"{places.name_ko(topic)} 측" if rec["lang"] != "en" else f"{places.name_en(topic)} side"
    rec["participants"].append({"name": name, "country": topic, "type": "other", "role": "participant"})
    d["missing"] = [m for m in d["missing"] if m != "$.participants"] if len(countries | {topic}) >= 2 \
        else d["missing"]


