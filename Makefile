# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
TEST_PACKAGES := $(RUNTIME_PACKAGES) poppler-utils

.PHONY: demo test lint bench clean python-check

python-check:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
	  { echo "coop needs Python 3.11 or newer; '$(PYTHON)' is older: install python3.11 and run make PYTHON=python3.11 ..." >&2; exit 1; }

$(BIN)/python: | python-check
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $@ $(VENV)/.runtime

demo: $(VENV)/.runtime
	@scripts/system-deps.sh $(RUNTIME_PACKAGES)
	$(BIN)/coop demo --dir demo

test: $(VENV)/.dev
	@scripts/system-deps.sh $(TEST_PACKAGES)
	$(BIN)/ruff check coop tests benchmarks
	$(BIN)/pytest -q -n 2

lint: $(VENV)/.dev
	$(BIN)/ruff check coop tests benchmarks

bench: $(VENV)/.dev
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) demo dist build .pytest_cache .ruff_cache
