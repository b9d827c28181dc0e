"""Describe fitted topic models: distinctive terms, typical documents, labels, maps, prevalence.

All functions take a fitted :class:`toolkit.topics.TopicModel` and are re-exported by
:mod:`toolkit.topics`. Topic ids are the model's (0 is the most prevalent topic), so
every table and figure built from one model uses the same ids.
"""

from __future__ import annotations

import logging
from typing import Literal

import numpy as np
import pandas as pd

from toolkit._core import DEFAULT_SEED, check_choice, random_state
from toolkit.schemas import validate_corpus
from toolkit.topics.model import (  # noqa: F401
    TopicModel,
    _fitted,
    _ranked,
    doc_topics,
    fit,
    top_terms,
)

logger = logging.getLogger(__name__)

__all__ = [
    "frex_terms",
    "labels",
    "prevalence",
    "prevalence_by",
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
    if not 0 <= frex_weight <= 1:
        raise ValueError(f"frex_weight={frex_weight!r} is invalid; must be in [0, 1]")
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
    >>> c = from_frame(pd.DataFrame({"text": ["war peace treaty", "trade tariff market"] * 5}))
    >>> m = fit(c, 2, passes=5, no_below=1, no_above=1.0, min_tokens=1, cache=False)
    >>> typical_docs(m, c, n=1)["topic"].tolist()
    [0, 1]
    """
    validate_corpus(corpus)
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
    if by == "probability":
        terms = top_terms(model, n)
    else:
        vocab = _fitted(model).topic_word_.shape[1]
        pool = top_terms(model, max(candidates, n))
        score = frex_terms(model, vocab).set_index(["topic", "term"])["weight"]
        pool["weight"] = score.reindex(pd.MultiIndex.from_frame(pool[["topic", "term"]])).to_numpy()
        terms = (pool.sort_values(["topic", "weight"], ascending=[True, False], kind="stable")
                 .groupby("topic").head(n))
    names = _fitted(model).topic_names_
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
    from scipy.spatial.distance import jensenshannon

    beta = _fitted(model).topic_word_
    k = beta.shape[0]
    d = np.zeros((k, k))
    for i in range(k):
        for j in range(i + 1, k):
            d[i, j] = d[j, i] = jensenshannon(beta[i], beta[j], base=2)
    idx = pd.Index(range(k), name="topic")
    return pd.DataFrame(d, index=idx, columns=idx.rename(None))


def topic_map(model: TopicModel) -> pd.DataFrame:
    """Place topics in two dimensions by classical MDS of their Jensen-Shannon distances.

    Deterministic (an eigendecomposition, no random layout); the sign of each axis is
    fixed so that the largest topic has non-negative coordinates.

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
    return pd.DataFrame({"x": coords[:, 0], "y": coords[:, 1],
                         "prevalence": model.theta_.mean(axis=0)},
                        index=pd.Index(range(k), name="topic"))


def _bootstrap(theta: np.ndarray, clusters: np.ndarray, n_boot: int, level: float,
               rng: np.random.Generator) -> np.ndarray:
    """Mean share with a two-stage percentile interval (3 x K).

    Each replicate resamples the clusters (parent documents) with replacement, then the
    documents within each cluster: the interval reflects both the choice of speeches and
    the choice of paragraphs, and stays honest when a period has a single speech.
    """
    codes, inverse = np.unique(clusters, return_inverse=True)
    share = theta.mean(axis=0)
    if n_boot == 0:
        return np.vstack([share, share, share])
    n_c = len(codes)
    outer = rng.multinomial(n_c, np.full(n_c, 1.0 / n_c), size=n_boot)  # (B, C)
    total = np.zeros((n_boot, theta.shape[1]))
    count = np.zeros(n_boot)
    for c in range(n_c):
        rows = theta[inverse == c]
        inner = rng.multinomial(len(rows), np.full(len(rows), 1.0 / len(rows)), size=n_boot)
        total += outer[:, c, None] * (inner @ rows)
        count += outer[:, c] * len(rows)
    boot = total / count[:, None]
    tail = (1 - level) / 2
    return np.vstack([share, np.quantile(boot, tail, axis=0), np.quantile(boot, 1 - tail, axis=0)])


def _check_boot(n_boot: int, level: float) -> None:
    if isinstance(n_boot, bool) or not isinstance(n_boot, (int, np.integer)) or n_boot < 0:
        raise ValueError(f"n_boot={n_boot!r} is invalid; must be an int >= 0")
    if not 0 < level < 1:
        raise ValueError(f"level={level!r} is invalid; must be in (0, 1), e.g. 0.95")


def _joined(model: TopicModel, corpus: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    validate_corpus(corpus)
    dt = doc_topics(model)
    meta = corpus.set_index("doc_id")
    common = dt.index.intersection(meta.index, sort=False)
    if len(common) == 0:
        raise ValueError("corpus shares no doc_id with the model's documents; pass the corpus "
                         "the model was fitted on")
    if len(common) < len(dt):
        logger.info("prevalence: %d of %d model documents are not in corpus and are ignored",
                    len(dt) - len(common), len(dt))
    return dt.loc[common], meta.loc[common]


def _frame(stats: dict, index: pd.Index, k: int) -> pd.DataFrame:
    cols = pd.MultiIndex.from_product([range(k), ["share", "low", "high"]],
                                      names=["topic", "stat"])
    data = np.array([stats[i].T.ravel() if i in stats else np.zeros(3 * k) for i in index])
    return pd.DataFrame(data.reshape(len(index), 3 * k), index=index, columns=cols)


def prevalence(model: TopicModel, corpus: pd.DataFrame, *, freq: str = "Y",
               n_boot: int = 200, level: float = 0.95, seed: int = DEFAULT_SEED
               ) -> pd.DataFrame:
    """Return each topic's share of the documents per calendar period, with bootstrap CIs.

    The share of topic k in a period is the mean of its proportion over the period's
    documents. The interval resamples documents within each period (``n_boot`` times,
    seeded); when the corpus has a ``parent_id`` column (paragraphs of speeches), it is a
    two-stage bootstrap, parents then paragraphs within them, because paragraphs of one
    speech are not independent.

    Parameters
    ----------
    model
        A fitted :class:`~toolkit.topics.TopicModel`.
    corpus
        The Corpus table the model was fitted on (for dates and parents).
    freq
        A pandas period alias: ``"Y"``, ``"Q"``, ``"M"``, ``"W"``, ``"D"``...
    n_boot
        Bootstrap resamples (0: no interval, ``low == high == share``).
    level
        Confidence level of the percentile interval.
    seed
        Seed of the resampling.

    Returns
    -------
    pandas.DataFrame
        Indexed by a ``PeriodIndex`` named ``period`` from the first to the last dated
        document, empty periods kept as zero; columns ``(topic, stat)`` with ``stat`` in
        ``share``, ``low``, ``high``: ``prev[3]["share"]`` is topic 3's series.
        ``attrs["n_docs"]`` holds the number of documents per period.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> c = from_frame(pd.DataFrame({"text": ["war peace war", "trade market trade"] * 4,
    ...     "date": ["2001-01-01", "2001-02-01", "2003-01-01", "2003-03-01"] * 2}))
    >>> m = fit(c, 2, passes=5, no_below=1, no_above=1.0, min_tokens=1, cache=False)
    >>> p = prevalence(m, c, n_boot=50)
    >>> [str(x) for x in p.index], p[0]["share"].round(1).tolist()
    (['2001', '2002', '2003'], [0.5, 0.0, 0.5])
    """
    _check_boot(n_boot, level)
    dt, meta = _joined(model, corpus)
    dated = meta["date"].notna().to_numpy()
    if not dated.any():
        raise ValueError("corpus has no dated documents; prevalence over time needs dates")
    if not dated.all():
        logger.info("prevalence: %d undated documents ignored", int((~dated).sum()))
    try:
        periods = meta["date"][dated].dt.to_period(freq)
    except ValueError as exc:
        raise ValueError(f"freq={freq!r} is invalid; must be a pandas period alias such as "
                         f"'Y', 'Q', 'M', 'W', 'D' ({exc})") from None
    theta = dt.to_numpy()[dated]
    clusters = (meta["parent_id"] if "parent_id" in meta else meta.index.to_series())
    clusters = clusters.astype(str).to_numpy()[dated]
    rng = random_state(seed)
    stats, n_docs = {}, {}
    index = pd.period_range(periods.min(), periods.max(), freq=periods.dt.freq, name="period")
    codes = periods.to_numpy()
    for p in index:
        rows = codes == p
        n_docs[p] = int(rows.sum())
        if rows.any():
            stats[p] = _bootstrap(theta[rows], clusters[rows], n_boot, level, rng)
    out = _frame(stats, index, theta.shape[1])
    out.attrs["n_docs"] = [n_docs[p] for p in index]
    return out


def prevalence_by(model: TopicModel, corpus: pd.DataFrame, by: str, *, n_boot: int = 200,
                  level: float = 0.95, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """Return each topic's share of the documents per value of a covariate, with CIs.

    Same estimator as :func:`prevalence`, grouping by a corpus column (``source``,
    ``country``, ``president``, ``party``...) instead of a period.

    Returns
    -------
    pandas.DataFrame
        Indexed by the covariate's values (sorted), columns ``(topic, stat)``.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> c = from_frame(pd.DataFrame({"text": ["war peace war", "trade market trade"] * 4,
    ...                              "source": ["a", "b"] * 4}))
    >>> m = fit(c, 2, passes=5, no_below=1, no_above=1.0, min_tokens=1, cache=False)
    >>> p = prevalence_by(m, c, "source", n_boot=0)
    >>> p.index.tolist(), round(p.xs("share", axis=1, level="stat").max(axis=1), 1).tolist()
    (['a', 'b'], [1.0, 1.0])
    """
    _check_boot(n_boot, level)
    dt, meta = _joined(model, corpus)
    if by not in meta.columns:
        raise ValueError(f"by={by!r} is invalid; must be a corpus column, one of "
                         f"{[c for c in meta.columns if c != 'text']}")
    groups = meta[by]
    known = groups.notna().to_numpy()
    theta = dt.to_numpy()[known]
    clusters = (meta["parent_id"] if "parent_id" in meta else meta.index.to_series())
    clusters = clusters.astype(str).to_numpy()[known]
    values = groups[known].to_numpy()
    rng = random_state(seed)
    index = pd.Index(sorted(pd.unique(values)), name=by)
    stats = {g: _bootstrap(theta[values == g], clusters[values == g], n_boot, level, rng)
             for g in index}
    return _frame(stats, index, theta.shape[1])
