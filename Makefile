# The two commands of the README, and the steps they stand on.
VENV   ?= .venv
PY     := $(VENV)/bin/python
DB     ?= data/switchboard.duckdb
PRESET ?= demo
PORT   ?= 8501

.PHONY: run test install install-dev warehouse bench i18n

run: warehouse            ## install, build the sample warehouse if there is none, start the app
	$(PY) -m streamlit run app.py --server.port $(PORT)

test: install-dev         ## install the test tools and run the whole suite
	$(PY) -m pytest -q

$(VENV)/bin/python:
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt requirements-dev-nodeps.txt $(VENV)/.runtime
	$(PY) -m pip install -q -r requirements-dev.txt
	$(PY) -m pip install -q --no-deps -r requirements-dev-nodeps.txt
	touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

warehouse: install
	@if [ -f "$(DB)" ]; then echo "warehouse: $(DB)"; else $(PY) -m analytics sample --preset $(PRESET) --db $(DB); fi

bench: install
	$(PY) -m analytics bench --preset medium --format table

i18n: install                ## extract the marked strings into every language's catalog (then translate the new ones)
	$(PY) -m analytics.i18n update
	$(PY) -m analytics.i18n check || true
