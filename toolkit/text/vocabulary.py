"""Vocabulary filtering over token lists: rare and ubiquitous words, short documents.

Part of :mod:`toolkit.text`; the public names are re-exported there.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import numpy as np
import pandas as pd

from toolkit._core import check_int, check_number
from toolkit._core.encoding import encode_token_lists
from toolkit.text.phrases import _as_series, _decode

logger = logging.getLogger("toolkit.text")

__all__ = ["filter_tokens"]


def filter_tokens(
    token_lists: pd.Series,
    *,
    no_below: int = 5,
    no_above: float = 0.5,
    keep_n: int | None = None,
    keep: Iterable[str] = (),
    keep_actors: bool = True,
    min_tokens: int = 1,
) -> pd.Series:
    """Drop rare and ubiquitous words, then documents left too short; log what went.

    The same vocabulary rules as gensim's ``Dictionary.filter_extremes`` (document
    frequencies), applied to the token lists so that every later step (dictionary,
    coherence) sees the same texts.

    Parameters
    ----------
    token_lists
        Lists of tokens indexed by ``doc_id`` (from :func:`toolkit.text.tokens`).
    no_below
        Keep words found in at least this many documents.
    no_above
        Keep words found in at most this fraction of documents.
    keep_n
        Then keep only the ``keep_n`` most frequent words (by document frequency).
    keep
        Words kept whatever their frequency.
    keep_actors
        Keep actor tokens (``@...``) whatever their frequency.
    min_tokens
        Drop documents left with fewer tokens than this.

    Returns
    -------
    pandas.Series
        The filtered token lists (documents dropped from the index);
        ``attrs["filter_report"]`` counts what was removed.

    Examples
    --------
    >>> s = pd.Series([["peace", "war", "rare"], ["peace", "war"], ["peace"], ["war"]],
    ...               index=pd.Index(list("abcd"), name="doc_id"))
    >>> filter_tokens(s, no_below=2, no_above=0.9, min_tokens=2).to_dict()
    {'a': ['peace', 'war'], 'b': ['peace', 'war']}
    """
    series = _as_series(token_lists, "token_lists")
    _check_filter_options(no_below, no_above, keep_n, min_tokens)
    tok, _, lengths, strings = encode_token_lists(series)
    n_docs = len(series)
    good = _kept_words(tok, lengths, strings, no_below=no_below, no_above=no_above,
                       keep_n=keep_n, keep=keep, keep_actors=keep_actors)
    drop_tok = ~good[tok]
    ends = np.cumsum(lengths)
    lost = np.bincount(np.searchsorted(ends, np.flatnonzero(drop_tok), side="right"),
                       minlength=n_docs)[:n_docs]
    lengths = lengths - lost
    lists = _decode(tok[~drop_tok], lengths, strings)
    keep_doc = lengths >= min_tokens
    out = pd.Series([x for x, k in zip(lists, keep_doc) if k], index=series.index[keep_doc],
                    name=series.name, dtype=object)
    report = {"words_removed": int((~good).sum()), "words_kept": int(good.sum()),
              "tokens_removed": int(drop_tok.sum()), "tokens_kept": int(lengths[keep_doc].sum()),
              "documents_removed": int((~keep_doc).sum()), "documents_kept": int(keep_doc.sum())}
    total = max(len(tok), 1)
    logger.info(
        "filter_tokens: removed %d of %d words (in < %d documents or > %.0f%% of them%s), "
        "%d tokens (%.1f%%), and %d of %d documents left with < %d tokens",
        report["words_removed"], len(strings), no_below, 100 * no_above,
        f", beyond the {keep_n} most frequent" if keep_n is not None else "",
        report["tokens_removed"], 100 * report["tokens_removed"] / total,
        report["documents_removed"], n_docs, min_tokens)
    out.attrs = dict(series.attrs)
    out.attrs["filter_report"] = report
    return out


def _kept_words(tok: np.ndarray, lengths: np.ndarray, strings: list[str], *, no_below: int,
                no_above: float, keep_n: int | None, keep: Iterable[str],
                keep_actors: bool) -> np.ndarray:
    """Per word id, whether the word is kept: gensim's ``filter_extremes`` rules on
    document frequencies, then the words forced in (``keep``, actor tokens)."""
    n_docs = len(lengths)
    vsize = max(len(strings), 1)
    doc_of = np.repeat(np.arange(n_docs, dtype=np.int64), lengths)
    df = np.bincount(np.unique(doc_of * vsize + tok) % vsize, minlength=len(strings))
    del doc_of
    good = (df >= no_below) & (df <= no_above * n_docs)
    if keep_n is not None and good.sum() > keep_n:
        order = np.argsort(-df, kind="stable")
        ranked = order[good[order]][:keep_n]
        good = np.zeros_like(good)
        good[ranked] = True
    forced = {str(w) for w in keep}
    for i, s in enumerate(strings):
        if s in forced or (keep_actors and s.startswith("@")):
            good[i] = True
    return good


def _check_filter_options(no_below: int, no_above: float, keep_n: int | None,
                          min_tokens: int) -> None:
    check_int("no_below", no_below, minimum=0)
    # a fraction in (0, 1]: two checks, so that each message names a bound that is right
    check_number("no_above", no_above, minimum=0, inclusive=False)
    check_number("no_above", no_above, maximum=1)
    check_int("keep_n", keep_n, minimum=0, allow_none=True)
    check_int("min_tokens", min_tokens, minimum=0)
