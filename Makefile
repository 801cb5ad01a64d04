# Two commands set everything up on a fresh machine that has only Python 3.11+ and make:
#   make run   creates .venv, installs zjplan, prints the status of the shipped data
#   make test  installs the dev tools, runs ruff, mypy --strict and pytest
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test lint typecheck pytest install dev clean docs bench screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
dev: $(VENV)/.dev-installed

run: install
	$(BIN)/zjplan status

lint: dev
	$(BIN)/ruff check
	$(BIN)/ruff format --check

typecheck: dev
	$(BIN)/mypy src

pytest: dev
	$(BIN)/pytest -n auto --dist loadfile

test: lint typecheck pytest

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache

# Regenerate docs/errors.md from the problem catalogue (a test fails when they drift).
docs: install
	$(BIN)/zjplan errors --format markdown > docs/errors.md

# Benchmarks: start-up, batch checks and large evaluations against same-run baselines.
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Screenshots of the HTML briefing (1280 px, and A4 print pages as PNG) into screenshots/;
# needs chromium and poppler-utils (and fonts-noto-cjk for readable Chinese).
screenshots: install
	$(BIN)/python scripts/screenshots.py
