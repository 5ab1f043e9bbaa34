# The two commands: `make book` builds the HTML book, `make test` runs every test.
# Both create .venv and install the project (pinned by constraints.txt) when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
BUILD_FLAGS := --warningiserror --nitpick --keep-going

.PHONY: install check test book clean
.DEFAULT_GOAL := book

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

check: $(STAMP)
	@$(BIN)/python -m analytic_reader check .

test: $(STAMP)
	$(BIN)/python -m pytest

book: $(STAMP)
	$(BIN)/jupyter-book build . $(BUILD_FLAGS)

clean:
	rm -rf _build
