"""Topic prevalence: each topic's share of the documents per period or per group, with CIs.

The share of topic k in a period (or group) is the mean of its proportion over the
period's documents. Its interval is a seeded percentile bootstrap that resamples whole
documents: with a ``parent_id`` column (paragraphs of speeches), the paragraphs of one
parent are resampled together, parents first and then paragraphs within each drawn
parent, because paragraphs of one speech are not independent; the second stage keeps
the interval honest when a period has a single speech. This is the toolkit's one
estimator of topic prevalence.

**The table** (:func:`prevalence`, :func:`prevalence_by`): one row per period (a
gap-free ``PeriodIndex`` named ``period``) or per group; columns ``(topic, stat)`` with
``stat`` in :data:`STATS` (``share``, ``lower``, ``upper``), and the denominator
``(n_documents, "")``, the number of documents of the row (:data:`toolkit.schemas.N_DOCUMENTS`).
So ``prev[3]["share"]`` is topic 3's series, ``prev["n_documents"]`` the documents per
period, ``prev.xs("share", axis=1, level="stat")`` the period x topic shares, and any
slice of rows keeps its denominators. Rows without documents are 0 with
``n_documents == 0`` (:func:`toolkit.plots.topics.prevalence` draws them as gaps).
"""

from __future__ import annotations

import logging

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
from toolkit._core.calendar import period_index, period_positions, period_range
from toolkit.schemas import N_DOCUMENTS, validate_corpus
from toolkit.topics.model import TopicModel, doc_topics

logger = logging.getLogger(__name__)

__all__ = ["PREFERRED_COVARIATES", "STATS", "choose_covariate", "prevalence", "prevalence_by"]

#: The statistics of every topic in a prevalence table: the mean share and the band.
STATS: tuple[str, ...] = ("share", "lower", "upper")


def _bootstrap(theta: np.ndarray, clusters: np.ndarray, n_boot: int, level: float,
               rng: np.random.Generator) -> np.ndarray:
    """Mean share with a two-stage percentile interval (3 x K: share, lower, upper).

    Each replicate resamples the clusters (parent documents) with replacement, then the
    documents within each cluster.
    """
    codes, inverse = np.unique(clusters, return_inverse=True)
    share = theta.mean(axis=0)
    if n_boot == 0:
        return np.vstack([share, share, share])
    n_c = len(codes)
    outer = rng.multinomial(n_c, np.full(n_c, 1.0 / n_c), size=n_boot)  # (B, C)
    total = np.zeros((n_boot, theta.shape[1]))
    count = np.zeros(n_boot)
    for c in range(n_c):
        rows = theta[inverse == c]
        inner = rng.multinomial(len(rows), np.full(len(rows), 1.0 / len(rows)), size=n_boot)
        total += outer[:, c, None] * (inner @ rows)
        count += outer[:, c] * len(rows)
    boot = total / count[:, None]
    tail = (1 - level) / 2
    return np.vstack([share, np.quantile(boot, tail, axis=0), np.quantile(boot, 1 - tail, axis=0)])


def _corpus_rows(doc_ids: pd.Index, corpus: pd.DataFrame) -> np.ndarray:
    """Corpus row of each document (-1 if absent); a paragraph ``"<parent>#p<k>"``
    (:func:`toolkit.corpus.split_paragraphs`) absent from the corpus gets its parent's row."""
    ids = pd.Index(doc_ids.astype(str))
    corpus_ids = pd.Index(corpus["doc_id"].astype(str))
    rows = corpus_ids.get_indexer(ids)
    missing = rows < 0
    if missing.any():
        rows[missing] = corpus_ids.get_indexer(ids[missing].str.replace(r"#p\d+$", "",
                                                                        regex=True))
    return rows


def _unit(meta: pd.DataFrame) -> str:
    """What one row of the model is, in words: paragraphs (of documents) or documents."""
    return "paragraphs" if "parent_id" in meta.columns else "documents"


def _documents(model: TopicModel | pd.DataFrame, corpus: pd.DataFrame
               ) -> tuple[np.ndarray, pd.DataFrame, np.ndarray, list]:
    """Topic proportions, corpus rows and clusters of the model's documents in ``corpus``."""
    validate_corpus(corpus)
    check_type("model", model, (TopicModel, pd.DataFrame),
               "a fitted TopicModel or its doc_topics table (toolkit.topics.doc_topics)")
    dt = doc_topics(model) if isinstance(model, TopicModel) else model
    rows = _corpus_rows(dt.index, corpus)
    found = rows >= 0
    if not found.any():
        raise ValueError("corpus shares no doc_id with the model's documents; pass the corpus "
                         "the model was fitted on (or the documents its paragraphs come from)")
    if not found.all():
        logger.info("prevalence: %d of %d model documents are not in corpus and are ignored",
                    int((~found).sum()), len(dt))
    meta = corpus.iloc[rows[found]]
    clusters = meta["parent_id"] if "parent_id" in meta else meta["doc_id"]
    return (dt.to_numpy(dtype=float)[found], meta, clusters.astype(str).to_numpy(),
            list(dt.columns))


def _check_boot(n_boot: int, level: float) -> None:
    check_int("n_boot", n_boot, minimum=0)
    check_number("level", level, minimum=0, maximum=1, inclusive=False)


def _table(stats: np.ndarray, counts: np.ndarray, index: pd.Index, topics: list
           ) -> pd.DataFrame:
    """The prevalence table from per-row statistics (rows x 3 x K) and document counts."""
    columns = pd.MultiIndex.from_product([topics, STATS], names=["topic", "stat"])
    values = stats.transpose(0, 2, 1).reshape(len(index), len(columns))
    out = pd.DataFrame(values, index=index, columns=columns)
    out[(N_DOCUMENTS, "")] = counts.astype(np.int64)
    return out


def prevalence(model: TopicModel | pd.DataFrame, corpus: pd.DataFrame, *, freq: str = "Y",
               n_boot: int = 200, level: float = 0.95, seed: int = DEFAULT_SEED
               ) -> pd.DataFrame:
    """Return each topic's share of the documents per calendar period, with bootstrap CIs.

    Parameters
    ----------
    model
        A fitted :class:`~toolkit.topics.TopicModel`, or a table of document-topic
        proportions indexed by ``doc_id`` (:func:`~toolkit.topics.doc_topics`, or any
        other topic model's).
    corpus
        The Corpus table the model was fitted on, for dates and parents. Paragraphs
        (``"<parent>#p<k>"``) missing from it are dated by their parent, so the corpus of
        whole documents works too (each document is then one cluster).
    freq
        A calendar frequency (:func:`toolkit._core.calendar.normalize_freq`): ``"Y"``,
        ``"Q"``, ``"M"``, ``"W"``, ``"D"``, or a multiple such as ``"5Y"`` (bins
        anchored on the epoch: 1990-1994, 1995-1999...).
    n_boot
        Bootstrap resamples (0: no interval, ``lower == upper == share``).
    level
        Confidence level of the percentile interval.
    seed
        Seed of the resampling.

    Returns
    -------
    pandas.DataFrame
        The prevalence table (see the module notes): indexed by a ``PeriodIndex`` named
        ``period`` from the first to the last dated document, empty periods kept as zero
        with ``n_documents`` 0; columns ``(topic, stat)`` and ``n_documents``.
        ``attrs``: ``unit`` (``"paragraphs"`` or ``"documents"``: what ``n_documents``
        counts and what the shares are shares of), ``n_boot``, ``level``, ``freq``.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> from toolkit.topics.fitting import fit
    >>> c = from_frame(pd.DataFrame({"text": ["war peace war", "trade market trade"] * 4,
    ...     "date": ["2001-01-01", "2001-02-01", "2003-01-01", "2003-03-01"] * 2}))
    >>> m = fit(c, 2, passes=5, no_below=1, no_above=1.0, min_tokens=1, cache=False)
    >>> p = prevalence(m, c, n_boot=50)
    >>> p.index.astype(str).tolist(), p[0]["share"].round(1).tolist()
    (['2001', '2002', '2003'], [0.5, 0.0, 0.5])
    >>> p["n_documents"].tolist()
    [4, 0, 4]
    """
    _check_boot(n_boot, level)
    theta, meta, clusters, topics = _documents(model, corpus)
    periods = period_index(meta["date"], freq=freq)
    dated = ~np.asarray(periods.isna())
    if not dated.any():
        raise ValueError("corpus has no dated documents; prevalence over time needs dates")
    if not dated.all():
        logger.info("prevalence: %d undated documents ignored", int((~dated).sum()))
    index = period_range(None, None, freq=freq, ordinals=periods.asi8)
    pos = period_positions(periods.asi8, index)
    rng = random_state(seed)
    stats = np.zeros((len(index), len(STATS), theta.shape[1]))
    for i in range(len(index)):
        rows = pos == i
        if rows.any():
            stats[i] = _bootstrap(theta[rows], clusters[rows], n_boot, level, rng)
    out = _table(stats, np.bincount(pos[pos >= 0], minlength=len(index)), index, topics)
    out.attrs.update(unit=_unit(meta), n_boot=int(n_boot), level=float(level), freq=freq,
                     n_parents=int(len(set(clusters[dated]))))
    return out


def prevalence_by(model: TopicModel | pd.DataFrame, corpus: pd.DataFrame, by: str, *,
                  n_boot: int = 200, level: float = 0.95, seed: int = DEFAULT_SEED
                  ) -> pd.DataFrame:
    """Return each topic's share of the documents per value of a covariate, with CIs.

    Same estimator and table as :func:`prevalence`, grouping by a corpus column
    (``source``, ``country``, ``president``, ``party``...) instead of a period;
    documents with no value are left out.

    Returns
    -------
    pandas.DataFrame
        Indexed by the covariate's values (sorted, named ``by``); columns
        ``(topic, stat)`` and ``n_documents``.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> from toolkit.topics.fitting import fit
    >>> c = from_frame(pd.DataFrame({"text": ["war peace war", "trade market trade"] * 4,
    ...                              "source": ["a", "b"] * 4}))
    >>> m = fit(c, 2, passes=5, no_below=1, no_above=1.0, min_tokens=1, cache=False)
    >>> p = prevalence_by(m, c, "source", n_boot=0)
    >>> p.index.tolist(), round(p.xs("share", axis=1, level="stat").max(axis=1), 1).tolist()
    (['a', 'b'], [1.0, 1.0])
    """
    _check_boot(n_boot, level)
    validate_corpus(corpus)
    check_choice("by", by, [c for c in corpus.columns if c not in ("doc_id", "text")])
    theta, meta, clusters, topics = _documents(model, corpus)
    known = meta[by].notna().to_numpy()
    theta, clusters, values = theta[known], clusters[known], meta[by].to_numpy()[known]
    rng = random_state(seed)
    index = pd.Index(sorted(pd.unique(values)), name=by)
    stats = np.zeros((len(index), len(STATS), theta.shape[1]))
    counts = np.zeros(len(index), dtype=np.int64)
    for i, group in enumerate(index):
        rows = values == group
        counts[i] = int(rows.sum())
        stats[i] = _bootstrap(theta[rows], clusters[rows], n_boot, level, rng)
    out = _table(stats, counts, index, topics)
    out.attrs.update(unit=_unit(meta), n_boot=int(n_boot), level=float(level), by=by)
    return out


#: Covariates tried first by :func:`choose_covariate`, in this order.
PREFERRED_COVARIATES: tuple[str, ...] = ("party", "source", "country", "outlet", "section",
                                         "speaker", "president")
_NOT_COVARIATES = frozenset({"doc_id", "text", "date", "title", "file", "parent_id",
                             "paragraph", "year"})


def choose_covariate(corpus: pd.DataFrame, column: str | None = None, *,
                     max_values: int = 20) -> tuple[str | None, str]:
    """Pick the corpus column to compare topic prevalence across, and say why.

    A useful covariate has between 2 and ``max_values`` distinct values and a value for
    at least half of the documents. ``column`` is checked and kept when it qualifies;
    otherwise the first qualifying column of :data:`PREFERRED_COVARIATES`, then of the
    others, is taken.

    Returns
    -------
    tuple
        The column (``None`` when none qualifies) and one sentence saying why.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> c = from_frame(pd.DataFrame({"text": ["a", "b", "c"], "source": ["x", "y", "x"]}))
    >>> choose_covariate(c)
    ('source', "by 'source': 2 values over 3 of 3 documents")
    >>> choose_covariate(c.assign(source="x"))
    (None, 'no column has 2 to 20 values over at least half of the documents; prevalence by group is skipped')
    """
    validate_corpus(corpus)
    if column is not None:
        check_choice("column", column, [c for c in corpus.columns if c not in ("doc_id", "text")])

    def verdict(name: str) -> str | None:
        values = corpus[name].dropna()
        values = values[values.astype(str).str.strip() != ""]
        k = values.nunique()
        if 2 <= k <= max_values and len(values) >= len(corpus) / 2:
            return f"by {name!r}: {k} values over {len(values)} of {len(corpus)} documents"
        return None

    if column is not None:
        why = verdict(column)
        if why:
            return column, why + " (as given)"
        logger.warning("prevalence: covariate %r has fewer than 2 or more than %d values; "
                       "choosing another", column, max_values)
    others = [c for c in corpus.columns if c not in _NOT_COVARIATES]
    for name in [c for c in PREFERRED_COVARIATES if c in others] + sorted(
            c for c in others if c not in PREFERRED_COVARIATES):
        why = verdict(name)
        if why:
            return name, why
    return None, (f"no column has 2 to {max_values} values over at least half of the "
                  "documents; prevalence by group is skipped")
