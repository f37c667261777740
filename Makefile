# Everything needs only the machine's python3 (3.11+) and a package index.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SHARED ?= ../shared
DEMO   := demo

LOCK   := requirements.lock
LATEST := .venv-latest

.PHONY: install demo test test-latest lock lint bench bench-quick accuracy clean

# The exact versions that were tested (requirements.lock), then the package itself without
# resolving again: a fresh machine gets what CI tested. The lock includes the [cluster] extra
# (Ray Data, ~420 MB and ~40 s more) so that `make test` runs the distributed tests too.
$(STAMP): pyproject.toml $(LOCK)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r $(LOCK)
	$(BIN)/python -m pip install -q --no-deps -e .
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/foicompare demo --out $(DEMO)

test: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

# The newest versions that pyproject.toml allows, in a venv of their own, through the same suite.
test-latest:
	@test -x $(LATEST)/bin/python || $(PYTHON) -m venv $(LATEST)
	$(LATEST)/bin/python -m pip install -q --upgrade pip
	$(LATEST)/bin/python -m pip install -q --upgrade --upgrade-strategy eager -e '.[dev,cluster]'
	$(LATEST)/bin/python -m pip freeze --exclude-editable | grep -iE '^(duckdb|polars|httpx|pyarrow|google-re2|ray)=='
	$(LATEST)/bin/python -m pytest -q -n 2 --dist loadfile -p no:cacheprovider

# Re-resolve requirements.lock from pyproject.toml (core + dev + cluster extras) with uv.
lock: $(STAMP)
	$(BIN)/python -m pip install -q uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --extra cluster --universal --python-version 3.11 -q -o $(LOCK)

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts bench
	$(BIN)/ruff format --check src tests scripts bench

accuracy: $(STAMP)
	FOICOMPARE_SHARED=$(SHARED) $(BIN)/python scripts/accuracy.py --splits

bench: $(STAMP)
	$(BIN)/python -m pip install -q -e '.[dev,bench]'
	$(BIN)/python bench/run.py

bench-quick: $(STAMP)
	$(BIN)/python -m pip install -q -e '.[dev,bench]'
	$(BIN)/python bench/run.py --quick

clean:
	rm -rf $(VENV) $(LATEST) $(DEMO)/demo.duckdb .pytest_cache
