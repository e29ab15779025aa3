# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
TEST_PACKAGES := $(RUNTIME_PACKAGES) poppler-utils

.PHONY: demo test lint lock bench clean python-check translations

python-check:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
	  { echo "coop needs Python 3.11 or newer; '$(PYTHON)' is older: install python3.11 and run make PYTHON=python3.11 ..." >&2; exit 1; }

$(BIN)/python: | python-check
	$(PYTHON) -m venv $(VENV)

# Every package comes from a lock file (exact versions, each file's hash checked), so a fresh
# machine installs what the tests passed with, whatever the package index offers that day; coop
# itself is then installed without its dependencies and with the locked build backend.
# The lock already holds every dependency, so pip installs exactly its lines (--no-deps) and
# `pip check` then proves nothing is missing: pip's resolver would otherwise look up a dependency
# asked for with extras (weasyprint's fonttools[woff]) on the index, find a newer release than the
# pinned one and refuse it for having no hash.
# An editable install leaves the package to be byte-compiled on first import, which some
# environments forbid (PYTHONDONTWRITEBYTECODE): compile it once, as pip does for a wheel, so
# that every command starts as fast as it will for the cooperative.
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check
INSTALL_COOP := $(PIP_INSTALL) --no-deps --no-build-isolation -e .

$(VENV)/.runtime: requirements/runtime.lock pyproject.toml | $(BIN)/python
	$(PIP_INSTALL) --no-deps --require-hashes -r requirements/runtime.lock
	$(BIN)/python -m pip check --disable-pip-version-check
	$(INSTALL_COOP)
	$(BIN)/python -m compileall -q coop
	@touch $@

$(VENV)/.dev: requirements/dev.lock pyproject.toml | $(BIN)/python
	$(PIP_INSTALL) --no-deps --require-hashes -r requirements/dev.lock
	$(BIN)/python -m pip check --disable-pip-version-check
	$(INSTALL_COOP)
	$(BIN)/python -m compileall -q coop
	@touch $@ $(VENV)/.runtime

demo: $(VENV)/.runtime
	@scripts/system-deps.sh $(RUNTIME_PACKAGES)
	$(BIN)/coop demo --dir demo

test: $(VENV)/.dev
	@scripts/system-deps.sh $(TEST_PACKAGES)
	$(BIN)/ruff check coop tests benchmarks scripts
	$(BIN)/pytest -q -n 2

# Recompile requirements/*.lock after a change to the dependencies in pyproject.toml (current pins
# are kept where they still fit); `make lock UPGRADE=1` moves every pin to the newest release.
lock: $(VENV)/.dev
	$(BIN)/python scripts/lock.py $(if $(UPGRADE),--upgrade)

lint: $(VENV)/.dev
	$(BIN)/ruff check coop tests benchmarks scripts

# Re-extract every user-facing string (code, command help, templates) into coop/locale/coop.pot,
# merge it into each language's coop.po (new strings arrive empty or fuzzy: translate them and
# run this again), and compile the .mo files that ship in the wheel (fuzzy entries are left out;
# coop.locale.build also reports translations whose placeholders differ from their msgid).
LOCALE := coop/locale
BABEL_EXTRACT_OPTIONS := -F babel.cfg --add-location=file --sort-by-file --no-wrap \
	--project=coop --copyright-holder="coop contributors" -c TRANSLATORS:

translations: $(VENV)/.dev
	$(BIN)/pybabel extract $(BABEL_EXTRACT_OPTIONS) -o $(LOCALE)/coop.pot .
	$(BIN)/pybabel update -i $(LOCALE)/coop.pot -d $(LOCALE) -D coop --no-wrap --ignore-obsolete
	$(BIN)/python -m coop.locale.build

bench: $(VENV)/.dev
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) demo dist build .pytest_cache .ruff_cache
