"""The query service's own Prometheus metrics (request latency comes from shared.web)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from services.query.follower import Follower


def install(registry: CollectorRegistry, follower: Follower) -> None:
    applied = Counter("coopline_projection_records_applied", "Log records applied to the projections",
                      registry=registry)
    # How long one page (one transaction) takes to apply: what a `min_position` read waits for
    # behind the page in flight. Pages are one record to 5,000 (catching up).
    page_seconds = Histogram("coopline_projection_page_apply_seconds", "Seconds to apply one page of log records",
                             registry=registry, buckets=(.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5))

    def on_applied(records: int, seconds: float) -> None:
        applied.inc(records)
        page_seconds.observe(seconds)

    follower.on_applied = on_applied
    gauges = {
        "coopline_projection_position": ("Last log position applied", lambda: follower.applied.position),
        "coopline_projection_head_position": ("Highest log position ingest has reported", lambda: follower.head),
        "coopline_projection_lag_records": ("Log records not yet applied", lambda: follower.lag_events),
        "coopline_projection_lag_seconds": ("Seconds since the projections last held the whole log",
                                            lambda: follower.lag_seconds),
        "coopline_feed_up": ("1 while the ingest feed answers", lambda: 1 if follower.connected else 0),
    }
    for name, (doc, fn) in gauges.items():
        Gauge(name, doc, registry=registry).set_function(fn)
