# Thin aliases. `make run` and `make test` work on a fresh machine with Python 3.11.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

PORT ?= 8000
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/newsline

.PHONY: help install tools run test test-postgres lint format check messages bench audit

help:
	@echo "make run    - install, migrate, load the demo outlet, serve on http://127.0.0.1:8000 (PORT=8080 for another)"
	@echo "make test   - install, lint, system checks, migration check, the whole suite"
	@echo "make test-postgres - the suite again on PostgreSQL (POSTGRES_URL, default local postgres)"
	@echo "make bench  - throughput as ratios to nginx static, publish -> visible (~8 min; docs/benchmark.md)"
	@echo "make audit  - Lighthouse scores and screenshots of home and an article (~3 min; docs/quality.md)"
	@echo "make lint   - ruff and djhtml, read-only"
	@echo "make format - ruff format and djhtml, rewriting files"
	@echo "make messages - refresh the .po catalogues from the source (needs GNU gettext)"

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

# Python packages and the compiled catalogues: all that lint, check and run need.
install: $(STAMP)
	$(BIN)/newsline compile_catalogues

# What the browser and nginx tests need beyond Python (apt-get, npm); they skip without.
tools:
	sh tests/browser/install-tools.sh

# The admin login and absolute links name the port served on, unless BASE_URL is set.
run: install
	mkdir -p var
	$(BIN)/newsline migrate --noinput
	BASE_URL=$${BASE_URL:-http://127.0.0.1:$(PORT)} $(BIN)/newsline demo
	BASE_URL=$${BASE_URL:-http://127.0.0.1:$(PORT)} $(BIN)/newsline serve --bind 127.0.0.1:$(PORT)

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/djhtml --check $$(find src/newsline/templates -name '*.html')

format: install
	$(BIN)/ruff check --fix src tests
	$(BIN)/ruff format src tests
	$(BIN)/djhtml $$(find src/newsline/templates -name '*.html')

check: install
	DJANGO_SETTINGS_MODULE=newsline.settings.test $(BIN)/newsline check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=newsline.settings.test $(BIN)/newsline makemigrations --check --dry-run

test: tools lint check
	$(BIN)/pytest -q

# The same suite on PostgreSQL (the test run creates and drops its own database).
test-postgres: install
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest -q

messages: install
	cd src/newsline && ../../$(BIN)/newsline makemessages --no-obsolete -l az -l ru -l en --ignore 'settings/*'
	$(BIN)/newsline compile_catalogues

# Not a test and not in CI: starts gunicorn and nginx on loopback, prints ratios.
bench: install
	sh bench/install-tools.sh
	$(BIN)/python bench/run.py
	$(BIN)/python bench/preview.py
	$(BIN)/python bench/api.py
	$(BIN)/python bench/topics.py
	$(BIN)/python bench/related.py

# Not in `make test` (slow): Lighthouse on home and an article behind the shipped
# nginx, and phone/desktop screenshots into var/audit/.
audit: install tools
	sh bench/install-tools.sh
	$(BIN)/python bench/audit.py
