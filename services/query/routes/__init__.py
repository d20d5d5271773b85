"""The query service's HTTP handlers, one small module per group."""

from services.query.routes import (
    drafts,
    operations,
    organisations,
    reads,
    releases,
    search,
    timeline,
)

ROUTE_TABLES = (timeline.routes, reads.routes, operations.routes, search.routes,
                organisations.routes, releases.routes, drafts.routes)
