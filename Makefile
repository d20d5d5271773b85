# Coopline — the two commands a newcomer needs are `make run` and `make test`.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
PYTEST_ARGS ?=

.PHONY: setup run test lint bench bench-quick bench-deps browser-deps clean

# Quiet on success: -qq shows pip's errors only (a machine's pip configuration may add
# warnings about its own package locations); on failure pip's error and make's exit status remain.
PIP := $(BIN)/python -m pip install -qq --disable-pip-version-check

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	@$(PIP) --upgrade pip
	@$(PIP) -e '.[dev]'
	@rm -f $(VENV)/.installed-* && touch $@ && echo "set up: $(VENV) holds the pinned dependencies"

setup: $(STAMP)

## start both services on SQLite with the seed data loaded (Ctrl-C stops both)
run: setup
	$(BIN)/coopline up

## set up and run every test (unit, contract, integration, e2e, browser; PostgreSQL included)
test: setup browser-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## Debian's chromium and CJK fonts for the browser tests (installed when missing)
browser-deps:
	@command -v chromium >/dev/null 2>&1 && dpkg -s fonts-noto-cjk >/dev/null 2>&1 || \
	  { (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; }

lint: setup
	$(BIN)/ruff check shared services tests bench

bench: bench-deps
	$(BIN)/python bench/run.py

bench-quick: bench-deps
	$(BIN)/python bench/run.py --quick

bench-deps: setup
	@$(PIP) -e ".[dev,bench]"
	@command -v wrk >/dev/null 2>&1 || { (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

clean:
	rm -rf $(VENV) data .pytest_cache
