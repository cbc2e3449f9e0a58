# The README's two commands: `make run` (set up and serve the demo) and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in e-mails and calendars point where the demo is served (see spojka/lib/urls.py).
SITE_URL ?= http://$(HOST):$(PORT)
DEMO_ENV := SPOJKA_DEMO=1 SITE_URL=$(SITE_URL)

.PHONY: run test test-fast lint lock bench messages clean

# Python packages come from the hashed locks in requirements/ (the whole tree, transitive ones too), so a
# fresh machine installs exactly what the tests ran against; `make lock` rewrites them from pyproject.toml.
$(VENV)/.runtime: requirements/runtime.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --require-hashes -r requirements/runtime.txt
	$(PY) -m pip install -q --no-deps -e .
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements/dev.txt
	$(PY) -m pip install -q --require-hashes -r requirements/dev.txt
	touch $@

# Keeps the pins already in the locks and resolves only what pyproject.toml changed;
# `make lock LOCK_ARGS=--upgrade` moves every package to its newest allowed release.
LOCK_VENV := .venv-lock
LOCK_ARGS ?=
LOCK := $(LOCK_VENV)/bin/pip-compile -q --generate-hashes --strip-extras --no-emit-find-links \
	--no-emit-index-url --no-emit-trusted-host --custom-compile-command "make lock" $(LOCK_ARGS)
lock:
	test -x $(LOCK_VENV)/bin/pip-compile || \
		{ $(PYTHON) -m venv $(LOCK_VENV) && $(LOCK_VENV)/bin/pip install -q pip-tools==7.6.2; }
	$(LOCK) -o requirements/runtime.txt pyproject.toml
	$(LOCK) --extra dev -o requirements/dev.txt pyproject.toml

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Chromium for the browser tests and LibreOffice Writer for the DOCX conversion tests come from
# Debian's packages (test tools cannot download browsers here).
.PHONY: system-packages pdf-packages
system-packages: pdf-packages
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v soffice >/dev/null || missing="$$missing libreoffice-writer-nogui"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = "0" ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
		else echo "Missing Debian packages:$$missing (install them with apt-get)" >&2; exit 1; fi; \
	fi

# HarfBuzz's subsetter lets WeasyPrint embed the fonts' used glyphs in C: the annual report PDF
# took 0.45 s without it (fontTools subsets in Python, three quarters of the time) and 0.14 s with
# it. Without it (no root to install it) PDFs are the same, only slower: a note, not a failure.
pdf-packages:
	@if ! /sbin/ldconfig -p | grep -q libharfbuzz-subset.so.0; then \
		if [ "$$(id -u)" = "0" ]; then \
			{ DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libharfbuzz-subset0 >/dev/null 2>&1 || \
			{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libharfbuzz-subset0 >/dev/null; } || \
			echo "Balíček libharfbuzz-subset0 se nepodařilo nainstalovat: PDF budou stejná, jen pomalejší." >&2; }; \
		else echo "Pro rychlejší PDF nainstalujte balíček libharfbuzz-subset0 (apt-get)." >&2; fi; \
	fi

run: $(VENV)/.runtime node_modules/.installed pdf-packages
	mkdir -p var
	$(DEMO_ENV) $(PY) manage.py collectstatic --noinput -v0
	$(DEMO_ENV) $(PY) manage.py migrate --noinput -v0
	$(DEMO_ENV) $(PY) manage.py load_demo
	@echo "Spojka běží na http://$(HOST):$(PORT)/ (ukončíte Ctrl+C)"
	@echo "Odeslané e-maily: var/mail/ a v aplikaci /agentura/posta/ (administrátor agentury)"
	# The outbox worker delivers the demo's mail into var/mail; it ends with the server (same process group).
	$(DEMO_ENV) $(PY) manage.py send_outbox --loop 5 & \
	$(DEMO_ENV) $(VENV)/bin/gunicorn spojka.wsgi --bind $(HOST):$(PORT) --workers 2 --access-logfile -

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

test: $(VENV)/.dev node_modules/.installed system-packages lint
	SPOJKA_TESTING=1 $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest

# Everything but the browser tests: for a quick check while working. `make test` stays the full suite.
test-fast: $(VENV)/.dev node_modules/.installed lint
	SPOJKA_TESTING=1 $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -m "not browser"

bench: $(VENV)/.dev node_modules/.installed pdf-packages
	$(PY) -m bench.pages
	$(PY) -m bench.documents
	$(PY) -m bench.importer

messages: $(VENV)/.dev
	$(PY) manage.py makemessages -l en -l cs --ignore=.venv --ignore=node_modules
	$(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf var $(VENV) $(LOCK_VENV) node_modules
