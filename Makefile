# Two commands for everyone: `make lab` and `make test`. Each sets up .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

# Keep every file the tools write inside the project (no ~/.jupyter, ~/.ipython, ~/.cache).
export MPLCONFIGDIR        := $(CURDIR)/$(VENV)/var/matplotlib
export IPYTHONDIR          := $(CURDIR)/$(VENV)/var/ipython
export JUPYTER_RUNTIME_DIR := $(CURDIR)/$(VENV)/var/jupyter-runtime
export JUPYTER_PLATFORM_DIRS := 1
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: help lab test notebooks bench clean

help:
	@echo "make lab        set up .venv if needed, then open JupyterLab on notebooks/"
	@echo "make test       set up .venv if needed, then run the whole test suite (unit, property, doctests, nbval, browser)"
	@echo "make notebooks  re-execute every notebook top to bottom and save its outputs (authors: run before committing)"
	@echo "make bench      measure slider response in the kernel and in the browser against a naive baseline"
	@echo "make clean      remove .venv and caches"

$(STAMP): pyproject.toml
	@$(PYTHON) tools/check_python.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@mkdir -p $(VENV)/var/matplotlib $(VENV)/var/ipython $(VENV)/var/jupyter-runtime
	@touch $(STAMP)

# Jupyter refuses to run as root unless told; containers and CI machines often are root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root,)
LAB_ARGS ?=

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks $(ROOT_FLAG) $(LAB_ARGS)

test: $(STAMP)
	@sh tools/ensure_chromium.sh
	$(BIN)/python -m pytest -n 2 --dist loadscope

notebooks: $(STAMP)
	$(BIN)/python tools/execute_notebooks.py notebooks/[0-9]*.ipynb

bench: $(STAMP)
	@sh tools/ensure_chromium.sh
	$(BIN)/python tools/bench.py

clean:
	rm -rf $(VENV) .hypothesis .pytest_cache build
