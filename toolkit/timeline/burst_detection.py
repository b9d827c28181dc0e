"""Bursts of attention: Kleinberg's burst automaton, batched over every series at once.

Each burst is a table row with its dates, so every claim a figure makes ("attention to
Kuwait burst in 1990-1991") is a row a reader can check.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import special

from toolkit._core import check_int, check_number
from toolkit._core.calendar import split_freq
from toolkit.timeline.denominators import (
    count_columns,
    data_columns,
    documents_per_period,
    read_series,
)
from toolkit.timeline.sources import check_source_mix

logger = logging.getLogger(__name__)

__all__ = ["BURST_DEFAULTS", "bursts"]

#: Default Kleinberg parameters per frequency: ``s`` is the rate ratio between
#: consecutive states (a burst at least doubles the base rate), ``gamma`` scales the cost
#: ``gamma * ln(T)`` of moving up one state (T = number of periods). The yearly values
#: were checked on the UN General Debates (known wars and disasters found, most
#: state-years quiet; ``s=2.5`` or ``3`` lose Afghanistan in 2001); the steeper ratios
#: for weekly and daily series, whose few documents per period make shares noisy, are
#: a cautious choice not yet checked on real daily news. Multiples (``"5Y"``) take the
#: values of their base frequency.
BURST_DEFAULTS: dict[str, dict[str, float]] = {
    "Y": {"s": 2.0, "gamma": 1.0},
    "Q": {"s": 2.0, "gamma": 1.0},
    "M": {"s": 2.0, "gamma": 1.0},
    "W": {"s": 2.5, "gamma": 1.0},
    "D": {"s": 3.0, "gamma": 1.0},
}

_COLUMNS = ["series", "level", "start", "end", "periods", "strength", "peak"]


def _counts(frame: pd.DataFrame, documents: Sequence[float] | pd.Series | None,
            corpus: pd.DataFrame | None) -> tuple[np.ndarray, np.ndarray]:
    """Events ``r`` and trials ``d`` per period and data column for the binomial burst model."""
    data = frame[data_columns(frame)]
    values = data.to_numpy(dtype=float)
    if np.isnan(values).any() or (values < 0).any():
        raise ValueError("bursts: series has negative or missing values; expected shares "
                         "or counts of documents per period")
    counts = count_columns(data)
    d = documents_per_period(frame, where="bursts", documents=documents, corpus=corpus,
                             required=not counts.all() or values.shape[1] < 2)
    if d is None:
        # counts of several series and no denominator: each is a share of all counts
        return values, values.sum(axis=1, keepdims=True) * np.ones((1, values.shape[1]))
    d = d[:, None] * np.ones((1, values.shape[1]))
    r = np.where(counts[None, :], values, values * d)  # shares back to (fractional) counts
    over = r > d + 1e-9
    if over.any():
        t, c = np.argwhere(over)[0]
        raise ValueError(f"bursts: {data.columns[c]!r} counts {values[t, c]:g} in "
                         f"{frame.index[t]} but the period has {d[t, c]:g} documents; "
                         "counts of mentions cannot be set against documents (use "
                         "attention(..., value='share') or value='documents')")
    return np.minimum(r, d), d


def _viterbi(r: np.ndarray, d: np.ndarray, s: float, gamma: float, states: int
             ) -> tuple[np.ndarray, np.ndarray]:
    """Optimal state sequence of Kleinberg's batched automaton, for every column at once.

    Returns the states (T, C) and the costs (T, states, C).
    """
    n_t, n_c = r.shape
    with np.errstate(divide="ignore", invalid="ignore"):
        p0 = r.sum(axis=0) / d.sum(axis=0)
    p0 = np.nan_to_num(p0, nan=0.0)
    levels = np.arange(states)[:, None]
    # rates above 1 are impossible: cap just below, so such states only fit periods in
    # which (nearly) every document is on topic
    p = np.minimum(p0[None, :] * s ** levels, 1 - 1e-6)
    p = np.maximum(p, 1e-12)
    cost = -(special.xlogy(r[:, None, :], p[None]) +
             special.xlogy((d - r)[:, None, :], 1 - p[None]))
    step = gamma * math.log(max(n_t, 2))
    best = np.full((states, n_c), np.inf)
    best[0] = 0.0
    back = np.zeros((n_t, states, n_c), dtype=np.int8)
    for t in range(n_t):
        new = np.empty_like(best)
        for j in range(states):
            up = np.maximum(j - np.arange(states), 0)[:, None] * step
            cand = best + up
            back[t, j] = np.argmin(cand, axis=0)
            new[j] = cand[back[t, j], np.arange(n_c)] + cost[t, j]
        best = new
    seq = np.empty((n_t, n_c), dtype=np.int64)
    seq[-1] = np.argmin(best, axis=0)
    cols = np.arange(n_c)
    for t in range(n_t - 1, 0, -1):
        seq[t - 1] = back[t, seq[t], cols]
    seq[:, p0 == 0] = 0
    return seq, cost


def bursts(
    series: pd.DataFrame | pd.Series,
    *,
    documents: Sequence[float] | pd.Series | None = None,
    s: float | None = None,
    gamma: float | None = None,
    states: int = 2,
    min_periods: int = 1,
    corpus: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Find bursts of attention with Kleinberg's burst automaton (batched, binomial).

    Each period ``t`` has ``d_t`` documents of which ``r_t`` are on topic (mention the
    actor). A hidden automaton is in state 0 (base rate ``p0 = sum r / sum d``) or in a
    burst state ``i`` (rate ``p0 * s**i``); moving up one state costs ``gamma * ln(T)``,
    moving down is free. The cheapest state sequence (Viterbi) marks the bursts
    (Kleinberg 2002, "Bursty and hierarchical structure in streams", section 4).

    Parameters
    ----------
    series
        Period-indexed shares (from :func:`toolkit.timeline.attention`,
        :func:`~toolkit.timeline.term_series` or :func:`toolkit.topics.prevalence`) or
        counts of documents (integer columns), one column per series, and the column
        ``n_documents``: the documents per period, never read as a series.
    documents
        Documents per period, when the series has no ``n_documents`` column (one number
        per period, or a Series on a PeriodIndex). Counts of several series without any
        denominator are read as shares of the period's total count.
    s
        Rate ratio between states (> 1). Default from :data:`BURST_DEFAULTS` by the
        frequency of the index (2 for yearly/quarterly/monthly data).
    gamma
        Cost of entering a burst, in units of ``ln(T)`` (> 0); higher gives fewer,
        longer bursts. Default from :data:`BURST_DEFAULTS` (1).
    states
        Number of states (2: base and burst; 3 or more finds bursts within bursts,
        reported with ``level`` 2, 3, ...).
    min_periods
        Drop bursts shorter than this many periods.
    corpus
        When given, each burst's source mix is compared with the rest of the series
        (:func:`check_source_mix`) and a warning is logged when it differs; its documents
        per period are the denominator when the series has no ``n_documents``.

    Returns
    -------
    pandas.DataFrame
        One row per burst: ``series`` (column name), ``level`` (1 = burst state),
        ``start`` and ``end`` (Periods, inclusive), ``periods``, ``strength`` (the cost
        saved by the burst state over the state below, summed over the burst: Kleinberg's
        weight) and ``peak`` (highest value of the series in the burst). Sorted by
        series and start.

    Examples
    --------
    >>> idx = pd.period_range("1985", "1996", freq="Y")
    >>> share = pd.Series([.1, .1, .1, .1, .1, .8, .9, .2, .1, .1, .1, .1], index=idx, name="KWT")
    >>> bursts(share, documents=[150] * 12)[["series", "start", "end", "periods"]]
      series start   end  periods
    0    KWT  1990  1991        2
    >>> with_n = share.to_frame().assign(n_documents=150)
    >>> bursts(with_n.loc["1989":])[["series", "start", "end"]].to_numpy().tolist()
    [['KWT', Period('1990', 'Y-DEC'), Period('1991', 'Y-DEC')]]
    """
    frame = read_series(series)
    check_int("states", states, minimum=2)
    check_int("min_periods", min_periods, minimum=1)
    check_number("s", s, minimum=1, inclusive=False, allow_none=True)
    check_number("gamma", gamma, minimum=0, inclusive=False, allow_none=True)
    base = split_freq(frame.index.freqstr)[1][0]
    defaults = BURST_DEFAULTS.get(base, BURST_DEFAULTS["Y"])
    s = defaults["s"] if s is None else float(s)
    gamma = defaults["gamma"] if gamma is None else float(gamma)
    columns = data_columns(frame)
    if len(frame) == 0 or not columns:
        return _empty(frame.index)
    r, d = _counts(frame, documents, corpus)
    seq, cost = _viterbi(r, d, s, gamma, states)
    rows = _burst_rows(frame[columns], seq, cost, states, min_periods)
    out = pd.DataFrame(rows, columns=_COLUMNS) if rows else _empty(frame.index)
    out = out.sort_values(["series", "start", "level"], kind="stable").reset_index(drop=True)
    out.attrs = {"s": s, "gamma": gamma, "states": states, "freq": frame.index.freqstr}
    if corpus is not None:
        out = check_source_mix(out, corpus)
    return out


def _burst_rows(data: pd.DataFrame, seq: np.ndarray, cost: np.ndarray, states: int,
                min_periods: int) -> list[tuple]:
    """One row per run of periods at or above each burst level, with its gain and peak."""
    values = data.to_numpy(dtype=float)
    rows = []
    for c, name in enumerate(data.columns):
        for level in range(1, states):
            on = np.concatenate([[False], seq[:, c] >= level, [False]])
            edges = np.flatnonzero(np.diff(on.astype(np.int8)))
            for a, b in zip(edges[::2], edges[1::2]):
                if b - a < min_periods:
                    continue
                gain = float((cost[a:b, level - 1, c] - cost[a:b, level, c]).sum())
                rows.append((name, level, data.index[a], data.index[b - 1], int(b - a),
                             gain, float(values[a:b, c].max())))
    return rows


def _empty(index: pd.PeriodIndex) -> pd.DataFrame:
    dtypes = {"series": object, "level": "int64", "start": index.dtype, "end": index.dtype,
              "periods": "int64", "strength": "float64", "peak": "float64"}
    return pd.DataFrame({c: pd.Series(dtype=dtypes[c]) for c in _COLUMNS})
