"""Count co-occurrences per unit and score them (the Edges table of :mod:`toolkit.network`)."""

from __future__ import annotations

import logging
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import sparse, special, stats

from toolkit._core import check_choice

logger = logging.getLogger(__name__)

__all__ = ["EDGE_COLUMNS", "UNIT_COLUMNS", "cooccurrence", "cooccurrence_by_period",
           "count_units", "actor_table", "with_names"]

Unit = Literal["sentence", "paragraph", "document"]
Level = Literal["actor", "country"]
Correction = Literal["bh", "bonferroni"]

#: Columns of the Edges table, in order.
EDGE_COLUMNS = ("a", "b", "n_ab", "n_a", "n_b", "n", "expected", "jaccard", "pmi", "npmi",
                "g2", "p_value", "p_adjusted")
#: The Mentions column that numbers each kind of unit within its document.
UNIT_COLUMNS: dict[str, str | None] = {"sentence": "sentence", "paragraph": "paragraph",
                                       "document": None}


# --------------------------------------------------------------------------- counting


def _check_mentions(mentions: pd.DataFrame, unit: str, level: str) -> None:
    if not isinstance(mentions, pd.DataFrame):
        raise TypeError(f"mentions must be a pandas DataFrame (the Mentions table from "
                        f"toolkit.actors.find_mentions), not {type(mentions).__name__}")
    need = ["doc_id", "actor" if level == "actor" else "country"]
    if UNIT_COLUMNS[unit]:
        need.append(UNIT_COLUMNS[unit])
    missing = [c for c in need if c not in mentions.columns]
    if missing:
        raise ValueError(f"mentions: missing columns {missing} needed for unit={unit!r}, "
                         f"level={level!r} (expected a Mentions table from "
                         "toolkit.actors.find_mentions)")


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


def _select(mentions: pd.DataFrame, level: str, where: str) -> tuple[pd.DataFrame, str]:
    """The mentions that count at ``level`` and the column holding the node id."""
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


def _bh(p: np.ndarray, m: int) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values of ``p`` within a family of ``m >= len(p)`` tests.

    The ``m - len(p)`` tests not given have p-value 1 (pairs never seen together cannot
    show attraction), so they only enter through ``m``.
    """
    if p.size == 0:
        return p.copy()
    order = np.argsort(p, kind="stable")
    ranked = p[order] * m / np.arange(1, p.size + 1)
    ranked = np.minimum.accumulate(ranked[::-1])[::-1]
    out = np.empty_like(p)
    out[order] = np.minimum(ranked, 1.0)
    return out


def measures(n_ab: np.ndarray, n_a: np.ndarray, n_b: np.ndarray, n: int | np.ndarray
             ) -> dict[str, np.ndarray]:
    """Compute the association measures of 2x2 co-occurrence tables, vectorised.

    The one implementation of the measures in the package: :func:`cooccurrence` and
    :func:`toolkit.timeline.pair_series` both call it.

    Parameters
    ----------
    n_ab, n_a, n_b
        Units naming both actors, naming ``a``, naming ``b`` (arrays of equal length).
    n
        Units counted: one number, or one per table.

    Returns
    -------
    dict of str to numpy.ndarray
        ``expected`` (n_a n_b / n), ``jaccard``, ``pmi`` (log2), ``npmi``, ``g2``
        (log-likelihood ratio) and ``p_value`` (one-sided, for attraction). Pairs with
        ``n_ab = 0`` get ``pmi = -inf`` and ``npmi = nan``.

    Examples
    --------
    >>> m = measures(np.array([10]), np.array([20]), np.array([20]), 100)
    >>> round(float(m["pmi"][0]), 3), round(float(m["npmi"][0]), 3)
    (1.322, 0.398)
    """
    n_ab, n_a, n_b = (v.astype(np.float64) for v in (n_ab, n_a, n_b))
    expected = n_a * n_b / n
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log2(n_ab * n / (n_a * n_b))
        h = -np.log2(n_ab / n)
        npmi = np.where(h > 0, pmi / h, 1.0)
    # the four cells of the 2x2 table and their expected values under independence
    obs = (n_ab, n_a - n_ab, n_b - n_ab, n - n_a - n_b + n_ab)
    exp = (expected, n_a * (n - n_b) / n, (n - n_a) * n_b / n, (n - n_a) * (n - n_b) / n)
    with np.errstate(divide="ignore", invalid="ignore"):
        g2 = 2 * sum(special.xlogy(o, o) - special.xlogy(o, e) for o, e in zip(obs, exp))
    g2 = np.maximum(np.nan_to_num(g2, nan=0.0), 0.0)  # rounding can give -1e-13
    # one-sided: half the chi2(1) tail when above expectation (signed root of G2 ~ N(0, 1))
    tail = stats.chi2.sf(g2, df=1) / 2
    p_value = np.where(n_ab > expected, tail, 1 - tail)
    return {"expected": expected, "jaccard": n_ab / (n_a + n_b - n_ab), "pmi": pmi,
            "npmi": npmi, "g2": g2, "p_value": p_value}


def _empty_edges(n: int) -> pd.DataFrame:
    out = pd.DataFrame({c: pd.Series(dtype=str if c in ("a", "b") else
                                     ("int64" if c.startswith("n") and c != "npmi"
                                      else "float64")) for c in EDGE_COLUMNS})
    return out


def _edges(units: np.ndarray, items: np.ndarray, labels: np.ndarray, n_units_seen: int, *,
           n: int, min_count: int, correction: str | None) -> tuple[pd.DataFrame, int]:
    """Edges table from dense unit and item codes (items coded in sorted label order)."""
    x = _incidence(units, items, n_units_seen, len(labels))
    counts = (x.T.tocsr() @ x).tocoo()
    n_item = np.asarray(x.sum(axis=0)).ravel().astype(np.int64)
    upper = counts.row < counts.col
    i, j = counts.row[upper], counts.col[upper]
    n_ab = counts.data[upper].astype(np.int64)
    k = int((n_item > 0).sum())
    n_tests = k * (k - 1) // 2
    if n_ab.size == 0:
        return _empty_edges(n), n_tests
    cols: dict[str, Any] = {"a": labels[i], "b": labels[j], "n_ab": n_ab,
                            "n_a": n_item[i], "n_b": n_item[j],
                            "n": np.full(n_ab.size, n, dtype=np.int64)}
    cols.update(measures(n_ab, cols["n_a"], cols["n_b"], n))
    p = cols["p_value"]
    if correction == "bh":
        cols["p_adjusted"] = _bh(p, n_tests)
    elif correction == "bonferroni":
        cols["p_adjusted"] = np.minimum(p * n_tests, 1.0)
    else:
        cols["p_adjusted"] = p.copy()
    # filtered only after the correction, so p_adjusted does not depend on min_count
    keep = np.flatnonzero(n_ab >= min_count)
    # strongest attraction first, strongest avoidance last: G2 signed by the direction
    signed = np.where(n_ab > cols["expected"], cols["g2"], -cols["g2"])
    order = keep[np.lexsort((j[keep], i[keep], -signed[keep]))]
    out = pd.DataFrame({c: np.asarray(v)[order] for c, v in cols.items()})
    out["a"] = out["a"].astype(str)
    out["b"] = out["b"].astype(str)
    return out, n_tests


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
    from toolkit.schemas import validate_corpus
    from toolkit._core.segment import span_starts

    check_choice("unit", unit, UNIT_COLUMNS)
    validate_corpus(corpus)
    if unit == "document":
        values = np.ones(len(corpus), dtype=np.int64)
    else:
        # the batch splitter behind find_mentions: the same boundaries as sentence_spans /
        # paragraph_spans, found with numpy over ~16 M characters at a time
        texts = corpus["text"].tolist()
        values = np.zeros(len(texts), dtype=np.int64)
        first = 0
        while first < len(texts):
            last, size = first, 0
            while last < len(texts) and (last == first or size < 16_000_000):
                size += len(texts[last]) + 1
                last += 1
            batch = texts[first:last]
            doc_start = np.cumsum([0] + [len(t) + 1 for t in batch[:-1]], dtype=np.int64)
            p_start, s_start = span_starts(batch, "\x00".join(batch), doc_start)
            starts = s_start if unit == "sentence" else p_start
            bounds = np.append(doc_start, size)
            values[first:last] = np.diff(np.searchsorted(starts, bounds))
            first = last
    return pd.Series(values, index=pd.Index(corpus["doc_id"].astype(str), name="doc_id"),
                     name=unit)


def cooccurrence(
    mentions: pd.DataFrame,
    *,
    unit: Unit = "sentence",
    level: Level = "actor",
    corpus: pd.DataFrame | None = None,
    n: int | None = None,
    min_count: int = 1,
    correction: Correction | None = "bh",
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
    check_choice("level", level, ["actor", "country"])
    check_choice("correction", correction, ["bh", "bonferroni", None])
    _check_mentions(mentions, unit, level)
    if isinstance(min_count, bool) or not isinstance(min_count, (int, np.integer)) \
            or min_count < 1:
        raise ValueError(f"min_count={min_count!r} is invalid; must be an int >= 1")
    if corpus is not None and n is not None:
        raise ValueError("give corpus or n, not both (n is computed from the corpus)")
    if corpus is not None:
        counts = count_units(corpus, unit=unit)
        inside = mentions["doc_id"].isin(counts.index)
        if not inside.all():
            logger.info("cooccurrence: dropped %d mentions of documents not in corpus",
                        int((~inside).sum()))
            mentions = mentions.loc[inside]
        n = int(counts.sum())
    mentions, column = _select(mentions, level, "cooccurrence")
    units = _unit_codes(mentions, unit)
    items, labels = _codes(mentions[column].astype(str), sort=True)
    n_seen = int(units.max(initial=-1)) + 1
    if n is None:
        n = n_seen
    elif corpus is not None and n < n_seen:
        raise ValueError(f"corpus: has {n} {unit}s but the mentions fall in {n_seen} "
                         f"different ones; were they found in this corpus (find_mentions "
                         "numbers units with toolkit.text's splitters)?")
    elif isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < n_seen:
        raise ValueError(f"n={n!r} is invalid; must be an int >= {n_seen}, the number of "
                         f"{unit}s that mention an actor")
    edges, n_tests = _edges(units, items, labels, n_seen, n=int(n), min_count=min_count,
                            correction=correction)
    edges.attrs = {"unit": unit, "level": level, "n": int(n), "n_tests": n_tests,
                   "correction": correction}
    logger.info("cooccurrence: %d pairs among %d %ss in %d of %d %ss", len(edges),
                len(labels), level, n_seen, n, unit)
    return edges


def cooccurrence_by_period(
    mentions: pd.DataFrame,
    corpus: pd.DataFrame,
    *,
    freq: str = "Y",
    unit: Unit = "sentence",
    level: Level = "actor",
    min_count: int = 1,
    correction: Correction | None = "bh",
    units: pd.Series | None = None,
) -> pd.DataFrame:
    """Compute :func:`cooccurrence` separately within each calendar period of the corpus.

    Each period's ``n`` counts all its units (mentioning an actor or not) and the
    correction runs within the period. Documents without a date are dropped (logged).

    Parameters
    ----------
    mentions
        A Mentions table.
    corpus
        The Corpus table the mentions come from (its ``date`` places each document).
    freq
        A pandas period alias: ``"Y"`` (default), ``"Q"``, ``"M"``, ``"W"``, ``"D"``, or
        multiples such as ``"5Y"``.
    unit, level, min_count, correction
        As in :func:`cooccurrence`.
    units
        Unit counts per ``doc_id`` from :func:`count_units` (computed when not given).

    Returns
    -------
    pandas.DataFrame
        A ``period`` column (pandas Period) followed by the Edges table columns, sorted
        by period, then as in :func:`cooccurrence`. Periods without any pair have no
        rows.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> c = from_frame(pd.DataFrame({"doc_id": ["d1", "d2"], "date": ["2001-05-01", "2002-05-01"],
    ...                              "text": ["Iran and Russia. Iran.", "Iran and Russia."]}))
    >>> m = pd.DataFrame({"doc_id": ["d1", "d1", "d1", "d2", "d2"],
    ...                   "sentence": [0, 0, 1, 0, 0],
    ...                   "actor": ["IRN", "RUS", "IRN", "IRN", "RUS"]})
    >>> cooccurrence_by_period(m, c)[["period", "a", "b", "n_ab", "n_a", "n"]]
      period    a    b  n_ab  n_a  n
    0   2001  IRN  RUS     1    2  2
    1   2002  IRN  RUS     1    1  1
    """
    from toolkit.schemas import validate_corpus

    validate_corpus(corpus)
    check_choice("unit", unit, UNIT_COLUMNS)
    check_choice("level", level, ["actor", "country"])
    _check_mentions(mentions, unit, level)
    try:
        periods = corpus["date"].dt.to_period(freq)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"freq={freq!r} is invalid; must be a pandas period alias such "
                         f"as 'Y', 'Q', 'M', 'W' or '5Y' ({exc})") from None
    if units is None:
        units = count_units(corpus, unit=unit)
    undated = int(periods.isna().sum())
    if undated:
        logger.info("cooccurrence_by_period: dropped %d undated documents", undated)
    doc_period = pd.Series(periods.to_numpy(), index=corpus["doc_id"].astype(str))
    doc_period = doc_period[doc_period.notna()]
    n_by_period = units.reindex(doc_period.index).fillna(0).groupby(doc_period).sum()
    mention_period = mentions["doc_id"].astype(str).map(doc_period)
    frames = []
    for period, group in mentions.groupby(mention_period.to_numpy(), sort=True):
        edges = cooccurrence(group, unit=unit, level=level, n=int(n_by_period[period]),
                             min_count=min_count, correction=correction)
        if len(edges):
            edges.insert(0, "period", pd.Series([period] * len(edges), dtype=periods.dtype))
            frames.append(edges)
    if not frames:
        out = _empty_edges(0)
        out.insert(0, "period", pd.Series(dtype=periods.dtype))
        return out
    out = pd.concat(frames, ignore_index=True)
    out.attrs = {"unit": unit, "level": level, "freq": freq, "correction": correction}
    return out


def actor_table(mentions: pd.DataFrame, *, level: Level = "actor") -> pd.DataFrame:
    """Summarise the nodes of a network: one row per actor (or country) with its mentions.

    Parameters
    ----------
    mentions
        A Mentions table; ``name``, ``kind`` and ``country`` are used when present.
    level
        ``"actor"`` or ``"country"``, as in :func:`cooccurrence`. Country nodes take the
        name of the state actor of that country when one is mentioned, else the
        ``pycountry`` name, else the code.

    Returns
    -------
    pandas.DataFrame
        Indexed by node id: ``name``, ``kind``, ``country``, ``mentions`` (int), sorted by
        ``mentions`` (descending) then id.

    Examples
    --------
    >>> m = pd.DataFrame({"doc_id": ["d", "d", "d"], "actor": ["RUS", "putin", "RUS"],
    ...                   "name": ["Russia", "Vladimir Putin", "Russia"],
    ...                   "kind": ["state", "person", "state"], "country": ["RUS"] * 3})
    >>> actor_table(m)
                     name    kind country  mentions
    actor
    RUS            Russia   state     RUS         2
    putin  Vladimir Putin  person     RUS         1
    >>> actor_table(m, level="country")
               name   kind country  mentions
    country
    RUS      Russia  state     RUS         3
    """
    check_choice("level", level, ["actor", "country"])
    _check_mentions(mentions, "document", level)
    m = pd.DataFrame({
        "actor": mentions["actor"].astype(str) if "actor" in mentions else "",
        "name": mentions["name"].astype(str) if "name" in mentions else mentions.get("actor"),
        "kind": mentions["kind"].astype(str) if "kind" in mentions else "",
        "country": mentions["country"].fillna("").astype(str) if "country" in mentions
        else "",
    })
    if level == "actor":
        g = m.groupby("actor", sort=True)
        out = g[["name", "kind", "country"]].first()
        out["mentions"] = g.size().astype("int64")
    else:
        m = m[m["country"] != ""]
        states = m[m["kind"] == "state"].groupby("country")["name"].agg(
            lambda s: s.value_counts().index[0])
        out = pd.DataFrame({"mentions": m.groupby("country", sort=True).size()})
        out["name"] = [states.get(c) or _country_name(c) for c in out.index]
        out["kind"] = "state"
        out["country"] = out.index
        out = out[["name", "kind", "country", "mentions"]].astype({"mentions": "int64"})
    out.index.name = level
    order = np.lexsort((out.index.to_numpy(str), -out["mentions"].to_numpy()))
    return out.iloc[order]


def _country_name(code: str) -> str:
    try:
        import pycountry

        found = pycountry.countries.get(alpha_3=code)
    except (ImportError, KeyError, LookupError):
        found = None
    return getattr(found, "common_name", None) or getattr(found, "name", None) or code


def with_names(edges: pd.DataFrame, nodes: pd.DataFrame) -> pd.DataFrame:
    """Add the display names of both actors of each pair, for reading a table of edges.

    Parameters
    ----------
    edges
        An Edges table (or any table with ``a`` and ``b``).
    nodes
        A node table (:func:`actor_table`); ids it lacks keep their id as name.

    Returns
    -------
    pandas.DataFrame
        A copy with ``name_a`` and ``name_b`` after ``b``.

    Examples
    --------
    >>> e = pd.DataFrame({"a": ["IRN"], "b": ["putin"], "n_ab": [3]})
    >>> nodes = pd.DataFrame({"name": ["Iran", "Vladimir Putin"]}, index=["IRN", "putin"])
    >>> with_names(e, nodes)
         a      b name_a          name_b  n_ab
    0  IRN  putin   Iran  Vladimir Putin     3
    """
    if not isinstance(edges, pd.DataFrame) or not {"a", "b"} <= set(edges.columns):
        raise ValueError("edges must be a DataFrame with columns 'a' and 'b' (an Edges table)")
    if not isinstance(nodes, pd.DataFrame) or "name" not in nodes.columns:
        raise ValueError("nodes must be a DataFrame with a 'name' column "
                         "(toolkit.network.actor_table)")
    names = nodes["name"].astype(str)
    names.index = names.index.astype(str)
    out = edges.copy()
    at = list(out.columns).index("b") + 1
    out.insert(at, "name_a", out["a"].map(names).fillna(out["a"]).astype(str))
    out.insert(at + 1, "name_b", out["b"].map(names).fillna(out["b"]).astype(str))
    return out
