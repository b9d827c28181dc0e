"""Count the windows of reference texts that hold a word, or a pair of words, fast.

gensim's ``CoherenceModel`` slides a window over every reference text in Python and
updates a set of the topic words in the window at each step: about a minute for 20
topics on the UN General Debates, and again for every model of a sweep. This module
reads the texts once into an integer array (:class:`WindowCounter`), and for each word
asked for computes, with numpy, the set of windows that contain it as a union of
intervals over the window index; the number of windows holding a word, or a pair of
words, is then a length or the length of an intersection of two interval lists. Nothing
is counted that no topic needs, and counts are kept on the object (keyed by word id and
window size), so one reference scores many topic sets.
:class:`toolkit.topics.scoring.ReferenceTexts` adds the coherence measures.

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

from toolkit._core import check_choice, check_int
from toolkit._core.encoding import encode_token_lists

logger = logging.getLogger(__name__)

__all__ = ["Counting", "WindowCounter"]

#: How windows are counted: as gensim does, or every window that holds the word.
Counting = Literal["gensim", "exact"]
_Intervals = tuple[np.ndarray, np.ndarray, np.ndarray]  # starts, ends, cumulative lengths


class WindowCounter:
    """Reference texts read once, counting the windows that hold any words asked for.

    Parameters
    ----------
    counting
        ``"gensim"`` reproduces gensim's sliding-window counts (see the module notes);
        ``"exact"`` counts every window that contains the word. Document counts
        (``window_size=None``) are the same either way.

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
    >>> ref = WindowCounter().fit([["peace", "war", "peace"], ["trade", "war"]])
    >>> ref.n_windows(2), ref.occurrences("war", 2), ref.co_occurrences("peace", "war", 2)
    (3, 3, 2)
    >>> ref.occurrences("war", None), ref.co_occurrences("peace", "trade", None)
    (2, 0)
    """

    def __init__(self, *, counting: Counting = "gensim") -> None:
        self.counting = counting

    def fit(self, texts: Iterable[Sequence[str]]) -> WindowCounter:
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
        logger.debug("%s: %d texts, %d tokens, %d distinct", type(self).__name__, self.n_docs_,
                     self.n_tokens_, len(strings))
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "n_docs_"):
            raise RuntimeError(f"this {type(self).__name__} is not fitted yet; call "
                               ".fit(texts) first")

    @staticmethod
    def _window_key(window_size: int | None) -> int:
        """The cache key of a window size: the size, 0 for whole documents (``None``)."""
        check_int("window_size", window_size, minimum=1, allow_none=True)
        return 0 if window_size is None else int(window_size)

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


def _covered_before(starts: np.ndarray, ends: np.ndarray, cum: np.ndarray,
                    x: np.ndarray) -> np.ndarray:
    """How many points of the interval union lie before each ``x``: ``|U ∩ [0, x)|``."""
    i = np.searchsorted(starts, x, side="right") - 1
    inside = np.clip(x - starts[np.maximum(i, 0)], 0, ends[np.maximum(i, 0)]
                     - starts[np.maximum(i, 0)])
    return np.where(i >= 0, cum[np.maximum(i, 0)] + inside, 0)
