"""Describe fitted topic models: distinctive terms, typical documents, labels, maps.

All functions take a fitted :class:`toolkit.topics.TopicModel` and are re-exported by
:mod:`toolkit.topics`. Topic ids are the model's (0 is the most prevalent topic), so
every table and figure built from one model uses the same ids. Prevalence over time and
by group is :mod:`toolkit.topics.prevalence`.
"""

from __future__ import annotations

import logging
from typing import Literal

import numpy as np
import pandas as pd
from scipy.spatial.distance import jensenshannon

from toolkit._core import check_choice, check_int, check_number
from toolkit.schemas import validate_corpus
from toolkit.topics.model import TopicModel, _by_id, _fitted, _ranked, doc_topics, top_terms

logger = logging.getLogger(__name__)

__all__ = [
    "frex_terms",
    "labels",
    "topic_distances",
    "topic_map",
    "typical_docs",
]


def frex_terms(model: TopicModel, n: int = 10, *, frex_weight: float = 0.5) -> pd.DataFrame:
    """Return the ``n`` terms of every topic that are both frequent and exclusive (FREX).

    FREX (Roberts et al., STM) is the weighted harmonic mean of a term's rank within its
    topic by probability and by exclusivity (its probability in this topic over its sum
    across topics): it favours words that mark a topic over words every topic uses.

    Parameters
    ----------
    frex_weight
        Weight of exclusivity, in [0, 1] (0.5 balances the two).

    Returns
    -------
    pandas.DataFrame
        Columns ``topic``, ``rank``, ``term``, ``weight`` (the FREX score in [0, 1]).

    Examples
    --------
    >>> docs = [["war", "war", "peace"]] * 12 + [["trade", "trade", "market"]] * 8
    >>> m = TopicModel(2, passes=5, no_below=1, no_above=1.0, min_tokens=1).fit(docs)
    >>> list(frex_terms(m, n=2).columns)
    ['topic', 'rank', 'term', 'weight']
    """
    check_number("frex_weight", frex_weight, minimum=0, maximum=1)
    beta = _fitted(model).topic_word_
    excl = beta / beta.sum(axis=0, keepdims=True)
    # empirical CDF ranks within each topic, as in stm::calcfrex
    freq_rank = (np.argsort(np.argsort(beta, axis=1), axis=1) + 1) / beta.shape[1]
    excl_rank = (np.argsort(np.argsort(excl, axis=1), axis=1) + 1) / beta.shape[1]
    frex = 1.0 / (frex_weight / excl_rank + (1 - frex_weight) / freq_rank)
    return _ranked(model, frex, n)


def typical_docs(model: TopicModel, corpus: pd.DataFrame, n: int = 3, *,
                 snippet: int = 200) -> pd.DataFrame:
    """Return the ``n`` documents with the highest share of each topic, with their titles.

    Returns
    -------
    pandas.DataFrame
        Columns ``topic``, ``rank``, ``doc_id``, ``share``, ``title``, ``date``, ``text``
        (the first ``snippet`` characters).

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> from toolkit.topics.fitting import fit
    >>> c = from_frame(pd.DataFrame({"text": ["war peace treaty", "trade tariff market"] * 5}))
    >>> m = fit(c, 2, passes=5, no_below=1, no_above=1.0, min_tokens=1, cache=False)
    >>> typical_docs(m, c, n=1)["topic"].tolist()
    [0, 1]
    """
    validate_corpus(corpus)
    check_int("n", n, minimum=1)
    check_int("snippet", snippet, minimum=0)
    dt = doc_topics(model)
    meta = corpus.set_index("doc_id")
    rows = []
    for t in dt.columns:
        best = dt[t].sort_values(ascending=False, kind="stable").head(n)
        for r, (doc, share) in enumerate(best.items()):
            has = doc in meta.index
            rows.append({"topic": int(t), "rank": r, "doc_id": doc, "share": float(share),
                         "title": meta.at[doc, "title"] if has else "",
                         "date": meta.at[doc, "date"] if has else pd.NaT,
                         "text": meta.at[doc, "text"][:snippet] if has else ""})
    return pd.DataFrame(rows, columns=["topic", "rank", "doc_id", "share", "title", "date",
                                       "text"])


def labels(model: TopicModel, n: int = 4, *, by: Literal["frex", "probability"] = "frex",
           candidates: int = 30) -> pd.Series:
    """Return a short label per topic: its id (or guided name) and its top terms.

    With ``by="frex"`` the label holds the ``n`` terms of highest FREX score among the
    topic's ``candidates`` most probable terms: plain FREX over the whole vocabulary
    favours rare words, which make poor labels.

    Examples
    --------
    >>> docs = [["war", "war", "peace"]] * 12 + [["trade", "trade", "market"]] * 8
    >>> m = TopicModel(2, passes=5, no_below=1, no_above=1.0, min_tokens=1).fit(docs)
    >>> labels(m, n=1, by="probability").tolist()
    ['0: war', '1: trade']
    """
    check_choice("by", by, ["frex", "probability"])
    check_int("candidates", candidates, minimum=1)
    if by == "probability":
        terms = top_terms(model, n)
    else:
        vocab = _fitted(model).topic_word_.shape[1]
        pool = top_terms(model, max(candidates, n))
        score = frex_terms(model, vocab).set_index(["topic", "term"])["weight"]
        pool["weight"] = score.reindex(pd.MultiIndex.from_frame(pool[["topic", "term"]])).to_numpy()
        terms = (pool.sort_values(["topic", "weight"], ascending=[True, False], kind="stable")
                 .groupby("topic").head(n))
    order, ids = _by_id(_fitted(model))
    names = dict(zip(ids.tolist(), np.asarray(model.topic_names_)[order]))
    out = {}
    for t, g in terms.groupby("topic"):
        head = names[t] if not names[t].startswith("topic ") else str(t)
        out[int(t)] = f"{head}: " + ", ".join(g["term"])
    return pd.Series(out, name="label").rename_axis("topic")


def topic_distances(model: TopicModel) -> pd.DataFrame:
    """Return the Jensen-Shannon distances between topics (base 2, in [0, 1]).

    Examples
    --------
    >>> docs = [["war", "war", "peace"]] * 12 + [["trade", "trade", "market"]] * 8
    >>> m = TopicModel(2, passes=5, no_below=1, no_above=1.0, min_tokens=1).fit(docs)
    >>> d = topic_distances(m)
    >>> d.shape, float(d.iloc[0, 0]), bool(d.iloc[0, 1] > 0.5)
    ((2, 2), 0.0, True)
    """
    order, ids = _by_id(_fitted(model))
    beta = model.topic_word_[order]
    k = beta.shape[0]
    d = np.zeros((k, k))
    for i in range(k):
        for j in range(i + 1, k):
            d[i, j] = d[j, i] = jensenshannon(beta[i], beta[j], base=2)
    idx = pd.Index(ids.tolist(), name="topic")
    return pd.DataFrame(d, index=idx, columns=idx.rename(None))


def topic_map(model: TopicModel) -> pd.DataFrame:
    """Place topics in two dimensions by classical MDS of their Jensen-Shannon distances.

    Deterministic (an eigendecomposition, no random layout); the sign of each axis is
    fixed so that the first topic (by id) has non-negative coordinates.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``topic``: ``x``, ``y``, ``prevalence`` (mean share over documents).

    Examples
    --------
    >>> docs = [["war", "war", "peace"]] * 12 + [["trade", "trade", "market"]] * 8
    >>> m = TopicModel(2, passes=5, no_below=1, no_above=1.0, min_tokens=1).fit(docs)
    >>> list(topic_map(m).columns)
    ['x', 'y', 'prevalence']
    """
    d = topic_distances(model).to_numpy()
    k = d.shape[0]
    j = np.eye(k) - np.ones((k, k)) / k
    b = -0.5 * j @ (d ** 2) @ j
    vals, vecs = np.linalg.eigh(b)
    order = np.argsort(-vals)[:2]
    coords = np.zeros((k, 2))
    for c, i in enumerate(order):
        coords[:, c] = vecs[:, i] * np.sqrt(max(vals[i], 0.0))
        if coords[0, c] < 0:
            coords[:, c] *= -1
    order, ids = _by_id(model)
    share = doc_topics(model, aggregate=False).mean(axis=0).to_numpy()
    return pd.DataFrame({"x": coords[:, 0], "y": coords[:, 1], "prevalence": share},
                        index=pd.Index(ids.tolist(), name="topic"))
