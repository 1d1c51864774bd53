# Two commands for a fresh Linux machine (see README):
#   make run   installs what the program needs and starts it on a demo station
#   make test  installs what the tests need and runs the whole suite
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
# The versions the suite was run with (uv pip compile output; see the file's header).
CONSTRAINTS := requirements/constraints.txt

.PHONY: run test soak lint system-runtime system-test venv venv-run translations bench clean lock

system-runtime:
	packaging/install-system-deps.sh packaging/apt-runtime.txt

system-test:
	packaging/install-system-deps.sh packaging/apt-runtime.txt packaging/apt-test.txt \
		packaging/apt-sync-test.txt

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

# What the program needs, and nothing of the tests' (pytest, schemathesis, pyinstaller…).
venv-run: $(PY)
	$(PIP) install -q -c $(CONSTRAINTS) -e .

venv: $(PY)
	$(PIP) install -q -c $(CONSTRAINTS) -e '.[dev]'

translations: venv-run
	$(PY) -m station_app.ui.build_translations

# After changing dependencies in pyproject.toml: pin them again (needs uv).
lock:
	uv pip compile pyproject.toml --all-extras --universal --python-version 3.11 \
		--no-emit-package donation-station-desk -o $(CONSTRAINTS)

# The demo keeps its signing key in the desktop keyring when there is one; on a PC with
# none it knowingly falls back to keyrings.alt's file keyring (the demo's explicit choice).
run: system-runtime venv-run translations
	STATION_APP_ALLOW_PLAINTEXT_KEYRING=1 $(VENV)/bin/station-app init-demo
	STATION_APP_ALLOW_PLAINTEXT_KEYRING=1 $(VENV)/bin/station-app

# ruff for style and mistakes; mypy (pyproject's [tool.mypy]: strict for the domain,
# services, storage, sync and the receiver) for types.
lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

test: system-test venv translations lint
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest

# The desk through a long day (2,000 recordings, prints, voids, locks and syncs with
# garbage collection due at every allocation): minutes, so not part of `make test`.
soak: system-test venv translations
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest -m soak tests/ui/test_soak.py

bench: venv
	for b in bench/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) build dist *.egg-info
