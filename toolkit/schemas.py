"""The tables that cross a stage boundary: their columns, dtypes and checks, defined once.

Every public function that takes one of these tables calls its ``validate_*`` first, so a
wrong table fails at the door with a message that names the table, what is missing and
where such a table comes from.

**Corpus** (:func:`validate_corpus`; made by :func:`toolkit.corpus.load`)

=========  ===================  ======================================================
column     dtype                meaning
=========  ===================  ======================================================
doc_id     str, unique          stable identifier of the document
date       datetime64[ns]       publication date, tz-naive (tz-aware input is
                                converted to UTC); ``NaT`` where the source has none
source     str                  outlet, collection or channel ("" when unknown)
title      str                  headline or title ("" when unknown)
text       str                  the full text, paragraphs separated by newlines
...        as given             any other metadata columns, kept as they came
=========  ===================  ======================================================

**Mentions** (:func:`validate_mentions`; made by :func:`toolkit.actors.find_mentions`):
one row per resolved mention.

==========  =====  ================================================================
column      dtype  meaning
==========  =====  ================================================================
doc_id      str    the document
paragraph   int64  paragraph number within the document (0-based)
sentence    int64  sentence number within the document (0-based)
start, end  int64  character offsets of the mention in the document's text
surface     str    the text as written
actor       str    canonical actor id (``RUS``, ``isis``, ``barack_obama``)
name        str    the actor's display name
kind        str    ``state``, ``organisation``, ``armed_group``, ``person``, ...
country     str    ISO3 code of the state the actor belongs to ("" for none)
rule        str    which alias, title or context rule fired
sovereign   str    ISO3 of the state holding ``country`` on the document's date: the
                   state itself, a territory's sovereign (``USA`` for ``VIR``), "" for none
==========  =====  ================================================================

**Edges** (:func:`validate_edges`; made by :func:`toolkit.network.cooccurrence`): one row
per pair of actors; columns :data:`EDGE_COLUMNS` (counts and association measures,
documented in :mod:`toolkit.network`).

**Period series** (:func:`validate_series`): a DataFrame indexed by a gap-free
:class:`pandas.PeriodIndex` named ``period``, one column per actor, term or topic.
Denominators (documents per period) travel as a column named :data:`N_DOCUMENTS`
(``n_documents``), never in ``DataFrame.attrs``, so any row slice of a series stays correct.

**Events** (:func:`validate_events`; made by :func:`toolkit.timeline.load_events`):
``date`` (datetime64[ns]), ``label`` (str), ``actors`` (tuple of actor ids).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from toolkit._core.checks import check_columns

__all__ = [
    "CORPUS_COLUMNS",
    "CORPUS_SCHEMA",
    "DATE_DTYPE",
    "EDGE_COLUMNS",
    "EVENT_COLUMNS",
    "MENTION_COLUMNS",
    "MENTION_INT_COLUMNS",
    "N_DOCUMENTS",
    "CorpusError",
    "empty_mentions",
    "validate_corpus",
    "validate_edges",
    "validate_events",
    "validate_mentions",
    "validate_series",
]


class CorpusError(ValueError):
    """Bad corpus input; the message names the file, row and value."""


CorpusError.__module__ = "toolkit.corpus"  # its public home, as tracebacks and docs show it

#: The schema of the Corpus table: column -> meaning.
CORPUS_SCHEMA: dict[str, str] = {
    "doc_id": "unique string identifier",
    "date": "datetime64[ns], tz-naive",
    "source": "outlet or collection, '' when unknown",
    "title": "headline or title, '' when unknown",
    "text": "full text, paragraphs separated by newlines",
}
#: The Corpus columns, in order.
CORPUS_COLUMNS: tuple[str, ...] = tuple(CORPUS_SCHEMA)
#: The dtype of the Corpus ``date`` column.
DATE_DTYPE = "datetime64[ns]"

#: Columns of the Mentions table, in order.
MENTION_COLUMNS: tuple[str, ...] = ("doc_id", "paragraph", "sentence", "start", "end",
                                    "surface", "actor", "name", "kind", "country", "rule",
                                    "sovereign")
#: The integer columns of the Mentions table.
MENTION_INT_COLUMNS: tuple[str, ...] = ("paragraph", "sentence", "start", "end")

#: Columns of the Edges table, in order.
EDGE_COLUMNS: tuple[str, ...] = ("a", "b", "n_ab", "n_a", "n_b", "n", "expected", "jaccard",
                                 "pmi", "npmi", "g2", "p_value", "p_adjusted")

#: The denominator column of a period series: documents in each period.
N_DOCUMENTS = "n_documents"

#: Columns of the events table.
EVENT_COLUMNS: tuple[str, ...] = ("date", "label", "actors")

_MENTIONS_FROM = "a Mentions table from toolkit.actors.find_mentions"
_EDGES_FROM = "an Edges table from toolkit.network.cooccurrence"


def validate_corpus(corpus: Any, *, where: str = "corpus") -> pd.DataFrame:
    """Check that ``corpus`` is a Corpus table; return it unchanged.

    Examples
    --------
    >>> validate_corpus(pd.DataFrame({"doc_id": ["a"], "text": ["x"]}))
    Traceback (most recent call last):
    ...
    toolkit.corpus.CorpusError: corpus: not a Corpus table; missing columns ['date', 'source', 'title'] (use toolkit.corpus.load or from_frame)
    """
    if not isinstance(corpus, pd.DataFrame):
        raise TypeError(f"{where} has the wrong type {type(corpus).__name__}; must be a Corpus "
                        "table (a pandas DataFrame from toolkit.corpus.load or from_frame)")
    missing = [c for c in CORPUS_SCHEMA if c not in corpus.columns]
    if missing:
        raise CorpusError(f"{where}: not a Corpus table; missing columns {missing} "
                          "(use toolkit.corpus.load or from_frame)")
    if corpus["doc_id"].duplicated().any():
        dups = corpus.loc[corpus["doc_id"].duplicated(), "doc_id"].tolist()[:5]
        raise CorpusError(f"{where}: duplicate doc_id(s): {dups}")
    if not pd.api.types.is_datetime64_any_dtype(corpus["date"]):
        raise CorpusError(f"{where}: column 'date' must be datetime64, "
                          f"not {corpus['date'].dtype}")
    return corpus


def validate_mentions(mentions: Any, columns: Sequence[str] = ("doc_id", "actor"), *,
                      name: str = "mentions") -> pd.DataFrame:
    """Check that ``mentions`` is a Mentions table holding ``columns``; return it unchanged.

    Functions ask only for the columns they use, so a hand-made table with ``doc_id`` and
    ``actor`` is enough for counting.

    Examples
    --------
    >>> validate_mentions(pd.DataFrame({"doc_id": ["a"]}))
    Traceback (most recent call last):
    ...
    ValueError: mentions is missing columns ['actor'] (found ['doc_id']); expected a Mentions table from toolkit.actors.find_mentions
    """
    check_columns(mentions, list(columns), name=name, expected=_MENTIONS_FROM)
    return mentions


def empty_mentions() -> pd.DataFrame:
    """Return a Mentions table with no rows and the right columns and dtypes.

    Examples
    --------
    >>> list(empty_mentions().columns) == list(MENTION_COLUMNS)
    True
    """
    return pd.DataFrame({c: pd.Series([], dtype="int64" if c in MENTION_INT_COLUMNS else str)
                         for c in MENTION_COLUMNS})


def validate_edges(edges: Any, columns: Sequence[str] = ("a", "b"), *,
                   name: str = "edges") -> pd.DataFrame:
    """Check that ``edges`` is an Edges table holding ``columns``; return it unchanged.

    Examples
    --------
    >>> validate_edges(pd.DataFrame({"a": ["RUS"], "b": ["USA"]}), ["a", "b", "npmi"])
    Traceback (most recent call last):
    ...
    ValueError: edges is missing columns ['npmi'] (found ['a', 'b']); expected an Edges table from toolkit.network.cooccurrence
    """
    check_columns(edges, list(columns), name=name, expected=_EDGES_FROM)
    return edges


def validate_series(series: Any, *, name: str = "series") -> pd.DataFrame:
    """Check that ``series`` is a period series (a DataFrame or Series on a PeriodIndex).

    A Series is returned as a one-column DataFrame.

    Examples
    --------
    >>> idx = pd.period_range("2001", "2003", freq="Y", name="period")
    >>> validate_series(pd.Series([1, 2, 3], index=idx, name="RUS")).columns.tolist()
    ['RUS']
    >>> validate_series(pd.DataFrame({"RUS": [1]}))
    Traceback (most recent call last):
    ...
    ValueError: series must be indexed by a pandas PeriodIndex (a period series from toolkit.timeline), not RangeIndex
    """
    if isinstance(series, pd.Series):
        series = series.to_frame(series.name if series.name is not None else "value")
    if not isinstance(series, pd.DataFrame):
        raise TypeError(f"{name} has the wrong type {type(series).__name__}; must be a period "
                        "series (a pandas DataFrame on a PeriodIndex from toolkit.timeline)")
    if not isinstance(series.index, pd.PeriodIndex):
        raise ValueError(f"{name} must be indexed by a pandas PeriodIndex (a period series "
                         f"from toolkit.timeline), not {type(series.index).__name__}")
    return series


def validate_events(events: Any, *, name: str = "events") -> pd.DataFrame:
    """Check that ``events`` is an events table; return it unchanged.

    Examples
    --------
    >>> validate_events(pd.DataFrame({"date": [], "label": []}))
    Traceback (most recent call last):
    ...
    ValueError: events is missing columns ['actors'] (found ['date', 'label']); expected an events table from toolkit.timeline.load_events
    """
    check_columns(events, list(EVENT_COLUMNS), name=name,
                  expected="an events table from toolkit.timeline.load_events")
    return events
