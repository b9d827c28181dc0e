"""Where LDA starts: a non-negative SVD of the data (NNDSVD), and the priors of guided topics.

Used by :class:`toolkit.topics.TopicModel`; :mod:`toolkit.topics` explains why the
NNDSVD start makes the topics found hardly depend on the seed.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp
from gensim.corpora import Dictionary
from gensim.models import LdaModel
from scipy.optimize import linear_sum_assignment
from scipy.sparse.linalg import ArpackError, svds

from toolkit._core import random_state

logger = logging.getLogger(__name__)

__all__ = ["Bow", "nmf", "nndsvd", "seed_word_prior", "set_start"]

#: Bag-of-words documents as gensim gives them: (term id, count) pairs.
Bow = list[list[tuple[int, int]]]


def _matrix(bow: Bow, num_terms: int, *, idf: bool = True) -> sp.csr_matrix:
    """The document-term matrix, TF-IDF weighted (or counts), rows scaled to length 1."""
    lengths = [len(b) for b in bow]
    rows = np.repeat(np.arange(len(bow)), lengths)
    cols = np.fromiter((i for b in bow for i, _ in b), dtype=np.int64, count=sum(lengths))
    vals = np.fromiter((c for b in bow for _, c in b), dtype=np.float64, count=sum(lengths))
    x = sp.csr_matrix((vals, (rows, cols)), shape=(len(bow), num_terms))
    if idf:
        weights = np.log(len(bow) / (1.0 + np.bincount(cols, minlength=num_terms)))
        x = sp.csr_matrix(x.multiply(np.maximum(weights, 0.0)))
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel()) + 1e-12
    return sp.csr_matrix(x.multiply(1.0 / norms[:, None]))


def _svd(x: sp.csr_matrix, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    # a fixed start vector makes ARPACK deterministic
    v0 = np.full(min(x.shape), 1.0 / np.sqrt(min(x.shape)))
    return svds(x, k=k, v0=v0)


def nndsvd(bow: Bow, num_terms: int, k: int, *, x: sp.csr_matrix | None = None) -> np.ndarray:
    """Return a non-negative K x V start from the SVD of the TF-IDF matrix (deterministic).

    Boutsidis & Gallopoulos (2008): each singular pair is split into its positive and
    negative parts and the larger one kept; rows are smoothed and sum to 1. ``x``: the
    matrix, when already built.

    Examples
    --------
    >>> bow = [[(0, 2), (1, 1)]] * 3 + [[(2, 2), (3, 1)]] * 3
    >>> start = nndsvd(bow, 4, 2)
    >>> start.shape, bool(np.allclose(start.sum(axis=1), 1))
    ((2, 4), True)
    """
    try:
        u, s, vt = _svd(_matrix(bow, num_terms) if x is None else x, k)
    except ArpackError:
        # every term in (nearly) every document: TF-IDF is zero, so use the counts
        logger.info("nndsvd: the TF-IDF matrix is degenerate; starting from term counts")
        u, s, vt = _svd(_matrix(bow, num_terms, idf=False), k)
    order = np.argsort(-s)
    u, s, vt = u[:, order], s[order], vt[order]
    h = np.zeros((k, num_terms))
    h[0] = np.sqrt(s[0]) * np.abs(vt[0])
    for j in range(1, k):
        xp, xn = np.maximum(u[:, j], 0), np.maximum(-u[:, j], 0)
        yp, yn = np.maximum(vt[j], 0), np.maximum(-vt[j], 0)
        mp = np.linalg.norm(xp) * np.linalg.norm(yp)
        mn = np.linalg.norm(xn) * np.linalg.norm(yn)
        y, m = (yp, mp) if mp >= mn else (yn, mn)
        h[j] = np.sqrt(s[j]) * m * y / max(np.linalg.norm(y), 1e-12)
    h += 1e-3 * h.mean() + 1e-12
    return h / h.sum(axis=1, keepdims=True)


def nmf(bow: Bow, num_terms: int, k: int, *, iterations: int = 50) -> np.ndarray:
    """Return a K x V start from a non-negative factorisation of the TF-IDF matrix.

    The NNDSVD start (:func:`nndsvd`) refined by ``iterations`` rounds of hierarchical
    alternating least squares (HALS, Cichocki & Phan 2009) minimising the Frobenius error
    of ``X ~ W H`` on the row-normalised TF-IDF matrix; no randomness. NMF of TF-IDF is
    the topic method whose topics change least when the documents change (Belford, Mac
    Namee & Greene 2018): on the UN General Debates (K = 20, three runs on different 80%
    subsamples) the top-10 terms of this factorisation overlap by a matched Jaccard of
    0.71 after 50 rounds (0.51 for NNDSVD alone), and as the start of LDA it carries much
    of that over (``bench/results/topics.md``). Rows sum to 1.

    Examples
    --------
    >>> bow = [[(0, 2), (1, 1)]] * 3 + [[(2, 2), (3, 1)]] * 3
    >>> start = nmf(bow, 4, 2)
    >>> start.shape, sorted(int(row.argmax()) for row in start)
    ((2, 4), [0, 2])
    """
    x = _matrix(bow, num_terms)
    h = nndsvd(bow, num_terms, k, x=x)
    w = np.asarray(x @ h.T) + 1e-9
    xt = sp.csr_matrix(x.T)
    for _ in range(iterations):
        xh, hh = np.asarray(x @ h.T), h @ h.T
        for j in range(k):
            w[:, j] = np.maximum(w[:, j] + (xh[:, j] - w @ hh[:, j]) / max(hh[j, j], 1e-12),
                                 1e-12)
        xw, ww = np.asarray(xt @ w), w.T @ w
        for j in range(k):
            h[j] = np.maximum(h[j] + (xw[:, j] - ww[j] @ h) / max(ww[j, j], 1e-12), 1e-12)
    h += 1e-3 * h.mean() + 1e-12
    return h / h.sum(axis=1, keepdims=True)


def seed_word_prior(dictionary: Dictionary, train: Bow,
                    seed_words: Mapping[str, Sequence[str]] | None, *, num_topics: int,
                    eta: Any = None, seed_weight: float = 0.5
                    ) -> tuple[Any, dict[int, np.ndarray]]:
    """Build the topic-word prior ``eta`` of guided topics and their starting rows.

    Topic ``t`` (in the order of ``seed_words``) gets a prior of ``seed_weight``
    pseudo-counts per occurrence of each of its seed words; every other topic is
    discouraged from them. Its start is the term profile of the documents that use them.

    Returns
    -------
    tuple
        ``eta`` (unchanged without seed words, else a K x V float32 matrix) and
        ``{topic: starting row}`` (rows sum to 1).

    Examples
    --------
    >>> docs = [["war", "army"], ["trade", "market"], ["war", "peace"]]
    >>> d = Dictionary(docs)
    >>> prior, rows = seed_word_prior(d, [d.doc2bow(x) for x in docs], {"war": ["war"]},
    ...                               num_topics=2)
    >>> prior.shape, list(rows), d[int(rows[0].argmax())]
    ((2, 5), [0], 'war')
    """
    if not seed_words:
        return eta, {}
    k, v = num_topics, len(dictionary)
    base = 1.0 / k if eta is None or isinstance(eta, str) else float(eta)
    prior = np.full((k, v), base)
    freq = np.zeros(v)
    for b in train:
        for i, c in b:
            freq[i] += c
    guided: dict[int, np.ndarray] = {}
    for topic, (name, words) in enumerate(seed_words.items()):
        ids = [dictionary.token2id[w] for w in words if w in dictionary.token2id]
        missing = [w for w in words if w not in dictionary.token2id]
        if missing:
            logger.warning("seed_words[%r]: not in the dictionary after filtering: %s",
                           name, missing)
        if not ids:
            raise ValueError(f"seed_words[{name!r}]={list(words)!r}: none of these words "
                             "is in the dictionary; check spelling and tokenisation")
        prior[:, ids] = base * 1e-2  # other topics are discouraged from seed words
        prior[topic, ids] = np.maximum(seed_weight * freq[ids], base)
        # start: the term profile of the documents that use the seed words
        row = np.full(v, 1e-6)
        for b in train:
            if any(i in ids for i, _ in b):
                for i, c in b:
                    row[i] += c
        row[ids] += freq[ids]
        guided[topic] = row / row.sum()
    return prior.astype(np.float32), guided


def _place_guided(start: np.ndarray, guided: Mapping[int, np.ndarray]) -> np.ndarray:
    """Put each guided topic's row where the start's most similar topic was.

    The start's topics closest to the guided topics (cosine, paired by the Hungarian
    algorithm) give way to them; the others fill the remaining positions in order. So a
    guided "trade" topic replaces the start's own trade topic instead of whichever topic
    happened to sit at its position.
    """
    k = start.shape[0]
    fixed = sorted(guided)
    rows = np.array([guided[t] for t in fixed])
    unit = start / np.maximum(np.linalg.norm(start, axis=1, keepdims=True), 1e-300)
    sim = (rows / np.linalg.norm(rows, axis=1, keepdims=True)) @ unit.T
    _, taken = linear_sum_assignment(-sim)
    rest = [i for i in range(k) if i not in set(taken.tolist())]
    out = np.empty_like(start)
    out[fixed] = rows
    out[[i for i in range(k) if i not in guided]] = start[rest]
    return out


def set_start(lda: LdaModel, train: Bow, *, init: str, guided: Mapping[int, np.ndarray],
              seed: int, start: np.ndarray | None = None) -> None:
    """Set the starting topic-word statistics of an untrained gensim model, in place.

    ``init="nmf"`` or ``"nndsvd"``: the :func:`nmf` or :func:`nndsvd` start (each guided
    topic's row replacing the start's most similar topic), scaled to the number of
    tokens and multiplied by Gamma(100, 1/100) noise drawn from ``seed``.
    ``init="random"``: gensim's random start, with the guided rows set. ``start`` (K x V,
    rows summing to 1), when given, replaces the computed start (the consensus topics of
    :mod:`toolkit.topics.ensemble`); the guided rows, noise and scaling are applied to it.
    """
    if start is not None or init in ("nndsvd", "nmf"):
        k = lda.num_topics
        if start is None:
            start = (nmf if init == "nmf" else nndsvd)(train, lda.num_terms, k)
        else:
            start = np.array(start, dtype=np.float64)
            if start.shape != (k, lda.num_terms):
                raise ValueError(f"start has shape {start.shape}; must be ({k}, {lda.num_terms})")
        if guided:
            start = _place_guided(start, guided)
        n_tokens = sum(c for b in train for _, c in b)
        noise = random_state(seed).gamma(100.0, 1.0 / 100.0, start.shape)
        lda.state.sstats = (start * (n_tokens / k) * noise).astype(np.float32)
        lda.sync_state()
    elif guided:
        for topic, rows in guided.items():
            lda.state.sstats[topic] = (rows * lda.state.sstats[topic].sum()).astype(np.float32)
        lda.sync_state()
