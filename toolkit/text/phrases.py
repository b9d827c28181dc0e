"""Phrases over token lists: frequent bigrams found and joined as gensim's ``Phrases`` does.

Part of :mod:`toolkit.text`. The public names are re-exported by :mod:`toolkit.text`; import them from there.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Literal

import numpy as np
import pandas as pd

from toolkit._core import check_choice, check_columns, check_int, check_number
from toolkit._core.encoding import encode_token_lists

logger = logging.getLogger("toolkit.text")

__all__ = ["apply_phrases", "detect_phrases"]

# --------------------------------------------------------------------------- phrases

_PHRASE_COLUMNS = ["phrase", "a", "b", "count", "score"]
_PHRASES_FROM = ("a phrase table from toolkit.text.detect_phrases (columns "
                 + ", ".join(_PHRASE_COLUMNS) + ")")


def _detect(tok: np.ndarray, adjacent: np.ndarray, eligible: np.ndarray, strings: list[str],
            *, min_count: int = 5, threshold: float = 10.0,
            scoring: Literal["default", "npmi"] = "default",
            delimiter: str = "_") -> pd.DataFrame:
    """Score every bigram of adjacent eligible tokens the way gensim's Phrases does.

    gensim's "sentences" here are the runs of adjacent eligible tokens, so its word
    count and its vocabulary size (distinct words plus distinct bigrams, both in the
    default score) are those of the runs.
    """
    check_choice("scoring", scoring, ["default", "npmi"])
    check_int("min_count", min_count, minimum=1)
    check_number("threshold", threshold)
    vsize = max(len(strings), 1)
    ok_tok = eligible[tok]
    pair = adjacent & ok_tok[:-1] & ok_tok[1:]
    codes = tok[:-1][pair].astype(np.int64) * vsize + tok[1:][pair]
    del pair
    codes.sort()
    if len(codes):
        first = np.r_[True, codes[1:] != codes[:-1]]
        uniq = codes[first]
        n_ab = np.diff(np.r_[np.flatnonzero(first), len(codes)])
    else:
        uniq = codes
        n_ab = np.zeros(0, dtype=np.int64)
    del codes
    unigram = np.bincount(tok[ok_tok], minlength=vsize)
    len_vocab = int(np.count_nonzero(unigram)) + len(uniq)
    word_count = float(ok_tok.sum())
    del ok_tok
    # only bigrams that can pass are scored; the others keep their place in len_vocab
    if scoring == "npmi" or threshold >= 0:
        cand = n_ab >= (min_count if scoring == "npmi" else min_count + 1)
        uniq, n_ab = uniq[cand], n_ab[cand]
    a, b = uniq // vsize, uniq % vsize
    na, nb = unigram[a].astype(np.float64), unigram[b].astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        if scoring == "default":
            # gensim.models.phrases.original_scorer: same operations in the same order
            score = (n_ab - min_count) / (na * nb) * len_vocab
        else:
            pa, pb, pab = na / word_count, nb / word_count, n_ab / word_count
            score = np.log(pab / (pa * pb)) / -np.log(pab)
            score[n_ab < min_count] = -np.inf
    ok = score > threshold
    words_a = [strings[i] for i in a[ok].tolist()]
    words_b = [strings[i] for i in b[ok].tolist()]
    table = pd.DataFrame({
        "phrase": pd.Series([x + delimiter + y for x, y in zip(words_a, words_b)], dtype=object),
        "a": pd.Series(words_a, dtype=object), "b": pd.Series(words_b, dtype=object),
        "count": n_ab[ok].astype(np.int64), "score": score[ok].astype(np.float64)})
    table = table.sort_values(["score", "phrase"], ascending=[False, True], ignore_index=True)
    logger.info("phrases: %d bigrams scored above %s (%s, min_count=%d; %d distinct bigrams)",
                len(table), threshold, scoring, min_count, len_vocab - np.count_nonzero(unigram))
    return table[_PHRASE_COLUMNS]


def _join_phrases(tok: np.ndarray, adjacent: np.ndarray, lengths: np.ndarray,
                  eligible: np.ndarray, strings: list[str], table: pd.DataFrame
                  ) -> tuple[np.ndarray, np.ndarray, int]:
    """Join accepted bigrams greedily left to right (as gensim's ``Phrases[...]`` does).

    Appends the phrase strings to ``strings``; returns the new ids, the new lengths
    per document and the number of joins.
    """
    check_columns(table, _PHRASE_COLUMNS[:3], name="phrases", expected=_PHRASES_FROM)
    index = {s: i for i, s in enumerate(strings)}
    vsize = max(len(strings), 1)
    code_to_phrase: dict[int, str] = {}
    for a, b, phrase in zip(table["a"], table["b"], table["phrase"]):
        ia, ib = index.get(a), index.get(b)
        if ia is not None and ib is not None and eligible[ia] and eligible[ib]:
            code_to_phrase[ia * vsize + ib] = phrase
    del index
    if not code_to_phrase or len(tok) < 2:
        return tok, lengths, 0
    accepted = np.array(sorted(code_to_phrase), dtype=np.int64)
    where = np.flatnonzero(adjacent)
    codes = tok[where].astype(np.int64) * vsize + tok[where + 1]
    at = np.minimum(np.searchsorted(accepted, codes), len(accepted) - 1)
    hit = accepted[at] == codes
    flag = np.zeros(len(tok) - 1, dtype=bool)
    flag[where[hit]] = True
    codes_at = np.zeros(len(tok) - 1, dtype=np.int64)
    codes_at[where[hit]] = codes[hit]
    del where, codes, at, hit
    # greedy: in a run of consecutive joinable pairs take the 1st, 3rd, ...
    idx = np.arange(len(flag))
    run_start = flag & ~np.r_[False, flag[:-1]]
    first = np.maximum.accumulate(np.where(run_start, idx, 0))
    chosen = np.flatnonzero(flag & ((idx - first) % 2 == 0))
    del idx, run_start, first, flag
    if not len(chosen):
        return tok, lengths, 0
    chosen_codes = codes_at[chosen]
    del codes_at
    phrase_ids = {}
    for code in np.unique(chosen_codes).tolist():
        phrase_ids[code] = len(strings)
        strings.append(code_to_phrase[code])
    out = tok.copy()
    out[chosen] = np.array([phrase_ids[c] for c in chosen_codes.tolist()], dtype=np.int32)
    keep = np.ones(len(tok), dtype=bool)
    keep[chosen + 1] = False
    ends = np.cumsum(lengths)
    lost = np.bincount(np.searchsorted(ends, chosen + 1, side="right"), minlength=len(lengths))
    return out[keep], lengths - lost[: len(lengths)], len(chosen)


def _decode(tok: np.ndarray, lengths: np.ndarray, strings: list[str]) -> list[list[str]]:
    """Token lists from ids, each distinct string shared by all its occurrences."""
    lookup = np.array(strings + [""], dtype=object)
    ends = np.cumsum(lengths).tolist()
    starts = [0] + ends[:-1]
    return [lookup[tok[s:e]].tolist() for s, e in zip(starts, ends)]


def _as_series(token_lists: pd.Series | Iterable[Sequence[str]], name: str) -> pd.Series:
    """Token lists as a Series (a list of lists gets a RangeIndex)."""
    if isinstance(token_lists, pd.Series):
        return token_lists
    if isinstance(token_lists, (str, pd.DataFrame)):
        raise TypeError(f"{name} has the wrong type {type(token_lists).__name__}; must be a "
                        "Series or list of token lists (from toolkit.text.tokens)")
    return pd.Series(list(token_lists), dtype=object)


def _not_actor(strings: list[str]) -> np.ndarray:
    return np.array([not s.startswith("@") for s in strings], dtype=bool)


def detect_phrases(
    token_lists: pd.Series | Iterable[Sequence[str]],
    *,
    min_count: int = 5,
    threshold: float = 10.0,
    scoring: Literal["default", "npmi"] = "default",
) -> pd.DataFrame:
    """Find the bigrams that gensim's ``Phrases`` would join, with the same scores.

    Counts every pair of adjacent tokens with numpy (gensim counts them in a Python
    dict, which takes several GB on a large corpus), then scores them with gensim's
    formulas: ``"default"`` is Mikolov et al.'s ``(n_ab - min_count) / (n_a * n_b) *
    vocabulary size`` (the vocabulary counting words and bigrams, as gensim does) and
    ``"npmi"`` the normalised PMI (threshold in -1..1). Tokens starting with ``@`` (actor
    tokens) are never part of a phrase.

    Parameters
    ----------
    token_lists
        Lists of tokens, e.g. ``tokens(corpus, phrases=False)``.
    min_count, threshold, scoring
        As in ``gensim.models.Phrases`` (defaults too).

    Returns
    -------
    pandas.DataFrame
        Columns ``phrase`` (``"a_b"``), ``a``, ``b``, ``count`` (of the bigram),
        ``score``; best first. Pass it to :func:`apply_phrases` or ``tokens(...,
        phrases=table)``.

    Examples
    --------
    >>> docs = [["united", "nations", "security", "council"]] * 5 + [["nations", "peace"]]
    >>> detect_phrases(docs, min_count=2, threshold=0.5)[["phrase", "count", "score"]]
                 phrase  count  score
    0  security_council      5   1.08
    1  nations_security      5   0.90
    2    united_nations      5   0.90
    """
    series = _as_series(token_lists, "token_lists")
    tok, adjacent, _, strings = encode_token_lists(series)
    return _detect(tok, adjacent, _not_actor(strings), strings, min_count=min_count,
                   threshold=threshold,
                   scoring=scoring)


def apply_phrases(token_lists: pd.Series | Iterable[Sequence[str]],
                  phrases: pd.DataFrame) -> pd.Series:
    """Join the bigrams of a phrase table into single tokens, greedily left to right.

    Examples
    --------
    >>> table = detect_phrases([["human", "rights", "council"]] * 5, min_count=2, threshold=0.5)
    >>> apply_phrases([["human", "rights", "council", "human", "rights"]], table).tolist()
    [['human_rights', 'council', 'human_rights']]
    """
    series = _as_series(token_lists, "token_lists")
    tok, adjacent, lengths, strings = encode_token_lists(series)
    tok, lengths, joined = _join_phrases(tok, adjacent, lengths, _not_actor(strings), strings,
                                         phrases)
    logger.info("apply_phrases: joined %d bigrams into phrases", joined)
    out = pd.Series(_decode(tok, lengths, strings), index=series.index,
                    name=series.name, dtype=object)
    out.attrs = dict(series.attrs)
    out.attrs["phrases"] = phrases
    return out
