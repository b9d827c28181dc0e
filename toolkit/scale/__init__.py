"""One engine for every size of corpus: the per-document stages by partition, then combined.

Every per-document stage is a function of one partition of the Corpus that returns
counts (:func:`compute_partial`), plus a combine step that adds them up and computes the
measures once (:class:`Totals`): mentions are concatenated (or written to Parquet as they
are found), co-occurrence and period counts are summed, near-duplicate signatures are
stacked and linked once. :func:`run` runs the two three ways, chosen by one argument, with
tables equal to those of the in-memory functions:

- in this process (``n_jobs=1``);
- on all local cores (``n_jobs=None``, the default), partitions read one at a time from
  a partitioned Parquet dataset or in chunks from CSV, JSON Lines and ``.txt`` folders,
  memory bounded by the partition size;
- on a Dask cluster (``client=`` or ``scheduler=``), each worker reading its partitions.

Topic models read a bag of words streamed from disk (:func:`fit_topics`): the vocabulary,
not the texts, has to fit in memory.

=====================================  ===================================================
module                                 what
=====================================  ===================================================
:mod:`toolkit.scale.plan`              the stages' settings
:mod:`toolkit.scale.partial`           the function of one partition, its checkpoint
:mod:`toolkit.scale.combine`           the combine step: sums, then the measures
:mod:`toolkit.scale.checkpoint`        the output folder: checkpoints, final tables
:mod:`toolkit.scale.engine`            :func:`run`: in this process, on all cores
:mod:`toolkit.scale.cluster`           the same partitions on a Dask cluster
:mod:`toolkit.scale.lda`               topic models on a bag of words streamed from disk
=====================================  ===================================================
"""

from toolkit._core import available_cores, resolve_n_jobs
from toolkit.scale.checkpoint import RunFolder
from toolkit.scale.combine import Totals, cluster_table, series_from_counts
from toolkit.scale.engine import DocIds, Result, run
from toolkit.scale.partial import Partial, compute_partial, load_partial, save_partial
from toolkit.scale.plan import Plan

__all__ = [
    "DocIds",
    "Partial",
    "Plan",
    "Result",
    "RunFolder",
    "StreamedTopics",
    "Totals",
    "available_cores",
    "cluster_table",
    "compute_partial",
    "fit_topics",
    "load_partial",
    "resolve_n_jobs",
    "run",
    "save_partial",
    "series_from_counts",
]

#: Names imported on first use (through ``__getattr__``): :func:`fit_topics` and
#: :class:`StreamedTopics` import gensim, about 1.3 s, which a kernel that only counts
#: mentions (notebook 03) need not pay.
_LAZY = {"StreamedTopics": "toolkit.scale.lda", "fit_topics": "toolkit.scale.lda"}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
