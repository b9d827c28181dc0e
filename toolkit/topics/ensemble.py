"""Consensus topics: fit several models on resampled documents and keep what they share.

One LDA fit is one local optimum of a non-convex problem, found on one sample of
documents: refit on another 80% of the same speeches and a third of its top terms
change (matched top-10 Jaccard 0.44 on the UN General Debates, K = 20). A topic a
reviewer can trust is one that comes back. :func:`consensus_fit` fits ``members`` models,
each on its own random share of the parent documents (bagging) with its own seed, pairs
their topics (:func:`consensus_topics`: the Hungarian algorithm on the cosine
similarity of the topic-word distributions, iterated against the running mean, as in
k-means with one topic per model in each cluster), averages each cluster into a
consensus topic, and runs a short final fit on all the documents from those consensus
topics, so that topics and document shares agree. Topics that the members share
survive the averaging; a topic only one member found is diluted and
replaced. The measured effect on stability across data subsamples is in
``bench/results/topics.md``.

:attr:`TopicModel.agreement_` keeps, per topic, how well the members agreed on it (the
mean top-10 Jaccard between the final topic and its match in each member).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment

from toolkit._core import check_int, check_number, random_state
from toolkit.topics.model import TopicModel

logger = logging.getLogger(__name__)

__all__ = ["consensus_fit", "consensus_topics", "cosine"]


def cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Return the cosine similarity of every row of ``a`` with every row of ``b``.

    Examples
    --------
    >>> cosine(np.array([[1.0, 0.0]]), np.array([[1.0, 0.0], [0.0, 2.0]])).tolist()
    [[1.0, 0.0]]
    """
    an = a / np.maximum(np.linalg.norm(a, axis=1, keepdims=True), 1e-300)
    bn = b / np.maximum(np.linalg.norm(b, axis=1, keepdims=True), 1e-300)
    return an @ bn.T


def consensus_topics(betas: Sequence[np.ndarray], *, fixed: int = 0, max_iter: int = 20
                     ) -> tuple[np.ndarray, np.ndarray]:
    """Pair the topics of several models over one vocabulary and average each cluster.

    Parameters
    ----------
    betas
        One K x V topic-word matrix per model, all over the same vocabulary.
    fixed
        The first ``fixed`` topics (guided topics) are paired position by position.
    max_iter
        Rounds of re-pairing every model with the current means.

    Returns
    -------
    tuple
        The K x V consensus (rows sum to 1) and the pairing: row ``m`` gives, for each
        consensus topic, the topic of model ``m`` in its cluster.

    Examples
    --------
    >>> a = np.array([[0.9, 0.1, 0.0], [0.0, 0.1, 0.9]])
    >>> centre, pairs = consensus_topics([a, a[::-1]])
    >>> pairs.tolist(), centre.round(2).tolist()
    ([[0, 1], [1, 0]], [[0.9, 0.1, 0.0], [0.0, 0.1, 0.9]])
    """
    betas = [np.asarray(b, dtype=np.float64) for b in betas]
    k = betas[0].shape[0]
    if any(b.shape != betas[0].shape for b in betas):
        raise ValueError(f"betas have different shapes: {sorted({b.shape for b in betas})}")
    free = np.arange(fixed, k)
    centre = betas[0].copy()
    pairs = np.tile(np.arange(k), (len(betas), 1))
    for _ in range(max_iter):
        new = np.tile(np.arange(k), (len(betas), 1))
        for m, beta in enumerate(betas):
            rows, cols = linear_sum_assignment(-cosine(centre[free], beta[free]))
            new[m, free[rows]] = free[cols]
        centre = np.mean([beta[p] for beta, p in zip(betas, new)], axis=0)
        if np.array_equal(new, pairs):
            break
        pairs = new
    return centre / centre.sum(axis=1, keepdims=True), pairs


def _top_sets(beta: np.ndarray, n: int) -> list[set[int]]:
    return [set(np.argsort(-row, kind="stable")[:n].tolist()) for row in beta]


def consensus_fit(model: TopicModel, tokens: Sequence[Sequence[str]],
                  doc_ids: Sequence[str] | None = None, *,
                  parents: Sequence[str] | None = None, members: int = 5, share: float = 0.8,
                  refine: int | None = None) -> TopicModel:
    """Fit ``model`` as the consensus of ``members`` fits on resampled documents.

    Parameters
    ----------
    model
        An unfitted :class:`TopicModel` holding the parameters (fitted in place).
    tokens, doc_ids, parents
        As in :meth:`TopicModel.fit`. Members resample whole parents (the speeches of
        paragraphs), or documents when there are fewer than 5 parents.
    members
        Number of member fits (their seeds: ``model.seed + 1``, ``+ 2``, ...).
    share
        Share of the parents each member is fitted on.
    refine
        Passes of the final fit on all documents, started from the consensus topics;
        ``None`` (default): the model's ``passes``, by its rule when that is ``None``
        (about 16 online updates, at least 2 passes: 2 on a corpus of 8 chunks or more,
        16 on one chunk, where 2 updates are too few for gensim's online algorithm).

    Returns
    -------
    TopicModel
        ``model``, fitted, with ``agreement_``: per topic position, the mean top-10
        Jaccard of the final topic with its match in each member.

    Examples
    --------
    >>> docs = [["war", "war", "peace"]] * 12 + [["trade", "trade", "market"]] * 8
    >>> m = consensus_fit(TopicModel(2, passes=3, no_below=1, no_above=1.0, min_tokens=1), docs,
    ...                   members=3)
    >>> m.agreement_.round(2).tolist()
    [1.0, 1.0]
    """
    check_int("members", members, minimum=2)
    check_number("share", share, minimum=0, maximum=1, inclusive=(False, True))
    check_int("refine", refine, minimum=1, allow_none=True)
    dictionary, bow, train, ids, parent_ids = model._prepare(tokens, doc_ids, parents)
    kept = [p for b, p in zip(bow, parent_ids) if sum(c for _, c in b) >= model.min_tokens]
    groups = np.asarray(kept if len(set(kept)) >= 5 else range(len(kept)))
    unique = np.unique(groups)
    size = max(2, round(share * len(unique)))
    betas, n_guided = [], 0
    for m in range(members):
        seed = int(model.seed) + 1 + m
        chosen = random_state(seed).choice(unique, size=min(size, len(unique)), replace=False)
        subset = [b for b, g in zip(train, np.isin(groups, chosen)) if g]
        lda, guided = model.train_bow(dictionary, subset, seed=seed)
        n_guided = len(guided)
        betas.append(lda.get_topics())
    centre, _ = consensus_topics(betas, fixed=n_guided)
    lda, guided = model.train_bow(dictionary, train, start=centre, passes=refine)
    model._finish(lda, len(guided), dictionary, bow, ids, parent_ids)
    final = model.lda_.get_topics()
    tops = _top_sets(final, 10)
    agree = np.zeros(len(tops))
    for beta in betas:
        rows, cols = linear_sum_assignment(-cosine(final, beta))
        other = _top_sets(beta[cols], 10)
        agree[rows] += [len(a & b) / len(a | b) for a, b in zip(np.array(tops)[rows], other)]
    model.agreement_ = agree / len(betas)
    logger.info("consensus of %d fits: mean agreement %.2f (top-10 Jaccard with each member)",
                members, float(model.agreement_.mean()))
    return model
