# Two commands on a fresh machine with Python 3.11 and make: `make demo`, `make test`.
# Both create .venv and install the project into it from pyproject.toml.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
BATCH ?= submissions/mojokerto-2022
export DO_NOT_TRACK := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: venv demo validate test test-slow test-integration check lint typecheck bench eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)  ## run the main job on the bundled sample batch
	$(BIN)/kipp run $(BATCH)

validate: $(STAMP)
	$(BIN)/kipp validate $(BATCH)

test: $(STAMP)  ## the default suite (a few minutes)
	$(BIN)/python -m pytest --durations=10 -m "not slow and not integration"

test-slow: $(STAMP)  ## slower suites (run by CI as well)
	$(BIN)/python -m pytest --durations=10 -m "slow and not integration" || test $$? -eq 5  # 5: none selected

test-integration: $(STAMP)  ## PostgreSQL + Prefect server + worker, started and stopped by the tests
	$(BIN)/python -m pytest --durations=10 -m integration || test $$? -eq 5

lint: $(STAMP)
	$(BIN)/ruff check src flows tests bench
	$(BIN)/ruff format --check src flows tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

check: lint typecheck test

bench: $(STAMP)  ## performance benchmarks (see bench/README.md)
	$(BIN)/python -m bench.intake
	$(BIN)/python -m bench.pipeline
	$(BIN)/python -m bench.dask

eval: $(STAMP)  ## novelty evaluation set: ROC AUC, precision and recall of the flag
	$(BIN)/python -m bench.eval

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
