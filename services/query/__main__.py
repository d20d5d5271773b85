"""`python -m services.query`: the query service, configured from the environment (DESIGN §7)."""

import sys

from services.query.app import create_app
from shared.runner import run

if __name__ == "__main__":
    sys.exit(run("query", create_app))
