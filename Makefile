# Two commands do everything on a fresh machine: `make figures` and `make test`.
# Each bootstraps .venv from nothing (Python >= 3.11 and make are all it needs) and
# reuses it afterwards; the venv is rebuilt only when pyproject.toml changes.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
CORPUS ?= sotu
OUT    ?=
PARAMS ?=

.PHONY: figures test lab bench clean-venv help

help:
	@echo "make figures   build every figure from the default corpus into figures/"
	@echo "               (make figures CORPUS=path/to/corpus OUT=figures-mine for your own)"
	@echo "make test      run all tests"
	@echo "make lab       open JupyterLab on notebooks/ with the toolkit importable"
	@echo "make bench     run the benchmarks against peers, writing bench/RESULTS.md"

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	$(PY) -m ipykernel install --prefix $(VENV) --name python3 >/dev/null
	@touch $(STAMP)

figures: $(STAMP)
	$(PY) -m toolkit figures --corpus "$(CORPUS)" $(if $(OUT),--out "$(OUT)") $(PARAMS)

test: $(STAMP)
	$(PY) -m pytest

$(VENV)/.lab: $(STAMP)
	$(PY) -m pip install --quiet -e ".[test,lab]"
	@touch $@

lab: $(VENV)/.lab
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks

$(VENV)/.bench: $(STAMP)
	$(PY) -m pip install --quiet -e ".[test,bench]"
	@touch $@

bench: $(VENV)/.bench
	$(PY) -m bench

clean-venv:
	rm -rf $(VENV)
