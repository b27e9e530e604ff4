# Two commands do everything on a fresh clone: `make map` and `make test`.
# Both create .venv and install the project with its test extras first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: setup browser map test lint bench eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

map: $(STAMP)
	$(BIN)/frontline map seeds -o output/map.html

# Browser tests: Debian's Chromium (installed with apt-get when missing; needs root, as on the
# CI machines) and local copies of the map's web assets from the npm registry.
BROWSER_ASSETS := tests/browser/node_modules/.installed-stamp

browser: $(BROWSER_ASSETS)
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

$(BROWSER_ASSETS): tests/browser/package.json
	npm install --prefix tests/browser --no-package-lock --no-audit --no-fund --silent
	touch $(BROWSER_ASSETS)

test: $(STAMP) browser
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The scale report: 10k and 100k synthetic articles, serial, --jobs 2, a 1% re-run and
# the map, as JSON (about 40 minutes on 2 cores). The parts: benchmarks/bench_gazetteer.py and
# benchmarks/bench_map.py run on their own.
bench: $(STAMP) browser
	$(BIN)/python benchmarks/bench_scale.py

# Accuracy on the seeds and the dev set in ../shared/eval (see README, "Measuring accuracy").
eval: $(STAMP)
	$(BIN)/python benchmarks/evaluate.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
