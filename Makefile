# The two commands of the README: `make run` and `make test`.
# Everything else here is what they are made of.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-test migrate demo serve system-deps lint messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## make run: install, migrate, load regions and demo data, serve on http://127.0.0.1:8000
run: install migrate demo serve

migrate: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput

demo: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py load_regions
	DJANGO_DEBUG=1 $(BIN)/python manage.py seed_demo

serve: install
	DJANGO_DEBUG=1 HOST=$(HOST) PORT=$(PORT) scripts/serve-dev.sh

## make test: install and run the whole suite (on DATABASE_URL; SQLite by default)
test: install-test system-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Debian's Chromium for the browser tests (Playwright never downloads its own) and
# redis-server for the shared-cache tests (they start their own on a free port).
system-deps:
	scripts/ensure-chromium.sh
	scripts/ensure-redis.sh

lint: install-test
	$(BIN)/ruff check .

messages: install
	$(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=static_collected --ignore=var --no-obsolete
	$(BIN)/python manage.py makemessages -d djangojs -l en --ignore=.venv --ignore=static_collected --ignore=var --no-obsolete
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var static_collected
