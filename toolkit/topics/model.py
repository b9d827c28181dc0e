"""Fit LDA topic models (gensim) on token lists: the model object, ``fit``, top terms.

Re-exported by :mod:`toolkit.topics`, which documents the defaults.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd
from gensim.corpora import Dictionary
from gensim.models import LdaModel

from toolkit._core import DEFAULT_SEED, check_choice, random_state
from toolkit.schemas import validate_corpus

logger = logging.getLogger(__name__)

__all__ = [
    "TopicModel",
    "doc_topics",
    "fit",
    "tokenize",
    "top_terms",
]

Init = Literal["nndsvd", "random"]

def tokenize(corpus: pd.DataFrame, **options: Any) -> pd.Series:
    """Turn the texts of a Corpus table into token lists for topic models.

    A thin wrapper of :func:`toolkit.text.tokens` (stop words including diplomatic
    boilerplate, noun lemmas), kept here so that every topic function tokenises the
    same way. One default differs: **phrases are not joined** (``phrases=False``).
    Joining "climate change" into ``climate_change`` splits the counts of "climate",
    so topics list near-twins (``climate``, ``climate_change``; ``nuclear``,
    ``nuclear_weapon``) that rarely stand next to each other: on the UN General
    Debates 2010-2024 (K = 20, ``python -m bench.topics``) held-out NPMI was 0.069
    with phrases and 0.090 without, at the same stability (0.91 and 0.90). Pass
    ``phrases=True`` (or a dict of :func:`toolkit.text.detect_phrases` options) to
    join them anyway.

    Parameters
    ----------
    corpus
        A Corpus table.
    **options
        Passed to :func:`toolkit.text.tokens` (``phrases`` defaults to ``False`` here).

    Returns
    -------
    pandas.Series
        One token list per row of ``corpus``, indexed by ``doc_id``, in order;
        ``attrs["phrases"]`` is the phrase table used (``None`` without phrases): pass
        it as ``phrases=`` when tokenising held-out documents so they are treated the
        same way.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> tokenize(from_frame(pd.DataFrame({"text": ["Nuclear weapons threaten them all."]}))).tolist()
    [['nuclear', 'weapon', 'threaten']]
    """
    from toolkit.text import tokens as text_tokens

    validate_corpus(corpus)
    options.setdefault("phrases", False)
    return text_tokens(corpus, **options)


def _check_tokens(tokens: Any) -> list[list[str]]:
    if isinstance(tokens, str):
        raise TypeError("tokens expects a list of token lists, not a single string")
    tokens = list(tokens)
    for i, doc in enumerate(tokens[:50]):
        if isinstance(doc, str) or not isinstance(doc, (list, tuple)):
            raise TypeError(f"tokens[{i}] must be a list of str tokens, not "
                            f"{type(doc).__name__} (tokenise each document first)")
    return [list(d) for d in tokens]


def _nndsvd(bow: list[list[tuple[int, int]]], num_terms: int, k: int) -> np.ndarray:
    """Return a non-negative K x V start from the SVD of the TF-IDF matrix (deterministic)."""
    import scipy.sparse as sp
    from scipy.sparse.linalg import svds

    lengths = [len(b) for b in bow]
    rows = np.repeat(np.arange(len(bow)), lengths)
    cols = np.fromiter((i for b in bow for i, _ in b), dtype=np.int64, count=sum(lengths))
    vals = np.fromiter((c for b in bow for _, c in b), dtype=np.float64, count=sum(lengths))
    x = sp.csr_matrix((vals, (rows, cols)), shape=(len(bow), num_terms))
    idf = np.log(len(bow) / (1.0 + np.bincount(cols, minlength=num_terms)))
    x = sp.csr_matrix(x.multiply(np.maximum(idf, 0.0)))
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel()) + 1e-12
    x = sp.csr_matrix(x.multiply(1.0 / norms[:, None]))
    # a fixed start vector makes ARPACK deterministic
    v0 = np.full(min(x.shape), 1.0 / np.sqrt(min(x.shape)))
    u, s, vt = svds(x, k=k, v0=v0)
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

    def get_params(self) -> dict[str, Any]:
        """Return the parameters given to ``__init__`` (the cache key of a fit)."""
        names = ["num_topics", "passes", "iterations", "chunksize", "alpha", "eta", "decay",
                 "offset", "gamma_threshold", "no_below", "no_above", "keep_n", "no_above_parent",
                 "min_tokens",
                 "init", "seed_words", "seed_weight", "seed"]
        params = {n: getattr(self, n) for n in names}
        if params["seed_words"] is not None:
            params["seed_words"] = {k: list(v) for k, v in params["seed_words"].items()}
        return params

    def _check(self) -> None:
        if isinstance(self.num_topics, bool) or not isinstance(self.num_topics, (int, np.integer)):
            raise TypeError(f"num_topics must be an int, not {type(self.num_topics).__name__}")
        if self.num_topics < 1:
            raise ValueError(f"num_topics={self.num_topics!r} is invalid; must be >= 1")
        for name in ("passes", "iterations", "chunksize"):
            if int(getattr(self, name)) < 1:
                raise ValueError(f"{name}={getattr(self, name)!r} is invalid; must be >= 1")
        if not 0 < self.no_above <= 1:
            raise ValueError(f"no_above={self.no_above!r} is invalid; must be in (0, 1]")
        if self.no_above_parent is not None and not 0 < self.no_above_parent <= 1:
            raise ValueError(f"no_above_parent={self.no_above_parent!r} is invalid; must be in "
                             "(0, 1] or None")
        check_choice("init", self.init, ["nndsvd", "random"])
        if self.seed_words is not None:
            if not isinstance(self.seed_words, Mapping):
                raise TypeError("seed_words must be a mapping of topic name -> list of words, "
                                f"not {type(self.seed_words).__name__}")
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
        docs = _check_tokens(tokens)
        ids = [str(i) for i in range(len(docs))] if doc_ids is None else [str(d) for d in doc_ids]
        if len(ids) != len(docs):
            raise ValueError(f"doc_ids has {len(ids)} entries but tokens has {len(docs)}")
        k = int(self.num_topics)
        dictionary = Dictionary(docs)
        before = len(dictionary)
        # seed words of guided topics are never filtered away: the researcher asked for them
        protected = sorted({w for ws in (self.seed_words or {}).values() for w in ws})
        dictionary.filter_extremes(no_below=self.no_below, no_above=self.no_above,
                                   keep_n=self.keep_n, keep_tokens=protected or None)
        logger.info("dictionary: kept %d of %d terms (no_below=%d, no_above=%.2f, keep_n=%d)",
                    len(dictionary), before, self.no_below, self.no_above, self.keep_n)
        if len(dictionary) < 2:
            raise ValueError(f"only {len(dictionary)} terms left after filter_extremes("
                             f"no_below={self.no_below}, no_above={self.no_above}); lower "
                             "no_below or raise no_above")
        if parents is not None and self.no_above_parent is not None:
            self._drop_ubiquitous(dictionary, docs, list(parents), set(protected))
        bow = [dictionary.doc2bow(d) for d in docs]
        train = [b for b in bow if sum(c for _, c in b) >= self.min_tokens]
        if len(train) < len(bow):
            logger.info("removed %d of %d documents with fewer than %d tokens (%.1f%%) from "
                        "training", len(bow) - len(train), len(bow), self.min_tokens,
                        100 * (len(bow) - len(train)) / max(len(bow), 1))
        if len(train) < 2:
            raise ValueError(f"only {len(train)} documents have min_tokens={self.min_tokens} "
                             "tokens or more; need at least 2")
        eta, guided = self._prior(dictionary, train, k)
        lda = LdaModel(id2word=dictionary, num_topics=k, alpha=self.alpha, eta=eta,
                       random_state=self.seed, eval_every=None, dtype=np.float32)
        if self.init == "nndsvd":
            start = _nndsvd(train, len(dictionary), k)
            for topic, rows in guided.items():
                start[topic] = rows
            n_tokens = sum(c for b in train for _, c in b)
            noise = random_state(self.seed).gamma(100.0, 1.0 / 100.0, start.shape)
            lda.state.sstats = (start * (n_tokens / k) * noise).astype(np.float32)
            lda.sync_state()
        elif guided:
            for topic, rows in guided.items():
                lda.state.sstats[topic] = (rows * lda.state.sstats[topic].sum()).astype(np.float32)
            lda.sync_state()
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

    def _drop_ubiquitous(self, dictionary: Dictionary, docs: list[list[str]],
                         parents: list[str], protected: set[str]) -> None:
        if len(parents) != len(docs):
            raise ValueError(f"parents has {len(parents)} entries but tokens has {len(docs)}")
        n_parents = len(set(parents))
        if n_parents < 2:
            return
        seen: dict[int, set[str]] = {}
        for doc, parent in zip(docs, parents):
            for i in {dictionary.token2id[w] for w in doc if w in dictionary.token2id}:
                seen.setdefault(i, set()).add(parent)
        bad = sorted(i for i, ps in seen.items() if len(ps) > self.no_above_parent * n_parents
                     and dictionary[i] not in protected)
        if bad:
            logger.info("dictionary: removed %d terms used in more than %.0f%% of the %d parent "
                        "documents: %s", len(bad), 100 * self.no_above_parent, n_parents,
                        ", ".join(dictionary[i] for i in bad[:30]))
            dictionary.filter_tokens(bad_ids=bad)

    def _prior(self, dictionary: Dictionary, train: list, k: int
               ) -> tuple[Any, dict[int, np.ndarray]]:
        """Build the seed-word ``eta`` matrix and the guided topics' starting rows."""
        if not self.seed_words:
            return self.eta, {}
        v = len(dictionary)
        base = 1.0 / k if self.eta is None or isinstance(self.eta, str) else float(self.eta)
        eta = np.full((k, v), base)
        freq = np.zeros(v)
        for b in train:
            for i, c in b:
                freq[i] += c
        guided: dict[int, np.ndarray] = {}
        for topic, (name, words) in enumerate(self.seed_words.items()):
            ids = [dictionary.token2id[w] for w in words if w in dictionary.token2id]
            missing = [w for w in words if w not in dictionary.token2id]
            if missing:
                logger.warning("seed_words[%r]: not in the dictionary after filtering: %s",
                               name, missing)
            if not ids:
                raise ValueError(f"seed_words[{name!r}]={list(words)!r}: none of these words "
                                 "is in the dictionary; check spelling and tokenisation")
            eta[:, ids] = base * 1e-2  # other topics are discouraged from seed words
            eta[topic, ids] = np.maximum(self.seed_weight * freq[ids], base)
            # start: the term profile of the documents that use the seed words
            row = np.full(v, 1e-6)
            for b in train:
                if any(i in ids for i, _ in b):
                    for i, c in b:
                        row[i] += c
            row[ids] += freq[ids]
            guided[topic] = row / row.sum()
        return eta.astype(np.float32), guided

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
        docs = _check_tokens(tokens)
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
    toks = _check_tokens(tokenize(corpus) if tokens is None else tokens)
    if len(toks) != len(corpus):
        raise ValueError(f"tokens has {len(toks)} entries but corpus has {len(corpus)} rows")
    model = TopicModel(num_topics, seed=seed, **options)
    ids = corpus["doc_id"].tolist()
    parents = corpus["parent_id"].astype(str).tolist() if "parent_id" in corpus else None
    if not cache:
        return model.fit(toks, ids, parents=parents)
    from toolkit import cache as _cache

    key = {"tokens": toks, "doc_ids": ids, "parents": parents, "params": model.get_params()}
    return _cache.cached("topics.fit", key, lambda: model.fit(toks, ids, parents=parents))


def _fitted(model: Any) -> TopicModel:
    if not isinstance(model, TopicModel):
        raise TypeError(f"model must be a TopicModel (from toolkit.topics.fit), not "
                        f"{type(model).__name__}")
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
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n={n!r} is invalid; must be a positive int")
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

