"""What a projection declares and returns, in no database's dialect.

A projection declares its tables as `Table`s (columns typed `int`, `text` or `bytes`, a
trailing `?` for NULLable) and returns a page's row changes as a `Changes`; each store turns
both into its own SQL (types, placeholders, bulk loading).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[tuple[str, str], ...]  # (name, "int" | "text" | "bytes", "?" suffix: NULLable)
    key: tuple[str, ...]                  # the primary key
    # Built once after a bulk load (a rebuild's shadow); created with the table otherwise.
    indexes: tuple[str, ...] = ()
    # Needed while loading (state reads of later pages use them): created with the table.
    load_indexes: tuple[str, ...] = ()
    # Dialect-specific statements of the projection's own (a partial index, a full-text
    # index): {"sqlite": [...], "postgresql": [...]}, run with `indexes`.
    extra: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Copies of the rows that one backend keeps in structures of its own (SQLite's full-text
    # tables): {"sqlite": ((create statement, insert statement, n), …)}. Each is created with
    # the table, and its insert runs with the first n columns of the same rows right after every
    # bulk insert into the table (numbered placeholders: `VALUES (?1, ?3)`), in one transaction.
    mirror: dict[str, tuple[tuple[str, str, int], ...]] = field(default_factory=dict)
    # An upsert only ever raises the value (of the one column that is not the key): a page
    # may carry a smaller one than is stored, and need not read the stored one first.
    grow: bool = False
    # An upsert adds its value (of the last column) to the stored one: a count kept by
    # increments, the rows of a page already summed per key. Any other column not in the key
    # keeps the stored value (a function of the key), unless `merge` names it.
    add: bool = False
    # Columns an upsert sets to an expression of the stored row (`{t}.column`, the table's name
    # in place of `{t}`) and the page's (`excluded.column`), the same SQL on both backends: a
    # value kept from a page's rows without reading the stored one first (e.g. a maximum).
    # Every expression sees the stored row as it was before the upsert.
    merge: tuple[tuple[str, str], ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c for c, _ in self.columns)


@dataclass(frozen=True)
class Update:
    """`UPDATE table SET <set> WHERE <where>`, each row (*set values, *where values)."""

    table: str
    set: tuple[str, ...]
    where: tuple[str, ...]


class Changes:
    """The row changes of one page, by table: inserts, upserts (by primary key) and updates.
    A store applies all inserts first, then upserts, then updates (an update may target a row
    inserted by the same page), each table's rows in one bulk statement."""

    __slots__ = ("inserts", "upserts", "updates", "versions", "stale")

    def __init__(self) -> None:
        self.versions: dict = {}  # the cooperations' versions after the page, by id (see page_changes)
        # organisations whose kept extremes a page made without reading state (a shadow's load)
        # may have left stale: the store has `organisations.refresh` make them exact
        self.stale: set[str] = set()
        self.inserts: dict[str, list[tuple]] = {}
        self.upserts: dict[str, list[tuple]] = {}
        self.updates: dict[Update, list[tuple]] = {}

    def insert(self, table: Table, rows: list[tuple]) -> None:
        if rows:
            self.inserts.setdefault(table.name, []).extend(rows)

    def upsert(self, table: Table, rows: list[tuple]) -> None:
        if rows:
            self.upserts.setdefault(table.name, []).extend(rows)

    def update(self, update: Update, rows: list[tuple]) -> None:
        if rows:
            self.updates.setdefault(update, []).extend(rows)


def _marks(n: int, numbered: bool) -> str:
    return ", ".join(f"${i}" if numbered else "?" for i in range(1, n + 1))


def insert_sql(t: Table, numbered: bool) -> str:
    return f"INSERT INTO {t.name} ({', '.join(t.names)}) VALUES ({_marks(len(t.names), numbered)})"


def upsert_sql(t: Table, numbered: bool) -> str:
    rest = [c for c in t.names if c not in t.key]
    if t.add:
        rest = rest[-1:]
    merged = dict(t.merge)
    sets = [f"{c} = {merged[c].format(t=t.name)}" for c in merged]
    sets += [f"{c} = {t.name}.{c} + excluded.{c}" if t.add else f"{c} = excluded.{c}" for c in rest if c not in merged]
    sql = f"{insert_sql(t, numbered)} ON CONFLICT ({', '.join(t.key)}) DO UPDATE SET " + ", ".join(sets)
    if t.grow:
        (c,) = rest
        sql += f" WHERE excluded.{c} > {t.name}.{c}"
    return sql


def update_sql(u: Update, numbered: bool) -> str:
    marks = _marks(len(u.set) + len(u.where), numbered).split(", ")
    sets = ", ".join(f"{c} = {m}" for c, m in zip(u.set, marks, strict=False))
    cond = " AND ".join(f"{c} = {m}" for c, m in zip(u.where, marks[len(u.set):], strict=True))
    return f"UPDATE {u.table} SET {sets} WHERE {cond}"


def create_sql(t: Table, types: dict[str, str], suffix: str = "") -> str:
    """`CREATE TABLE` with the store's names for the column types."""
    cols = ", ".join(f"{c} {types[ty.rstrip('?')]}{'' if ty.endswith('?') else ' NOT NULL'}" for c, ty in t.columns)
    return f"CREATE TABLE IF NOT EXISTS {t.name} ({cols}, PRIMARY KEY ({', '.join(t.key)})){suffix}"
