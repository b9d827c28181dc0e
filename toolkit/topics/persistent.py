"""Persistent topic ids: a topic keeps its id (and colour) when K, the seed or the period changes.

Every fit numbers its topics by prevalence, so "topic 3" of the K = 20 model and "topic
3" of the K = 30 model, or of the 1990s and the 2000s, are unrelated. :func:`align`
gives a model the ids of a reference model's topics: topics are paired one to one by
the Hungarian algorithm on the cosine similarity of their word distributions (over the
terms the two vocabularies share), a pair counts when its similarity reaches
``min_similarity``, and a topic with no counterpart gets a new id above every id in use.
:func:`align_models` does this for a family of models (the runs of a sweep, fits per
period), so that new ids are not handed out twice. Every table and figure then shows
these ids (:attr:`toolkit.topics.TopicModel.topic_ids_`), and
:func:`toolkit.style.topic_color` gives one topic one colour everywhere.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Hashable, Mapping
from typing import Any

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment

from toolkit._core import check_number, check_type
from toolkit._core.calendar import period_index, period_labels
from toolkit.schemas import validate_corpus
from toolkit.topics.fitting import fit
from toolkit.topics.model import TopicModel, _fitted, topic_ids

logger = logging.getLogger(__name__)

__all__ = ["align", "align_models", "fit_periods", "topic_similarity"]


def topic_similarity(a: TopicModel, b: TopicModel) -> pd.DataFrame:
    """Return the cosine similarity of every topic of ``a`` with every topic of ``b``.

    Word distributions are compared over the terms both vocabularies hold (a term one
    model lacks counts as 0 there, so missing mass lowers the similarity).

    Returns
    -------
    pandas.DataFrame
        Rows: the topic ids of ``a``; columns: those of ``b``; values in [0, 1].

    Examples
    --------
    >>> docs = [["war", "war", "peace"]] * 12 + [["trade", "trade", "market"]] * 8
    >>> m = TopicModel(2, passes=5, no_below=1, no_above=1.0, min_tokens=1).fit(docs)
    >>> topic_similarity(m, m).round(2).to_numpy().tolist()
    [[1.0, 0.0], [0.0, 1.0]]
    """
    a, b = _fitted(a), _fitted(b)
    wa, wb = a.topic_word_, b.topic_word_
    common = sorted(set(a.dictionary_.token2id) & set(b.dictionary_.token2id))
    ia = np.array([a.dictionary_.token2id[w] for w in common], dtype=np.int64)
    ib = np.array([b.dictionary_.token2id[w] for w in common], dtype=np.int64)
    dot = wa[:, ia] @ wb[:, ib].T if len(common) else np.zeros((len(wa), len(wb)))
    norms = np.outer(np.linalg.norm(wa, axis=1), np.linalg.norm(wb, axis=1))
    sim = dot / np.maximum(norms, 1e-300)
    return pd.DataFrame(sim, index=pd.Index(topic_ids(a), name="topic"),
                        columns=pd.Index(topic_ids(b), name="reference"))


def align(model: TopicModel, reference: TopicModel, *, min_similarity: float = 0.5,
          next_id: int | None = None) -> TopicModel:
    """Return a copy of ``model`` whose topics carry the ids of the matching reference topics.

    Parameters
    ----------
    model
        A fitted model (not modified).
    reference
        The model whose ids are kept (its own ids, possibly aligned before).
    min_similarity
        Cosine similarity a pair needs to share an id; below it the topic is new.
    next_id
        First id for new topics (default: one above the largest id of either model's
        reference ids).

    Returns
    -------
    TopicModel
        A shallow copy with ``topic_ids_`` set and ``similarity_`` (each topic's
        similarity to its reference topic, ``NaN`` for new topics).

    Examples
    --------
    >>> docs = [["war", "war", "peace"]] * 12 + [["trade", "trade", "market"]] * 8
    >>> ref = TopicModel(2, passes=5, no_below=1, no_above=1.0, min_tokens=1).fit(docs)
    >>> other = TopicModel(2, passes=5, no_below=1, no_above=1.0, min_tokens=1).fit(docs[::-1])
    >>> from toolkit.topics.model import top_terms
    >>> top_terms(align(other, ref), n=1)["term"].tolist()
    ['war', 'trade']
    """
    _fitted(model)
    check_type("reference", reference, TopicModel, "a fitted TopicModel")
    check_number("min_similarity", min_similarity, minimum=0, maximum=1)
    sim = topic_similarity(model, reference)
    ref_ids = sim.columns.to_numpy()
    values = sim.to_numpy()
    rows, cols = linear_sum_assignment(-values)
    ids = np.full(len(values), -1, dtype=np.int64)
    similarity = np.full(len(values), np.nan)
    for r, c in zip(rows, cols):
        if values[r, c] >= min_similarity:
            ids[r], similarity[r] = ref_ids[c], values[r, c]
    fresh = int(max(ref_ids.max(initial=-1), -1) + 1) if next_id is None else int(next_id)
    # positions are in order of prevalence, so new ids follow prevalence too
    for pos in np.flatnonzero(ids < 0):
        ids[pos], fresh = fresh, fresh + 1
    out = copy.copy(model)
    out.topic_ids_ = ids
    out.similarity_ = similarity
    matched = int((similarity == similarity).sum())
    logger.debug("align: %d of %d topics matched a reference topic (cosine >= %.2f), %d new",
                matched, len(ids), min_similarity, len(ids) - matched)
    return out


def align_models(models: Mapping[Hashable, TopicModel], reference: TopicModel, *,
                 min_similarity: float = 0.5) -> dict[Hashable, TopicModel]:
    """Align a family of models to one reference, never giving one new id to two topics.

    Each model is aligned in turn to the reference together with the new topics of the
    models before it, so a topic that appears at K = 30 and again at K = 40 (or in two
    periods) keeps one new id.

    Examples
    --------
    >>> docs = [["war", "war", "peace"]] * 12 + [["trade", "trade", "market"]] * 8
    >>> ref = TopicModel(2, passes=5, no_below=1, no_above=1.0, min_tokens=1).fit(docs)
    >>> out = align_models({"a": ref, "b": ref}, ref)
    >>> [topic_ids(m).tolist() for m in out.values()]
    [[0, 1], [0, 1]]
    """
    check_type("models", models, Mapping, "a mapping of key -> fitted TopicModel")
    out: dict[Hashable, TopicModel] = {}
    pool = [reference]
    for key, model in models.items():
        used = max(int(topic_ids(m).max()) for m in [reference, *out.values()])
        best = None
        for candidate in pool:
            aligned = align(model, candidate, min_similarity=min_similarity, next_id=used + 1)
            if best is None or np.nansum(aligned.similarity_) > np.nansum(best.similarity_):
                best = aligned
        out[key] = best
        pool.append(best)
    return out


def fit_periods(corpus: pd.DataFrame, num_topics: int, *, freq: str = "10Y",
                reference: TopicModel | None = None, min_documents: int = 20,
                min_similarity: float = 0.5, **options: Any) -> dict[str, TopicModel]:
    """Fit one model per calendar period, with the topic ids of a reference model.

    Parameters
    ----------
    corpus
        A dated Corpus table (documents or paragraphs).
    num_topics
        Topics per period.
    freq
        The periods (:func:`toolkit._core.calendar.normalize_freq`: ``"10Y"``, ``"5Y"``...).
    reference
        The model whose ids the periods take (default: one fitted on the whole corpus).
    min_documents
        Periods with fewer documents are skipped (logged).
    **options
        Passed to :func:`toolkit.topics.fit` (``seed``, ``passes``...).

    Returns
    -------
    dict
        Period label (``"1990/1999"`` for ``"10Y"``) -> aligned model, in calendar order.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> texts = ["war army peace treaty", "trade market tariff export"] * 20
    >>> dates = ["1995-01-01"] * 20 + ["2005-01-01"] * 20
    >>> c = from_frame(pd.DataFrame({"text": texts, "date": dates}))
    >>> fits = fit_periods(c, 2, freq="10Y", passes=3, no_below=1, min_tokens=1, cache=False)
    >>> list(fits), [sorted(topic_ids(m).tolist()) for m in fits.values()]
    (['1990/1999', '2000/2009'], [[0, 1], [0, 1]])
    """
    validate_corpus(corpus)
    periods = period_index(corpus["date"], freq=freq)
    if periods.isna().all():
        raise ValueError("corpus has no dated documents; fits per period need dates")
    if reference is None:
        reference = fit(corpus, num_topics, **options)
    out: dict[str, TopicModel] = {}
    found = periods.dropna().unique().sort_values()
    for period, label in zip(found, period_labels(found)):
        rows = np.asarray(periods == period)
        if rows.sum() < min_documents:
            logger.info("fit_periods: %s has %d documents (< min_documents=%d); skipped", label,
                        int(rows.sum()), min_documents)
            continue
        out[label] = fit(corpus[rows], num_topics, **options)
    return {str(k): m for k, m in align_models(out, reference,
                                               min_similarity=min_similarity).items()}
