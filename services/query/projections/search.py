"""Search: each live cooperation version's searchable text, found by case-insensitive substrings.

One row per live version (`vid`, like `event_versions`): `title` (title and title_en) and
`text` (those, the summary, the participants' names and English names, the place's city),
lower-cased here so both backends compare the same characters. Validity at a position comes
from joining `event_versions`, so a search answers as the log stood at any `as_of`: a
correction that renames a title makes a new version with a new row, found from its position on.

Substrings, not words — Korean has no word boundaries worth trusting (`과학의 날`, `아카데미`):

* SQLite: an FTS5 table with the trigram tokenizer (`event_search_fts`, rowid = vid) written
  with the rows (the table's `mirror`); a term of three or more characters is a trigram phrase `MATCH`. A trigram
  index cannot find two characters, so a two-character term (`과학`, `벨라`) is a `LIKE` over
  the row's text — checked only on the rows the other terms and filters leave, and a scan of
  the search rows when it is the only term.
* PostgreSQL: a `pg_trgm` GIN index on `text`, which serves `LIKE '%term%'` for terms of three
  or more characters (two-character terms are answered too, by a scan, as on SQLite).

Every term must match (AND). A term is at least two characters.
"""

from __future__ import annotations

from services.query.projections.event_detail import valid
from services.query.projections.schema import Changes, Table
from services.query.projections.selection import Filters, like, where
from services.query.projections.state import Change, Fields
from services.query.store.base import Reader

NAME = "search"
SEARCH = Table("event_search", (("vid", "int"), ("title", "text"), ("text", "text")), key=("vid",), mirror={
    # Rows go in with an INSERT of their own, not by a trigger: the same rows cost FTS5 about
    # 4× the CPU when a trigger inserted them one by one (measured, bench/README.md).
    "sqlite": ("CREATE VIRTUAL TABLE IF NOT EXISTS event_search_fts USING fts5(text, tokenize='trigram')",
               "INSERT INTO event_search_fts (rowid, text) VALUES (?1, ?3)"),
}, extra={
    "sqlite": ("DROP TRIGGER IF EXISTS event_search_fts_add",),  # files made before the mirror had one
    "postgresql": (
        "CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public",
        "CREATE INDEX IF NOT EXISTS event_search_trgm ON event_search USING gin (text public.gin_trgm_ops)",
    ),
})
TABLES = (SEARCH,)


def texts(f: Fields) -> tuple[str, str]:
    """(title, text) of a version, lower-cased, fields one per line."""
    title = f"{f.title}\n{f.title_en or ''}".lower()
    rest = [f.summary or "", f.place.city or "" if f.place is not None else ""]
    for p in f.participants:
        rest += [p.name, p.name_en or ""]
    return title, title + "\n" + "\n".join(rest).lower()


def project(changes: list[Change], out: Changes) -> None:
    out.insert(SEARCH, [(c.after.vid, *texts(c.fields)) for c in changes if not c.after.retracted])


async def search(db: Reader, country: str | None, f: Filters, at: int, limit: int,
                 after: tuple[str, str, int] | None = None) -> list[tuple]:
    """Rows (doc, version, first_position, title_hit, start) best first: versions whose title
    holds every term, then the rest; each by start, latest first (open starts last), then
    position, latest first. `f.terms` must not be empty."""
    p = db.params()
    hit = " AND ".join(f"s.title LIKE {p(like(t))} ESCAPE '\\'" for t in f.terms)
    key = f"(CASE WHEN {hit} THEN '1' ELSE '0' END)"
    sql = (f"SELECT * FROM (SELECT v.doc, v.version, v.first_position, {key} AS hit, coalesce(v.start, '') AS start "
           f"FROM event_search s JOIN event_versions v ON v.vid = s.vid WHERE {valid(p, at, 's.vid')} "
           f"AND ({where(p, f, 'v')})")
    if country is not None:
        sql += f" AND EXISTS (SELECT 1 FROM event_countries x WHERE x.vid = v.vid AND x.country = {p(country)})"
    sql += ") r"
    if after is not None:
        sql += f" WHERE (r.hit, r.start, r.first_position) < ({p(after[0])}, {p(after[1])}, {p(after[2])})"
    sql += f" ORDER BY r.hit DESC, r.start DESC, r.first_position DESC LIMIT {p(limit)}"
    return await db.fetchall(sql, p.values)
