# Two commands do everything on a fresh machine: `make figures` and `make test`.
# Each bootstraps .venv from nothing (Python >= 3.11 and make are all it needs) with the
# exact versions of uv.lock, and reuses it afterwards; the venv is updated only when the
# lock changes. uv installs it (from PATH, else bootstrapped from PyPI into .venv/.uv);
# without uv, pip installs the same pins with their hashes (requirements*.lock, exported
# from uv.lock by `make lock`). INSTALLER=pip forces the pip route, INSTALLER=uv the uv one.

ifeq ($(origin PYTHON),undefined)
PYTHON    := $(shell command -v python3.11 || command -v python3)
endif
VENV      := .venv
PY        := $(VENV)/bin/python
STAMP     := $(VENV)/.installed
INSTALLER ?= auto

# What `make figures` passes to `python -m toolkit figures`. These values are data: make
# never expands them ($(value ...)), the shell never parses them (they reach Python through
# the environment), and PARAMS is split like a shell would split words (shlex), so
# backticks, $(...) and quotes do nothing but arrive as written.
#   CORPUS       shipped corpus name or path           (--corpus)
#   OUT          output folder                         (--out)
#   PARAMS       notebook parameters: -p k=v -p k2=v2  (also --force, --notebooks 01,03)
#   PARAMS_FILE  a JSON/YAML file of parameters, for lists and dicts (--params-file)
#   JOBS         notebooks run at once (default: one per core; 1: one after another)
#   DRY_RUN=1    print the command instead of running it
CORPUS      ?= sotu
OUT         ?=
PARAMS      ?=
PARAMS_FILE ?=
DRY_RUN     ?=
JOBS        ?=
unexport CORPUS OUT PARAMS PARAMS_FILE DRY_RUN JOBS
export TOOLKIT_MAKE_CORPUS      = $(value CORPUS)
export TOOLKIT_MAKE_OUT         = $(value OUT)
export TOOLKIT_MAKE_PARAMS      = $(value PARAMS)
export TOOLKIT_MAKE_PARAMS_FILE = $(value PARAMS_FILE)
export TOOLKIT_MAKE_DRY_RUN     = $(value DRY_RUN)
export TOOLKIT_MAKE_JOBS        = $(value JOBS)

.PHONY: help figures test lab strip bench lock clean-venv

help:
	@echo "make figures   build every figure from the default corpus into figures/"
	@echo "               make figures CORPUS=corpus/my-news.csv OUT=figures-mine"
	@echo "               PARAMS='-p start=2010 -p seed=7' PARAMS_FILE=params.yaml"
	@echo "make test      run all tests (on every core)"
	@echo "make lab       open JupyterLab on notebooks/ (127.0.0.1; saves notebooks without outputs)"
	@echo "make strip     remove outputs from notebooks/*.ipynb (also a git filter after make lab)"
	@echo "make bench     run the benchmarks against peers, writing bench/RESULTS.md"
	@echo "make lock      re-resolve uv.lock after editing pyproject.toml, export requirements*.lock"

# ------------------------------------------------------------------ the environment

# The installer, as plain shell (exported unexpanded, run with sh -c): `setup MODE EXTRA...`.
# MODE exact: the venv holds exactly the lock's packages for EXTRA (removes any others);
# MODE add: add EXTRA's packages, keep the rest (lab, bench on top of test).
define SETUP_SH
set -eu
export PIP_ROOT_USER_ACTION=ignore
mode=$1; shift
venv=$TOOLKIT_MAKE_VENV
started=$(date +%s)
test -x "$venv/bin/python" || "$TOOLKIT_MAKE_PYTHON" -m venv --without-pip "$venv"
pip() {  # the venv's pip, else Python's own, else ensurepip's
    if "$venv/bin/python" -m pip --version >/dev/null 2>&1; then :
    elif "$TOOLKIT_MAKE_PYTHON" -m pip --version >/dev/null 2>&1; then
        "$TOOLKIT_MAKE_PYTHON" -m pip --disable-pip-version-check "$@"; return
    else "$venv/bin/python" -m ensurepip --default-pip >/dev/null
    fi
    "$venv/bin/python" -m pip --disable-pip-version-check "$@"
}
bootstrap_uv() {  # the uv version of requirements-uv.lock, into $venv/.uv
    [ -x "$venv/.uv/bin/uv" ] && return
    echo "setup: installing uv from PyPI into $venv/.uv (requirements-uv.lock)"
    pip install --quiet --quiet --require-hashes --no-deps --target "$venv/.uv" \
        -r requirements-uv.lock
}
uv_sync() {
    UV_PROJECT_ENVIRONMENT=$venv UV_PYTHON=$venv/bin/python UV_PYTHON_DOWNLOADS=never \
        "$1" sync --quiet --frozen $flags
}
flags=; for extra in "$@"; do flags="$flags --extra $extra"; done
[ "$mode" = exact ] || flags="$flags --inexact"
done=
if [ "$TOOLKIT_MAKE_INSTALLER" != pip ]; then
    echo "setup: uv sync --frozen$flags (uv.lock)"
    if uv=$(command -v uv) && uv_sync "$uv"; then
        done=uv
    else
        [ -z "$uv" ] || echo "setup: $uv failed; trying the uv of requirements-uv.lock"
        if bootstrap_uv && uv_sync "$venv/.uv/bin/uv"; then
            done=uv
        elif [ "$TOOLKIT_MAKE_INSTALLER" = uv ]; then
            echo "setup: could not install with uv (INSTALLER=uv)" >&2; exit 1
        else
            echo "setup: no working uv; installing the same pins with pip"
        fi
    fi
fi
if [ -z "$done" ]; then
    case "$*" in
        test) lock=requirements.lock ;;
        *) lock=requirements-$(echo "$*" | sed 's/^test //; s/ /-/g').lock ;;
    esac
    echo "setup: pip install --require-hashes -r $lock"
    "$venv/bin/python" -m pip --version >/dev/null 2>&1 || \
        "$venv/bin/python" -m ensurepip --default-pip >/dev/null
    "$venv/bin/python" -m pip install --quiet --quiet --disable-pip-version-check \
        --require-hashes --no-deps -r "$lock"
    "$venv/bin/python" -m pip install --quiet --quiet --disable-pip-version-check \
        --no-deps --no-build-isolation -e .
fi
# Compile the installed modules once (their tests and the installers' own code aside):
# where Python may not write .pyc files on import (PYTHONDONTWRITEBYTECODE, set in many
# containers and CI images, this one included) it would otherwise compile pandas, SciPy,
# matplotlib and gensim again in every process: 8.0 s of CPU for a notebook kernel's
# imports instead of 3.2 s (bench/results/env.md). Up-to-date files are skipped, so a rerun is quick.
"$venv/bin/python" -m compileall -q -j 0 -x '/tests?/|/site-packages/(pip|setuptools)/' \
    "$venv/lib" >/dev/null || echo "setup: some modules did not compile; Python compiles them on import"
"$venv/bin/python" -m ipykernel install --prefix "$venv" --name python3 >/dev/null
# the figures' manifest records which lock made the environment (toolkit.figures.setup)
"$venv/bin/python" -c 'import hashlib; print(hashlib.sha256(open("uv.lock", "rb").read()).hexdigest())' \
    > "$venv/toolkit-lock.sha256"
echo "setup: $venv ready ($*) in $(( $(date +%s) - started )) s"
endef
export TOOLKIT_MAKE_SETUP = $(value SETUP_SH)
export TOOLKIT_MAKE_VENV      = $(VENV)
export TOOLKIT_MAKE_PYTHON    = $(PYTHON)
export TOOLKIT_MAKE_INSTALLER = $(INSTALLER)
SETUP = sh -c "$$TOOLKIT_MAKE_SETUP" setup

$(STAMP): uv.lock requirements.lock requirements-uv.lock
	@$(SETUP) exact test
	@rm -f $(VENV)/.lab $(VENV)/.bench
	@touch $@

$(VENV)/.lab: $(STAMP) requirements-lab.lock
	@$(SETUP) add test lab
	@touch $@

$(VENV)/.bench: $(STAMP) requirements-bench.lock
	@$(SETUP) add test bench
	@touch $@

# after editing the dependencies in pyproject.toml (tests/test_make.py fails until then)
lock: $(STAMP)
	@set -e; uv=$$(command -v uv || echo $(VENV)/.uv/bin/uv); \
	echo "$$uv lock"; "$$uv" lock; \
	for extras in test "test lab" "test bench"; do \
	    name=requirements$$(echo " $$extras" | sed 's/ test//; s/ /-/g').lock; \
	    echo "$$uv export ($$extras) -> $$name"; \
	    "$$uv" export --frozen --no-emit-project --no-header -q \
	        $$(for e in $$extras; do printf -- '--extra %s ' $$e; done) -o $$name; \
	done

clean-venv:
	rm -rf $(VENV)

# ------------------------------------------------------------------ the two commands

# `python -m toolkit figures` with the variables above as its arguments (read from the
# environment: no shell ever sees them); its exit code is make's.
define FIGURES_PY
import json, os, shlex, sys
env = os.environ.get
argv = ["figures", "--corpus", env("TOOLKIT_MAKE_CORPUS") or "sotu"]
if env("TOOLKIT_MAKE_OUT"):
    argv += ["--out", env("TOOLKIT_MAKE_OUT")]
if env("TOOLKIT_MAKE_PARAMS_FILE"):
    argv += ["--params-file", env("TOOLKIT_MAKE_PARAMS_FILE")]
if env("TOOLKIT_MAKE_JOBS"):
    argv += ["--jobs", env("TOOLKIT_MAKE_JOBS")]
try:
    argv += shlex.split(env("TOOLKIT_MAKE_PARAMS") or "")
except ValueError as exc:
    sys.stderr.write(f"error: PARAMS={env('TOOLKIT_MAKE_PARAMS')!r} is invalid ({exc}); "
                     "write -p key=value options, quoting values with spaces: "
                     "PARAMS=\"-p label='peace talks'\"\n")
    sys.exit(2)
if env("TOOLKIT_MAKE_DRY_RUN"):
    print(json.dumps(["python", "-m", "toolkit", *argv]))
    sys.exit(0)
from toolkit.cli import main
sys.exit(main(argv))
endef
export TOOLKIT_MAKE_FIGURES = $(value FIGURES_PY)

figures: $(STAMP)
	@$(PY) -c "$$TOOLKIT_MAKE_FIGURES"

# every core; tests that share a folder are grouped on one worker (tests/conftest.py)
test: $(STAMP)
	$(PY) -m pytest -n auto --dist loadgroup

# ------------------------------------------------------------------ JupyterLab

# Loopback only; as root (containers) with --allow-root. etc/jupyter/ saves the notebooks
# of notebooks/ without outputs; in a git checkout, the nbstripout filter named in
# .gitattributes strips any that another editor saved (configured here, in .git/config).
lab: $(VENV)/.lab
	@if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
	    nbstripout="'$$PWD/$(VENV)/bin/python' -m nbstripout --keep-id"; \
	    git config filter.nbstripout.clean "$$nbstripout" && \
	    git config filter.nbstripout.smudge cat && \
	    git config diff.ipynb.textconv "$$nbstripout -t"; fi
	@root=; if [ "$$(id -u)" = 0 ]; then root=--allow-root; fi; \
	JUPYTER_CONFIG_PATH="$$PWD/etc/jupyter" exec $(VENV)/bin/jupyter lab \
	    --notebook-dir=notebooks --ip=127.0.0.1 $$root

# the same stripping for notebooks saved by other editors (cell ids are kept)
strip: $(STAMP)
	$(PY) -m nbstripout --keep-id notebooks/*.ipynb

# ------------------------------------------------------------------ benchmarks

bench: $(VENV)/.bench
	$(PY) -m bench
