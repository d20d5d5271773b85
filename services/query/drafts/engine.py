"""From an article to draft cooperation records: the body of `POST /v1/drafts`.

`draft(body, organisations=..., candidates=...)` is pure and deterministic: the same article
and the same known organisations and candidate events always give the same drafts. It reads
sentence by sentence; each clause with an event predicate becomes a draft, dated by the date
nearest before its predicate (or the paragraph's date), with the parties the clause names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from services.query.drafts import analyser, article, dates, places, records
from services.query.drafts.candidates import dedupe, matches
from services.query.drafts.edtf_points import Span
from services.query.drafts.events import clauses, find_trigger
from services.query.drafts.organisations import Directory, Known, in_sentence
from services.query.drafts.parties import participants, side_countries

Candidates = Callable[[list[str], str | None], Iterable[dict]] | Iterable[dict] | None


def draft(body: dict, *, organisations: Iterable[dict] = (), candidates: Candidates = None) -> dict:
    """`{text | html, url?, published?, publisher?, lang?}` → `{article, drafts}`.

    `organisations`: the known ones, `{org, names, country, type}` each. `candidates`: live
    events (records with `id`), or a function `(countries, date) -> events` that finds them."""
    art = article.read(body)
    directory = Directory([Known(o["org"], tuple(o.get("names") or ()) or (o.get("name", o["org"]),),
                                 o["country"], o.get("type", "other")) for o in organisations])
    sents = analyser.sentences(art.text)
    home = "KR" if art.lang == "ko" else _most_named(art.text)
    orgs_of = [in_sentence(s, directory) for s in sents]
    memory = _names_with_countries(orgs_of)
    out: list[dict] = []
    para_span: dict[int, Span] = {}
    last_span: Span | None = None
    for s, orgs in zip(sents, orgs_of, strict=True):
        mentions = dates.resolve(s.text, art.published, lang=s.lang)
        found = places.find(s.text)
        found = [type(p)(p.start + s.start, p.end + s.start, p.text, p.codes, p.city) for p in found]
        subject = next((o for o in orgs if o.slot == "subject"), None)
        sentence_dates = [m for m in mentions if m.span is not None]
        found_triggers = [(c, find_trigger(c, s)) for c in clauses(s)]
        found_triggers = [(c, t) for c, t in found_triggers if t is not None]
        if any(not t.weak for _, t in found_triggers) or not sentence_dates:
            found_triggers = [(c, t) for c, t in found_triggers if not t.weak]
        for c, trig in found_triggers:
            if trig.future:
                mentions = dates.resolve(s.text, art.published, lang=s.lang, future=True)
            span, inherited = _date_for(s, c, trig, mentions, para_span.get(s.paragraph), last_span)
            c_orgs = [o for o in orgs if c.start <= o.start < c.end]
            if subject and not any(o.slot == "subject" for o in c_orgs):
                c_orgs = [subject, *c_orgs]
            codes = side_countries(c.text, c.start, found, trig.kind, c_orgs)
            for d in _drafts_for(art, s, c, trig, span, inherited, c_orgs, codes, memory, home, found):
                _resolve_anaphora(d, s.text, out)
                out.append(d)
        if sentence_dates:
            last_span = sentence_dates[-1].span
            para_span[s.paragraph] = last_span
    drafts = dedupe(out)
    for d in drafts:
        d["matches"] = matches(d["record"], candidates)
    return {"article": art.header(), "drafts": drafts}


def _date_for(s, c, trig, mentions, para: Span | None, last: Span | None) -> tuple[Span | None, bool]:
    """The clause's date: a date opening the sentence (a chronicle's "2017 3 민스크에서는…"), else
    the nearest before the predicate in the clause, else any in the clause or sentence, else the
    paragraph's last date, else the one before "이날" (the same day)."""
    usable = [m for m in mentions if m.span is not None and m.role != "same"]
    opening = [m for m in usable if m.start <= 2]
    if opening:
        return opening[0].span, False
    rel = lambda m: m.start + s.start  # noqa: E731
    in_clause = [m for m in usable if c.start <= rel(m) < c.end]
    before = [m for m in in_clause if rel(m) < trig.start and m.role != "until"]
    until = [m for m in in_clause if m.role == "until" and m.span.end is not None]
    if before and until and before[-1].span.start is not None and rel(until[-1]) > rel(before[-1]) \
            and until[-1].span.end.last() >= before[-1].span.start.first():
        return Span(before[-1].span.start, until[-1].span.end), False  # 지난해 8월 시작한 … 12월까지 운영
    for group in (before[-1:], [m for m in in_clause if m.role != "until"], in_clause,
                  [m for m in usable if m.role != "until"]):
        if group:
            return group[0].span, False
    if any(m.role == "same" for m in mentions) and last is not None:
        return last, False
    if para is not None:
        return para, True
    return None, True


def _drafts_for(art, s, c, trig, span, inherited, c_orgs, codes, memory, home, found):
    parts = participants(trig.kind, c_orgs, codes, memory, home, art.lang)
    # A signatory that lists several partners signed one agreement with each ("A는 B, C, D와 협정을 체결").
    partners = [p for p, o in zip(parts, [o for o in c_orgs], strict=False) if o.slot in ("partner", "list")]
    groups = [parts]
    if trig.kind == "signing" and len(partners) >= 3:
        rest = [p for p in parts if p not in partners]
        groups = [rest + [p] for p in partners]
    for group in groups:
        rec: dict = {"kind": trig.kind}
        status = trig.status
        if span is not None:
            when = span
            if status == "occurred" and span.lo() and art.published and span.lo().isoformat() > _end_of(art.published):
                status = "planned"
            rec["date"] = when.text()
        elif art.published and status == "occurred":
            rec["date"] = f"../{art.published.split('/')[-1]}" if "/" not in art.published or not art.published.endswith("..") else None
            if rec["date"] is None:
                del rec["date"]
        rec["status"] = status
        obj = _object_before(c, trig)
        rec["title"] = records.title_ko(trig.kind, group, obj, c.text) if art.lang != "en" else c.text.strip()[:500]
        en = records.title_en(trig.kind, group, s.text, art.lang)
        if en:
            rec["title_en"] = en
        rec["lang"] = art.lang
        rec["participants"] = group
        city = next((p for p in found if p.city and c.start <= p.start < c.end), None)
        if city:
            rec["place"] = {"city": city.text, "country": city.codes[0]}
        rec["sectors"] = records.sectors(c.text)
        rec["sources"] = [_source(art, s.text)]
        undated = span is None
        needs = records.missing(rec)
        if undated and "$.date" not in needs:
            needs.insert(0, "$.date")  # "on or before the article" is honest, but a person should date it
        countries = len({p.get("country") for p in group if p.get("country")})
        conf = records.confidence(strong=trig.strong, dated=span is not None, inherited=inherited,
                                  countries=countries, orgs=sum(1 for p in group if p.get("type") != "other"),
                                  quoted=records.quoted_name(c.text) is not None)
        yield {"record": rec, "quote": s.text, "confidence": conf, "missing": needs, "matches": []}


_ANAPHORA = re.compile(r"양국|양측|두 나라|두 기관|두 도시|두 부처|양 기관|양 도시|이 자리|이날 회의|\b(?:both|the two|the next|"
                       r"the agreement|the same|the forum|the meeting|the visit)\b", re.IGNORECASE)


def _resolve_anaphora(d: dict, clause: str, earlier: list[dict]) -> None:
    """"양국은 …", "The two institutes will …": the parties are those of the event before
    (of the same kind when there is one)."""
    rec = d["record"]
    if len({p.get("country") for p in rec["participants"] if p.get("country")}) >= 2 or not earlier:
        return
    if not _ANAPHORA.search(clause):
        return
    same = [e for e in earlier if e["record"]["kind"] == rec["kind"]]
    source = (same or earlier)[-1]["record"]
    rec["participants"] = [dict(p) for p in source["participants"]]
    if rec["title"] in ("", *records.KIND_WORDS) or len(rec["title"]) < 6:
        rec["title"] = f"{source['title'].rsplit(' ', 1)[0]} {rec['title']}".strip()[:500]
    if "title_en" not in rec and "title_en" in source:
        rec["title_en"] = source["title_en"]
    d["missing"] = records.missing(rec) + (["$.date"] if "$.date" in d["missing"] else [])
    d["missing"] = list(dict.fromkeys(d["missing"]))


def _most_named(text: str) -> str | None:
    """The country an English article names most (its cities included): its home side."""
    counts: dict[str, int] = {}
    for p in places.find(text):
        if len(p.codes) == 1:
            counts[p.codes[0]] = counts.get(p.codes[0], 0) + 1
    return max(sorted(counts), key=lambda c: counts[c]) if counts else None


def _object_before(c, trig) -> str | None:
    """The noun phrase the predicate acts on ("상호협력 협정을 체결" → 상호협력 협정)."""
    toks = [t for t in c.tokens if t.end <= trig.start]
    while toks and toks[-1].tag.startswith(("J", "E", "X", "V", "S")) and toks[-1].tag not in ("SL", "SN", "SH"):
        toks.pop()
    run = []
    for t in reversed(toks):
        if t.tag in ("NNG", "NNP", "SL", "SN", "XSN", "XPN", "NNB") or t.form in ("·", "-", "‘", "’", "(", ")"):
            if run and run[0].start - t.end > 1:
                break
            run.insert(0, t)
        else:
            break
    if not run:
        return None
    text = c.text[run[0].start - c.start:run[-1].end - c.start].strip("‘’'\"() ")
    return text[:200] or None


def _end_of(published: str) -> str:
    last = published.split("/")[-1]
    return "9999" if last == ".." else last.rstrip("?~%") + "-99"


def _source(art, quote: str) -> dict:
    src: dict = {}
    for key in ("url", "publisher"):
        if getattr(art, key):
            src[key] = getattr(art, key)
    if art.title:
        src["title"] = art.title[:500]
    if art.published:
        src["published"] = art.published
    src["quote"] = quote[:1000]
    return src


def _names_with_countries(orgs_of) -> dict[str, str]:
    """Names the article introduces with their country ("덴마크 오덴세"), to place them later."""
    memory: dict[str, str] = {}
    for orgs in orgs_of:
        for o in orgs:
            inside = places.find(o.name)
            if inside and inside[0].start == 0 and not inside[0].city and len(inside[0].codes) == 1:
                rest = o.name[inside[0].end:].strip()
                if rest:
                    memory.setdefault(rest, inside[0].codes[0])
    return memory
