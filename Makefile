# Tounesna Academy: `make run` serves the site, `make test` runs the suite (browser tests in one
# variant each), `make test-complete` runs every variant (CI).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
SYSTEM_PACKAGES := chromium fonts-noto-core fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 \
	libharfbuzz0b poppler-utils gettext

.PHONY: run setup test test-complete test-fast test-browser lint format messages system-deps bench clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)
	$(MANAGE) migrate --noinput
	$(MANAGE) setup_site
	$(MANAGE) load_demo

run: setup
	$(MANAGE) runserver 127.0.0.1:8000

# System packages for browser tests and PDF rendering, installed when running as root.
system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = "0" ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
		else echo "Missing system packages:$$missing (install them, or run as root)"; fi; \
	fi

# Every test; each browser test in one language and screen (tests/e2e/conftest.py `--one-variant`).
test: system-deps $(STAMP)
	$(BIN)/pytest -n 2 --one-variant $(PYTEST_ARGS)

# Every test, browser tests in French and Arabic on a desktop and a phone (what CI runs).
test-complete: system-deps $(STAMP)
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

test-fast: $(STAMP)
	$(BIN)/pytest -n 2 -m "not browser" $(PYTEST_ARGS)

test-browser: system-deps $(STAMP)
	$(BIN)/pytest -n 2 -m browser $(PYTEST_ARGS)

# Benchmark on PostgreSQL in its own database (BENCH_DATABASE_URL, default tounesna_bench), created
# and dropped by the run: 1,000 trainees, server times, page weight in Chromium, load under gunicorn.
# Not part of `make test`. Results: bench/results/latest.json. `make bench BENCH_ARGS=--help`.
bench: system-deps $(STAMP)
	$(BIN)/python -m bench $(BENCH_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: $(STAMP)
	$(MANAGE) makemessages -l fr -l ar --no-location --no-wrap --ignore=.venv --ignore=tests
	$(MANAGE) compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
