# The two commands a newcomer needs are `make run` and `make test`; the rest are for maintainers.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
TABLE  := data/nrf_activity.csv
BOUNDARY_SOURCE := data/sources/natural_earth_admin1_afg.geojson
# The table is stale when a report, the catalog or the extractor changed after it was written.
TABLE_INPUTS := $(wildcard seeds/*.txt) seeds/sources.csv $(wildcard etl/*.py etl/*.csv etl/extract/*.py)

.PHONY: run test test-fast lint data boundaries bench clean

# The address comes from .streamlit/config.toml (127.0.0.1) unless ADDRESS is given.
run: $(VENV)/.installed $(TABLE)
	$(BIN)/streamlit run app/main.py --server.port 8501 $(if $(ADDRESS),--server.address $(ADDRESS))

test: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/pytest

test-fast: $(VENV)/.installed-test
	$(BIN)/pytest -m "not browser"

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .

data: $(VENV)/.installed
	$(BIN)/python -m etl

boundaries: $(VENV)/.installed
	$(BIN)/python -m etl.boundaries $(BOUNDARY_SOURCE)

bench: $(VENV)/.installed-test $(TABLE)
	$(BIN)/python benchmarks/etl_bench.py
	$(BIN)/python benchmarks/app_bench.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache

$(TABLE): $(TABLE_INPUTS) | $(VENV)/.installed
	$(BIN)/python -m etl

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@
