# The two commands a newcomer needs are `make run` and `make test`; the rest are for maintainers.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip
# The lock: every package pinned with its hashes, compiled for this Python by `make lock`
# from pyproject.toml's lower bounds. Installs use only it; the project goes in on top.
LOCK      := requirements.txt
LOCK_TEST := requirements-test.txt
COMPILE   := $(BIN)/pip-compile --quiet --generate-hashes --strip-extras --upgrade \
             --no-emit-index-url --no-emit-find-links --no-emit-trusted-host
TABLE  := data/nrf_activity.csv
BOUNDARY_SOURCE := data/sources/natural_earth_admin1_afg.geojson
# The table is stale when a report (text, web page or PDF, suffix in either case), the catalog
# or the extractor changed after it was written.
REPORT_FILES := $(wildcard $(foreach s,txt TXT html HTML htm HTM pdf PDF,seeds/*.$(s)))
TABLE_INPUTS := $(REPORT_FILES) seeds/sources.csv $(wildcard etl/*.py etl/*.csv etl/extract/*.py)
COUNTRY_SOURCE  := data/sources/natural_earth_admin0_neighbours.geojson

.PHONY: run test test-fast lint data boundaries bench lock clean

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
	$(BIN)/python -m etl.boundaries $(BOUNDARY_SOURCE) --countries $(COUNTRY_SOURCE)

bench: $(VENV)/.installed-test $(TABLE)
	$(BIN)/python benchmarks/etl_bench.py
	$(BIN)/python benchmarks/app_bench.py

# Re-pin every package to its newest release within pyproject.toml's bounds (needs PyPI).
lock: | $(BIN)/python
	$(PIP) install --quiet 'pip-tools>=7.5'
	$(COMPILE) --output-file $(LOCK) pyproject.toml
	$(COMPILE) --extra test --constraint $(LOCK) --output-file $(LOCK_TEST) pyproject.toml

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache

$(TABLE): $(TABLE_INPUTS) | $(VENV)/.installed
	$(BIN)/python -m etl

# A new venv gets current pip and setuptools (the venv module's own may be years old).
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip setuptools

$(VENV)/.installed: pyproject.toml $(LOCK) | $(BIN)/python
	$(PIP) install --quiet --require-hashes -r $(LOCK)
	$(PIP) install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(LOCK_TEST) $(VENV)/.installed
	$(PIP) install --quiet --require-hashes -r $(LOCK_TEST)
	touch $@
