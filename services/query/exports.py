"""Timeline exports: CSV rows and TimelineJS events, one item at a time (so they can stream).

CSV: UTF-8, RFC 4180, the columns below in this order. A cell that a spreadsheet would read as
a formula (it begins with = + - @, a tab or a carriage return) gets a leading `'` (OWASP's
advice for CSV injection), so `=HYPERLINK(…)` shows as text instead of running.

TimelineJS 3 renders `headline` and `text` as HTML (after its own sanitiser, which still lets
`<b>` and `<img src>` through), so every text from a record is HTML-escaped here; the only
markup is what this module writes. See docs/exports.md for the whole mapping.
"""

from __future__ import annotations

import csv
import datetime
import html
import io

from services.query.display_dates import readable
from shared import countries, edtf
from shared.vocabulary import KINDS

CSV_COLUMNS = ("id", "date", "start", "end", "kind", "status", "title", "countries", "participants", "sectors",
               "sources", "title_en", "summary", "orgs", "cameo")
LIST_SEP = "; "
BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def _participant(p: dict) -> str:
    name = p["name"]
    if p.get("name_en") and p["name_en"] != name:
        name = f"{name} / {p['name_en']}"
    return f"{name} ({p['country']})"


def _source(s: dict) -> str:
    return s.get("url") or s.get("publisher") or ""


def _orgs(item: dict) -> list[str]:
    return list(dict.fromkeys(p["org"] for p in item["participants"] if p.get("org")))


def csv_row(item: dict) -> list[str]:
    row = [item["id"], item["date"], item["start"] or "", item["end"] or "", item["kind"], item["status"],
           item["title"], LIST_SEP.join(item["countries"]), LIST_SEP.join(map(_participant, item["participants"])),
           LIST_SEP.join(item["sectors"]), LIST_SEP.join(map(_source, item["sources"])), item.get("title_en") or "",
           item.get("summary") or "", LIST_SEP.join(_orgs(item)), KINDS.get(item["kind"], {}).get("cameo", "")]
    return [_cell(c) for c in row]


def csv_text(items: list[dict], *, header: bool = True, bom: bool = False) -> str:
    """The CSV of `items` (with the header row and, if asked, a BOM first)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    if bom:
        out.write(BOM)
    if header:
        writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_row(i) for i in items)
    return out.getvalue()


# --- TimelineJS ---

STATUS_LABELS = {"ko": {"planned": "예정", "postponed": "연기", "cancelled": "취소"},
                 "en": {"planned": "Planned", "postponed": "Postponed", "cancelled": "Cancelled"}}
_WORDS = {"ko": {"domestic": "국내", "undated": "날짜 미상", "status": "상태", "parties": "참여",
                 "sources": "출처", "title": "로그 위치 {}까지의 기록 · Coopline",
                 "release": "릴리스 {name}: 로그 위치 {position}까지의 기록 (해시 {hash}) · Coopline"},
          "en": {"domestic": "Domestic", "undated": "Undated", "status": "Status", "parties": "Participants",
                 "sources": "Sources", "title": "As recorded up to log position {} · Coopline",
                 "release": "Release {name}: as recorded up to log position {position} (hash {hash}) · Coopline"}}


def _country(code: str, lang: str) -> str:
    return countries.name_ko(code) if lang == "ko" else countries.name_en(code)


def _parts(day: datetime.date, precision: str) -> dict:
    parts = {"year": day.year}
    if precision in ("month", "day"):
        parts["month"] = day.month
    if precision == "day":
        parts["day"] = day.day
    return parts


def _full(day: datetime.date) -> dict:
    return {"year": day.year, "month": day.month, "day": day.day}


def _dates(text: str) -> tuple[dict, dict | None, bool]:
    """(start_date, end_date, open start) of an EDTF text: the start's known parts only; the end
    as the last day of the end's known parts; an open end drawn up to today, so that an ongoing
    cooperation shows as a span rather than a point on the first day; an open start (`../B`)
    placed at B's known parts."""
    first, slash, second = text.partition("/")
    if first == "..":
        b = edtf.parse(second)
        return _parts(b.start, b.precision), None, True
    a = edtf.parse(first)
    start = _parts(a.start, a.precision)
    if not slash:
        return start, None, False
    if second == "..":
        return start, _full(max(a.end, edtf.today_utc())), False
    return start, _full(edtf.parse(second).end), False


def _group(item: dict, lang: str, country: str | None, partner: str | None, undated: bool) -> str:
    """A row per kind in a dyad view (every event there shares the partner); per partner in a
    country's view, with a labelled row for domestic events; undated events in a row of their own."""
    if undated:
        return _WORDS[lang]["undated"]
    if country is None or (partner and partner != country):
        return KINDS.get(item["kind"], KINDS["other"])[f"label_{lang}"]
    others = [c for c in item["countries"] if c != country]
    return ", ".join(_country(c, lang) for c in others) or _WORDS[lang]["domestic"]


def _headline(item: dict, lang: str) -> str:
    title = (item.get("title_en") or item["title"]) if lang == "en" else item["title"]
    label = STATUS_LABELS[lang].get(item["status"])
    return html.escape(f"[{label}] {title}" if label else title)


def _party(p: dict, lang: str) -> str:
    name = (p.get("name_en") or p["name"]) if lang == "en" else p["name"]
    return html.escape(f"{name} ({_country(p['country'], lang)})")


def _source_html(s: dict) -> str:
    label = html.escape(s.get("publisher") or s.get("title") or s.get("url") or "")
    url = s.get("url") or ""
    if url.startswith(("https://", "http://")):  # links only to the web; the library adds rel=noopener
        label = f'<a href="{html.escape(url, quote=True)}">{label}</a>'
    if s.get("quote"):
        label += f" — “{html.escape(s['quote'])}”"
    return label


def _text(item: dict, lang: str) -> str:
    words, out = _WORDS[lang], []
    label = STATUS_LABELS[lang].get(item["status"])
    if label:
        out.append(f'<p class="coopline-status coopline-status-{item["status"]}">'
                   f'<strong>{words["status"]}: {label}</strong></p>')
    if item.get("summary"):
        out.append("<p>" + html.escape(item["summary"]).replace("\n", "<br>") + "</p>")
    out.append(f"<p>{words['parties']}: " + ", ".join(_party(p, lang) for p in item["participants"]) + "</p>")
    if item["sources"]:
        out.append(f"<p>{words['sources']}: " + "; ".join(map(_source_html, item["sources"])) + "</p>")
    return "".join(out)


def timelinejs_event(item: dict, country: str | None, partner: str | None = None, lang: str = "ko") -> dict:
    start, end, undated = _dates(item["date"])
    event = {"unique_id": item["id"], "start_date": start, "display_date": readable(item["date"], lang),
             "text": {"headline": _headline(item, lang), "text": _text(item, lang)},
             "group": _group(item, lang, country, partner, undated)}
    if end is not None:
        event["end_date"] = end
    return event


def timelinejs_title(headline: str, position: int, lang: str = "ko", release: dict | None = None) -> dict:
    """The title slide: the view, and the log position it shows — by its release (name, position
    and hash) when it was read with `release=`."""
    text = _WORDS[lang]["release"].format(**release) if release else _WORDS[lang]["title"].format(position)
    return {"text": {"headline": html.escape(headline), "text": html.escape(text)}}


def release_header(release: dict) -> dict[str, str]:
    """`Coopline-Release: <name>; position=<n>; hash=<64 hex>` (names hold no `;`, space or quote)."""
    return {"Coopline-Release": f"{release['name']}; position={release['position']}; hash={release['hash']}"}


def view_headline(country: str, partner: str | None, lang: str = "ko") -> str:
    name = _country(country, lang)
    return f"{name} – {_country(partner, lang)}" if partner and partner != country else name


def timelinejs(items: list[dict], headline: str, country: str | None, partner: str | None = None, *,
               lang: str = "ko", position: int = 0) -> dict:
    """The whole document at once (the service streams the same pieces; see export_stream)."""
    return {"title": timelinejs_title(headline, position, lang),
            "events": [timelinejs_event(i, country, partner, lang) for i in items]}
