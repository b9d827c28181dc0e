"""Find what changed and when: Kleinberg bursts, change points, shifts in the source mix.

Each detector returns a table with one row per finding and its dates, so every claim a
figure makes ("attention to Kuwait burst in 1990-1991") is a row a reader can check.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd
from scipy import special, stats

from toolkit._core import check_choice

logger = logging.getLogger(__name__)

__all__ = ["BURST_DEFAULTS", "bursts", "change_points", "check_source_mix"]

#: Default Kleinberg parameters per frequency: ``s`` is the rate ratio between
#: consecutive states (a burst at least doubles the base rate), ``gamma`` scales the cost
#: ``gamma * ln(T)`` of moving up one state (T = number of periods). The yearly values
#: were checked on the UN General Debates (known wars and disasters found, most
#: state-years quiet; ``s=2.5`` or ``3`` lose Afghanistan in 2001); the steeper ratios
#: for weekly and daily series, whose few documents per period make shares noisy, are
#: a cautious choice not yet checked on real daily news.
BURST_DEFAULTS: dict[str, dict[str, float]] = {
    "Y": {"s": 2.0, "gamma": 1.0},
    "Q": {"s": 2.0, "gamma": 1.0},
    "M": {"s": 2.0, "gamma": 1.0},
    "W": {"s": 2.5, "gamma": 1.0},
    "D": {"s": 3.0, "gamma": 1.0},
}

_BURST_COLUMNS = ["series", "level", "start", "end", "periods", "strength", "peak"]
_CHANGE_COLUMNS = ["series", "period", "date", "before", "after", "shift", "before_start",
                   "after_end"]


def _as_frame(series: pd.DataFrame | pd.Series, where: str) -> pd.DataFrame:
    if isinstance(series, pd.Series):
        frame = series.to_frame(series.name if series.name is not None else "series")
        frame.attrs = dict(series.attrs)
        return frame
    if not isinstance(series, pd.DataFrame):
        raise TypeError(f"{where}: series must be a DataFrame or Series indexed by a "
                        f"PeriodIndex (e.g. from toolkit.timeline.attention), not "
                        f"{type(series).__name__}")
    if not isinstance(series.index, pd.PeriodIndex):
        raise TypeError(f"{where}: series must be indexed by a PeriodIndex, not "
                        f"{type(series.index).__name__}; build it with toolkit.timeline")
    return series


def _base_freq(index: pd.PeriodIndex) -> str:
    return index.freqstr.split("-")[0].lstrip("0123456789")[:1] or "Y"


def _counts(frame: pd.DataFrame, documents: Sequence[float] | pd.Series | None
            ) -> tuple[np.ndarray, np.ndarray]:
    """Events ``r`` and trials ``d`` per period for the binomial burst model."""
    values = frame.to_numpy(dtype=float)
    if np.isnan(values).any() or (values < 0).any():
        raise ValueError("bursts: series has negative or missing values; expected shares "
                         "or counts per period")
    kind = frame.attrs.get("value")
    if documents is None:
        documents = frame.attrs.get("documents")
    if documents is not None:
        d = np.asarray(documents, dtype=float)
        if d.shape[0] != len(frame):
            raise ValueError(f"bursts: documents has {d.shape[0]} periods but series has "
                             f"{len(frame)}")
        d = d.reshape(len(frame), -1) * np.ones((1, values.shape[1]))
        if kind in ("documents", "mentions") or (kind is None and values.max(initial=0) > 1):
            if kind == "mentions":
                raise ValueError("bursts: value='mentions' series cannot be set against "
                                 "documents per period; use value='share' or 'documents'")
            r = values
        else:
            r = values * d  # shares back to (possibly fractional) counts
        return np.minimum(r, d), d
    if kind == "share" or kind == "prevalence" or values.max(initial=0) <= 1 and values.any():
        raise ValueError("bursts: a series of shares needs documents=, the number of "
                         "documents per period (attention() keeps it in attrs['documents'])")
    if values.shape[1] < 2:
        raise ValueError("bursts: a single series of counts needs documents= (the number "
                         "of documents per period) to know what the counts are out of")
    # counts of many series with no denominator: each is a share of all counts
    d = values.sum(axis=1, keepdims=True) * np.ones((1, values.shape[1]))
    return values, d


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
        :func:`~toolkit.timeline.term_series` or
        :func:`~toolkit.timeline.topic_prevalence`) or document counts, one column per
        series.
    documents
        Documents per period; default ``series.attrs["documents"]``. Counts of several
        series without a denominator are read as shares of the period's total count.
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
        (:func:`check_source_mix`) and a warning is logged when it differs.

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
    """
    frame = _as_frame(series, "bursts")
    if states < 2:
        raise ValueError(f"states={states!r} is invalid; must be an int >= 2")
    defaults = BURST_DEFAULTS.get(_base_freq(frame.index), BURST_DEFAULTS["Y"])
    s = defaults["s"] if s is None else float(s)
    gamma = defaults["gamma"] if gamma is None else float(gamma)
    if not s > 1:
        raise ValueError(f"s={s!r} is invalid; must be > 1 (the burst rate is s times the base)")
    if not gamma > 0:
        raise ValueError(f"gamma={gamma!r} is invalid; must be > 0")
    if len(frame) == 0 or frame.shape[1] == 0:
        return _empty(_BURST_COLUMNS, frame.index)
    r, d = _counts(frame, documents)
    seq, cost = _viterbi(r, d, s, gamma, states)
    values = frame.to_numpy(dtype=float)
    rows = []
    for c, name in enumerate(frame.columns):
        for level in range(1, states):
            on = np.concatenate([[False], seq[:, c] >= level, [False]])
            edges = np.flatnonzero(np.diff(on.astype(np.int8)))
            for a, b in zip(edges[::2], edges[1::2]):
                if b - a < min_periods:
                    continue
                gain = float((cost[a:b, level - 1, c] - cost[a:b, level, c]).sum())
                rows.append((name, level, frame.index[a], frame.index[b - 1], int(b - a),
                             gain, float(values[a:b, c].max())))
    out = pd.DataFrame(rows, columns=_BURST_COLUMNS)
    if not rows:
        out = _empty(_BURST_COLUMNS, frame.index)
    out = out.sort_values(["series", "start", "level"], kind="stable").reset_index(drop=True)
    out.attrs = {"s": s, "gamma": gamma, "states": states, "freq": frame.index.freqstr}
    if corpus is not None:
        out = check_source_mix(out, corpus)
    return out


def _empty(columns: list[str], index: pd.PeriodIndex) -> pd.DataFrame:
    dtypes = {"series": object, "level": "int64", "start": index.dtype, "end": index.dtype,
              "periods": "int64", "strength": "float64", "peak": "float64",
              "period": index.dtype, "date": "datetime64[ns]", "before": "float64",
              "after": "float64", "shift": "float64", "before_start": index.dtype,
              "after_end": index.dtype}
    return pd.DataFrame({c: pd.Series(dtype=dtypes[c]) for c in columns})


def _noise_scale(y: np.ndarray) -> float:
    """Noise standard deviation from first differences.

    Differencing removes the levels, so a few shifts barely inflate it; the plain (not
    the median-based) spread keeps one-period spikes in the noise, which is what they
    are for a change-point model: attention series are spiky, and a robust estimate
    turned every spike into a pair of change points.
    """
    diffs = np.diff(y)
    if diffs.size == 0:
        return 0.0
    return float(np.std(diffs)) / math.sqrt(2)


# series x periods^2 cells up to which the exact numpy search beats ruptures' Python loop
_OP_CELLS = 60_000_000


def _optimal_partition_l2(y: np.ndarray, pen: np.ndarray, min_size: int) -> list[list[int]]:
    """Exact penalised least-squares segmentation of every column at once.

    The optimal partitioning recursion (Jackson et al. 2005) that PELT prunes: same
    change points as ``ruptures.Pelt(model="l2", jump=1)``, vectorised over the series,
    so all states of the UN General Debates take milliseconds instead of seconds.
    Returns the change point positions (first index of each new segment) per column.
    """
    n_t, n_c = y.shape
    zero = np.zeros((1, n_c))
    csum = np.vstack([zero, np.cumsum(y, axis=0)])
    csq = np.vstack([zero, np.cumsum(y * y, axis=0)])
    best = np.full((n_t + 1, n_c), np.inf)
    best[0] = -pen
    last = np.zeros((n_t + 1, n_c), dtype=np.int64)
    for t in range(min_size, n_t + 1):
        starts = np.r_[0, np.arange(min_size, t - min_size + 1)]
        length = (t - starts)[:, None]
        seg = csq[t] - csq[starts] - (csum[t] - csum[starts]) ** 2 / length
        total = best[starts] + seg + pen
        pick = np.argmin(total, axis=0)
        best[t] = total[pick, np.arange(n_c)]
        last[t] = starts[pick]
    out = []
    for c in range(n_c):
        bkps, t = [], n_t
        while t > 0:
            t = int(last[t, c])
            if t > 0:
                bkps.append(t)
        out.append(sorted(bkps))
    return out


def _pelt(y: np.ndarray, pen: float, model: str, min_size: int) -> list[int]:
    import ruptures

    algo = ruptures.Pelt(model=model, min_size=min_size, jump=1).fit(y.reshape(-1, 1))
    return algo.predict(pen=pen)[:-1]


def change_points(
    series: pd.DataFrame | pd.Series,
    *,
    model: Literal["l2", "l1"] = "l2",
    penalty: float | None = None,
    penalty_factor: float = 2.0,
    min_size: int = 2,
    corpus: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Find the dates where a series shifts to a new level (PELT, via ``ruptures``).

    Each column is segmented by PELT (Killick et al. 2012; ``ruptures.Pelt``, or for
    ``"l2"`` on up to a few hundred periods the same exact search vectorised in numpy,
    100x faster) with a cost per segment
    (``"l2"``: squared deviations from the segment mean, i.e. shifts in the mean;
    ``"l1"``: absolute deviations from the median, robust to one-period spikes) plus a
    penalty per change point. The default penalty is BIC-like,
    ``pen = penalty_factor * log(T) * sigma**2`` for ``"l2"`` (``sigma`` for ``"l1"``),
    where ``T`` is the number of periods and ``sigma`` the noise level estimated from
    the first differences (their standard deviation over sqrt 2), so the same setting
    works for shares and for counts. ``penalty_factor=2`` is the BIC for two parameters per change (its date and
    the new level); raise it for fewer change points.

    Parameters
    ----------
    series
        Period-indexed values, one column per series.
    model
        ``"l2"`` (default) or ``"l1"``.
    penalty
        An explicit penalty (overrides ``penalty_factor``), in the units of the cost.
    penalty_factor
        Multiplier of the BIC-like penalty (default 2).
    min_size
        Minimum number of periods between change points (default 2).
    corpus
        When given, the source mix before and after each change point is compared
        (:func:`check_source_mix`), and a warning logged when it moved too.

    Returns
    -------
    pandas.DataFrame
        One row per change point: ``series``, ``period`` (first period of the new
        level), ``date`` (its start), ``before`` and ``after`` (mean of the segments
        either side), ``shift`` (``after - before``), ``before_start`` and ``after_end``
        (the outer bounds of those segments).

    Examples
    --------
    >>> idx = pd.period_range("1901", "1920", freq="Y")
    >>> y = pd.Series([1.0, 1.1, 0.9, 1.0, 1.2, 0.8, 1.0, 1.1, 0.9, 1.0,
    ...                3.0, 3.1, 2.9, 3.0, 3.2, 2.8, 3.0, 3.1, 2.9, 3.0], index=idx, name="x")
    >>> change_points(y)[["series", "period", "before", "after"]]
      series period  before  after
    0      x   1911     1.0    3.0
    """
    frame = _as_frame(series, "change_points")
    check_choice("model", model, ["l2", "l1"])
    if min_size < 1:
        raise ValueError(f"min_size={min_size!r} is invalid; must be a positive int")
    if penalty is not None and not penalty > 0:
        raise ValueError(f"penalty={penalty!r} is invalid; must be > 0 (or None for BIC)")
    n_t = len(frame)
    values = frame.to_numpy(dtype=float)
    pens = np.zeros(values.shape[1])
    for c in range(values.shape[1]):
        y = values[:, c]
        if n_t < 2 * min_size or np.ptp(y) == 0:
            continue
        sigma = _noise_scale(y)
        pens[c] = penalty if penalty is not None else (
            penalty_factor * math.log(n_t) * (sigma ** 2 if model == "l2" else sigma))
    todo = np.flatnonzero(pens > 0)
    if model == "l2" and n_t * n_t * max(len(todo), 1) <= _OP_CELLS:
        found = _optimal_partition_l2(values[:, todo], pens[todo], min_size)
    else:
        found = [_pelt(values[:, c], pens[c], model, min_size) for c in todo]
    rows = []
    for c, bkps in zip(todo, found):
        y, name = values[:, c], frame.columns[c]
        bkps = [0] + list(bkps) + [n_t]
        for i in range(1, len(bkps) - 1):
            lo, at, hi = bkps[i - 1], bkps[i], bkps[i + 1]
            before, after = float(y[lo:at].mean()), float(y[at:hi].mean())
            period = frame.index[at]
            rows.append((name, period, period.start_time, before, after, after - before,
                         frame.index[lo], frame.index[hi - 1]))
    out = pd.DataFrame(rows, columns=_CHANGE_COLUMNS)
    if not rows:
        out = _empty(_CHANGE_COLUMNS, frame.index)
    out["date"] = out["date"].astype("datetime64[ns]")
    out.attrs = {"model": model, "penalty": penalty, "penalty_factor": penalty_factor,
                 "min_size": min_size, "freq": frame.index.freqstr}
    if corpus is not None:
        out = check_source_mix(out, corpus)
    return out


def check_source_mix(
    table: pd.DataFrame,
    corpus: pd.DataFrame,
    *,
    by: str = "source",
    alpha: float = 0.01,
    min_shift: float = 0.1,
) -> pd.DataFrame:
    """Flag bursts and change points that coincide with a change in the mix of sources.

    A trend can be an artefact: if speeches turn into written messages in the same
    year that a word takes off, the word may just belong to the written genre. For each
    row, the documents of the two sides are counted per source and compared:

    - change points (rows with ``period``): the segment before against the one after;
    - bursts (rows with ``start`` and ``end``): the burst against as many periods just
      before it (just after it when the burst opens the series).

    Parameters
    ----------
    table
        From :func:`bursts` or :func:`change_points` (their periods say the frequency).
    corpus
        The Corpus table behind the series.
    by
        The corpus column that names the source (default ``"source"``).
    alpha
        Significance level of the chi-square test of equal source mixes.
    min_shift
        Smallest total variation distance between the two source mixes (half the sum of
        absolute share differences, in [0, 1]) worth a warning: a significant but tiny
        shift in a big corpus is not a confound.

    Returns
    -------
    pandas.DataFrame
        A copy of ``table`` with ``source_shift`` (total variation distance),
        ``source_p`` (chi-square p-value) and ``source_warning`` (both thresholds met).
        Every warned row is also logged as a warning.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> c = from_frame(pd.DataFrame({"text": ["x"] * 40,
    ...     "date": [f"{y}-06-01" for y in range(1901, 1921)] * 2,
    ...     "source": ["spoken"] * 20 + ["written"] * 10 + ["spoken"] * 10}))
    >>> cp = pd.DataFrame({"series": ["war"], "period": [pd.Period("1911", "Y")],
    ...                    "before_start": [pd.Period("1901", "Y")],
    ...                    "after_end": [pd.Period("1920", "Y")]})
    >>> check_source_mix(cp, c)[["source_shift", "source_warning"]]
       source_shift  source_warning
    0           0.5            True
    """
    from toolkit.timeline.series import document_counts

    if not 0 < alpha < 1:
        raise ValueError(f"alpha={alpha!r} is invalid; must be between 0 and 1")
    out = table.copy()
    out["source_shift"] = pd.Series(0.0, index=out.index, dtype="float64")
    out["source_p"] = pd.Series(1.0, index=out.index, dtype="float64")
    out["source_warning"] = pd.Series(False, index=out.index, dtype=bool)
    if not len(out):
        return out
    sample = out["period"].iloc[0] if "period" in out.columns else out["start"].iloc[0]
    counts = document_counts(corpus, freq=sample.freqstr, by=by)
    if counts.shape[1] < 2:
        return out
    matrix = counts.to_numpy(dtype=float)
    index = counts.index
    for i, row in out.iterrows():
        if "period" in out.columns:
            lo = index.searchsorted(row["before_start"])
            at = index.searchsorted(row["period"])
            hi = index.searchsorted(row["after_end"], side="right")
            one, two = matrix[lo:at].sum(axis=0), matrix[at:hi].sum(axis=0)
        else:
            lo = index.searchsorted(row["start"])
            hi = index.searchsorted(row["end"], side="right")
            width = hi - lo
            # the run-up of the same length, or the aftermath when the burst opens the series
            side = matrix[max(lo - width, 0):lo] if lo > 0 else matrix[hi:hi + width]
            one, two = side.sum(axis=0), matrix[lo:hi].sum(axis=0)
        if one.sum() == 0 or two.sum() == 0:
            continue
        shift = 0.5 * float(np.abs(one / one.sum() - two / two.sum()).sum())
        used = (one + two) > 0
        if used.sum() < 2:
            continue
        p = float(stats.chi2_contingency(np.vstack([one[used], two[used]]))[1])
        out.loc[i, ["source_shift", "source_p"]] = [shift, p]
        if p < alpha and shift >= min_shift:
            out.loc[i, "source_warning"] = True
            when = row["period"] if "period" in out.columns else f"{row['start']}-{row['end']}"
            logger.warning("%s at %s coincides with a change in the mix of %s (total "
                           "variation %.2f, chi-square p = %.2g): it may reflect what was "
                           "published rather than what was said", row["series"], when, by,
                           shift, p)
    return out
