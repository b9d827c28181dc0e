"""LDA topic models (gensim) on token lists: the model object, top terms, document shares.

Re-exported by :mod:`toolkit.topics`, which documents the defaults. The vocabulary comes
from :mod:`toolkit.topics.dictionary`, training from :mod:`toolkit.topics.training`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd
from gensim.corpora import Dictionary
from gensim.models import LdaModel

from toolkit._core import (
    DEFAULT_SEED,
    check_choice,
    check_int,
    check_type,
)
from toolkit.topics.dictionary import auto_no_below, build_dictionary, check_num_topics
from toolkit.topics.training import (
    check_params,
    infer_shares,
    permute_topics,
    prevalence_order,
    train_lda,
)
from toolkit.topics.tokens import check_tokens

logger = logging.getLogger(__name__)

__all__ = [
    "Init",
    "TopicModel",
    "doc_topics",
    "top_terms",
    "topic_ids",
]

#: The starts of :class:`TopicModel`: a non-negative SVD of the data, or gensim's random one.
Init = Literal["nmf", "nndsvd", "random"]

_PARAMS = ("num_topics", "passes", "iterations", "chunksize", "alpha", "eta", "decay", "offset",
           "gamma_threshold", "no_below", "no_above", "keep_n", "no_above_parent", "min_tokens",
           "init", "seed_words", "seed_weight", "seed")


class TopicModel:
    """Latent Dirichlet Allocation on token lists, with stable defaults (gensim ``LdaModel``).

    Follows scikit-learn's contract: ``__init__`` stores parameters, :meth:`fit` returns
    ``self``, learned attributes end in ``_``.

    Parameters
    ----------
    num_topics
        Number of topics K.
    passes, iterations, chunksize, alpha, eta, decay, offset, gamma_threshold
        As in :class:`gensim.models.LdaModel`. ``passes=None`` (default) makes about 16
        online updates, at least 2 passes: ``ceil(16 / chunks per pass)``, 2 passes for
        the 37,000 paragraphs of the UN debates and the 14,000 of a sweep run on the State
        of the Union addresses (where 3 passes took 50% longer and lowered both held-out
        NPMI and stability), 16 for 300 news stories (one chunk).
        From the NMF start held-out NPMI is highest after the first pass and stability
        flat after it, where the NNDSVD start needed about ten passes
        (``bench/results/topics.md``). ``offset=None`` (default), with ``init="nmf"``
        or a given start, is 64 per chunk after the first, so that the online learning
        rate ``(offset + t)^-decay`` starts low and the first chunk, a small sample of the
        corpus, refines the start instead of replacing it (with gensim's ``offset=1`` a
        third of the start's stability is lost; on the UN debates stability across
        subsamples is 0.64 with 16 per chunk, 0.66 with 64 or 256); 1 otherwise, and for
        a corpus of one chunk, where each update is a full M-step.
    no_below, no_above, keep_n
        Dictionary filter (:meth:`gensim.corpora.Dictionary.filter_extremes`): drop terms
        in fewer than ``no_below`` documents or more than ``no_above`` of them.
        ``no_below=None`` (default) takes it from the number of documents
        (:func:`toolkit.topics.dictionary.auto_no_below`: 5 from 250 documents on, down
        to 1 for a few dozen), so a small corpus keeps a vocabulary.
    no_above_parent
        With ``parents`` given to :meth:`fit` (paragraphs of speeches), also drop terms
        used in more than this share of the parent documents: the words nearly every
        speech uses ("country", "world", "united", "nations", "peace" in UN debates), which
        otherwise fill the top terms of every topic. ``None`` keeps them.
    min_tokens
        Documents with fewer tokens left after filtering are not used for training
        (they still get a row in :func:`doc_topics`); the count is logged.
    init
        ``"nmf"`` (default): start from a non-negative factorisation of the TF-IDF matrix
        (:func:`toolkit.topics.init.nmf`), whose topics change least when the documents
        change; ``"nndsvd"``: from a non-negative SVD of it (the factorisation's own
        start), so the topics found hardly depend on the seed but do depend on the
        sample; ``"random"``: gensim's random start.
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
        Topics renumbered by prevalence: position 0 is the largest topic
        (``lda_.show_topic(i)`` is the topic with id ``topic_ids_[i]``).
    doc_ids_ : list of str
    parent_ids_ : list of str
        The parent document of each document (its own id without ``parents``).
    weights_ : numpy.ndarray
        Tokens of each document left after the dictionary filters, the weights of
        document shares aggregated from paragraphs (:func:`doc_topics`).
    theta_ : numpy.ndarray
        Document-topic proportions, one row per document (rows sum to 1), one column per
        position.
    topic_ids_ : numpy.ndarray
        The id of each topic, the one every table and figure shows: ``0 .. K-1`` in order
        of prevalence after :meth:`fit`; :func:`toolkit.topics.align` gives a model the
        ids of a reference model's matching topics, so a topic keeps its id (and colour)
        across K, seeds and periods.
    topic_names_ : list of str
        Seed-word keys for guided topics, ``"topic <k>"`` for the others (by position).

    Examples
    --------
    >>> docs = [["war", "war", "peace"]] * 12 + [["trade", "trade", "market"]] * 8
    >>> model = TopicModel(2, passes=2, no_below=1, no_above=1.0, min_tokens=1).fit(docs)
    >>> model.theta_.shape
    (20, 2)
    """

    def __init__(self, num_topics: int = 20, *, passes: int | None = None,
                 iterations: int = 100,
                 chunksize: int = 2000, alpha: str | float | Sequence[float] = "symmetric",
                 eta: str | float | None = None, decay: float = 0.5,
                 offset: float | None = None,
                 gamma_threshold: float = 0.001, no_below: int | None = None,
                 no_above: float = 0.5,
                 keep_n: int = 100_000, no_above_parent: float | None = 0.8,
                 min_tokens: int = 5, init: Init = "nmf",
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
        check_params(self.get_params())

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
            ``no_above_parent`` and for document shares (:func:`doc_topics`).
        """
        dictionary, bow, train, ids, parents = self._prepare(tokens, doc_ids, parents)
        lda, guided = self.train_bow(dictionary, train)
        return self._finish(lda, len(guided), dictionary, bow, ids, parents)

    def _prepare(self, tokens: Sequence[Sequence[str]], doc_ids: Sequence[str] | None,
                 parents: Sequence[str] | None) -> tuple[Dictionary, list, list, list, list]:
        """Check everything, build the dictionary; return it, the bag of words of every
        document, the training documents (``min_tokens``), the ids and the parents."""
        self._check()
        docs = check_tokens(tokens)
        ids = [str(i) for i in range(len(docs))] if doc_ids is None else [str(d) for d in doc_ids]
        if len(ids) != len(docs):
            raise ValueError(f"doc_ids has {len(ids)} entries but tokens has {len(docs)}")
        if parents is not None and len(parents) != len(docs):
            raise ValueError(f"parents has {len(parents)} entries but tokens has {len(docs)}")
        given = None if parents is None else [str(p) for p in parents]
        no_below = auto_no_below(len(docs)) if self.no_below is None else self.no_below
        dictionary = build_dictionary(
            docs, no_below=no_below, no_above=self.no_above, keep_n=self.keep_n,
            keep={w for ws in (self.seed_words or {}).values() for w in ws},
            parents=given, no_above_parent=self.no_above_parent)
        bow = [dictionary.doc2bow(d) for d in docs]
        train = [b for b in bow if sum(c for _, c in b) >= self.min_tokens]
        if len(train) < len(bow):
            logger.info("removed %d of %d documents with fewer than %d tokens (%.1f%%) from "
                        "training", len(bow) - len(train), len(bow), self.min_tokens,
                        100 * (len(bow) - len(train)) / max(len(bow), 1))
        if len(train) < 2:
            raise ValueError(f"only {len(train)} documents have min_tokens={self.min_tokens} "
                             "tokens or more; need at least 2")
        check_num_topics(int(self.num_topics), len(train), len(dictionary), no_below=no_below,
                         total=len(bow), min_tokens=self.min_tokens)
        return dictionary, bow, train, ids, ids if given is None else given

    def _finish(self, lda: LdaModel, n_guided: int, dictionary: Dictionary, bow: list,
                ids: list[str], parents: list[str]) -> TopicModel:
        """Infer every document's shares, number topics by prevalence, set the attributes."""
        theta = self._infer(lda, bow)
        order = prevalence_order(theta, n_guided)
        permute_topics(lda, order)
        self.dictionary_ = dictionary
        self.lda_ = lda
        self.doc_ids_ = ids
        self.parent_ids_ = parents
        self.weights_ = np.array([sum(c for _, c in b) for b in bow], dtype=np.int64)
        self.theta_ = theta[:, order]
        self.topic_ids_ = np.arange(lda.num_topics)
        names = list(self.seed_words or {})
        self.topic_names_ = names + [f"topic {t}" for t in range(len(names), lda.num_topics)]
        return self

    def train_bow(self, dictionary: Dictionary, train: Iterable, *,
                  start: np.ndarray | None = None, passes: int | None = None,
                  seed: int | None = None) -> tuple[LdaModel, dict[int, np.ndarray]]:
        """Train gensim's model with this model's settings on bag-of-words documents.

        The training step of :meth:`fit` for documents held otherwise: streamed from
        ``MmCorpus`` files (:func:`toolkit.scale.lda.fit_topics`), resampled
        (:func:`toolkit.topics.ensemble.consensus_fit`). ``train``: ``(term id, count)``
        lists, or an iterable with a length that can be read more than once; ``start``:
        a K x V start (rows sum to 1) instead of ``init``; ``passes``, ``seed``: override
        the model's. The model is not changed. Returns gensim's ``LdaModel`` and the
        starting rows of the guided topics (``{position: row}``).

        Examples
        --------
        >>> d = Dictionary([["war", "peace"], ["trade", "market"]])
        >>> lda, guided = TopicModel(2, no_below=1, no_above=1.0).train_bow(
        ...     d, [d.doc2bow(["war", "war", "peace"])] * 12 + [d.doc2bow(["trade"])] * 8)
        >>> lda.num_topics, guided
        (2, {})
        """
        options = {n: getattr(self, n) for n in _PARAMS if n not in ("no_below", "no_above",
                                                                      "keep_n", "min_tokens",
                                                                      "no_above_parent")}
        chunks = -(-len(train) // int(self.chunksize))
        offset = self.offset if self.offset is not None else (
            max(1.0, 64.0 * (chunks - 1)) if self.init == "nmf" or start is not None else 1.0)
        passes = passes or self.passes or max(2, -(-16 // chunks))
        options.update(seed=self.seed if seed is None else seed, passes=int(passes),
                       offset=float(offset))
        return train_lda(dictionary, train, start=start, **options)

    def _infer(self, lda: LdaModel, bow: list) -> np.ndarray:
        return infer_shares(lda, bow, seed=self.seed)

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


def _fitted(model: Any) -> TopicModel:
    check_type("model", model, TopicModel, "a TopicModel (from toolkit.topics.fit)")
    model._check_fitted()
    return model


def topic_ids(model: TopicModel) -> np.ndarray:
    """Return the id of each topic position of a fitted model (``model.topic_ids_``).

    Examples
    --------
    >>> docs = [["war", "war", "peace"]] * 12 + [["trade", "trade", "market"]] * 8
    >>> topic_ids(TopicModel(2, passes=2, no_above=1.0, min_tokens=1).fit(docs)).tolist()
    [0, 1]
    """
    m = _fitted(model)
    return np.asarray(getattr(m, "topic_ids_", np.arange(m.theta_.shape[1])), dtype=np.int64)


def _by_id(model: TopicModel) -> tuple[np.ndarray, np.ndarray]:
    """Positions of the topics in order of their ids, and those ids."""
    ids = topic_ids(model)
    order = np.argsort(ids, kind="stable")
    return order, ids[order]


def top_terms(model: TopicModel, n: int = 10) -> pd.DataFrame:
    """Return the ``n`` most probable terms of every topic.

    Returns
    -------
    pandas.DataFrame
        Columns ``topic`` (the topic's id, :attr:`TopicModel.topic_ids_`), ``rank``
        (0-based), ``term``, ``weight`` (probability of the term in the topic), sorted by
        topic then rank.

    Examples
    --------
    >>> docs = [["war", "war", "peace"]] * 12 + [["trade", "trade", "market"]] * 8
    >>> m = TopicModel(2, passes=5, no_below=1, no_above=1.0, min_tokens=1).fit(docs)
    >>> top_terms(m, n=1)["term"].tolist()
    ['war', 'trade']
    """
    return _ranked(_fitted(model), model.topic_word_, n)


def _ranked(model: TopicModel, scores: np.ndarray, n: int) -> pd.DataFrame:
    """The ``n`` best terms per topic by ``scores`` (K x V, by position), in order of id."""
    check_int("n", n, minimum=1)
    n = min(int(n), scores.shape[1])
    words = model.dictionary_
    rows = []
    for pos, t in zip(*_by_id(model)):
        row = scores[pos]
        best = np.argsort(-row, kind="stable")[:n]
        rows += [(int(t), r, words[int(i)], float(row[i])) for r, i in enumerate(best)]
    return pd.DataFrame(rows, columns=["topic", "rank", "term", "weight"])


def doc_topics(model: TopicModel, *, aggregate: bool | None = None) -> pd.DataFrame:
    """Return the topic proportions of every document.

    Parameters
    ----------
    model
        A fitted model.
    aggregate
        ``True``: one row per parent document (:attr:`TopicModel.parent_ids_`), the mean
        of its paragraphs' proportions weighted by their tokens, i.e. the share of the
        document's modelled tokens assigned to each topic. ``False``: one row per modelled
        document (paragraph). ``None`` (default): aggregate when :func:`toolkit.topics.fit`
        split long documents into paragraphs itself, so the rows are the documents it was
        given.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``doc_id``, one float column per topic id; rows sum to 1.

    Examples
    --------
    >>> docs = [["war", "war", "peace"]] * 12 + [["trade", "trade", "market"]] * 8
    >>> m = TopicModel(2, passes=5, no_below=1, no_above=1.0, min_tokens=1).fit(docs)
    >>> dt = doc_topics(m)
    >>> dt.shape, bool(np.allclose(dt.sum(axis=1), 1))
    ((20, 2), True)
    >>> m = TopicModel(2, passes=5, no_below=1, no_above=1.0, min_tokens=1).fit(
    ...     docs, parents=["a"] * 12 + ["b"] * 8)
    >>> doc_topics(m, aggregate=True).round(1).to_numpy().tolist()
    [[1.0, 0.0], [0.0, 1.0]]
    """
    m = _fitted(model)
    order, ids = _by_id(m)
    columns = pd.Index(ids.tolist(), name="topic")
    if aggregate is None:
        aggregate = bool(getattr(m, "split_", False))
    theta = m.theta_[:, order]
    if not aggregate:
        return pd.DataFrame(theta, index=pd.Index(m.doc_ids_, name="doc_id"), columns=columns)
    parents = pd.Index(getattr(m, "parent_ids_", m.doc_ids_))
    codes, uniques = pd.factorize(parents)
    weights = np.asarray(getattr(m, "weights_", np.ones(len(parents))), dtype=np.float64)
    # a document whose paragraphs all lost every token counts them equally
    empty = np.bincount(codes, weights=weights, minlength=len(uniques)) == 0
    weights = np.where(empty[codes], 1.0, weights)
    sums = np.zeros((len(uniques), theta.shape[1]))
    np.add.at(sums, codes, theta * weights[:, None])
    shares = sums / sums.sum(axis=1, keepdims=True)
    return pd.DataFrame(shares, index=pd.Index(uniques.astype(str), name="doc_id"),
                        columns=columns)
