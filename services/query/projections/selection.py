"""The selection every read shares (timelines, sector counts, exports): the filters of a request
and their SQL. It reads the tables of three projections — the version's kind and status from
`event_versions` (alias `v`), the bounds from alias `t` (a timeline row or a version), sectors
from `event_sectors`, partners from `event_countries`, words (`q`) from `event_search`, organisations from `event_orgs` — and is
the one place that does."""

from __future__ import annotations

from dataclasses import dataclass

from services.query.projections.state import OPEN_START
from services.query.store.base import Params

NO_FROM = "0000-00-00"  # the window's first day when the read gave no `from`


@dataclass(frozen=True, slots=True)
class Filters:
    """None = no filter."""

    partner: str | None = None
    window: tuple[str, str] | None = None  # (first day or NO_FROM, last day or OPEN_END)
    match: str = "overlap"
    kind: str | None = None
    status: str | None = None  # None = all
    sector: str | None = None
    org: str | None = None  # only events in which this organisation took part
    terms: tuple[str, ...] = ()  # `q`: lower-cased words, each a substring of the event's text


def window_condition(p: Params, f: Filters, t: str) -> str:
    """`f.window` on alias `t` (a timeline row's start_key, or a version's start; end_key). An open start keeps an event in an overlap
    window when its end is on or after `from`, and in a `within` window only if there is no
    `from` (and its end is within `to`)."""
    lo, hi = f.window
    start = f"{t}.start_key" if t != "v" else f"coalesce(v.start, '{OPEN_START}')"  # versions keep NULL
    if f.match == "overlap":
        return f"{t}.end_key >= {p(lo)} AND ({start} <= {p(hi)} OR {start} = '{OPEN_START}')"
    known = f"{start} >= {p(lo)} AND {start} <> '{OPEN_START}'"
    either = f"({known} OR {start} = '{OPEN_START}')" if lo == NO_FROM else known
    return f"{either} AND {t}.end_key <= {p(hi)}"


def where(p: Params, f: Filters, t: str = "c") -> str:
    """The filters as one SQL condition (alias `t` for the bounds and the vid, `v` for the version)."""
    sql = []
    if f.kind is not None:
        sql.append(f"v.kind = {p(f.kind)}")
    if f.status is not None:
        sql.append(f"v.status = {p(f.status)}")
    if f.window is not None:
        sql.append(window_condition(p, f, t))
    if f.sector is not None:
        sql.append(f"EXISTS (SELECT 1 FROM event_sectors s WHERE s.vid = {t}.vid AND s.sector = {p(f.sector)})")
    if f.partner is not None:
        sql.append(f"EXISTS (SELECT 1 FROM event_countries x WHERE x.vid = {t}.vid AND x.country = {p(f.partner)})")
    if f.org is not None:
        sql.append(f"EXISTS (SELECT 1 FROM event_orgs o WHERE o.vid = {t}.vid AND o.org = {p(f.org)})")
    if f.terms:
        sql.append(text_match(p, f.terms, f"{t}.vid"))
    return " AND ".join(f"({s})" for s in sql) or "1 = 1"


def like(term: str) -> str:
    """A LIKE pattern (escape `\\`) finding `term` anywhere in a lower-cased text."""
    return "%" + term.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def text_match(p: Params, terms: tuple[str, ...], vid: str) -> str:
    """Every term is a substring of the version's search text (projections/search.py): on
    SQLite a trigram MATCH for terms of 3+ characters and a LIKE on the row for shorter ones;
    on PostgreSQL (numbered placeholders) a LIKE per term, which the pg_trgm index serves."""
    sql = []
    for t in terms:  # the title and the rest of the text are indexed apart (search.py)
        if len(t) >= 3 and not p.numbered:
            phrase = '"' + t.lower().replace('"', '""') + '"'
            # rows not yet in the full-text tables (search.FLUSH_AT) are checked with a LIKE
            sql.append(f"({vid} IN (SELECT rowid FROM event_title_fts WHERE event_title_fts MATCH {p(phrase)}) OR "
                       f"{vid} IN (SELECT rowid FROM event_search_fts WHERE event_search_fts MATCH {p(phrase)}) OR "
                       f"{vid} IN (SELECT q.vid FROM event_search_pending q JOIN event_search ps ON ps.vid = q.vid "
                       f"WHERE ps.text LIKE {p(like(t))} ESCAPE '\\'))")
    # placeholders are taken in the order they appear (SQLite's `?` are positional)
    likes = " AND ".join(f"s.text LIKE {p(like(t))} ESCAPE '\\'" for t in terms if p.numbered or len(t) < 3)
    if likes:
        sql.append(f"EXISTS (SELECT 1 FROM event_search s WHERE s.vid = {vid} AND {likes})")
    return " AND ".join(sql)
