# The two commands: `make book` builds the HTML book, `make test` runs every test.
# Both create .venv and install the project (versions pinned by constraints.txt) when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
LAB_STAMP := $(VENV)/.lab-stamp
JB := $(BIN)/jupyter-book
STUDENT_SRC := _build/student-src
STUDENT_OUT := _build/student

.PHONY: help install check test unit book book-student pdf js lab publish bench clean
.DEFAULT_GOAL := book

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

## This list: every target with the comment above it.
help:
	@awk '/^## /{doc=substr($$0, 4); next} /^[a-z-]+:/{if (doc) {split($$0, t, ":"); printf "  make %-13s %s\n", t[1], doc}; doc=""} !/^## /{if ($$0 !~ /^[a-z-]+:/) doc=""}' Makefile

## Validate seeds/, data/, references.bib and the chapters (one line per problem), then lint the code (ruff) and the workflows (actionlint).
check: $(STAMP)
	@$(BIN)/python -m analytic_reader check .
	@$(BIN)/ruff check --quiet src tests tools && $(BIN)/ruff format --check --quiet src tests tools
	@$(BIN)/actionlint .github/workflows/*.yml

## Every test: unit, data, both book editions (strict build) and the browser tests.
test: $(STAMP) js
	$(BIN)/python -m pytest

## Only the fast tests (no book build, no browser).
unit: $(STAMP)
	$(BIN)/python -m pytest -m "not book and not browser"

## The JavaScript the tests use (axe-core, the Nu HTML checker), pinned in js/; the book itself serves none.
js: $(STAMP)
	@$(BIN)/python tools/install_js.py

## The instructor edition (solutions collapsed) into _build/html; built aside, published only if it succeeds.
book: $(STAMP)
	@$(BIN)/python -m analytic_reader check .
	@$(BIN)/python -m analytic_reader build . _build/html --work _build/work

## The student edition (no solution text anywhere) into _build/student/_build/html.
book-student: $(STAMP)
	@$(BIN)/python -m analytic_reader check .
	@$(BIN)/python -m analytic_reader student . $(STUDENT_SRC)
	@$(BIN)/python -m analytic_reader build $(STUDENT_SRC) $(STUDENT_OUT)/_build/html --work _build/student-work

## PDF handouts (one per chapter, and the whole book) for both editions, into _build/pdf/; then both sites again, each chapter's download menu offering its handout.
pdf: book book-student
	$(BIN)/python tools/pdf.py _build/html _build/pdf/instructor
	$(BIN)/python tools/pdf.py $(STUDENT_OUT)/_build/html _build/pdf/student
	@ANALYTIC_READER_HANDOUTS=$(CURDIR)/_build/pdf/instructor $(BIN)/python -m analytic_reader build . _build/html --work _build/work
	@ANALYTIC_READER_HANDOUTS=$(CURDIR)/_build/pdf/student $(BIN)/python -m analytic_reader build $(STUDENT_SRC) $(STUDENT_OUT)/_build/html --work _build/student-work

$(LAB_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,lab]'
	@mkdir -p $(VENV)/share/jupyter/lab/settings
	@printf '{"@jupyterlab/docmanager-extension:plugin": {"defaultViewers": {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"}}}\n' \
		> $(VENV)/share/jupyter/lab/settings/overrides.json
	@touch $(LAB_STAMP)

## JupyterLab in the project's environment; chapters open as notebooks (jupytext).
lab: $(LAB_STAMP)
	$(BIN)/jupyter lab --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/chapters $(if $(filter 0,$(shell id -u)),--allow-root)

## Publish _build/html to the gh-pages branch (any static host can serve _build/html as is).
publish: book
	$(BIN)/ghp-import --no-jekyll --force --push _build/html

## Remove every build: the next build starts from scratch.
clean:
	rm -rf _build

## Build-performance figures on a temporary copy (clean, no-op, prose edit, code edit, floor, pages, engine).
bench: $(STAMP)
	$(BIN)/python -m analytic_reader bench
	@$(MAKE) --no-print-directory book >/dev/null && $(BIN)/python tools/first_paint.py _build/html
