"""Describe a corpus as tables: volume over time, sources, lengths, gaps, duplicates."""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit._core import check_type
from toolkit._core.calendar import period_index, period_range
from toolkit.corpus.duplicates import duplicate_clusters
from toolkit.schemas import validate_corpus

__all__ = ["summary"]


def summary(
    corpus: pd.DataFrame,
    *,
    freq: str = "Y",
    duplicates: bool = True,
    threshold: float = 0.8,
) -> dict[str, pd.DataFrame]:
    """Describe a corpus as tables: volume over time, sources, lengths, gaps, duplicates.

    Parameters
    ----------
    corpus
        A Corpus table.
    freq
        Calendar period for the volume table, in the toolkit's one ``freq`` grammar
        (:mod:`toolkit._core.calendar`): ``"D"``, ``"W"``, ``"M"``, ``"Q"``, ``"Y"``, their
        ``resample`` spellings (``"YE"``) and multiples (``"5Y"``: 1990-1994, 1995-1999,
        ...). Empty periods between the first and last date are kept, with zero
        documents, so gaps in the collection stay visible.
    duplicates
        Also find near-duplicate clusters (:func:`duplicate_clusters`; the slow part).
    threshold
        Similarity threshold for the duplicate clusters.

    Returns
    -------
    dict of str to pandas.DataFrame
        ``"periods"``: index ``period`` (PeriodIndex), columns ``documents``, ``words``;
        ``"sources"``: index ``source``, columns ``documents``, ``share``, ``first``,
        ``last``; ``"lengths"``: words per document (count, mean, std, min, quartiles,
        max) as one row; ``"missing"``: one row counting documents without a date,
        with empty titles and empty sources; ``"duplicates"``: the cluster table
        (empty when ``duplicates=False``).

    Examples
    --------
    >>> from toolkit.corpus import load
    >>> s = summary(load("sample"), duplicates=False)
    >>> s["periods"]
            documents  words
    period
    2015            1    ...
    >>> int(s["missing"].loc[0, "undated"])
    0
    """
    validate_corpus(corpus)
    check_type("duplicates", duplicates, bool, "True or False")
    words = corpus["text"].str.count(r"\S+").astype("int64")
    dated = corpus["date"].notna()
    per = _volume(corpus["date"], words, freq)
    src = corpus.groupby("source", sort=True).agg(
        documents=("doc_id", "size"), first=("date", "min"), last=("date", "max"))
    src.insert(1, "share", src["documents"] / max(len(corpus), 1))
    lengths = words.describe().to_frame("words").T.rename(index={"words": "words per document"})
    missing = pd.DataFrame({
        "documents": [len(corpus)],
        "undated": [int((~dated).sum())],
        "untitled": [int((corpus["title"].str.strip() == "").sum())],
        "no_source": [int((corpus["source"].str.strip() == "").sum())],
    })
    dups = (duplicate_clusters(corpus, threshold=threshold) if duplicates
            else pd.DataFrame(columns=["cluster", "canonical", "members", "size",
                                       "min_similarity"]))
    return {"periods": per, "sources": src, "lengths": lengths, "missing": missing,
            "duplicates": dups}


def _volume(dates: pd.Series, words: pd.Series, freq: str) -> pd.DataFrame:
    """Documents and words per calendar period, every period from the first to the last."""
    periods = period_index(dates, freq=freq)
    full = period_range(None, None, freq=freq, ordinals=periods.asi8)
    dated = ~periods.isna()
    counts = pd.DataFrame({"documents": np.ones(int(dated.sum()), dtype="int64"),
                           "words": words.to_numpy()[dated]})
    return counts.groupby(periods[dated].rename("period")).sum().reindex(full, fill_value=0)
