"""Put dates on a calendar: period ordinals, full period ranges and fast binned counts.

Every series in :mod:`toolkit.timeline` is indexed by a :class:`pandas.PeriodIndex` that runs
without gaps from the first to the last period: a period with no documents is a row of
zeros, never a missing row, so a plot cannot hide a quiet year.

Dates are turned into period *ordinals* (the integers behind a ``PeriodIndex``) with
datetime64 arithmetic for the calendar frequencies ``D``, ``W``, ``M``, ``Q`` and ``Y``,
and counted with :func:`numpy.bincount`; this is 50-100x faster than ``pd.Grouper`` or
``resample`` (see ``bench/timeline.py``).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

logger = logging.getLogger(__name__)

__all__ = ["FREQS", "NAT_ORDINAL", "bin_counts", "factorize", "normalize_freq", "period_index",
           "period_ordinals", "period_range"]

#: The calendar frequencies: day, week (ending Sunday), month, quarter, year. Anchored
#: variants that pandas knows (``"W-MON"``, ``"Q-JUN"``, ``"Y-JUN"``) work too, a bit slower.
FREQS = ("D", "W", "M", "Q", "Y")
# offset aliases that name the same calendar periods (``resample`` spellings)
_ALIASES = {"ME": "M", "MS": "M", "QE": "Q", "QS": "Q", "YE": "Y", "YS": "Y", "A": "Y",
            "AS": "Y", "W-SUN": "W", "Q-DEC": "Q", "Y-DEC": "Y", "1D": "D"}
#: The ordinal of a missing date (what :func:`period_ordinals` gives for ``NaT``).
NAT_ORDINAL = np.iinfo(np.int64).min
_NAT = NAT_ORDINAL
_NS_PER_DAY = 86_400 * 10**9
_MAX_TABLE_DAYS = 5_000_000  # ~13,700 years of days in the lookup table


def normalize_freq(freq: str) -> str:
    """Return the period frequency alias for ``freq``, or raise naming what is valid.

    Examples
    --------
    >>> normalize_freq("YE"), normalize_freq("M"), normalize_freq("W-MON")
    ('Y', 'M', 'W-MON')
    """
    if not isinstance(freq, str):
        raise TypeError(f"freq must be a pandas offset alias string such as 'Y', "
                        f"not {type(freq).__name__}")
    name = _ALIASES.get(freq.upper(), freq.upper())
    if name in FREQS:
        return name
    try:
        pd.Period("2000-01-01", freq=name)
    except (ValueError, TypeError):
        name = None
    if name is None or name[0] not in "DWMQY":
        valid = ", ".join(repr(f) for f in FREQS)
        raise ValueError(f"freq={freq!r} is invalid; must be one of {valid} "
                         "(or an anchored variant such as 'W-MON', 'Q-JUN')")
    return name


def _as_datetime64(dates: pd.Series | pd.Index | np.ndarray | Sequence, tz: str | None
                   ) -> np.ndarray:
    """Naive datetime64[ns] values in UTC, or in ``tz`` wall-clock time when given."""
    index = dates if isinstance(dates, pd.Index) else pd.Index(dates)
    if isinstance(index.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_dtype(index):
        values = pd.DatetimeIndex(index)
    else:
        # strings may carry different UTC offsets; naive ones are UTC by convention
        values = pd.DatetimeIndex(pd.to_datetime(index, format="mixed", utc=True))
    if values.tz is None and tz is not None:
        values = values.tz_localize("UTC")
    if values.tz is not None:
        values = values.tz_convert(tz or "UTC").tz_localize(None)
    return values.as_unit("ns").values


def period_ordinals(dates: pd.Series | pd.Index | np.ndarray | Sequence, *, freq: str = "Y",
                    tz: str | None = None) -> np.ndarray:
    """Return the period ordinal of every date (``-2**63`` for a missing date).

    Parameters
    ----------
    dates
        Anything :func:`pandas.to_datetime` reads. Tz-naive dates are taken as UTC (the
        Corpus table convention); tz-aware dates are converted.
    freq
        A calendar frequency, see :data:`FREQS`.
    tz
        Bin by the wall clock of this time zone (e.g. ``"Asia/Tokyo"``) instead of UTC:
        a story published on 2 January 01:00 in Tokyo is a 1 January story in UTC.

    Examples
    --------
    >>> o = period_ordinals(["2001-09-11", "2001-12-31 23:30", None], freq="Y")
    >>> o[:2].tolist(), bool(o[2] == np.iinfo(np.int64).min)
    ([31, 31], True)
    >>> period_ordinals(["2001-12-31 23:30"], freq="Y", tz="Asia/Tokyo").tolist()
    [32]
    """
    freq = normalize_freq(freq)
    values = _as_datetime64(dates, tz)
    nat = np.isnat(values)
    # whole days first (integer floor division is cheap); then one small lookup table over
    # the range of days replaces numpy's slow per-element calendar arithmetic
    days = values.view(np.int64) // _NS_PER_DAY
    if freq == "D":
        out = days
    elif freq == "W":
        # W-SUN: 1969-12-29 (day -3, a Monday) starts week 1
        out = (days + 3) // 7 + 1
    else:
        known = days[~nat]
        lo, hi = (int(known.min()), int(known.max())) if known.size else (0, 0)
        if hi - lo > _MAX_TABLE_DAYS:
            table_of = None
        else:
            span = np.arange(lo, hi + 1).astype("datetime64[D]")
            if freq in ("M", "Q", "Y"):
                table = span.astype("datetime64[Y]" if freq == "Y" else "datetime64[M]")
                table = table.astype(np.int64)
                table_of = table // 3 if freq == "Q" else table
            else:
                # anchored frequencies: let pandas do it, once per distinct day
                table_of = pd.PeriodIndex(pd.DatetimeIndex(span), freq=freq).asi8
        if table_of is None:
            out = pd.PeriodIndex(pd.DatetimeIndex(values), freq=freq).asi8
        else:
            out = table_of[np.clip(days - lo, 0, hi - lo)]
    out = np.asarray(out, dtype=np.int64).copy()
    out[nat] = _NAT
    return out


def period_index(dates: pd.Series | pd.Index | np.ndarray | Sequence, *, freq: str = "Y",
                 tz: str | None = None) -> pd.PeriodIndex:
    """Return the calendar period of every date as a PeriodIndex (``NaT`` for a missing date).

    This is how every stage puts dates on the calendar: the same ``freq`` grammar
    (:func:`normalize_freq`) and the same bins as :func:`period_ordinals`.

    Examples
    --------
    >>> p = period_index(["2001-09-11", None], freq="Q")
    >>> str(p[0]), p.isna().tolist()
    ('2001Q3', [False, True])
    """
    freq = normalize_freq(freq)
    return pd.PeriodIndex.from_ordinals(period_ordinals(dates, freq=freq, tz=tz), freq=freq)


def period_range(start: str | pd.Timestamp | pd.Period | None,
                 end: str | pd.Timestamp | pd.Period | None, *, freq: str = "Y",
                 ordinals: np.ndarray | None = None) -> pd.PeriodIndex:
    """Return every period from ``start`` to ``end``, inclusive, with no gaps.

    A missing bound is taken from the smallest / largest of ``ordinals`` (missing ones
    ignored). With neither a bound nor ordinals the range is empty.

    Examples
    --------
    >>> period_range("2001", "2003", freq="Y").astype(str).tolist()
    ['2001', '2002', '2003']
    >>> period_range(None, None, freq="Q", ordinals=np.array([124, 126])).astype(str).tolist()
    ['2001Q1', '2001Q2', '2001Q3']
    """
    freq = normalize_freq(freq)
    known = ordinals[ordinals != _NAT] if ordinals is not None else np.array([], np.int64)

    def bound(value, fallback):
        if value is None:
            return fallback
        if isinstance(value, pd.Period):
            return value.asfreq(freq).ordinal
        return int(period_ordinals([pd.Timestamp(value)], freq=freq)[0])

    lo = bound(start, int(known.min()) if known.size else None)
    hi = bound(end, int(known.max()) if known.size else None)
    if lo is None or hi is None or hi < lo:
        return pd.PeriodIndex([], freq=freq, name="period")
    return pd.PeriodIndex.from_ordinals(np.arange(lo, hi + 1), freq=freq, name="period")


def bin_counts(dates: pd.Series | pd.Index | np.ndarray | Sequence, *, freq: str = "Y",
               keys: pd.Series | np.ndarray | Sequence | None = None,
               weights: np.ndarray | Sequence | None = None,
               start: str | pd.Timestamp | None = None, end: str | pd.Timestamp | None = None,
               tz: str | None = None) -> pd.DataFrame:
    """Count rows per calendar period (and per key), keeping empty periods as zero.

    The fast primitive under every series: dates become period ordinals, keys become
    integer codes, and one :func:`numpy.bincount` does the counting.

    Parameters
    ----------
    dates
        One date per row (tz handling as in :func:`period_ordinals`).
    freq
        A calendar frequency, see :data:`FREQS`.
    keys
        Optional group of each row (an actor id, a source...): one column per key.
        Without keys the single column is ``"n"``.
    weights
        Optional weight per row (counts are then sums of weights, as floats).
    start, end
        The calendar range (inclusive); default: the first and last dated row. Rows
        outside it are dropped and counted in ``attrs["outside_range"]``.
    tz
        Time zone whose wall clock defines the periods (default UTC).

    Returns
    -------
    pandas.DataFrame
        Indexed by a gap-free ``PeriodIndex`` named ``period``; ``attrs["undated"]`` is
        the number of rows without a date (logged, never silently dropped).

    Examples
    --------
    >>> t = bin_counts(["2001-03-01", "2003-07-01", "2003-08-01", None],
    ...                keys=["IRQ", "IRQ", "USA", "USA"], freq="Y")
    >>> t
    key     IRQ  USA
    period
    2001      1    0
    2002      0    0
    2003      1    1
    >>> t.attrs["undated"]
    1
    """
    ords = period_ordinals(dates, freq=freq, tz=tz)
    index = period_range(start, end, freq=freq, ordinals=ords)
    n = len(ords)
    if keys is not None:
        codes, uniques = factorize(keys)
        if len(codes) != n:
            raise ValueError(f"keys has {len(codes)} rows but dates has {n}")
    else:
        codes, uniques = np.zeros(n, np.int64), np.array(["n"], dtype=object)
    if weights is not None:
        weights = np.asarray(weights, dtype=float)
        if len(weights) != n:
            raise ValueError(f"weights has {len(weights)} rows but dates has {n}")
    undated = ords == _NAT
    pos = ords - (index[0].ordinal if len(index) else 0)
    ok = ~undated & (pos >= 0) & (pos < len(index)) & (codes >= 0)
    outside = int((~undated & ~ok).sum())
    if undated.any():
        logger.info("bin_counts: %d of %d rows have no date and are not binned",
                    int(undated.sum()), n)
    if outside:
        logger.info("bin_counts: %d rows fall outside %s..%s and are not binned",
                    outside, index[0] if len(index) else None, index[-1] if len(index) else None)
    k = len(uniques)
    flat = pos[ok] * k + codes[ok]
    counts = np.bincount(flat, weights=None if weights is None else weights[ok],
                         minlength=len(index) * k)
    if weights is None:
        counts = counts.astype(np.int64)
    out = pd.DataFrame(counts.reshape(len(index), k), index=index,
                       columns=pd.Index(uniques, name="key" if keys is not None else None))
    if keys is not None:
        out = out.sort_index(axis=1)
    out.attrs = {"freq": index.freqstr, "undated": int(undated.sum()), "outside_range": outside}
    return out


#: run-length encoding is tried on string columns this long whose first rows come in runs,
#: and used when the runs are this long on average
_RUN_MIN_ROWS = 100_000
_RUN_PROBE_ROWS = 10_000
_RUN_MIN_LENGTH = 4


def _changes(array: Any) -> Any:
    """Arrow booleans, one per neighbour pair: does row ``i + 1`` differ from row ``i``?
    A null always differs."""
    import pyarrow.compute as pc

    return pc.fill_null(pc.not_equal(array.slice(1), array.slice(0, len(array) - 1)), True)


def factorize(values: pd.Series | np.ndarray | Sequence) -> tuple[np.ndarray, np.ndarray]:
    """Return integer codes (``-1`` for missing) and the distinct values, fast for big columns.

    Categorical columns reuse their codes; Arrow-backed strings (the pandas 3 default) are
    dictionary-encoded by Arrow, about 4x faster than :func:`pandas.factorize`. A string
    column stored in runs of equal values (the ``doc_id`` of a Mentions table, sorted by
    document) is encoded one run at a time, about twice as fast again; the result is the same.

    Examples
    --------
    >>> codes, uniques = factorize(["b", "a", "b", None])
    >>> codes.tolist(), list(uniques)
    ([0, 1, 0, -1], ['b', 'a'])
    """
    series = values if isinstance(values, pd.Series) else pd.Series(values)
    if isinstance(series.dtype, pd.CategoricalDtype):
        return (series.cat.codes.to_numpy(np.int64),
                np.asarray(series.cat.categories, dtype=object))
    arrow = getattr(series.array, "__arrow_array__", None)
    if arrow is not None and pd.api.types.is_string_dtype(series.dtype):
        import pyarrow as pa
        import pyarrow.compute as pc

        array = pa.chunked_array(arrow())
        flat = array.combine_chunks() if len(array) >= _RUN_MIN_ROWS else None
        # probe the first rows: a column in long runs (sorted) has few changes there
        if (flat is not None and pc.sum(_changes(flat[:_RUN_PROBE_ROWS]).cast("int64")).as_py()
                <= _RUN_PROBE_ROWS // 8):
            starts = np.flatnonzero(np.concatenate(
                [[True], _changes(flat).to_numpy(zero_copy_only=False)]))
            if len(starts) <= len(array) // _RUN_MIN_LENGTH:
                run_codes, uniques = factorize(pd.Series(
                    pd.array(flat.take(pa.array(starts)), dtype=series.dtype)))
                lengths = np.diff(np.append(starts, len(array)))
                return np.repeat(run_codes, lengths), uniques
        encoded = pc.dictionary_encode(array).combine_chunks()
        codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False)
        return codes.astype(np.int64), np.asarray(encoded.dictionary.to_pylist(), dtype=object)
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    return codes.astype(np.int64), np.asarray(uniques, dtype=object)
