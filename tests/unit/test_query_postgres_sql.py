"""How the projections' shared SQL is turned into PostgreSQL's (no database needed)."""

from __future__ import annotations

from services.query import projections
from services.query.projections import country_timeline, event_detail
from services.query.store.postgres_sql import copy_plan, ddl, params


def test_placeholders_are_numbered_outside_string_literals():
    assert params("SELECT '?' , a FROM t WHERE a = ? AND b IN (?, ?)") == \
        "SELECT '?' , a FROM t WHERE a = $1 AND b IN ($2, $3)"
    assert "$3" in params(country_timeline._LAST + " ? ? ?") and "'9999-99-99'" in params(country_timeline._LAST)


def test_table_definitions_change_types_only():
    for sql in projections.TABLES:
        out = ddl(sql)
        assert "BLOB" not in out and "WITHOUT ROWID" not in out and " INTEGER" not in out
    assert "doc            BYTEA NOT NULL" in ddl(event_detail.TABLES[0])


def test_plain_inserts_can_go_by_copy():
    assert copy_plan(event_detail._INSERT_VERSION) == ("event_versions", (2,))
    assert copy_plan(event_detail._INSERT_HISTORY) == ("history", ())
    assert copy_plan(event_detail._SUPERSEDE) is None
    assert copy_plan("INSERT INTO t VALUES (?, 'x')") is None
