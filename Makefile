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

.PHONY: help lab test notebooks bench html html-student lite student grade test-oldest freeze mutation clean

help:
	@echo "make lab        set up .venv if needed, then open JupyterLab on notebooks/"
	@echo "make test       set up .venv if needed, then run the whole test suite (unit, property, doctests, nbval, browser)"
	@echo "make notebooks  re-execute every notebook top to bottom and save its outputs (authors: run before committing); NB=03 for one"
	@echo "make bench      derivative accuracy and cost beside scipy, engine time per node; slider response against a naive baseline"
	@echo "make html       static HTML pages of every notebook, with an index, readable offline (build/html)"
	@echo "make lite       a JupyterLite site: the notebooks running in the browser, no server (build/lite)"
	@echo "make student    the student build: notebooks without solutions, a package without answers (build/student)"
	@echo "make html-student  static pages of the student notebooks (build/html-student)"
	@echo "make grade SUBMISSIONS=dir  run each submitted notebook (a folder, or a class's .zip) afresh; writes build/grades/grades.csv"
	@echo "make test-oldest  the whole suite against the oldest supported versions, in .venv-oldest"
	@echo "make freeze     write this environment's versions to build/freeze-PYTHON.txt (the weekly lock refresh)"
	@echo "make mutation   mutation testing of the math layer (mutmut): share of mutants killed per module (slow)"
	@echo "make clean      remove .venv and caches"

# The set-up installs the known-good versions pinned in constraints/lock.txt (the term's lock),
# so every student gets the versions the notebooks were saved with. LOCK=0 ignores the lock.
# UPGRADE=1 (the weekly CI run) ignores it too and installs the newest release of everything.
LOCK    ?= 1
UPGRADE ?=
PIP_UPGRADE := $(if $(UPGRADE),--upgrade --upgrade-strategy eager,)
PIP_LOCK    := $(if $(UPGRADE),,$(if $(filter 1,$(LOCK)),-c constraints/lock.txt,))
# calclib itself needs only what it imports; [lab] adds JupyterLab and a kernel, [test] the
# test tools, [lite] the JupyterLite builder.
EXTRAS := lab,test,lite

$(STAMP): pyproject.toml constraints/lock.txt tools/lab_settings.py
	@$(PYTHON) tools/check_python.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet $(PIP_UPGRADE) $(PIP_LOCK) -e ".[$(EXTRAS)]"
	$(BIN)/python tools/lab_settings.py
	@touch $(STAMP)

# Jupyter refuses to run as root unless told; containers and CI machines often are root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root,)
LAB_ARGS ?=

lab: $(STAMP) | $(VAR)
	$(BIN)/jupyter lab --notebook-dir=notebooks $(ROOT_FLAG) $(LAB_ARGS)

$(VAR):
	@mkdir -p $(VAR)/matplotlib $(VAR)/ipython $(VAR)/jupyter-runtime

# Python's own bytecode cache (__pycache__, git-ignored) even where the environment turns it off
# (PYTHONDONTWRITEBYTECODE=1, common in containers): without it every test process and every
# kernel compiles calclib and the tests from source again, and pytest rewrites every test
# module's asserts again (about 7 s of collection per worker). Nothing a test checks is cached.
test test-oldest: export PYTHONDONTWRITEBYTECODE :=

test: $(STAMP) | $(VAR)
	@sh tools/ensure_chromium.sh
	$(BIN)/python -m pytest -n 2 --dist loadscope

# NB=03 (or NB="03 07") re-runs only those notebooks.
NB ?=
notebooks: $(STAMP) | $(VAR)
	$(BIN)/python tools/execute_notebooks.py --only="$(NB)" notebooks/[0-9]*.ipynb
	$(BIN)/python tools/badges.py README.md

bench: $(STAMP) | $(VAR)
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python tools/bench_accuracy.py
	@sh tools/ensure_chromium.sh
	$(BIN)/python tools/bench.py

html: $(STAMP)
	$(BIN)/python tools/export_html.py

# Needs npm (for Pyodide's lock file) and the package index on first use; cached in build/.
lite: $(STAMP) | $(VAR)
	$(BIN)/python tools/lite.py

freeze: $(STAMP)
	$(BIN)/python tools/lock.py freeze build/freeze-$$($(BIN)/python -c 'import sys; print("%d.%d" % sys.version_info[:2])').txt

student: $(STAMP)
	$(BIN)/python tools/student.py

# Static pages of the student notebooks (no solutions), for a course site.
html-student: student
	$(BIN)/python tools/export_html.py build/html-student build/student/notebooks

# SUBMISSIONS=dir of .ipynb files (or one folder per student), or a .zip of one: run each in a fresh kernel and grade it.
SUBMISSIONS ?=
grade: $(STAMP) | $(VAR)
	@test -n "$(SUBMISSIONS)" || (echo "usage: make grade SUBMISSIONS=folder-of-notebooks (or SUBMISSIONS=class.zip)"; exit 2)
	$(BIN)/python tools/grade.py "$(SUBMISSIONS)" build/grades

OLD := .venv-oldest
$(OLD)/.installed-stamp: pyproject.toml constraints/oldest.txt
	@$(PYTHON) tools/check_python.py
	$(PYTHON) -m venv $(OLD)
	$(OLD)/bin/python -m pip install --quiet --upgrade pip
	$(OLD)/bin/python -m pip install --quiet -c constraints/oldest.txt -e ".[$(EXTRAS)]"
	$(OLD)/bin/python tools/lab_settings.py
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
