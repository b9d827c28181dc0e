"""The combine step: add up the partitions' counts, then compute every measure once.

Counts add up across partitions because a document never spans two; measures do not
(a PMI of sums is not a sum of PMIs), so they are computed on the totals, with the same
functions and the same arithmetic as the in-memory path:
:func:`toolkit.network.edges_from_counts` gives the Edges table of
:func:`toolkit.network.cooccurrence`, :func:`series_from_counts` the
period series of :func:`toolkit.timeline.attention`, :func:`cluster_table` the clusters
of :func:`toolkit.corpus.duplicate_clusters`. :class:`Totals` keeps the running sums, so
a run holds one partition's counts at a time, not every partition's.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from toolkit.corpus.duplicates import link_clusters
from toolkit.corpus.stream import minhash_links
from toolkit.network import edges_from_counts
from toolkit.schemas import N_DOCUMENTS
from toolkit.scale.partial import Partial
from toolkit.scale.plan import Plan
from toolkit.timeline import normalize_freq, period_range

logger = logging.getLogger("toolkit.scale")

__all__ = ["Totals", "cluster_table", "series_from_counts"]


def series_from_counts(counts: pd.DataFrame, *, freq: str, value: str = "share",
                       name: str = "actor", undated: int = 0,
                       columns: list[str] | None = None) -> pd.DataFrame:
    """Build a period series of :func:`toolkit.timeline.attention` from summed counts.

    ``counts``: documents (or mentions) per period and column, with ``n_documents``
    last, on a PeriodIndex that may have gaps; the result has every period from the first
    to the last, columns sorted (or ``columns``, in order: the terms of ``term_series``),
    and the shares computed as ``attention`` computes them.

    Examples
    --------
    >>> idx = pd.PeriodIndex(["1990", "1993"], freq="Y", name="period")
    >>> counts = pd.DataFrame({"KWT": [1, 0], "IRQ": [1, 0], "n_documents": [2, 1]}, index=idx)
    >>> series_from_counts(counts, freq="Y")
    actor   IRQ  KWT  n_documents
    period
    1990    0.5  0.5            2
    1991    0.0  0.0            0
    1992    0.0  0.0            0
    1993    0.0  0.0            1
    """
    freq = normalize_freq(freq)
    index = period_range(counts.index.min(), counts.index.max(), freq=freq) if len(counts) \
        else period_range(None, None, freq=freq)
    labels = columns if columns is not None else sorted(
        str(c) for c in counts.columns if c != N_DOCUMENTS)
    full = counts.reindex(index=index, fill_value=0)
    documents = full[N_DOCUMENTS].to_numpy(np.int64)
    values = full[labels].to_numpy(np.int64)
    if value == "share":
        with np.errstate(divide="ignore", invalid="ignore"):
            values = np.where(documents[:, None] > 0, values / documents[:, None], 0.0)
    out = pd.DataFrame(values, index=index, columns=pd.Index(labels, name=name))
    out[N_DOCUMENTS] = documents
    out.attrs = {"freq": index.freqstr, "value": value, "level": name, "normalize": None,
                 "undated_documents": int(undated)}
    return out


def cluster_table(docs: pd.DataFrame, signatures: np.ndarray, sizes: np.ndarray, *,
                  threshold: float) -> pd.DataFrame:
    """Return the clusters of :func:`toolkit.corpus.duplicate_clusters` from every signature.

    ``docs``: ``doc_id``, ``date`` and ``length`` of every document, in signature order.
    """
    groups, link_sim = minhash_links(signatures, sizes, threshold=threshold)
    return link_clusters(docs["doc_id"].to_numpy(), docs["date"].to_numpy(),
                         docs["length"].to_numpy(), groups, link_sim)


class Totals:
    """Running sums of the partitions' counts; :meth:`add` them in any order.

    Examples
    --------
    >>> totals = Totals(Plan())
    >>> totals.done
    0
    """

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.pairs: pd.Series | None = None
        self.items = pd.Series(dtype=np.int64)
        self.n_units = self.n_seen = 0
        self.attention: pd.DataFrame | None = None
        self.terms: pd.DataFrame | None = None
        self.pieces: dict[int, tuple] = {}  # in partition order at the end
        self.counts: dict[str, int] = {}
        self.done = 0

    @staticmethod
    def _add(total: pd.DataFrame | None, new: pd.DataFrame | None) -> pd.DataFrame | None:
        if new is None:
            return total
        new = new.astype(np.int64)
        new.columns = [str(c) for c in new.columns]
        return new if total is None else total.add(new, fill_value=0).fillna(0).astype(np.int64)

    def add(self, partial: Partial) -> None:
        """Add one partition's counts."""
        pairs = partial.pairs.set_index(["a", "b"])["n_ab"].astype(np.int64)
        self.pairs = pairs if self.pairs is None else self.pairs.add(
            pairs, fill_value=0).astype(np.int64)
        self.items = self.items.add(partial.items, fill_value=0).astype(np.int64)
        self.n_units += partial.n_units
        self.n_seen += partial.n_seen
        self.attention = self._add(self.attention, partial.attention)
        self.terms = self._add(self.terms, partial.terms)
        self.pieces[partial.part.index] = (partial.docs, partial.signatures, partial.sizes,
                                           partial.mentions)
        for key, n in partial.counts.items():
            self.counts[key] = self.counts.get(key, 0) + n
        self.done += 1

    def edges(self) -> pd.DataFrame:
        """The Edges table of the whole corpus."""
        p = self.plan
        pairs = (self.pairs if self.pairs is not None else pd.Series(
            dtype=np.int64, index=pd.MultiIndex.from_tuples([], names=["a", "b"]))
                 ).rename("n_ab").reset_index()
        edges = edges_from_counts(pairs, self.items, self.n_units, unit=p.unit, level=p.level,
                                  min_count=p.min_count, correction=p.correction,
                                  venues=p.venues)
        logger.info("cooccurrence: %d pairs among %d %ss in %d of %d %ss", len(edges),
                    len(self.items), p.level, self.n_seen, self.n_units, p.unit)
        return edges

    def series(self, which: str = "attention") -> pd.DataFrame | None:
        """The attention (or term) series of the whole corpus."""
        counts = self.attention if which == "attention" else self.terms
        if counts is None:
            return None
        name = ("actor" if self.plan.level == "actor" else "country") \
            if which == "attention" else "term"
        out = series_from_counts(counts, freq=self.plan.freq, value=self.plan.value,
                                 name=name, undated=self.counts.get("undated_documents", 0),
                                 columns=None if which == "attention" else list(self.plan.terms))
        if which == "attention":
            out.attrs["unmatched_mentions"] = 0
        return out

    def ordered(self, position: int) -> list:
        """One kind of piece (0 docs, 1 signatures, 2 sizes, 3 mentions) in partition order."""
        return [self.pieces[i][position] for i in sorted(self.pieces)]

    def clusters(self) -> pd.DataFrame | None:
        """The near-duplicate clusters of the whole corpus."""
        if not self.plan.duplicates or not self.pieces:
            return None
        docs = pd.concat(self.ordered(0), ignore_index=True)
        return cluster_table(docs, np.vstack(self.ordered(1)), np.concatenate(self.ordered(2)),
                             threshold=self.plan.threshold)
