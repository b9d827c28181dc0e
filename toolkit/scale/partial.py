"""The function of one partition: every per-document stage on a slice of the Corpus.

:func:`compute_partial` runs, on one partition, the public functions of the stages
(:func:`toolkit.actors.find_mentions`, :func:`toolkit.network.count_units` and
:func:`toolkit.network.pair_counts`, :func:`toolkit.timeline.attention`,
:func:`toolkit.timeline.term_series`, :func:`toolkit.corpus.stream.minhash`) and keeps
what adds up across partitions: counts, not measures. A document never spans two
partitions, so every count of the whole corpus is the sum of the partitions' counts
(:mod:`toolkit.scale.combine` then computes the measures once, on the totals).

:func:`save_partial` and :func:`load_partial` keep a partial on disk (Parquet tables,
``.npy`` arrays and JSON; nothing that runs code when read): the checkpoint of a
partition.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from toolkit.actors import find_mentions
from toolkit.corpus.stream import Partition, PartitionError, minhash
from toolkit.network import count_units, pair_counts
from toolkit.schemas import validate_corpus
from toolkit.scale.checkpoint import RunFolder, stamp
from toolkit.scale.plan import Plan
from toolkit.timeline import attention, term_series

logger = logging.getLogger("toolkit.scale")

__all__ = ["Partial", "compute_partial", "load_partial", "partition_error", "run_partition",
           "save_partial"]


@dataclass
class Partial:
    """What one partition contributes to the totals of a run.

    Attributes
    ----------
    part
        Where the partition is.
    docs
        ``doc_id``, ``date`` and ``length`` (characters) of every document, in order.
    signatures, sizes
        MinHash signatures and shingle counts (``None`` without near-duplicates).
    mentions
        The partition's Mentions table (``None`` when written to a Parquet file).
    n_units, n_seen
        Units (sentences, paragraphs or documents) of the partition, and those with at
        least one counted mention.
    pairs
        ``a``, ``b``, ``n_ab``: units mentioning both actors (``a < b``).
    items
        Units mentioning each actor (or country), indexed by it.
    attention, terms
        Period x actor (term) counts of documents (or mentions), ``n_documents`` last;
        ``None`` when the partition has no dated document (or no terms were asked for).
    counts
        Numbers to add up in the run's report (documents, mentions, undated documents,
        what loading dropped or repaired).
    """

    part: Partition
    docs: pd.DataFrame
    signatures: np.ndarray | None
    sizes: np.ndarray | None
    mentions: pd.DataFrame | None
    n_units: int
    n_seen: int
    pairs: pd.DataFrame
    items: pd.Series
    attention: pd.DataFrame | None
    terms: pd.DataFrame | None
    counts: dict[str, int] = field(default_factory=dict)


def compute_partial(corpus: pd.DataFrame, part: Partition, plan: Plan, *,
                    mentions_file: str | os.PathLike | None = None) -> Partial:
    """Run every per-document stage on one partition; return its counts.

    Parameters
    ----------
    corpus
        The partition's Corpus table (:func:`toolkit.corpus.stream.stream`).
    part
        Where it comes from (named in messages and kept with the result).
    plan
        The settings of the stages.
    mentions_file
        Write the partition's Mentions table to this Parquet file (through a temporary
        file, so it is complete or absent) instead of keeping it in the result.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> c = from_frame(pd.DataFrame({"doc_id": ["a", "b"], "date": ["2001-05-01", "2002-01-01"],
    ...     "text": ["Russia and China met. Iran waited.", "Russia spoke."]}))
    >>> p = compute_partial(c, Partition(0, "example", 0, 2), Plan(duplicates=False))
    >>> p.pairs.values.tolist(), p.items.to_dict(), p.n_units
    ([['CHN', 'RUS', 1]], {'CHN': 1, 'IRN': 1, 'RUS': 2}, 3)
    """
    validate_corpus(corpus, where=str(part))
    docs = pd.DataFrame({"doc_id": corpus["doc_id"].astype(str).to_numpy(),
                         "date": corpus["date"].to_numpy(dtype="datetime64[ns]"),
                         "length": corpus["text"].str.len().to_numpy(np.int64)})
    sigs = sizes = None
    if plan.duplicates:
        sigs, sizes = minhash(corpus, shingle=plan.shingle, num_perm=plan.num_perm,
                              seed=plan.seed)
    mentions = find_mentions(corpus, plan.dictionary, n_jobs=1)
    n_units = int(count_units(corpus, unit=plan.unit).sum())
    pairs, items, n_seen = pair_counts(mentions, unit=plan.unit, level=plan.level,
                                       venues=plan.venues)
    dated = bool(corpus["date"].notna().any())
    value = "mentions" if plan.value == "mentions" else "documents"
    series = attention(mentions, corpus, freq=plan.freq, level=plan.level,
                       value=value) if dated else None
    terms = term_series(corpus, list(plan.terms), freq=plan.freq, value=value) \
        if dated and plan.terms else None
    counts = {"documents": len(corpus), "mentions": len(mentions),
              "undated_documents": int(corpus["date"].isna().sum()),
              **{f"load: {k}": int(v) for k, v in corpus.attrs.get("load_report", {}).items()
                 if k != "source"}}
    if mentions_file is not None:
        _write_parquet(mentions, Path(mentions_file))
        mentions = None
    return Partial(part, docs, sigs, sizes, mentions, n_units, n_seen, pairs, items, series,
                   terms, counts)


def _write_parquet(df: pd.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    df.to_parquet(tmp, index=False)
    os.replace(tmp, path)


def _series_to_frame(series: pd.DataFrame | None) -> pd.DataFrame | None:
    if series is None:
        return None
    out = series.copy()
    out.columns = [str(c) for c in out.columns]
    out.index = out.index.astype(str)
    return out


def save_partial(partial: Partial, folder: str | os.PathLike) -> Path:
    """Write a partial to ``folder`` (created through a temporary folder, so a checkpoint
    is complete or absent).

    Examples
    --------
    >>> import tempfile
    >>> from toolkit.corpus import from_frame
    >>> c = from_frame(pd.DataFrame({"doc_id": ["a"], "date": ["2001-05-01"],
    ...                              "text": ["Russia and China met."]}))
    >>> p = compute_partial(c, Partition(0, "example", 0, 1), Plan())
    >>> back = load_partial(save_partial(p, Path(tempfile.mkdtemp()) / "part-0"))
    >>> back.pairs.equals(p.pairs), back.attention.equals(p.attention), back.n_units
    (True, True, 1)
    """
    folder = Path(folder)
    tmp = folder.with_name(f".{folder.name}.{os.getpid()}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    partial.docs.to_parquet(tmp / "docs.parquet", index=False)
    partial.pairs.to_parquet(tmp / "pairs.parquet", index=False)
    partial.items.rename("n").rename_axis("item").reset_index().to_parquet(
        tmp / "items.parquet", index=False)
    for name in ("attention", "terms"):
        frame = _series_to_frame(getattr(partial, name))
        if frame is not None:
            frame.to_parquet(tmp / f"{name}.parquet")
    if partial.signatures is not None:
        np.save(tmp / "signatures.npy", partial.signatures)
        np.save(tmp / "sizes.npy", partial.sizes)
    if partial.mentions is not None:
        partial.mentions.to_parquet(tmp / "mentions.parquet", index=False)
    meta = {"part": {**vars(partial.part), "row_groups": list(partial.part.row_groups),
                     "keys": [list(k) for k in partial.part.keys]},
            "stamp": stamp(partial.part.file),
            "n_units": partial.n_units, "n_seen": partial.n_seen, "counts": partial.counts,
            "freq": None if partial.attention is None else partial.attention.index.freqstr}
    (tmp / "partial.json").write_text(json.dumps(meta, default=str), encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    os.replace(tmp, folder)
    return folder


def _read_series(path: Path, freq: str | None) -> pd.DataFrame | None:
    if not path.exists() or freq is None:
        return None
    frame = pd.read_parquet(path)
    frame.index = pd.PeriodIndex(frame.index, freq=freq, name="period")
    return frame


def load_partial(folder: str | os.PathLike) -> Partial:
    """Read a partial written by :func:`save_partial`."""
    folder = Path(folder)
    meta: dict[str, Any] = json.loads((folder / "partial.json").read_text(encoding="utf-8"))
    p = meta["part"]
    part = Partition(p["index"], p["file"], p["first"], p["rows"], tuple(p["row_groups"]),
                     tuple(tuple(k) for k in p["keys"]))
    items = pd.read_parquet(folder / "items.parquet")
    sigs = folder / "signatures.npy"
    return Partial(
        part=part, docs=pd.read_parquet(folder / "docs.parquet"),
        signatures=np.load(sigs, allow_pickle=False) if sigs.exists() else None,
        sizes=np.load(folder / "sizes.npy", allow_pickle=False) if sigs.exists() else None,
        mentions=pd.read_parquet(folder / "mentions.parquet")
        if (folder / "mentions.parquet").exists() else None,
        n_units=int(meta["n_units"]), n_seen=int(meta["n_seen"]),
        pairs=pd.read_parquet(folder / "pairs.parquet"),
        items=pd.Series(items["n"].to_numpy(np.int64), index=pd.Index(
            items["item"].astype(str), name=None), name=None),
        attention=_read_series(folder / "attention.parquet", meta["freq"]),
        terms=_read_series(folder / "terms.parquet", meta["freq"]),
        counts={k: int(v) for k, v in meta["counts"].items()})


def run_partition(corpus: pd.DataFrame, part: Partition, plan: Plan,
                  out: str | os.PathLike | None = None) -> Partial:
    """The task of one partition: compute it and, when the run has a folder, write its
    mentions and its checkpoint there (:class:`toolkit.scale.checkpoint.RunFolder`)."""
    if out is None:
        return compute_partial(corpus, part, plan)
    folder = RunFolder(out)
    partial = compute_partial(corpus, part, plan, mentions_file=folder.mentions_file(part.index))
    save_partial(partial, folder.partial_dir(part.index))
    return partial


def partition_error(part: Partition, exc: BaseException) -> PartitionError:
    """The error that stops a run: ``exc`` as a :class:`PartitionError` naming ``part``.

    Examples
    --------
    >>> print(partition_error(Partition(2, "a.parquet", 10, 5), KeyError("x")))
    partition 2 (a.parquet, rows 10-14) failed: KeyError: 'x'
    """
    if isinstance(exc, PartitionError):
        return exc
    return PartitionError(f"{part} failed: {type(exc).__name__}: {exc}")
