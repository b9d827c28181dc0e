"""Train gensim's LDA and read it back: the training run, document shares, topic order.

Used by :class:`toolkit.topics.TopicModel` (whose docstring explains the parameters) and
by the consensus fits of :mod:`toolkit.topics.ensemble`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from gensim.corpora import Dictionary
from gensim.models import LdaModel

from toolkit.topics.init import seed_word_prior, set_start

logger = logging.getLogger(__name__)

__all__ = ["infer_shares", "permute_topics", "prevalence_order", "train_lda"]


def train_lda(dictionary: Dictionary, train: list, *, num_topics: int, passes: int,
              iterations: int, chunksize: int, alpha: Any, eta: Any, decay: float,
              offset: float, gamma_threshold: float, init: str,
              seed_words: Mapping[str, Sequence[str]] | None, seed_weight: float, seed: int,
              start: np.ndarray | None = None) -> tuple[LdaModel, dict[int, np.ndarray]]:
    """Train gensim's ``LdaModel`` (one process) from the NNDSVD, random or given start.

    Returns the model and the starting rows of the guided topics (``{position: row}``).
    A start that fails (an SVD that does not converge, too few documents) is reported in
    the researcher's terms.

    Examples
    --------
    >>> docs = [["war", "war", "peace"]] * 12 + [["trade", "trade", "market"]] * 8
    >>> d = Dictionary(docs)
    >>> lda, guided = train_lda(d, [d.doc2bow(x) for x in docs], num_topics=2, passes=2,
    ...     iterations=50, chunksize=2000, alpha="symmetric", eta=None, decay=0.5,
    ...     offset=1.0, gamma_threshold=0.001, init="nndsvd", seed_words=None,
    ...     seed_weight=0.5, seed=1)
    >>> lda.num_topics, guided
    (2, {})
    """
    k = int(num_topics)
    eta, guided = seed_word_prior(dictionary, train, seed_words, num_topics=k, eta=eta,
                                  seed_weight=seed_weight)
    lda = LdaModel(id2word=dictionary, num_topics=k, alpha=alpha, eta=eta, random_state=seed,
                   eval_every=None, dtype=np.float32)
    try:
        set_start(lda, train, init=init, guided=guided, seed=seed, start=start)
    except (ArithmeticError, RuntimeError) as exc:  # ARPACK did not converge
        raise ValueError(
            f"the {init} start failed for num_topics={k} on {len(train)} documents and "
            f"{len(dictionary)} terms ({type(exc).__name__}: {exc}); use fewer topics or "
            "init='random'") from exc
    lda.update(train, chunksize=chunksize, passes=passes, iterations=iterations, decay=decay,
               offset=offset, gamma_threshold=gamma_threshold)
    return lda, guided


def infer_shares(lda: LdaModel, bow: list, *, seed: int) -> np.ndarray:
    """Return the topic proportions of bag-of-words documents (rows sum to 1).

    The per-document starts come from a fresh ``RandomState(seed)``, so the shares do not
    depend on what the model did before.
    """
    lda.random_state = np.random.RandomState(seed)
    theta = np.zeros((len(bow), lda.num_topics))
    for start in range(0, len(bow), 4096):
        gamma, _ = lda.inference(bow[start:start + 4096])
        theta[start:start + 4096] = gamma
    return theta / theta.sum(axis=1, keepdims=True)


def prevalence_order(theta: np.ndarray, n_guided: int) -> np.ndarray:
    """Positions in order of mean share, largest first; guided topics stay first.

    Examples
    --------
    >>> prevalence_order(np.array([[0.1, 0.2, 0.7], [0.1, 0.3, 0.6]]), 1).tolist()
    [0, 2, 1]
    """
    rest = np.arange(n_guided, theta.shape[1])
    share = theta[:, rest].mean(axis=0)
    return np.concatenate([np.arange(n_guided), rest[np.argsort(-share, kind="stable")]])


def permute_topics(lda: LdaModel, order: np.ndarray) -> None:
    """Renumber the topics of a freshly trained gensim model in place (position ``i``
    becomes the old position ``order[i]``)."""
    lda.state.sstats = np.ascontiguousarray(lda.state.sstats[order])
    if np.ndim(lda.eta) == 2:
        lda.eta = np.ascontiguousarray(lda.eta[order])
        lda.state.eta = lda.eta
    if np.ndim(lda.alpha) == 1:
        lda.alpha = np.ascontiguousarray(lda.alpha[order])
    lda.sync_state()
