"""Put dates on a calendar: the one ``freq`` grammar, period ordinals, gap-free ranges, bins.

Every series of the toolkit is indexed by a gap-free :class:`pandas.PeriodIndex`: a period
with no documents is a row of zeros, never a missing row, so a plot cannot hide a quiet year.

**The freq grammar** (:func:`normalize_freq`, used by every stage): ``"D"``, ``"W"`` (weeks
ending Sunday), ``"M"``, ``"Q"``, ``"Y"``; the ``resample`` spellings ``"ME"``, ``"MS"``,
``"QE"``, ``"QS"``, ``"YE"``, ``"YS"``, ``"A"`` (same periods); anchored ``"W-MON"``,
``"Q-JUN"``, ``"Y-JUN"``; and multiples (``"5Y"``, ``"5YE"``, ``"10Y"``, ``"2Q"``, ``"3M"``).

**Multi-period bins are anchored on the epoch, never on the data**: bin ``k`` of ``"5Y"``
holds the years 1970 + [5k, 5k + 4] (1990-1994, 1995-1999); ``"10Y"`` bins are decades,
``"3M"`` calendar quarters, ``"2W"`` pairs of weeks counted from the week of 22 December
1969. So two corpora, or a corpus and its slice, always share their bins. A bin is a
:class:`pandas.Period` of the multiple frequency labelled by its first period
(``Period('1990', '5Y-DEC')`` spans 1990-1994 from ``start_time`` to ``end_time``);
:func:`period_labels` spells it out (``'1990/1994'``).

Dates become period *ordinals* (the integers behind a ``PeriodIndex``) by datetime64
arithmetic, counted by :func:`numpy.bincount`: 50-100x faster than ``pd.Grouper`` or
``resample`` (``bench/timeline.py``); a multiple costs one floor division more.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from toolkit._core.checks import check_type

logger = logging.getLogger(__name__)

__all__ = ["FREQS", "NAT_ORDINAL", "bin_counts", "factorize", "normalize_freq", "period_index",
           "period_labels", "period_ordinals", "period_positions", "period_range", "split_freq"]

#: The base frequencies: day, week (ending Sunday), month, quarter, year (see the grammar).
FREQS = ("D", "W", "M", "Q", "Y")
#: The ordinal of a missing date (what :func:`period_ordinals` gives for ``NaT``).
NAT_ORDINAL = np.iinfo(np.int64).min
_SPELLINGS = {"D": "D", "W": "W", "M": "M", "ME": "M", "MS": "M", "Q": "Q", "QE": "Q",
              "QS": "Q", "Y": "Y", "YE": "Y", "YS": "Y", "A": "Y", "AS": "Y"}
_ANCHORED = {"W": "W", "Q": "Q", "QE": "Q", "Y": "Y", "YE": "Y", "A": "Y"}  # may take an anchor
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_ANCHORS = {"W": ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"), "Q": _MONTHS, "Y": _MONTHS}
_FREQ = re.compile(r"(\d*)([A-Z]+)(?:-([A-Z]+))?")
_VALID = ("'D', 'W', 'M', 'Q', 'Y' (or their resample spellings 'ME', 'MS', 'QE', 'QS', 'YE', "
          "'YS', 'A'), optionally with a multiple ('5Y', '3M', '2W') or, for W, Q and Y, an "
          "anchor ('W-MON', 'Q-JUN', 'Y-JUN')")
_NS_PER_DAY = 86_400 * 10**9
_MAX_TABLE_DAYS = 5_000_000  # ~13,700 years of days in the lookup table


def split_freq(freq: str) -> tuple[int, str]:
    """Return the multiple and the base period frequency of ``freq`` (grammar: module doc).

    The base is one of :data:`FREQS` or an anchored ``"W-MON"``, ``"Q-JUN"``, ``"Y-JUN"``
    (the default anchors ``W-SUN``, ``Q-DEC``, ``Y-DEC`` are dropped).

    Examples
    --------
    >>> split_freq("5YE"), split_freq("M"), split_freq("2W-MON"), split_freq("Y-DEC")
    ((5, 'Y'), (1, 'M'), (2, 'W-MON'), (1, 'Y'))
    >>> split_freq("fortnight")
    Traceback (most recent call last):
    ...
    ValueError: freq='fortnight' is invalid; must be one of 'D', 'W', 'M', 'Q', 'Y' (or their resample spellings 'ME', 'MS', 'QE', 'QS', 'YE', 'YS', 'A'), optionally with a multiple ('5Y', '3M', '2W') or, for W, Q and Y, an anchor ('W-MON', 'Q-JUN', 'Y-JUN')
    """
    check_type("freq", freq, str, "a pandas offset alias string such as 'Y'")
    match = _FREQ.fullmatch(freq.strip().upper())
    if match is not None:
        digits, spelling, anchor = match.groups()
        n = int(digits) if digits else 1
        base = _SPELLINGS.get(spelling) if anchor is None else _ANCHORED.get(spelling)
        if anchor is not None and base is not None:  # the last anchor is the default
            names = _ANCHORS[base]
            base = (base if anchor == names[-1] else f"{base}-{anchor}") if anchor in names else None
        if base is not None and n >= 1:
            return n, base
    raise ValueError(f"freq={freq!r} is invalid; must be one of {_VALID}")


def normalize_freq(freq: str) -> str:
    """Return the canonical period frequency of ``freq``, or raise naming what is valid.

    The one ``freq`` grammar of the toolkit (module docstring); the result is what
    :class:`pandas.PeriodIndex` takes, and ``normalize_freq(index.freqstr)`` gives it back.

    Examples
    --------
    >>> [normalize_freq(f) for f in ["YE", "M", "W-MON", "5YE", "10Y", "3ME", "5Y-DEC"]]
    ['Y', 'M', 'W-MON', '5Y', '10Y', '3M', '5Y']
    """
    n, base = split_freq(freq)
    return base if n == 1 else f"{n}{base}"


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
    """Return the period ordinal of every date (:data:`NAT_ORDINAL` for a missing date).

    Parameters
    ----------
    dates
        Anything :func:`pandas.to_datetime` reads. Tz-naive dates are taken as UTC (the
        Corpus table convention); tz-aware dates are converted.
    freq
        A frequency of the grammar of :func:`normalize_freq`. With a multiple, every date
        gets the ordinal of the first period of its bin (a multiple of the multiple, so
        bins are anchored on the epoch: ``"5Y"`` puts 1992 in 1990-1994).
    tz
        Bin by the wall clock of this time zone (e.g. ``"Asia/Tokyo"``) instead of UTC:
        a story published on 2 January 01:00 in Tokyo is a 1 January story in UTC.

    Examples
    --------
    >>> o = period_ordinals(["2001-09-11", "2001-12-31 23:30", None], freq="Y")
    >>> o[:2].tolist(), bool(o[2] == NAT_ORDINAL)
    ([31, 31], True)
    >>> period_ordinals(["2001-12-31 23:30"], freq="Y", tz="Asia/Tokyo").tolist()
    [32]
    >>> period_ordinals(["1992-06-01", "1999-12-31", "1969-01-01"], freq="5Y").tolist()
    [20, 25, -5]
    """
    n, freq = split_freq(freq)
    values = _as_datetime64(dates, tz)
    nat = np.isnat(values)
    # whole days first (integer floor division is cheap); then one small lookup table over
    # the range of days replaces numpy's slow per-element calendar arithmetic
    days = values.view(np.int64) // _NS_PER_DAY
    if freq in ("D", "W"):
        # W-SUN: 1969-12-29 (day -3, a Monday) starts week 1
        out = days if freq == "D" else (days + 3) // 7 + 1
    else:
        known = days[~nat]
        lo, hi = (int(known.min()), int(known.max())) if known.size else (0, 0)
        if hi - lo > _MAX_TABLE_DAYS:
            out = pd.PeriodIndex(pd.DatetimeIndex(values), freq=freq).asi8
        else:
            span = np.arange(lo, hi + 1).astype("datetime64[D]")
            if freq in ("M", "Q", "Y"):
                table = span.astype(f"datetime64[{'Y' if freq == 'Y' else 'M'}]").view(np.int64)
                table = table // 3 if freq == "Q" else table
            else:  # anchored frequencies: let pandas do it, once per distinct day
                table = pd.PeriodIndex(pd.DatetimeIndex(span), freq=freq).asi8
            out = table[np.clip(days - lo, 0, hi - lo)]
    out = np.asarray(out, dtype=np.int64).copy()
    if n > 1:
        out //= n
        out *= n
    out[nat] = NAT_ORDINAL
    return out


def period_index(dates: pd.Series | pd.Index | np.ndarray | Sequence, *, freq: str = "Y",
                 tz: str | None = None) -> pd.PeriodIndex:
    """Return the calendar period of every date as a PeriodIndex (``NaT`` for a missing date).

    How every stage puts dates on the calendar: the bins of :func:`period_ordinals`.

    Examples
    --------
    >>> p = period_index(["2001-09-11", None], freq="Q")
    >>> str(p[0]), p.isna().tolist()
    ('2001Q3', [False, True])
    >>> p = period_index(["1992-06-01", "1999-12-31"], freq="5Y")
    >>> p.astype(str).tolist(), p.freqstr, str(p[0].end_time.date())
    (['1990', '1995'], '5Y-DEC', '1994-12-31')
    """
    freq = normalize_freq(freq)
    return pd.PeriodIndex.from_ordinals(period_ordinals(dates, freq=freq, tz=tz), freq=freq)


def period_range(start: str | pd.Timestamp | pd.Period | None,
                 end: str | pd.Timestamp | pd.Period | None, *, freq: str = "Y",
                 ordinals: np.ndarray | None = None) -> pd.PeriodIndex:
    """Return every period (or bin of a multiple frequency) from ``start`` to ``end``, inclusive.

    A missing bound is taken from the smallest / largest of ``ordinals`` (missing ones
    ignored); with neither the range is empty. ``"5Y"`` from ``"1992"`` starts at 1990-1994.

    Examples
    --------
    >>> period_range("2001", "2003", freq="Y").astype(str).tolist()
    ['2001', '2002', '2003']
    >>> period_range(None, None, freq="Q", ordinals=np.array([124, 126])).astype(str).tolist()
    ['2001Q1', '2001Q2', '2001Q3']
    >>> period_range("1992", "2004", freq="5Y").astype(str).tolist()
    ['1990', '1995', '2000']
    """
    n, base = split_freq(freq)
    freq = normalize_freq(freq)
    known = ordinals[ordinals != NAT_ORDINAL] if ordinals is not None else np.array([], np.int64)

    def bound(value, fallback, how):
        if value is None:
            return fallback
        if isinstance(value, pd.Period):
            return value.asfreq(base, how=how).ordinal // n * n
        return int(period_ordinals([pd.Timestamp(value)], freq=freq)[0])

    lo = bound(start, int(known.min()) // n * n if known.size else None, "start")
    hi = bound(end, int(known.max()) // n * n if known.size else None, "end")
    if lo is None or hi is None or hi < lo:
        return pd.PeriodIndex([], freq=freq, name="period")
    return pd.PeriodIndex.from_ordinals(np.arange(lo, hi + 1, n), freq=freq, name="period")


def period_positions(ordinals: np.ndarray, index: pd.PeriodIndex) -> np.ndarray:
    """Return the position in ``index`` of every ordinal (``-1`` when missing or outside).

    ``index``: a gap-free :func:`period_range`; ``ordinals``: :func:`period_ordinals`, same freq.

    Examples
    --------
    >>> index = period_range("1990", "1999", freq="5Y")
    >>> period_positions(period_ordinals(["1996", "1990", "2001", None], freq="5Y"), index)
    array([ 1,  0, -1, -1])
    """
    ords = np.asarray(ordinals, dtype=np.int64)
    if not len(index):
        return np.full(len(ords), -1, np.int64)
    pos = ords - index.asi8[0]  # wraps around for missing dates, which are masked below
    if index.freq.n > 1:
        pos //= index.freq.n
    pos[(ords == NAT_ORDINAL) | (pos < 0) | (pos >= len(index))] = -1
    return pos


def period_labels(index: pd.PeriodIndex) -> pd.Index:
    """Spell out the periods of ``index``: a bin of a multiple frequency as ``first/last``.

    Examples
    --------
    >>> period_labels(period_range("1990", "1999", freq="5Y")).tolist()
    ['1990/1994', '1995/1999']
    >>> period_labels(period_range("2001-01", "2001-04", freq="2M")).tolist()
    ['2001-01/2001-02', '2001-03/2001-04']
    """
    n, base = split_freq(index.freqstr)
    if n == 1:
        return pd.Index(index.astype(str), name=index.name)
    if base.startswith("W"):
        first = index.start_time.strftime("%Y-%m-%d")
        last = index.end_time.strftime("%Y-%m-%d")
    else:
        first = index.asfreq(base, how="start").astype(str)
        last = index.asfreq(base, how="end").astype(str)
    labels = [np.nan if nat else f"{a}/{b}" for a, b, nat in zip(first, last, index.isna())]
    return pd.Index(labels, name=index.name)


def bin_counts(dates: pd.Series | pd.Index | np.ndarray | Sequence, *, freq: str = "Y",
               keys: pd.Series | np.ndarray | Sequence | None = None,
               weights: np.ndarray | Sequence | None = None,
               start: str | pd.Timestamp | None = None, end: str | pd.Timestamp | None = None,
               tz: str | None = None) -> pd.DataFrame:
    """Count rows per calendar period (and per key), keeping empty periods as zero.

    The fast primitive under every series: ordinals and key codes, one :func:`numpy.bincount`.

    Parameters
    ----------
    dates, freq, tz
        As in :func:`period_ordinals`.
    keys
        Optional group of each row (an actor id, a source...): one column per key.
        Without keys the single column is ``"n"``. Rows without a key are not counted.
    weights
        Optional weight per row (counts are then sums of weights, as floats).
    start, end
        The calendar range (inclusive); default: the first and last dated row. Rows
        outside it are dropped and counted in ``attrs["outside_range"]``.

    Returns a DataFrame on a gap-free ``PeriodIndex`` named ``period``; ``attrs["undated"]``
    counts the rows without a date (logged, never silently dropped).

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
    undated = ords == NAT_ORDINAL
    pos = period_positions(ords, index)
    ok = (pos >= 0) & (codes >= 0)
    outside = int((~undated & (pos < 0)).sum())
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


# run-length encoding: tried on columns this long whose first rows come in runs, used when
# the runs are this long on average
_RUN_MIN_ROWS = 100_000
_RUN_PROBE_ROWS = 10_000
_RUN_MIN_LENGTH = 4


def _changes(array: Any) -> Any:
    """Arrow booleans: does row ``i + 1`` differ from row ``i``? (a null always differs)"""
    import pyarrow.compute as pc  # optional heavy dependency

    return pc.fill_null(pc.not_equal(array.slice(1), array.slice(0, len(array) - 1)), True)


def factorize(values: pd.Series | np.ndarray | Sequence) -> tuple[np.ndarray, np.ndarray]:
    """Return integer codes (``-1`` for missing) and the distinct values, fast for big columns.

    Categorical columns reuse their codes; Arrow strings (the pandas 3 default) are
    dictionary-encoded by Arrow (4x faster than :func:`pandas.factorize`), one run of equal
    values at a time when sorted (a Mentions ``doc_id``), twice as fast again.

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
