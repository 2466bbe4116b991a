# Khabar: `make demo` serves a demo site, `make test` runs the whole suite.
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	&& echo $$p && break; done)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo serve test test-sqlite test-postgres lint clean fonts reliability

$(BIN)/khabar: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Khabar needs Python 3.11 or newer on PATH."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

demo: $(BIN)/khabar
	$(BIN)/khabar demo
	$(BIN)/khabar serve

serve: $(BIN)/khabar
	$(BIN)/khabar serve

test: $(BIN)/khabar
	$(BIN)/python scripts/run_tests.py

test-sqlite: $(BIN)/khabar
	$(BIN)/python scripts/run_tests.py --only sqlite

test-postgres: $(BIN)/khabar
	$(BIN)/python scripts/run_tests.py --only postgres

# Rebuild the self-hosted Persian font from the npm registry (needs network).
fonts: $(BIN)/khabar
	$(BIN)/python -m pip install --quiet -e '.[fonts]'
	$(BIN)/python scripts/build_font.py

# Load and faults (docs/reliability.md): 20,000 comments from 64 clients with a
# kill -9 of gunicorn, on SQLite, then on PostgreSQL with a database restart.
reliability: $(BIN)/khabar
	bench/reliability/run.sh
	bench/reliability/run.sh --pg

lint: $(BIN)/khabar
	$(BIN)/ruff check src tests bench scripts

clean:
	rm -rf $(VENV) var test-artifacts .pytest_cache
