"""Train gensim's LDA and read it back: the training run, document shares, topic order.

Used by :class:`toolkit.topics.TopicModel` (whose docstring explains the parameters) and
by the consensus fits of :mod:`toolkit.topics.ensemble`.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np
from gensim.corpora import Dictionary
from gensim.models import LdaModel

from toolkit._core import check_choice, check_int, check_number, check_type
from toolkit.topics.init import seed_word_prior, set_start

logger = logging.getLogger(__name__)

__all__ = ["INITS", "check_params", "check_share", "infer_shares", "permute_topics",
           "prevalence_order", "train_lda"]


#: The starts a topic model can take.
INITS: tuple[str, ...] = ("nmf", "nndsvd", "random")


def check_share(name: str, value: Any, *, allow_none: bool = False) -> None:
    """Check a share in (0, 1].

    Examples
    --------
    >>> check_share("no_above", 0)
    Traceback (most recent call last):
    ...
    ValueError: no_above=0 is invalid; must be a number > 0 and <= 1
    """
    check_number(name, value, minimum=0, maximum=1, inclusive=(False, True),
                 allow_none=allow_none)


def check_params(params: Mapping[str, Any]) -> None:
    """Check the parameters of a :class:`toolkit.topics.TopicModel`; raise naming the first
    bad one (``TypeError`` for a wrong type, ``ValueError`` for a wrong value)."""
    check_int("num_topics", params["num_topics"], minimum=1)
    check_int("seed", params["seed"])
    for name in ("iterations", "chunksize"):
        check_int(name, params[name], minimum=1)
    check_int("passes", params["passes"], minimum=1, allow_none=True)
    check_int("keep_n", params["keep_n"], minimum=1, allow_none=True)
    check_number("offset", params["offset"], minimum=0, allow_none=True)
    check_number("decay", params["decay"], minimum=0, maximum=1)
    check_int("no_below", params["no_below"], minimum=0, allow_none=True)
    check_int("min_tokens", params["min_tokens"], minimum=0)
    check_share("no_above", params["no_above"])
    check_share("no_above_parent", params["no_above_parent"], allow_none=True)
    check_choice("init", params["init"], INITS)
    check_number("seed_weight", params["seed_weight"], minimum=0)
    words = params["seed_words"]
    if words is not None:
        check_type("seed_words", words, Mapping, "a mapping of topic name -> list of words")
        if len(words) > params["num_topics"]:
            raise ValueError(f"seed_words has {len(words)} topics but "
                             f"num_topics={params['num_topics']}; must be at most num_topics")
        for name, value in words.items():
            if isinstance(value, str) or not len(value):
                raise ValueError(f"seed_words[{name!r}]={value!r} is invalid; must be a "
                                 "non-empty list of words")


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
    with _blas_flags():
        lda.update(train, chunksize=chunksize, passes=passes, iterations=iterations,
                   decay=decay, offset=offset, gamma_threshold=gamma_threshold)
    _check_finite(lda.state.sstats, f"the topics of the model (K={k})")
    return lda, guided


@contextlib.contextmanager
def _blas_flags() -> Iterator[None]:
    """Inside the block, numpy does not warn of invalid operations (gensim's LDA arithmetic).

    OpenBLAS's kernels on some CPUs set the floating-point invalid flag without making a
    NaN, and numpy then warns "invalid value encountered in dot" from inside gensim
    (numpy issue 24067, OpenBLAS issue 1924). Seen here (AMD EPYC, OpenBLAS 0.3.31) in
    2 of 30 runs of a streamed fit, three at once on two cores, with 100 and 357 such
    warnings and not one NaN in the model, the shares or the document table
    (``python -m bench.blas``). The callers check the values instead
    (:func:`_check_finite`), which also catches a NaN that no flag announced.
    """
    with np.errstate(invalid="ignore"):
        yield


def _check_finite(values: np.ndarray, what: str) -> None:
    """Raise if ``values`` hold a NaN or an infinity (a numerical failure of the fit)."""
    bad = ~np.isfinite(values)
    if bad.any():
        raise FloatingPointError(
            f"{what}: {int(bad.sum())} of {values.size} values are not finite (NaN or "
            "infinity): the LDA arithmetic failed; please report it with the corpus and "
            "the parameters")


def infer_shares(lda: LdaModel, bow: list, *, seed: int | None) -> np.ndarray:
    """Return the topic proportions of bag-of-words documents (rows sum to 1).

    The per-document starts come from a fresh ``RandomState(seed)``, so the shares do not
    depend on what the model did before; ``seed=None`` continues the model's random
    stream (the streamed fit infers its partitions one after another as one stream).
    The values are checked finite (:func:`_check_finite`).
    """
    if seed is not None:
        lda.random_state = np.random.RandomState(seed)
    theta = np.zeros((len(bow), lda.num_topics))
    for start in range(0, len(bow), 4096):
        with _blas_flags():
            theta[start:start + 4096], _ = lda.inference(bow[start:start + 4096])
    _check_finite(theta, f"the topic shares of {len(bow)} documents")
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
