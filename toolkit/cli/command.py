"""``python -m toolkit figures``: the arguments, the logging, the exit codes.

Parameters come from a YAML file (``--params-file``, else ``<corpus name>.params.yaml``
next to the corpus: :mod:`toolkit.cli.parameters`) and from ``-p key=value`` options,
which win; all are checked against the notebooks' parameters cells before any runs.

Exit codes: 0 done, 1 a notebook failed (its cell and error are printed), 2 bad input
(reported before anything runs: a bad corpus, notebook or parameter), 130 interrupted.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from typing import Any

from toolkit.cli.notebooks import list_notebooks, parse_parameter, resolve_corpus
from toolkit.cli.parameters import (
    find_parameters_file,
    read_parameters_file,
    validate_parameters,
)
from toolkit.cli.runner import NOISY_LOGGERS, NotebookFailed, run_figures
from toolkit.figures import DEFAULT_CORPUS

__all__ = ["main"]

logger = logging.getLogger(__name__)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m toolkit",
                                     description="Toolkit command-line entry points.")
    sub = parser.add_subparsers(dest="command", required=True)
    fig = sub.add_parser(
        "figures", help="execute the notebooks and write every figure with a manifest",
        description="Execute notebooks/ in order, headless, and write every figure (SVG + "
                    "PNG), the manifest and the executed notebooks into the output folder.")
    fig.add_argument("--corpus", default=DEFAULT_CORPUS,
                     help="shipped corpus name (sample, sotu, ungdc) or path to a corpus "
                          "(default: %(default)s)")
    fig.add_argument("--out", default=None,
                     help="output folder (default: $TOOLKIT_FIGURES_DIR, else figures/ in "
                          "the project for the default corpus and parameters, else "
                          "figures-<corpus>[-<params>]/)")
    fig.add_argument("--notebooks", default=None,
                     help="comma-separated numbers or names to run, e.g. 01,03 (default: all)")
    fig.add_argument("-p", "--parameter", action="append", default=[], metavar="KEY=VALUE",
                     help="notebook parameter, repeatable, e.g. -p seed=7 -p start=2000 "
                          "(wins over the parameters file)")
    fig.add_argument("--params-file", default=None, metavar="PATH",
                     help="YAML file of notebook parameters (default: <corpus name>"
                          ".params.yaml next to the corpus, if there is one)")
    fig.add_argument("--force", action="store_true",
                     help="replace figures made from a different corpus in the output folder")
    fig.add_argument("--timeout", type=int, default=None, help="seconds allowed per cell")
    fig.add_argument("--jobs", type=int, default=None,
                     help="notebooks run at once (default: one per core; 1: one after "
                          "another, for a corpus near the size of memory)")
    fig.add_argument("--kernel", default="python3", help="Jupyter kernel (default: %(default)s)")
    fig.add_argument("--notebooks-dir", default=None, help=argparse.SUPPRESS)
    return parser


def _configure_logging() -> None:
    """Progress lines on stderr, without the chatter of papermill and the kernel client."""
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    for noisy in NOISY_LOGGERS:
        logging.getLogger(noisy).setLevel(logging.WARNING)
    logging.getLogger("toolkit").setLevel(logging.INFO)


def _parameters(corpus: str, params_file: str | None, given: list[tuple[str, Any]],
                texts: list[str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The parameters file's values (named, or found next to the corpus), then ``-p`` ones."""
    path = params_file or find_parameters_file(corpus)
    values, origins = read_parameters_file(path) if path else ({}, {})
    if path:
        logger.info("parameters from %s: %s", path, ", ".join(values) or "none")
    for (key, value), text in zip(given, texts):
        values[key], origins[key] = value, f"-p {text}"
    return values, origins


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``python -m toolkit <command>``; return the exit code.

    Examples
    --------
    >>> main(["figures", "-p", "oops"])  # the error is written to stderr
    2
    """
    args = _parser().parse_args(argv)
    try:
        given = [parse_parameter(p) for p in args.parameter]
        select = [s for s in args.notebooks.split(",") if s.strip()] if args.notebooks else None
        resolve_corpus(args.corpus)  # bad input is reported before anything starts
        paths = list_notebooks(args.notebooks_dir, select)
        _configure_logging()
        params, origins = _parameters(args.corpus, args.params_file, given, args.parameter)
        # checked against every notebook: a name meant for one not in this run is no typo
        plan = validate_parameters(params, list_notebooks(args.notebooks_dir),
                                   corpus=args.corpus, origins=origins, running=paths)
        run_figures(corpus=args.corpus, out=args.out, notebooks=select,
                    parameters=plan.parameters, force=args.force,
                    notebooks_dir=args.notebooks_dir, kernel_name=args.kernel,
                    timeout=args.timeout, jobs=args.jobs)
    except ValueError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    except NotebookFailed as exc:
        sys.stderr.write(f"\nFAILED: {exc}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("\ninterrupted\n")
        return 130
    return 0
