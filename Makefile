# The quickstart: `make demo` and `make test` work on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test bench lint docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installs thresher and prints the articles of the bundled example pages.
demo: $(BIN)/python
	$(BIN)/pip install --quiet -e .
	$(BIN)/thresher extract --format markdown examples/*.html examples/*.txt

# Installs the test extras and runs the whole suite.
test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/python -m pytest

# Runs thresher and its peers side by side on ../shared/bench and prints the tables.
bench: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python bench/run_all.py

# ruff (lint rules and formatting) and mypy (strict) over the whole tree.
lint: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[lint]'
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src

# Builds the documentation site into build/site; strict, so a broken link fails the build.
docs: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[docs]'
	$(BIN)/mkdocs build --strict --quiet

clean:
	rm -rf $(VENV) build dist *.egg-info src/*.egg-info .pytest_cache
