"""Period series of attention to actors and terms: shares of documents, with their denominator.

Every function returns a DataFrame indexed by a gap-free ``PeriodIndex`` named ``period``
(empty periods are rows of zeros), one column per actor or term, and the column
``n_documents``: the documents of each period, the denominator of every share. It travels
with the rows, so any slice of a series (``share.loc["1991":]``) still knows what its
shares are out of. ``attrs`` records reports: ``freq``, what the values are, and what
could not be placed on the calendar (``undated_documents``, ``unmatched_mentions``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from toolkit._core import check_choice
from toolkit._core.calendar import normalize_freq
from toolkit.schemas import N_DOCUMENTS, validate_mentions
from toolkit.timeline.binning import (
    DateBound,
    Level,
    Value,
    count_series,
    document_rows,
    place_documents,
    sorted_codes,
)

logger = logging.getLogger(__name__)

__all__ = ["attention", "term_series"]


def attention(
    mentions: pd.DataFrame,
    corpus: pd.DataFrame,
    *,
    freq: str = "Y",
    level: Level = "actor",
    value: Value = "share",
    normalize: Literal["source"] | None = None,
    actors: Sequence[str] | None = None,
    start: DateBound = None,
    end: DateBound = None,
    tz: str | None = None,
) -> pd.DataFrame:
    """Measure how much attention each actor gets per calendar period.

    Attention is the share of the period's documents that mention the actor at least once,
    so a year with twice as many speeches does not look twice as interested.

    Parameters
    ----------
    mentions
        A Mentions table (:func:`toolkit.actors.find_mentions`): needs ``doc_id`` and
        ``actor`` (or ``country``). Ten million mentions take about 0.4 s with the
        ``str`` columns of ``find_mentions`` (sorted by document), 0.2 s with categorical
        columns (``bench/RESULTS.md``).
    corpus
        The Corpus table the mentions come from: its dates place the documents and its
        size per period is the denominator.
    freq
        ``"D"``, ``"W"``, ``"M"``, ``"Q"``, ``"Y"`` (default) or a multiple such as
        ``"5Y"`` or ``"10Y"`` (bins anchored on the calendar, not on the data: 1990-1994,
        1995-1999), see :func:`toolkit.timeline.normalize_freq`.
    level
        ``"actor"`` (default) or ``"country"``: count each mention for its ``country``
        (a president counts for the state); mentions without a country are left out.
    value
        ``"share"`` (default): documents mentioning the actor / documents in the period;
        ``"documents"``: the number of documents mentioning it; ``"mentions"``: the raw
        number of mentions.
    normalize
        ``"source"``: compute the share within each source and average the shares of the
        sources present in the period (unweighted), so a period dominated by one prolific
        outlet does not dominate the series. Only with ``value="share"``.
    actors
        Keep only these columns, in this order (absent actors give zero columns).
    start, end
        Calendar range (inclusive); default: the first and last dated document.
    tz
        Time zone whose wall clock defines the periods (default: UTC).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``period`` (every period from start to end, empty ones zero), one
        column per actor sorted by id, then ``n_documents`` (int64): the documents of each
        period, the denominator that :func:`bursts` and :func:`share_band` read. ``attrs``
        reports ``freq``, ``value``, ``level``, ``normalize``, ``unit`` (what a row of the
        corpus is: ``"paragraph"`` or ``"document"``, what the shares are shares of),
        ``undated_documents`` and ``unmatched_mentions`` (mentions whose ``doc_id`` is
        not in the corpus), logged when non-zero.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> c = from_frame(pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "text": ["x"] * 4,
    ...     "date": ["1990-09-01", "1990-10-01", "1991-01-01", "1993-02-01"]}))
    >>> m = pd.DataFrame({"doc_id": ["a", "a", "b", "c"], "actor": ["KWT", "KWT", "IRQ", "KWT"]})
    >>> attention(m, c)
    actor   IRQ  KWT  n_documents
    period
    1990    0.5  0.5            2
    1991    0.0  1.0            1
    1992    0.0  0.0            0
    1993    0.0  0.0            1
    >>> attention(m, c, value="mentions").loc["1990"].tolist()
    [1, 2, 2]
    >>> attention(m, c, freq="5Y")
    actor    IRQ  KWT  n_documents
    period
    1990    0.25  0.5            4
    """
    check_choice("level", level, ["actor", "country"])
    check_choice("value", value, ["share", "documents", "mentions"])
    check_choice("normalize", normalize, [None, "source"])
    if normalize is not None and value != "share":
        raise ValueError(f"normalize={normalize!r} needs value='share', not value={value!r}")
    freq = normalize_freq(freq)
    column = "actor" if level == "actor" else "country"
    validate_mentions(mentions, ["doc_id", column])
    placed = place_documents(corpus, freq, start, end, tz, "attention")
    doc = document_rows(mentions["doc_id"], corpus)
    item, labels = sorted_codes(mentions[column], missing=None)
    unmatched = int(np.count_nonzero(doc == len(corpus)))
    if unmatched:
        logger.warning("attention: %d of %d mentions name documents that are not in the "
                       "corpus and are left out", unmatched, len(doc))
    out = count_series(doc, item, labels, corpus, placed, value=value, normalize=normalize,
                       weights=None, name=column)
    out.attrs["unmatched_mentions"] = unmatched
    if actors is not None:
        attrs = out.attrs
        columns = pd.Index([*dict.fromkeys(actors), N_DOCUMENTS], name=column)
        out = out.reindex(columns=columns, fill_value=0)
        out.attrs = attrs
    return out


def _term_pattern(term: str, case: bool) -> re.Pattern[str]:
    if not isinstance(term, str) or not term.strip():
        raise ValueError(f"terms: {term!r} is not a word or phrase (expected non-empty str)")
    words = [re.escape(w) for w in term.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", 0 if case else re.IGNORECASE)


def term_series(
    corpus: pd.DataFrame,
    terms: Sequence[str],
    *,
    freq: str = "Y",
    value: Value = "share",
    case: bool = False,
    tokens: pd.Series | None = None,
    normalize: Literal["source"] | None = None,
    start: DateBound = None,
    end: DateBound = None,
    tz: str | None = None,
) -> pd.DataFrame:
    """Follow words and phrases over time: the share of documents that use each.

    On raw text (the default) a term matches as whole words and a phrase matches its
    words separated by any white space (line breaks included), so ``"cold war"`` finds
    ``"Cold\\nWar"``. With ``tokens`` from :func:`toolkit.text.tokens`, terms are matched
    against the normalised tokens instead, so lemmas (``"country"`` counts "countries")
    and detected phrases (``"cold_war"``, ``"united_nations"``) can be followed.

    Parameters
    ----------
    corpus
        A Corpus table.
    terms
        Words or phrases (one column each, in this order).
    freq, value, normalize, start, end, tz
        As in :func:`attention` (``value="mentions"`` counts occurrences).
    case
        Match case-sensitively (default: no; raw text only).
    tokens
        Token lists aligned with the corpus rows (:func:`toolkit.text.tokens`): match
        ``terms`` as whole tokens.

    Returns
    -------
    pandas.DataFrame
        One column per term, then ``n_documents``, as in :func:`attention`.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> c = from_frame(pd.DataFrame({"date": ["1946-01-01", "1947-01-01", "1947-06-01"],
    ...     "text": ["The atomic bomb.", "A cold\\nwar, the Cold War.", "Peace."]}))
    >>> term_series(c, ["cold war", "peace"])
    term    cold war  peace  n_documents
    period
    1946         0.0    0.0            1
    1947         0.5    0.5            2
    >>> term_series(c, ["cold war"], value="mentions").loc["1947", "cold war"]
    np.int64(2)
    >>> toks = pd.Series([["atomic", "bomb"], ["cold_war", "cold_war"], ["peace"]])
    >>> term_series(c, ["cold_war"], tokens=toks)["cold_war"].tolist()
    [0.0, 0.5]
    """
    if isinstance(terms, str):
        raise TypeError("terms expects a list of words or phrases, not a single string; "
                        f"use [{terms!r}]")
    check_choice("value", value, ["share", "documents", "mentions"])
    check_choice("normalize", normalize, [None, "source"])
    placed = place_documents(corpus, normalize_freq(freq), start, end, tz, "term_series")
    terms = list(dict.fromkeys(terms))
    doc, item, weights = _term_hits(corpus, terms, case, tokens)
    w = weights if value == "mentions" else None
    out = count_series(doc, item, np.asarray(terms, dtype=object), corpus, placed, value=value,
                       normalize=normalize, weights=w, name="term")
    if value == "mentions":
        out = out.astype(np.int64)
        out.attrs["value"] = value
    return out


def _term_hits(corpus: pd.DataFrame, terms: list[str], case: bool, tokens: pd.Series | None
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(corpus row, term code, occurrences) of every term found in a document."""
    if tokens is not None:
        if len(tokens) != len(corpus):
            raise ValueError(f"tokens has {len(tokens)} rows but the corpus has {len(corpus)}; "
                             "pass toolkit.text.tokens(corpus) for this corpus")
        lengths = np.fromiter((len(t) for t in tokens), dtype=np.int64, count=len(tokens))
        flat = pd.Series([t for toks in tokens for t in toks], dtype=object)
        code = pd.Index(terms).get_indexer(flat)
        hit = code >= 0
        pairs = pd.DataFrame({"doc": np.repeat(np.arange(len(tokens)), lengths)[hit],
                              "item": code[hit]}).value_counts(sort=False)
        doc = pairs.index.get_level_values("doc").to_numpy(np.int64)
        item = pairs.index.get_level_values("item").to_numpy(np.int64)
        weights = pairs.to_numpy(np.float64)
    else:
        patterns = [_term_pattern(t, case) for t in terms]
        docs, items, counts = [], [], []
        for row, text in enumerate(corpus["text"].astype(str)):
            for k, pattern in enumerate(patterns):
                n = sum(1 for _ in pattern.finditer(text))
                if n:
                    docs.append(row)
                    items.append(k)
                    counts.append(n)
        doc, item = np.asarray(docs, np.int64), np.asarray(items, np.int64)
        weights = np.asarray(counts, np.float64)
    return doc, item, weights
