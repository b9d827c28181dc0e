"""Choose the number of topics: held-out coherence, perplexity, diversity, seed stability.

:func:`sweep` fits one model per number of topics K and seed, on a training split of the
documents, and scores each on the held-out documents. :func:`choose_num_topics` applies
the documented decision rule to its table. Re-exported by :mod:`toolkit.topics`.

Stability is the overlap of top-10 term sets between runs
(:func:`toolkit.topics.matching.stability`). In the sweep each seed also fits on its own
random 80% of the training documents (``resample=0.8``, as in Greene, O'Callaghan &
Cunningham 2014): a K whose topics survive a change of seed *and* of data is a K whose
topics are in the data.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from toolkit._core import (
    DEFAULT_SEED,
    check_choice,
    check_columns,
    check_int,
    check_number,
    random_state,
)
from toolkit.schemas import validate_corpus
from toolkit.topics.matching import Terms, stability, term_lists
from toolkit.topics.model import TopicModel, _check_share, _fitted, fit, top_terms
from toolkit.topics.scoring import MEASURES, Measure, ReferenceTexts
from toolkit.topics.tokens import check_tokens, tokenize

logger = logging.getLogger(__name__)

__all__ = [
    "Sweep",
    "choose_num_topics",
    "coherence",
    "diversity",
    "perplexity",
    "sweep",
]


def diversity(model: TopicModel, *, n: int = 25) -> float:
    """Return topic diversity: the share of distinct terms among all topics' top ``n``.

    1 means no two topics share a top term; near 1/K means every topic says the same
    (Dieng, Ruiz & Blei 2020).

    Examples
    --------
    >>> docs = [["war", "war", "peace"]] * 12 + [["trade", "trade", "market"]] * 8
    >>> m = TopicModel(2, passes=5, no_below=1, no_above=1.0, min_tokens=1).fit(docs)
    >>> diversity(m, n=2)
    1.0
    """
    terms = top_terms(model, n)
    return float(terms["term"].nunique() / len(terms))


def coherence(model: TopicModel | Terms, texts: Sequence[Sequence[str]] | ReferenceTexts, *,
              measure: Measure = "c_npmi", n: int = 10, per_topic: bool = False
              ) -> float | np.ndarray:
    """Score the coherence of the model's top-``n`` terms on reference texts.

    ``model`` may also be a list of term lists (one per topic) from any topic model.

    Pass held-out documents (tokenised like the training ones) as ``texts``, or a fitted
    :class:`toolkit.topics.scoring.ReferenceTexts` of them to reuse its counts: coherence on
    the training documents rewards memorising them. Computed by
    :func:`toolkit.topics.scoring.coherence`, with gensim's definitions and values
    (``c_npmi`` with a 10-token sliding window, ``c_v`` with 110, ``u_mass`` on
    documents). A top term absent from the reference texts (common with held-out
    texts) makes gensim's score infinite; here, for ``c_npmi``, its pairs count as never
    co-occurring (-1), and ``c_v`` is computed on the terms present.

    Returns
    -------
    float or numpy.ndarray
        The mean over topics, or one value per topic with ``per_topic=True``.

    Examples
    --------
    >>> docs = [["war", "war", "peace"]] * 12 + [["trade", "trade", "market"]] * 8
    >>> m = TopicModel(2, passes=5, no_below=1, no_above=1.0, min_tokens=1).fit(docs)
    >>> round(coherence(m, docs, measure="c_npmi", n=2), 3)
    1.0
    """
    check_choice("measure", measure, MEASURES)
    ref = texts if isinstance(texts, ReferenceTexts) else ReferenceTexts().fit(
        check_tokens(texts, name="texts"))
    topics = term_lists(model, n)
    known = [[w for w in t if w in ref.vocabulary_] for t in topics]
    if measure == "u_mass" or known == topics:
        scores = ref.score(topics, measure=measure).to_numpy(dtype=float)
    else:
        # held-out texts need not contain every top term; gensim would score such a topic
        # inf: score the terms that occur, and count every pair with an absent term as
        # never co-occurring (NPMI -1) for c_npmi
        absent = sorted({w for t in topics for w in t} - {w for t in known for w in t})
        logger.info("coherence: %d top terms absent from the reference texts (%s)",
                    len(absent), ", ".join(absent[:10]))
        scores = np.full(len(topics), np.nan)
        have = [i for i, t in enumerate(known) if len(t) >= 2]
        if have:
            scores[have] = ref.score([known[i] for i in have], measure=measure).to_numpy(float)
        if measure == "c_npmi":
            for i, (t, kt) in enumerate(zip(topics, known)):
                k, m = len(t), len(kt)
                inside = scores[i] * m * (m - 1) if m >= 2 else 0.0
                scores[i] = (inside - (k * (k - 1) - m * (m - 1))) / (k * (k - 1))
    return scores if per_topic else float(np.nanmean(scores))


def perplexity(model: TopicModel, texts: Sequence[Sequence[str]]) -> float:
    """Return the held-out perplexity, ``exp(-bound / tokens)`` (lower is better).

    The bound is gensim's variational lower bound of the log likelihood
    (:meth:`gensim.models.LdaModel.bound`) of ``texts`` under the fitted topics.

    Examples
    --------
    >>> docs = [["war", "war", "peace"]] * 12 + [["trade", "trade", "market"]] * 8
    >>> m = TopicModel(2, passes=5, no_below=1, no_above=1.0, min_tokens=1).fit(docs)
    >>> 1 < perplexity(m, docs) < 5
    True
    """
    m = _fitted(model)
    bow = [m.dictionary_.doc2bow(d) for d in check_tokens(texts, name="texts")]
    bow = [b for b in bow if b]
    if not bow:
        raise ValueError("texts has no token in the model's dictionary")
    m.lda_.random_state = np.random.RandomState(m.seed)
    n_tokens = sum(c for b in bow for _, c in b)
    return float(np.exp(-m.lda_.bound(bow) / n_tokens))


@dataclasses.dataclass
class Sweep:
    """The result of :func:`sweep`.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per K (index ``num_topics``): mean over seeds of ``c_npmi``, ``c_v``,
        ``u_mass``, ``perplexity``, ``diversity``, ``stability`` (with ``*_sd`` columns).
    runs : pandas.DataFrame
        One row per (K, seed) with the same scores (stability excepted) and ``seconds``.
    topic_stability : pandas.DataFrame
        ``num_topics``, ``topic``, ``stability``, ``min``: per topic of the first seed.
    chosen : int
        The K picked by :func:`choose_num_topics`.
    models : dict
        ``{(K, seed): TopicModel}``.
    """

    table: pd.DataFrame
    runs: pd.DataFrame
    topic_stability: pd.DataFrame
    chosen: int
    models: dict[tuple[int, int], TopicModel]


def _split(corpus: pd.DataFrame, holdout: float, seed: int) -> np.ndarray:
    """Boolean mask of held-out rows; paragraphs of one parent stay on one side."""
    groups = corpus["parent_id"] if "parent_id" in corpus else corpus["doc_id"]
    unique = pd.unique(groups)
    rng = random_state(seed)
    n_test = max(1, round(holdout * len(unique)))
    test = set(rng.choice(unique, size=n_test, replace=False).tolist())
    return groups.isin(test).to_numpy()


def sweep(corpus: pd.DataFrame, num_topics: Sequence[int] = (5, 10, 15, 20, 30), *,
          seeds: Sequence[int] = (DEFAULT_SEED, DEFAULT_SEED + 1, DEFAULT_SEED + 2),
          tokens: Sequence[Sequence[str]] | None = None, holdout: float = 0.2,
          resample: float | None = 0.8, n: int = 10, min_stability: float = 0.6,
          cache: bool = True, **options: Any) -> Sweep:
    """Fit and score one model per number of topics and seed, to choose the number of topics.

    Parameters
    ----------
    corpus
        A Corpus table (paragraph documents work best). With a ``parent_id`` column,
        held-out documents are whole parents.
    num_topics
        Candidate values of K.
    seeds
        One run per seed and K; stability needs two seeds or more.
    tokens
        Token lists aligned with ``corpus`` (default :func:`toolkit.topics.tokenize`).
    holdout
        Share of documents held out (seeded by ``seeds[0]``) for coherence and perplexity.
    resample
        Each seed trains on its own random share of the training documents (``None``:
        all of them, then stability only measures the seed).
    n
        Top terms used for coherence and stability.
    min_stability
        Passed to :func:`choose_num_topics`.
    cache
        Cache every fit on disk.
    **options
        Passed to :class:`~toolkit.topics.TopicModel` (``passes``, ``no_below``...).

    Returns
    -------
    Sweep
        The table, per-run scores, per-topic stability and the chosen K.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> texts = ["war peace treaty army", "trade market tariff export",
    ...          "climate ocean warming sea"] * 12
    >>> c = from_frame(pd.DataFrame({"text": texts}))
    >>> s = sweep(c, [2, 3], seeds=[1, 2], passes=5, no_below=1, no_above=1.0,
    ...           min_tokens=1, cache=False)
    >>> s.table.index.tolist(), s.chosen
    ([2, 3], 3)
    """
    validate_corpus(corpus)
    if len(corpus) < 5:
        raise ValueError(f"corpus has {len(corpus)} documents; a sweep needs at least 5 "
                         "(check the start/end dates)")
    ks, seeds = list(num_topics), list(seeds)
    for name, values in (("num_topics", ks), ("seeds", seeds)):
        if not values:
            raise ValueError(f"{name} is empty; give at least one value")
        for i, value in enumerate(values):
            check_int(f"{name}[{i}]", value, minimum=1 if name == "num_topics" else None)
    ks, seeds = [int(k) for k in ks], [int(s) for s in seeds]
    check_number("holdout", holdout, minimum=0, maximum=1, inclusive=False)
    _check_share("resample", resample, allow_none=True)
    check_number("min_stability", min_stability, minimum=0, maximum=1)
    check_int("n", n, minimum=1)
    toks = check_tokens(tokenize(corpus) if tokens is None else tokens)
    if len(toks) != len(corpus):
        raise ValueError(f"tokens has {len(toks)} entries but corpus has {len(corpus)} rows")
    test = _split(corpus, holdout, seeds[0])
    test_texts = [t for t, h in zip(toks, test) if h]
    reference = ReferenceTexts().fit(test_texts)
    train_idx = np.flatnonzero(~test)
    logger.info("sweep: %d training and %d held-out documents", len(train_idx), int(test.sum()))
    runs, models = [], {}
    bar = tqdm(total=len(ks) * len(seeds), desc="topic sweep", disable=None)
    for k in ks:
        for s in seeds:
            idx = train_idx
            if resample is not None and resample < 1:
                idx = np.sort(random_state(s).choice(train_idx, size=round(resample * len(idx)),
                                                     replace=False))
            started = pd.Timestamp.now()
            model = fit(corpus.iloc[idx], k, seed=s, tokens=[toks[i] for i in idx],
                        cache=cache, **options)
            seconds = (pd.Timestamp.now() - started).total_seconds()
            runs.append({"num_topics": k, "seed": s, "seconds": seconds,
                         **_scores(model, reference, test_texts, n)})
            models[(k, s)] = model
            bar.update()
    bar.close()
    runs_df = pd.DataFrame(runs)
    table, topic_stab = _summary(runs_df, models, ks, seeds, n)
    chosen = choose_num_topics(table, min_stability=min_stability)
    return Sweep(table=table, runs=runs_df, topic_stability=topic_stab, chosen=chosen,
                 models=models)


def _scores(model: TopicModel, reference: ReferenceTexts, test_texts: list[list[str]],
            n: int) -> dict[str, float]:
    """Held-out coherence (every measure), perplexity and diversity of one run."""
    row = {measure: coherence(model, reference, measure=measure, n=n) for measure in MEASURES}
    row["perplexity"] = perplexity(model, test_texts)
    row["diversity"] = diversity(model)
    return row


def _summary(runs: pd.DataFrame, models: dict[tuple[int, int], TopicModel], ks: list[int],
             seeds: list[int], n: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The sweep table (mean and sd over seeds, stability) and the per-topic stability."""
    scores = [*MEASURES, "perplexity", "diversity"]
    table = runs.groupby("num_topics")[scores].agg(["mean", "std"])
    table.columns = [a if b == "mean" else f"{a}_sd" for a, b in table.columns]
    columns = ["num_topics", "topic", "stability", "min"]
    per_topic = []
    stab, stab_sd = {}, {}
    for k in ks:
        if len(seeds) < 2:
            stab[k], stab_sd[k] = np.nan, np.nan
            continue
        st = stability([models[(k, s)] for s in seeds], n=n)
        stab[k] = st.attrs["mean"]
        stab_sd[k] = float(st["stability"].std())
        per_topic.append(st.reset_index().assign(num_topics=k))
    table["stability"] = pd.Series(stab)
    table["stability_sd"] = pd.Series(stab_sd)
    topic_stab = (pd.concat(per_topic, ignore_index=True)[columns] if per_topic
                  else pd.DataFrame(columns=columns))
    return table, topic_stab


def choose_num_topics(table: pd.DataFrame, *, min_stability: float = 0.6) -> int:
    """Pick the number of topics from a :func:`sweep` table by the documented rule.

    The rule: among the K whose topics are stable (mean matched top-10 Jaccard across
    seeds and subsamples at least ``min_stability``), take the one with the highest
    held-out ``c_npmi`` coherence; ties go to the smaller K. If no K is stable enough,
    take the most stable. Perplexity is reported but not used: it keeps improving with K
    and is known to disagree with human judgement (Chang et al. 2009).

    Examples
    --------
    >>> t = pd.DataFrame({"c_npmi": [0.05, 0.09, 0.10], "stability": [0.9, 0.8, 0.4]},
    ...                  index=pd.Index([5, 10, 20], name="num_topics"))
    >>> choose_num_topics(t)
    10
    """
    check_columns(table, ["c_npmi", "stability"], name="table",
                  expected="the table of a sweep (toolkit.topics.sweep(...).table)")
    stable = table[table["stability"].fillna(1.0) >= min_stability]
    pool = stable if len(stable) else table
    key = "c_npmi" if len(stable) else "stability"
    best = pool[key].max()
    return int(pool.index[pool[key] >= best - 1e-12].min())
