"""Command-line entry points: ``python -m toolkit figures ...`` (called by ``make figures``).

``python -m toolkit figures`` executes the notebooks in ``notebooks/`` in order, headless,
with papermill, injecting ``corpus`` and any ``-p key=value`` parameters. Each notebook
writes its figures through :mod:`toolkit.figures` into the output folder; the executed
notebooks (with their outputs) go to ``<out>/notebooks/``. One line per notebook and per
code cell says where the run is and how long each step took. A failing notebook stops
the run and prints the notebook, the cell, its first lines and the error, then exits 1.

Output folder: ``--out`` if given; else ``figures/`` for the default corpus with its
default parameters; else ``figures-<corpus>[-<key=value>...]/``, so the default figures
are never overwritten by another corpus or other parameters.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import re
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit import _core as _util, figures

logger = logging.getLogger(__name__)

__all__ = ["main", "run_figures", "run_notebook", "list_notebooks", "parse_parameter",
           "default_out", "NotebookFailed", "NotebookRun"]

NOTEBOOKS_DIR = _util.project_dir() / "notebooks"
#: Parameters always passed as strings (a year given as ``-p start=2000`` stays ``"2000"``).
STRING_PARAMETERS = frozenset({"corpus", "start", "end"})
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class NotebookFailed(RuntimeError):
    """A notebook raised an error; the message names the notebook, cell and error."""

    def __init__(self, notebook: str, message: str, output: Path | None = None) -> None:
        super().__init__(message)
        self.notebook, self.output = notebook, output


@dataclass
class NotebookRun:
    """What one notebook run produced."""

    notebook: str
    seconds: float
    output: Path
    files: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- helpers


def parse_parameter(text: str) -> tuple[str, Any]:
    """Parse ``key=value`` from the command line; values are read as JSON when they parse.

    ``corpus``, ``start`` and ``end`` always stay strings.

    Examples
    --------
    >>> parse_parameter("num_topics=20"), parse_parameter("alpha=0.1")
    (('num_topics', 20), ('alpha', 0.1))
    >>> parse_parameter("start=2000"), parse_parameter("label=peace talks")
    (('start', '2000'), ('label', 'peace talks'))
    >>> parse_parameter("end=None"), parse_parameter("years=[1990, 2000]")
    (('end', None), ('years', [1990, 2000]))
    """
    key, sep, raw = text.partition("=")
    key = key.strip()
    if not sep or not key.isidentifier():
        raise ValueError(f"parameter {text!r} is invalid; must be key=value with a Python "
                         "identifier as key, e.g. num_topics=20")
    raw = raw.strip()
    if raw in {"None", "none", "null"}:
        return key, None
    if key in STRING_PARAMETERS:
        return key, raw
    if raw in {"True", "False"}:
        return key, raw == "True"
    try:
        return key, json.loads(raw)
    except json.JSONDecodeError:
        return key, raw


def list_notebooks(folder: str | Path = NOTEBOOKS_DIR,
                   select: Sequence[str] | None = None) -> list[Path]:
    """Return the notebooks of ``folder`` in run order, optionally only those selected.

    ``select`` items match a notebook's number (``"02"``) or its name (``"02-topics"``).

    Examples
    --------
    >>> [p.name for p in list_notebooks()] == sorted(p.name for p in list_notebooks())
    True
    """
    folder = Path(folder)
    found = sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))
    if not select:
        return found
    chosen = []
    for item in select:
        item = item.strip().removesuffix(".ipynb")
        match = [p for p in found if p.stem == item or p.stem.split("-", 1)[0] == item]
        if not match:
            valid = ", ".join(p.stem for p in found) or "none found"
            raise ValueError(f"notebooks={item!r} is invalid; must be one of {valid} "
                             f"(in {folder})")
        chosen.extend(p for p in match if p not in chosen)
    return sorted(chosen)


def default_out(corpus: str, parameters: Mapping[str, Any] | None = None) -> Path:
    """Return the output folder of a run: ``figures/`` only for the default configuration.

    Examples
    --------
    >>> default_out("sotu").name
    'figures'
    >>> default_out("sotu", {"num_topics": 30}).name
    'figures-sotu-num_topics=30'
    >>> default_out("/data/my-news.csv").name
    'figures-my-news'
    """
    base = _util.project_dir() / "figures"
    params = {k: v for k, v in (parameters or {}).items() if k != "corpus"}
    if corpus == figures.DEFAULT_CORPUS and not params:
        return base
    name = f"{base.name}-{figures._slug(corpus)}"
    if params:
        suffix = "-".join(f"{k}={v}" for k, v in sorted(params.items()))
        suffix = re.sub(r"[^A-Za-z0-9_.=-]+", "_", suffix)
        if len(suffix) > 60:
            suffix = "params-" + figures.sha256(suffix.encode())[:10]
        name += f"-{suffix}"
    return base.with_name(name)


def _resolve_corpus(corpus: str) -> str:
    from toolkit.corpus import SHIPPED

    if corpus in SHIPPED:
        return corpus
    path = Path(corpus).expanduser()
    if not path.exists():
        raise ValueError(f"corpus={corpus!r} is invalid; must be a shipped corpus "
                         f"({', '.join(SHIPPED)}) or an existing file or folder")
    return str(path.resolve())


@contextlib.contextmanager
def _environ(values: Mapping[str, str | None]) -> Iterator[None]:
    """Set environment variables for the kernel (inherited at launch), then restore."""
    saved = {k: os.environ.get(k) for k in values}
    try:
        for k, v in values.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _format_seconds(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f} s"
    return f"{int(seconds // 60)} min {seconds % 60:02.0f} s"


def _describe_failure(name: str, exc: BaseException, nb_path: Path | None) -> str:
    """Turn papermill's exception into a few readable lines (no JSON, no ANSI)."""
    lines = [f"notebook {name} failed"]
    cell_index = getattr(exc, "cell_index", None)
    if cell_index is not None:
        # "In [n]" is what the executed notebook shows (counts the injected parameters cell)
        count = getattr(exc, "exec_count", None)
        lines[0] += f" in cell In [{count}]:" if count else f" in cell {cell_index + 1}:"
        source = (getattr(exc, "source", "") or "").strip().splitlines()
        lines += [f"    {line}" for line in source[:6]]
        if len(source) > 6:
            lines.append(f"    ... ({len(source) - 6} more lines)")
        trace = [_ANSI.sub("", t) for t in (getattr(exc, "traceback", None) or [])]
        # the last frames say where it broke; the full traceback is in the executed notebook
        frames = [line for line in "\n".join(trace).splitlines() if line.strip()]
        ename = getattr(exc, "ename", "")
        # the error line (and a multi-line message after it) is printed once, below
        ends = [i for i, line in enumerate(frames) if ename and line.startswith(f"{ename}:")]
        stop = ends[-1] if ends else len(frames)
        tail = frames[max(0, stop - 8):stop]
        if tail:
            lines.append("  traceback (last lines):")
            lines += [f"    {line}" for line in tail]
        lines.append(f"{exc.ename}: {exc.evalue}")  # type: ignore[attr-defined]
    else:
        lines[0] += ":"
        lines.append(f"{type(exc).__name__}: {_ANSI.sub('', str(exc)).strip()[:2000]}")
    if nb_path is not None:
        lines.append(f"  executed notebook with the full output: {nb_path}")
    return "\n".join(lines)


#: Seconds between "still running" lines while a long cell runs.
HEARTBEAT = 60.0


class _CellProgress:
    """Log each code cell as it starts, its duration, and a heartbeat while it runs."""

    def __init__(self, nb_man: Any, label: str, heartbeat: float = HEARTBEAT) -> None:
        self.label, self.heartbeat = label, heartbeat
        self.code = [i for i, c in enumerate(nb_man.nb.cells) if c.cell_type == "code"]
        self.cell_start, self.cell_complete = nb_man.cell_start, nb_man.cell_complete
        self.started: dict[int, float] = {}
        self.stop = threading.Event()
        nb_man.cell_start, nb_man.cell_complete = self.on_start, self.on_complete

    def where(self, cell_index: int) -> str:
        return f"{self.label} cell {self.code.index(cell_index) + 1}/{len(self.code)}"

    def on_start(self, cell: Any, cell_index: int | None = None, **kw: Any) -> Any:
        if cell_index in self.code:
            self.started[cell_index] = time.perf_counter()
            head = next((s for s in cell.source.splitlines() if s.strip()), "")
            logger.info("  %s: %s", self.where(cell_index), head[:70])
            self.stop = threading.Event()
            threading.Thread(target=self._beat, args=(cell_index, self.stop),
                             daemon=True).start()
        return self.cell_start(cell, cell_index, **kw)

    def on_complete(self, cell: Any, cell_index: int | None = None, **kw: Any) -> Any:
        self.stop.set()
        if cell_index in self.started:
            elapsed = time.perf_counter() - self.started.pop(cell_index)
            if elapsed >= 1:
                logger.info("  %s done in %s", self.where(cell_index), _format_seconds(elapsed))
        return self.cell_complete(cell, cell_index, **kw)

    def _beat(self, cell_index: int, stop: threading.Event) -> None:
        while not stop.wait(self.heartbeat):
            elapsed = time.perf_counter() - self.started.get(cell_index, time.perf_counter())
            logger.info("  %s still running (%s)", self.where(cell_index),
                        _format_seconds(elapsed))


def _engine_name() -> str:
    """Register (once) a papermill engine that reports progress per code cell."""
    from papermill.engines import NBClientEngine, papermill_engines

    name = "toolkit"
    if name in papermill_engines._engines:
        return name

    class ProgressEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man: Any, kernel_name: str, **kwargs: Any) -> Any:
            _CellProgress(nb_man, os.environ.get("TOOLKIT_NOTEBOOK", "notebook"))
            return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)

    papermill_engines.register(name, ProgressEngine)
    return name


# --------------------------------------------------------------------------- running


def run_notebook(path: str | Path, out: str | Path, *, parameters: Mapping[str, Any],
                 force: bool = False, kernel_name: str = "python3",
                 timeout: int | None = None, env: Mapping[str, str] | None = None) -> NotebookRun:
    """Execute one notebook headless, writing its figures into ``out``.

    Parameters
    ----------
    path
        The notebook to run.
    out
        Figures folder; the executed notebook goes to ``<out>/notebooks/<name>.ipynb``.
    parameters
        Injected after the cell tagged ``parameters`` (papermill).
    force
        Let figures replace those of another corpus in ``out``.
    kernel_name
        Jupyter kernel to use.
    timeout
        Seconds allowed per cell (default: no limit).
    env
        Extra environment variables for the kernel.

    Returns
    -------
    NotebookRun
        Name, wall time, executed notebook path and the figure files written.

    Raises
    ------
    NotebookFailed
        The notebook raised an error or its kernel died; the message is readable.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    path, out = Path(path), Path(out).resolve()
    name = path.stem
    executed = out / "notebooks" / path.name
    executed.parent.mkdir(parents=True, exist_ok=True)
    fd, runlog = tempfile.mkstemp(prefix=f"toolkit-{name}-", suffix=".log")
    os.close(fd)
    kernel_env = {
        # figures are shown in the executed notebooks; saved bytes do not depend on backend
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
        "PYTHONHASHSEED": "0",     # set and dict orders are the same in every run
        "TQDM_DISABLE": "1",       # keep progress bars out of the executed notebooks
        "TOOLKIT_FIGURES_DIR": str(out),
        "TOOLKIT_FIGURES_FORCE": "1" if force else None,
        "TOOLKIT_FIGURES_RUNLOG": runlog,
        "TOOLKIT_NOTEBOOK": name,
        **(env or {}),
    }
    started = time.perf_counter()
    try:
        with _environ(kernel_env):
            papermill.execute_notebook(
                str(path), str(executed), parameters=dict(parameters), kernel_name=kernel_name,
                language="python",
                engine_name=_engine_name(), progress_bar=False, log_output=False,
                cwd=str(path.parent), execution_timeout=timeout,
                # the kernel's own warnings (unencrypted local TCP) are noise here; errors
                # still surface through papermill
                extra_arguments=["--IPKernelApp.log_level=ERROR"],
            )
        files = Path(runlog).read_text(encoding="utf-8").split()
    except PapermillExecutionError as exc:
        raise NotebookFailed(name, _describe_failure(name, exc, executed), executed) from None
    except Exception as exc:  # dead kernel, timeout, missing kernel, unreadable notebook
        raise NotebookFailed(name, _describe_failure(name, exc, executed if executed.exists()
                                                     else None), executed) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(runlog)
    files = sorted(set(files))
    # figures this notebook made in an earlier run but no longer makes
    manifest = figures.read_manifest(out)
    stale = manifest.loc[(manifest["notebook"] == name) & ~manifest["file"].isin(files), "file"]
    if len(stale):
        logger.info("  %s: removing %d figure files it no longer makes: %s", name, len(stale),
                    ", ".join(stale))
        figures.remove_entries(out, stale.tolist())
    return NotebookRun(name, time.perf_counter() - started, executed, files)


def run_figures(*, corpus: str = figures.DEFAULT_CORPUS, out: str | Path | None = None,
                notebooks: Sequence[str] | None = None,
                parameters: Mapping[str, Any] | None = None, force: bool = False,
                notebooks_dir: str | Path = NOTEBOOKS_DIR, kernel_name: str = "python3",
                timeout: int | None = None) -> list[NotebookRun]:
    """Execute the notebooks in order and write every figure, as ``make figures`` does.

    Parameters
    ----------
    corpus
        A shipped corpus name or a path to a corpus file or folder.
    out
        Output folder; default :func:`default_out`.
    notebooks
        Run only these (numbers or names); default all, in order.
    parameters
        Extra parameters for every notebook (``seed``, ``start``, ``num_topics``, ...).
    force
        Allow replacing figures made from another corpus in ``out``.
    notebooks_dir
        Where the notebooks are.
    kernel_name
        Jupyter kernel to use.
    timeout
        Seconds allowed per cell (default: no limit).

    Returns
    -------
    list of NotebookRun

    Raises
    ------
    NotebookFailed
        The first notebook that failed (the run stops there).
    """
    params = {k: v for k, v in (parameters or {}).items() if k != "corpus"}
    label = _resolve_corpus(corpus)
    folder = Path(out) if out is not None else default_out(corpus, params)
    paths = list_notebooks(notebooks_dir, notebooks)
    if not paths:
        raise ValueError(f"notebooks_dir={str(notebooks_dir)!r} holds no notebooks")
    logger.info("figures: %d notebooks on corpus %s%s -> %s", len(paths), corpus,
                "".join(f", {k}={v!r}" for k, v in sorted(params.items())), folder)
    runs, started = [], time.perf_counter()
    for i, path in enumerate(paths, start=1):
        logger.info("[%d/%d] %s ...", i, len(paths), path.stem)
        run = run_notebook(path, folder, parameters={"corpus": label, **params}, force=force,
                           kernel_name=kernel_name, timeout=timeout)
        logger.info("[%d/%d] %s: %d figure files in %s", i, len(paths), path.stem,
                    len(run.files), _format_seconds(run.seconds))
        runs.append(run)
    if not notebooks:
        # a full run: drop rows of notebooks that no longer exist
        manifest = figures.read_manifest(folder)
        gone = manifest.loc[~manifest["notebook"].isin([p.stem for p in paths]), "file"]
        if len(gone):
            logger.info("removing %d figure files of notebooks that no longer exist",
                        len(gone))
            figures.remove_entries(folder, gone.tolist())
    total = sum(len(r.files) for r in runs)
    logger.info("figures: wrote %d figure files from %d notebooks in %s; manifest: %s",
                total, len(runs), _format_seconds(time.perf_counter() - started),
                Path(folder) / figures.MANIFEST)
    return runs


# --------------------------------------------------------------------------- main


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m toolkit",
                                     description="Toolkit command-line entry points.")
    sub = parser.add_subparsers(dest="command", required=True)
    fig = sub.add_parser(
        "figures", help="execute the notebooks and write every figure with a manifest",
        description="Execute notebooks/ in order, headless, and write every figure (SVG + "
                    "PNG), the manifest and the executed notebooks into the output folder.")
    fig.add_argument("--corpus", default=figures.DEFAULT_CORPUS,
                     help="shipped corpus name (sample, sotu, ungdc) or path to a corpus "
                          "(default: %(default)s)")
    fig.add_argument("--out", default=None,
                     help="output folder (default: figures/ for the default corpus and "
                          "parameters, else figures-<corpus>[-<params>]/)")
    fig.add_argument("--notebooks", default=None,
                     help="comma-separated numbers or names to run, e.g. 01,03 (default: all)")
    fig.add_argument("-p", "--parameter", action="append", default=[], metavar="KEY=VALUE",
                     help="notebook parameter, repeatable, e.g. -p seed=7 -p start=2000")
    fig.add_argument("--force", action="store_true",
                     help="replace figures made from a different corpus in the output folder")
    fig.add_argument("--timeout", type=int, default=None, help="seconds allowed per cell")
    fig.add_argument("--kernel", default="python3", help="Jupyter kernel (default: %(default)s)")
    fig.add_argument("--notebooks-dir", default=str(NOTEBOOKS_DIR), help=argparse.SUPPRESS)
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
        _resolve_corpus(args.corpus)  # bad input is reported before anything starts
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
