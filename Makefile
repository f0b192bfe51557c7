# The site's two commands are `make html` and `make test`; each sets up .venv
# from the pinned requirements first. `make help` lists the rest.

PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
SPHINXBUILD := $(BIN)/sphinx-build
SOURCEDIR   := docs
BUILDDIR    := _build
# -n: every reference must resolve; -W: any warning fails; keep going to list them all.
SPHINXOPTS  ?= -n -W --keep-going -j auto
PYTESTOPTS  ?=
STRESS_RUNS ?= 20
# make test's workers: most of its time is examples waiting out a hang they
# reproduce or a timeout they prove, not computing, so two per core.
TEST_WORKERS ?= 4
# The interpreter `make bench` measures with (the interpreter rows need 3.14+),
# in a venv of its own that holds only what the benchmark imports.
BENCH_PYTHON ?= python3.14
BENCH_VENV   := .venv-bench/$(notdir $(BENCH_PYTHON))
BENCH_DATA   := docs/benchmarks/_data

.DEFAULT_GOAL := help
.PHONY: help gettext html html-en html-zh livehtml test test-all check outputs stress bench bench-keep linkcheck lint-ci clean venv

help: ## Show this list
	@echo "Usage: make <target>"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 14 | sed 's/^/  /'

# The stamp is newer than both requirement files once .venv matches them.
$(VENV)/.stamp: requirements.txt constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11+ is needed to build the site (set PYTHON=python3.11)")'
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -c constraints.txt
	touch $@

venv: $(VENV)/.stamp ## Create or refresh .venv from the pinned requirements

# Both languages at once, one sphinx-build each, so two cores share the work
# (each alone leaves one idle much of the time); --output-sync keeps each
# build's log in one piece.
html: $(VENV)/.stamp ## Build the site: English into _build/html, Chinese into _build/html/zh_CN (zero warnings allowed)
	@$(MAKE) --no-print-directory -j2 --output-sync=target html-en html-zh

html-en: $(VENV)/.stamp ## Build the English site only, into _build/html
	$(SPHINXBUILD) -M html $(SOURCEDIR) $(BUILDDIR) -c . $(SPHINXOPTS)

# The same pages with the text of docs/locale/zh_CN/LC_MESSAGES/<page>.po,
# and doctrees of their own (the two builds never share an environment).
html-zh: $(VENV)/.stamp ## Build the Chinese site only, into _build/html/zh_CN
	$(SPHINXBUILD) -b html $(SOURCEDIR) $(BUILDDIR)/html/zh_CN -d $(BUILDDIR)/doctrees-zh_CN -c . -D language=zh_CN $(SPHINXOPTS)

# sphinx-build -b gettext writes one .pot per page; sphinx-intl merges each
# into its .po, keeping translations (a changed message comes back fuzzy).
gettext: $(VENV)/.stamp ## After an English edit: refresh the Chinese catalogues (docs/locale/zh_CN) from the pages
	$(SPHINXBUILD) -M gettext $(SOURCEDIR) $(BUILDDIR) -c . $(SPHINXOPTS)
	$(BIN)/sphinx-intl update -p $(BUILDDIR)/gettext -d $(SOURCEDIR)/locale -l zh_CN -w 0

livehtml: $(VENV)/.stamp ## Serve the English site on 127.0.0.1:8000, rebuilding on every change to docs/ or examples/
	$(BIN)/sphinx-autobuild $(SOURCEDIR) $(BUILDDIR)/html -c . -n --host 127.0.0.1 --port 8000 \
		--watch examples --watch conf.py --watch tools --re-ignore '.*\.(pyc|swp)$$'

test: $(VENV)/.stamp ## Run every example once (stdout on a terminal) and every check, with this Python
	$(BIN)/python -m pytest tests -n $(TEST_WORKERS) $(PYTESTOPTS)

test-all: $(VENV)/.stamp ## The whole matrix (every start method, pipe and terminal) on every CPython 3.9-3.15 found (under CI, a missing one fails)
	$(BIN)/python -m pytest tests --pythons=all $(PYTESTOPTS)

check: ## What CI runs: the workflow's own checks, the site, its links, the full matrix and every page in four looks, a short stress run
	$(MAKE) lint-ci
	$(MAKE) html
	$(MAKE) linkcheck
	$(MAKE) test-all PYTESTOPTS="--looks $(PYTESTOPTS)"
	$(MAKE) stress STRESS_RUNS=3

outputs: $(VENV)/.stamp ## Re-run every example and rewrite its .out (refuses failed runs)
	$(BIN)/python tools/run_example.py --all --write

stress: $(VENV)/.stamp ## Run every example STRESS_RUNS times (default 20) with every core busy
	$(BIN)/python tools/stress.py --runs $(STRESS_RUNS)

$(BENCH_VENV)/.stamp: bench/requirements.txt constraints.txt
	@command -v $(BENCH_PYTHON) >/dev/null || { echo "$(BENCH_PYTHON) not found: set BENCH_PYTHON=/path/to/python3.X"; exit 1; }
	rm -rf $(BENCH_VENV)
	$(BENCH_PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet -r bench/requirements.txt -c constraints.txt
	touch $@

bench: $(VENV)/.stamp $(BENCH_VENV)/.stamp ## Measure every mechanism with BENCH_PYTHON (default python3.14), redraw plots and tables (minutes)
	$(BENCH_VENV)/bin/python bench/run.py --out $(BENCH_DATA)/results.json
	$(BIN)/python bench/plot.py $(BENCH_DATA)/results.json

bench-keep: $(VENV)/.stamp $(BENCH_VENV)/.stamp ## Measure with BENCH_PYTHON, kept as _data/results-X.Y.json for the pages to compare with
	$(BENCH_VENV)/bin/python bench/run.py --slim --out $(BENCH_DATA)/results-$$($(BENCH_VENV)/bin/python -c 'import sys; print("%d.%d" % sys.version_info[:2])').json
	$(BIN)/python bench/plot.py $(BENCH_DATA)/results.json

linkcheck: $(VENV)/.stamp ## Check external links (needs network; offline it checks loopback only)
	$(SPHINXBUILD) -M linkcheck $(SOURCEDIR) $(BUILDDIR) -c . $(SPHINXOPTS)

# Offline: check-jsonschema validates against its vendored GitHub workflow
# schema; zizmor --offline runs every audit that needs no GitHub API.
lint-ci: $(VENV)/.stamp ## Check .github/workflows offline: structure (check-jsonschema) and security (zizmor)
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(BIN)/zizmor --offline --no-progress .github/workflows/

clean: ## Remove the built site and the compiled catalogues (keeps .venv, .venv-bench and the committed diagram renders)
	rm -rf $(BUILDDIR)
	find $(SOURCEDIR)/locale -name '*.mo' -delete
