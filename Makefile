# Two commands on a fresh machine with Python 3.11 and make: `make demo`, `make test`.
# Both create .venv and install the project into it from pyproject.toml, at the versions CI
# tested (constraints.txt; `make lock` writes it again from a fresh install).

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
BATCH ?= submissions/mojokerto-2022
export DO_NOT_TRACK := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: venv demo validate test test-slow test-integration check lint typecheck architecture \
	dependencies bench eval eval-reviews lock clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,dask]'
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

check: lint typecheck architecture dependencies  ## the house rules, before any test

lint: $(STAMP)
	$(BIN)/ruff check src flows tests bench
	$(BIN)/ruff format --check src flows tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

architecture: $(STAMP)  ## the layers of pyproject.toml's [tool.importlinter]
	$(BIN)/lint-imports

dependencies: $(STAMP)  ## every imported package declared, none unused
	$(BIN)/deptry src

bench: $(STAMP)  ## performance benchmarks (see bench/README.md)
	$(BIN)/python -m bench.intake
	$(BIN)/python -m bench.pipeline
	$(BIN)/python -m bench.dask
	$(BIN)/python -m bench.distributed
	$(BIN)/python -m bench.scale

eval: $(STAMP)  ## novelty evaluation set: ROC AUC, precision and recall of the flag
	$(BIN)/python -m bench.eval

eval-reviews: $(STAMP)  ## reviewer aggregation study by simulation (docs/reviews.md)
	$(BIN)/python -m bench.eval_reviews

lock:  ## pin every dependency at the versions a fresh install resolves today
	rm -rf $(VENV)-lock
	$(PYTHON) -m venv $(VENV)-lock
	$(VENV)-lock/bin/python -m pip install --quiet --upgrade pip
	$(VENV)-lock/bin/python -m pip install --quiet '.[dev,dask]'
	{ echo "# The versions CI tested, installed by make (pip install -c constraints.txt ...)."; \
	  echo "# Written by \`make lock\` from a fresh install of '.[dev,dask]'; edit pyproject.toml, not this."; \
	  $(VENV)-lock/bin/python -m pip freeze --exclude kipp; } > constraints.txt
	rm -rf $(VENV)-lock

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
