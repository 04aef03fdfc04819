# Two commands from a fresh clone: `make demo` and `make test`. Everything else is here too.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: help install demo test lint format run bench clean

help:
	@echo "make demo   - set up and run a scripted workshop against the local Bot API emulator"
	@echo "make test   - set up and run the test suite"
	@echo "make lint   - ruff (lint + format check), mypy and the import contract (lint-imports)"
	@echo "make run    - run the real bot (needs BOT_TOKEN and BOT_ADMIN_IDS, see .env.example)"
	@echo "make bench  - run the benchmarks and write docs/BENCHMARKS.md"

# Exact versions from requirements.lock (with hashes), so a fresh machine gets what CI tested.
$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/bimtek-bot demo

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

run: $(STAMP)
	$(BIN)/bimtek-bot run

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache data/demo.db*
