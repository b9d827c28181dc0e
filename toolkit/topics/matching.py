"""Compare the topics of several runs: pair them by their top terms, measure stability.

Topics of two runs are paired by the Hungarian algorithm
(:func:`scipy.optimize.linear_sum_assignment`) maximising the Jaccard overlap of their
top-``n`` term sets; stability is the mean matched Jaccard, overall and per topic.
Every function also takes plain term lists (one per topic, best first), so models from
other libraries can be compared. Re-exported by :mod:`toolkit.topics`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment

from toolkit._core import check_int
from toolkit.topics.model import TopicModel, _fitted, top_terms, topic_ids

logger = logging.getLogger(__name__)

__all__ = ["Terms", "match_topics", "stability", "term_lists"]

#: Term lists, one per topic, best term first (``[["war", "peace"], ["trade", ...]]``).
Terms = Sequence[Sequence[str]]


def term_lists(model: TopicModel | Terms, n: int) -> list[list[str]]:
    """Return the top-``n`` terms per topic of a model, or the given term lists cut to ``n``.

    Examples
    --------
    >>> term_lists([["war", "peace", "army"], ["trade", "market"]], 2)
    [['war', 'peace'], ['trade', 'market']]
    """
    check_int("n", n, minimum=1)
    if isinstance(model, TopicModel):
        terms = top_terms(_fitted(model), n)
        return [list(g["term"]) for _, g in terms.groupby("topic", sort=True)]
    if isinstance(model, str) or not all(isinstance(t, (list, tuple)) for t in model):
        raise TypeError("expected a TopicModel or a list of term lists (one per topic), not "
                        f"{type(model).__name__}")
    return [list(t)[:n] for t in model]


def _term_sets(model: TopicModel | Terms, n: int) -> list[set[str]]:
    return [set(t) for t in term_lists(model, n)]


def match_topics(a: TopicModel | Terms, b: TopicModel | Terms, *, n: int = 10) -> pd.DataFrame:
    """Pair the topics of two models one-to-one by the overlap of their top-``n`` terms.

    ``a`` and ``b`` are fitted models, or lists of term lists (one per topic, best
    first) from any other topic model.

    Returns
    -------
    pandas.DataFrame
        One row per topic of ``a``: ``topic_a``, ``topic_b`` (its match in ``b``; topic
        ids of models, positions of term lists),
        ``jaccard`` (overlap of the two top-``n`` term sets, in [0, 1]).

    Examples
    --------
    >>> docs = [["war", "war", "peace"]] * 12 + [["trade", "trade", "market"]] * 8
    >>> m1 = TopicModel(2, passes=5, no_below=1, no_above=1.0, min_tokens=1, seed=1).fit(docs)
    >>> m2 = TopicModel(2, passes=5, no_below=1, no_above=1.0, min_tokens=1, seed=2).fit(docs)
    >>> match_topics(m1, m2, n=2)["jaccard"].tolist()
    [1.0, 1.0]
    """
    sa, sb = _term_sets(a, n), _term_sets(b, n)
    if len(sa) != len(sb):
        raise ValueError(f"models have different numbers of topics ({len(sa)} and {len(sb)})")
    jac = np.array([[len(x & y) / len(x | y) for y in sb] for x in sa])
    rows, cols = linear_sum_assignment(-jac)
    ids_a, ids_b = _ids(a, len(sa)), _ids(b, len(sb))
    return pd.DataFrame({"topic_a": ids_a[rows], "topic_b": ids_b[cols],
                         "jaccard": jac[rows, cols]})


def _ids(model: TopicModel | Terms, k: int) -> np.ndarray:
    """Topic ids in the order of :func:`term_lists` (positions for plain term lists)."""
    return np.sort(topic_ids(model)) if isinstance(model, TopicModel) else np.arange(k)


def stability(models: Sequence[TopicModel | Terms], *, n: int = 10) -> pd.DataFrame:
    """Measure how much the topics of several runs (seeds, subsamples) agree.

    Parameters
    ----------
    models
        Two or more fitted models with the same number of topics (or their term lists).
    n
        Size of the top-term sets compared.

    Returns
    -------
    pandas.DataFrame
        Indexed by the topic ids of ``models[0]``: ``stability`` (mean matched Jaccard with
        the other runs), ``min`` (the worst of them). ``attrs["mean"]`` is the mean matched
        Jaccard over all pairs of runs, the overall figure.

    Examples
    --------
    >>> docs = [["war", "war", "peace"]] * 12 + [["trade", "trade", "market"]] * 8
    >>> runs = [TopicModel(2, passes=5, no_below=1, no_above=1.0, min_tokens=1, seed=s).fit(docs)
    ...         for s in (1, 2, 3)]
    >>> s = stability(runs, n=2)
    >>> s["stability"].tolist(), s.attrs["mean"]
    ([1.0, 1.0], 1.0)
    """
    models = list(models)
    if len(models) < 2:
        raise ValueError(f"stability needs at least 2 models, got {len(models)}")
    per_topic = np.array([match_topics(models[0], m, n=n)["jaccard"].to_numpy()
                          for m in models[1:]])
    first = models[0]
    ids = (np.sort(topic_ids(first)) if isinstance(first, TopicModel)
           else np.arange(per_topic.shape[1]))
    pairs = [match_topics(models[i], models[j], n=n)["jaccard"].mean()
             for i in range(len(models)) for j in range(i + 1, len(models))]
    out = pd.DataFrame({"stability": per_topic.mean(axis=0), "min": per_topic.min(axis=0)},
                       index=pd.Index(ids.tolist(), name="topic"))
    out.attrs["mean"] = float(np.mean(pairs))
    return out
