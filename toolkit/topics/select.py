"""Choose the number of topics: held-out coherence, perplexity, diversity, stability.

:func:`sweep` fits one model per number of topics K and seed, each on its own random 80%
of the training documents (``resample=0.8``, as in Greene, O'Callaghan & Cunningham
2014), and scores each on held-out documents. Stability is the overlap of top-10 term
sets between these runs (:func:`toolkit.topics.matching.stability`): a K whose topics
survive a change of seed *and* of data is a K whose topics are in the data. Seeds alone
say little with the NNDSVD start, which makes runs on the same data agree by
construction. :func:`choose_num_topics` applies the documented rule, and
:func:`explain_choice` says in words what the rule found, including when no K passes it.
Re-exported by :mod:`toolkit.topics`.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from toolkit._core import (
    DEFAULT_SEED,
    check_columns,
    check_int,
    check_number,
    random_state,
    resolve_n_jobs,
)
from toolkit.topics.fitting import fit_tokens, prepare
from toolkit.topics.describe import labels
from toolkit.topics.matching import stability
from toolkit.topics.model import TopicModel
from toolkit.topics.parallel import fit_runs
from toolkit.topics.persistent import align_models
from toolkit.topics.plan import fallback_num_topics, num_topics_grid, sweep_possible
from toolkit.topics.quality import diversity, scores_and_absent
from toolkit.topics.scoring import MEASURES, ReferenceTexts
from toolkit.topics.training import check_share
from toolkit.topics.units import Unit

logger = logging.getLogger(__name__)

__all__ = ["Sweep", "choose_num_topics", "explain_choice", "sweep"]

_SCORES = [*MEASURES, "perplexity", "diversity"]


@dataclasses.dataclass
class Sweep:
    """The result of :func:`sweep`.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per K (index ``num_topics``): mean over seeds of ``c_npmi``, ``c_v``,
        ``u_mass``, ``perplexity``, ``diversity``, ``stability`` (with ``*_sd`` columns);
        NaN where nothing could be measured (no sweep).
    runs : pandas.DataFrame
        One row per (K, seed) with the same scores (stability excepted) and ``seconds``.
    topic_stability : pandas.DataFrame
        ``num_topics``, ``topic`` (persistent id), ``stability``, ``min``: per topic of
        the first seed's run.
    chosen : int
        The K picked by :func:`choose_num_topics` (or the fallback K without a sweep).
    models : dict
        ``{(K, seed): TopicModel}``, with persistent topic ids: a topic of one K has the
        id of its match at the chosen K (:func:`toolkit.topics.align_models`).
    k : int
        The K to use: ``fixed`` when the researcher gave one, else ``chosen``.
    reason : str
        Why ``k``: the rule's outcome in words, with what failed (:func:`explain_choice`).
    swept : bool
        False when the corpus was too small for a sweep (one model, nothing measured).
    min_stability : float
        The stability threshold of the rule.
    """

    table: pd.DataFrame
    runs: pd.DataFrame
    topic_stability: pd.DataFrame
    chosen: int
    models: dict[tuple[int, int], TopicModel]
    k: int = 0
    reason: str = ""
    swept: bool = True
    min_stability: float = 0.6

    @property
    def reference(self) -> TopicModel:
        """The first seed's run at the chosen K: the model whose topic ids the others carry."""
        return self.models[(self.chosen, int(self.runs["seed"].iloc[0]))]

    def labels_by_k(self, n: int = 3) -> pd.DataFrame:
        """Return the label of every topic id at every K (the first seed's runs).

        One row per persistent topic id, one column per K: how topics split and merge as
        K grows. Empty where a K has no topic with that id.
        """
        seed = int(self.runs["seed"].iloc[0])
        columns = {f"K = {k}": labels(m, n=n) for (k, s), m in sorted(self.models.items())
                   if s == seed}
        return pd.DataFrame(columns).rename_axis("topic").fillna("")


def _split(corpus: pd.DataFrame, holdout: float, seed: int) -> np.ndarray:
    """Boolean mask of held-out rows; paragraphs of one parent stay on one side."""
    groups = corpus["parent_id"] if "parent_id" in corpus else corpus["doc_id"]
    unique = pd.unique(groups)
    n_test = max(1, round(holdout * len(unique)))
    test = set(random_state(seed).choice(unique, size=n_test, replace=False).tolist())
    return groups.isin(test).to_numpy()


def sweep(corpus: pd.DataFrame, num_topics: Sequence[int] | None = None, *,
          seeds: Sequence[int] = (DEFAULT_SEED, DEFAULT_SEED + 1, DEFAULT_SEED + 2),
          tokens: Sequence[Sequence[str]] | None = None, holdout: float = 0.2,
          resample: float | None = 0.8, n: int = 10, min_stability: float = 0.6,
          fixed: int | None = None, n_jobs: int | None = None, unit: Unit = "auto",
          min_chars: int = 100, cache: bool = True, **options: Any) -> Sweep:
    """Fit and score one model per number of topics and seed, to choose the number of topics.

    Parameters
    ----------
    corpus
        A Corpus table. Long documents are modelled as paragraphs (``unit``, as in
        :func:`toolkit.topics.fit`); held-out documents are whole parents.
    num_topics
        Candidate values of K (default: :func:`toolkit.topics.plan.num_topics_grid`, from
        the number of paragraphs or documents).
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
    fixed
        A K the researcher fixed (``num_topics`` of notebook 02): checked before anything
        runs (0 is an error, not "choose for me": that is ``None``) and used as ``k``.
    n_jobs
        Worker processes for the fits (:func:`toolkit._core.resolve_n_jobs`: -1 every
        available core, -2 all but one; 1: none). ``None``, the default: every core when
        the fits are long enough to pay for starting the workers
        (:data:`toolkit.topics.parallel.POOL_MIN_SECONDS`, judged from the first fit),
        else none. Fits found in the cache are loaded, never sent to a worker. Each fit
        is deterministic given its data and seed, so the results do not depend on it.
    unit, min_chars
        What the models read (:func:`toolkit.topics.units.model_units`).
    cache
        Cache every fit on disk.
    **options
        Passed to :class:`~toolkit.topics.TopicModel` (``passes``, ``no_below``...).

    Returns
    -------
    Sweep
        The table, per-run scores, per-topic stability, the chosen K and why. A corpus too
        small for a sweep (:func:`toolkit.topics.plan.sweep_possible`) gets one model at
        ``fixed`` or :func:`~toolkit.topics.plan.fallback_num_topics`, with a warning.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> texts = (["war peace treaty army", "army war border troops", "peace treaty ceasefire"] * 8
    ...          + ["trade market tariff export", "export market growth", "tariff trade deal"] * 6
    ...          + ["climate ocean warming sea", "sea level warming", "climate emissions ocean"] * 5)
    >>> c = from_frame(pd.DataFrame({"text": texts}))
    >>> s = sweep(c, [2, 3], seeds=[1, 2], n=4, no_below=1, no_above=1.0, min_tokens=1,
    ...           n_jobs=1, cache=False)
    >>> s.table.index.tolist(), s.chosen
    ([2, 3], 3)
    """
    check_int("fixed", fixed, minimum=1, allow_none=True)
    check_number("holdout", holdout, minimum=0, maximum=1, inclusive=False)
    check_share("resample", resample, allow_none=True)
    check_number("min_stability", min_stability, minimum=0, maximum=1)
    check_int("n", n, minimum=1)
    resolve_n_jobs(n_jobs)  # a bad n_jobs fails before anything runs
    units, toks = prepare(corpus, tokens, unit=unit, min_chars=min_chars)
    if not len(units):
        raise ValueError("corpus has 0 documents; a topic model needs documents (check the "
                         "start/end dates)")
    ks = num_topics_grid(units) if num_topics is None else list(num_topics)
    seeds = list(seeds)
    for name, values in (("num_topics", ks), ("seeds", seeds)):
        if not values:
            raise ValueError(f"{name} is empty; give at least one value")
        for i, value in enumerate(values):
            check_int(f"{name}[{i}]", value, minimum=1 if name == "num_topics" else None)
    ks, seeds = [int(k) for k in ks], [int(s) for s in seeds]
    ids = units["doc_id"].astype(str).tolist()
    parents = units["parent_id"].astype(str).tolist() if "parent_id" in units else None
    possible, why = sweep_possible(units)
    if not possible:
        return _one_model(units, toks, ids, parents, why, fixed=fixed, grid=ks, seed=seeds[0],
                          cache=cache, min_stability=min_stability, options=options)
    test = _split(units, holdout, seeds[0])
    test_texts = [t for t, h in zip(toks, test) if h]
    reference = ReferenceTexts().fit(test_texts)
    train_idx = np.flatnonzero(~test)
    logger.info("sweep: K in %s, %d training and %d held-out documents", ks, len(train_idx),
                int(test.sum()))
    jobs = []
    for k in ks:
        for s in seeds:
            idx = train_idx
            if resample is not None and resample < 1:
                size = round(resample * len(idx))
                idx = np.sort(random_state(s).choice(train_idx, size=size, replace=False))
            jobs.append({"k": k, "seed": s, "tokens": [toks[i] for i in idx],
                         "ids": [ids[i] for i in idx], "test": test_texts, "cache": cache,
                         "parents": None if parents is None else [parents[i] for i in idx],
                         "options": options})
    done = fit_runs(jobs, n_jobs)
    models = {(k, s): done[(k, s)][0] for k in ks for s in seeds}
    rows, absent = [], {}
    for k in ks:
        for s in seeds:
            scored = {m: scores_and_absent(models[(k, s)], reference, measure=m, n=n)
                      for m in MEASURES}
            absent[(k, s)] = scored[MEASURES[0]][1]
            rows.append({"num_topics": k, "seed": s, "seconds": done[(k, s)][2],
                         "perplexity": done[(k, s)][1],
                         **{m: float(np.nanmean(v[0])) for m, v in scored.items()},
                         "diversity": diversity(models[(k, s)])})
    runs = pd.DataFrame(rows)
    _log_absent(absent)
    table = _table(runs, models, ks, seeds, n)
    chosen, reason = explain_choice(table, min_stability=min_stability)
    models = _persistent(models, chosen, ks, seeds)
    if fixed is not None:
        reason = f"K = {fixed} as given (the rule would choose K = {chosen}: {reason})"
    return Sweep(table=table, runs=runs, topic_stability=_per_topic(models, ks, seeds, n),
                 chosen=chosen, models=models, k=fixed or chosen, reason=reason,
                 min_stability=min_stability)


def _log_absent(absent: dict[tuple[int, int], list[str]]) -> None:
    """One line for the top terms of the runs that the held-out texts never use (scored as
    :func:`toolkit.topics.coherence` says; before, one line per run and measure)."""
    hit = {run: terms for run, terms in absent.items() if terms}
    if hit:
        words = sorted({w for terms in hit.values() for w in terms})
        logger.info("coherence: %d of %d runs have top terms absent from the held-out texts "
                    "(%d terms, e.g. %s); their pairs count as never co-occurring",
                    len(hit), len(absent), len(words), ", ".join(words[:8]))


def _one_model(units: pd.DataFrame, toks: list, ids: list, parents: list | None, why: str, *,
               fixed: int | None, grid: list[int], seed: int, cache: bool,
               min_stability: float, options: dict[str, Any]) -> Sweep:
    """The result without a sweep: one model on every document, nothing measured."""
    # within what the data allow: about two documents per topic
    k = fixed or min(fallback_num_topics(grid), max(1, len(units) // 2))
    reason = (f"no sweep: {why}; one model with K = {k} "
              + ("as given" if fixed else f"(the middle of the K grid {grid})")
              + "; its stability and held-out coherence are not measured")
    logger.warning("topics: %s", reason)
    started = time.perf_counter()
    model = fit_tokens(toks, ids, k, parents=parents, seed=seed, cache=cache, **options)
    runs = pd.DataFrame([{"num_topics": k, "seed": seed,
                          "seconds": time.perf_counter() - started,
                          **dict.fromkeys(_SCORES, np.nan)}])
    table = _table(runs, {(k, seed): model}, [k], [seed], 10)
    return Sweep(table=table, runs=runs, topic_stability=_per_topic({}, [], [], 10), chosen=k,
                 models={(k, seed): model}, k=k, reason=reason, swept=False,
                 min_stability=min_stability)


def _persistent(models: dict[tuple[int, int], TopicModel], chosen: int, ks: list[int],
                seeds: list[int]) -> dict[tuple[int, int], TopicModel]:
    """Give every run the ids of the chosen K's first run; K nearest to it first."""
    reference = models[(chosen, seeds[0])]
    order = sorted(models, key=lambda ks_: (abs(ks_[0] - chosen), ks_[0], seeds.index(ks_[1])))
    aligned = align_models({key: models[key] for key in order if key != (chosen, seeds[0])},
                           reference)
    aligned[(chosen, seeds[0])] = reference
    return {(k, s): aligned[(k, s)] for k in ks for s in seeds}


def _table(runs: pd.DataFrame, models: dict[tuple[int, int], TopicModel], ks: list[int],
           seeds: list[int], n: int) -> pd.DataFrame:
    """The sweep table: mean and sd over seeds of every score, and stability."""
    table = runs.groupby("num_topics")[_SCORES].agg(["mean", "std"])
    table.columns = [a if b == "mean" else f"{a}_sd" for a, b in table.columns]
    stab = {k: stability([models[(k, s)] for s in seeds], n=n) for k in ks if len(seeds) > 1}
    table["stability"] = pd.Series({k: st.attrs["mean"] for k, st in stab.items()}, dtype=float)
    table["stability_sd"] = pd.Series({k: float(st["stability"].std()) for k, st in
                                       stab.items()}, dtype=float)
    return table


def _per_topic(models: dict[tuple[int, int], TopicModel], ks: list[int], seeds: list[int],
               n: int) -> pd.DataFrame:
    columns = ["num_topics", "topic", "stability", "min"]
    parts = [stability([models[(k, s)] for s in seeds], n=n).reset_index().assign(num_topics=k)
             for k in ks if len(seeds) > 1]
    return pd.concat(parts, ignore_index=True)[columns] if parts else pd.DataFrame(
        columns=columns)


def explain_choice(table: pd.DataFrame, *, min_stability: float = 0.6) -> tuple[int, str]:
    """Apply the rule of :func:`choose_num_topics` and say in words what it found.

    The sentence names the chosen K and its scores; when no K reaches ``min_stability``
    it says so, with every K's stability, and that the fallback (the most stable K) was
    taken; when held-out NPMI is negative for every K it says that the top terms of every
    model co-occur in unseen documents less often than by chance.

    Examples
    --------
    >>> t = pd.DataFrame({"c_npmi": [-0.02, -0.01], "stability": [0.47, 0.27]},
    ...                  index=pd.Index([10, 20], name="num_topics"))
    >>> print(explain_choice(t)[1])
    no K reaches the stability rule of 0.6 (K = 10: 0.47, K = 20: 0.27), so the fallback takes the most stable K = 10; held-out NPMI is negative for every K (K = 10: -0.020, K = 20: -0.010): top terms co-occur in unseen documents less often than by chance, so read these topics as exploratory
    """
    chosen = choose_num_topics(table, min_stability=min_stability)
    stab, npmi = table["stability"], table["c_npmi"]
    listing = ", ".join(f"K = {k}: {v:.2f}" for k, v in stab.items())
    if stab.isna().all():
        text = f"K = {chosen} has the best held-out NPMI ({npmi[chosen]:.3f}); stability " \
               "was not measured (one seed)"
    elif (stab >= min_stability).any():
        text = (f"K = {chosen}: stability {stab[chosen]:.2f} >= {min_stability} and the best "
                f"held-out NPMI among the stable K ({npmi[chosen]:.3f})")
    else:
        text = (f"no K reaches the stability rule of {min_stability} ({listing}), so the "
                f"fallback takes the most stable K = {chosen}")
    if (npmi < 0).all():
        values = ", ".join(f"K = {k}: {v:.3f}" for k, v in npmi.items())
        text += (f"; held-out NPMI is negative for every K ({values}): top terms co-occur in "
                 "unseen documents less often than by chance, so read these topics as "
                 "exploratory")
    return chosen, text


def choose_num_topics(table: pd.DataFrame, *, min_stability: float = 0.6) -> int:
    """Pick the number of topics from a :func:`sweep` table by the documented rule.

    The rule: among the K whose topics are stable (mean matched top-10 Jaccard across
    runs on different 80% subsamples with different seeds at least ``min_stability``),
    take the one with the highest held-out ``c_npmi`` coherence; ties go to the smaller
    K. **Fallback**: if no K is stable enough, take the most stable K (ties to the
    smaller), and :func:`explain_choice` says so. Perplexity is reported but not used: it
    keeps improving with K and is known to disagree with human judgement (Chang et al.
    2009).

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
    if pool[key].isna().all():
        return int(pool.index.min())
    best = pool[key].max()
    return int(pool.index[pool[key] >= best - 1e-12].min())
