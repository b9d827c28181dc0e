"""Score topic coherence fast, with the same definitions and values as gensim.

:class:`ReferenceTexts` reads the reference texts once and counts, per word and pair of
words, the windows that hold them (:class:`toolkit.topics.cooccur.WindowCounter`, which
explains how, and how gensim's counts differ from exact ones); the measures here turn
those counts into gensim's coherence values. One :class:`ReferenceTexts` scores many
topic sets: a sweep over models builds one and passes it every time.

The measures are gensim's (Röder et al. 2015, "Exploring the space of topic coherence
measures"):

=========  =========================  ==================  ============================
measure    segmentation               probabilities       confirmation
=========  =========================  ==================  ============================
c_npmi     every ordered pair         windows of 10       NPMI
c_v        each word vs. the topic    windows of 110      cosine of NPMI context vectors
u_mass     each word vs. earlier ones documents           log conditional probability
=========  =========================  ==================  ============================

with gensim's smoothing (``EPSILON = 1e-12`` in every logarithm) and its arithmetic
mean over segments.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Literal

import numpy as np
import pandas as pd

from toolkit._core import check_choice
from toolkit.topics.cooccur import Counting, WindowCounter

logger = logging.getLogger(__name__)

__all__ = ["EPSILON", "MEASURES", "Measure", "ReferenceTexts", "WINDOW_SIZES", "coherence"]

#: A coherence measure, by gensim's name.
Measure = Literal["c_npmi", "c_v", "u_mass"]
#: The coherence measures implemented, with gensim's names.
MEASURES: tuple[str, ...] = ("c_npmi", "c_v", "u_mass")
#: gensim's default sliding-window sizes (``None``: whole documents).
WINDOW_SIZES: dict[str, int | None] = {"c_npmi": 10, "c_v": 110, "u_mass": None}
#: gensim's smoothing constant (``gensim.topic_coherence.direct_confirmation_measure``).
EPSILON = 1e-12


class ReferenceTexts(WindowCounter):
    """Reference texts read once, to score the coherence of many topic sets.

    Parameters
    ----------
    counting
        ``"gensim"`` reproduces gensim's sliding-window counts;
        ``"exact"`` counts every window that contains the word
        (:mod:`toolkit.topics.cooccur`). Document counts (``u_mass``) are the same
        either way.

    Attributes
    ----------
    n_docs_
        Number of reference texts.
    n_tokens_
        Number of tokens in them.
    vocabulary_
        Token -> id.

    Examples
    --------
    >>> ref = ReferenceTexts().fit([["peace", "war", "peace"], ["trade", "war"]])
    >>> ref.n_windows(2), ref.occurrences("war", 2), ref.co_occurrences("peace", "war", 2)
    (3, 3, 2)
    >>> ref.score([["war", "peace"], ["trade", "peace"]], measure="u_mass").round(2).tolist()
    [-0.69, -26.94]
    """

    def score(self, topics: Sequence[Sequence[str]] | pd.DataFrame, *,
              measure: Measure | Sequence[Measure] = "c_npmi",
              window_size: int | None = None) -> pd.Series | pd.DataFrame:
        """Score each topic; see :func:`coherence` (this reuses the counts)."""
        self._check_fitted()
        topic_lists = _topic_lists(topics)
        measures = [measure] if isinstance(measure, str) else list(measure)
        if not measures:
            raise ValueError("measure is empty; give one or more of " + ", ".join(MEASURES))
        for m in measures:
            check_choice("measure", m, MEASURES)
        missing = sorted({w for t in topic_lists for w in t if w not in self.vocabulary_})
        if missing:
            logger.warning("coherence: %d topic words never occur in the reference texts "
                           "(their pairs score as gensim scores them: -inf/nan): %s",
                           len(missing), ", ".join(missing[:10]))
        self._locate(i for t in topic_lists for i in self._ids(t).tolist())
        columns = {}
        for m in measures:
            w = self._window_key(WINDOW_SIZES[m] if window_size is None else window_size)
            if m == "u_mass" and window_size is None:
                w = 0
            values = []
            for words in topic_lists:
                single, pair, n = self._matrices(self._ids(words), w)
                values.append(_SCORERS[m](single, pair, n))
            columns[m] = values
        index = pd.RangeIndex(len(topic_lists), name="topic")
        if isinstance(measure, str):
            return pd.Series(columns[measure], index=index, name=measure, dtype=np.float64)
        return pd.DataFrame(columns, index=index, dtype=np.float64)


# ---------------------------------------------------------------------- the measures
# Each mirrors gensim's arithmetic operation by operation, so that values agree to the
# last few bits, including its treatment of zero counts.


def _npmi_matrix(single: np.ndarray, pair: np.ndarray, n: float) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        numerator = np.log(((pair / n) + EPSILON) / ((single[:, None] / n) * (single[None, :] / n)))
        return numerator / (-np.log(pair / n + EPSILON))


def _c_npmi(single: np.ndarray, pair: np.ndarray, n: float) -> float:
    k = len(single)
    if k < 2:
        return float("nan")
    m = _npmi_matrix(single, pair, n)
    off = ~np.eye(k, dtype=bool)  # segmentation s_one_one: every ordered pair i != j
    with np.errstate(invalid="ignore"):
        return float(np.mean(m[off]))


def _c_v(single: np.ndarray, pair: np.ndarray, n: float) -> float:
    m = _npmi_matrix(single, pair, n)  # m[i, j]: context vector of word i, entry j
    topic_vector = m.sum(axis=0)       # the whole topic as one segment
    with np.errstate(divide="ignore", invalid="ignore"):
        sims = (m @ topic_vector) / (np.sqrt((m ** 2).sum(axis=1))
                                     * np.sqrt((topic_vector ** 2).sum()))
        return float(np.mean(sims))


def _u_mass(single: np.ndarray, pair: np.ndarray, n: float) -> float:
    k = len(single)
    if k < 2:
        return float("nan")
    values = []
    for i in range(1, k):  # segmentation s_one_pre: each word vs every earlier one
        for j in range(i):
            if single[j] == 0:
                values.append(0.0)  # gensim catches the ZeroDivisionError as 0.0
            else:
                values.append(float(np.log(((pair[i, j] / n) + EPSILON) / (single[j] / n))))
    return float(np.mean(values))


_SCORERS = {"c_npmi": _c_npmi, "c_v": _c_v, "u_mass": _u_mass}


def _topic_lists(topics: Sequence[Sequence[str]] | pd.DataFrame) -> list[list[str]]:
    """Topics as lists of words, from lists or a ``top_terms`` table."""
    if isinstance(topics, pd.DataFrame):
        missing = [c for c in ("topic", "term") if c not in topics.columns]
        if missing:
            raise ValueError(f"topics table is missing columns {missing}; expected "
                             "toolkit.topics.top_terms output (topic, rank, term, weight)")
        ordered = topics.sort_values(["topic", "rank"]) if "rank" in topics else topics
        return [list(g["term"]) for _, g in ordered.groupby("topic", sort=True)]
    if isinstance(topics, str):
        raise TypeError("topics must be a list of word lists, not a single string")
    out = []
    for i, t in enumerate(topics):
        if isinstance(t, str):
            raise TypeError(f"topics[{i}] is a string ({t[:30]!r}); each topic must be a "
                            "list of words, e.g. [['peace', 'war'], ['trade', 'market']]")
        out.append([str(w) for w in t])
    if not out:
        raise ValueError("topics is empty; give at least one list of words")
    return out


def coherence(
    topics: Sequence[Sequence[str]] | pd.DataFrame,
    texts: Iterable[Sequence[str]] | ReferenceTexts,
    *,
    measure: Measure | Sequence[Measure] = "c_npmi",
    window_size: int | None = None,
    counting: Counting = "gensim",
) -> pd.Series | pd.DataFrame:
    """Score the coherence of each topic on reference texts, as gensim's CoherenceModel.

    Parameters
    ----------
    topics
        Lists of top words, best first (``[["peace", "war", ...], ...]``), or a
        ``top_terms`` table (``topic``, ``rank``, ``term``). Every word given is used
        (gensim's ``CoherenceModel`` keeps only the first ``topn=20``).
    texts
        Reference token lists (e.g. from :func:`toolkit.text.tokens`), or a fitted
        :class:`ReferenceTexts` to reuse its counts across calls (a sweep over many
        models should build one and pass it every time).
    measure
        ``"c_npmi"``, ``"c_v"``, ``"u_mass"``, or a list of them.
    window_size
        Sliding-window size; default gensim's (:data:`WINDOW_SIZES`: 10 for ``c_npmi``,
        110 for ``c_v``; ``u_mass`` counts documents).
    counting
        ``"gensim"`` or ``"exact"`` window counts (:mod:`toolkit.topics.cooccur`);
        ignored when ``texts`` is a :class:`ReferenceTexts`, which has its own.

    Returns
    -------
    pandas.Series or pandas.DataFrame
        One value per topic, indexed by topic number (0..K-1); a DataFrame with one
        column per measure when ``measure`` is a list. ``.mean()`` gives gensim's
        ``get_coherence()``.

    Notes
    -----
    Reading the texts is most of the cost of one call, and nothing is remembered
    between calls: to score several topic sets or measures on the same texts, build a
    :class:`ReferenceTexts` once and pass it as ``texts``.

    Examples
    --------
    >>> texts = [["war", "peace", "treaty"], ["war", "peace"], ["trade", "market"],
    ...          ["trade", "market", "tariff"], ["war", "market"]]
    >>> coherence([["war", "peace"], ["trade", "market"], ["war", "tariff"]], texts,
    ...           measure="c_npmi").round(3).tolist()
    [0.557, 0.557, -0.923]
    >>> coherence([["war", "peace"]], texts, measure=["c_npmi", "u_mass"]).round(3)
           c_npmi  u_mass
    topic
    0       0.557  -0.405
    """
    if not isinstance(texts, ReferenceTexts):
        texts = ReferenceTexts(counting=counting).fit(texts)
    return texts.score(topics, measure=measure, window_size=window_size)
