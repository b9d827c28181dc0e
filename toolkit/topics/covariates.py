"""Document covariates as regression columns: the spec grammar and natural cubic splines.

Used by :mod:`toolkit.topics.effects`, which documents the spec: terms joined by ``+``;
``s(col)`` / ``s(col, df)`` a natural cubic spline of a date or numeric column, a text,
boolean or category column categorical (one indicator per level but the first), another
numeric column linear (its coefficient per unit, counted from the smallest value). Dates
become decimal years (days since 1970 / 365.25 + 1970).
"""

from __future__ import annotations

import dataclasses
import logging
import re
from typing import Any, Literal

import numpy as np
import pandas as pd

from toolkit._core import check_choice, check_int, check_type

logger = logging.getLogger(__name__)

__all__ = ["Term", "design_matrix", "natural_spline", "parse_spec", "value_grid"]

_TERM = re.compile(r"^(?:s\(\s*(\w+)\s*(?:,\s*(?:df\s*=\s*)?(\d+)\s*)?\)|(\w+))$")
_EPOCH = pd.Timestamp("1970-01-01")


@dataclasses.dataclass(frozen=True)
class Term:
    """One term of a spec, fitted to the data it was read on (knots, levels, range).

    Examples
    --------
    >>> t = Term("party", "categorical", levels=("D", "R", "W"))
    >>> t.names(), t.columns(pd.Series(["R", "D"])).tolist()
    (['party[R]', 'party[W]'], [[1.0, 0.0], [0.0, 0.0]])
    """

    column: str
    kind: Literal["smooth", "categorical", "linear"]
    levels: tuple[Any, ...] = ()  # categorical: every level, the first is the reference
    knots: tuple[float, ...] = ()  # smooth: knots on the [0, 1] scale of the data range
    low: float = 0.0  # smooth, linear: the data range
    high: float = 1.0
    is_date: bool = False

    def names(self) -> list[str]:
        """Return the names of the term's design columns."""
        if self.kind == "categorical":
            return [f"{self.column}[{v}]" for v in self.levels[1:]]
        if self.kind == "linear":
            return [self.column]
        return [f"s({self.column})[{i}]" for i in range(1, len(self.knots))]

    def values(self, raw: pd.Series) -> np.ndarray:
        """Return the numbers of a date or numeric column (dates in decimal years)."""
        if self.is_date:
            return 1970 + ((raw - _EPOCH) / pd.Timedelta(days=1)).to_numpy(float) / 365.25
        return raw.to_numpy(float)

    def columns(self, raw: pd.Series) -> np.ndarray:
        """Return the term's design columns for the values ``raw`` (n x columns)."""
        if self.kind == "categorical":
            return np.column_stack([(raw == v).to_numpy(float) for v in self.levels[1:]])
        x = self.values(raw)
        if self.kind == "linear":  # from the smallest value: a well-conditioned intercept
            return (x - self.low)[:, None]
        return natural_spline((x - self.low) / (self.high - self.low), np.array(self.knots))


def natural_spline(x: np.ndarray, knots: np.ndarray) -> np.ndarray:
    """Return the natural cubic spline basis of ``x`` for ``knots``, without the constant.

    The truncated-power form of Hastie, Tibshirani & Friedman (*Elements of Statistical
    Learning*, eq. 5.4-5.5): ``x`` and K - 2 cubic terms for K knots; every combination
    is cubic between knots and linear beyond the boundary knots.

    Examples
    --------
    >>> b = natural_spline(np.linspace(0, 1, 5), np.array([0.0, 0.5, 1.0]))
    >>> b.shape, b[:, 0].tolist()
    ((5, 2), [0.0, 0.25, 0.5, 0.75, 1.0])
    """
    def d(k: int) -> np.ndarray:
        return (np.maximum(x - knots[k], 0) ** 3 - np.maximum(x - knots[-1], 0) ** 3) \
            / (knots[-1] - knots[k])
    return np.column_stack([x] + [d(k) - d(len(knots) - 2) for k in range(len(knots) - 2)])


def parse_spec(spec: str, frame: pd.DataFrame) -> list[Term]:
    """Read a spec such as ``"s(date, 5) + party"`` and fit its terms to ``frame``.

    Knots of ``s(col, df)`` are the ``df + 1`` quantiles of the column (fewer when values
    repeat, which is logged); ``df`` defaults to 5.

    Examples
    --------
    >>> frame = pd.DataFrame({"year": [2000, 2005, 2010, 2020], "party": list("DRDR")})
    >>> [(t.column, t.kind, t.names()) for t in parse_spec("~ s(year, 2) + party", frame)]
    [('year', 'smooth', ['s(year)[1]', 's(year)[2]']), ('party', 'categorical', ['party[R]'])]
    >>> parse_spec("log(year)", frame)
    Traceback (most recent call last):
    ...
    ValueError: spec='log(year)' is invalid: cannot read the term 'log(year)'; terms are a column name or s(column) or s(column, df)
    """
    check_type("spec", spec, str, "a formula's right-hand side such as 's(date, 5) + party'")
    terms = []
    for part in spec.strip().lstrip("~").split("+"):
        match = _TERM.match(part.strip())
        if match is None:
            raise ValueError(f"spec={spec!r} is invalid: cannot read the term {part.strip()!r}; "
                             "terms are a column name or s(column) or s(column, df)")
        smooth, df, plain = match.groups()
        column = smooth or plain
        check_choice("spec column", column, [c for c in frame.columns
                                             if c not in ("doc_id", "text")])
        terms.append(_fit_term(spec, frame[column], column, smooth is not None, df))
    return terms


def _fit_term(spec: str, raw: pd.Series, column: str, smooth: bool, df: str | None) -> Term:
    raw = raw.dropna()
    is_date = pd.api.types.is_datetime64_any_dtype(raw)
    numeric = is_date or (pd.api.types.is_numeric_dtype(raw)
                          and not pd.api.types.is_bool_dtype(raw))
    if smooth and not numeric:
        raise ValueError(f"spec={spec!r} is invalid: s({column}) needs a date or numeric "
                         f"column; {column} has dtype {raw.dtype}")
    if not numeric:  # '' is the Corpus table's "unknown"
        levels = tuple(sorted(pd.unique(raw[raw.astype(str).str.strip() != ""]), key=str))
        if len(levels) < 2:
            raise ValueError(f"spec={spec!r} is invalid: {column} has {len(levels)} value(s) "
                             f"{list(levels)}, so it has no effect to estimate")
        return Term(column, "categorical", levels=levels)
    x = Term(column, "linear", is_date=is_date).values(raw)
    low, high = (float(x.min()), float(x.max())) if len(x) else (0.0, 0.0)
    if high <= low:
        raise ValueError(f"spec={spec!r} is invalid: {column} takes one value only")
    if not smooth:
        return Term(column, "linear", low=low, high=high, is_date=is_date)
    dof = 5 if df is None else int(df)
    check_int(f"degrees of freedom of s({column})", dof, minimum=1, maximum=20)
    knots = np.unique(np.quantile((x - low) / (high - low), np.linspace(0, 1, dof + 1)))
    if len(knots) < dof + 1:
        logger.info("effects: s(%s, %d) has only %d distinct knots; %d degrees of freedom",
                    column, dof, len(knots), len(knots) - 1)
    return Term(column, "smooth", knots=tuple(float(k) for k in knots), low=low, high=high,
                is_date=is_date)


def design_matrix(terms: list[Term], frame: pd.DataFrame) -> np.ndarray:
    """Return the design matrix: a constant, then every term's columns in order.

    Examples
    --------
    >>> frame = pd.DataFrame({"x": [1.0, 2.0, 3.0], "g": ["a", "b", "a"]})
    >>> design_matrix(parse_spec("x + g", frame), frame).tolist()
    [[1.0, 0.0, 0.0], [1.0, 1.0, 1.0], [1.0, 2.0, 0.0]]
    """
    return np.column_stack([np.ones(len(frame))] + [t.columns(frame[t.column]) for t in terms])


def value_grid(term: Term, n: int) -> list[Any]:
    """Return ``n`` evenly spaced values over a numeric term's data range (dates as days).

    Examples
    --------
    >>> value_grid(Term("year", "linear", low=2000.0, high=2010.0), 3)
    [2000.0, 2005.0, 2010.0]
    """
    x = np.linspace(term.low, term.high, n)
    if term.is_date:
        return list((_EPOCH + pd.to_timedelta((x - 1970) * 365.25, unit="D")).round("D"))
    return [float(v) for v in x]
