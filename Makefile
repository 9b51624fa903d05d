# The quickstart: `make demo` and `make test` work on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test bench lint clean

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

lint: $(BIN)/python
	$(BIN)/pip install --quiet ruff mypy
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy src

clean:
	rm -rf $(VENV) build dist *.egg-info src/*.egg-info .pytest_cache
