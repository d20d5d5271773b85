"""The query service's own Prometheus metrics (request latency comes from shared.web)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge

from services.query.follower import Follower


def install(registry: CollectorRegistry, follower: Follower) -> None:
    applied = Counter("coopline_projection_records_applied", "Log records applied to the projections",
                      registry=registry)
    follower.on_applied = applied.inc
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
