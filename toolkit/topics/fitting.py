"""Fit a topic model to a Corpus table: units, tokens, the model, the disk cache.

:func:`fit` is the entry point researchers call; :class:`toolkit.topics.TopicModel` does
the fitting on token lists. Re-exported by :mod:`toolkit.topics`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import pandas as pd

from toolkit._core import DEFAULT_SEED, check_int
from toolkit.cache import cached, lookup
from toolkit.schemas import validate_corpus
from toolkit.topics.ensemble import consensus_fit
from toolkit.topics.model import TopicModel
from toolkit.topics.tokens import check_tokens, tokenize
from toolkit.topics.units import Unit, is_long, model_units

logger = logging.getLogger(__name__)

__all__ = ["fit", "fit_tokens", "fitted_before", "prepare"]


def prepare(corpus: pd.DataFrame, tokens: Sequence[Sequence[str]] | None = None, *,
            unit: Unit = "auto", min_chars: int = 100
            ) -> tuple[pd.DataFrame, list[list[str]]]:
    """Return the units a model reads (paragraphs of long documents) and their tokens.

    With ``tokens`` (aligned with ``corpus``) the corpus is used as given: tokens cannot
    be split into paragraphs, so long whole documents get a warning instead.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> units, toks = prepare(from_frame(pd.DataFrame({"text": ["Nuclear weapons."]})))
    >>> len(units), toks
    (1, [['nuclear', 'weapon']])
    """
    validate_corpus(corpus)
    if tokens is None:
        units = model_units(corpus, unit, min_chars=min_chars)
        return units, check_tokens(tokenize(units))
    toks = check_tokens(tokens)
    if len(toks) != len(corpus):
        raise ValueError(f"tokens has {len(toks)} entries but corpus has {len(corpus)} rows")
    if unit != "document" and is_long(corpus):
        logger.warning("topics: the %d documents are long (median %d characters) and are "
                       "modelled whole because their tokens were given; topics of whole long "
                       "documents mix their themes: pass paragraphs "
                       "(toolkit.corpus.split_paragraphs) or no tokens", len(corpus),
                       int(corpus["text"].str.len().median()))
    return corpus, toks


def fit(corpus: pd.DataFrame, num_topics: int = 20, *, seed: int = DEFAULT_SEED,
        tokens: Sequence[Sequence[str]] | None = None, unit: Unit = "auto",
        min_chars: int = 100, ensemble: int = 1, cache: bool = True,
        **options: Any) -> TopicModel:
    """Fit an LDA topic model to a Corpus table (units, tokens, filters, training), cached.

    Parameters
    ----------
    corpus
        A Corpus table: documents, or paragraphs (``toolkit.corpus.split_paragraphs``).
    num_topics
        Number of topics.
    seed
        Seed of every random step; the same seed gives the same topics.
    tokens
        Token lists aligned with ``corpus`` (default: :func:`toolkit.topics.tokenize` of
        the units).
    unit
        What the model reads (:func:`toolkit.topics.units.model_units`): ``"auto"``
        models the paragraphs of long documents (median of 2,000 characters or more) and
        the documents otherwise; :func:`toolkit.topics.doc_topics` then adds paragraph
        shares back up to the documents given.
    min_chars
        Shortest paragraph kept when long documents are split.
    ensemble
        Number of member fits of the consensus model (:mod:`toolkit.topics.ensemble`);
        1 fits a single model.
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
    >>> from toolkit.topics.model import top_terms
    >>> texts = ["Nuclear weapons, disarmament and the treaty on nuclear arms."] * 6 + [
    ...     "Trade, markets, tariffs and economic growth in the markets."] * 6
    >>> corpus = from_frame(pd.DataFrame({"text": texts}))
    >>> model = fit(corpus, 2, passes=5, no_below=1, no_above=1.0, min_tokens=1, cache=False)
    >>> sorted(top_terms(model, n=1)["term"])
    ['market', 'nuclear']
    """
    units, toks = prepare(corpus, tokens, unit=unit, min_chars=min_chars)
    split = bool(units.attrs.get("split", False)) and units is not corpus
    parents = units["parent_id"].astype(str).tolist() if "parent_id" in units else None
    return fit_tokens(toks, units["doc_id"].astype(str).tolist(), num_topics, parents=parents,
                      seed=seed, split=split, ensemble=ensemble, cache=cache, **options)


def fit_tokens(tokens: Sequence[Sequence[str]], doc_ids: Sequence[str], num_topics: int, *,
               parents: Sequence[str] | None = None, seed: int = DEFAULT_SEED,
               split: bool = False, ensemble: int = 1, cache: bool = True,
               **options: Any) -> TopicModel:
    """Fit a topic model to token lists with their ids, cached: :func:`fit` after its units.

    ``split`` records that the documents are paragraphs :func:`fit` split itself, so
    :func:`toolkit.topics.doc_topics` adds their shares back up to the documents.

    Examples
    --------
    >>> docs = [["war", "war", "peace"]] * 12 + [["trade", "trade", "market"]] * 8
    >>> m = fit_tokens(docs, [str(i) for i in range(20)], 2, no_above=1.0, min_tokens=1,
    ...                cache=False)
    >>> m.theta_.shape
    (20, 2)
    """
    check_int("ensemble", ensemble, minimum=1)
    model, toks, ids, parents = _inputs(tokens, doc_ids, num_topics, parents, seed, options)

    def compute() -> TopicModel:
        fitted = (model.fit(toks, ids, parents=parents) if ensemble == 1 else
                  consensus_fit(model, toks, ids, parents=parents, members=ensemble))
        fitted.split_ = split
        return fitted

    if not cache:
        return compute()
    return cached("topics.fit", _key(model, toks, ids, parents, split, ensemble), compute)


def _inputs(tokens: Sequence[Sequence[str]], doc_ids: Sequence[str], num_topics: int,
            parents: Sequence[str] | None, seed: int, options: dict[str, Any]
            ) -> tuple[TopicModel, list[list[str]], list[str], list[str] | None]:
    """The unfitted model and the checked tokens, ids and parents of :func:`fit_tokens`."""
    toks = check_tokens(tokens)  # checked first, as before: the same error for bad input
    ids = [str(d) for d in doc_ids]
    parent_ids = None if parents is None else [str(p) for p in parents]
    return TopicModel(num_topics, seed=seed, **options), toks, ids, parent_ids


def _key(model: TopicModel, toks: list[list[str]], ids: list[str], parents: list[str] | None,
         split: bool, ensemble: int) -> dict[str, Any]:
    """What a fit depends on: the cache key of :func:`fit_tokens`."""
    params = model.get_params()
    if params["seed_words"] is not None:  # the same words as lists or tuples: the same key
        params["seed_words"] = {k: list(v) for k, v in params["seed_words"].items()}
    return {"tokens": toks, "doc_ids": ids, "parents": parents, "params": params,
            "split": split, "ensemble": ensemble}


def fitted_before(tokens: Sequence[Sequence[str]], doc_ids: Sequence[str], num_topics: int, *,
                  parents: Sequence[str] | None = None, seed: int = DEFAULT_SEED,
                  split: bool = False, ensemble: int = 1, **options: Any
                  ) -> TopicModel | None:
    """The model :func:`fit_tokens` would load from the disk cache, or None: nothing is fitted.

    Examples
    --------
    >>> docs = [["war", "war", "peace"]] * 12 + [["trade", "trade", "market"]] * 8
    >>> ids = [str(i) for i in range(20)]
    >>> fitted_before(docs, ids, 2, no_above=1.0, min_tokens=1, seed=99) is None
    True
    """
    model, toks, ids, parents = _inputs(tokens, doc_ids, num_topics, parents, seed, options)
    found, value = lookup("topics.fit", _key(model, toks, ids, parents, split, ensemble))
    return value if found else None
