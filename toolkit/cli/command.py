"""``python -m toolkit figures``: the arguments, the logging, the exit codes.

Exit codes: 0 done, 1 a notebook failed (its cell and error are printed), 2 bad input
(reported before anything runs), 130 interrupted.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from toolkit.cli.notebooks import list_notebooks, parse_parameter, resolve_corpus
from toolkit.cli.runner import NotebookFailed, run_figures
from toolkit.figures import DEFAULT_CORPUS

__all__ = ["main"]


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
                     help="notebook parameter, repeatable, e.g. -p seed=7 -p start=2000")
    fig.add_argument("--force", action="store_true",
                     help="replace figures made from a different corpus in the output folder")
    fig.add_argument("--timeout", type=int, default=None, help="seconds allowed per cell")
    fig.add_argument("--kernel", default="python3", help="Jupyter kernel (default: %(default)s)")
    fig.add_argument("--notebooks-dir", default=None, help=argparse.SUPPRESS)
    return parser


def _configure_logging() -> None:
    """Progress lines on stderr, without the chatter of papermill and the kernel client."""
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    for noisy in ("papermill", "traitlets", "nbclient"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    logging.getLogger("toolkit").setLevel(logging.INFO)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``python -m toolkit <command>``; return the exit code.

    Examples
    --------
    >>> main(["figures", "-p", "oops"])  # the error is written to stderr
    2
    """
    args = _parser().parse_args(argv)
    try:
        params = dict(parse_parameter(p) for p in args.parameter)
        select = [s for s in args.notebooks.split(",") if s.strip()] if args.notebooks else None
        resolve_corpus(args.corpus)  # bad input is reported before anything starts
        list_notebooks(args.notebooks_dir, select)
        _configure_logging()
        run_figures(corpus=args.corpus, out=args.out, notebooks=select, parameters=params,
                    force=args.force, notebooks_dir=args.notebooks_dir,
                    kernel_name=args.kernel, timeout=args.timeout)
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
