# One entry per task. `make serve` and `make test` set up everything they need on first run.
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

# The edition in mkdocs.yml (extra.edition) is what `make deploy-local` publishes unless VERSION is given.
EDITION := $(shell sed -n 's/^  edition: "\(.*\)"/\1/p' mkdocs.yml)
VERSION ?= $(EDITION)

.PHONY: setup serve build test bench clean deploy-local serve-versions ny-klyngepakke klyngedata

# Python packages from the lock, every file checked against its hash (transitive ones too); the lock is made from
# pyproject.toml's pins with: pip-compile --generate-hashes --extra test --strip-extras --allow-unsafe \
#   --no-emit-index-url -o requirements.lock pyproject.toml
$(BIN)/mkdocs: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.lock
	touch $@

# Pyodide (copied into the site) and ESLint (make test), both pinned in package-lock.json. --ignore-scripts: no
# package's install script runs (neither needs one).
node_modules/pyodide/package.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser of its own).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
/usr/bin/chromium:
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-dejavu-core >/dev/null

setup: $(BIN)/mkdocs node_modules/pyodide/package.json

serve: setup
	$(BIN)/mkdocs serve --dev-addr $(HOST):$(PORT)

build: setup
	$(BIN)/mkdocs build --strict

# ruff and ESLint first: a lint or format slip is the quickest answer a change can get (settings in pyproject.toml
# and eslint.config.mjs).
test: setup /usr/bin/chromium
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	node_modules/.bin/eslint .
	$(BIN)/python -m pytest

# Versions with mike, into the local gh-pages branch (nothing is pushed). The script keeps one copy of Pyodide at
# gh-pages' root (_pyodide/<version>/), shared by every edition; see scripts/deploy_edition.py.
deploy-local: setup
	$(BIN)/python scripts/deploy_edition.py deploy $(VERSION)
	$(BIN)/mike set-default latest

serve-versions: setup
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/mike serve --dev-addr $(HOST):$(PORT)

# A new cluster pack as a draft from scripts/templates/: make ny-klyngepakke NAVN="Antibiotika i almen praksis"
ny-klyngepakke: setup
	$(BIN)/python scripts/new_pack.py -- "$(NAVN)"

# One cluster data file per cluster from MidtKraft's extract (.csv or .xlsx); see CONTRIBUTING.md. Needs the Python
# environment only (pandas, openpyxl), not Node:
# make klyngedata FIL=udtraek.xlsx UD=klyngedata FRA=2024-01-01 TIL=2025-12-31 [AABNE="Klynge Nord,Klynge Syd"] [PAKKE=…]
klyngedata: $(BIN)/mkdocs
	$(BIN)/python scripts/klyngedata.py --fil "$(FIL)" --ud "$(UD)" --aabne "$(AABNE)" --pakke "$(PAKKE)" --fra "$(FRA)" --til "$(TIL)"

bench: setup /usr/bin/chromium
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf site .pytest_cache
