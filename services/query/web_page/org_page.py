"""The organisation view of the page, `/?org=ID` (no `country`): the organisation's names,
country and type, its partner organisations and its timeline with the page's filters, search and
"as known on" point.

Read through the same readers as `/v1/organisations/{org}`, its timeline and `/v1/organisations`,
so the HTML and the API agree. `static/org.js` renders the same views from those routes, with the
words of `static/texts-org.json` (the organisation view's own, apart from the page's texts.json).
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote, urlencode

from aiohttp import web

from services.query import params
from services.query.context import STORE
from services.query.projections import organisation_reads
from services.query.routes import timeline
from services.query.routes.common import read_position, validate_common
from services.query.web_page import render, words
from shared.problems import Problem

TEXTS: dict[str, dict[str, str]] = json.loads(
    (Path(__file__).parent.parent / "static" / "texts-org.json").read_text(encoding="utf-8"))
_POINT = ("as_of", "release")
FIRST_PARTNERS = 10  # partners shown at once; the rest fold under "show all" (static/org.js has the twin)


def base(lang: str) -> dict:
    """The template's organisation words, and no organisation view or list yet."""
    return {"o": SimpleNamespace(**TEXTS[lang]), "org_view": None}


def type_label(lang: str, kind: str) -> str:
    return TEXTS[lang].get(f"type_{kind}", kind)


def _shown(lang: str, row: dict) -> tuple[str, str | None]:
    """(the name to show, the other language's name or None)."""
    if lang == "en" and row.get("name_en"):
        return row["name_en"], row["name"] if row["name"] != row["name_en"] else None
    return row["name"], row.get("name_en") if row.get("name_en") != row["name"] else None


def _link(lang: str, q, **changes: str) -> str:
    return render._address({"lang": lang, **{k: q[k] for k in _POINT if q.get(k)}}, **changes)


def _org(lang: str, q, row: dict) -> dict:
    """A partner: its view's address, names and the events shared."""
    primary, secondary = _shown(lang, row)
    return {"org": row["org"], "href": _link(lang, q, org=row["org"]), "primary": primary, "secondary": secondary,
            "country": row["country"], "country_name": render._name(lang, row["country"]),
            "events": words.events(lang, row["events"])}


def _rows(org: str):
    async def rows_of(db, f, at, limit, after):
        return await organisation_reads.timeline(db, org, f, at, limit, after)
    return rows_of


async def fill(request: web.Request, ctx: dict, lang: str) -> dict:
    """`ctx` (the page's context) made the view of the organisation `org=` names."""
    q = request.query
    org = q["org"]
    try:
        if not params.ORG.fullmatch(org):
            raise Problem(404, f"no organisation with id {org!r}")
        # the organisation is the view's subject, not a filter of it
        f = params.filters({k: v for k, v in q.items() if k != "org"}, default_status=None)
        validate_common(request)
        at = await read_position(request)
        async with request.app[STORE].reading() as db:
            found, partners = await organisation_reads.profile(db, at, org)
        if found is None:
            raise Problem(404, f"no organisation with id {org!r}" + (" at that point" if q.get("as_of") or q.get("release") else ""))
        items, more = await timeline.page_of(request, _rows(org), f, at, params.MAX_LIMIT, None)
    except Problem as p:
        if p.status >= 500:
            raise
        ctx["notice"] = {"kind": "error", "text": p.detail}
        return ctx
    row = found  # the organisation as known then
    name, other = _shown(lang, row)
    country = render._name(lang, row["country"])
    ctx["org_view"] = {
        "org": org, "name": name, "other": other, "names": row["names"], "derived": org.startswith("name:"),
        "country": row["country"], "country_name": country, "country_href": _link(lang, q, country=row["country"]),
        "type": row["type"], "type_label": type_label(lang, row["type"]), "api": f"/v1/organisations/{quote(org)}",
        "partners": [_org(lang, q, p) for p in partners], "first": FIRST_PARTNERS,
    }
    base_url = f"/v1/organisations/{quote(org)}/timeline"
    api_q = {k: v for k, v in q.items() if k in render.FILTERS and k != "org"}
    ctx.update(heading=name, title=f"{name} · Coopline", more=more,
               summary=" · ".join([country, type_label(lang, row["type"]), render._summary(lang, items)]),
               groups=render._groups(lang, [render._event(lang, it, q) for it in items]),
               clear_link=render._address(q, **{k: "" for k in render.FILTERS if k not in ("org", *_POINT)}),
               exports={"csv": f"{base_url}?{urlencode({'format': 'csv', **api_q})}",
                        "tjs": f"{base_url}?{urlencode({'format': 'timelinejs', 'lang': lang, **api_q})}",  # app.js's order
                        "json": f"{base_url}?{urlencode({'limit': '1000', **api_q})}"})
    if not items:
        ctx["notice"] = {"kind": "info", "text": words.TEXTS[lang]["empty"]}
    return ctx

