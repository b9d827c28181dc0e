"""Score a fitted topic model: diversity, coherence on reference texts, held-out perplexity.

Re-exported by :mod:`toolkit.topics`; :func:`toolkit.topics.sweep` reports all three for
every K and seed.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np

from toolkit._core import check_choice
from toolkit.topics.matching import Terms, term_lists
from toolkit.topics.model import TopicModel, _fitted, top_terms
from toolkit.topics.scoring import MEASURES, Measure, ReferenceTexts
from toolkit.topics.tokens import check_tokens

logger = logging.getLogger(__name__)

__all__ = ["coherence", "diversity", "perplexity", "scores_and_absent"]


def diversity(model: TopicModel, *, n: int = 25) -> float:
    """Return topic diversity: the share of distinct terms among all topics' top ``n``.

    1 means no two topics share a top term; near 1/K means every topic says the same
    (Dieng, Ruiz & Blei 2020).

    Examples
    --------
    >>> docs = [["war", "war", "peace"]] * 12 + [["trade", "trade", "market"]] * 8
    >>> m = TopicModel(2, passes=5, no_below=1, no_above=1.0, min_tokens=1).fit(docs)
    >>> diversity(m, n=2)
    1.0
    """
    terms = top_terms(model, n)
    return float(terms["term"].nunique() / len(terms))


def coherence(model: TopicModel | Terms, texts: Sequence[Sequence[str]] | ReferenceTexts, *,
              measure: Measure = "c_npmi", n: int = 10, per_topic: bool = False,
              window_size: int | None = None) -> float | np.ndarray:
    """Score the coherence of the model's top-``n`` terms on reference texts.

    ``model`` may also be a list of term lists (one per topic) from any topic model.

    Pass held-out documents (tokenised like the training ones) as ``texts``, or a fitted
    :class:`toolkit.topics.scoring.ReferenceTexts` of them to reuse its counts: coherence on
    the training documents rewards memorising them. Computed by
    :func:`toolkit.topics.scoring.coherence`, with gensim's definitions and values
    (``c_npmi`` with a 10-token sliding window, ``c_v`` with 110, ``u_mass`` on
    documents). A top term absent from the reference texts (common with held-out
    texts) makes gensim's score infinite; here, for ``c_npmi``, its pairs count as never
    co-occurring (-1), and ``c_v`` and ``u_mass`` are computed on the terms present.

    ``window_size`` replaces gensim's sliding window (10 for ``c_npmi``); a size larger
    than any text counts co-occurrence per text (per held-out paragraph).

    Returns
    -------
    float or numpy.ndarray
        The mean over topics, or one value per topic with ``per_topic=True``.

    Examples
    --------
    >>> docs = [["war", "war", "peace"]] * 12 + [["trade", "trade", "market"]] * 8
    >>> m = TopicModel(2, passes=5, no_below=1, no_above=1.0, min_tokens=1).fit(docs)
    >>> round(coherence(m, docs, measure="c_npmi", n=2), 3)
    1.0
    """
    check_choice("measure", measure, MEASURES)
    ref = texts if isinstance(texts, ReferenceTexts) else ReferenceTexts().fit(
        check_tokens(texts, name="texts"))
    scores, absent = scores_and_absent(model, ref, measure=measure, n=n,
                                       window_size=window_size)
    if absent:
        logger.info("coherence: %d top terms absent from the reference texts (%s)",
                    len(absent), ", ".join(absent[:10]))
    return scores if per_topic else float(np.nanmean(scores))


def scores_and_absent(model: TopicModel | Terms, ref: ReferenceTexts, *, measure: Measure,
                      n: int, window_size: int | None = None
                      ) -> tuple[np.ndarray, list[str]]:
    """:func:`coherence` per topic, without logging, and the top terms absent from ``ref``.

    For callers that score many models and report the absent terms once
    (:func:`toolkit.topics.sweep`: three measures for each of its runs).

    Examples
    --------
    >>> ref = ReferenceTexts().fit([["war", "peace"], ["trade", "market"]])
    >>> scores_and_absent([["war", "peace", "tank"]], ref, measure="c_npmi", n=3)[1]
    ['tank']
    """
    topics = term_lists(model, n)
    known = [[w for w in t if w in ref.vocabulary_] for t in topics]
    if known == topics:
        return ref.score(topics, measure=measure, window_size=window_size).to_numpy(float), []
    # held-out texts need not contain every top term; gensim would score such a topic
    # inf: score the terms that occur, and count every pair with an absent term as
    # never co-occurring (NPMI -1) for c_npmi
    absent = sorted({w for t in topics for w in t} - {w for t in known for w in t})
    scores = np.full(len(topics), np.nan)
    have = [i for i, t in enumerate(known) if len(t) >= 2]
    if have:
        scores[have] = ref.score([known[i] for i in have], measure=measure,
                                 window_size=window_size).to_numpy(float)
    if measure == "c_npmi":
        for i, (t, kt) in enumerate(zip(topics, known)):
            k, m = len(t), len(kt)
            inside = scores[i] * m * (m - 1) if m >= 2 else 0.0
            scores[i] = (inside - (k * (k - 1) - m * (m - 1))) / (k * (k - 1))
    return scores, absent


def perplexity(model: TopicModel, texts: Sequence[Sequence[str]]) -> float:
    """Return the held-out perplexity, ``exp(-bound / tokens)`` (lower is better).

    The bound is gensim's variational lower bound of the log likelihood
    (:meth:`gensim.models.LdaModel.bound`) of ``texts`` under the fitted topics.

    Examples
    --------
    >>> docs = [["war", "war", "peace"]] * 12 + [["trade", "trade", "market"]] * 8
    >>> m = TopicModel(2, passes=5, no_below=1, no_above=1.0, min_tokens=1).fit(docs)
    >>> 1 < perplexity(m, docs) < 5
    True
    """
    m = _fitted(model)
    bow = [m.dictionary_.doc2bow(d) for d in check_tokens(texts, name="texts")]
    bow = [b for b in bow if b]
    if not bow:
        raise ValueError("texts has no token in the model's dictionary")
    m.lda_.random_state = np.random.RandomState(m.seed)
    n_tokens = sum(c for b in bow for _, c in b)
    return float(np.exp(-m.lda_.bound(bow) / n_tokens))
