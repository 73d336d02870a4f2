# The two commands of the README: `make run` and `make test`. Everything else is a step of theirs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test setup browser lint format schema bench

run: setup ## set up, load examples/ into Neo4j (local server unless NEO4J_URI is set), serve the API
	$(BIN)/kg load examples/
	$(BIN)/kg serve

test: setup ## set up, lint, check the layers, run the whole test suite against a throwaway real Neo4j
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/pytest

setup: $(STAMP) browser

# The headless browser of the browser tests: Debian's chromium, driven by Playwright through
# its executable path (no browser download at run time). Installed when missing and apt-get
# can run; otherwise a warning (the browser tests then say how to install it).
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && \
	    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; } || \
	  echo "warning: chromium is missing; the browser tests need it (apt-get install chromium)"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

schema: setup ## re-export schema.graphql from the code
	$(BIN)/kg export-schema > schema.graphql

bench: setup
	$(BIN)/python benchmarks/bench_extract.py
	$(BIN)/python benchmarks/bench_load.py
