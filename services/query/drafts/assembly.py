"""A detected event as draft records: date and status, participants, title, place, sectors,
source, `missing` and confidence. One clause may give several drafts: one per partner of a
signatory that lists them ("A는 B, C, D와 협정을 체결"), one per quoted agreement and partner
("A와는 'X'를, B와는 'Y'를 체결").
"""

from __future__ import annotations

import re

from services.query.drafts import records
from services.query.drafts.parties import participants
from shared.edtf import today_utc


def drafts_for(art, s, c, trig, span, inherited, c_orgs, codes, memory, home, found):
    parts = participants(trig.kind, c_orgs, codes, memory, home, art.lang)
    # A signatory that lists several partners signed one agreement with each ("A는 B, C, D와 협정을 체결").
    partner_names = {o.name for o in c_orgs if o.slot in ("partner", "list")}
    partners = [p for p in parts if p["name"] in partner_names]
    rest = [p for p in parts if p not in partners]
    quoted = records.quoted_names(c.text)
    groups, names = [(parts, None)], [None]
    if trig.kind == "signing" and len(partners) >= 2 and len(quoted) == len(partners):
        groups = [(rest + [p], q) for p, q in zip(partners, quoted, strict=True)]
    elif trig.kind == "signing" and len(partners) >= 3:
        groups = [(rest + [p], None) for p in partners]
    elif trig.kind == "signing" and _EACH.search(c.text) and len(each := records.quoted_names(s.text)) >= 2:
        # "A와 B는 'X'를, C와 D는 'Y'를 각각 체결했다": one agreement each, between the sentence's sides
        groups = [(parts, q) for q in each]
    del names
    for group, quote_name in groups:
        rec: dict = {"kind": trig.kind}
        status = trig.status
        if span is not None:
            ahead = art.published and span.lo() and span.lo().isoformat() > _end_of(art.published)
            # an article without a date cannot place the future: today's date decides what the
            # record schema would refuse ("occurred" may not start in the future)
            if status == "occurred" and ahead:
                status = "planned"
            elif status == "occurred" and span.lo() and span.lo() > today_utc() and not art.published:
                status = "planned"
            # an article dated after today's clock ("was signed on 3 March" in a release of 9 March,
            # read on 1 March) tells a past event as it is: occurred, with `$.status` in `missing`
            # (engine.py), since the record schema would refuse it today
            rec["date"] = span.text()
        elif art.published and status == "occurred" and not art.published.endswith(".."):
            rec["date"] = f"../{art.published.split('/')[-1]}"  # on or before the article
        elif art.published and status in ("planned", "postponed"):
            rec["date"] = f"{art.published.split('/')[0]}/.."  # from the article on
        rec["status"] = status
        obj = quote_name or _object_before(c, trig)
        rec["title"] = records.title_ko(trig.kind, group, obj, c.text if quote_name is None else quote_name) if art.lang != "en" else c.text.strip()[:500]
        en = records.title_en(trig.kind, group, s.text, art.lang)
        if en:
            rec["title_en"] = en
        rec["lang"] = art.lang
        rec["participants"] = [{**p, "name": p["name"][:300]} for p in group[:100]]
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


_EACH = re.compile(r"각각|\beach\b|\brespectively\b")


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
    while run and (run[0].tag in ("SN", "NNB") or run[0].form in ("년", "월", "일")):
        run.pop(0)  # "2021년 4월 한-독 … 협정": the date is not part of the name
    if not run:
        return None
    text = c.text[run[0].start - c.start:run[-1].end - c.start].strip("‘’'\"() ")
    return text[:200] or None


def _end_of(published: str) -> str:
    last = published.split("/")[-1]
    return "9999" if last == ".." else last.rstrip("?~%") + "-99"


def _source(art, quote: str) -> dict:
    src: dict = {}
    if art.url and re.match(r"^https?://[^\s/]+", art.url, re.IGNORECASE) and len(art.url) <= 2000:
        src["url"] = art.url  # only what the record schema takes; anything else is the caller's to fix
    if art.publisher:
        src["publisher"] = art.publisher[:300]
    if art.title:
        src["title"] = art.title[:500]
    if art.published:
        src["published"] = art.published
    src["quote"] = quote[:1000]
    return src


