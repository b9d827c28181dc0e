"""Runs that several test modules read: zero-override runs of ``python -m toolkit figures``.

``tests/test_zero_overrides.py`` checks that all four notebooks finish on a corpus they
were not tuned for; ``tests/test_topics_notebook.py`` checks what notebook 02 said and
made on the same corpora. Both read one run per corpus: :func:`figures_run` runs it the
first time a test asks (per pytest process) and hands the same result to the others. The
tests that share a corpus carry the mark :func:`group`, so ``make test``'s
``--dist loadgroup`` gives them to one worker and the run happens once.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from gensim.test.utils import datapath

from _paths import PROJECT_ROOT

_DONE: dict[str, tuple[subprocess.CompletedProcess, Path]] = {}

#: Mark of the tests that read the ``ungdc_mentions`` fixture (tests/conftest.py), so
#: that one worker finds the mentions of the whole UN corpus once.
UNGDC_MENTIONS = pytest.mark.xdist_group("ungdc-mentions")


def group(name: str) -> pytest.MarkDecorator:
    """The mark that keeps the tests reading the run of corpus ``name`` on one worker."""
    return pytest.mark.xdist_group(f"figures-{name}")


def lee_csv(path: Path, n: int | None = None) -> Path:
    """The Lee news corpus (or its first ``n`` stories) as a CSV of ``id`` and ``text``."""
    lines = Path(datapath("lee_background.cor")).read_text(encoding="utf-8").splitlines()
    lines = lines[:n] if n else lines
    pd.DataFrame({"id": [f"lee{i:03d}" for i in range(len(lines))], "text": lines}).to_csv(
        path, index=False)
    return path


def figures_run(name: str, corpus: Callable[[Path], str], base: Path
                ) -> tuple[subprocess.CompletedProcess, Path]:
    """Run every notebook with nothing but ``--corpus`` once; return the process and the
    output folder. ``corpus(folder)`` writes the corpus there (or names a shipped one)."""
    if name not in _DONE:
        folder = base / name
        folder.mkdir(parents=True, exist_ok=False)
        out = folder / "out"
        result = subprocess.run(
            [sys.executable, "-m", "toolkit", "figures", "--corpus", corpus(folder),
             "--out", str(out)],
            cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=3600,
            env={**os.environ, "TOOLKIT_CACHE": str(folder / "cache")})
        _DONE[name] = (result, out)
    return _DONE[name]


def printed(out: Path, notebook: str) -> str:
    """Everything a notebook printed (stream outputs of its executed copy)."""
    nb = nbformat.read(out / "notebooks" / f"{notebook}.ipynb", as_version=4)
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                   for o in c.get("outputs", []) if o.get("output_type") == "stream")


def kernels_of(pid: int) -> list[int]:
    """The Jupyter kernels a runner process started (each knows its parent's pid)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                environ = (entry / "environ").read_bytes().split(b"\0")
            except OSError:
                continue
            if f"JPY_PARENT_PID={pid}".encode() in environ:
                found.append(int(entry.name))
    return found
