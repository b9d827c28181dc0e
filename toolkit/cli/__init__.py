"""Command-line entry points: ``python -m toolkit figures ...`` (called by ``make figures``).

==================================  =====================================================
module                              what
==================================  =====================================================
:mod:`toolkit.cli.command`          :func:`main`: arguments, logging, exit codes
:mod:`toolkit.cli.runner`           :func:`run_figures`, :func:`run_notebook` (papermill)
:mod:`toolkit.cli.notebooks`        :func:`parse_parameter`, :func:`list_notebooks`
:mod:`toolkit.cli.parameters`       parameters files, checked against every notebook
:mod:`toolkit.cli.progress`         one line per cell, a heartbeat, readable failures
:mod:`toolkit.cli.kernels`          each kernel's environment and folder; Ctrl-C stops all
==================================  =====================================================

``python -m toolkit figures`` executes the notebooks in ``notebooks/`` in order, headless,
with papermill, injecting ``corpus`` and any ``-p key=value`` parameters. Each notebook
writes its figures through :mod:`toolkit.figures` into the output folder; the executed
notebooks (with their outputs) go to ``<out>/notebooks/``. One line per notebook and per
code cell says where the run is and how long each step took. A failing notebook stops
the run and prints the notebook, the cell, its first lines and the error, then exits 1.

Output folder: ``--out`` if given; else :func:`toolkit.figures.output_dir`:
``figures/`` for the default corpus, ``figures-<corpus>/`` for another (``-2`` when that
folder holds figures of other parameters; the parameters are in the manifest). Interactive
kernels write to ``figures-lab/``. Parameters come from ``-p key=value`` and
``--params-file`` (or ``<corpus>.params.yaml`` next to the corpus), checked against the
notebooks' parameters cells before anything runs.
"""

from toolkit.cli.command import main
from toolkit.cli.notebooks import list_notebooks, parse_parameter
from toolkit.cli.parameters import ParameterError, validate_parameters
from toolkit.cli.runner import NotebookFailed, NotebookRun, run_figures, run_notebook

__all__ = [
    "NotebookFailed",
    "NotebookRun",
    "ParameterError",
    "list_notebooks",
    "main",
    "parse_parameter",
    "run_figures",
    "run_notebook",
    "validate_parameters",
]
