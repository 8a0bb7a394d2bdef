# Two commands for everyone: `make lab` and `make test`. Each sets up .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

# Keep every file the tools write inside the project (no ~/.jupyter, ~/.ipython, ~/.cache).
VAR := $(CURDIR)/.var
export MPLCONFIGDIR        := $(VAR)/matplotlib
export IPYTHONDIR          := $(VAR)/ipython
export JUPYTER_RUNTIME_DIR := $(VAR)/jupyter-runtime
export JUPYTER_PLATFORM_DIRS := 1
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: help lab test notebooks bench html student test-oldest mutation clean

help:
	@echo "make lab        set up .venv if needed, then open JupyterLab on notebooks/"
	@echo "make test       set up .venv if needed, then run the whole test suite (unit, property, doctests, nbval, browser)"
	@echo "make notebooks  re-execute every notebook top to bottom and save its outputs (authors: run before committing)"
	@echo "make bench      measure slider response in the kernel and in the browser against a naive baseline"
	@echo "make html       static HTML pages of every notebook, with an index (build/html)"
	@echo "make student    copies of the notebooks without solution cells (build/student)"
	@echo "make test-oldest  the whole suite against the oldest supported versions, in .venv-oldest"
	@echo "make mutation   mutation testing of the math layer (mutmut): share of mutants killed per module (slow)"
	@echo "make clean      remove .venv and caches"

# UPGRADE=1 (the weekly CI run) installs the newest release of every dependency.
UPGRADE ?=
PIP_UPGRADE := $(if $(UPGRADE),--upgrade --upgrade-strategy eager,)

$(STAMP): pyproject.toml
	@$(PYTHON) tools/check_python.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet $(PIP_UPGRADE) -e ".[test]"
	@touch $(STAMP)

# Jupyter refuses to run as root unless told; containers and CI machines often are root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root,)
LAB_ARGS ?=

lab: $(STAMP) | $(VAR)
	$(BIN)/jupyter lab --notebook-dir=notebooks $(ROOT_FLAG) $(LAB_ARGS)

$(VAR):
	@mkdir -p $(VAR)/matplotlib $(VAR)/ipython $(VAR)/jupyter-runtime

test: $(STAMP) | $(VAR)
	@sh tools/ensure_chromium.sh
	$(BIN)/python -m pytest -n 2 --dist loadscope

notebooks: $(STAMP) | $(VAR)
	$(BIN)/python tools/execute_notebooks.py notebooks/[0-9]*.ipynb

bench: $(STAMP) | $(VAR)
	@sh tools/ensure_chromium.sh
	$(BIN)/python tools/bench.py

html: $(STAMP)
	$(BIN)/python tools/export_html.py

student: $(STAMP)
	$(BIN)/python tools/student.py

OLD := .venv-oldest
$(OLD)/.installed-stamp: pyproject.toml constraints/oldest.txt
	@$(PYTHON) tools/check_python.py
	$(PYTHON) -m venv $(OLD)
	$(OLD)/bin/python -m pip install --quiet --upgrade pip
	$(OLD)/bin/python -m pip install --quiet -c constraints/oldest.txt -e ".[test]"
	@touch $@

test-oldest: $(OLD)/.installed-stamp | $(VAR)
	@sh tools/ensure_chromium.sh
	$(OLD)/bin/python -m pytest -n 2 --dist loadscope

# Mutation testing (weekly in CI, not on every push): the [mutation] extra is installed only here.
# nice and one worker: it runs for a long time and the machine may be shared.
MUTATION_STAMP := $(VENV)/.mutation-stamp
$(MUTATION_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet $(PIP_UPGRADE) -e ".[test,mutation]"
	@touch $@

mutation: $(MUTATION_STAMP) | $(VAR)
	nice -n 15 $(BIN)/python tools/mutation.py $(MODULES)

clean:
	rm -rf $(VENV) $(OLD) $(VAR) .hypothesis .pytest_cache build mutants
