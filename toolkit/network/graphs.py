"""Turn an Edges table into a networkx graph, and write graphs for Gephi (GEXF, GraphML)."""

from __future__ import annotations

import logging
import math
import os
import tempfile
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from toolkit._core import check_choice, check_int, check_number, check_type
from toolkit.schemas import validate_edges

logger = logging.getLogger(__name__)

__all__ = ["export", "to_graph", "to_graphs"]

_EXPORT_SUFFIXES = (".gexf", ".graphml")
_NODES_FROM = "a node table (a pandas DataFrame from toolkit.network.actor_table)"


def _check_graph(graph: Any) -> None:
    if not isinstance(graph, nx.Graph) or graph.is_directed() or graph.is_multigraph():
        raise TypeError(f"graph has the wrong type {type(graph).__name__}; must be an "
                        "undirected networkx.Graph (from toolkit.network.to_graph)")


def _check_weights(values: pd.Series, weight: str, where: str) -> None:
    bad = values.isna() | (pd.to_numeric(values, errors="coerce") <= 0)
    if bad.any():
        raise ValueError(f"{where}: weight={weight!r} has {int(bad.sum())} missing or "
                         "non-positive values; use a positive measure (e.g. 'n_ab') or keep "
                         "positive edges with to_graph(..., threshold=...)")


def _edge_frame(graph: nx.Graph, weight: str, where: str) -> pd.DataFrame:
    """The graph's edges as a table ``a, b, weight``; the weights must be positive."""
    rows = [(a, b, d.get(weight)) for a, b, d in graph.edges(data=True)]
    frame = pd.DataFrame(rows, columns=["a", "b", weight])
    _check_weights(frame[weight], weight, where)
    return frame


def _python(value: Any) -> Any:
    """Plain Python scalars, which every networkx writer accepts."""
    if isinstance(value, np.generic):
        return value.item()
    return value


def _filter(edges: pd.DataFrame, weight: str, threshold: float | None, top: int | None,
            alpha: float | None) -> pd.DataFrame:
    """The rows of ``edges`` that pass ``alpha``, then ``threshold``, then ``top``."""
    kept = edges
    if alpha is not None:
        kept = kept[kept["p_adjusted"] <= alpha]
    if threshold is not None:
        kept = kept[kept[weight] >= threshold]
    if top is not None:
        order = np.lexsort((kept["b"].to_numpy(str), kept["a"].to_numpy(str),
                            -kept[weight].to_numpy(float)))
        kept = kept.iloc[order[:top]]
    if len(kept) < len(edges):
        logger.info("to_graph: kept %d of %d edges", len(kept), len(edges))
    if len(edges) and not len(kept):
        why = []
        if alpha is not None:
            why.append(f"alpha={alpha:g} (the smallest p_adjusted is "
                       f"{float(edges['p_adjusted'].min()):.2g})")
        if threshold is not None:
            why.append(f"threshold={threshold:g} (the largest {weight} is "
                       f"{float(edges[weight].max()):.3g})")
        logger.warning("to_graph: none of the %d pairs of actors passes %s: the graph is "
                       "empty; raise alpha, lower threshold or min_count, or use "
                       "network.significant_graph, which falls back to the most frequent "
                       "pairs", len(edges), " and ".join(why) or "the filters")
    return kept


def _add_node_attributes(graph: nx.Graph, kept: pd.DataFrame, nodes: pd.DataFrame | None
                         ) -> None:
    """Give every node its ``name``, the columns of ``nodes`` and ``units`` (its ``n_a``)."""
    units: dict[str, int] = {}
    if {"n_a", "n_b"} <= set(kept.columns):
        for col, side in (("a", "n_a"), ("b", "n_b")):
            units.update(zip(kept[col].astype(str), kept[side].tolist()))
    table = None
    if nodes is not None:
        table = nodes.copy()
        table.index = table.index.astype(str)
    for node in graph.nodes:
        attrs: dict[str, Any] = {"name": node}
        if table is not None and node in table.index:
            attrs.update({k: _python(v) for k, v in table.loc[node].items()})
        if node in units:
            attrs["units"] = int(units[node])
        graph.nodes[node].update(attrs)


def to_graph(
    edges: pd.DataFrame,
    *,
    weight: str = "npmi",
    threshold: float | None = None,
    top: int | None = None,
    alpha: float | None = None,
    nodes: pd.DataFrame | None = None,
) -> nx.Graph:
    """Build an undirected graph from an Edges table, keeping the edges worth drawing.

    Filters apply in this order: ``alpha``, ``threshold``, ``top``.

    Parameters
    ----------
    edges
        An Edges table (:func:`toolkit.network.cooccurrence`).
    weight
        The column copied into each edge's ``weight`` attribute (every column is also
        kept under its own name): ``"npmi"`` (default), ``"n_ab"``, ``"g2"``, ...
    threshold
        Keep edges whose ``weight`` is at least this.
    top
        Keep only the ``top`` edges with the largest ``weight`` (ties broken by ``a``,
        ``b``).
    alpha
        Keep edges whose ``p_adjusted`` is at most ``alpha`` (significant attraction).
    nodes
        A node table (:func:`toolkit.network.actor_table`) whose columns (``name``,
        ``kind``, ``country``, ``mentions``) become node attributes. Only nodes with a
        kept edge are in the graph. Every node also gets ``units`` (its ``n_a``).

    Returns
    -------
    networkx.Graph
        ``graph.graph`` records ``weight`` and the Edges table's ``unit``, ``level``,
        ``n`` and ``venues`` (whether capitals named as places were counted).

    Examples
    --------
    >>> e = pd.DataFrame({"a": ["IRN", "IRN"], "b": ["RUS", "USA"], "n_ab": [5, 1],
    ...                   "n_a": [9, 9], "n_b": [6, 7], "npmi": [0.4, -0.1]})
    >>> g = to_graph(e, threshold=0)
    >>> list(g.edges(data="weight")), g.nodes["RUS"]
    ([('IRN', 'RUS', 0.4)], {'name': 'RUS', 'units': 6})
    """
    validate_edges(edges, ["a", "b", weight])
    check_number("threshold", threshold, allow_none=True)
    check_int("top", top, minimum=1, allow_none=True)
    check_number("alpha", alpha, minimum=0, maximum=1, allow_none=True)
    if alpha is not None:
        validate_edges(edges, ["p_adjusted"])
    if nodes is not None:
        check_type("nodes", nodes, pd.DataFrame, _NODES_FROM)
    kept = _filter(edges, weight, threshold, top, alpha)
    graph = nx.Graph(weight=weight, **{k: _python(v) for k, v in edges.attrs.items()
                                       if k in ("unit", "level", "n", "venues")})
    columns = [c for c in kept.columns if c not in ("a", "b")]
    values = [kept[c].tolist() for c in columns]
    weights = kept[weight].tolist()
    for i, (a, b) in enumerate(zip(kept["a"].astype(str), kept["b"].astype(str))):
        attrs = {c: v[i] for c, v in zip(columns, values)}
        attrs["weight"] = weights[i]
        graph.add_edge(a, b, **attrs)
    _add_node_attributes(graph, kept, nodes)
    return graph


def to_graphs(edges: pd.DataFrame, *, by: str = "period", **options: Any) -> dict[Any, nx.Graph]:
    """Build one graph per value of a column, e.g. per period of ``cooccurrence_by_period``.

    Parameters
    ----------
    edges
        An Edges table with the column ``by``
        (:func:`toolkit.network.cooccurrence_by_period`).
    by
        The column to split on (default ``"period"``).
    **options
        Passed to :func:`to_graph` (``weight``, ``threshold``, ``top``, ``alpha``,
        ``nodes``).

    Returns
    -------
    dict
        Graphs keyed by the values of ``by``, in sorted order.

    Examples
    --------
    >>> e = pd.DataFrame({"period": [2001, 2002], "a": ["IRN", "IRN"], "b": ["RUS", "USA"],
    ...                   "npmi": [0.4, 0.2]})
    >>> {k: list(g.edges) for k, g in to_graphs(e).items()}
    {2001: [('IRN', 'RUS')], 2002: [('IRN', 'USA')]}
    """
    validate_edges(edges, [by])
    return {key: to_graph(group.drop(columns=by), **options)
            for key, group in edges.groupby(by, sort=True, observed=True)}


def _plain(attrs: dict) -> dict:
    """Attributes as plain numbers and strings, without missing values (GEXF has none)."""
    out = {}
    for key, value in attrs.items():
        value = _python(value)
        if value is None or (isinstance(value, float) and math.isnan(value)):
            continue
        out[str(key)] = value if isinstance(value, (bool, int, float, str)) else str(value)
    return out


def export(graph: nx.Graph, path: str | os.PathLike, *, overwrite: bool = False) -> Path:
    """Write a graph for Gephi and friends: GEXF or GraphML, chosen by the file suffix.

    Attributes are written as plain numbers and strings; missing values are left out
    (GEXF cannot store them). The file is written to a temporary name first and moved
    into place, so a failed write never leaves half a file.

    Parameters
    ----------
    graph
        A graph from :func:`to_graph`.
    path
        Destination ending in ``.gexf`` or ``.graphml``.
    overwrite
        Replace an existing file (default: refuse).

    Returns
    -------
    pathlib.Path
        The written path.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> g = nx.Graph([("A", "B")])
    >>> out = export(g, pathlib.Path(tempfile.mkdtemp()) / "net.graphml")
    >>> sorted(nx.read_graphml(out).edges)
    [('A', 'B')]
    """
    _check_graph(graph)
    path = Path(path)
    check_choice("path suffix", path.suffix.lower(), _EXPORT_SUFFIXES)
    if path.exists() and not overwrite:
        raise FileExistsError(f"{path} exists; pass overwrite=True to replace it")
    plain = nx.Graph(**_plain(graph.graph))
    plain.add_nodes_from((str(n), _plain(d)) for n, d in graph.nodes(data=True))
    plain.add_edges_from((str(a), str(b), _plain(d)) for a, b, d in graph.edges(data=True))
    writer = nx.write_gexf if path.suffix.lower() == ".gexf" else nx.write_graphml
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            writer(plain, handle)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    logger.info("export: wrote %s (%d nodes, %d edges)", path, len(plain),
                plain.number_of_edges())
    return path
