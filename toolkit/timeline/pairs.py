"""The co-occurrence of one pair of actors over time, in fixed or rolling windows."""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from toolkit._core import check_choice, check_int
from toolkit._core.calendar import normalize_freq
from toolkit.network import UNIT_COLUMNS, count_units
from toolkit.network import measures as association_measures
from toolkit.schemas import validate_mentions
from toolkit.timeline.binning import (
    DateBound,
    Level,
    PlacedDocuments,
    document_rows,
    place_documents,
)

__all__ = ["pair_series"]


def pair_series(
    mentions: pd.DataFrame,
    corpus: pd.DataFrame,
    a: str,
    b: str,
    *,
    freq: str = "Y",
    unit: Literal["sentence", "paragraph", "document"] = "sentence",
    level: Level = "actor",
    window: int = 1,
    units: pd.Series | None = None,
    start: DateBound = None,
    end: DateBound = None,
) -> pd.DataFrame:
    """Follow the co-occurrence of one pair of actors over time, in fixed or rolling windows.

    For each period the units (sentences, paragraphs or documents) of the window ending
    there are counted: ``n_ab`` mention both actors, ``n_a`` and ``n_b`` each, ``n`` is
    every unit of the window's documents. The association measures are those of
    :func:`toolkit.network.cooccurrence` (the same code computes them).

    Parameters
    ----------
    mentions, corpus
        The Mentions table and its Corpus table.
    a, b
        The two actor ids (ISO3 codes with ``level="country"``).
    freq, start, end
        As in :func:`attention`.
    unit
        What counts as together: ``"sentence"`` (default), ``"paragraph"``, ``"document"``.
    level
        ``"actor"`` or ``"country"``, as in :func:`toolkit.network.cooccurrence`.
    window
        Periods per window: 1 (default) gives fixed windows (each period on its own); ``w``
        gives rolling windows of the ``w`` periods ending at each period.
    units
        Units per document (:func:`toolkit.network.count_units`), to avoid recounting.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``period``: ``n_ab``, ``n_a``, ``n_b``, ``n`` and the measures
        ``expected``, ``jaccard``, ``pmi``, ``npmi``, ``g2``, ``p_value`` (NaN where
        undefined, e.g. ``npmi`` when ``n_ab = 0``).

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> c = from_frame(pd.DataFrame({"doc_id": ["d1", "d2"], "date": ["2001-05-01", "2002-05-01"],
    ...                              "text": ["Iran and Russia. Iran.", "Iran and Russia."]}))
    >>> m = pd.DataFrame({"doc_id": ["d1", "d1", "d1", "d2", "d2"], "sentence": [0, 0, 1, 0, 0],
    ...                   "actor": ["IRN", "RUS", "IRN", "IRN", "RUS"]})
    >>> pair_series(m, c, "RUS", "IRN", window=2)[["n_ab", "n_a", "n_b", "n"]]
            n_ab  n_a  n_b  n
    period
    2001       1    2    1  2
    2002       2    3    2  3
    """
    check_choice("unit", unit, list(UNIT_COLUMNS))
    check_choice("level", level, ["actor", "country"])
    check_int("window", window, minimum=1)
    column = "actor" if level == "actor" else "country"
    unit_col = UNIT_COLUMNS[unit]
    validate_mentions(mentions, ["doc_id", column] + ([unit_col] if unit_col else []))
    a, b = sorted((str(a), str(b)))
    if a == b:
        raise ValueError(f"a and b must be two different actors, got {a!r} twice")
    placed = place_documents(corpus, normalize_freq(freq), start, end, None, "pair_series")
    n_per = len(placed.index)
    if units is None:
        units = count_units(corpus, unit=unit)
    unit_n = units.reindex(corpus["doc_id"].astype(str)).fillna(0).to_numpy()
    ok = placed.pos >= 0
    counts = _pair_counts(mentions, corpus, placed, a, b, column, unit_col)
    counts["n"] = np.bincount(placed.pos[ok], weights=unit_n[ok], minlength=n_per)
    if window > 1:
        kernel = np.ones(window)
        counts = {k: np.convolve(v, kernel)[:n_per] for k, v in counts.items()}
    out = pd.DataFrame({k: v.round().astype(np.int64) for k, v in counts.items()},
                       index=placed.index)
    with np.errstate(divide="ignore", invalid="ignore"):
        n_safe = np.maximum(out["n"].to_numpy(), 1)
        measures = association_measures(out["n_ab"].to_numpy(), out["n_a"].to_numpy(),
                                         out["n_b"].to_numpy(), n_safe)
    undefined = (out["n_a"].to_numpy() == 0) | (out["n_b"].to_numpy() == 0)
    for k, v in measures.items():
        out[k] = np.where(undefined, np.nan, np.asarray(v, dtype=float))
    out.attrs = {"freq": placed.index.freqstr, "a": a, "b": b, "unit": unit,
                 "window": int(window), "undated_documents": placed.undated}
    return out


def _pair_counts(mentions: pd.DataFrame, corpus: pd.DataFrame, placed: PlacedDocuments,
                 a: str, b: str, column: str, unit_col: str | None) -> dict[str, np.ndarray]:
    """Units per period that mention both actors (``n_ab``), ``a`` (``n_a``) and ``b`` (``n_b``)."""
    n_per = len(placed.index)
    sub = mentions.loc[mentions[column].astype(str).isin([a, b])]
    doc = document_rows(sub["doc_id"], corpus)
    u = sub[unit_col].to_numpy(np.int64) if unit_col else np.zeros(len(sub), np.int64)
    pairs = pd.DataFrame({"doc": doc, "u": u, "is_a": (sub[column].astype(str) == a).to_numpy()})
    pairs = pairs[pairs["doc"] < len(corpus)].drop_duplicates()
    per_unit = pairs.groupby(["doc", "u"])["is_a"].agg(["any", "all", "size"])
    has_a = per_unit["any"].to_numpy()
    has_b = ~per_unit["all"].to_numpy()
    upos = placed.pos[per_unit.index.get_level_values("doc").to_numpy()]
    keep = upos >= 0
    return {
        "n_ab": np.bincount(upos[keep], weights=(has_a & has_b)[keep], minlength=n_per),
        "n_a": np.bincount(upos[keep], weights=has_a[keep], minlength=n_per),
        "n_b": np.bincount(upos[keep], weights=has_b[keep], minlength=n_per),
    }
