"""Bench-only: the ingest service with the hash chain switched off, to measure what the chain
costs (bench/chain_stages.py). Not a user setting: a log written so is unsealed and fails
`coopline verify`; the service seals it when it is next opened normally."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from services.ingest.app import create_app  # noqa: E402
from services.ingest.store import decide  # noqa: E402
from shared.runner import run  # noqa: E402

if __name__ == "__main__":
    decide.SEAL = False
    sys.exit(run("ingest", create_app))
