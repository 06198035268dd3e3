# Mutualis — see README.md. Every target creates the virtual environment it needs.
# The first of Python 3.11, 3.12 and 3.13 that runs (a pyenv shim of a version that is not
# activated does not), unless given: `make PYTHON=python3.13 VENV=.venv313 test-unit`.
PYTHON ?= $(firstword $(foreach p,python3.11 python3.12 python3.13,\
	$(shell $(p) -c "" >/dev/null 2>&1 && echo $(p))))
VENV ?= .venv
PY := $(VENV)/bin/python
DEMO_FINESS := demo/finess/etalab-cs1100507-stock-20210108-reconstructed.csv.gz
# With DEBUG off the settings refuse to start without SECRET_KEY: a throwaway one for the
# commands that run outside production without DEBUG (tests use config.settings_test).
THROWAWAY_KEY = SECRET_KEY=$${SECRET_KEY:-$$($(PY) -c "import secrets; print(secrets.token_urlsafe(64))")}
MANAGE = $(THROWAWAY_KEY) $(PY) manage.py

.PHONY: run demo-data test test-unit test-e2e quality deploy-check bench browser clean

$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.11, 3.12 ou 3.13 introuvable : make PYTHON=…"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

## Install, load the reference data and the national FINESS file, create demo accounts, serve,
## with the background worker (FINESS imports from the browser) stopped with the server.
run: $(VENV)/.installed demo-data
	DEBUG=1 DEMO=1 $(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT; trap 'exit 130' INT TERM; \
	DEBUG=1 DEMO=1 $(PY) manage.py runserver 127.0.0.1:8000

demo-data: $(VENV)/.installed
	$(MANAGE) migrate --noinput
	$(MANAGE) load_reference_data
	$(MANAGE) load_maturity_referential
	$(MANAGE) load_programme_rules
	$(MANAGE) load_levers
	$(MANAGE) load_initiative_types
	$(MANAGE) load_cooperation_tags
	$(MANAGE) load_usage_indicators
	$(MANAGE) load_sharing_referentials
	$(MANAGE) load_specification_requirements
	$(MANAGE) import_finess $(DEMO_FINESS) --wet-run --show 0
	$(MANAGE) seed_demo
	$(MANAGE) seed_demo_maturity
	$(MANAGE) seed_demo_grappes
	$(MANAGE) seed_demo_initiatives
	$(MANAGE) seed_demo_agreements
	$(MANAGE) seed_demo_projects
	$(MANAGE) seed_demo_sharing
	$(MANAGE) seed_demo_loans
	$(MANAGE) seed_demo_workshops
	$(MANAGE) seed_demo_library
	$(MANAGE) seed_demo_actionplans
	$(MANAGE) seed_demo_specifications
	$(MANAGE) refresh_observatory

## The whole test suite: unit and integration tests, then the browser journeys.
test: test-unit test-e2e

# The real OpenID Connect provider the sign-in tests start (Node.js and npm).
OIDC_PROVIDER := tests/oidc_provider/node_modules/.installed
$(OIDC_PROVIDER): tests/oidc_provider/package-lock.json
	@command -v npm >/dev/null || { echo "Node.js et npm manquants : apt-get install -y nodejs npm"; exit 1; }
	npm ci --prefix tests/oidc_provider --no-audit --no-fund --loglevel=error
	touch $@

test-unit: $(VENV)/.installed $(OIDC_PROVIDER)
	$(VENV)/bin/pytest -m "not e2e" -n 2 -q

test-e2e: $(VENV)/.installed $(OIDC_PROVIDER) browser
	$(VENV)/bin/pytest -m e2e -q

browser:
	@command -v chromium >/dev/null || { echo "Chromium manquant : apt-get install -y chromium"; exit 1; }

quality: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint mutualis --lint
	$(THROWAWAY_KEY) $(PY) manage.py makemigrations --check --dry-run

deploy-check: $(VENV)/.installed
	DEBUG=0 STATIC_MANIFEST=1 SECURE_SSL_REDIRECT=1 ALLOWED_HOSTS=mutualis.example.org \
	$(THROWAWAY_KEY) $(PY) manage.py check --deploy --fail-level WARNING

bench: $(VENV)/.installed
	$(THROWAWAY_KEY) $(PY) bench/import_finess.py
	$(THROWAWAY_KEY) $(PY) bench/observatory.py
	$(THROWAWAY_KEY) $(PY) bench/matching.py
	$(THROWAWAY_KEY) $(PY) bench/agreement.py
	$(THROWAWAY_KEY) $(PY) bench/library_search.py
	$(THROWAWAY_KEY) $(PY) bench/grappe_entries.py
	$(PY) bench/sharing_matching.py

clean:
	rm -rf $(VENV) .venv313 db.sqlite3 staticfiles
