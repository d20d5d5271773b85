"""The benchmark's report code on synthetic numbers: ratios, targets, table, JSON, chart, workload.

No timing is measured or asserted here; `make bench` does the measuring.
"""

from __future__ import annotations

import json
import math

import msgspec
import pytest

from bench import report, workload
from bench.report import Figure, Target
from shared import record


def test_percentile_interpolates_and_handles_empty():
    assert report.percentile([1, 2, 3, 4], 50) == 2.5
    assert report.percentile([5.0], 99) == 5.0
    assert math.isnan(report.percentile([], 50))


def test_ratio_and_targets_on_value_or_ratio():
    fast = Figure("post_64_rps", "single POST", 8000, "req/s", "bare", 10000, Target(">=", 0.8, "ratio"))
    assert fast.ratio == pytest.approx(0.8) and fast.met is True
    slow = Figure("p99", "p99", 12.0, "ms", "bare_p99", 3.0, Target("<=", 10))
    assert slow.ratio == pytest.approx(4.0) and slow.met is False
    missing = Figure("x", "x", None, "ms", "b", 0.0, Target("<=", 1))
    assert missing.ratio is None and missing.met is None


def test_table_and_json_carry_every_figure(tmp_path):
    figs = [Figure("a", "alpha", 1234.5, "events/s", "base", 2469.0, Target(">=", 0.7, "ratio")),
            Figure("b", "beta", 0.4, "ms", target=Target("<=", 0.6))]
    text = report.table(figs)
    assert "alpha" in text and "0.50×" in text and "NO" in text and "yes" in text
    out = json.loads(report.to_json(figs, meta={"quick": True}, raw={"x": [1, 2]}))
    assert [f["key"] for f in out["figures"]] == ["a", "b"]
    assert out["figures"][0]["met"] is False and out["figures"][1]["target"] == "<= 0.6"


def test_chart_writes_a_png(tmp_path):
    points = [{"connections": c, "rps": 1000 * c ** 0.5, "p50_ms": 0.2 * c, "p99_ms": 0.5 * c} for c in (1, 4, 16, 64, 128)]
    path = tmp_path / "chart.png"
    report.chart({"bare": points, "ingest": points}, path, "synthetic")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_workload_bodies_are_valid_records_with_unique_ids():
    filler = workload.Filler("smoke", count=16)
    batch = msgspec.json.decode(filler.batch(40))
    assert len({r["id"] for r in batch}) == 40
    recs = record.decode_batch(filler.batch(20))
    assert all(r.id.startswith("smoke-") for r in recs)
    for body in workload.bodies(0, 20, "smoke-b"):
        record.decode_record(body)


async def test_the_verify_stage_log_builder_writes_a_sealed_log(tmp_path):
    """bench/sealed_log.py (the `verify` stage's 1M-record log) on a tiny log: 25 valid records
    appended, each with its hash."""
    import sqlite3

    from bench import sealed_log

    await sealed_log.build(f"sqlite:///{tmp_path}/events.db", 25)
    with sqlite3.connect(tmp_path / "events.db") as db:
        assert db.execute("SELECT count(*), max(position), count(hash) FROM log").fetchone() == (25, 25, 25)


def test_the_drafts_reads_bench_has_its_articles_and_figures():
    from bench import drafts_reads

    bodies = drafts_reads.articles()
    assert len(bodies) >= 10 and all(("text" in b) != ("html" in b) for b in bodies)
    from services.query.routes.drafts import parse
    for b in bodies:  # each a valid POST /v1/drafts body
        parse(msgspec.json.encode(b))


async def test_the_query_stage_builds_a_store_and_times_timelines_search_and_organisations(tmp_path):
    """bench/query_stages.py on a tiny log: a rebuild into a shadow and its swap, then every
    read `run.py`'s query stage times over HTTP (timelines, the search words with and without
    a country, the organisation lists), each answering rows; and run.py's request paths."""
    from bench import query_stages, run

    path = str(tmp_path / "projections.db")
    built = await query_stages.rebuild(path, 1200, 500)
    assert built["events"] == 1200 and built["events_per_s"] > 0
    out = await query_stages.reads(path, 2)
    searches = [k for k in out if k.startswith("search ")]
    assert len(searches) == 2 * len(run.SEARCH_WORDS) and all(out[k]["n"] == 2 for k in searches)
    assert {"no_window", "window", "organisations all", "organisations country=DK", "organisations q=institute"} <= set(out)
    assert all(p.startswith("/v1/search?q=") and "%" in p for p in run.search_paths()[:4])
    assert [p for p in run.search_paths() if "country=DK" in p] and len(run.organisation_paths()) == 3
