"""Search: each live cooperation version's searchable text, found by case-insensitive substrings.

One row per live version (`vid`, like `event_versions`): `title` (title and title_en) and
`text` (those, the summary, the participants' names and English names, the place's city),
lower-cased here so both backends compare the same characters. Validity at a position comes
from joining `event_versions`, so a search answers as the log stood at any `as_of`: a
correction that renames a title makes a new version with a new row, found from its position on.

Substrings, not words — Korean has no word boundaries worth trusting (`과학의 날`, `아카데미`):

* SQLite: FTS5 tables with the trigram tokenizer, rowid = vid, written with the rows (the
  table's `mirror`): `event_title_fts` (the title) and `event_search_fts` (the rest of the
  text); a term of three or more characters is a trigram phrase `MATCH` in either. A trigram
  index cannot find two characters, so a two-character term (`과학`, `벨라`) is a `LIKE` over
  the row's text — checked only on the rows the other terms and filters leave, and a scan of
  the search rows when it is the only term.
* PostgreSQL: a `pg_trgm` GIN index on `text`, which serves `LIKE '%term%'` for terms of three
  or more characters (two-character terms are answered too, by a scan, as on SQLite).

Every term must match (AND). A term is at least two characters.

`search` reads first the newest versions in result order through an index and checks the
terms on each (a common term fills the page within a few rows); the full-text index answers
when that does not fill the page (a rare term: a short list to sort). See `WALK`.
"""

from __future__ import annotations

import dataclasses

from services.query.projections.event_detail import valid
from services.query.projections.schema import Changes, Table
from services.query.projections.selection import Filters, like, where
from services.query.projections.state import OPEN_START, Change, Fields
from services.query.store.base import Reader

NAME = "search"
SEARCH = Table("event_search", (("vid", "int"), ("title", "text"), ("text", "text")), key=("vid",), mirror={
    # SQLite: a page's rows are only listed as pending (cheap); they go into the full-text
    # tables in bulk (`FLUSH`) once `FLUSH_AT` are pending, in the transaction of the page that
    # passes it, and at the end of a rebuild's load. A search reads the pending rows directly
    # (selection.text_match, `_part`): every read is exact at every checkpoint. Flushing each live page cost
    # FTS5 ≈ 40 µs of CPU per event in its COMMIT (measured, bench/README.md).
    "sqlite": (("CREATE TABLE IF NOT EXISTS event_search_pending (vid INTEGER PRIMARY KEY)",
                "INSERT INTO event_search_pending (vid) VALUES (?1)", 1),),
}, extra={
    "sqlite": ("DROP TRIGGER IF EXISTS event_search_fts_add",),  # files made before the mirror had one
    "postgresql": (
        "CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public",
        # `fastupdate` (on by default) is PostgreSQL's own pending list: new entries are
        # appended to it and merged into the index in bulk (`gin_pending_list_limit`).
        "CREATE INDEX IF NOT EXISTS event_search_trgm ON event_search USING gin (text public.gin_trgm_ops)",
    ),
})
# SQLite's full-text tables (trigram), created with the tables; rowid = vid. The title and the
# rest of the text apart: a title hit is found among titles alone.
# `automerge` 16 (FTS5's default is 4): the segments each flush writes are merged 16 at a time
# instead of 4, so each row is rewritten about half as often (log16 against log4 of the index's
# size). At a million events: the rebuild's final indexing 56 → 47 s of CPU, a live page's
# bytes written −8 %, its CPU a few % (bench/README.md, "at a million events"). A search reads
# a few more segments (no change measured). `crisismerge` 64 (default 16): a level merged all
# at once, inside the page whose flush makes it that long, only past 64 segments; with 16 (= the
# automerge) that happened before the incremental merge had started, and such a page of 50
# took 150–170 ms of CPU at 1M instead of at most 60–90. Settings kept in the file, written
# again on open.
AUTOMERGE, CRISISMERGE = 16, 64
# Contentless (`content=''`, no column sizes): the tables hold the index alone, not a second copy
# of the text `event_search` already holds; they are only asked for the rowids that MATCH a
# phrase, and rows are never deleted from them (a version's row stays; validity comes from
# `event_versions`). At 300k events that is 113 MB less written, and the rebuild's full-text
# indexing ≈ 13 % less CPU (bench/README.md, "Contentless full-text tables").
_FTS_OPTIONS = "tokenize='trigram', content='', columnsize=0"
_FTS_TABLES = ("event_title_fts", "event_search_fts")


def _setting(key: str, value: int) -> tuple[str, ...]:
    """The statements that set an FTS5 setting (kept in the file) on both full-text tables."""
    return tuple(f"INSERT INTO {t}({t}, rank) VALUES ('{key}', {value})" for t in _FTS_TABLES)


FTS = {"sqlite": (f"CREATE VIRTUAL TABLE IF NOT EXISTS event_search_fts USING fts5(body, {_FTS_OPTIONS})",
                  f"CREATE VIRTUAL TABLE IF NOT EXISTS event_title_fts USING fts5(title, {_FTS_OPTIONS})",
                  *_setting("automerge", AUTOMERGE), *_setting("crisismerge", CRISISMERGE))}
FLUSH_AT = 500  # pending rows (SQLite) that make the page passing it flush them: see bench/README.md
# The pending list drives (CROSS JOIN: SQLite keeps the left table outer). With a plain JOIN the
# planner, whose statistics (ANALYZE after a rebuild) saw the list empty, scanned every search
# row to probe the list: each flush read the whole table (≈ 85 MB at 130k events: a live page
# of 50 cost ≈ 380 µs of CPU per event instead of ≈ 225; bench/README.md, "at a million events").
_PENDING = "FROM event_search_pending q CROSS JOIN event_search s ON s.vid = q.vid ORDER BY q.vid"


# FTS5 keeps the terms of the rows a statement inserts in memory and writes them out as one
# segment each time they pass `hashsize` (1 MiB by default); the segments are then merged. A
# rebuild's shadow indexes every search row in one statement (`FLUSH_ALL`) with 16 MiB: fewer,
# larger segments, so fewer merges. At a million events that indexing took 10.8–11.2 s of CPU
# instead of 14.2–14.4 (−23 %) for ≈ 21 MB more memory while it runs (32 MiB: 8.2 s, +43 MB, too
# near the rebuild's 300 MB budget). It is set back to FTS5's default before the live pages come,
# whose flushes of `FLUSH_AT` rows need no more (bench/README.md, "A rebuild's full-text index in
# larger segments").
HASHSIZE_LOAD, HASHSIZE_DEFAULT = 16 << 20, 1 << 20


def _index_rows(rows: str) -> tuple[str, str]:
    """The two statements that put the search rows `rows` (a FROM clause naming them `s`) into the
    full-text tables: the title into one, the text after it into the other."""
    return (f"INSERT INTO event_title_fts (rowid, title) SELECT s.vid, s.title {rows}",
            f"INSERT INTO event_search_fts (rowid, body) SELECT s.vid, substr(s.text, length(s.title) + 2) {rows}")


FLUSH = {"sqlite": (*_index_rows(_PENDING), "DELETE FROM event_search_pending")}


def flush_all(hashsize: int) -> tuple[str, ...]:
    """A rebuild's shadow lists no pending rows (nothing reads it before its load is over): at the
    end of the load every search row goes into the full-text tables, in order, in one go, with
    FTS5's hash at `hashsize`; then each table's segments are merged into one (`optimize`).

    Why one: the load leaves a table as a few dozen segments of ≈ 16 MiB, most of them on the
    lowest level, where the live flushes then add theirs. FTS5 merges a level's segments all
    together: its first merge after the swap took the load's segments along (≈ 130 MB at a million
    events), a little per flush, and before it was done the level reached `CRISISMERGE` segments,
    when FTS5 merges whatever is left at once — inside one live page: 1.5–2.2 s (bench/README.md,
    "A rebuilt file's full-text tables in one segment"). Merged into one, the load's index sits on
    a level of its own above the live segments. It costs ≈ 5.5 s of CPU at a million events; the
    live pages of 50 that follow cost 28 % less CPU (their level-0 merges no longer carry the load's
    segments) and their longest went from ≈ 2.2 s to ≈ 40 ms. As the load's segments are merged
    into one anyway, FTS5 does not merge them meanwhile (`automerge` 0 until the end): the
    indexing and the merge together take 15.4 s of CPU at a million events instead of 18.5."""
    return (*_setting("automerge", 0), *_setting("hashsize", hashsize),
            *_index_rows("FROM event_search s ORDER BY s.vid"),
            *(f"INSERT INTO {t}({t}) VALUES ('optimize')" for t in _FTS_TABLES),
            *_setting("hashsize", HASHSIZE_DEFAULT), *_setting("automerge", AUTOMERGE))


FLUSH_ALL = {"sqlite": flush_all(HASHSIZE_LOAD)}
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




# A search first reads a few versions in result order (newest start first) through an order
# index — `event_versions_order`, or with a country `event_countries_order` — and keeps those
# that match: enough when the words are common, which is when the full-text index would hand
# back most of the log to sort. Only when they do not fill the page does the exact query ask the
# full-text index for the few that match. At most this many versions (title hits: fewer, as no
# title may hold a word that the rest of the text often does), or rows of the country.
WALK, WALK_TITLE, WALK_COUNTRY, WALK_MAX = 2000, 200, 200, 20000
_ORDER = "coalesce(v.start, '')"


async def search(db: Reader, country: str | None, f: Filters, at: int, limit: int,
                 after: tuple[str, str, int] | None = None) -> list[tuple]:
    """Rows (doc, version, first_position, title_hit, start) best first: versions whose title
    holds every term, then the rest; each by start, latest first (open starts last), then
    position, latest first. `f.terms` must not be empty."""
    rows: list[tuple] = []
    for hit in ("1", "0"):
        if after is not None and hit > after[0]:
            continue  # the cursor is past every title hit
        if hit == "1" and not await _in_a_title(db, f):
            continue  # no title holds the words: no walk of titles that cannot match
        cursor = (after[1], after[2]) if after is not None and after[0] == hit else None
        need = limit - len(rows)
        n = WALK_COUNTRY if country else WALK_TITLE if hit == "1" else WALK
        while True:
            bound = await _bound(db, country, cursor, n)
            part = await _part(db, country, f, at, need, hit, cursor, ("walk", bound))
            if len(part) >= need or bound is None:
                break
            # Not filled: walk further if the matches found say that a longer walk (up to
            # WALK_MAX) would fill it, else the exact query (few matches: a short list).
            if not part or n * need / len(part) > WALK_MAX:
                part = await _part(db, country, f, at, need, hit, cursor, None)
                break
            n = int(2 * n * need / len(part))
        rows += part
        if len(rows) >= limit:
            break
    return rows


async def _in_a_title(db: Reader, f: Filters) -> bool:
    """False when no title of any version holds every term, as SQLite's title index tells at
    once (and the pending rows' titles, `FLUSH_AT`); True otherwise (also on PostgreSQL, which
    has no index of titles alone, and for terms the trigram index cannot look up)."""
    long = [t for t in f.terms if len(t) >= 3]
    if db.numbered or not long:
        return True
    p = db.params()
    phrase = " ".join('"' + t.replace('"', '""') + '"' for t in long)
    sql = (f"SELECT EXISTS (SELECT 1 FROM event_title_fts WHERE event_title_fts MATCH {p(phrase)}) OR EXISTS "
           f"(SELECT 1 FROM event_search_pending q CROSS JOIN event_search s ON s.vid = q.vid WHERE "
           + " AND ".join(f"s.title LIKE {p(like(t))} ESCAPE '\\'" for t in f.terms) + ")")
    return bool((await db.fetchone(sql, p.values))[0])


def _after(p, cursor: tuple[str, int] | None) -> str:
    return f" AND ({_ORDER}, v.first_position) < ({p(cursor[0])}, {p(cursor[1])})" if cursor is not None else ""


async def _bound(db: Reader, country: str | None, cursor: tuple[str, int] | None, n: int) -> str | None:
    """The start from which on a walk reads (about) `n` versions after `cursor` in result
    order, or `n` rows of the country with a known start (from the order index); None when
    there are fewer: the walk then reads them all and its answer is exact."""
    p = db.params()
    if country is None:
        sql = (f"SELECT {_ORDER} FROM event_versions v WHERE 1 = 1{_after(p, cursor)} "
               f"ORDER BY {_ORDER} DESC, v.first_position DESC LIMIT 1 OFFSET {p(n)}")
    elif cursor is not None and cursor[0] == "":  # past every known start: the open ones are all read
        return None
    else:
        sql = (f"SELECT c.start_key FROM event_countries c WHERE c.country = {p(country)} "
               f"AND c.start_key < '{OPEN_START}'")
        if cursor is not None:
            sql += f" AND c.start_key <= {p(cursor[0])}"
        sql += f" ORDER BY c.start_key DESC LIMIT 1 OFFSET {p(n)}"
    row = await db.fetchone(sql, p.values)
    return None if row is None else row[0]


async def _part(db: Reader, country: str | None, f: Filters, at: int, limit: int, hit: str,
                cursor: tuple[str, int] | None, walk: tuple[str, str | None] | None) -> list[tuple]:
    """The title hits (`hit` '1') or the other matches ('0'), in order, after `cursor` (start,
    first_position). `walk` ("walk", bound): only the versions read through an order index
    down to `bound` (see `_bound`), the words checked on each; None: all of them, found
    through the full-text index."""
    p = db.params()  # SQLite's placeholders are positional: the SQL is written left to right
    title = lambda: " AND ".join(f"s.title LIKE {p(like(t))} ESCAPE '\\'" for t in f.terms)  # noqa: E731
    sql = f"SELECT v.doc, v.version, v.first_position, '{hit}', {_ORDER} FROM "
    if walk is not None:
        bound = walk[1]
        if country is None:  # `+vid`: the range of ids is no index to use here, the order is
            sql += f"event_versions v JOIN event_search s ON s.vid = v.vid WHERE {valid(p, at, '+v.vid')}"
            if bound is not None:
                sql += f" AND {_ORDER} >= {p(bound)}"
        else:
            sql += (f"event_countries c JOIN event_versions v ON v.vid = c.vid JOIN event_search s ON s.vid = v.vid "
                    f"WHERE c.country = {p(country)} AND {valid(p, at, '+c.vid')}")
            if bound is not None:
                sql += f" AND c.start_key >= {p(bound)} AND c.start_key < '{OPEN_START}'"
            elif cursor is not None and cursor[0] == "":
                sql += f" AND c.start_key = '{OPEN_START}'"
        sql += _after(p, cursor)
        sql += f" AND ({where(p, dataclasses.replace(f, terms=()), 'v')}) AND "
        sql += " AND ".join(f"s.text LIKE {p(like(t))} ESCAPE '\\'" for t in f.terms)
    else:
        sql += f"event_search s JOIN event_versions v ON v.vid = s.vid WHERE {valid(p, at, 's.vid')}{_after(p, cursor)}"
        long = [t for t in f.terms if len(t) >= 3]
        if hit == "1" and long and not p.numbered:  # title hits: the index's title column (holds every term)
            sql += f" AND ({where(p, dataclasses.replace(f, terms=()), 'v')})"
            phrase = " ".join('"' + t.replace('"', '""') + '"' for t in long)
            # the rows not yet in the index (FLUSH_AT) all pass here: their titles are checked below
            sql += (f" AND (s.vid IN (SELECT rowid FROM event_title_fts WHERE event_title_fts MATCH {p(phrase)})"
                    " OR s.vid IN (SELECT vid FROM event_search_pending))")
        else:
            sql += f" AND ({where(p, f, 'v')})"
        if country is not None:
            sql += f" AND EXISTS (SELECT 1 FROM event_countries x WHERE x.vid = v.vid AND x.country = {p(country)})"
    sql += f" AND ({title()})" if hit == "1" else f" AND NOT ({title()})"
    sql += f" ORDER BY {_ORDER} DESC, v.first_position DESC LIMIT {p(limit)}"
    return await db.fetchall(sql, p.values)
