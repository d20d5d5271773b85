"""The first view of `/`, rendered by the server: the selection the address names (the same
parameters and rules as `static/address.js`) and the template's context, events included.

The events come from `read_items`, the one place the page reads them: the JSON timeline
route's own reader, so the HTML and `/v1/countries/{code}/timeline` always agree.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import SimpleNamespace
from urllib.parse import urlencode, urlsplit

from aiohttp import web

from services.query import params
from services.query.context import FOLLOWER, STORE
from services.query.projections import organisations, releases
from services.query.routes import timeline
from services.query.routes.common import read_position, validate_common
from services.query.web_page import org_page, words
from shared import countries
from shared.problems import Problem
from shared.vocabulary import KINDS, SECTORS, STATUSES
from shared.web import SETTINGS

# The address's filters, named as the timeline API names them (`static/address.js` has the twin);
# `as_of` and `release` stay last (the "clear filters" link keeps them).
FILTERS = ("kind", "sector", "status", "from", "to", "match", "q", "org", "as_of", "release")
_CODE = re.compile(r"^[A-Za-z]{2}$")


def canonical_query(q: Mapping[str, str]) -> list[tuple[str, str]]:
    """The address's query as the page writes it: codes upper-cased, empty fields, defaults and
    unknown parameters dropped, a fixed order (mirrors `static/address.js`)."""
    lang = "en" if q.get("lang") == "en" else "ko"
    country, partner = (q.get(k, "").strip().upper() for k in ("country", "partner"))
    out = {}
    if country:
        out["country"] = country
        if partner and partner != country:
            out["partner"] = partner
    elif q.get("org", "").strip():  # an organisation's view: its subject comes first
        out["org"] = q["org"].strip()
    values = {k: q.get(k, "").strip() for k in FILTERS}
    if values["status"] == "all":
        values["status"] = ""  # timelines apply no status filter unless asked
    if values["match"] == "overlap" or not (values["from"] or values["to"]):
        values["match"] = ""
    out.update((k, v) for k, v in values.items() if v and k not in out)
    if lang == "en":
        out["lang"] = "en"
    return list(out.items())


async def read_items(request: web.Request, code: str, f, at: int) -> tuple[list[dict], bool]:
    """The events of the selection, at most one API page (1000), and whether more exist."""
    items, more = await timeline._page(request, code, f, at, params.MAX_LIMIT, None)
    return items, more is not None


def _address(query: Mapping[str, str], /, **changes: str) -> str:
    text = urlencode(canonical_query({**query, **changes}))
    return "/" + (f"?{text}" if text else "")


def _safe_url(raw: str | None) -> str | None:
    try:
        return raw if raw and urlsplit(raw).scheme in ("http", "https") and urlsplit(raw).netloc else None
    except ValueError:
        return None


def _event(lang: str, it: dict, point: Mapping[str, str] | None = None) -> dict:
    """An event in the page's words; `point`: the view's as_of / release, kept by its links."""
    w = words.TEXTS[lang]
    keep = {"lang": lang, **{k: v for k, v in (point or {}).items() if k in ("as_of", "release")}}
    en = lang == "en"
    badges = [(it["status"], w.get(it["status"], it["status"]), None)] if it["status"] != "occurred" else []
    badges += [(name, w[name], w[f"{name}_title"]) for name in ("uncertain", "approximate") if it[name]]
    if it["corrected"]:
        badges.append(("corrected", w["corrected"], None))
    title_en = it.get("title_en")
    sources = []
    for s in it["sources"]:
        url = _safe_url(s.get("url"))
        rest = [s.get("title") and s.get("publisher"), s.get("published"), s.get("url") if s.get("url") and not url else None]
        sources.append({"url": url, "label": s.get("title") or s.get("publisher") or s.get("url"),
                        "meta": " · ".join(x for x in rest if x)})
    return {
        **it, "human_date": words.human_date(lang, it["date"]), "badges": badges,
        "kind_label": KINDS.get(it["kind"], {}).get(f"label_{lang}", it["kind"]),
        "shown_title": title_en if en and title_en else it["title"], "title_lang": "en" if en and title_en else it["lang"],
        "recorded": f"{w['recorded']} #{it['position']}", "recorded_title": words.position(lang, it["position"]),
        "parties": [{"country": p["country"], "country_name": _name(lang, p["country"]),
                     "href": _address(keep, org=organisations.org_of(p)),  # its organisation's view
                     "primary": p.get("name_en") or p["name"] if en else p["name"],
                     "secondary": (p["name"] if p.get("name_en") and p["name_en"] != p["name"] else None) if en
                     else p.get("name_en")} for p in it["participants"]],
        "sector_labels": [(s, SECTORS.get(s, {}).get(f"label_{lang}", s)) for s in it["sectors"]],
        "sources_shown": sources,
    }


def _name(lang: str, code: str) -> str:
    return countries.name_ko(code) if lang == "ko" else countries.name_en(code)


def _groups(lang: str, items: list[dict]) -> list[dict]:
    years: dict[str, list[dict]] = {}
    undated = []
    for it in items:
        if it["start"] is None:
            undated.append(it)
        else:
            years.setdefault(it["start"][:4], []).append(it)
    out = [{"key": y, "heading": y, "count": words.events(lang, len(g)), "note": None, "events": g} for y, g in years.items()]
    if undated:
        last = max((it["end"] or it["date"].split("/")[-1])[:4] for it in undated)
        out.append({"key": "undated", "heading": words.undated(lang, last), "count": words.events(lang, len(undated)),
                    "note": words.TEXTS[lang]["undated_note"], "events": undated})
    return out


def _summary(lang: str, items: list[dict]) -> str:
    parts = [words.events(lang, len(items))]
    starts = [it["start"] for it in items if it["start"]]
    if starts:
        last = max(it["end"] or it["start"] for it in items if it["start"] or it["end"])
        parts.append(words.years(lang, min(starts)[:4], last[:4]))
    counts = [(s, n) for s in STATUSES[1:] if (n := sum(it["status"] == s for it in items))]
    if counts:
        parts.append(words.status_counts(lang, counts))
    return " · ".join(parts)


def _base(q: Mapping[str, str], lang: str) -> dict:
    ko = lang == "ko"
    sel = {k: q.get(k, "") for k in ("country", "partner", *FILTERS)}
    names = sorted(countries.CODES, key=lambda c: _name(lang, c))
    as_of = sel["as_of"]
    return {
        # a namespace, not the dict: `t.clear` in a template must be the word, not dict.clear
        "lang": lang, "view": "timeline", "t": SimpleNamespace(**words.TEXTS[lang]), "sel": sel, "heading": words.TEXTS[lang]["home_heading"],
        "summary": words.TEXTS[lang]["home_intro"], "title": "Coopline", "notice": None, "groups": [], "more": False,
        "countries": [(c, _name(lang, c)) for c in names],
        "kinds": [(k, v["label_ko" if ko else "label_en"]) for k, v in KINDS.items()],
        "sectors": [(s, v["label_ko" if ko else "label_en"]) for s, v in SECTORS.items()],
        "statuses": [(s, words.TEXTS[lang][s]) for s in STATUSES],
        "lang_links": {code: _address(q, lang=code) for code in ("ko", "en")},
        "clear_link": _address(q, **dict.fromkeys(FILTERS[:-2], "")),
        "latest_link": _address(q, as_of="", release=""),
        "filters_open": any(sel[k] for k in ("kind", "sector", "status", "from", "to")),
        "as_of_text": words.as_of_active(lang, words.as_of_shown(lang, as_of, sel["release"])) if as_of or sel["release"] else None,
        "releases": [],
        "exports": None,
        **org_page.base(lang),
    }


async def page_context(request: web.Request) -> tuple[int, dict]:
    """(HTTP status, template context) for the address of `request` (already canonical)."""
    q = request.query
    lang = "en" if q.get("lang") == "en" else "ko"
    ctx = _base(q, lang)
    raw = q.get("country")
    if not request.app[SETTINGS].public_reads:
        return 200, ctx  # reads need a token, which the page never has
    async with request.app[STORE].reading() as db:  # the "as known on" picker's releases
        ctx["releases"] = await releases.listing(db, request.app[FOLLOWER].applied.position)
    if not raw:  # the home page, or an organisation's (services/query/web_page/org_page.py)
        return 200, await org_page.fill(request, ctx, lang) if q.get("org") else ctx
    try:
        code = countries.normalise(raw) if _CODE.match(raw) else None
        if code is None:
            raise Problem(404, f"{raw!r} is not an ISO 3166-1 alpha-2 country code")
        f = params.filters(q, default_status=None)
        validate_common(request)
        at = await read_position(request)
        items, more = await read_items(request, code, f, at)
    except Problem as p:
        if p.status >= 500:  # not the selection's fault: the API's answer (problem+json, Retry-After)
            raise
        # A bad selection is shown in the page, which itself is found: 4xx bodies are problem+json
        # everywhere in Coopline, never an HTML page (docs/web-page.md).
        ctx["notice"] = {"kind": "error", "text": p.detail}
        return 200, ctx
    partner = f.partner
    heading = f"{_name(lang, code)} – {_name(lang, partner)}" if partner else _name(lang, code)
    base = f"/v1/countries/{code}/timeline"
    api_q = {k: v for k, v in q.items() if k in ("partner", *FILTERS)}
    ctx.update(heading=heading, title=f"{heading} · Coopline", summary=_summary(lang, items), more=more,
               groups=_groups(lang, [_event(lang, it, q) for it in items]),
               exports={"csv": f"{base}?{urlencode({'format': 'csv', **api_q})}",
                        "tjs": f"{base}?{urlencode({'format': 'timelinejs', **api_q, 'lang': lang})}",
                        "json": f"{base}?{urlencode({'limit': '1000', **api_q})}"})
    if not items:
        ctx["notice"] = {"kind": "info", "text": words.TEXTS[lang]["empty"]}
    return 200, ctx
