"""Describe a corpus as tables: volume over time, sources, lengths, gaps, duplicates."""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit._core import DEFAULT_SEED, check_int, check_type
from toolkit._core.calendar import period_index, period_range
from toolkit.corpus.duplicates import duplicate_clusters
from toolkit.schemas import validate_corpus

__all__ = ["check_size", "summary"]


def summary(
    corpus: pd.DataFrame,
    *,
    freq: str = "Y",
    duplicates: bool = True,
    threshold: float = 0.8,
    seed: int = DEFAULT_SEED,
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
    seed
        Seed of the MinHash functions of the duplicate search: near the threshold, which
        pairs are found can depend on it (the same seed gives the same clusters).

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
    check_int("seed", seed)
    dups = (duplicate_clusters(corpus, threshold=threshold, seed=seed) if duplicates
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


def check_size(corpus: pd.DataFrame, *, minimum: int = 1, source: str | None = None) -> int:
    """Return the number of documents with text, or raise if there are fewer than ``minimum``.

    A notebook on an empty corpus (a filter by ``start``/``end`` that keeps nothing, a
    folder of empty files) would fail later with an error about periods or graphs; this
    stops first and says what the notebooks need.

    Parameters
    ----------
    corpus
        A Corpus table.
    minimum
        Fewest documents with text that the analysis needs.
    source
        The corpus as the researcher named it, for the message.

    Examples
    --------
    >>> from toolkit.corpus import load
    >>> check_size(load("sample"))
    1
    >>> check_size(load("sample").iloc[:0], source="my-news.csv")
    Traceback (most recent call last):
    ...
    ValueError: corpus 'my-news.csv' has 0 documents with text; the notebooks need at least 1 (check the file, and start and end if you set them)
    """
    validate_corpus(corpus)
    check_int("minimum", minimum, minimum=0)
    n = int((corpus["text"].str.strip() != "").sum())
    if n < minimum:
        name = f"corpus {source!r}" if source is not None else "the corpus"
        raise ValueError(f"{name} has {n} documents with text; the notebooks need at least "
                         f"{minimum} (check the file, and start and end if you set them)")
    return n
