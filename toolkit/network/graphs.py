"""Turn an Edges table into a networkx graph and study it: backbone, communities, centrality."""

from __future__ import annotations

import difflib
import logging
import math
import os
import tempfile
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from toolkit._core import DEFAULT_SEED, check_choice

logger = logging.getLogger(__name__)

__all__ = ["to_graph", "to_graphs", "backbone", "communities", "centrality", "ego", "export"]

_EXPORT_SUFFIXES = (".gexf", ".graphml")


def _check_edges(edges: Any, columns: list[str], where: str) -> None:
    if not isinstance(edges, pd.DataFrame):
        raise TypeError(f"{where}: edges must be a pandas DataFrame (the Edges table from "
                        f"toolkit.network.cooccurrence), not {type(edges).__name__}")
    missing = [c for c in columns if c not in edges.columns]
    if missing:
        raise ValueError(f"{where}: edges is missing columns {missing}; expected an Edges "
                         "table from toolkit.network.cooccurrence")


def _check_graph(graph: Any, where: str) -> None:
    if not isinstance(graph, nx.Graph) or graph.is_directed() or graph.is_multigraph():
        raise TypeError(f"{where}: graph must be an undirected networkx.Graph (from "
                        f"toolkit.network.to_graph), not {type(graph).__name__}")


def _python(value: Any) -> Any:
    """Plain Python scalars, which every networkx writer accepts."""
    if isinstance(value, np.generic):
        return value.item()
    return value


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
        ``graph.graph`` records ``weight`` and the Edges table's ``unit``, ``level``
        and ``n``.

    Examples
    --------
    >>> e = pd.DataFrame({"a": ["IRN", "IRN"], "b": ["RUS", "USA"], "n_ab": [5, 1],
    ...                   "n_a": [9, 9], "n_b": [6, 7], "npmi": [0.4, -0.1]})
    >>> g = to_graph(e, threshold=0)
    >>> list(g.edges(data="weight")), g.nodes["RUS"]
    ([('IRN', 'RUS', 0.4)], {'name': 'RUS', 'units': 6})
    """
    _check_edges(edges, ["a", "b", weight], "to_graph")
    if top is not None and (isinstance(top, bool) or not isinstance(top, (int, np.integer))
                            or top < 1):
        raise ValueError(f"top={top!r} is invalid; must be an int >= 1 or None")
    if alpha is not None:
        _check_edges(edges, ["p_adjusted"], "to_graph(alpha=...)")
        if not 0 < alpha <= 1:
            raise ValueError(f"alpha={alpha!r} is invalid; must be in (0, 1]")
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
    graph = nx.Graph(weight=weight, **{k: _python(v) for k, v in edges.attrs.items()
                                       if k in ("unit", "level", "n")})
    columns = [c for c in kept.columns if c not in ("a", "b")]
    values = [kept[c].tolist() for c in columns]
    weights = kept[weight].tolist()
    for i, (a, b) in enumerate(zip(kept["a"].astype(str), kept["b"].astype(str))):
        attrs = {c: v[i] for c, v in zip(columns, values)}
        attrs["weight"] = weights[i]
        graph.add_edge(a, b, **attrs)
    units: dict[str, int] = {}
    if {"n_a", "n_b"} <= set(kept.columns):
        for col, side in (("a", "n_a"), ("b", "n_b")):
            units.update(zip(kept[col].astype(str), kept[side].tolist()))
    table = None
    if nodes is not None:
        if not isinstance(nodes, pd.DataFrame):
            raise TypeError("to_graph: nodes must be a DataFrame (toolkit.network."
                            f"actor_table), not {type(nodes).__name__}")
        table = nodes.copy()
        table.index = table.index.astype(str)
    for node in graph.nodes:
        attrs: dict[str, Any] = {"name": node}
        if table is not None and node in table.index:
            attrs.update({k: _python(v) for k, v in table.loc[node].items()})
        if node in units:
            attrs["units"] = int(units[node])
        graph.nodes[node].update(attrs)
    return graph


def to_graphs(edges: pd.DataFrame, *, by: str = "period", **options: Any) -> dict[Any, nx.Graph]:
    """Build one graph per value of a column, e.g. per period of :func:`cooccurrence_by_period`.

    Parameters
    ----------
    edges
        An Edges table with the column ``by``.
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
    _check_edges(edges, [by], "to_graphs")
    return {key: to_graph(group.drop(columns=by), **options)
            for key, group in edges.groupby(by, sort=True, observed=True)}


def _edge_frame(graph: nx.Graph, weight: str, where: str) -> pd.DataFrame:
    rows = [(a, b, d.get(weight)) for a, b, d in graph.edges(data=True)]
    frame = pd.DataFrame(rows, columns=["a", "b", weight])
    _check_weights(frame[weight], weight, where)
    return frame


def _check_weights(values: pd.Series, weight: str, where: str) -> None:
    bad = values.isna() | (pd.to_numeric(values, errors="coerce") <= 0)
    if bad.any():
        raise ValueError(f"{where}: weight={weight!r} has {int(bad.sum())} missing or "
                         "non-positive values; use a positive measure (e.g. 'n_ab') or keep "
                         "positive edges with to_graph(..., threshold=...)")


def _disparity(a: np.ndarray, b: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Serrano-Boguna-Vespignani alpha of each edge: the smaller of its two endpoints'."""
    nodes, codes = np.unique(np.concatenate([a, b]), return_inverse=True)
    ca, cb = codes[: a.size], codes[a.size:]
    strength = np.bincount(ca, w, nodes.size) + np.bincount(cb, w, nodes.size)
    degree = np.bincount(ca, minlength=nodes.size) + np.bincount(cb, minlength=nodes.size)

    def side(c: np.ndarray) -> np.ndarray:
        # a node with one edge gives no evidence: (1 - 1) ** 0 = 1
        return (1 - w / strength[c]) ** (degree[c] - 1)

    return np.minimum(side(ca), side(cb))


def backbone(graph: nx.Graph | pd.DataFrame, *, alpha: float = 0.05, weight: str = "n_ab"
             ) -> nx.Graph | pd.DataFrame:
    """Keep the edges that stand out locally: the disparity filter (Serrano et al. 2009).

    For a node with degree ``k`` and strength ``s``, an edge of weight ``w`` is
    significant at level ``alpha`` when ``(1 - w / s) ** (k - 1) < alpha``: its share of
    the node's weight is larger than ``k - 1`` uniform random cuts of the node's total
    would give. An edge is kept when it is significant for either endpoint. The filter
    keeps strong edges of weak nodes too, unlike a global threshold.

    Parameters
    ----------
    graph
        A graph from :func:`to_graph` or an Edges table.
    alpha
        Significance level, in (0, 1) (default 0.05; smaller keeps fewer edges).
    weight
        The edge attribute or column used as weight (default ``"n_ab"``, the
        co-occurrence count the filter was designed for); it must be positive.

    Returns
    -------
    networkx.Graph or pandas.DataFrame
        Same type as ``graph``: the graph restricted to the kept edges (nodes left
        without an edge are dropped), or the kept rows with a new ``disparity_alpha``
        column.

    Examples
    --------
    >>> e = pd.DataFrame({"a": ["A", "A", "A", "A", "B"], "b": ["B", "C", "D", "E", "C"],
    ...                   "n_ab": [50, 1, 1, 1, 1]})
    >>> backbone(e, alpha=0.1)[["a", "b", "disparity_alpha"]]
       a  b  disparity_alpha
    0  A  B         0.000181
    """
    if not 0 < alpha < 1:
        raise ValueError(f"alpha={alpha!r} is invalid; must be in (0, 1)")
    if isinstance(graph, pd.DataFrame):
        _check_edges(graph, ["a", "b", weight], "backbone")
        _check_weights(graph[weight], weight, "backbone")
        scores = _disparity(graph["a"].to_numpy(str), graph["b"].to_numpy(str),
                            graph[weight].to_numpy(float))
        out = graph.assign(disparity_alpha=scores)[scores < alpha]
        logger.info("backbone: kept %d of %d edges at alpha=%g", len(out), len(graph), alpha)
        return out
    _check_graph(graph, "backbone")
    frame = _edge_frame(graph, weight, "backbone")
    scores = _disparity(frame["a"].to_numpy(str), frame["b"].to_numpy(str),
                        frame[weight].to_numpy(float))
    kept = [(a, b) for a, b, s in zip(frame["a"], frame["b"], scores) if s < alpha]
    out = graph.edge_subgraph(kept).copy()
    for a, b, s in zip(frame["a"], frame["b"], scores):
        if out.has_edge(a, b):
            out.edges[a, b]["disparity_alpha"] = float(s)
    logger.info("backbone: kept %d of %d edges at alpha=%g", out.number_of_edges(),
                graph.number_of_edges(), alpha)
    return out


def communities(graph: nx.Graph, *, weight: str = "weight", resolution: float = 1.0,
                seed: int = DEFAULT_SEED) -> pd.Series:
    """Find communities with the Louvain method (seeded, so the same graph gives the same answer).

    Parameters
    ----------
    graph
        A graph from :func:`to_graph`; weights must be positive.
    weight
        Edge attribute used as weight (default ``"weight"``).
    resolution
        Above 1 favours smaller communities, below 1 larger ones.
    seed
        Seed of the Louvain node order.

    Returns
    -------
    pandas.Series
        int64 community number per node (index named ``node``), numbered from 0 by
        decreasing community size, ties by the smallest node id.

    Examples
    --------
    >>> g = nx.Graph([("A", "B"), ("B", "C"), ("A", "C"), ("D", "E"), ("E", "F"),
    ...               ("D", "F"), ("C", "D")])
    >>> communities(g).to_dict()
    {'A': 0, 'B': 0, 'C': 0, 'D': 1, 'E': 1, 'F': 1}
    """
    _check_graph(graph, "communities")
    if nx.get_edge_attributes(graph, weight):  # unweighted graphs count every edge as 1
        _edge_frame(graph, weight, "communities")
    found = nx.community.louvain_communities(
        graph, weight=weight, resolution=resolution, seed=seed) if len(graph) else []
    found = sorted((sorted(map(str, c)) for c in found), key=lambda c: (-len(c), c[0]))
    labels = {node: k for k, members in enumerate(found) for node in members}
    index = sorted(labels)
    return pd.Series([labels[n] for n in index], index=pd.Index(index, name="node"),
                     name="community", dtype="int64")


def centrality(graph: nx.Graph, *, weight: str = "weight") -> pd.DataFrame:
    """Tabulate each node's centrality: degree, strength, betweenness and eigenvector.

    Parameters
    ----------
    graph
        A graph from :func:`to_graph` with positive weights.
    weight
        Edge attribute used as weight. Betweenness treats ``1 / weight`` as the length of
        an edge (strong ties are short); eigenvector centrality uses the weights as they
        are, within each connected component (the leading eigenvector of a graph in
        pieces is not unique), scaled so the component's most central node has 1.

    Returns
    -------
    pandas.DataFrame
        Indexed by node (``node``): ``name`` (the node's ``name`` attribute or its id),
        ``degree`` (int, neighbours), ``strength`` (sum of weights), ``betweenness``
        (normalised over the whole graph), ``eigenvector`` (see above); sorted by
        ``strength`` (descending) then node.

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_weighted_edges_from([("A", "B", 2.0), ("B", "C", 1.0)])
    >>> centrality(g)[["degree", "strength", "betweenness"]]
          degree  strength  betweenness
    node
    B          2       3.0          1.0
    A          1       2.0          0.0
    C          1       1.0          0.0
    """
    _check_graph(graph, "centrality")
    columns = ["name", "degree", "strength", "betweenness", "eigenvector"]
    if len(graph) == 0:
        return pd.DataFrame(columns=columns, index=pd.Index([], name="node"))
    if nx.get_edge_attributes(graph, weight):  # unweighted graphs count every edge as 1
        _edge_frame(graph, weight, "centrality")
    length = {(a, b): 1.0 / d.get(weight, 1.0) for a, b, d in graph.edges(data=True)}
    work = graph.copy()
    nx.set_edge_attributes(work, length, "_length")
    between = nx.betweenness_centrality(work, weight="_length", normalized=True)
    eigen = dict.fromkeys(graph, 0.0)
    # the leading eigenvector of a graph in pieces is not unique: score each piece alone
    for piece in nx.connected_components(graph):
        if len(piece) > 1:
            members = sorted(piece, key=str)
            values = _leading_eigenvector(nx.to_numpy_array(graph, nodelist=members,
                                                             weight=weight))
            eigen.update(zip(members, values / values.max()))
    nodes = list(graph.nodes)
    out = pd.DataFrame({
        "name": [str(graph.nodes[v].get("name", v)) for v in nodes],
        "degree": [graph.degree(v) for v in nodes],
        "strength": [float(graph.degree(v, weight=weight)) for v in nodes],
        "betweenness": [between[v] for v in nodes],
        "eigenvector": [abs(eigen[v]) for v in nodes],
    }, index=pd.Index([str(v) for v in nodes], name="node"))
    out = out.astype({"degree": "int64"})
    order = np.lexsort((out.index.to_numpy(str), -out["strength"].to_numpy()))
    return out.iloc[order]


def _leading_eigenvector(adjacency: np.ndarray) -> np.ndarray:
    """Absolute leading eigenvector of a symmetric matrix (Perron vector of a connected graph)."""
    if len(adjacency) > 2000:
        from scipy.sparse.linalg import eigsh

        _, vectors = eigsh(adjacency, k=1, which="LA")
        return np.abs(vectors[:, 0])
    _, vectors = np.linalg.eigh(adjacency)
    return np.abs(vectors[:, -1])


def _resolve(graph: nx.Graph, actor: str) -> str:
    if actor in graph:
        return actor
    by_name = {str(d.get("name", "")).casefold(): n for n, d in graph.nodes(data=True)}
    if str(actor).casefold() in by_name:
        return by_name[str(actor).casefold()]
    keys = [str(n) for n in graph.nodes] + [str(d.get("name")) for _, d in graph.nodes(data=True)]
    close = difflib.get_close_matches(str(actor), keys, n=3)
    hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
    raise KeyError(f"actor={actor!r} is not a node of the graph (give a node id or a "
                   f"name){hint}")


def ego(graph: nx.Graph, actor: str | None, *, radius: int = 1) -> nx.Graph:
    """Cut out the neighbourhood of one actor: the actor, its neighbours and their edges.

    Parameters
    ----------
    graph
        A graph from :func:`to_graph`.
    actor
        A node id, or a node's ``name`` attribute (case-insensitive); ``None``: the node
        with the most partners (ties: the larger total edge ``weight``, then the smaller
        id), so a notebook works on any corpus.
    radius
        How many steps from the actor to include (default 1).

    Returns
    -------
    networkx.Graph
        A copy; ``graph.graph["center"]`` names the actor's node.

    Examples
    --------
    >>> g = nx.Graph([("A", "B"), ("B", "C"), ("C", "D")])
    >>> sorted(ego(g, "B").nodes), sorted(ego(g, "B", radius=2).nodes)
    (['A', 'B', 'C'], ['A', 'B', 'C', 'D'])
    >>> ego(g, None).graph["center"]
    'B'
    """
    _check_graph(graph, "ego")
    if isinstance(radius, bool) or not isinstance(radius, (int, np.integer)) or radius < 1:
        raise ValueError(f"radius={radius!r} is invalid; must be an int >= 1")
    if actor is None:
        if not graph.number_of_nodes():
            raise ValueError("ego: the graph has no nodes (no pair of actors passed the "
                             "filters); lower min_count or raise alpha")
        center = min(graph.nodes, key=lambda n: (-graph.degree(n),
                                                 -graph.degree(n, weight="weight"), str(n)))
        logger.info("ego: actor=None, using %r, the actor with the most partners (%d)",
                    center, graph.degree(center))
    else:
        center = _resolve(graph, actor)
    out = nx.ego_graph(graph, center, radius=radius).copy()
    out.graph["center"] = center
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
    _check_graph(graph, "export")
    path = Path(path)
    check_choice("path suffix", path.suffix.lower(), _EXPORT_SUFFIXES)
    if path.exists() and not overwrite:
        raise FileExistsError(f"{path} exists; pass overwrite=True to replace it")

    def clean(attrs: dict) -> dict:
        out = {}
        for key, value in attrs.items():
            value = _python(value)
            if value is None or (isinstance(value, float) and math.isnan(value)):
                continue
            out[str(key)] = value if isinstance(value, (bool, int, float, str)) else str(value)
        return out

    plain = nx.Graph(**clean(graph.graph))
    plain.add_nodes_from((str(n), clean(d)) for n, d in graph.nodes(data=True))
    plain.add_edges_from((str(a), str(b), clean(d)) for a, b, d in graph.edges(data=True))
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
