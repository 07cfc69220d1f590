# MS Journal: `make run` serves the app, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

# `make run` is for one person on this machine: debug stays off (set DJANGO_DEBUG=1 to
# work on the code), the secret key is made once and kept in .secret_key, e-mail goes
# to the console. Variables already set in the environment win.
RUN_ENV := DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-$$(cat .secret_key)}

# Tests run with the production settings (debug off, compressed static files).
TEST_ENV := DJANGO_DEBUG=0 DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-test-only-key}

.PHONY: run test test-fast test-e2e bench screenshots lint format install install-test browser lock upgrade clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

# Every package, direct and transitive, comes from the lock files at the exact version
# and with the hashes written there: two installs a month apart run the same code.
# pyproject.toml keeps the ranges the app accepts; `make lock` re-resolves the lock files
# within them (keeping today's versions where they still fit), `make upgrade` moves every
# package to the newest release the ranges allow. requirements-test.lock adds the test
# tools to requirements.lock and is resolved against it, so the two never disagree.
$(VENV)/.installed: $(BIN)/activate requirements.lock
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.lock
	$(BIN)/pip install --quiet --require-hashes -r requirements-test.lock
	@touch $@

LOCK := $(BIN)/uv pip compile pyproject.toml --quiet --generate-hashes --universal \
	--python-version 3.11 --custom-compile-command "make lock"

lock: $(VENV)/.installed-test
	$(LOCK) $(LOCK_ARGS) -o requirements.lock
	$(LOCK) $(LOCK_ARGS) --extra test -c requirements.lock -o requirements-test.lock

upgrade:
	$(MAKE) lock LOCK_ARGS=--upgrade

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test browser

# Debian's Chromium drives the browser tests; Playwright's own browser download cannot be used.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

.secret_key:
	@$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	@chmod 600 $@

run: install .secret_key
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(RUN_ENV) $(PY) manage.py seed_demo
	@echo "MS Journal on http://$(HOST):$(PORT)/  (demo patient: demo@example.com / demo-journal)"
	@# The nightly work queued once (each run queues the next night's): the weather's
	@# fetch, and deleting the clinician links that have expired.
	@$(RUN_ENV) $(PY) manage.py fetch_weather --queue
	@$(RUN_ENV) $(PY) manage.py delete_expired_links --queue
	@# The reminders' runner and the queue's worker (the weather's fetches) beside the web
	@# server: Ctrl-C stops the server, and the trap stops both with it (a job started
	@# with & does not hear Ctrl-C itself).
	@$(RUN_ENV) $(PY) manage.py run_schedule & runner=$$!; \
	$(RUN_ENV) $(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$runner $$worker 2>/dev/null; wait $$runner $$worker' EXIT INT TERM; \
	$(RUN_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

# The whole suite: unit, view and browser tests.
test: install-test
	$(TEST_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS)

# Everything but the browser tests, for a quick loop while working.
test-fast: install-test
	$(TEST_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(TEST_ENV) $(BIN)/pytest -m "not e2e" $(PYTEST_ARGS)

test-e2e: install-test
	$(TEST_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(TEST_ENV) $(BIN)/pytest -m e2e $(PYTEST_ARGS)

# Lighthouse at the version pinned in bench/package-lock.json, for the benchmarks only;
# it runs on Debian's chromium and never downloads a browser.
bench/node_modules/.installed: bench/package.json bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund
	@touch $@

# Speed, memory and page weight, printed against floors measured in the same run; never
# part of `make test`. DATABASE_URL=postgres://… runs them on a new PostgreSQL database.
bench: install browser bench/node_modules/.installed
	$(TEST_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(TEST_ENV) $(PY) bench/kit.py
	$(TEST_ENV) $(PY) bench/import_speed.py
	$(TEST_ENV) $(PY) bench/concurrent_quick_log.py
	$(TEST_ENV) $(PY) bench/lighthouse.py
	$(TEST_ENV) $(PY) bench/health_import.py

# Phone screenshots of every page, from a throwaway demo journal, into docs/screenshots/.
screenshots: install-test
	$(TEST_ENV) $(PY) bench/screenshots.py

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles test-results .pytest_cache
