"""Place documents and mentions on the calendar and count them: the machinery under every series.

:func:`place_documents` gives every corpus row its position in a gap-free period index;
:func:`count_series` bins (document, item) pairs into a period x item table of shares or
counts that carries its denominator as the column :data:`~toolkit.schemas.N_DOCUMENTS`.
:func:`attention`, :func:`term_series` and :func:`pair_series` are built on these.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Literal, NamedTuple

import numpy as np
import pandas as pd
from scipy import sparse

from toolkit._core.calendar import (
    NAT_ORDINAL,
    factorize,
    period_ordinals,
    period_positions,
    period_range,
)
from toolkit.schemas import N_DOCUMENTS, validate_corpus

logger = logging.getLogger(__name__)

__all__ = ["DateBound", "Level", "PlacedDocuments", "Value", "count_series", "counting_unit",
           "document_rows", "place_documents", "presence", "sorted_codes"]

#: What a series counts: the share of documents, the number of documents, or mentions.
Value = Literal["share", "documents", "mentions"]
#: Count actors as themselves or for their country.
Level = Literal["actor", "country"]
#: A bound of the calendar range: a date string, a Timestamp, a Period, or None.
DateBound = str | pd.Timestamp | pd.Period | None
# dense doc x actor presence matrices up to this many cells, sparse beyond
_DENSE_CELLS = 64_000_000


def counting_unit(corpus: pd.DataFrame) -> str:
    """Name what one row of ``corpus`` is: ``"paragraph"`` (split from documents) or ``"document"``.

    Series record it as ``attrs["unit"]`` (a label, not a denominator: the counts stay in
    the ``n_documents`` column), so that figures say "share of paragraphs".

    Examples
    --------
    >>> counting_unit(pd.DataFrame({"doc_id": ["a#p0"], "parent_id": ["a"], "text": ["x"]}))
    'paragraph'
    """
    return "paragraph" if "parent_id" in corpus.columns else "document"


class PlacedDocuments(NamedTuple):
    """The corpus on the calendar: the periods, each row's position in them, the undated."""

    index: pd.PeriodIndex
    pos: np.ndarray  # period position of every corpus row, -1 when undated / outside
    undated: int


def place_documents(corpus: pd.DataFrame, freq: str, start: DateBound, end: DateBound,
                    tz: str | None, where: str) -> PlacedDocuments:
    """Check the corpus and give every row its period position (``-1``: undated or outside).

    ``where`` names the calling function in messages; undated documents are logged.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> c = from_frame(pd.DataFrame({"text": ["x"] * 3, "date": ["1992", "2001", None]}))
    >>> placed = place_documents(c, "5Y", None, None, None, "example")
    >>> placed.index.astype(str).tolist(), placed.pos.tolist(), placed.undated
    (['1990', '1995', '2000'], [0, 2, -1], 1)
    """
    validate_corpus(corpus, where=f"{where}: corpus")
    ords = period_ordinals(corpus["date"], freq=freq, tz=tz)
    index = period_range(start, end, freq=freq, ordinals=ords)
    undated = int(np.count_nonzero(ords == NAT_ORDINAL))
    if undated:
        logger.warning("%s: %d of %d documents have no date; they are counted in "
                       "attrs['undated_documents'] and left out of every period",
                       where, undated, len(ords))
    return PlacedDocuments(index, period_positions(ords, index), undated)


def document_rows(doc_ids: pd.Series, corpus: pd.DataFrame) -> np.ndarray:
    """Return the corpus row of every ``doc_id``; ``len(corpus)`` when it is not in the corpus.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"]})
    >>> document_rows(pd.Series(["b", "zz", "a", "b"]), corpus).tolist()
    [1, 2, 0, 1]
    """
    codes, uniques = factorize(doc_ids)
    row_of = pd.Index(corpus["doc_id"].astype(str)).get_indexer(uniques.astype(str))
    n = len(corpus)
    # missing codes (-1) pick the appended last entry: everything unknown goes to row n
    return np.append(np.where(row_of < 0, n, row_of), n)[codes]


def sorted_codes(values: pd.Series, drop: Sequence[str] = ("",), *, missing: int | None = -1
                 ) -> tuple[np.ndarray, np.ndarray]:
    """Return codes in sorted order of the labels, and the labels kept.

    Missing values and labels in ``drop`` get the code ``missing`` (``None``: the number
    of labels kept, i.e. a spare last column).

    Examples
    --------
    >>> codes, labels = sorted_codes(pd.Series(["b", "", "a", None]), missing=None)
    >>> codes.tolist(), labels.tolist()
    ([1, 2, 0, 2], ['a', 'b'])
    """
    codes, uniques = factorize(values)
    labels = np.asarray([str(u) for u in uniques], dtype=object)
    order = np.argsort(labels, kind="stable")
    rank = np.empty(len(labels), np.int64)
    rank[order] = np.arange(len(labels))
    labels = labels[order]
    keep = np.array([lab not in drop for lab in labels], dtype=bool)
    spare = int(keep.sum()) if missing is None else missing
    remap = np.where(keep, np.cumsum(keep) - 1, spare)[rank]
    return np.append(remap, spare)[codes], labels[keep]


def presence(doc: np.ndarray, item: np.ndarray, n_docs: int, n_items: int
             ) -> tuple[np.ndarray, np.ndarray]:
    """Return the distinct (doc, item) pairs: an actor named twice in a document counts once.

    Examples
    --------
    >>> d, i = presence(np.array([0, 0, 1]), np.array([2, 2, 0]), 2, 3)
    >>> d.tolist(), i.tolist()
    ([0, 1], [2, 0])
    """
    if n_docs * n_items <= _DENSE_CELLS:
        seen = np.zeros(n_docs * n_items, dtype=bool)
        seen[doc * n_items + item] = True
        flat = np.flatnonzero(seen)
        return flat // n_items, flat % n_items
    x = sparse.csr_matrix((np.ones(len(doc), np.int8), (doc, item)), shape=(n_docs, n_items))
    x.sum_duplicates()
    x = x.tocoo()
    return x.row.astype(np.int64), x.col.astype(np.int64)


def count_series(doc: np.ndarray, item: np.ndarray, labels: np.ndarray, corpus: pd.DataFrame,
                 placed: PlacedDocuments, *, value: str, normalize: str | None,
                 weights: np.ndarray | None, name: str) -> pd.DataFrame:
    """Bin (document row, item code) pairs into a period x item table of shares or counts.

    ``doc == len(corpus)`` (unknown document) and ``item == len(labels)`` (not an item)
    are counted in a spare last bin and column that are cut off at the end: cheaper on
    ten million mentions than filtering them out first. The last column is
    :data:`~toolkit.schemas.N_DOCUMENTS`, the documents of each period.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> c = from_frame(pd.DataFrame({"text": ["x"] * 3, "date": ["2001", "2001", "2002"]}))
    >>> placed = place_documents(c, "Y", None, None, None, "example")
    >>> count_series(np.array([0, 2]), np.array([0, 0]), np.array(["IRQ"]), c, placed,
    ...              value="share", normalize=None, weights=None, name="actor")
    actor   IRQ  n_documents
    period
    2001    0.5            2
    2002    1.0            1
    """
    if N_DOCUMENTS in set(labels):
        raise ValueError(f"{name}: {N_DOCUMENTS!r} is the name of the denominator column and "
                         f"cannot be a {name}")
    n_per, n_items = len(placed.index), len(labels)
    n_docs, width = len(corpus), n_items + 1
    if normalize == "source":
        src_codes, sources = sorted_codes(corpus["source"].astype(str), drop=())
        n_src = len(sources)
        bins = np.where(placed.pos >= 0, placed.pos * n_src + src_codes, -1)
    else:
        n_src, bins = 1, placed.pos
    n_bins = n_per * n_src
    documents = np.bincount(bins[bins >= 0], minlength=n_bins)
    spare_bins = np.append(np.where(bins >= 0, bins, n_bins), n_bins)
    if value == "mentions":
        key = spare_bins[doc] * width + item
    else:
        pdoc, pitem = presence(doc, item, n_docs + 1, width)
        key = spare_bins[pdoc] * width + pitem
    counts = np.bincount(key, weights=weights if value == "mentions" else None,
                         minlength=(n_bins + 1) * width)
    counts = counts.reshape(n_bins + 1, width)[:n_bins, :n_items]
    if weights is None or value != "mentions":
        counts = counts.astype(np.int64)
    if value == "share":
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(documents[:, None] > 0, counts / documents[:, None], 0.0)
        if n_src > 1:
            share = share.reshape(n_per, n_src, n_items)
            present = documents.reshape(n_per, n_src) > 0
            k = present.sum(axis=1)
            share = np.where(k[:, None] > 0, share.sum(axis=1) / np.maximum(k, 1)[:, None], 0.0)
        values = share
    else:
        values = counts
    out = pd.DataFrame(values, index=placed.index, columns=pd.Index(labels, name=name))
    out[N_DOCUMENTS] = documents.reshape(n_per, n_src).sum(axis=1).astype(np.int64)
    out.attrs = {"freq": placed.index.freqstr, "value": value, "level": name,
                 "normalize": normalize, "unit": counting_unit(corpus),
                 "undated_documents": placed.undated}
    return out
