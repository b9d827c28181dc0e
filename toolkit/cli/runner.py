"""Run the notebooks headless with papermill, as ``make figures`` does.

Each notebook runs in a private staging folder inside the output folder
(``<out>/.staging.<pid>.<random>/``, ``$TOOLKIT_FIGURES_DIR`` in the kernel), holding a
copy of the manifest. Only when the notebook succeeded are its files moved into the
output folder, each with one atomic rename, and the manifest rewritten; then the
executed notebook (with its outputs) goes to ``<out>/notebooks/``. So a notebook that
fails or is refused replaces nothing, not even the executed notebook of the last good run
(the failed one is kept as ``<out>/notebooks/<name>.failed.ipynb``). Before anything is
moved, files the toolkit did not write are protected (:func:`toolkit.figures.manifest.
check_replace`), so is an executed notebook in ``<out>/notebooks/`` that papermill did not
write. Figures a notebook no longer makes are removed with their manifest rows. A run
killed at any point leaves the output folder as it was or with complete files and a
manifest listing them; its staging folder and temporary files are removed by the next run.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import stat
import tempfile
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit._core import resolve_n_jobs
from toolkit.cache import clean_orphans, process_alive
from toolkit.cli.kernels import forget, kernel_env, kernel_manager, kill_running
from toolkit.cli.notebooks import list_notebooks, resolve_corpus
from toolkit.cli.notebooks import notebooks_dir as project_notebooks
from toolkit.cli.progress import describe_failure, engine_name, format_seconds
from toolkit.figures import DEFAULT_CORPUS, MANIFEST, read_manifest, remove_entries
from toolkit.figures.folders import (
    STAGING_PREFIX, check_output_dir, output_dir, overrides_text, parameters_cell)
from toolkit.figures.manifest import OutputConflictError, commit_staged, prepare_folder

logger = logging.getLogger(__name__)

__all__ = ["NOISY_LOGGERS", "NotebookFailed", "NotebookRun", "run_figures", "run_notebook"]

_STAGING = re.compile(rf"^{re.escape(STAGING_PREFIX)}(?P<pid>\d+)\.[A-Za-z0-9_]+$")


class NotebookFailed(RuntimeError):
    """A notebook raised an error; the message names the notebook, cell and error."""

    def __init__(self, notebook: str, message: str, output: Path | None = None) -> None:
        super().__init__(message)
        self.notebook, self.output = notebook, output

    def __reduce__(self) -> tuple[Any, ...]:  # raised in a worker process, re-raised here
        return type(self), (self.notebook, str(self), self.output)


@dataclass
class NotebookRun:
    """What one notebook run produced."""

    notebook: str
    seconds: float
    output: Path
    files: list[str] = field(default_factory=list)


def _clean_leftovers(out: Path) -> None:
    """Remove what a killed run left: temporary files and staging folders of dead runs."""
    for folder in (out, out / "notebooks"):
        clean_orphans(folder)
    with contextlib.suppress(FileNotFoundError):
        for entry in os.scandir(out):
            match = _STAGING.match(entry.name)
            if match and entry.is_dir(follow_symlinks=False) \
                    and not process_alive(int(match["pid"])):
                logger.warning("removing %s, left by an interrupted run", entry.path)
                shutil.rmtree(entry.path, ignore_errors=True)


def _papermill_output(path: Path) -> bool:
    """Whether ``path`` is an executed notebook papermill wrote (ours to replace)."""
    if path.is_symlink():
        return False
    try:
        return "papermill" in json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError, AttributeError):
        return False


def _check_notebook_target(out: Path, target: Path, force: bool) -> None:
    folder = out / "notebooks"
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise OutputConflictError(f"{folder} is not a folder of its own (a link or a file); "
                                  "the executed notebooks go there: remove it or choose "
                                  "another folder (--out)")
    if (target.exists() or target.is_symlink()) and not _papermill_output(target) and not force:
        raise OutputConflictError(
            f"{target} was not written by the toolkit (not an executed notebook); it would be "
            "replaced. Move it away, choose another folder (--out), or pass --force")


def _move(source: Path, target: Path) -> None:
    if target.is_symlink():
        target.unlink()  # replace the link itself, never write through it
    os.replace(source, target)


def _commit(staging: Path, out: Path, name: str, files: list[str], executed: Path,
            force: bool, started_from: list[str]) -> None:
    """Move a successful notebook's files, then its executed notebook, into ``out``."""
    target = out / "notebooks" / executed.name
    _check_notebook_target(out, target, force)
    commit_staged(staging, out, notebook=name, files=files, force=force,
                  started_from=started_from)
    target.parent.mkdir(exist_ok=True)
    _move(executed, target)
    with contextlib.suppress(FileNotFoundError):
        (out / "notebooks" / f"{executed.stem}.failed.ipynb").unlink()


def _keep_failed(executed: Path, out: Path) -> Path | None:
    """Keep a failed run's executed notebook beside the good one, not over it."""
    if not executed.exists():
        return None
    target = out / "notebooks" / f"{executed.stem}.failed.ipynb"
    target.parent.mkdir(exist_ok=True)
    _move(executed, target)
    return target


def _prepare_out(out: Path, notebook: Path | None = None) -> Path:
    check_output_dir(out, notebooks_dir=None if notebook is None else notebook.parent)
    prepare_folder(out)
    info = os.stat(out)
    if not stat.S_ISDIR(info.st_mode):
        raise OutputConflictError(f"output folder {out} is not a folder")
    _clean_leftovers(out)
    read_manifest(out)  # someone else's manifest.csv: one clear error before anything runs
    return out


def run_notebook(path: str | Path, out: str | Path, *, parameters: Mapping[str, Any],
                 force: bool = False, kernel_name: str = "python3",
                 timeout: int | None = None, env: Mapping[str, str] | None = None,
                 overrides: Mapping[str, Any] | None = None) -> NotebookRun:
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
        Let figures replace those of another corpus, and files the toolkit did not write,
        in ``out``.
    kernel_name
        Jupyter kernel to use.
    timeout
        Seconds allowed per cell (default: no limit).
    env
        Extra environment variables for the kernel.
    overrides
        The parameters the run changed, recorded in the manifest's ``overrides`` column
        (default: ``parameters`` without ``corpus``).

    Returns
    -------
    NotebookRun
        Name, wall time, executed notebook path and the figure files written.

    Raises
    ------
    NotebookFailed
        The notebook raised an error or its kernel died; the message is readable.
    OutputFolderError
        ``out`` is refused, cannot be written, or holds files the toolkit would replace
        without having written them (a ``ValueError``; nothing was replaced).
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    path, out = Path(path), _prepare_out(Path(out).resolve(), Path(path).resolve())
    name = path.stem
    staging = Path(tempfile.mkdtemp(dir=out, prefix=f"{STAGING_PREFIX}{os.getpid()}."))
    try:
        if (out / MANIFEST).exists():
            shutil.copyfile(out / MANIFEST, staging / MANIFEST)
        started_from = read_manifest(staging)["file"].tolist()
        executed = staging / "notebooks" / path.name
        executed.parent.mkdir()
        runlog = staging / ".runlog"
        runlog.touch()
        changed = overrides_text(parameters if overrides is None else overrides)
        started = time.perf_counter()
        try:
            manager = kernel_manager(kernel_env(name, staging, runlog, force, changed, env),
                                     str(path.parent))
            try:
                papermill.execute_notebook(
                    str(path), str(executed), parameters=dict(parameters),
                    kernel_name=kernel_name, language="python", engine_name=engine_name(),
                    progress_bar=False, log_output=False, execution_timeout=timeout,
                    # the kernel runs in the notebook's folder with its own environment
                    # (papermill's cwd= would change this whole process's folder)
                    kernel_manager_class=manager, progress_label=name,
                    # the kernel's own warnings (unencrypted local TCP) are noise here;
                    # errors still surface through papermill
                    extra_arguments=["--IPKernelApp.log_level=ERROR"])
            finally:
                forget(manager)
        except PapermillExecutionError as exc:
            kept = _keep_failed(executed, out)
            raise NotebookFailed(name, describe_failure(name, exc, kept), kept) from None
        except Exception as exc:  # dead kernel, timeout, missing kernel, unreadable notebook
            kept = _keep_failed(executed, out)
            raise NotebookFailed(name, describe_failure(name, exc, kept), kept) from exc
        files = sorted(set(runlog.read_text(encoding="utf-8").split()))
        elsewhere = [f for f in files if not (staging / f).is_file()]
        if elsewhere:  # saved with an explicit out=...: not this folder's
            logger.warning("  %s: %s written elsewhere (out=...), not into %s", name,
                           ", ".join(elsewhere), out)
            files = [f for f in files if f not in elsewhere]
        _commit(staging, out, name, files, executed, force, started_from)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return NotebookRun(name, time.perf_counter() - started, out / "notebooks" / path.name,
                       files)


def _declared(path: Path, params: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters a notebook's parameters cell declares (``corpus`` always)."""
    try:
        cell = parameters_cell(path)
    except ValueError:
        return dict(params)
    if not cell:  # no parameters cell: papermill injects at the top, give it everything
        return dict(params)
    return {k: v for k, v in params.items() if k in cell or k == "corpus"}


#: Loggers whose INFO lines are chatter in a figures run (papermill, the kernel client).
NOISY_LOGGERS: tuple[str, ...] = ("papermill", "traitlets", "nbclient")


def _run_all(calls: list[tuple[Path, Path, dict[str, Any]]], jobs: int) -> list[NotebookRun]:
    """Run each ``run_notebook(path, out, **kwargs)``, ``jobs`` at a time; runs in order."""
    n = len(calls)
    done: dict[int, NotebookRun] = {}

    def finished(i: int, run: NotebookRun) -> None:
        done[i] = run
        logger.info("[%d/%d] %s: %d figure files in %s", i + 1, n, run.notebook,
                    len(run.files), format_seconds(run.seconds))

    if jobs <= 1:
        for i, (path, out, kwargs) in enumerate(calls):
            logger.info("[%d/%d] %s ...", i + 1, n, path.stem)
            finished(i, run_notebook(path, out, **kwargs))
        return [done[i] for i in range(n)]
    failures: dict[int, NotebookFailed] = {}
    # Threads of this process, not worker processes: each notebook's work happens in its
    # own kernel (a process of its own); a thread only relays its messages. A worker
    # process was a fresh interpreter importing the runner and papermill, 0.9-1.1 CPU s
    # each, one per core in every run (python -m bench.overheads).
    pool = ThreadPoolExecutor(jobs, thread_name_prefix="notebook")
    try:
        waiting, running = list(range(n)), {}
        while waiting or running:
            while waiting and len(running) < jobs and not failures:
                i = waiting.pop(0)
                path, out, kwargs = calls[i]
                logger.info("[%d/%d] %s ...", i + 1, n, path.stem)
                running[pool.submit(run_notebook, path, out, **kwargs)] = i
            if not running:
                break
            ready, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in ready:
                i = running.pop(future)
                try:
                    finished(i, future.result())
                except NotebookFailed as exc:
                    failures[i] = exc
    except KeyboardInterrupt:  # Ctrl-C: stop the kernels, let each run clean up, then stop
        pool.shutdown(wait=False, cancel_futures=True)
        kill_running()
        raise
    finally:  # any other error: the notebooks running finish first, as after a failure
        pool.shutdown(wait=True)
    if failures:
        raise failures[min(failures)]
    return [done[i] for i in range(n)]


def run_figures(*, corpus: str = DEFAULT_CORPUS, out: str | Path | None = None,
                notebooks: Sequence[str] | None = None,
                parameters: Mapping[str, Any] | None = None, force: bool = False,
                notebooks_dir: str | Path | None = None, kernel_name: str = "python3",
                timeout: int | None = None, jobs: int | None = None) -> list[NotebookRun]:
    """Execute the notebooks in order and write every figure, as ``make figures`` does.

    Parameters
    ----------
    corpus
        A shipped corpus name or a path to a corpus file or folder.
    out
        Output folder; default :func:`toolkit.figures.output_dir` of ``corpus`` and
        ``parameters`` (``figures/``, ``figures-<corpus name>/``; numbered when that folder
        holds figures of other parameters). Refused when it is, contains or lies inside
        ``notebooks/``, ``corpus/``, the corpus or the toolkit package.
    notebooks
        Run only these (numbers or names); default all, in order.
    parameters
        Extra parameters (``seed``, ``start``, ``num_topics``, ...); each notebook gets
        those its parameters cell declares. All are recorded in the manifest.
    force
        Allow replacing figures made from another corpus in ``out``, and files there the
        toolkit did not write.
    notebooks_dir
        Where the notebooks are; default the project's ``notebooks/``.
    kernel_name
        Jupyter kernel to use.
    timeout
        Seconds allowed per cell (default: no limit).
    jobs
        Notebooks run at once, each in its own kernel. ``None`` (default): one per
        available core, at most the number of notebooks (``-1`` likewise; ``1``: one after
        another). The notebooks do not read each other's output and each commits its own
        files, so the files are the same either way; the time is not: the cores that a
        notebook leaves idle (plotting, loading) go to the next one. Each kernel holds its
        own copy of the corpus: on a corpus near the size of memory, use ``jobs=1``.
        After a failure no further notebook starts; those running finish.

    Returns
    -------
    list of NotebookRun

    Raises
    ------
    NotebookFailed
        The first notebook (in order) that failed; no notebook starts after it.
    OutputFolderError
        The output folder is refused or cannot be written (a ``ValueError``, before any
        notebook runs), or holds files the toolkit did not write.
    """
    params = {k: v for k, v in (parameters or {}).items() if k != "corpus"}
    label = resolve_corpus(corpus)
    notebooks_dir = Path(notebooks_dir) if notebooks_dir is not None else project_notebooks()
    folder = output_dir(corpus, params, out=out)
    check_output_dir(folder, corpus=label, notebooks_dir=notebooks_dir)
    paths = list_notebooks(notebooks_dir, notebooks)
    if not paths:
        raise ValueError(f"notebooks_dir={str(notebooks_dir)!r} holds no notebooks")
    _prepare_out(Path(folder).resolve())
    declared = set().union(*(_declared(p, params) for p in paths))
    unknown = sorted(set(params) - declared)
    if unknown:
        logger.warning("figures: no notebook of this run declares the parameter(s) %s; "
                       "they are not passed", ", ".join(unknown))
    logger.info("figures: %d notebooks on corpus %s%s -> %s", len(paths), corpus,
                "".join(f", {k}={v!r}" for k, v in sorted(params.items())), folder)
    started = time.perf_counter()
    calls = [(path, folder, {"parameters": _declared(path, {"corpus": label, **params}),
                             "force": force, "kernel_name": kernel_name, "timeout": timeout,
                             "overrides": params}) for path in paths]
    runs = _run_all(calls, min(resolve_n_jobs(jobs), len(paths)))
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
