"""Covariate effects on topic prevalence, with intervals that carry the topic shares' uncertainty.

:func:`estimate_effects` regresses each topic's share of a document on the document's
covariates, as stm's ``estimateEffect`` does (Roberts, Stewart & Tingley 2019), by the
*method of composition*: the shares are estimates, so instead of regressing on them once
it

1. draws every document's shares from their posterior: gensim's variational posterior
   is Dirichlet(gamma_d) with gamma_d = theta_d * (sum(alpha) + n_d), n_d the document's
   tokens in the vocabulary (a short paragraph's shares are uncertain, a long one's
   are not);
2. fits the regression (least squares) to each draw;
3. draws coefficients from each fit's sampling distribution, N(b, V), with V
   cluster-robust by parent document by default (paragraphs of one speech are not
   independent; stm uses the plain OLS V, ``cluster=None`` here);
4. pools the draws: estimates are their mean, intervals their percentiles.

``uncertainty="none"`` skips step 1 (one regression on the point estimates of the
shares): the naive interval, narrower because it ignores that the shares are estimated.
The model is linear in the shares (as stm's), so a share near 0 can be predicted below 0.

**The spec** is a formula's right-hand side: terms joined by ``+``; ``s(date)`` or
``s(date, 5)`` is a natural cubic spline with 5 degrees of freedom (knots at quantiles,
linear beyond the boundary knots) of a date or numeric column; a text, boolean or
category column (``party``, ``source``) is categorical (one indicator per level but the
first); another numeric column enters linearly.

**The table** (:attr:`Effects.table`, columns :data:`EFFECT_COLUMNS`) holds the
*expected share* of each topic when every document takes the covariate's value and
keeps its other covariates (the average prediction): one row per level of a
categorical covariate, five evenly spaced values of a smooth or numeric one.
:func:`effect_curve` gives the smooth on a fine grid, :func:`effect_contrast` the
difference (or ratio) between two values.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from toolkit._core import (
    DEFAULT_SEED,
    check_choice,
    check_int,
    check_number,
    check_type,
    random_state,
)
from toolkit.schemas import validate_corpus
from toolkit.topics.covariates import Term, design_matrix, parse_spec, value_grid
from toolkit.topics.model import TopicModel, doc_topics
from toolkit.topics.prevalence import _corpus_rows
from toolkit.topics.tokens import check_tokens, tokenize

logger = logging.getLogger(__name__)

__all__ = ["EFFECT_COLUMNS", "Effects", "effect_contrast", "effect_curve", "estimate_effects"]

#: Columns of :attr:`Effects.table` and of :func:`effect_curve` output (with ``covariate``).
EFFECT_COLUMNS: tuple[str, ...] = ("topic", "covariate", "value", "estimate", "lower", "upper")


@dataclasses.dataclass(frozen=True)
class Effects:
    """The result of :func:`estimate_effects`.

    Attributes
    ----------
    table : pandas.DataFrame
        Expected topic shares per covariate value (columns :data:`EFFECT_COLUMNS`).
    coefficients : pandas.DataFrame
        Pooled draws' mean (``estimate``), ``lower`` and ``upper`` per topic and design
        column (``term``).
    draws : numpy.ndarray
        The pooled coefficient draws, ``(n_sims * n_draws, n_columns, K)``, topics in the
        order of ``topic_ids``.
    spec, uncertainty, cluster, level, n_sims, n_draws, n_documents
        How the effects were estimated.
    topic_ids : tuple
        The id of each topic (the model's :func:`~toolkit.topics.topic_ids`, kept by
        :func:`~toolkit.topics.align`), as the tables show them.
    """

    table: pd.DataFrame
    coefficients: pd.DataFrame
    draws: np.ndarray
    spec: str
    uncertainty: str
    cluster: str | None
    level: float
    n_sims: int
    n_draws: int
    n_documents: int
    terms: tuple[Term, ...] = dataclasses.field(repr=False)
    frame: pd.DataFrame = dataclasses.field(repr=False)  # covariates of the documents used
    topic_ids: tuple[Any, ...] = ()

    def _info(self) -> dict[str, Any]:
        return {"spec": self.spec, "uncertainty": self.uncertainty, "cluster": self.cluster,
                "level": self.level, "n_sims": self.n_sims, "n_draws": self.n_draws,
                "n_documents": self.n_documents}


def _lengths(model: TopicModel, tokens: Any, corpus: pd.DataFrame, rows: np.ndarray
             ) -> np.ndarray:
    """Tokens of each model document that are in the model's vocabulary."""
    if tokens is None and hasattr(model, "weights_"):  # counted by the fit itself
        return np.asarray(model.weights_, dtype=float)
    if tokens is None:
        if (rows < 0).any() or (corpus["doc_id"].astype(str).to_numpy()[rows]
                                != np.asarray(model.doc_ids_, dtype=str)).any():
            raise ValueError("corpus is not the table the model was fitted on (its doc_ids "
                             "differ); pass tokens= (the token lists of the fit)")
        tokens = tokenize(corpus.iloc[rows])
    docs = check_tokens(tokens)
    if len(docs) != len(model.doc_ids_):
        raise ValueError(f"tokens has {len(docs)} entries but the model has "
                         f"{len(model.doc_ids_)} documents")
    vocab = model.dictionary_.token2id
    return np.array([sum(w in vocab for w in d) for d in docs], dtype=float)


def _draw_shares(theta: np.ndarray, conc: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One draw of every document's shares from Dirichlet(theta_d * conc_d)."""
    g = rng.standard_gamma(np.maximum(theta * conc[:, None], 1e-10))
    total = g.sum(axis=1, keepdims=True)
    return np.where(total > 0, g / np.where(total > 0, total, 1), theta)


def _vcov(x: np.ndarray, inv: np.ndarray, resid: np.ndarray, clusters: np.ndarray | None
          ) -> np.ndarray:
    """Sampling covariance of the coefficients of every topic, (K, p, p)."""
    n, p = x.shape
    if clusters is None:  # classical OLS
        sigma2 = (resid ** 2).sum(axis=0) / max(n - p, 1)
        return sigma2[:, None, None] * inv[None]
    starts = np.flatnonzero(np.r_[True, clusters[1:] != clusters[:-1]])
    g = len(starts)
    scores = np.add.reduceat(x[:, :, None] * resid[:, None, :], starts, axis=0)  # (G, p, K)
    meat = np.einsum("gpk,gqk->kpq", scores, scores)
    factor = g / max(g - 1, 1) * (n - 1) / max(n - p, 1)  # CR1, as Stata's
    return factor * inv[None] @ meat @ inv[None]


def _fit_draws(x: np.ndarray, theta: np.ndarray, conc: np.ndarray, clusters: np.ndarray | None,
               n_sims: int, n_draws: int, global_: bool, rng: np.random.Generator
               ) -> np.ndarray:
    inv = np.linalg.inv(x.T @ x)
    proj = inv @ x.T
    p, k = x.shape[1], theta.shape[1]
    out = np.empty((n_sims * n_draws, p, k))
    for s in range(n_sims):
        y = _draw_shares(theta, conc, rng) if global_ else theta
        coef = proj @ y
        cov = _vcov(x, inv, y - x @ coef, clusters)
        vals, vecs = np.linalg.eigh(cov)  # a square root that tolerates a singular cov
        root = vecs * np.sqrt(np.maximum(vals, 0))[:, None, :]  # (K, p, p)
        z = rng.standard_normal((n_draws, k, p))
        out[s * n_draws:(s + 1) * n_draws] = coef[None] + np.einsum("kpq,dkq->dpk", root, z)
    return out


def _summary(values: np.ndarray, level: float) -> tuple[np.ndarray, ...]:
    """Mean and percentile interval over the last axis."""
    tail = (1 - level) / 2
    return (values.mean(axis=-1), np.quantile(values, tail, axis=-1),
            np.quantile(values, 1 - tail, axis=-1))


def _predict(effects: Effects, term: Term, values: Sequence[Any]) -> np.ndarray:
    """Average predicted shares when every document takes each value: (values, K, draws)."""
    rows = []
    for v in values:
        frame = effects.frame.copy()
        frame[term.column] = pd.Series([v] * len(frame), index=frame.index)
        rows.append(design_matrix(list(effects.terms), frame).mean(axis=0))
    return np.einsum("vp,dpk->vkd", np.array(rows), effects.draws)


def _ids(effects: Effects) -> tuple[Any, ...]:
    """The topic id of each position of the draws."""
    return effects.topic_ids or tuple(range(effects.draws.shape[2]))


def _tidy(effects: Effects, term: Term, values: Sequence[Any], positions: Sequence[int]
          ) -> pd.DataFrame:
    est, low, high = _summary(_predict(effects, term, values), effects.level)
    ids = _ids(effects)
    out = pd.DataFrame([(ids[t], term.column, v, est[i, t], low[i, t], high[i, t])
                        for t in positions for i, v in enumerate(values)],
                       columns=EFFECT_COLUMNS)
    out.attrs.update(effects._info())
    return out


def estimate_effects(model: TopicModel | pd.DataFrame, corpus: pd.DataFrame, spec: str, *,
                     tokens: Sequence[Sequence[str]] | None = None,
                     concentration: float | pd.Series | None = None,
                     uncertainty: Literal["global", "none"] = "global",
                     cluster: str | None = "parent_id", n_sims: int = 100, n_draws: int = 20,
                     level: float = 0.95, seed: int = DEFAULT_SEED) -> Effects:
    """Estimate how topic prevalence depends on document covariates, with honest intervals.

    See the module notes for the method, the spec and the table.

    Parameters
    ----------
    model
        A fitted :class:`~toolkit.topics.TopicModel`, or a document-topic table indexed by
        ``doc_id`` (any model's; then ``concentration`` is needed).
    corpus
        The Corpus table with the covariates; paragraphs missing from it take their
        parent's row (as in :func:`toolkit.topics.prevalence`).
    spec
        The covariates, e.g. ``"s(date, 5) + party"``.
    tokens
        The token lists the model was fitted on, to count each document's tokens in the
        vocabulary; needed only for a model without ``weights_`` (fitted before they
        were recorded), else :func:`tokenize` of the model's documents in ``corpus``.
    concentration
        The Dirichlet concentration of each document's shares (a number, or a Series by
        ``doc_id``), e.g. its number of tokens: needed with a document-topic table; for
        a TopicModel it overrides sum(alpha) + tokens in the vocabulary.
    uncertainty
        ``"global"``: the method of composition; ``"none"``: the naive regression.
    cluster
        Corpus column of the clusters of dependent documents for robust standard errors
        (an absent column: each document is its own cluster, ``Effects.cluster`` is
        ``"doc_id"``); ``None``: classical OLS standard errors, as stm.
    n_sims, n_draws
        Draws of the shares, and of the coefficients per draw of the shares.
    level
        Confidence level of the percentile intervals.
    seed
        Seed of every draw; the same seed gives the same table.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> source = np.repeat(["a", "b"], 100)
    >>> share = np.where(source == "a", 0.6, 0.3)
    >>> theta = pd.DataFrame({0: share, 1: 1 - share}, index=[f"d{i}" for i in range(200)])
    >>> corpus = from_frame(pd.DataFrame({"doc_id": theta.index, "text": "...", "source": source}))
    >>> fx = estimate_effects(theta, corpus, "source", concentration=50, n_sims=20, seed=1)
    >>> fx.table.query("topic == 0")[["value", "estimate"]].round(2).values.tolist()
    [['a', 0.6], ['b', 0.3]]
    """
    validate_corpus(corpus)
    check_type("model", model, (TopicModel, pd.DataFrame),
               "a fitted TopicModel or a doc_topics table (toolkit.topics.doc_topics)")
    check_choice("uncertainty", uncertainty, ["global", "none"])
    check_int("n_sims", n_sims, minimum=1)
    check_int("n_draws", n_draws, minimum=1)
    check_number("level", level, minimum=0, maximum=1, inclusive=False)
    # the modelled documents (paragraphs), never shares aggregated to their parents
    dt = doc_topics(model, aggregate=False) if isinstance(model, TopicModel) else model
    rows = _corpus_rows(dt.index, corpus)
    if isinstance(model, TopicModel) and concentration is None:
        conc = _lengths(model, tokens, corpus, rows) + float(np.sum(model.lda_.alpha))
    elif concentration is None:
        raise ValueError("concentration is needed with a doc_topics table: how sure each "
                         "document's shares are (e.g. its number of tokens)")
    elif isinstance(concentration, pd.Series):
        conc = concentration.reindex(dt.index).to_numpy(float)
    else:
        check_number("concentration", concentration, minimum=0, inclusive=False)
        conc = np.full(len(dt), float(concentration))
    if not np.isfinite(conc).all():
        raise ValueError("concentration has no value for some documents of the model")
    covariates = [t.column for t in parse_spec(spec, corpus)]
    meta = corpus.iloc[np.maximum(rows, 0)].reset_index(drop=True)
    keep = rows >= 0
    for column in covariates:  # '' is the Corpus table's "unknown" (source, title)
        values = meta[column]
        keep &= values.notna().to_numpy() & (values.astype(str).str.strip() != "").to_numpy()
    if not keep.all():
        logger.info("effects: left out %d of %d documents without a corpus row or a value of "
                    "%s", int((~keep).sum()), len(keep), ", ".join(covariates))
    if keep.sum() < 3:
        raise ValueError(f"only {int(keep.sum())} documents have a value of every covariate in "
                         f"spec={spec!r}; need at least 3")
    meta = meta[keep].reset_index(drop=True)
    theta = dt.to_numpy(float)[keep]
    conc = conc[keep]
    if cluster is not None:
        check_type("cluster", cluster, str, "a corpus column name or None")
        if cluster not in meta:
            logger.info("effects: no column %r; each document is its own cluster", cluster)
            cluster = "doc_id"
        groups = meta[cluster].astype(str)
        order = np.argsort(groups.to_numpy(), kind="stable")
        meta, theta, conc = meta.iloc[order].reset_index(drop=True), theta[order], conc[order]
        clusters = groups.to_numpy()[order]
    else:
        clusters = None
    terms = parse_spec(spec, meta)  # levels and knots of the documents used
    x = design_matrix(terms, meta)
    if np.linalg.matrix_rank(x) < x.shape[1]:
        raise ValueError(f"spec={spec!r}: the covariates are collinear in these documents "
                         f"(design rank {np.linalg.matrix_rank(x)} < {x.shape[1]} columns)")
    rng = random_state(seed)
    draws = _fit_draws(x, theta, conc, clusters, n_sims if uncertainty == "global" else 1,
                       n_draws if uncertainty == "global" else n_sims * n_draws,
                       uncertainty == "global", rng)
    names = ["(intercept)"] + [n for t in terms for n in t.names()]
    est, low, high = _summary(draws.transpose(1, 2, 0), level)
    k = theta.shape[1]
    ids = tuple(int(c) if isinstance(c, np.integer) else c for c in dt.columns)
    coefs = pd.DataFrame([(ids[t], names[j], est[j, t], low[j, t], high[j, t])
                          for t in range(k) for j in range(len(names))],
                         columns=["topic", "term", "estimate", "lower", "upper"])
    effects = Effects(pd.DataFrame(), coefs, draws, spec, uncertainty, cluster, level, n_sims,
                      n_draws, len(meta), tuple(terms), meta[covariates], ids)
    parts = [_tidy(effects, t, t.levels if t.kind == "categorical" else value_grid(t, 5),
                   range(k)) for t in terms]
    table = pd.concat(parts, ignore_index=True).sort_values(["topic"], kind="stable")
    table = table.reset_index(drop=True)
    table.attrs.update(effects._info())
    return dataclasses.replace(effects, table=table)


def _term(effects: Effects, covariate: str | None, kinds: Sequence[str]) -> Term:
    check_type("effects", effects, Effects, "the result of estimate_effects")
    found = [t for t in effects.terms if t.kind in kinds]
    if covariate is None and found:
        return found[0]
    check_choice("covariate", covariate, [t.column for t in found])
    return next(t for t in found if t.column == covariate)


def effect_curve(effects: Effects, covariate: str | None = None, *, n_points: int = 100,
                 topics: Sequence[int] | None = None) -> pd.DataFrame:
    """Return expected topic shares over a smooth (or linear) covariate's range.

    Parameters
    ----------
    covariate
        The column of an ``s(...)`` or numeric term (default: the first smooth term).
    n_points
        Evenly spaced values from the smallest to the largest in the data.
    topics
        Topic ids to include (default: all).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`EFFECT_COLUMNS` (``value``: dates for a date covariate); ``attrs``
        says how the effects were estimated (for the caption of
        :func:`toolkit.plots.effects.effect_curve`).

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> year = np.random.default_rng(0).uniform(2000, 2020, 300)
    >>> share = 0.2 + 0.03 * (year - 2000)
    >>> corpus = from_frame(pd.DataFrame({"text": "...", "year": year}))
    >>> theta = pd.DataFrame({0: share, 1: 1 - share}, index=corpus["doc_id"])
    >>> fx = estimate_effects(theta, corpus, "s(year, 3)", concentration=80, n_sims=10)
    >>> curve = effect_curve(fx, n_points=3, topics=[0])
    >>> curve["estimate"].round(2).tolist()
    [0.2, 0.5, 0.8]
    """
    term = _term(effects, covariate, ("smooth", "linear"))
    check_int("n_points", n_points, minimum=2)
    ids = list(_ids(effects))
    topics = ids if topics is None else list(topics)
    for t in topics:
        check_choice("topics entry", t, ids)
    return _tidy(effects, term, value_grid(term, n_points), [ids.index(t) for t in topics])


def effect_contrast(effects: Effects, covariate: str, value: Any, reference: Any, *,
             kind: Literal["difference", "ratio"] = "difference") -> pd.DataFrame:
    """Return each topic's expected share at ``value`` minus (or over) that at ``reference``.

    The interval comes from the same pooled draws, so it is that of the contrast itself
    (not two overlapping intervals).

    Returns
    -------
    pandas.DataFrame
        Columns ``topic``, ``covariate``, ``value``, ``reference``, ``estimate``,
        ``lower``, ``upper``.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> source = np.repeat(["a", "b"], 100)
    >>> share = np.where(source == "a", 0.6, 0.3)
    >>> theta = pd.DataFrame({0: share, 1: 1 - share}, index=[f"d{i}" for i in range(200)])
    >>> corpus = from_frame(pd.DataFrame({"doc_id": theta.index, "text": "...", "source": source}))
    >>> fx = estimate_effects(theta, corpus, "source", concentration=50, n_sims=20)
    >>> float(effect_contrast(fx, "source", "a", "b", kind="ratio").at[0, "estimate"].round(1))
    2.0
    """
    term = _term(effects, covariate, ("smooth", "linear", "categorical"))
    check_choice("kind", kind, ["difference", "ratio"])
    if term.kind == "categorical":
        check_choice("value", value, term.levels)
        check_choice("reference", reference, term.levels)
    pred = _predict(effects, term, [value, reference])
    diff = pred[0] - pred[1] if kind == "difference" else pred[0] / pred[1]
    est, low, high = _summary(diff, effects.level)
    out = pd.DataFrame({"topic": list(_ids(effects)), "covariate": covariate, "value": value,
                        "reference": reference, "estimate": est, "lower": low, "upper": high})
    out.attrs.update(effects._info(), kind=kind)
    return out
