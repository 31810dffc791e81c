# marsad: two commands on a fresh machine.
#   make run   installs into .venv and runs the main job on the bundled example pages
#   make test  installs into .venv and runs the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RUN_DB ?= .marsad-run.db

.PHONY: run test install lint bench clean browser

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	rm -f $(RUN_DB) $(RUN_DB)-wal $(RUN_DB)-shm
	$(BIN)/marsad ingest examples/pages/*.txt --db $(RUN_DB)
	$(BIN)/marsad stories --db $(RUN_DB)

# headless Chromium from Debian packages for the browser tests (skipped with a message without it)
browser:
	bash scripts/install_browser.sh

test: $(STAMP) browser
	$(BIN)/pytest -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy src

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) $(RUN_DB) $(RUN_DB)-wal $(RUN_DB)-shm .pytest_cache
