"""The partitions of a run on a Dask cluster (``dask.distributed``).

Each worker reads its own partitions from the Parquet dataset
(:func:`toolkit.corpus.stream.load_partition`: the dataset must be where every worker can
read it, and carry its own ``doc_id`` column) and runs the same function of one
partition as a local run (:func:`toolkit.scale.partial.run_partition`); the client adds
up the counts as the partials arrive, in whatever order. With an ``out`` folder, workers
write the mentions and the checkpoints there, so it must be shared too.

Install with ``pip install "toolkit[scale]"`` (``dask[distributed]``).
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Iterator
from typing import Any

from toolkit.corpus.stream import Partition, load_partition, partitions
from toolkit.scale.checkpoint import RunFolder
from toolkit.scale.partial import Partial, partition_error, run_partition
from toolkit.scale.plan import Plan

logger = logging.getLogger("toolkit.scale")

__all__ = ["connect", "dask_partials"]


def connect(client: Any = None, scheduler: str | None = None) -> tuple[Any, bool]:
    """Return a ``distributed.Client`` and whether this function opened it.

    ``client`` is used as given; else a client of the scheduler at ``scheduler``.
    """
    try:
        from distributed import Client
    except ImportError:  # pragma: no cover - the optional extra is missing
        raise ImportError("running on a Dask cluster needs dask.distributed: "
                          'pip install "toolkit[scale]"') from None
    if client is not None:
        if not isinstance(client, Client):
            raise TypeError(f"client has the wrong type {type(client).__name__}; must be a "
                            "distributed.Client (or pass scheduler='tcp://host:8786')")
        return client, False
    if not isinstance(scheduler, str) or not scheduler:
        raise TypeError(f"scheduler={scheduler!r} is invalid; must be the address of a Dask "
                        "scheduler such as 'tcp://10.0.0.5:8786'")
    return Client(scheduler), True


def _task(part: Partition, plan: Plan, out: str | None, load: dict[str, Any]) -> Partial:
    """What a worker runs for one partition (a module-level function, so it pickles)."""
    return run_partition(load_partition(part, **load), part, plan, out)


def dask_partials(source: str | os.PathLike, plan: Plan, *, client: Any = None,
                  scheduler: str | None = None, rows: int, out: RunFolder | None = None,
                  skip: set[int] = frozenset(), load: dict[str, Any] | None = None
                  ) -> Iterator[Partial | Partition]:
    """Yield the partial of every partition computed on a Dask cluster, as they finish.

    Partitions in ``skip`` (done by an earlier run) are yielded as they are, for the
    caller to read from their checkpoints. A task that fails stops the run: the other
    tasks are cancelled and a :class:`toolkit.corpus.stream.PartitionError` names the
    partition.
    """
    from distributed import as_completed

    client, own = connect(client, scheduler)
    try:
        parts = partitions(source, rows=rows)
        todo = [p for p in parts if p.index not in skip]
        yield from (p for p in parts if p.index in skip)
        folder = None if out is None else str(out.path)
        token = uuid.uuid4().hex[:12]
        futures = client.map(_task, todo, plan=plan, out=folder, load=dict(load or {}),
                             pure=False, key=[f"toolkit-partition-{p.index}-{token}"
                                              for p in todo])
        part_of = {f.key: p for f, p in zip(futures, todo)}
        logger.info("dask: %d partitions on %d workers", len(todo),
                    len(client.scheduler_info().get("workers", {})))
        for future in as_completed(futures):
            try:
                partial = future.result()
            except Exception as exc:
                client.cancel(futures)
                raise partition_error(part_of[future.key], exc) from exc
            yield partial
    finally:
        if own:
            client.close()
