# The two set-up commands in the README: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB ?= demo.db
PORT   ?= 8000

.PHONY: demo test install bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test,bench]"
	touch $(STAMP)

install: $(STAMP)

# Ingest the bundled sample articles and serve them.
demo: $(STAMP)
	$(BIN)/sitrep ingest samples/ --db $(DEMO_DB)
	$(BIN)/sitrep serve --db $(DEMO_DB) --port $(PORT)

# Install, set up the services the tests use (as root: PostgreSQL, Chromium), run everything.
test: $(STAMP)
	@eval "$$(bash scripts/test-services.sh)"; \
	$(BIN)/python -m pytest -q -n 2 --dist loadfile $(PYTEST_ARGS)

bench: $(STAMP)
	for b in benchmarks/bench_*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache $(DEMO_DB)
