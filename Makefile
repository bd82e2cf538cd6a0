# Every target creates .venv/ on first use and installs the pinned dependencies into it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The package's bytecode, written ahead: where PYTHONDONTWRITEBYTECODE is set (containers often
# set it) every run would otherwise compile it again (0.1 s of a 2 s `check` at 10,000 notices).
COMPILE := $(BIN)/python -m compileall -q hooks/noticeboard
NODE_STAMP := node_modules/.installed
ADDR   ?= 127.0.0.1:8000
LOCALE := hooks/noticeboard/locale
POT    := $(LOCALE)/noticeboard.pot

.PHONY: serve build check test test-fast mutation lint typecheck format bench browser clean messages

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/pybabel compile --domain noticeboard --directory $(LOCALE) --statistics
	$(COMPILE)
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

## serve: build the demo board and serve it at http://$(ADDR)/ (rebuilds on every edit)
serve: $(STAMP)
	$(COMPILE)
	$(BIN)/mkdocs serve --dev-addr $(ADDR)

## build: build the public site into site/
build: $(STAMP)
	$(COMPILE)
	$(BIN)/mkdocs build --strict

## check: check every notice and the registry
check: $(STAMP)
	$(COMPILE)
	$(BIN)/noticeboard check

## browser: install Debian's Chromium for the browser tests (never a downloaded browser)
browser:
	@test -x /usr/bin/chromium || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium fonts-noto-cjk; }

## test: lint, type-check (mypy --strict, configured in pyproject.toml), then every test, in two
## workers (pytest-xdist; a test module stays on one worker, each fixture site is built once)
test: $(STAMP) $(NODE_STAMP) browser lint typecheck
	$(BIN)/pytest -n 2 --dist loadscope

## test-fast: the edit loop: no real build, no browser, no slow test (under 20 s)
test-fast: $(STAMP)
	$(BIN)/pytest -q -n 2 -m "not build and not browser and not slow"

## mutation: mutmut over lifecycle, privacy, sanitize, urls, the registry rules and the ledger;
## prints the score per module and the surviving mutants (bench/README.md; not in `make test`)
mutation: $(STAMP)
	$(BIN)/python bench/mutation.py

## typecheck: mypy --strict over the package
typecheck: $(STAMP)
	$(BIN)/mypy

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## bench: print the benchmark tables (see bench/README.md)
bench: $(STAMP)
	$(BIN)/python bench/run.py

## messages: extract every _() message into the catalogue, then compile it (see noticeboard/i18n.py)
messages: $(STAMP)
	$(BIN)/pybabel extract --mapping-file babel.cfg --keywords _ --keywords N_ --no-location \
	  --sort-output --no-wrap --project noticeboard --output-file $(POT) hooks/noticeboard
	$(BIN)/pybabel update --domain noticeboard --input-file $(POT) --output-dir $(LOCALE) \
	  --locale zh --init-missing --no-fuzzy-matching --ignore-obsolete --no-wrap \
	  --ignore-pot-creation-date
	$(BIN)/pybabel compile --domain noticeboard --directory $(LOCALE) --statistics
	rm -f $(POT)

clean:
	rm -rf site .pytest_cache
