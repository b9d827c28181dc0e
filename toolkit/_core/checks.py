"""Argument checks with one wording: TypeError for a wrong type, ValueError for a wrong value.

Every message names the argument, repeats the value and says what is valid, so a
researcher can fix a call without reading the source::

    n_jobs=0 is invalid; must be an integer >= 1
    num_topics='20' has the wrong type str; must be an integer
    unit='page' is invalid; must be one of 'sentence', 'document'
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["check_choice", "check_columns", "check_int", "check_number", "check_type"]


def check_choice(name: str, value: Any, choices: Iterable[Any]) -> None:
    """Raise a ``ValueError`` naming the argument when ``value`` is not one of ``choices``.

    Examples
    --------
    >>> check_choice("unit", "sentence", ["sentence", "document"])
    >>> check_choice("unit", "page", ["sentence", "document"])
    Traceback (most recent call last):
    ...
    ValueError: unit='page' is invalid; must be one of 'sentence', 'document'
    """
    choices = list(choices)
    try:
        ok = value in choices
    except TypeError:  # unhashable or incomparable values are not among the choices
        ok = False
    if not ok:
        allowed = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name}={value!r} is invalid; must be one of {allowed}")


def check_type(name: str, value: Any, types: type | tuple[type, ...], what: str) -> None:
    """Raise a ``TypeError`` naming the argument when ``value`` is not an instance of ``types``.

    ``what`` says in words what is valid ("a string", "a DataFrame").

    Examples
    --------
    >>> check_type("freq", "Y", str, "a string")
    >>> check_type("freq", 1, str, "a pandas offset alias string such as 'Y'")
    Traceback (most recent call last):
    ...
    TypeError: freq=1 has the wrong type int; must be a pandas offset alias string such as 'Y'
    """
    if not isinstance(value, types):
        raise TypeError(f"{name}={_short(value)} has the wrong type {type(value).__name__}; "
                        f"must be {what}")


def check_int(name: str, value: Any, *, minimum: int | None = None, maximum: int | None = None,
              allow_none: bool = False) -> None:
    """Check that ``value`` is an integer (not a bool) within ``[minimum, maximum]``.

    Examples
    --------
    >>> check_int("n", 3, minimum=1)
    >>> check_int("n", 0, minimum=1)
    Traceback (most recent call last):
    ...
    ValueError: n=0 is invalid; must be an integer >= 1
    >>> check_int("n", 2.0, minimum=1)
    Traceback (most recent call last):
    ...
    TypeError: n=2.0 has the wrong type float; must be an integer >= 1
    """
    if value is None and allow_none:
        return
    what = "an integer" + _bounds(minimum, maximum) + (" or None" if allow_none else "")
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Integral, np.integer)):
        raise TypeError(f"{name}={_short(value)} has the wrong type {type(value).__name__}; "
                        f"must be {what}")
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise ValueError(f"{name}={value!r} is invalid; must be {what}")


def check_number(name: str, value: Any, *, minimum: float | None = None,
                 maximum: float | None = None, inclusive: bool | tuple[bool, bool] = True,
                 allow_none: bool = False) -> None:
    """Check that ``value`` is a real number within the bounds.

    ``inclusive`` says whether the bounds belong to the valid range: one bool for both, or
    ``(lower, upper)``, e.g. ``(False, True)`` for a share in (0, 1].

    Examples
    --------
    >>> check_number("alpha", 0.05, minimum=0, maximum=1)
    >>> check_number("alpha", 2, minimum=0, maximum=1)
    Traceback (most recent call last):
    ...
    ValueError: alpha=2 is invalid; must be a number >= 0 and <= 1
    >>> check_number("no_above", 0, minimum=0, maximum=1, inclusive=(False, True))
    Traceback (most recent call last):
    ...
    ValueError: no_above=0 is invalid; must be a number > 0 and <= 1
    """
    if value is None and allow_none:
        return
    low_in, high_in = (inclusive, inclusive) if isinstance(inclusive, bool) else inclusive
    what = "a number" + _bounds(minimum, maximum, (low_in, high_in)) \
        + (" or None" if allow_none else "")
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Real, np.number)):
        raise TypeError(f"{name}={_short(value)} has the wrong type {type(value).__name__}; "
                        f"must be {what}")
    low_bad = minimum is not None and (value < minimum if low_in else value <= minimum)
    high_bad = maximum is not None and (value > maximum if high_in else value >= maximum)
    if low_bad or high_bad or value != value:  # NaN is never valid
        raise ValueError(f"{name}={value!r} is invalid; must be {what}")


def check_columns(table: Any, columns: Sequence[str], *, name: str, expected: str) -> None:
    """Check that ``table`` is a DataFrame holding ``columns``.

    ``expected`` names the table and where it comes from ("a Mentions table from
    toolkit.actors.find_mentions").

    Examples
    --------
    >>> check_columns(pd.DataFrame({"a": [1]}), ["a"], name="edges", expected="an Edges table")
    >>> check_columns(pd.DataFrame({"a": [1]}), ["a", "b"], name="edges", expected="an Edges table")
    Traceback (most recent call last):
    ...
    ValueError: edges is missing columns ['b'] (found ['a']); expected an Edges table
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"{name} has the wrong type {type(table).__name__}; must be {expected} "
                        "(a pandas DataFrame)")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        found = [str(c) for c in table.columns][:20]
        raise ValueError(f"{name} is missing columns {missing} (found {found}); expected {expected}")


def _bounds(minimum: float | None, maximum: float | None,
            inclusive: bool | tuple[bool, bool] = True) -> str:
    low_in, high_in = (inclusive, inclusive) if isinstance(inclusive, bool) else inclusive
    parts = []
    if minimum is not None:
        parts.append(f" {'>=' if low_in else '>'} {minimum}")
    if maximum is not None:
        parts.append(f" {'<=' if high_in else '<'} {maximum}")
    return " and".join(parts)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
