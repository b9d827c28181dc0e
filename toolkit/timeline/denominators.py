"""Read a period series back: its data columns, and what its shares are out of.

A period series carries its denominator as the column ``n_documents`` (int64, see
:data:`toolkit.schemas.N_DOCUMENTS`), never in ``DataFrame.attrs``: a row slice such as
``share.loc["1991":]`` keeps it, a column pick such as ``share[["KWT", "n_documents"]]``
keeps it when asked. Every function that reads a series (bursts, change points, bands,
plots) treats ``n_documents`` as the denominator and every other column as data.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from toolkit._core.calendar import normalize_freq
from toolkit.schemas import N_DOCUMENTS, validate_series
from toolkit.timeline.sources import document_counts

__all__ = ["count_columns", "data_columns", "documents_per_period", "read_series"]

_HOW = ("make the series with toolkit.timeline.attention or term_series (they add the "
        f"column {N_DOCUMENTS!r}), keep that column when you select columns "
        f"(series[[..., {N_DOCUMENTS!r}]]), or pass documents= (documents per period) or "
        "corpus= (the Corpus table to count them in)")


def read_series(series: pd.DataFrame | pd.Series, *, name: str = "series") -> pd.DataFrame:
    """Check that ``series`` is a period series and return it as a DataFrame (attrs kept).

    Examples
    --------
    >>> idx = pd.period_range("2001", "2002", freq="Y")
    >>> read_series(pd.Series([0.1, 0.2], index=idx, name="KWT")).columns.tolist()
    ['KWT']
    """
    attrs = dict(getattr(series, "attrs", {}))
    frame = validate_series(series, name=name)
    frame.attrs = attrs
    return frame


def data_columns(frame: pd.DataFrame) -> list:
    """Return the columns of ``frame`` that hold data: all but ``n_documents``.

    Examples
    --------
    >>> data_columns(pd.DataFrame({"KWT": [0.5], "n_documents": [2]}))
    ['KWT']
    """
    return [c for c in frame.columns if c != N_DOCUMENTS]


def count_columns(data: pd.DataFrame) -> np.ndarray:
    """Return, per column, whether it holds counts of documents (else shares).

    A column of integers, or with a value above 1, holds counts; a float column within
    [0, 1] holds shares (``attention(value="share")``, topic prevalences).

    Examples
    --------
    >>> count_columns(pd.DataFrame({"a": [3, 0], "b": [0.5, 0.0], "c": [2.0, 7.0]})).tolist()
    [True, False, True]
    """
    ints = np.array([pd.api.types.is_integer_dtype(t) for t in data.dtypes], dtype=bool)
    values = data.to_numpy(dtype=float)
    above = (values > 1).any(axis=0) if len(values) else np.zeros(data.shape[1], dtype=bool)
    return ints | above


def documents_per_period(frame: pd.DataFrame, *, where: str,
                         documents: Sequence[float] | pd.Series | None = None,
                         corpus: pd.DataFrame | None = None, required: bool = True
                         ) -> np.ndarray | None:
    """Return the documents of each period of ``frame`` (floats), the denominator of its shares.

    In this order: ``documents`` (one number per period, or a Series on a PeriodIndex,
    aligned by period), the ``n_documents`` column, the documents of ``corpus`` counted
    per period. Without any of them: a ValueError naming ``where`` and how to get one
    (``None`` when not ``required``).

    Examples
    --------
    >>> idx = pd.period_range("1990", "1992", freq="Y")
    >>> share = pd.DataFrame({"KWT": [0.5, 1.0, 0.0], "n_documents": [2, 1, 0]}, index=idx)
    >>> documents_per_period(share.loc["1991":], where="example").tolist()
    [1.0, 0.0]
    >>> documents_per_period(share[["KWT"]], where="example")
    Traceback (most recent call last):
    ...
    ValueError: example: the series has no 'n_documents' column, the documents per period that its shares are out of; make the series with ...
    """
    if documents is not None:
        if isinstance(documents, pd.Series) and isinstance(documents.index, pd.PeriodIndex):
            aligned = documents.reindex(frame.index)
            if aligned.isna().any():
                missing = [str(p) for p in frame.index[aligned.isna().to_numpy()][:5]]
                raise ValueError(f"{where}: documents has no number for the periods {missing}")
            documents = aligned
        d = np.asarray(documents, dtype=float).reshape(-1)
        if d.shape[0] != len(frame):
            raise ValueError(f"{where}: documents has {d.shape[0]} periods but series has "
                             f"{len(frame)}")
        return d
    if N_DOCUMENTS in frame.columns:
        return frame[N_DOCUMENTS].to_numpy(dtype=float)
    if corpus is not None:
        counts = document_counts(corpus, freq=normalize_freq(frame.index.freqstr))
        return counts["documents"].reindex(frame.index, fill_value=0).to_numpy(dtype=float)
    if required:
        raise ValueError(f"{where}: the series has no {N_DOCUMENTS!r} column, the documents "
                         f"per period that its shares are out of; {_HOW}")
    return None
