"""Topic prevalence over time and uncertainty bands for shares and prevalences.

Shares of documents get a Wilson score band (:func:`share_band`); topic prevalences, which
average document-topic proportions, a percentile bootstrap over the documents of each
period (:func:`prevalence_band`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy import stats

from toolkit._core import DEFAULT_SEED, random_state
from toolkit._core.calendar import normalize_freq
from toolkit.timeline.series import DateBound, _calendar

logger = logging.getLogger(__name__)

__all__ = ["Band", "prevalence_band", "share_band", "topic_prevalence"]


class Band(NamedTuple):
    """Lower and upper bounds of an uncertainty band, each shaped like the series."""

    lower: pd.DataFrame
    upper: pd.DataFrame


def _topic_rows(doc_topics: pd.DataFrame, corpus: pd.DataFrame) -> np.ndarray:
    """Corpus row of each row of ``doc_topics``, through the parent of paragraph ids."""
    ids = pd.Index(doc_topics.index.astype(str))
    corpus_ids = pd.Index(corpus["doc_id"].astype(str))
    rows = corpus_ids.get_indexer(ids)
    missing = rows < 0
    if missing.any():
        parents = ids[missing].str.replace(r"#p\d+$", "", regex=True)
        rows[missing] = corpus_ids.get_indexer(parents)
    return rows


def topic_prevalence(
    doc_topics: pd.DataFrame,
    corpus: pd.DataFrame,
    *,
    freq: str = "Y",
    start: DateBound = None,
    end: DateBound = None,
    tz: str | None = None,
) -> pd.DataFrame:
    """Average each topic's share over the documents of each period.

    Parameters
    ----------
    doc_topics
        Document-topic proportions indexed by ``doc_id`` (:func:`toolkit.topics.doc_topics`).
        Paragraph documents (``"<parent>#p<k>"``) are dated by their parent when the corpus
        holds whole documents.
    corpus
        The Corpus table that dates the documents.
    freq, start, end, tz
        As in :func:`attention`.

    Returns
    -------
    pandas.DataFrame
        Period x topic mean proportions (0 for periods without documents);
        ``attrs["documents"]`` counts the topic-model documents of each period.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> c = from_frame(pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["x"] * 3,
    ...                              "date": ["2001-01-01", "2001-05-01", "2003-01-01"]}))
    >>> dt = pd.DataFrame({0: [0.2, 0.4, 0.9], 1: [0.8, 0.6, 0.1]}, index=["a", "b", "c"])
    >>> topic_prevalence(dt, c)
    topic     0    1
    period
    2001    0.3  0.7
    2002    0.0  0.0
    2003    0.9  0.1
    """
    values, pos, cal = _topic_values(doc_topics, corpus, freq, start, end, tz)
    n_per, k = len(cal.index), values.shape[1]
    ok = pos >= 0
    docs = np.bincount(pos[ok], minlength=n_per)
    sums = np.zeros((n_per, k))
    np.add.at(sums, pos[ok], values[ok])
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.where(docs[:, None] > 0, sums / np.maximum(docs, 1)[:, None], 0.0)
    out = pd.DataFrame(mean, index=cal.index, columns=pd.Index(doc_topics.columns, name="topic"))
    out.attrs = {"freq": cal.index.freqstr, "value": "prevalence",
                 "documents": docs.astype(int).tolist(), "undated_documents": cal.undated}
    return out


def _topic_values(doc_topics, corpus, freq, start, end, tz):
    if not isinstance(doc_topics, pd.DataFrame):
        raise TypeError("doc_topics must be a DataFrame indexed by doc_id "
                        f"(toolkit.topics.doc_topics), not {type(doc_topics).__name__}")
    cal = _calendar(corpus, normalize_freq(freq), start, end, tz, "topic_prevalence")
    rows = _topic_rows(doc_topics, corpus)
    if (rows < 0).any():
        logger.warning("topic_prevalence: %d of %d documents of doc_topics are not in the "
                       "corpus and are left out", int((rows < 0).sum()), len(rows))
    pos = np.where(rows >= 0, cal.pos[np.maximum(rows, 0)], -1)
    return doc_topics.to_numpy(dtype=float), pos, cal


def prevalence_band(
    doc_topics: pd.DataFrame,
    corpus: pd.DataFrame,
    *,
    freq: str = "Y",
    level: float = 0.95,
    n_boot: int = 200,
    seed: int = DEFAULT_SEED,
    start: DateBound = None,
    end: DateBound = None,
) -> Band:
    """Bootstrap a confidence band for :func:`topic_prevalence` by resampling documents.

    Within each period the documents are drawn with replacement ``n_boot`` times; the band
    is the central ``level`` interval of the resampled means (percentile bootstrap). A
    period with one document has a zero-width band: there is nothing to resample.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> c = from_frame(pd.DataFrame({"doc_id": list("abcd"), "text": ["x"] * 4,
    ...     "date": ["2001-01-01", "2001-05-01", "2001-07-01", "2002-01-01"]}))
    >>> dt = pd.DataFrame({0: [0.0, 0.5, 1.0, 0.3]}, index=list("abcd"))
    >>> band = prevalence_band(dt, c, n_boot=500)
    >>> band.lower.loc["2001", 0] < 0.5 < band.upper.loc["2001", 0]
    np.True_
    >>> band.lower.loc["2002", 0], band.upper.loc["2002", 0]
    (np.float64(0.3), np.float64(0.3))
    """
    if not 0 < level < 1:
        raise ValueError(f"level={level!r} is invalid; must be between 0 and 1, e.g. 0.95")
    if n_boot < 1:
        raise ValueError(f"n_boot={n_boot!r} is invalid; must be a positive int")
    values, pos, cal = _topic_values(doc_topics, corpus, freq, start, end, None)
    ok = pos >= 0
    values, pos = values[ok], pos[ok]
    order = np.argsort(pos, kind="stable")
    values, pos = values[order], pos[order]
    n_per, k = len(cal.index), values.shape[1]
    sizes = np.bincount(pos, minlength=n_per)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    rng = random_state(seed)
    means = np.zeros((n_boot, n_per, k))
    for b in range(n_boot):
        # every document slot draws a document of its own period
        pick = starts[pos] + np.floor(rng.random(len(pos)) * sizes[pos]).astype(np.int64)
        sums = np.zeros((n_per, k))
        np.add.at(sums, pos, values[pick])
        means[b] = sums / np.maximum(sizes, 1)[:, None]
    lo, hi = np.quantile(means, [(1 - level) / 2, (1 + level) / 2], axis=0)
    cols = pd.Index(doc_topics.columns, name="topic")
    return Band(pd.DataFrame(lo, index=cal.index, columns=cols),
                pd.DataFrame(hi, index=cal.index, columns=cols))


def share_band(series: pd.DataFrame, *, documents: Sequence[int] | pd.Series | None = None,
               level: float = 0.95) -> Band:
    """Wilson score band for shares of documents (from :func:`attention` or :func:`term_series`).

    Parameters
    ----------
    series
        Shares per period (``value="share"``), or document counts (``value="documents"``).
    documents
        Documents per period; default ``series.attrs["documents"]``.
    level
        Coverage of the band (default 0.95). Periods without documents get ``[0, 0]``.

    Examples
    --------
    >>> s = pd.DataFrame({"KWT": [0.5, 0.0]}, index=pd.period_range("1990", "1991", freq="Y"))
    >>> band = share_band(s, documents=[10, 0])
    >>> band.lower["KWT"].round(3).tolist(), band.upper["KWT"].round(3).tolist()
    ([0.237, 0.0], [0.763, 0.0])
    """
    if not 0 < level < 1:
        raise ValueError(f"level={level!r} is invalid; must be between 0 and 1, e.g. 0.95")
    if documents is None:
        documents = series.attrs.get("documents")
        if documents is None:
            raise ValueError("share_band needs documents=: the number of documents per "
                             "period (series.attrs has no 'documents')")
    n = np.asarray(documents, dtype=float)[:, None]
    if len(n) != len(series):
        raise ValueError(f"documents has {len(n)} periods but series has {len(series)}")
    values = series.to_numpy(dtype=float)
    p = values / np.maximum(n, 1) if series.attrs.get("value") == "documents" else values
    z = stats.norm.ppf((1 + level) / 2)
    with np.errstate(divide="ignore", invalid="ignore"):
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
        lo = np.where(n > 0, np.clip(centre - half, 0, 1), 0.0)
        hi = np.where(n > 0, np.clip(centre + half, 0, 1), 0.0)
    return Band(pd.DataFrame(lo, index=series.index, columns=series.columns),
                pd.DataFrame(hi, index=series.index, columns=series.columns))
