"""Count co-occurrences per unit and score them (the Edges table of :mod:`toolkit.network`)."""

from __future__ import annotations

import logging
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import sparse

from toolkit._core import check_choice, check_int, check_type
from toolkit._core.segment import span_starts
from toolkit.network.association import _adjust, _empty_edges, measures
from toolkit.schemas import validate_corpus, validate_mentions

logger = logging.getLogger(__name__)

__all__ = ["UNIT_COLUMNS", "Correction", "Level", "Unit", "cooccurrence", "count_units",
           "edges_from_counts", "pair_counts"]

#: What counts as "together".
Unit = Literal["sentence", "paragraph", "document"]
#: What a node is: an actor, or the country an actor belongs to.
Level = Literal["actor", "country"]
#: The multiple-testing corrections of ``p_value``.
Correction = Literal["bh", "bonferroni"]

#: The Mentions column that numbers each kind of unit within its document.
UNIT_COLUMNS: dict[str, str | None] = {"sentence": "sentence", "paragraph": "paragraph",
                                       "document": None}
_LEVELS = ("actor", "country")
_CORRECTIONS = ("bh", "bonferroni", None)
_BATCH_CHARACTERS = 16_000_000  # characters split into units at a time by count_units


def _check_mentions(mentions: Any, unit: str, level: str) -> None:
    """The Mentions columns that counting ``unit`` at ``level`` needs."""
    need = ["doc_id", "actor" if level == "actor" else "country"]
    if UNIT_COLUMNS[unit]:
        need.append(UNIT_COLUMNS[unit])
    validate_mentions(mentions, need)


def _codes(values: pd.Series, *, sort: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes and uniques of a column, fast for categoricals."""
    if isinstance(values.dtype, pd.CategoricalDtype) and not sort:
        return values.cat.codes.to_numpy(np.int64), np.asarray(values.cat.categories)
    codes, uniques = pd.factorize(values, sort=sort)
    return codes.astype(np.int64, copy=False), np.asarray(uniques)


def _unit_codes(mentions: pd.DataFrame, unit: str) -> np.ndarray:
    """One integer per mention identifying its unit (dense codes from 0)."""
    doc, _ = _codes(mentions["doc_id"])
    col = UNIT_COLUMNS[unit]
    if col is None:
        return doc
    within = mentions[col].to_numpy(np.int64)
    if within.size and within.min() < 0:
        raise ValueError(f"mentions: column {col!r} has negative values; it must number "
                         "the units within each document from 0")
    key = doc * (int(within.max(initial=0)) + 1) + within
    step = np.diff(key)
    if key.size and (step >= 0).all():
        # Mentions come sorted by document and offset: a unit starts where the key changes
        return np.concatenate([[0], np.cumsum(step != 0)]).astype(np.int64)
    codes, _ = pd.factorize(key)
    return codes.astype(np.int64, copy=False)


def _incidence(unit: np.ndarray, item: np.ndarray, n_units: int, n_items: int
               ) -> sparse.csr_matrix:
    """Binary units x items matrix: an item mentioned twice in a unit counts once."""
    x = sparse.csr_matrix((np.ones(unit.size, dtype=np.int32), (unit, item)),
                          shape=(n_units, n_items))
    x.sum_duplicates()
    x.data[:] = 1
    return x


def _select(mentions: pd.DataFrame, level: str, where: str, venues: bool = False
            ) -> tuple[pd.DataFrame, str]:
    """The mentions that count at ``level`` and the column holding the node id."""
    if not venues and "rule" in mentions.columns:
        # a capital as a place ("talks in Vienna") is where things happen, not an actor
        place = (mentions["rule"] == "venue").to_numpy()
        if place.any():
            logger.info("%s: left out %d of %d mentions of a place (rule 'venue', e.g. "
                        "'talks in Vienna'); venues=True counts them", where,
                        int(place.sum()), len(mentions))
            mentions = mentions.loc[~place]
    if level == "actor":
        return mentions, "actor"
    country = mentions["country"]
    keep = (country.notna() & (country != "")).to_numpy()
    dropped = int((~keep).sum())
    if dropped:
        logger.info("%s: level='country': dropped %d of %d mentions without a country "
                    "(%.1f%%; international bodies, non-state groups)", where, dropped,
                    len(mentions), 100 * dropped / max(len(mentions), 1))
    return mentions.loc[keep], "country"


def _pairs(units: np.ndarray, items: np.ndarray, n_units_seen: int, n_items: int
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Codes ``i < j`` of every pair in some unit, its ``n_ab``, and ``n_a`` per item."""
    x = _incidence(units, items, n_units_seen, n_items)
    counts = (x.T.tocsr() @ x).tocoo()
    n_item = np.asarray(x.sum(axis=0)).ravel().astype(np.int64)
    upper = counts.row < counts.col
    return counts.row[upper], counts.col[upper], counts.data[upper].astype(np.int64), n_item


def _score(i: np.ndarray, j: np.ndarray, n_ab: np.ndarray, labels: np.ndarray,
           n_item: np.ndarray, *, n: int, min_count: int, correction: str | None
           ) -> tuple[pd.DataFrame, int]:
    """Edges table of pairs ``i < j`` (codes into the sorted ``labels``) and its test count."""
    k = int((n_item > 0).sum())
    n_tests = k * (k - 1) // 2
    if n_ab.size == 0:
        return _empty_edges(), n_tests
    cols: dict[str, Any] = {"a": labels[i], "b": labels[j], "n_ab": n_ab,
                            "n_a": n_item[i], "n_b": n_item[j],
                            "n": np.full(n_ab.size, n, dtype=np.int64)}
    cols.update(measures(n_ab, cols["n_a"], cols["n_b"], n))
    cols["p_adjusted"] = _adjust(cols["p_value"], n_tests, correction)
    # filtered only after the correction, so p_adjusted does not depend on min_count
    keep = np.flatnonzero(n_ab >= min_count)
    # strongest attraction first, strongest avoidance last: G2 signed by the direction
    signed = np.where(n_ab > cols["expected"], cols["g2"], -cols["g2"])
    order = keep[np.lexsort((j[keep], i[keep], -signed[keep]))]
    out = pd.DataFrame({c: np.asarray(v)[order] for c, v in cols.items()})
    out["a"] = out["a"].astype(str)
    out["b"] = out["b"].astype(str)
    return out, n_tests


def _units_per_text(texts: list[str], unit: str) -> np.ndarray:
    """Sentences or paragraphs of each text, split in batches of ~16 M characters."""
    values = np.zeros(len(texts), dtype=np.int64)
    first = 0
    while first < len(texts):
        last, size = first, 0
        while last < len(texts) and (last == first or size < _BATCH_CHARACTERS):
            size += len(texts[last]) + 1
            last += 1
        batch = texts[first:last]
        doc_start = np.cumsum([0] + [len(t) + 1 for t in batch[:-1]], dtype=np.int64)
        p_start, s_start = span_starts(batch, "\x00".join(batch), doc_start)
        starts = s_start if unit == "sentence" else p_start
        bounds = np.append(doc_start, size)
        values[first:last] = np.diff(np.searchsorted(starts, bounds))
        first = last
    return values


def count_units(corpus: pd.DataFrame, *, unit: Unit = "sentence") -> pd.Series:
    """Count the units of each document, as :func:`toolkit.actors.find_mentions` numbers them.

    Sentences and paragraphs come from :func:`toolkit.text.sentence_spans` and
    :func:`toolkit.text.paragraph_spans`, the splitters behind the Mentions table, so
    the counts include units that mention no actor. Counting is batched with numpy
    (seconds for the whole UN General Debate corpus), but still worth doing once: pass
    ``n=int(counts.sum())`` (or a window's subtotal) to repeated :func:`cooccurrence`
    calls.

    Parameters
    ----------
    corpus
        A Corpus table.
    unit
        ``"sentence"``, ``"paragraph"`` or ``"document"`` (always 1).

    Returns
    -------
    pandas.Series
        int64 counts indexed by ``doc_id``, named ``unit``.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> c = from_frame(pd.DataFrame({"doc_id": ["d1", "d2"],
    ...                              "text": ["One. Two.\\nThree.", "Four."]}))
    >>> count_units(c, unit="sentence").tolist(), count_units(c, unit="paragraph").tolist()
    ([3, 1], [2, 1])
    """
    check_choice("unit", unit, UNIT_COLUMNS)
    validate_corpus(corpus)
    if unit == "document":
        values = np.ones(len(corpus), dtype=np.int64)
    else:
        # the batch splitter behind find_mentions: the same boundaries as sentence_spans /
        # paragraph_spans, found with numpy over many documents at a time
        values = _units_per_text(corpus["text"].tolist(), unit)
    return pd.Series(values, index=pd.Index(corpus["doc_id"].astype(str), name="doc_id"),
                     name=unit)


def _corpus_units(mentions: pd.DataFrame, corpus: pd.DataFrame, unit: str
                  ) -> tuple[pd.DataFrame, int]:
    """The mentions of documents in ``corpus`` and the number of units of the corpus."""
    counts = count_units(corpus, unit=unit)
    inside = mentions["doc_id"].isin(counts.index)
    if not inside.all():
        logger.info("cooccurrence: dropped %d mentions of documents not in corpus",
                    int((~inside).sum()))
        mentions = mentions.loc[inside]
    return mentions, int(counts.sum())


def cooccurrence(
    mentions: pd.DataFrame,
    *,
    unit: Unit = "sentence",
    level: Level = "actor",
    corpus: pd.DataFrame | None = None,
    n: int | None = None,
    min_count: int = 1,
    correction: Correction | None = "bh",
    venues: bool = False,
) -> pd.DataFrame:
    """Count how often each pair of actors is mentioned in the same unit and score it.

    Each unit (sentence, paragraph or document) is a row of a binary units x actors
    sparse matrix ``X`` (an actor mentioned twice in a unit counts once); ``X.T @ X``
    holds every ``n_ab`` and, on its diagonal, every ``n_a``. Self-pairs are left out.

    Parameters
    ----------
    mentions
        A Mentions table (:func:`toolkit.actors.find_mentions`): needs ``doc_id``,
        ``actor`` (or ``country``) and the ``sentence`` / ``paragraph`` column of
        ``unit``.
    unit
        What counts as "together": ``"sentence"`` (default), ``"paragraph"`` or
        ``"document"``.
    level
        ``"actor"`` (default) or ``"country"``: each mention counts for its ``country``
        (so a head of state counts for the state); mentions without a country are
        dropped and their number logged.
    corpus
        The Corpus table the mentions come from. When given, ``n`` counts every unit of
        the corpus (:func:`count_units`), including those that mention no actor, and
        mentions of documents outside the corpus are dropped (logged): this is the
        right denominator for PMI and G2.
    n
        The number of units, when you know it (e.g. from :func:`count_units` once for
        many calls). Without ``corpus`` or ``n``, ``n`` is the number of units with at
        least one mention: every actor then looks more common than it is, so PMI and
        G2 are biased towards zero (pairs look less attracted) and ``npmi`` is not
        comparable across corpora with different shares of empty units.
    min_count
        Report only pairs with ``n_ab >= min_count`` (default 1). All pairs still count
        as tests for the correction, so ``p_adjusted`` does not depend on it.
    correction
        Multiple-testing correction of ``p_value`` over the ``k (k - 1) / 2`` pairs of
        the ``k`` actors present: ``"bh"`` (Benjamini-Hochberg false discovery rate,
        default), ``"bonferroni"`` or ``None``.
    venues
        Count the mentions of a capital as a place (``rule == "venue"``: "talks in
        Vienna", a dateline) as mentions of its state. Off by default: places are not
        actors, unless asked for (:func:`pair_counts` leaves them out too).

    Returns
    -------
    pandas.DataFrame
        The Edges table (see :mod:`toolkit.network`). ``attrs`` records ``unit``,
        ``level``, ``n``, ``n_tests`` and ``correction``.

    Examples
    --------
    >>> m = pd.DataFrame({"doc_id": ["d"] * 5, "sentence": [0, 0, 1, 1, 2],
    ...                   "actor": ["IRN", "RUS", "RUS", "IRN", "USA"]})
    >>> e = cooccurrence(m, n=4)
    >>> e[["a", "b", "n_ab", "n_a", "n_b", "n", "jaccard", "pmi", "npmi"]]
         a    b  n_ab  n_a  n_b  n  jaccard  pmi  npmi
    0  IRN  RUS     2    2    2  4      1.0  1.0   1.0
    """
    check_choice("unit", unit, UNIT_COLUMNS)
    check_choice("level", level, _LEVELS)
    check_choice("correction", correction, _CORRECTIONS)
    _check_mentions(mentions, unit, level)
    check_int("min_count", min_count, minimum=1)
    check_int("n", n, minimum=0, allow_none=True)
    if corpus is not None and n is not None:
        raise ValueError("give corpus or n, not both (n is computed from the corpus)")
    if corpus is not None:
        mentions, n = _corpus_units(mentions, corpus, unit)
    check_type("venues", venues, bool, "True or False")
    mentions, column = _select(mentions, level, "cooccurrence", venues)
    units = _unit_codes(mentions, unit)
    items, labels = _codes(mentions[column].astype(str), sort=True)
    n_seen = int(units.max(initial=-1)) + 1
    if n is None:
        n = n_seen
    elif n < n_seen:
        if corpus is not None:
            raise ValueError(f"corpus: has {n} {unit}s but the mentions fall in {n_seen} "
                             "different ones; were they found in this corpus (find_mentions "
                             "numbers units with toolkit.text's splitters)?")
        raise ValueError(f"n={n!r} is invalid; must be an integer >= {n_seen}, the number "
                         f"of {unit}s that mention an actor")
    i, j, n_ab, n_item = _pairs(units, items, n_seen, len(labels))
    edges, n_tests = _score(i, j, n_ab, labels, n_item, n=int(n), min_count=min_count,
                            correction=correction)
    edges.attrs = {"unit": unit, "level": level, "n": int(n), "n_tests": n_tests,
                   "correction": correction, "venues": venues}
    logger.info("cooccurrence: %d pairs among %d %ss in %d of %d %ss", len(edges),
                len(labels), level, n_seen, n, unit)
    return edges


def pair_counts(mentions: pd.DataFrame, *, unit: Unit = "sentence", level: Level = "actor",
                venues: bool = False) -> tuple[pd.DataFrame, pd.Series, int]:
    """Count the units each pair of actors shares and the units each actor is in.

    The counts behind :func:`cooccurrence`, without the measures: unlike the measures,
    they add up over documents, so counts of separate parts of a corpus (the partitions
    of :mod:`toolkit.scale`) summed and passed to :func:`edges_from_counts` give the
    Edges table of the whole corpus.

    Parameters
    ----------
    mentions, unit, level, venues
        As in :func:`cooccurrence`.

    Returns
    -------
    pairs : pandas.DataFrame
        ``a``, ``b``, ``n_ab``: units mentioning both, each pair once with ``a < b``.
    items : pandas.Series
        int64 units mentioning each actor (or country), indexed by it, sorted.
    n_seen : int
        Units with at least one counted mention.

    Examples
    --------
    >>> m = pd.DataFrame({"doc_id": ["d"] * 5, "sentence": [0, 0, 1, 1, 2],
    ...                   "actor": ["IRN", "RUS", "RUS", "IRN", "USA"]})
    >>> pairs, items, n_seen = pair_counts(m)
    >>> pairs.values.tolist(), items.to_dict(), n_seen
    ([['IRN', 'RUS', 2]], {'IRN': 2, 'RUS': 2, 'USA': 1}, 3)
    """
    check_choice("unit", unit, UNIT_COLUMNS)
    check_choice("level", level, _LEVELS)
    _check_mentions(mentions, unit, level)
    check_type("venues", venues, bool, "True or False")
    mentions, column = _select(mentions, level, "pair_counts", venues)
    units = _unit_codes(mentions, unit)
    items, labels = _codes(mentions[column].astype(str), sort=True)
    n_rows = int(units.max(initial=-1)) + 1
    i, j, n_ab, n_item = _pairs(units, items, n_rows, len(labels))
    order = np.lexsort((j, i))
    pairs = pd.DataFrame({"a": labels[i[order]], "b": labels[j[order]], "n_ab": n_ab[order]})
    pairs = pairs.astype({"a": str, "b": str})
    counts = pd.Series(n_item, index=pd.Index(labels, dtype=str, name=column), name="n")
    return pairs, counts, int(np.count_nonzero(np.bincount(units))) if units.size else 0


def edges_from_counts(pairs: pd.DataFrame, items: pd.Series, n: int, *,
                      unit: Unit = "sentence", level: Level = "actor", min_count: int = 1,
                      correction: Correction | None = "bh", venues: bool = False
                      ) -> pd.DataFrame:
    """Score summed co-occurrence counts: the Edges table of :func:`cooccurrence`.

    Given the counts of :func:`pair_counts` (summed over parts of a corpus), the result
    equals ``cooccurrence`` on the whole corpus, with the same arithmetic: the measures
    and the correction are computed once, on the totals.

    Parameters
    ----------
    pairs
        ``a``, ``b``, ``n_ab``: units mentioning both (each pair once, ``a < b``).
    items
        Units mentioning each actor, indexed by actor (actors counted 0 are left out).
    n
        Units counted (sentences, paragraphs or documents of the corpus).
    unit, level, venues
        Recorded in ``attrs``, as :func:`cooccurrence` does (the counts were made with them).
    min_count, correction
        As in :func:`cooccurrence`.

    Examples
    --------
    >>> pairs = pd.DataFrame({"a": ["IRN"], "b": ["RUS"], "n_ab": [2]})
    >>> e = edges_from_counts(pairs, pd.Series({"IRN": 2, "RUS": 2, "USA": 1}), 4)
    >>> e[["a", "b", "n_ab", "n_a", "n_b", "n", "jaccard", "pmi", "npmi"]]
         a    b  n_ab  n_a  n_b  n  jaccard  pmi  npmi
    0  IRN  RUS     2    2    2  4      1.0  1.0   1.0
    """
    check_choice("unit", unit, UNIT_COLUMNS)
    check_choice("level", level, _LEVELS)
    check_choice("correction", correction, _CORRECTIONS)
    check_int("min_count", min_count, minimum=1)
    check_int("n", n, minimum=0)
    missing = [c for c in ("a", "b", "n_ab") if c not in pairs.columns]
    if missing:
        raise ValueError(f"pairs: lacks columns {missing}; needs a, b, n_ab (pair_counts)")
    labels = np.asarray(sorted(str(x) for x in items.index[items.to_numpy() > 0]),
                        dtype=object)
    code = pd.Index(labels)
    i = code.get_indexer(pairs["a"].astype(str))
    j = code.get_indexer(pairs["b"].astype(str))
    if (i < 0).any() or (j < 0).any():
        raise ValueError("pairs: names actors that items does not count")
    if (i >= j).any():
        raise ValueError("pairs: each pair must come once, with a < b")
    n_item = items.reindex(labels).to_numpy(np.int64)
    edges, n_tests = _score(i.astype(np.int64), j.astype(np.int64),
                            pairs["n_ab"].to_numpy(np.int64), labels, n_item, n=int(n),
                            min_count=min_count, correction=correction)
    edges.attrs = {"unit": unit, "level": level, "n": int(n), "n_tests": n_tests,
                   "correction": correction, "venues": venues}
    return edges
