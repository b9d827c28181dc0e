"""Score topic coherence fast, with the same definitions and values as gensim.

gensim's ``CoherenceModel`` slides a window over every reference text in Python and
updates a set of the topic words in the window at each step: about a minute for 20
topics on the UN General Debates, and again for every model of a sweep. This module
reads the texts once into an integer array (:class:`ReferenceTexts`), and for each topic
word computes, with numpy, the set of windows that contain it as a union of intervals
over the window index; the number of windows holding a word, or a pair of words, is then
a length or the length of an intersection of two interval lists. Nothing is counted
that no topic needs, and counts are cached, so one reference scores many topic sets.

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

**gensim's window counts.** gensim updates the words present in a sliding window by
removing the token that leaves it, even when the same word still occurs later in the
window; a word repeated within one window is then missed in the following windows, until
it enters again (e.g. in ``a x a x x x b`` with windows of 4, gensim finds ``a`` in 1
window, not 3). ``counting="gensim"`` (the default) reproduces those counts exactly, so
values match gensim's and published ones; ``counting="exact"`` counts every window that
really contains the word. The difference is larger for long windows (``c_v``): see
``bench/results/coherence.md``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Literal

import numpy as np
import pandas as pd

from toolkit._core import check_choice
from toolkit._core.encoding import encode_token_lists

logger = logging.getLogger(__name__)

__all__ = ["MEASURES", "WINDOW_SIZES", "EPSILON", "ReferenceTexts", "coherence"]

Measure = Literal["c_npmi", "c_v", "u_mass"]
#: The coherence measures implemented, with gensim's names.
MEASURES: tuple[str, ...] = ("c_npmi", "c_v", "u_mass")
#: gensim's default sliding-window sizes (``None``: whole documents).
WINDOW_SIZES: dict[str, int | None] = {"c_npmi": 10, "c_v": 110, "u_mass": None}
#: gensim's smoothing constant (``gensim.topic_coherence.direct_confirmation_measure``).
EPSILON = 1e-12

_Intervals = tuple[np.ndarray, np.ndarray, np.ndarray]  # starts, ends, cumulative lengths


class ReferenceTexts:
    """Reference texts read once, counting the windows that hold any words asked for.

    Parameters
    ----------
    counting
        ``"gensim"`` reproduces gensim's sliding-window counts (see the module notes);
        ``"exact"`` counts every window that contains the word. Document counts
        (``u_mass``) are the same either way.

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

    def __init__(self, *, counting: Literal["gensim", "exact"] = "gensim") -> None:
        self.counting = counting

    def fit(self, texts: Iterable[Sequence[str]]) -> ReferenceTexts:
        """Read the token lists ``texts`` (e.g. from :func:`toolkit.text.tokens`)."""
        check_choice("counting", self.counting, ["gensim", "exact"])
        if isinstance(texts, (str, pd.DataFrame)):
            raise TypeError(f"texts must be an iterable of token lists, not "
                            f"{type(texts).__name__}")
        tok, _, lengths, strings = encode_token_lists(texts)
        self.n_docs_ = len(lengths)
        self.n_tokens_ = len(tok)
        self.vocabulary_ = {s: i for i, s in enumerate(strings)}
        self._lengths = lengths
        self._doc_starts = np.r_[0, np.cumsum(lengths)[:-1]].astype(np.int64)
        self._tok = tok
        self._positions: dict[int, np.ndarray] = {}
        self._windows: dict[int, tuple[int, np.ndarray]] = {}
        self._intervals: dict[tuple[int, int], _Intervals] = {}
        self._pairs: dict[tuple[int, int, int], int] = {}
        logger.debug("ReferenceTexts: %d texts, %d tokens, %d distinct", self.n_docs_,
                     self.n_tokens_, len(strings))
        return self

    # ------------------------------------------------------------------ counting

    def _check_fitted(self) -> None:
        if not hasattr(self, "n_docs_"):
            raise RuntimeError("this ReferenceTexts is not fitted yet; call .fit(texts) first")

    @staticmethod
    def _window_key(window_size: int | None) -> int:
        if window_size is None:
            return 0
        if isinstance(window_size, bool) or not isinstance(window_size, (int, np.integer)) \
                or window_size < 1:
            raise ValueError(f"window_size={window_size!r} is invalid; must be an int >= 1 "
                             "or None (whole documents)")
        return int(window_size)

    def _window_layout(self, w: int) -> tuple[int, np.ndarray]:
        """Total windows and the first global window index of each document."""
        if w not in self._windows:
            per_doc = (np.ones_like(self._lengths) if w == 0
                       else np.maximum(self._lengths - w + 1, 1))
            offsets = np.r_[0, np.cumsum(per_doc)[:-1]].astype(np.int64)
            self._windows[w] = (int(per_doc.sum()), offsets)
        return self._windows[w]

    def n_windows(self, window_size: int | None) -> int:
        """Return the number of windows (gensim's "virtual documents") of this size."""
        self._check_fitted()
        return self._window_layout(self._window_key(window_size))[0]

    def _locate(self, words: Iterable[int]) -> None:
        """Find the positions of the words not seen yet, all in one pass over the texts."""
        new = sorted({int(i) for i in words if i >= 0 and i not in self._positions})
        if not new:
            return
        for lo in range(0, len(new), 60_000):
            part = new[lo:lo + 60_000]
            # rank of each wanted word, 0 for the others: small ints sort by radix, O(n)
            rank = np.zeros(len(self.vocabulary_), dtype=np.uint16)
            rank[part] = np.arange(1, len(part) + 1, dtype=np.uint16)
            ranks = rank[self._tok]
            pos = np.flatnonzero(ranks)
            ranks = ranks[pos]
            order = np.argsort(ranks, kind="stable")
            pos, ranks = pos[order], ranks[order]
            bounds = np.searchsorted(ranks, np.arange(1, len(part) + 2))
            for k, word in enumerate(part):
                self._positions[word] = pos[bounds[k]:bounds[k + 1]]

    def _word_intervals(self, word: int, w: int) -> _Intervals:
        """The windows holding ``word``, as sorted disjoint intervals ``[start, end)``."""
        key = (word, w)
        cached = self._intervals.get(key)
        if cached is not None:
            return cached
        if word not in self._positions:
            self._locate([word])
        pos = self._positions[word]
        doc = np.searchsorted(self._doc_starts, pos, side="right") - 1
        _, offsets = self._window_layout(w)
        if w == 0:
            lo = doc[np.r_[True, doc[1:] != doc[:-1]]] if len(doc) else doc  # sorted
            starts, ends = offsets[lo], offsets[lo] + 1
        else:
            base = self._doc_starts[doc]
            q = pos - base
            n_win = np.maximum(self._lengths[doc] - w + 1, 1)
            first = np.maximum(q - w + 1, 0)
            if self.counting == "gensim":
                # gensim drops the word when its leftmost copy in the window leaves,
                # so a window entered at `first` holds it only until the first copy at
                # or after `first` has left
                last = pos[np.searchsorted(pos, base + first, side="left")] - base
            else:
                last = q
            lo = offsets[doc] + first
            hi = offsets[doc] + np.minimum(last + 1, n_win)
            # starts and ends are both non-decreasing: merge overlapping neighbours
            new = np.r_[True, lo[1:] > hi[:-1]] if len(lo) else np.zeros(0, dtype=bool)
            starts = lo[new]
            ends = hi[np.r_[new[1:], True]] if len(lo) else hi
        lengths = ends - starts
        cum = np.r_[0, np.cumsum(lengths)]
        out = (starts, ends, cum)
        self._intervals[key] = out
        return out

    def _count(self, word: int, w: int) -> int:
        return int(self._word_intervals(word, w)[2][-1])

    def _co_count(self, a: int, b: int, w: int) -> int:
        if a == b:
            return self._count(a, w)
        key = (min(a, b), max(a, b), w)
        cached = self._pairs.get(key)
        if cached is not None:
            return cached
        sa, ea, ca = self._word_intervals(a, w)
        sb, eb, cb = self._word_intervals(b, w)
        if len(sa) < len(sb):  # query the shorter list against the longer one
            sa, ea, ca, sb, eb = sb, eb, cb, sa, ea
        n = 0
        if len(sa) and len(sb):
            n = int(_covered_before(sa, ea, ca, eb).sum() - _covered_before(sa, ea, ca, sb).sum())
        self._pairs[key] = n
        return n

    def _ids(self, words: Sequence[str]) -> np.ndarray:
        """Ids of ``words``; -1 for words absent from the texts."""
        return np.array([self.vocabulary_.get(w, -1) for w in words], dtype=np.int64)

    def occurrences(self, word: str, window_size: int | None) -> int:
        """Return the number of windows (documents for ``None``) containing ``word``."""
        self._check_fitted()
        i = self.vocabulary_.get(word)
        return 0 if i is None else self._count(i, self._window_key(window_size))

    def co_occurrences(self, a: str, b: str, window_size: int | None) -> int:
        """Return the number of windows (documents for ``None``) containing both words."""
        self._check_fitted()
        ia, ib = self.vocabulary_.get(a), self.vocabulary_.get(b)
        if ia is None or ib is None:
            return 0
        return self._co_count(ia, ib, self._window_key(window_size))

    # ------------------------------------------------------------------ scoring

    def _matrices(self, ids: np.ndarray, w: int) -> tuple[np.ndarray, np.ndarray, float]:
        """Counts of each word and co-counts of every pair of one topic, and N.

        One sweep over the merged interval boundaries of the topic's words: between two
        consecutive boundaries the set of words present is constant (a bit mask), so
        each pair's count is the total length of the stretches whose mask has both bits.
        """
        known = ids.tolist()
        self._locate(known)
        k = len(known)
        single = np.zeros(k, dtype=np.float64)
        positions, deltas = [], []
        for j, i in enumerate(known):
            if i < 0:
                continue
            starts, ends, cum = self._word_intervals(i, w)
            single[j] = cum[-1]
            if k <= 62:
                positions += [starts, ends]
                deltas += [np.full(len(starts), 1 << j, dtype=np.int64),
                           np.full(len(ends), -(1 << j), dtype=np.int64)]
        pair = np.diag(single)
        if k < 2 or not single.any():
            return single, pair, float(self._window_layout(w)[0])
        if k > 62:  # one bit per word no longer fits in an int64: count pair by pair
            for x in range(k):
                for y in range(x + 1, k):
                    if known[x] >= 0 and known[y] >= 0:
                        pair[x, y] = pair[y, x] = self._co_count(known[x], known[y], w)
            return single, pair, float(self._window_layout(w)[0])
        pos = np.concatenate(positions)
        order = np.argsort(pos, kind="stable")  # timsort: the inputs are sorted runs
        pos, mask = pos[order], np.cumsum(np.concatenate(deltas)[order])
        length = np.diff(pos).astype(np.float64)
        mask = mask[:-1]
        if k <= 16:
            per_mask = np.bincount(mask, weights=length, minlength=1 << k)
            masks = np.flatnonzero(per_mask)
            weight = per_mask[masks]
        else:  # 2**k bins would be too many: collapse the distinct masks
            masks, inverse = np.unique(mask, return_inverse=True)
            weight = np.bincount(inverse.ravel(), weights=length, minlength=len(masks))
        bits = ((masks[:, None] >> np.arange(k)) & 1).astype(np.float64)
        pair = (bits * weight[:, None]).T @ bits
        np.fill_diagonal(pair, single)
        return single, np.rint(pair), float(self._window_layout(w)[0])

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


def _covered_before(starts: np.ndarray, ends: np.ndarray, cum: np.ndarray,
                    x: np.ndarray) -> np.ndarray:
    """How many points of the interval union lie before each ``x``: ``|U ∩ [0, x)|``."""
    i = np.searchsorted(starts, x, side="right") - 1
    inside = np.clip(x - starts[np.maximum(i, 0)], 0, ends[np.maximum(i, 0)]
                     - starts[np.maximum(i, 0)])
    return np.where(i >= 0, cum[np.maximum(i, 0)] + inside, 0)


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
    counting: Literal["gensim", "exact"] = "gensim",
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
        ``"gensim"`` or ``"exact"`` window counts (see the module notes); ignored when
        ``texts`` is a :class:`ReferenceTexts`, which has its own.

    Notes
    -----
    Reading the texts is most of the cost of one call. ``coherence`` remembers the last
    list (or Series) of texts it read, by identity, so calling it again with the same
    object (a sweep scoring many models on the same held-out texts) does not read them
    again; edit the lists in place and it may not notice (it checks the total length).
    Build a :class:`ReferenceTexts` yourself to control this.

    Returns
    -------
    pandas.Series or pandas.DataFrame
        One value per topic, indexed by topic number (0..K-1); a DataFrame with one
        column per measure when ``measure`` is a list. ``.mean()`` gives gensim's
        ``get_coherence()``.

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
    if isinstance(texts, ReferenceTexts):
        ref = texts
    else:
        ref = _remembered(texts, counting)
    return ref.score(topics, measure=measure, window_size=window_size)


# The last reference read by coherence(), kept with the very object it was read from (so
# that its id cannot be reused) and its total length (to notice most in-place edits):
# a sweep that passes the same held-out token lists for every model and measure reads
# them once.
_LAST: list[tuple[object, int, str, ReferenceTexts]] = []


def _remembered(texts: Iterable[Sequence[str]], counting: str) -> ReferenceTexts:
    if isinstance(texts, (list, tuple, pd.Series)):
        size = sum(map(len, texts))
        for obj, n, how, ref in _LAST:
            if obj is texts and n == size and how == counting:
                return ref
        ref = ReferenceTexts(counting=counting).fit(texts)
        _LAST[:] = [(texts, size, counting, ref)]
        return ref
    return ReferenceTexts(counting=counting).fit(texts)
