"""Period-indexed series of attention to actors and terms, and the calendar helpers under them.

Every function returns a DataFrame indexed by a gap-free ``PeriodIndex`` named ``period``
(empty periods are rows of zeros), one column per actor, term or topic. ``attrs`` records
``freq``, what the values are, the number of documents per period (``documents``) and what
could not be placed on the calendar (``undated_documents``, ``unmatched_mentions``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Literal, NamedTuple

import numpy as np
import pandas as pd
from scipy import sparse

from toolkit._core import check_choice
from toolkit._core.calendar import (
    _NAT,
    factorize,
    normalize_freq,
    period_ordinals,
    period_range,
)

logger = logging.getLogger(__name__)

__all__ = ["attention", "document_counts", "source_mix", "term_series"]

Value = Literal["share", "documents", "mentions"]
Level = Literal["actor", "country"]
DateBound = str | pd.Timestamp | pd.Period | None
# dense doc x actor presence matrices up to this many cells, sparse beyond
_DENSE_CELLS = 64_000_000


class _Calendar(NamedTuple):
    index: pd.PeriodIndex
    pos: np.ndarray  # period position of every corpus row, -1 when undated / outside
    undated: int


def _calendar(corpus: pd.DataFrame, freq: str, start: DateBound, end: DateBound,
              tz: str | None, where: str) -> _Calendar:
    from toolkit.schemas import validate_corpus

    validate_corpus(corpus, where=f"{where}: corpus")
    ords = period_ordinals(corpus["date"], freq=freq, tz=tz)
    index = period_range(start, end, freq=freq, ordinals=ords)
    undated = ords == _NAT
    if not len(index):
        return _Calendar(index, np.full(len(ords), -1, np.int64), int(undated.sum()))
    pos = ords - index[0].ordinal
    pos[undated | (pos < 0) | (pos >= len(index))] = -1
    if undated.any():
        logger.warning("%s: %d of %d documents have no date; they are counted in "
                       "attrs['undated_documents'] and left out of every period",
                       where, int(undated.sum()), len(ords))
    return _Calendar(index, pos, int(undated.sum()))


def _doc_rows(doc_ids: pd.Series, corpus: pd.DataFrame) -> np.ndarray:
    """Row of the corpus of every mention; ``len(corpus)`` when its document is not in it."""
    codes, uniques = factorize(doc_ids)
    row_of = pd.Index(corpus["doc_id"].astype(str)).get_indexer(uniques.astype(str))
    n = len(corpus)
    # missing codes (-1) pick the appended last entry: everything unknown goes to row n
    return np.append(np.where(row_of < 0, n, row_of), n)[codes]


def _sorted_codes(values: pd.Series, drop: Sequence[str] = ("",), *, missing: int | None = -1
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Codes in sorted order of the labels; missing values and labels in ``drop`` get
    ``missing`` (``None``: the number of labels kept, a spare last column)."""
    codes, uniques = factorize(values)
    labels = np.asarray([str(u) for u in uniques], dtype=object)
    order = np.argsort(labels, kind="stable")
    rank = np.empty(len(labels), np.int64)
    rank[order] = np.arange(len(labels))
    labels = labels[order]
    keep = np.array([lab not in drop for lab in labels], dtype=bool)
    spare = int(keep.sum()) if missing is None else missing
    remap = np.where(keep, np.cumsum(keep) - 1, spare)[rank]
    return np.append(remap, spare)[codes], labels[keep]


def _presence(doc: np.ndarray, item: np.ndarray, n_docs: int, n_items: int
              ) -> tuple[np.ndarray, np.ndarray]:
    """The distinct (doc, item) pairs: an actor named twice in a document counts once."""
    if n_docs * n_items <= _DENSE_CELLS:
        seen = np.zeros(n_docs * n_items, dtype=bool)
        seen[doc * n_items + item] = True
        flat = np.flatnonzero(seen)
        return flat // n_items, flat % n_items
    x = sparse.csr_matrix((np.ones(len(doc), np.int8), (doc, item)), shape=(n_docs, n_items))
    x.sum_duplicates()
    x = x.tocoo()
    return x.row.astype(np.int64), x.col.astype(np.int64)


def _series(doc: np.ndarray, item: np.ndarray, labels: np.ndarray, corpus: pd.DataFrame,
            cal: _Calendar, *, value: str, normalize: str | None, weights: np.ndarray | None,
            name: str) -> pd.DataFrame:
    """Bin (document row, item code) pairs into a period x item table of shares or counts.

    ``doc == len(corpus)`` (unknown document) and ``item == len(labels)`` (not an item)
    are counted in a spare last bin and column that are cut off at the end: cheaper on
    ten million mentions than filtering them out first.
    """
    n_per, n_items = len(cal.index), len(labels)
    n_docs, width = len(corpus), n_items + 1
    if normalize == "source":
        src_codes, sources = _sorted_codes(corpus["source"].astype(str), drop=())
        n_src = len(sources)
        bins = np.where(cal.pos >= 0, cal.pos * n_src + src_codes, -1)
    else:
        n_src, bins = 1, cal.pos
    n_bins = n_per * n_src
    documents = np.bincount(bins[bins >= 0], minlength=n_bins)
    spare_bins = np.append(np.where(bins >= 0, bins, n_bins), n_bins)
    if value == "mentions":
        key = spare_bins[doc] * width + item
    else:
        pdoc, pitem = _presence(doc, item, n_docs + 1, width)
        key = spare_bins[pdoc] * width + pitem
    counts = np.bincount(key, weights=weights if value == "mentions" else None,
                         minlength=(n_bins + 1) * width)
    counts = counts.reshape(n_bins + 1, width)[:n_bins, :n_items]
    if weights is None or value != "mentions":
        counts = counts.astype(np.int64)
    if value == "share":
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(documents[:, None] > 0, counts / documents[:, None], 0.0)
        if n_src > 1:
            share = share.reshape(n_per, n_src, n_items)
            present = documents.reshape(n_per, n_src) > 0
            k = present.sum(axis=1)
            share = np.where(k[:, None] > 0, share.sum(axis=1) / np.maximum(k, 1)[:, None], 0.0)
        values = share
    else:
        values = counts
    per_period = documents.reshape(n_per, n_src).sum(axis=1)
    out = pd.DataFrame(values, index=cal.index, columns=pd.Index(labels, name=name))
    out.attrs = {"freq": cal.index.freqstr, "value": value, "level": name,
                 "normalize": normalize, "documents": per_period.astype(int).tolist(),
                 "undated_documents": cal.undated}
    return out


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
        ``"D"``, ``"W"``, ``"M"``, ``"Q"`` or ``"Y"`` (default), see
        :func:`toolkit.timeline.normalize_freq`.
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
        column per actor sorted by id. ``attrs``: ``freq``, ``value``, ``level``,
        ``normalize``, ``documents`` (documents per period, a list),
        ``undated_documents`` and ``unmatched_mentions`` (mentions whose ``doc_id`` is
        not in the corpus), all logged when non-zero.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> c = from_frame(pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "text": ["x"] * 4,
    ...     "date": ["1990-09-01", "1990-10-01", "1991-01-01", "1993-02-01"]}))
    >>> m = pd.DataFrame({"doc_id": ["a", "a", "b", "c"], "actor": ["KWT", "KWT", "IRQ", "KWT"]})
    >>> attention(m, c)
    actor   IRQ  KWT
    period
    1990    0.5  0.5
    1991    0.0  1.0
    1992    0.0  0.0
    1993    0.0  0.0
    >>> attention(m, c, value="mentions").loc["1990"].tolist()
    [1, 2]
    """
    check_choice("level", level, ["actor", "country"])
    check_choice("value", value, ["share", "documents", "mentions"])
    check_choice("normalize", normalize, [None, "source"])
    if normalize is not None and value != "share":
        raise ValueError(f"normalize={normalize!r} needs value='share', not value={value!r}")
    freq = normalize_freq(freq)
    column = "actor" if level == "actor" else "country"
    _check_table(mentions, ["doc_id", column], "mentions",
                 "a Mentions table from toolkit.actors.find_mentions")
    cal = _calendar(corpus, freq, start, end, tz, "attention")
    doc = _doc_rows(mentions["doc_id"], corpus)
    item, labels = _sorted_codes(mentions[column], missing=None)
    unmatched = int(np.count_nonzero(doc == len(corpus)))
    if unmatched:
        logger.warning("attention: %d of %d mentions name documents that are not in the "
                       "corpus and are left out", unmatched, len(doc))
    out = _series(doc, item, labels, corpus, cal, value=value, normalize=normalize,
                  weights=None, name=column)
    out.attrs["unmatched_mentions"] = unmatched
    if actors is not None:
        attrs = out.attrs
        out = out.reindex(columns=pd.Index(list(actors), name=column), fill_value=0)
        out.attrs = attrs
    return out


def document_counts(corpus: pd.DataFrame, *, freq: str = "Y", by: str | None = None,
                    start: DateBound = None, end: DateBound = None, tz: str | None = None
                    ) -> pd.DataFrame:
    """Count the documents of each period (the denominator of every share).

    Parameters
    ----------
    corpus
        A Corpus table.
    freq, start, end, tz
        As in :func:`attention`.
    by
        A corpus column (e.g. ``"source"``): one column per value. Default: one column
        ``"documents"``.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> c = from_frame(pd.DataFrame({"text": ["x"] * 3, "source": ["a", "b", "a"],
    ...                              "date": ["2001-01-05", "2001-03-01", "2001-03-09"]}))
    >>> document_counts(c, freq="M", by="source")
    source   a  b
    period
    2001-01  1  0
    2001-02  0  0
    2001-03  1  1
    """
    cal = _calendar(corpus, normalize_freq(freq), start, end, tz, "document_counts")
    if by is None:
        codes, labels = np.zeros(len(corpus), np.int64), np.array(["documents"], dtype=object)
    else:
        if by not in corpus.columns:
            raise ValueError(f"by={by!r} is not a column of the corpus; columns are "
                             f"{list(corpus.columns)}")
        codes, labels = _sorted_codes(corpus[by].astype(str), drop=())
    ok = cal.pos >= 0
    k = len(labels)
    counts = np.bincount(cal.pos[ok] * k + codes[ok], minlength=len(cal.index) * k)
    out = pd.DataFrame(counts.reshape(len(cal.index), k).astype(np.int64), index=cal.index,
                       columns=pd.Index(labels, name=by))
    out.attrs = {"freq": cal.index.freqstr, "undated_documents": cal.undated}
    return out


def source_mix(corpus: pd.DataFrame, *, freq: str = "Y", by: str = "source",
               start: DateBound = None, end: DateBound = None) -> pd.DataFrame:
    """Share of each period's documents that come from each source (rows sum to 1, or 0).

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> c = from_frame(pd.DataFrame({"text": ["x"] * 3, "source": ["a", "b", "a"],
    ...                              "date": ["2001-01-05", "2002-03-01", "2002-03-09"]}))
    >>> source_mix(c).round(2)
    source    a     b
    period
    2001    1.0  0.0
    2002    0.5  0.5
    """
    counts = document_counts(corpus, freq=freq, by=by, start=start, end=end)
    total = counts.sum(axis=1).to_numpy()[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = np.where(total > 0, counts.to_numpy() / np.maximum(total, 1), 0.0)
    out = pd.DataFrame(shares, index=counts.index, columns=counts.columns)
    out.attrs = dict(counts.attrs)
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

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> c = from_frame(pd.DataFrame({"date": ["1946-01-01", "1947-01-01", "1947-06-01"],
    ...     "text": ["The atomic bomb.", "A cold\\nwar, the Cold War.", "Peace."]}))
    >>> term_series(c, ["cold war", "peace"])
    term    cold war  peace
    period
    1946         0.0    0.0
    1947         0.5    0.5
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
    cal = _calendar(corpus, normalize_freq(freq), start, end, tz, "term_series")
    terms = list(dict.fromkeys(terms))
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
    w = weights if value == "mentions" else None
    out = _series(doc, item, np.asarray(terms, dtype=object), corpus, cal, value=value,
                  normalize=normalize, weights=w, name="term")
    if value == "mentions":
        out = out.astype(np.int64)
        out.attrs["value"] = value
    return out


def _check_table(table: pd.DataFrame, columns: Sequence[str], name: str, what: str) -> None:
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame ({what}), not {type(table).__name__}")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(f"{name}: missing columns {missing} (expected {what}); "
                         f"found {list(table.columns)}")
