"""The query service: follows the ingest feed into projections and answers reads (DESIGN §6)."""
