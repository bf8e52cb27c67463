# sdprep — the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
export PORT
BACKUP_DIR ?= backups

.DEFAULT_GOAL := help
.PHONY: help install run test lint format lock check-deploy clean-db bench loadtest backup restore vendor-excalidraw

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "sdprep needs Python 3.11 or newer; found " + sys.version.split()[0])'
	@echo "==> Creating the virtual environment in $(VENV) and installing the locked dependencies"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $(STAMP)
	@echo "==> Dependencies installed"

install: $(STAMP) ## Create .venv and install the locked dependencies (no-op when nothing changed)

run: install ## Start the database, migrate, load content and serve at http://127.0.0.1:$PORT
	@$(BIN)/python -m sdprep.run

test: install ## Lint and run the whole test suite (browser tests need Chromium)
	@echo "==> Linting with ruff"
	@$(BIN)/ruff check .
	@$(BIN)/ruff format --check .
	@echo "==> Checking the app layers with import-linter"
	@DJANGO_SETTINGS_MODULE=sdprep.settings.test $(BIN)/lint-imports --no-cache
	@echo "==> Running the test suite"
	@$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: install ## Load-test every main page and live sync in the production configuration (bench/results/latest.json)
	@$(BIN)/python bench/run.py

loadtest: install ## 200 users across study, practice and mock flows for 2 minutes: no 5xx, no lost write (bench/results/loadtest.json)
	@$(BIN)/python bench/loadtest.py

lint: install ## ruff check, format check and the import-linter layers contract
	@$(BIN)/ruff check . && $(BIN)/ruff format --check . && DJANGO_SETTINGS_MODULE=sdprep.settings.test $(BIN)/lint-imports --no-cache

format: install ## Apply ruff's fixes and formatting
	@$(BIN)/ruff check --fix . && $(BIN)/ruff format .

lock: install ## Re-resolve requirements.lock from pyproject.toml
	@$(BIN)/python -m pip install --quiet uv && $(BIN)/uv pip compile pyproject.toml --extra dev -o requirements.lock --python-version 3.11

check-deploy: install ## Django's deployment checks under production settings
	@DJANGO_SETTINGS_MODULE=sdprep.settings.production $(BIN)/python manage.py check --deploy --fail-level WARNING

backup: install ## pg_dump the database to backups/sdprep-YYYYmmdd-HHMMSS.dump (UTC; BACKUP_DIR=elsewhere)
	@$(BIN)/python manage.py backup_db --output-dir "$(BACKUP_DIR)"

restore: install ## Replace the database's contents with a backup: make restore FILE=backups/...dump
	@test -n "$(FILE)" || { echo "make restore needs the backup to restore: make restore FILE=backups/sdprep-....dump" >&2; exit 2; }
	@$(BIN)/python manage.py restore_db "$(FILE)"

clean-db: ## Delete the embedded database's data (.data/pg)
	rm -rf .data/pg

vendor-excalidraw: ## Rebuild static/vendor/excalidraw from its package-lock.json (needs Node and npm; never needed by run or test)
	cd static/vendor/excalidraw && npm ci --no-audit --no-fund && node build.mjs && rm -rf node_modules
