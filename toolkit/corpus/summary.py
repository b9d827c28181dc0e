"""Describe a corpus as tables: volume over time, sources, lengths, gaps, duplicates."""

from __future__ import annotations

import pandas as pd

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
        Calendar period for the volume table (pandas offset alias: ``"D"``, ``"W"``,
        ``"M"``, ``"Q"``, ``"Y"``). Empty periods between the first and last date are
        kept, with zero documents, so gaps in the collection stay visible.
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
    words = corpus["text"].str.count(r"\S+").astype("int64")
    dated = corpus["date"].notna()
    if dated.any():
        periods = corpus.loc[dated, "date"].dt.to_period(freq)
        full = pd.period_range(periods.min(), periods.max(), freq=periods.dt.freq, name="period")
        per = pd.DataFrame({"documents": 1, "words": words[dated]}).groupby(
            periods.rename("period")).sum().reindex(full, fill_value=0)
    else:
        per = pd.DataFrame({"documents": pd.Series(dtype="int64"),
                            "words": pd.Series(dtype="int64")},
                           index=pd.PeriodIndex([], freq=freq, name="period"))
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
