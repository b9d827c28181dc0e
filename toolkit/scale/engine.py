"""Run the per-document stages over a corpus of any size: in memory, on all cores, on Dask.

:func:`run` reads a corpus on disk one partition at a time
(:func:`toolkit.corpus.stream.stream`), runs the function of one partition
(:func:`toolkit.scale.partial.compute_partial`) in worker processes, adds up the counts
(:class:`toolkit.scale.combine.Totals`) and computes the measures once. One argument
chooses where the partitions run, with identical results: ``n_jobs`` processes on this
machine (default: every available core; ``1``: this process), or a Dask cluster
(``client=`` a :class:`distributed.Client`, or ``scheduler=`` its address).
"""

from __future__ import annotations

import dataclasses
import logging
import multiprocessing
import os
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from toolkit._core import check_type, resolve_n_jobs
from toolkit.actors import ActorDictionary, load_dictionary
from toolkit.actors.dictionary import default_dictionary
from toolkit.actors.matcher import compile_dictionary
from toolkit.corpus.stream import DEFAULT_ROWS, Partition, PartitionError, stream
from toolkit.scale.checkpoint import RunFolder
from toolkit.scale.combine import Totals
from toolkit.scale.partial import Partial, load_partial, partition_error, run_partition
from toolkit.scale.plan import Plan

logger = logging.getLogger("toolkit.scale")

__all__ = ["DocIds", "Result", "run"]


@dataclass
class Result:
    """The tables of a run, equal to those of the in-memory functions on the whole corpus.

    Attributes
    ----------
    edges
        :func:`toolkit.network.cooccurrence` (``unit``, ``level`` of the plan).
    attention
        :func:`toolkit.timeline.attention` (``freq``, ``value``, ``level``).
    terms
        :func:`toolkit.timeline.term_series` of the plan's ``terms`` (or ``None``).
    clusters
        :func:`toolkit.corpus.duplicate_clusters` (or ``None`` with ``duplicates=False``).
    mentions
        :func:`toolkit.actors.find_mentions`, when kept in memory (no ``out`` folder).
    mentions_path
        The folder of Parquet files (one per partition) holding the Mentions table when
        the run has an ``out`` folder: ``pandas.read_parquet(result.mentions_path)``.
    report
        Counts: partitions, documents, mentions, undated documents, what loading dropped.
    """

    edges: pd.DataFrame
    attention: pd.DataFrame | None
    terms: pd.DataFrame | None
    clusters: pd.DataFrame | None
    mentions: pd.DataFrame | None
    mentions_path: Path | None
    report: dict[str, Any] = field(default_factory=dict)


class DocIds:
    """Check that document ids stay unique across partitions (about 100 bytes per document).

    Examples
    --------
    >>> ids = DocIds()
    >>> ids.add(Partition(0, "a.parquet", 0, 2), ["x", "y"])
    >>> ids.add(Partition(1, "b.parquet", 0, 1), ["y"])
    Traceback (most recent call last):
    ...
    toolkit.corpus.stream.PartitionError: doc_id 'y' is not unique: b.parquet, row 0 (partition 1) repeats a.parquet, row 1 (partition 0); ids must be unique across the whole corpus
    """

    def __init__(self) -> None:
        self.seen: dict[int, tuple[int, int]] = {}
        self.parts: dict[int, Partition] = {}

    def add(self, part: Partition, doc_ids: Any) -> None:
        """Record the ids of one partition; raise :class:`PartitionError` on a repeat."""
        values = [str(d) for d in doc_ids]
        hashes = pd.util.hash_array(np.asarray(values, dtype=object), categorize=False)
        self.parts[part.index] = part
        for row, h in enumerate(hashes.tolist()):
            before = self.seen.setdefault(h, (part.index, row))
            if before != (part.index, row):
                other = self.parts[before[0]]
                raise PartitionError(
                    f"doc_id {values[row]!r} is not unique: {part.file}, row "
                    f"{part.first + row} (partition {part.index}) repeats {other.file}, row "
                    f"{other.first + before[1]} (partition {other.index}); ids must be unique "
                    "across the whole corpus")


# The plan of a forked worker (its dictionary compiled), set by _start_worker, the pool's
# initializer: inherited through the fork, not pickled with every task.
_worker_plan: Plan | None = None


def _start_worker(plan: Plan) -> None:
    global _worker_plan
    _worker_plan = plan


def _run_in_worker(corpus: pd.DataFrame, part: Partition, out: str | None) -> Partial:
    assert _worker_plan is not None, "only in a worker started by _start_worker"
    return run_partition(corpus, part, _worker_plan, out)


def _compiled(plan: Plan) -> Plan:
    """The plan with its dictionary loaded and compiled once, here: forked workers inherit
    the compiled matcher instead of each compiling it (seconds, and memory, per worker)."""
    d = plan.dictionary
    dictionary = default_dictionary() if d is None else d if isinstance(
        d, ActorDictionary) else load_dictionary(d)
    compile_dictionary(dictionary)
    return dataclasses.replace(plan, dictionary=dictionary)


def _local(chunks: Iterator[tuple[Partition, pd.DataFrame | None]], plan: Plan,
           out: str | None, n_jobs: int, ids: DocIds) -> Iterator[Partial | Partition]:
    """Partials of the loaded partitions, computed here or in ``n_jobs`` forked workers
    (at most ``n_jobs + 1`` partitions in flight, so memory stays bounded); the skipped
    partitions are yielded as they are."""
    if n_jobs == 1:
        for part, corpus in chunks:
            if corpus is None:
                yield part
                continue
            ids.add(part, corpus["doc_id"])
            try:
                yield run_partition(corpus, part, plan, out)
            except Exception as exc:
                raise partition_error(part, exc) from exc
        return
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with ProcessPoolExecutor(max_workers=n_jobs, mp_context=context,
                             initializer=_start_worker, initargs=(plan,)) as pool:
        running: dict[Future, Partition] = {}

        def collect(block: bool) -> Iterator[Partial]:
            finished, _ = wait(running, return_when=FIRST_COMPLETED) if block else (
                [f for f in running if f.done()], None)
            for future in list(finished):
                part = running.pop(future)
                exc = future.exception()
                if exc is not None:
                    for other in running:
                        other.cancel()
                    raise partition_error(part, exc) from exc
                yield future.result()

        for part, corpus in chunks:
            if corpus is None:
                yield part
                continue
            ids.add(part, corpus["doc_id"])
            running[pool.submit(_run_in_worker, corpus, part, out)] = part
            del corpus
            yield from collect(block=len(running) > n_jobs)
        while running:
            yield from collect(block=True)


def run(source: str | os.PathLike, *, out: str | os.PathLike | None = None,
        rows: int = DEFAULT_ROWS, n_jobs: int | None = None, client: Any = None,
        scheduler: str | None = None, resume: bool = True,
        load: dict[str, Any] | None = None, **settings: Any) -> Result:
    """Run loading, near-duplicates, mentions, co-occurrence and attention over a corpus on disk.

    The corpus is read one partition at a time, each partition goes through the
    per-document stages in a worker, and the counts are added up; the tables equal those
    of the in-memory functions on the whole corpus (``tests/test_scale.py``). Memory is
    bounded by the partition size times the number of workers, plus the totals (about
    600 bytes per document for the near-duplicate signatures and the id check).

    Parameters
    ----------
    source
        A corpus on disk: a Parquet file or a partitioned Parquet dataset (a folder of
        ``.parquet`` files), a CSV/TSV or JSON Lines file, or a folder of ``.txt``
        files. A Dask run reads Parquet only (each worker reads its own partitions).
    out
        A folder for the run: the Mentions table is written there as it is found
        (``mentions/part-*.parquet``), each finished partition is checkpointed, and the
        final tables are written when every partition is done
        (:mod:`toolkit.scale.checkpoint`). Without it, everything stays in memory and
        nothing is resumable.
    rows
        Documents per partition (Parquet: row groups are grouped up to this many rows).
    n_jobs
        Worker processes on this machine: ``None`` (default) every available core, ``1``
        none (this process), negative as in joblib (``-2``: all cores but one).
    client, scheduler
        Run on a Dask cluster: a ``distributed.Client``, or the address of a scheduler
        (``"tcp://10.0.0.5:8786"``). ``n_jobs`` is then ignored.
    resume
        With ``out``: skip the partitions already done by an earlier run of the same
        source and settings (``False``: clear the folder's checkpoints and start over).
    load
        Options of :func:`toolkit.corpus.load` for every partition: ``columns``,
        ``date_errors``, ``date_format``, ``dayfirst`` (and ``sep``, ``metadata``,
        ``pattern`` for chunked files).
    **settings
        The stages' settings (:class:`toolkit.scale.plan.Plan`): ``unit``, ``level``,
        ``min_count``, ``correction``, ``venues``, ``freq``, ``value``, ``terms``,
        ``duplicates``, ``threshold``, ``shingle``, ``num_perm``, ``seed``, ``dictionary``.

    Returns
    -------
    Result
        The Edges table, attention and term series, near-duplicate clusters, mentions.

    Raises
    ------
    PartitionError
        A partition could not be read or failed (its file and rows are named); the run
        stops, and with ``out`` its checkpoints stay for a rerun to resume from.

    Examples
    --------
    >>> import tempfile
    >>> from toolkit import actors, corpus, network
    >>> folder = Path(tempfile.mkdtemp())
    >>> docs = corpus.load("sample", paragraphs=True)
    >>> docs.to_parquet(folder / "news.parquet", row_group_size=4)
    >>> result = run(folder, rows=4, n_jobs=1, unit="document")
    >>> result.report["partitions"], result.report["documents"]
    (4, 15)
    >>> mentions = actors.find_mentions(docs)
    >>> result.edges.equals(network.cooccurrence(mentions, unit="document", corpus=docs))
    True
    """
    check_type("source", source, (str, os.PathLike), "a corpus file or folder")
    check_type("resume", resume, bool, "True or False")
    plan = Plan(**settings)
    load = dict(load or {})
    folder = RunFolder(out) if out is not None else None
    started = time.perf_counter()
    done: dict[int, int] = {}
    if folder is not None:
        done = folder.start({"source": str(Path(source).resolve()), "rows": rows,
                             "settings": plan.settings(), "load": load}, resume=resume)
    totals, ids = Totals(plan), DocIds()
    try:
        if client is not None or scheduler is not None:
            from toolkit.scale.cluster import dask_partials

            partials = dask_partials(source, plan, client=client, scheduler=scheduler,
                                     rows=rows, out=folder, skip=set(done), load=load)
        else:
            chunks = stream(source, rows=rows, skip=done, **load)
            partials = _local(chunks, _compiled(plan), None if folder is None else
                              str(folder.path), resolve_n_jobs(n_jobs), ids)
        for item in partials:
            if isinstance(item, Partition):  # done by an earlier run: read its checkpoint
                assert folder is not None
                item = load_partial(folder.partial_dir(item.index))
            if client is not None or scheduler is not None or item.part.index in done:
                ids.add(item.part, item.docs["doc_id"])
            totals.add(item)
    except Exception as exc:
        if folder is not None:
            folder.fail(str(exc), totals.done)
        raise
    report = {"partitions": totals.done, "resumed": len(done),
              "seconds": round(time.perf_counter() - started, 3), **totals.counts}
    result = Result(edges=totals.edges(), attention=totals.series("attention"),
                    terms=totals.series("terms"), clusters=totals.clusters(),
                    mentions=None, mentions_path=None, report=report)
    if folder is None:
        frames = totals.ordered(3)
        result.mentions = pd.concat(frames, ignore_index=True) if frames else None
    else:
        result.mentions_path = folder.path / "mentions"
        folder.finish({"edges": result.edges, "attention": result.attention,
                       "terms": result.terms, "clusters": result.clusters}, report)
    logger.info("run: %d partitions (%d resumed), %d documents, %d mentions, %d edges in "
                "%.1f s", totals.done, len(done), report.get("documents", 0),
                report.get("mentions", 0), len(result.edges), report["seconds"])
    return result
