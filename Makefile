# unres — the two commands: `make` sets everything up and builds source/*.yaml into build/;
# `make test` runs the whole test suite.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
UNRES := $(VENV)/bin/unres
SOURCES := $(wildcard source/*.yaml)
STEMS := $(notdir $(SOURCES:.yaml=))
# Everything an output depends on besides its source: templates, styles, word catalogues, code.
DEPS := $(shell find templates pipeline -type f \( -name '*.py' -o -name '*.j2' -o -name '*.css' -o -name '*.yaml' -o -name '*.html' \) 2>/dev/null) pyproject.toml
SETUP := $(VENV)/.setup-done
TEST_SETUP := $(VENV)/.test-setup-done

.PHONY: all build setup test bench clean
.DELETE_ON_ERROR:

all: build

setup: $(SETUP)

$(SETUP): pyproject.toml tools/system-deps.sh
	bash tools/system-deps.sh build
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test]'
	touch $@

$(TEST_SETUP): $(SETUP) tools/system-deps.sh
	bash tools/system-deps.sh test
	touch $@

# One stamp per source: its own style into build/, and both house styles into build/<style>/.
build: $(STEMS:%=build/.stamp/%)

build/.stamp/%: source/%.yaml $(DEPS) | $(SETUP)
	$(UNRES) build $< -o build
	$(UNRES) build $< -o build/1998 --style 1998
	$(UNRES) build $< -o build/modern --style modern
	@mkdir -p $(@D) && touch $@

test: $(TEST_SETUP) build
	$(PY) -m pytest -n 2 -q tests

bench: $(SETUP)
	$(PY) benchmarks/run.py

clean:
	rm -rf build
