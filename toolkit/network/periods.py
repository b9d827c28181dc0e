"""Count co-occurrences within each calendar period: one Edges table per year, decade, ..."""

from __future__ import annotations

import logging

import pandas as pd

from toolkit._core import check_choice, check_int
from toolkit._core.calendar import period_index
from toolkit.network.association import _empty_edges
from toolkit.network.counts import (
    _CORRECTIONS,
    _LEVELS,
    UNIT_COLUMNS,
    Correction,
    Level,
    Unit,
    _check_mentions,
    cooccurrence,
    count_units,
)
from toolkit.schemas import validate_corpus

logger = logging.getLogger(__name__)

__all__ = ["cooccurrence_by_period"]


def cooccurrence_by_period(
    mentions: pd.DataFrame,
    corpus: pd.DataFrame,
    *,
    freq: str = "Y",
    unit: Unit = "sentence",
    level: Level = "actor",
    min_count: int = 1,
    correction: Correction | None = "bh",
    units: pd.Series | None = None,
    venues: bool = False,
) -> pd.DataFrame:
    """Compute :func:`~toolkit.network.cooccurrence` separately within each calendar period.

    Each period's ``n`` counts all its units (mentioning an actor or not) and the
    correction runs within the period. Documents without a date are dropped (logged).

    Parameters
    ----------
    mentions
        A Mentions table.
    corpus
        The Corpus table the mentions come from (its ``date`` places each document).
    freq
        A calendar frequency in the grammar of every stage
        (:func:`toolkit._core.calendar.normalize_freq`): ``"Y"`` (default), ``"Q"``,
        ``"M"``, ``"W"``, ``"D"``, or multiples such as ``"10Y"`` (decades).
    unit, level, min_count, correction, venues
        As in :func:`~toolkit.network.cooccurrence` (places found by the venue rule are
        left out unless ``venues=True``).
    units
        Unit counts per ``doc_id`` from :func:`~toolkit.network.count_units` (computed
        when not given).

    Returns
    -------
    pandas.DataFrame
        A ``period`` column (pandas Period) followed by the Edges table columns, sorted
        by period, then as in :func:`~toolkit.network.cooccurrence`. Periods without any
        pair have no rows.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> c = from_frame(pd.DataFrame({"doc_id": ["d1", "d2"], "date": ["2001-05-01", "2002-05-01"],
    ...                              "text": ["Iran and Russia. Iran.", "Iran and Russia."]}))
    >>> m = pd.DataFrame({"doc_id": ["d1", "d1", "d1", "d2", "d2"],
    ...                   "sentence": [0, 0, 1, 0, 0],
    ...                   "actor": ["IRN", "RUS", "IRN", "IRN", "RUS"]})
    >>> cooccurrence_by_period(m, c)[["period", "a", "b", "n_ab", "n_a", "n"]]
      period    a    b  n_ab  n_a  n
    0   2001  IRN  RUS     1    2  2
    1   2002  IRN  RUS     1    1  1
    """
    validate_corpus(corpus)
    check_choice("unit", unit, UNIT_COLUMNS)
    check_choice("level", level, _LEVELS)
    check_choice("correction", correction, _CORRECTIONS)
    _check_mentions(mentions, unit, level)
    check_int("min_count", min_count, minimum=1)
    periods = period_index(corpus["date"], freq=freq)
    if units is None:
        units = count_units(corpus, unit=unit)
    undated = int(periods.isna().sum())
    if undated:
        logger.info("cooccurrence_by_period: dropped %d undated documents", undated)
    doc_period = pd.Series(periods.array, index=corpus["doc_id"].astype(str))
    doc_period = doc_period[doc_period.notna()]
    if doc_period.empty:
        raise ValueError(f"cooccurrence_by_period: none of the {len(corpus)} documents has a "
                         "date, so there is no period to count in; use cooccurrence() for "
                         "the corpus as a whole")
    n_by_period = units.reindex(doc_period.index).fillna(0).groupby(doc_period).sum()
    mention_period = mentions["doc_id"].astype(str).map(doc_period)
    frames = []
    for period, group in mentions.groupby(mention_period.to_numpy(), sort=True):
        edges = cooccurrence(group, unit=unit, level=level, n=int(n_by_period[period]),
                             min_count=min_count, correction=correction, venues=venues)
        if len(edges):
            edges.insert(0, "period", pd.Series([period] * len(edges), dtype=periods.dtype))
            frames.append(edges)
    if not frames:
        out = _empty_edges()
        out.insert(0, "period", pd.Series(dtype=periods.dtype))
        return out
    out = pd.concat(frames, ignore_index=True)
    out.attrs = {"unit": unit, "level": level, "freq": freq, "correction": correction,
                 "venues": venues}
    return out
