# The two commands of the README: `make run` and `make test`. Everything else is a step of theirs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test setup browser lint format schema bench

run: setup ## set up, load examples/ into Neo4j (local server unless NEO4J_URI is set), serve the API
	$(BIN)/kg load examples/
	$(BIN)/kg serve

test: setup ## set up, lint, run the whole test suite against a throwaway real Neo4j
	$(BIN)/ruff check .
	$(BIN)/pytest

setup: $(STAMP) browser

# Debian's chromium for the explorer's browser tests (tests/explorer), installed only when
# missing; Playwright drives it and never downloads a browser of its own.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "installing Debian's chromium for the browser tests"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

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
