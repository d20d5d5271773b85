"""`python -m services.ingest`: the ingest service, configured from the environment (DESIGN §7)."""

import sys

from services.ingest.app import create_app
from shared.runner import run

if __name__ == "__main__":
    sys.exit(run("ingest", create_app))
