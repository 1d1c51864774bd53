# Two commands for a fresh Linux machine (see README):
#   make run   installs what the program needs and starts it on a demo station
#   make test  installs what the tests need and runs the whole suite
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip

.PHONY: run test lint system-runtime system-test venv translations bench clean

system-runtime:
	packaging/install-system-deps.sh packaging/apt-runtime.txt

system-test:
	packaging/install-system-deps.sh packaging/apt-runtime.txt packaging/apt-test.txt \
		packaging/apt-sync-test.txt

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

venv: $(PY)
	$(PIP) install -q -e '.[dev]'

translations: venv
	$(PY) -m station_app.ui.build_translations

# The demo keeps its signing key in the desktop keyring when there is one; on a PC with
# none it knowingly falls back to keyrings.alt's file keyring (the demo's explicit choice).
run: system-runtime venv translations
	STATION_APP_ALLOW_PLAINTEXT_KEYRING=1 $(VENV)/bin/station-app init-demo
	STATION_APP_ALLOW_PLAINTEXT_KEYRING=1 $(VENV)/bin/station-app

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: system-test venv translations lint
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest

bench: venv
	for b in bench/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) build dist *.egg-info
