"""Uncertainty bands for shares of documents: the Wilson score interval, period by period.

A band is a :class:`Band` of two tables shaped like the data columns of the series:
``lower`` and ``upper``. (Topic prevalences get theirs from :func:`toolkit.topics.prevalence`.)
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy import special

from toolkit._core import check_number
from toolkit.timeline.denominators import (
    count_columns,
    data_columns,
    documents_per_period,
    read_series,
)

logger = logging.getLogger(__name__)

__all__ = ["Band", "share_band"]


class Band(NamedTuple):
    """Lower and upper edges of an uncertainty band, each shaped like the series' data."""

    lower: pd.DataFrame
    upper: pd.DataFrame


def share_band(series: pd.DataFrame | pd.Series, *,
               documents: Sequence[int] | pd.Series | None = None,
               corpus: pd.DataFrame | None = None, level: float = 0.95) -> Band:
    """Wilson score band for shares of documents (from :func:`attention` or :func:`term_series`).

    Parameters
    ----------
    series
        Shares per period (float columns, ``value="share"``) or counts of documents
        (integer columns, ``value="documents"``), with their denominator, the column
        ``n_documents`` (which gets no band).
    documents, corpus
        The documents per period when the series has no ``n_documents`` column: one
        number per period (or a Series on a PeriodIndex), or the Corpus table to count
        them in.
    level
        Coverage of the band (default 0.95). Periods without documents get ``[0, 0]``.

    Returns
    -------
    Band
        ``lower`` and ``upper``: DataFrames with the index and data columns of ``series``.

    Examples
    --------
    >>> idx = pd.period_range("1990", "1991", freq="Y")
    >>> s = pd.DataFrame({"KWT": [0.5, 0.0], "n_documents": [10, 0]}, index=idx)
    >>> band = share_band(s)
    >>> band.lower["KWT"].round(3).tolist(), band.upper["KWT"].round(3).tolist()
    ([0.237, 0.0], [0.763, 0.0])
    >>> share_band(s[["KWT"]], documents=[10, 0]).upper.columns.tolist()
    ['KWT']
    """
    check_number("level", level, minimum=0, maximum=1, inclusive=False)
    frame = read_series(series)
    n = documents_per_period(frame, where="share_band", documents=documents,
                             corpus=corpus)[:, None]
    data = frame[data_columns(frame)]
    values = data.to_numpy(dtype=float)
    p = np.where(count_columns(data)[None, :], values / np.maximum(n, 1), values)
    z = special.ndtri((1 + level) / 2)  # scipy.stats.norm.ppf
    with np.errstate(divide="ignore", invalid="ignore"):
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
        lo = np.where(n > 0, np.clip(centre - half, 0, 1), 0.0)
        hi = np.where(n > 0, np.clip(centre + half, 0, 1), 0.0)
    return Band(pd.DataFrame(lo, index=data.index, columns=data.columns),
                pd.DataFrame(hi, index=data.index, columns=data.columns))
