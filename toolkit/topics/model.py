"""Fit LDA topic models (gensim) on token lists: the model object, ``fit``, top terms.

Re-exported by :mod:`toolkit.topics`, which documents the defaults. The vocabulary is
built by :mod:`toolkit.topics.dictionary`, the start and the guided topics' priors by
:mod:`toolkit.topics.init`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd
from gensim.models import LdaModel

from toolkit._core import (
    DEFAULT_SEED,
    check_choice,
    check_int,
    check_number,
    check_type,
)
from toolkit.cache import cached
from toolkit.schemas import validate_corpus
from toolkit.topics.dictionary import build_dictionary
from toolkit.topics.init import seed_word_prior, set_start
from toolkit.topics.tokens import check_tokens, tokenize

logger = logging.getLogger(__name__)

__all__ = [
    "Init",
    "TopicModel",
    "doc_topics",
    "fit",
    "top_terms",
]

#: The starts of :class:`TopicModel`: a non-negative SVD of the data, or gensim's random one.
Init = Literal["nndsvd", "random"]

_PARAMS = ("num_topics", "passes", "iterations", "chunksize", "alpha", "eta", "decay", "offset",
           "gamma_threshold", "no_below", "no_above", "keep_n", "no_above_parent", "min_tokens",
           "init", "seed_words", "seed_weight", "seed")


def _check_share(name: str, value: Any, *, allow_none: bool = False) -> None:
    """Check a share in (0, 1]."""
    check_number(name, value, minimum=0, maximum=1, inclusive=(False, True),
                 allow_none=allow_none)


class TopicModel:
    """Latent Dirichlet Allocation on token lists, with stable defaults (gensim ``LdaModel``).

    Follows scikit-learn's contract: ``__init__`` stores parameters, :meth:`fit` returns
    ``self``, learned attributes end in ``_``.

    Parameters
    ----------
    num_topics
        Number of topics K.
    passes, iterations, chunksize, alpha, eta, decay, offset, gamma_threshold
        As in :class:`gensim.models.LdaModel` (whose defaults, ``passes=1`` and
        ``iterations=50``, stop long before convergence). ``passes=10`` and
        ``iterations=100`` are the settings measured in ``bench/results/topics.md``.
    no_below, no_above, keep_n
        Dictionary filter (:meth:`gensim.corpora.Dictionary.filter_extremes`): drop terms
        in fewer than ``no_below`` documents or more than ``no_above`` of them.
    no_above_parent
        With ``parents`` given to :meth:`fit` (paragraphs of speeches), also drop terms
        used in more than this share of the parent documents: the words nearly every
        speech uses ("country", "world", "united", "nations", "peace" in UN debates), which
        otherwise fill the top terms of every topic. ``None`` keeps them.
    min_tokens
        Documents with fewer tokens left after filtering are not used for training
        (they still get a row in :func:`doc_topics`); the count is logged.
    init
        ``"nndsvd"`` (default): start from a non-negative SVD of the data, so the topics
        found hardly depend on the seed; ``"random"``: gensim's random start.
    seed_words
        Guided topics: ``{"climate": ["climate", "warming"], ...}``; each entry becomes
        one topic (ids 0, 1, ... in the given order, named by its key) whose prior
        ``eta`` favours its seed words and whose start is built from them. Seed words
        are exempt from the dictionary filters (words absent from the texts are logged).
    seed_weight
        Strength of the seed-word prior, in pseudo-counts per occurrence of the word in
        the corpus (0.5: as if half of every seed word's uses were already assigned).
    seed
        Seed of every random step.

    Attributes
    ----------
    dictionary_ : gensim.corpora.Dictionary
    lda_ : gensim.models.LdaModel
        Topics renumbered by prevalence (``lda_.show_topic(0)`` is topic 0 here too).
    doc_ids_ : list of str
    theta_ : numpy.ndarray
        Document-topic proportions, one row per document (rows sum to 1).
    topic_names_ : list of str
        Seed-word keys for guided topics, ``"topic <k>"`` for the others.

    Examples
    --------
    >>> docs = [["war", "war", "peace"]] * 12 + [["trade", "trade", "market"]] * 8
    >>> model = TopicModel(2, passes=2, no_below=1, no_above=1.0, min_tokens=1).fit(docs)
    >>> model.theta_.shape
    (20, 2)
    """

    def __init__(self, num_topics: int = 20, *, passes: int = 10, iterations: int = 100,
                 chunksize: int = 2000, alpha: str | float | Sequence[float] = "symmetric",
                 eta: str | float | None = None, decay: float = 0.5, offset: float = 1.0,
                 gamma_threshold: float = 0.001, no_below: int = 5, no_above: float = 0.5,
                 keep_n: int = 100_000, no_above_parent: float | None = 0.8,
                 min_tokens: int = 5, init: Init = "nndsvd",
                 seed_words: Mapping[str, Sequence[str]] | None = None,
                 seed_weight: float = 0.5, seed: int = DEFAULT_SEED) -> None:
        self.num_topics = num_topics
        self.passes = passes
        self.iterations = iterations
        self.chunksize = chunksize
        self.alpha = alpha
        self.eta = eta
        self.decay = decay
        self.offset = offset
        self.gamma_threshold = gamma_threshold
        self.no_below = no_below
        self.no_above = no_above
        self.keep_n = keep_n
        self.no_above_parent = no_above_parent
        self.min_tokens = min_tokens
        self.init = init
        self.seed_words = seed_words
        self.seed_weight = seed_weight
        self.seed = seed

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """Return the parameters given to ``__init__``, as given.

        ``deep`` is accepted for scikit-learn compatibility (there are no nested estimators).
        """
        return {n: getattr(self, n) for n in _PARAMS}

    def set_params(self, **params: Any) -> TopicModel:
        """Set parameters by name (scikit-learn's contract); return ``self``."""
        for name, value in params.items():
            check_choice("parameter", name, _PARAMS)
            setattr(self, name, value)
        return self

    def _check(self) -> None:
        check_int("num_topics", self.num_topics, minimum=1)
        check_int("seed", self.seed)
        for name in ("passes", "iterations", "chunksize"):
            check_int(name, getattr(self, name), minimum=1)
        check_int("keep_n", self.keep_n, minimum=1, allow_none=True)
        check_int("no_below", self.no_below, minimum=0)
        check_int("min_tokens", self.min_tokens, minimum=0)
        _check_share("no_above", self.no_above)
        _check_share("no_above_parent", self.no_above_parent, allow_none=True)
        check_choice("init", self.init, ["nndsvd", "random"])
        check_number("seed_weight", self.seed_weight, minimum=0)
        if self.seed_words is not None:
            check_type("seed_words", self.seed_words, Mapping,
                       "a mapping of topic name -> list of words")
            if len(self.seed_words) > self.num_topics:
                raise ValueError(f"seed_words has {len(self.seed_words)} topics but "
                                 f"num_topics={self.num_topics}; must be at most num_topics")
            for name, words in self.seed_words.items():
                if isinstance(words, str) or not len(words):
                    raise ValueError(f"seed_words[{name!r}]={words!r} is invalid; must be a "
                                     "non-empty list of words")

    def fit(self, tokens: Sequence[Sequence[str]], doc_ids: Sequence[str] | None = None, *,
            parents: Sequence[str] | None = None) -> TopicModel:
        """Fit the model to token lists (one per document); return ``self``.

        Parameters
        ----------
        tokens
            One list of tokens per document.
        doc_ids
            Identifiers of the documents (default ``"0"``, ``"1"``, ...).
        parents
            The parent document of each document (``parent_id`` of paragraphs), for
            ``no_above_parent``.
        """
        self._check()
        docs = check_tokens(tokens)
        ids = [str(i) for i in range(len(docs))] if doc_ids is None else [str(d) for d in doc_ids]
        if len(ids) != len(docs):
            raise ValueError(f"doc_ids has {len(ids)} entries but tokens has {len(docs)}")
        k = int(self.num_topics)
        dictionary = build_dictionary(
            docs, no_below=self.no_below, no_above=self.no_above, keep_n=self.keep_n,
            keep={w for ws in (self.seed_words or {}).values() for w in ws},
            parents=None if parents is None else list(parents),
            no_above_parent=self.no_above_parent)
        bow = [dictionary.doc2bow(d) for d in docs]
        train = [b for b in bow if sum(c for _, c in b) >= self.min_tokens]
        if len(train) < len(bow):
            logger.info("removed %d of %d documents with fewer than %d tokens (%.1f%%) from "
                        "training", len(bow) - len(train), len(bow), self.min_tokens,
                        100 * (len(bow) - len(train)) / max(len(bow), 1))
        if len(train) < 2:
            raise ValueError(f"only {len(train)} documents have min_tokens={self.min_tokens} "
                             "tokens or more; need at least 2")
        eta, guided = seed_word_prior(dictionary, train, self.seed_words, num_topics=k,
                                      eta=self.eta, seed_weight=self.seed_weight)
        lda = LdaModel(id2word=dictionary, num_topics=k, alpha=self.alpha, eta=eta,
                       random_state=self.seed, eval_every=None, dtype=np.float32)
        set_start(lda, train, init=self.init, guided=guided, seed=self.seed)
        lda.update(train, chunksize=self.chunksize, passes=self.passes,
                   iterations=self.iterations, decay=self.decay, offset=self.offset,
                   gamma_threshold=self.gamma_threshold)
        theta = self._infer(lda, bow)
        order = self._order(theta, len(guided))
        _permute(lda, order)
        self.dictionary_ = dictionary
        self.lda_ = lda
        self.doc_ids_ = ids
        self.theta_ = theta[:, order]
        names = list(self.seed_words or {})
        self.topic_names_ = names + [f"topic {t}" for t in range(len(names), k)]
        return self

    def _infer(self, lda: LdaModel, bow: list) -> np.ndarray:
        # a fresh random state: the document starts do not depend on training history
        lda.random_state = np.random.RandomState(self.seed)
        theta = np.zeros((len(bow), lda.num_topics))
        for start in range(0, len(bow), 4096):
            gamma, _ = lda.inference(bow[start:start + 4096])
            theta[start:start + 4096] = gamma
        return theta / theta.sum(axis=1, keepdims=True)

    def _order(self, theta: np.ndarray, n_guided: int) -> np.ndarray:
        rest = np.arange(n_guided, theta.shape[1])
        share = theta[:, rest].mean(axis=0)
        return np.concatenate([np.arange(n_guided), rest[np.argsort(-share, kind="stable")]])

    def _check_fitted(self) -> None:
        if not hasattr(self, "lda_"):
            raise ValueError("this TopicModel is not fitted yet; call fit(tokens) first")

    def transform(self, tokens: Sequence[Sequence[str]]) -> np.ndarray:
        """Return topic proportions of new token lists (rows sum to 1)."""
        self._check_fitted()
        docs = check_tokens(tokens)
        return self._infer(self.lda_, [self.dictionary_.doc2bow(d) for d in docs])

    @property
    def topic_word_(self) -> np.ndarray:
        """The K x V topic-word probability matrix (rows sum to 1)."""
        self._check_fitted()
        return self.lda_.get_topics().astype(np.float64)

    def __repr__(self) -> str:
        fitted = f", fitted on {len(self.doc_ids_)} docs" if hasattr(self, "doc_ids_") else ""
        return f"TopicModel(num_topics={self.num_topics}, seed={self.seed}{fitted})"


def _permute(lda: LdaModel, order: np.ndarray) -> None:
    """Renumber the topics of a fitted gensim model in place (it is ours, just trained)."""
    lda.state.sstats = np.ascontiguousarray(lda.state.sstats[order])
    if np.ndim(lda.eta) == 2:
        lda.eta = np.ascontiguousarray(lda.eta[order])
        lda.state.eta = lda.eta
    if np.ndim(lda.alpha) == 1:
        lda.alpha = np.ascontiguousarray(lda.alpha[order])
    lda.sync_state()


def fit(corpus: pd.DataFrame, num_topics: int = 20, *, seed: int = DEFAULT_SEED,
        tokens: Sequence[Sequence[str]] | None = None, cache: bool = True,
        **options: Any) -> TopicModel:
    """Fit an LDA topic model to a Corpus table (tokenise, filter, train), with caching.

    Parameters
    ----------
    corpus
        A Corpus table; each row is one document (paragraphs work better than whole
        speeches: ``load(..., paragraphs=True)``).
    num_topics
        Number of topics.
    seed
        Seed of every random step; the same seed gives the same topics.
    tokens
        Token lists aligned with ``corpus`` (default: :func:`tokenize`).
    cache
        Store the fitted model on disk (:func:`toolkit.cache.cached`), keyed by the
        tokens, the parameters and the library versions, so a re-run does not retrain.
    **options
        Any parameter of :class:`TopicModel` (``passes``, ``no_below``, ``seed_words``...).

    Returns
    -------
    TopicModel
        Fitted; ``model.lda_`` is the gensim model.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> texts = ["Nuclear weapons, disarmament and the treaty on nuclear arms."] * 6 + [
    ...     "Trade, markets, tariffs and economic growth in the markets."] * 6
    >>> corpus = from_frame(pd.DataFrame({"text": texts}))
    >>> model = fit(corpus, 2, passes=5, no_below=1, no_above=1.0, min_tokens=1, cache=False)
    >>> sorted(top_terms(model, n=1)["term"])
    ['market', 'nuclear']
    """
    validate_corpus(corpus)
    toks = check_tokens(tokenize(corpus) if tokens is None else tokens)
    if len(toks) != len(corpus):
        raise ValueError(f"tokens has {len(toks)} entries but corpus has {len(corpus)} rows")
    model = TopicModel(num_topics, seed=seed, **options)
    ids = corpus["doc_id"].tolist()
    parents = corpus["parent_id"].astype(str).tolist() if "parent_id" in corpus else None
    if not cache:
        return model.fit(toks, ids, parents=parents)
    params = model.get_params()
    if params["seed_words"] is not None:  # the same words as lists or tuples: the same key
        params["seed_words"] = {k: list(v) for k, v in params["seed_words"].items()}
    key = {"tokens": toks, "doc_ids": ids, "parents": parents, "params": params}
    return cached("topics.fit", key, lambda: model.fit(toks, ids, parents=parents))


def _fitted(model: Any) -> TopicModel:
    check_type("model", model, TopicModel, "a TopicModel (from toolkit.topics.fit)")
    model._check_fitted()
    return model


def top_terms(model: TopicModel, n: int = 10) -> pd.DataFrame:
    """Return the ``n`` most probable terms of every topic.

    Returns
    -------
    pandas.DataFrame
        Columns ``topic`` (int), ``rank`` (0-based), ``term``, ``weight`` (probability of
        the term in the topic), sorted by topic then rank.

    Examples
    --------
    >>> docs = [["war", "war", "peace"]] * 12 + [["trade", "trade", "market"]] * 8
    >>> m = TopicModel(2, passes=5, no_below=1, no_above=1.0, min_tokens=1).fit(docs)
    >>> top_terms(m, n=1)["term"].tolist()
    ['war', 'trade']
    """
    return _ranked(_fitted(model), model.topic_word_, n)


def _ranked(model: TopicModel, scores: np.ndarray, n: int) -> pd.DataFrame:
    check_int("n", n, minimum=1)
    n = min(int(n), scores.shape[1])
    words = model.dictionary_
    rows = []
    for t, row in enumerate(scores):
        best = np.argsort(-row, kind="stable")[:n]
        rows += [(t, r, words[int(i)], float(row[i])) for r, i in enumerate(best)]
    return pd.DataFrame(rows, columns=["topic", "rank", "term", "weight"])


def doc_topics(model: TopicModel) -> pd.DataFrame:
    """Return the topic proportions of every training document.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``doc_id``, one float column per topic (ints ``0..K-1``); rows sum to 1.

    Examples
    --------
    >>> docs = [["war", "war", "peace"]] * 12 + [["trade", "trade", "market"]] * 8
    >>> m = TopicModel(2, passes=5, no_below=1, no_above=1.0, min_tokens=1).fit(docs)
    >>> dt = doc_topics(m)
    >>> dt.shape, bool(np.allclose(dt.sum(axis=1), 1))
    ((20, 2), True)
    """
    m = _fitted(model)
    return pd.DataFrame(m.theta_, index=pd.Index(m.doc_ids_, name="doc_id"),
                        columns=pd.Index(range(m.theta_.shape[1]), name="topic"))

