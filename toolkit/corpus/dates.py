"""Dates of a corpus: one reading of a date column, and date-range bounds that mean years.

A date column is read as ISO 8601 by default (``2015-09-28``, ``2015-09-28T10:00Z``,
``2015-09``, ``2015``) or as any unambiguous spelled-out date (``28 September 2015``,
``Sep 28, 2015``, RFC 2822 mail dates). Numeric dates with the day and the month in
either order (``28/09/2015``, ``09/28/2015``, ``5.10.2015``) are read only when the order
is certain:

* ``dayfirst=None`` (the default): a value whose first or second number is above 12 says
  the order for itself; a value such as ``05/10/2015``, which reads both ways, is an
  error naming the file, line and value (with the order the column's other values
  suggest), and so is a column that mixes both orders;
* ``dayfirst=True`` (day/month/year) or ``False`` (month/day/year): the researcher's
  order, and a value that contradicts it (``09/28/2015`` with ``dayfirst=True``) is an
  error naming it.

Dates outside what pandas holds at nanosecond precision (:data:`DATE_RANGE`: 1677-09-22
to 2262-04-11) are an error naming the file, line and value (``date_errors="coerce"``:
kept without a date and counted), never a traceback from deep inside pandas.

:func:`date_bound` reads the ``start``/``end`` of a date range: an integer or a four-digit
string is a year (``start=2000, end=2012`` keeps 2000-01-01 to 2012-12-31), a shorter
date means its whole period at the end (``end="2012-06"``: to 30 June).
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

import numpy as np
import pandas as pd

from toolkit._core.checks import check_type
from toolkit.corpus.read import _Report
from toolkit.schemas import DATE_DTYPE, CorpusError

__all__ = ["DATE_RANGE", "date_bound", "out_of_range_message", "parse_date_column"]

#: The first and last days pandas holds at nanosecond precision (the Corpus date dtype).
DATE_RANGE = (pd.Timestamp("1677-09-22"), pd.Timestamp("2262-04-11"))
_LIMITS = (pd.Timestamp.min, pd.Timestamp.max)
_NUMERIC = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})((?:[ T].*)?)$")
_YEAR = re.compile(r"^\s*(\d{4,})(?:$|[-/ T])")
_BOUND_TYPES = (int, np.integer, str, pd.Timestamp, _dt.date, np.datetime64, type(None))


def out_of_range_message(value: Any) -> str:
    """Say why ``value`` is not a date the corpus can hold (for error messages).

    Examples
    --------
    >>> out_of_range_message("1600-01-01")
    "date '1600-01-01' is outside the dates pandas holds (1677-09-22 to 2262-04-11)"
    """
    return (f"date {value!r} is outside the dates pandas holds ({DATE_RANGE[0]:%Y-%m-%d} to "
            f"{DATE_RANGE[1]:%Y-%m-%d})")


def _year_outside(text: Any) -> bool:
    """Whether a date string that pandas could not read starts with a year out of range."""
    match = _YEAR.match(str(text)) if isinstance(text, str) else None
    return bool(match) and not (1677 <= int(match.group(1)) <= 2262)


def _period_edge(period: pd.Period, end: bool) -> pd.Timestamp:
    """The first instant of a period, or its last nanosecond."""
    if not end:
        return period.start_time.as_unit("ns")
    return (period + 1).start_time.as_unit("ns") - pd.Timedelta(1, unit="ns")


def date_bound(value: Any, name: str, *, end: bool = False) -> pd.Timestamp | None:
    """Return the first (or, with ``end``, the last) instant a date-range bound means.

    Parameters
    ----------
    value
        ``None``; a year (``2000`` or ``"2000"``); a date string (``"2000-06"``,
        ``"2000-06-30"``); a ``Timestamp``, ``datetime``, ``date`` or ``numpy.datetime64``.
    name
        The argument's name, for messages.
    end
        The end of the range: a year or month means its last instant.

    Raises
    ------
    TypeError
        ``value`` is of another type (a float, a bool).
    ValueError
        ``value`` is not a date, or lies outside :data:`DATE_RANGE`.

    Examples
    --------
    >>> date_bound(2000, "start"), date_bound(2012, "end", end=True)
    (Timestamp('2000-01-01 00:00:00'), Timestamp('2012-12-31 23:59:59.999999999'))
    >>> date_bound("2012-06", "end", end=True)
    Timestamp('2012-06-30 23:59:59.999999999')
    >>> date_bound(1600, "start")
    Traceback (most recent call last):
    ...
    ValueError: start=1600 is invalid; must be a year from 1678 to 2261 or a date within 1677-09-22 to 2262-04-11
    """
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name}={value!r} has the wrong type bool; must be a year (2000), a "
                        "date string ('2000-06-30') or a Timestamp")
    check_type(name, value, _BOUND_TYPES,
               "a year (2000), a date string ('2000-06-30') or a Timestamp")
    invalid = (f"{name}={value!r} is invalid; must be a year from 1678 to 2261 or a date "
               f"within {DATE_RANGE[0]:%Y-%m-%d} to {DATE_RANGE[1]:%Y-%m-%d}")
    text = str(value).strip() if isinstance(value, (str, int, np.integer)) else None
    try:
        if text is not None and re.fullmatch(r"\d{1,4}", text):
            year = int(text)
            if not 1678 <= year <= 2261:
                raise ValueError(invalid)
            return _period_edge(pd.Period(year=year, freq="Y"), end)
        if text is not None:
            stamp = pd.Timestamp(text)
            bound = _period_edge(pd.Period(text), True) if end and len(text) < 10 else stamp
        else:
            bound = pd.Timestamp(value)
        if bound.tzinfo is not None:
            bound = bound.tz_convert("UTC").tz_localize(None)
        bound = bound.as_unit("ns")
    except (ValueError, OverflowError) as exc:  # OutOfBoundsDatetime is a ValueError
        if str(exc) == invalid:
            raise
        raise ValueError(invalid if text and _year_outside(text) else
                         f"{name}={value!r} is invalid; must be a year (2000) or a date "
                         "('2000-06-30', '2000-06')") from None
    return bound


def _order_day_month(text: pd.Series, values: pd.Series, label: str, rowname: str,
                     where: pd.Series, dayfirst: bool | None) -> pd.Series:
    """Rewrite numeric day/month dates as ISO, in the one order the column allows."""
    parts = text.str.extract(_NUMERIC)
    found = parts[0].notna()
    if not found.any():
        return text
    a = parts.loc[found, 0].astype(int)
    b = parts.loc[found, 2].astype(int)
    day_first, month_first = (a > 12) & (b <= 12), (b > 12) & (a <= 12)
    ambiguous = (a <= 12) & (b <= 12) & (a != b)

    def at(mask: pd.Series) -> str:
        i = mask.idxmax()
        return f"{values[i]!r} at {rowname} {where[i]}"

    if dayfirst is None:
        if day_first.any() and month_first.any():
            raise CorpusError(f"{label}: the date column mixes day/month/year "
                              f"({at(day_first)}) and month/day/year ({at(month_first)}); "
                              "fix the dates, or pass dayfirst=True or dayfirst=False and "
                              "correct the ones it rejects")
        if ambiguous.any():
            hint = ("; the column's other dates put the day first "
                    f"({at(day_first)}): pass dayfirst=True" if day_first.any() else
                    "; the column's other dates put the month first "
                    f"({at(month_first)}): pass dayfirst=False" if month_first.any() else
                    ": pass dayfirst=True (day/month/year) or dayfirst=False (month/day/year)")
            raise CorpusError(
                f"{label}: ambiguous date {at(ambiguous)}: day/month or month/day "
                f"({int(ambiguous.sum())} such date(s)){hint}; ISO dates (2015-10-05) are "
                "never ambiguous")
        first = a > 12
    else:
        contra = month_first if dayfirst else day_first
        if contra.any():
            order = "day/month/year" if dayfirst else "month/day/year"
            raise CorpusError(f"{label}: date {at(contra)} cannot be {order} "
                              f"(dayfirst={dayfirst}); fix it or the dayfirst= option")
        first = pd.Series(bool(dayfirst), index=a.index)
    day, month = a.where(first, b), b.where(first, a)
    year = parts.loc[found, 3].astype(int)
    short = parts.loc[found, 3].str.len() == 2
    year = year.where(~short, year + np.where(year < 69, 2000, 1900))  # as strptime's %y
    iso = (year.map("{:04d}".format) + "-" + month.map("{:02d}".format) + "-"
           + day.map("{:02d}".format) + parts.loc[found, 4].fillna(""))
    out = text.copy()
    out[found] = iso
    return out


def parse_date_column(values: pd.Series, *, label: str, rowname: str, where: pd.Series,
                      report: _Report, errors: str = "raise", fmt: str | None = None,
                      dayfirst: bool | None = None) -> pd.Series:
    """Read a column of dates into the Corpus date dtype (see the module notes).

    Raises
    ------
    CorpusError
        A date that cannot be read, is ambiguous, or lies outside :data:`DATE_RANGE`
        (file, line and value); with ``errors="coerce"`` unreadable and out-of-range dates
        become ``NaT`` and are counted instead (ambiguous ones still raise).
    """
    if pd.api.types.is_datetime64_any_dtype(values):
        parsed = values
        if getattr(parsed.dt, "tz", None) is not None:
            parsed = parsed.dt.tz_convert("UTC").dt.tz_localize(None)
        blank, bad = parsed.isna(), pd.Series(False, index=values.index)
    else:
        as_text = values.astype("string").str.strip()
        blank = as_text.isna() | (as_text == "")
        text = as_text.where(~blank)
        if fmt is not None:
            try:
                parsed = pd.to_datetime(text, errors="coerce", format=fmt, utc=True)
            except (ValueError, TypeError) as exc:
                raise CorpusError(f"{label}: cannot parse dates with format {fmt!r}: "
                                  f"{exc}") from None
        else:
            text = _order_day_month(text, values, label, rowname, where, dayfirst)
            parsed = pd.to_datetime(text, errors="coerce", format="ISO8601", utc=True)
            retry = parsed.isna() & text.notna()
            if retry.any():
                parsed = parsed.astype("datetime64[us, UTC]")
                parsed[retry] = pd.to_datetime(text[retry], errors="coerce", format="mixed",
                                               utc=True).astype("datetime64[us, UTC]")
        parsed = parsed.dt.tz_convert("UTC").dt.tz_localize(None)
        bad = parsed.isna() & ~blank
        report.add("missing_dates", int(blank.sum()))
    outside = parsed.notna() & ((parsed < _LIMITS[0]) | (parsed > _LIMITS[1]))
    outside |= bad & values.map(_year_outside).astype(bool)
    bad &= ~outside
    _raise_or_count(values, outside, bad, label, rowname, where, report, errors)
    return parsed.where(~outside).astype(DATE_DTYPE)


def _raise_or_count(values: pd.Series, outside: pd.Series, bad: pd.Series, label: str,
                    rowname: str, where: pd.Series, report: _Report, errors: str) -> None:
    for mask, key in ((outside, "dates_out_of_range_coerced"),
                      (bad, "unparseable_dates_coerced")):
        if not mask.any():
            continue
        first = mask.idxmax()
        if errors == "raise":
            what = out_of_range_message(values[first]) if key.startswith("dates_out") \
                else f"cannot parse date {values[first]!r}"
            raise CorpusError(
                f"{label}: {what} at {rowname} {where[first]} ({int(mask.sum())} such "
                "date(s) in all); fix it or pass date_errors='coerce' to keep such rows "
                "without a date")
        report.add(key, int(mask.sum()), example=f"{values[first]!r} at {rowname} {where[first]}")
