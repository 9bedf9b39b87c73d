# The two commands that matter: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev
# the tutorial builds a columnar store: kept with the build, not in the home directory
SPHINX := NEWSDATA_CACHE_DIR=docs/_build/cache $(BIN)/sphinx-build -W --keep-going -n -q -b html docs docs/_build/html

.PHONY: run test check docs bench bench-ci fixtures schema build release clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[validate]"
	touch $@

$(STAMP_DEV): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@ $(STAMP_RUN)

## run: set up, load the corpus, validate it, print a summary
run: $(STAMP_RUN)
	$(BIN)/newsdata info
	$(BIN)/newsdata validate

## test: set up and run every check. The data is gated once, first, by the validator
## (warnings are shown and pass); then the generated files, lint, types, the layers
## (import-linter), the tests (the docs build among them: tests/test_docs.py builds it
## once with $(SPHINX)'s options), schema
test: $(STAMP_DEV)
	$(BIN)/newsdata validate
	$(BIN)/newsdata build --check
	$(BIN)/ruff check src tests benchmarks scripts docs/conf.py docs/_ext
	$(BIN)/ruff format --check src tests benchmarks scripts docs/conf.py docs/_ext
	$(BIN)/mypy --strict src tests docs/_ext
	$(BIN)/lint-imports
	$(BIN)/python -m pytest
	$(BIN)/newsdata schema --check

## check: the quick round for contributors (under a minute): validate the corpus, check
## the build, run the tests of the shipped data; `make test` before a pull request
check: $(STAMP_DEV)
	$(BIN)/newsdata validate
	$(BIN)/newsdata build --check
	$(BIN)/python -m pytest -q tests/test_seed_gold.py tests/test_readme.py \
		tests/test_docs.py::test_guideline_json_examples_quote_the_data

docs: $(STAMP_DEV)
	$(SPHINX)

bench: $(STAMP_DEV)
	$(BIN)/python benchmarks/run.py

## bench-ci: how `make test` grows with the corpus (copies grown by generated articles)
bench-ci: $(STAMP_DEV)
	$(BIN)/python benchmarks/ci_scale.py --articles 100 1000

fixtures: $(STAMP_DEV)
	$(BIN)/python tests/fixtures/make_fixtures.py

schema: $(STAMP_DEV)
	$(BIN)/newsdata schema --write

build: $(STAMP_DEV)
	$(BIN)/newsdata build

clean:
	rm -rf $(VENV) docs/_build dist build .pytest_cache .mypy_cache .ruff_cache

## release: reproducible sdist and wheel, twine check, fresh-venv smoke test, manifest
release: $(STAMP_DEV)
	$(BIN)/python scripts/release.py
