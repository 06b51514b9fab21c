# unres — the two commands: `make` sets everything up and builds source/*.yaml into build/;
# `make test` runs the whole test suite.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
UNRES := $(VENV)/bin/unres
UNRES_FLAGS ?=
# Every source: source/*.yaml and one level of folders (source/cycle/: a real draft cycle).
SOURCES := $(wildcard source/*.yaml source/*/*.yaml)
STEMS := $(SOURCES:source/%.yaml=%)
# Everything an output depends on besides its source: every file under templates/ (templates,
# stylesheets, word catalogues, house styles) and pipeline/ (code), the same list `unres build`
# hashes into its keys (pipeline/batch.py dependency_files), and the installed libraries ($(SETUP)).
DEPS := $(shell find templates pipeline -type f ! -path '*/__pycache__/*' ! -path '*/.*' ! -name '*.pyc' ! -name '*.pyo' ! -name '*~' 2>/dev/null | sort)
SETUP := $(VENV)/.setup-done
TEST_SETUP := $(VENV)/.test-setup-done

.PHONY: all build setup lint test bench corpus clean
.DELETE_ON_ERROR:

all: build

setup: $(SETUP)

# The Python set-up comes first: `.venv/bin/unres` exists before any Debian package is fetched, so
# a slow, interrupted or refused apt-get (not root, no network, a release without one package)
# cannot leave a clone without it; `unres import` and `unres check` need no Debian package, and a
# build that needs Pango or a font says so when it runs. Only a Python without venv/ensurepip
# (Debian's python3 without python3-venv) waits for the Debian packages. Packages that cannot be
# installed are named; make then fails and leaves no stamp, so the next `make` tries again.
# `make` installs unres and its own dependencies only; the test tools (pytest, selenium, pdfua,
# unoserver, dask …) come with `make test`, so a test tool that cannot be installed here cannot
# leave a clone without `.venv/bin/unres` either.
$(SETUP): pyproject.toml tools/system-deps.sh
	set -e; \
	$(PY) -m pip --version >/dev/null 2>&1 || python3 -m venv $(VENV) || \
	  { bash tools/system-deps.sh build; python3 -m venv $(VENV); }; \
	$(PY) -m pip install -q --disable-pip-version-check -e .; \
	test -x $(UNRES); \
	bash tools/system-deps.sh build || \
	  { echo "unres: Debian packages missing (above): run make again as root" >&2; exit 1; }
	touch $@

$(TEST_SETUP): $(SETUP) pyproject.toml tools/system-deps.sh tools/test-deps.sh
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test]'
	bash tools/system-deps.sh test
	bash tools/test-deps.sh
	touch $@

# One stamp per source: its own style into build/, and both house styles into build/<style>/.
# Outputs are named after the symbol. Make reruns a source when it or a dependency is newer than
# its stamp; `unres build` then rebuilds only the outputs whose content key changed
# (build/.manifest.json), so a touched-but-unchanged file costs a hash, not a render.
build: $(STEMS:%=build/.stamp/%)

build/.stamp/%: source/%.yaml $(DEPS) $(SETUP)
	$(UNRES) build $< -o build $(UNRES_FLAGS)
	$(UNRES) build $< -o build/1998 --style 1998 $(UNRES_FLAGS)
	$(UNRES) build $< -o build/modern --style modern $(UNRES_FLAGS)
	@mkdir -p $(@D) && touch $@

# Habits (configured in pyproject.toml): ruff's rule set, mypy (strict on model and transforms),
# and import-linter's contracts between the stages. `make test` runs them first.
lint: $(TEST_SETUP)
	$(VENV)/bin/ruff check --no-cache .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache

test: lint $(TEST_SETUP) build
	$(PY) -m pytest -n 2 -q tests

# Every issued resolution of tests/corpus/ and ../shared/corpus/ end to end (import, both styles,
# PDF/HTML/DOCX, words in order, notes on their call's page): a table, documents per second and
# the slowest documents. `make test` runs a sample (tests/test_corpus.py).
corpus: $(TEST_SETUP)
	$(PY) tools/corpus.py -j 2

# Benchmarks compare with pandoc and WeasyPrint measured in the same run; not part of `make test`.
bench: $(TEST_SETUP)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test,bench,cluster]'
	$(PY) benchmarks/run.py --docs 500

clean:
	rm -rf build
