"""The kernels of a run: each with its own environment and folder, all stoppable at once.

:func:`toolkit.cli.runner.run_figures` runs its notebooks in threads of one process (a
notebook's work happens in its kernel; a thread relays the kernel's messages), so nothing
here may change the process's ``os.environ`` or working folder: the kernel manager class
of each run hands both to its kernel. An interrupted run (Ctrl-C) kills the kernels still
running, and each notebook then cleans up as after any failure.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["forget", "kernel_env", "kernel_manager", "kill_running"]

#: Kernel managers of the notebooks running now (any thread), so that an interrupted run
#: can stop their kernels; guarded by :data:`_RUNNING_LOCK`.
_RUNNING: set[Any] = set()
_RUNNING_LOCK = threading.Lock()


def kernel_manager(env: Mapping[str, str], cwd: str) -> type:
    """A kernel manager class (for papermill's ``kernel_manager_class``) that starts its
    kernel with the environment ``env`` in the folder ``cwd``, and records it as running.

    Examples
    --------
    >>> manager = kernel_manager({"PATH": "/usr/bin"}, "/tmp")
    >>> manager.started, manager.__mro__[1].__name__
    ([], 'AsyncKernelManager')
    """
    from jupyter_client import AsyncKernelManager

    class KernelManager(AsyncKernelManager):  # type: ignore[misc,valid-type]
        started: list[Any] = []  # this run's managers, dropped from _RUNNING at its end

        async def start_kernel(self, **kw: Any) -> None:
            kw["env"], kw["cwd"] = dict(env), cwd
            with _RUNNING_LOCK:
                _RUNNING.add(self)
                self.started.append(self)
            await AsyncKernelManager.start_kernel(self, **kw)

    return KernelManager


def kill_running() -> None:
    """SIGKILL the kernels of the notebooks running now: their clients then stop with a
    dead kernel, and each run cleans up as after any failure."""
    with _RUNNING_LOCK:
        managers = list(_RUNNING)
    for km in managers:
        process = getattr(getattr(km, "provisioner", None), "process", None)
        if process is not None:  # a Popen: it signals only a process it has not reaped
            with contextlib.suppress(OSError):
                process.kill()


def kernel_env(name: str, staging: Path, runlog: Path, force: bool, overrides: str,
               env: Mapping[str, str] | None) -> dict[str, str]:
    """The environment of notebook ``name``'s kernel: this process's, with where its
    figures go (``staging``), its run log, ``--force``, the changed parameters as text,
    a fixed hash seed and the inline backend, then ``env`` on top.

    Examples
    --------
    >>> from pathlib import Path
    >>> env = kernel_env("01-corpus", Path("/out/.staging"), Path("/out/.staging/.runlog"),
    ...                  False, "", {"MPLBACKEND": "Agg"})
    >>> env["TOOLKIT_NOTEBOOK"], env["PYTHONHASHSEED"], env["MPLBACKEND"]
    ('01-corpus', '0', 'Agg')
    >>> "TOOLKIT_FIGURES_FORCE" in env
    False
    """
    values: dict[str, str | None] = {
        # figures are shown in the executed notebooks; saved bytes do not depend on backend
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
        "PYTHONHASHSEED": "0",     # set and dict orders are the same in every run
        "TQDM_DISABLE": "1",       # keep progress bars out of the executed notebooks
        "TOOLKIT_FIGURES_DIR": str(staging),
        "TOOLKIT_FIGURES_FORCE": "1" if force else None,
        "TOOLKIT_FIGURES_RUNLOG": str(runlog),
        "TOOLKIT_FIGURES_OVERRIDES": overrides,
        "TOOLKIT_NOTEBOOK": name,
        **(env or {}),
    }
    merged = {**os.environ, **values}
    return {k: v for k, v in merged.items() if v is not None}


def forget(manager: type) -> None:
    """Drop the kernels a :func:`kernel_manager` class started from the running ones (its
    run has ended; a dead kernel's manager is not always shut down by its client)."""
    with _RUNNING_LOCK:
        _RUNNING.difference_update(manager.started)
