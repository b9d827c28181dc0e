"""What the runner says while it runs: one line per code cell, a heartbeat, failures.

A failing notebook is reported as the notebook, the cell, its first lines, the last
lines of the traceback and the error, without JSON or terminal colour codes.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

__all__ = ["HEARTBEAT", "CellProgress", "describe_failure", "engine_name", "format_seconds"]

#: Seconds between "still running" lines while a long cell runs.
HEARTBEAT = 60.0
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def format_seconds(seconds: float) -> str:
    """Return a duration as ``"4.2 s"`` or ``"3 min 07 s"``.

    Examples
    --------
    >>> format_seconds(4.24), format_seconds(187)
    ('4.2 s', '3 min 07 s')
    """
    if seconds < 60:
        return f"{seconds:.1f} s"
    return f"{int(seconds // 60)} min {seconds % 60:02.0f} s"


def _traceback_tail(exc: BaseException) -> list[str]:
    """The last frames of a papermill error: where it broke (the rest is in the notebook)."""
    trace = [_ANSI.sub("", t) for t in (getattr(exc, "traceback", None) or [])]
    frames = [line for line in "\n".join(trace).splitlines() if line.strip()]
    ename = getattr(exc, "ename", "")
    # the error line (and a multi-line message after it) is printed once, by the caller
    ends = [i for i, line in enumerate(frames) if ename and line.startswith(f"{ename}:")]
    stop = ends[-1] if ends else len(frames)
    return frames[max(0, stop - 8):stop]


def describe_failure(name: str, exc: BaseException, nb_path: Path | None) -> str:
    """Turn papermill's exception into a few readable lines (no JSON, no ANSI).

    Examples
    --------
    >>> print(describe_failure("02-topics", KeyError("k"), None))
    notebook 02-topics failed:
    KeyError: 'k'
    """
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
        tail = _traceback_tail(exc)
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


class CellProgress:
    """Log each code cell as it starts, its duration, and a heartbeat while it runs.

    Wraps the ``cell_start`` and ``cell_complete`` hooks of papermill's notebook manager.
    """

    def __init__(self, nb_man: Any, label: str, heartbeat: float = HEARTBEAT) -> None:
        self.label, self.heartbeat = label, heartbeat
        self.code = [i for i, c in enumerate(nb_man.nb.cells) if c.cell_type == "code"]
        self.cell_start, self.cell_complete = nb_man.cell_start, nb_man.cell_complete
        self.started: dict[int, float] = {}
        self.stop = threading.Event()
        nb_man.cell_start, nb_man.cell_complete = self.on_start, self.on_complete

    def where(self, cell_index: int) -> str:
        """``"<notebook> cell <k>/<n>"``, counting code cells only."""
        return f"{self.label} cell {self.code.index(cell_index) + 1}/{len(self.code)}"

    def on_start(self, cell: Any, cell_index: int | None = None, **kw: Any) -> Any:
        """Log the cell's first line and start its heartbeat."""
        if cell_index in self.code:
            self.started[cell_index] = time.perf_counter()
            head = next((s for s in cell.source.splitlines() if s.strip()), "")
            logger.info("  %s: %s", self.where(cell_index), head[:70])
            self.stop = threading.Event()
            threading.Thread(target=self._beat, args=(cell_index, self.stop),
                             daemon=True).start()
        return self.cell_start(cell, cell_index, **kw)

    def on_complete(self, cell: Any, cell_index: int | None = None, **kw: Any) -> Any:
        """Stop the heartbeat; log the duration of cells that took a second or more."""
        self.stop.set()
        if cell_index in self.started:
            elapsed = time.perf_counter() - self.started.pop(cell_index)
            if elapsed >= 1:
                logger.info("  %s done in %s", self.where(cell_index), format_seconds(elapsed))
        return self.cell_complete(cell, cell_index, **kw)

    def _beat(self, cell_index: int, stop: threading.Event) -> None:
        while not stop.wait(self.heartbeat):
            elapsed = time.perf_counter() - self.started.get(cell_index, time.perf_counter())
            logger.info("  %s still running (%s)", self.where(cell_index),
                        format_seconds(elapsed))


def engine_name() -> str:
    """Register (once) a papermill engine that reports progress per code cell; return its name."""
    from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines
    from papermill.iorw import write_ipynb

    name = "toolkit"
    if name in papermill_engines._engines:
        return name

    class ProgressEngine(NBClientEngine):
        @classmethod
        def execute_notebook(cls, nb: Any, kernel_name: str, output_path: str | None = None,
                             progress_bar: bool = True, log_output: bool = False,
                             autosave_cell_every: int = 30, **kwargs: Any) -> Any:
            # papermill's own loop, writing the executed notebook only if the run fails
            # (papermill writes it once at the end): papermill also writes it at the start
            # and end of every cell, each time serialising and validating every output so
            # far (the PNGs of all figures): at most 0.3-0.4 CPU s for notebook 04 on sotu
            # 2000-2012, 48 writes (python -m bench.overheads)
            nb_man = NotebookExecutionManager(nb, output_path=None, progress_bar=progress_bar,
                                              log_output=log_output, autosave_cell_every=0)
            nb_man.notebook_start()
            try:
                cls.execute_managed_notebook(nb_man, kernel_name, log_output=log_output,
                                             **kwargs)
            except BaseException:
                nb_man.cleanup_pbar()
                nb_man.notebook_complete()
                if output_path:  # the cells run so far, for the failed copy
                    write_ipynb(nb_man.nb, output_path)
                raise
            nb_man.cleanup_pbar()
            nb_man.notebook_complete()
            return nb_man.nb

        @classmethod
        def execute_managed_notebook(cls, nb_man: Any, kernel_name: str, **kwargs: Any) -> Any:
            CellProgress(nb_man, kwargs.pop("progress_label", None) or "notebook")
            return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)

    papermill_engines.register(name, ProgressEngine)
    return name
