"""Run the notebooks headless with papermill, as ``make figures`` does.

Each notebook writes its figures through :mod:`toolkit.figures` into the output folder
(``$TOOLKIT_FIGURES_DIR`` in the kernel); the executed notebooks (with their outputs) go
to ``<out>/notebooks/``. Figures a notebook no longer makes are removed with their
manifest rows.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.cli.notebooks import list_notebooks, resolve_corpus
from toolkit.cli.notebooks import notebooks_dir as project_notebooks
from toolkit.cli.progress import describe_failure, engine_name, format_seconds
from toolkit.figures import (
    DEFAULT_CORPUS,
    MANIFEST,
    output_dir,
    read_manifest,
    remove_entries,
)

logger = logging.getLogger(__name__)

__all__ = ["NotebookFailed", "NotebookRun", "run_figures", "run_notebook"]


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


def _kernel_env(name: str, out: Path, runlog: str, force: bool,
                env: Mapping[str, str] | None) -> dict[str, str | None]:
    return {
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


def _remove_stale(out: Path, name: str, files: list[str]) -> None:
    """Remove figures this notebook made in an earlier run but no longer makes."""
    manifest = read_manifest(out)
    stale = manifest.loc[(manifest["notebook"] == name) & ~manifest["file"].isin(files), "file"]
    if len(stale):
        logger.info("  %s: removing %d figure files it no longer makes: %s", name, len(stale),
                    ", ".join(stale))
        remove_entries(out, stale.tolist())


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
    started = time.perf_counter()
    try:
        with _environ(_kernel_env(name, out, runlog, force, env)):
            papermill.execute_notebook(
                str(path), str(executed), parameters=dict(parameters), kernel_name=kernel_name,
                language="python",
                engine_name=engine_name(), progress_bar=False, log_output=False,
                cwd=str(path.parent), execution_timeout=timeout,
                # the kernel's own warnings (unencrypted local TCP) are noise here; errors
                # still surface through papermill
                extra_arguments=["--IPKernelApp.log_level=ERROR"],
            )
        files = Path(runlog).read_text(encoding="utf-8").split()
    except PapermillExecutionError as exc:
        raise NotebookFailed(name, describe_failure(name, exc, executed), executed) from None
    except Exception as exc:  # dead kernel, timeout, missing kernel, unreadable notebook
        raise NotebookFailed(name, describe_failure(name, exc, executed if executed.exists()
                                                    else None), executed) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(runlog)
    files = sorted(set(files))
    _remove_stale(out, name, files)
    return NotebookRun(name, time.perf_counter() - started, executed, files)


def run_figures(*, corpus: str = DEFAULT_CORPUS, out: str | Path | None = None,
                notebooks: Sequence[str] | None = None,
                parameters: Mapping[str, Any] | None = None, force: bool = False,
                notebooks_dir: str | Path | None = None, kernel_name: str = "python3",
                timeout: int | None = None) -> list[NotebookRun]:
    """Execute the notebooks in order and write every figure, as ``make figures`` does.

    Parameters
    ----------
    corpus
        A shipped corpus name or a path to a corpus file or folder.
    out
        Output folder; default :func:`toolkit.figures.output_dir` of ``corpus`` and
        ``parameters`` (the rule a notebook run in JupyterLab follows too).
    notebooks
        Run only these (numbers or names); default all, in order.
    parameters
        Extra parameters for every notebook (``seed``, ``start``, ``num_topics``, ...).
    force
        Allow replacing figures made from another corpus in ``out``.
    notebooks_dir
        Where the notebooks are; default the project's ``notebooks/``.
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
    label = resolve_corpus(corpus)
    folder = output_dir(corpus, params, out=out)
    notebooks_dir = Path(notebooks_dir) if notebooks_dir is not None else project_notebooks()
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
                    len(run.files), format_seconds(run.seconds))
        runs.append(run)
    if not notebooks:
        # a full run: drop rows of notebooks that no longer exist
        manifest = read_manifest(folder)
        gone = manifest.loc[~manifest["notebook"].isin([p.stem for p in paths]), "file"]
        if len(gone):
            logger.info("removing %d figure files of notebooks that no longer exist",
                        len(gone))
            remove_entries(folder, gone.tolist())
    total = sum(len(r.files) for r in runs)
    logger.info("figures: wrote %d figure files from %d notebooks in %s; manifest: %s",
                total, len(runs), format_seconds(time.perf_counter() - started),
                Path(folder) / MANIFEST)
    return runs
