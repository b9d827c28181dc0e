"""Study a graph's structure: its backbone, communities, central nodes, one actor's neighbours."""

from __future__ import annotations

import difflib
import logging

import networkx as nx
import numpy as np
import pandas as pd
from scipy.sparse.linalg import eigsh

from toolkit._core import DEFAULT_SEED, check_int, check_number
from toolkit.network.graphs import _check_graph, _check_weights, _edge_frame
from toolkit.schemas import validate_edges

logger = logging.getLogger(__name__)

__all__ = ["backbone", "centrality", "communities", "ego"]

_DENSE_EIGEN_NODES = 2000  # above this, the leading eigenvector comes from scipy's eigsh


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
        A graph from :func:`~toolkit.network.to_graph` or an Edges table.
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
    check_number("alpha", alpha, minimum=0, maximum=1, inclusive=False)
    if isinstance(graph, pd.DataFrame):
        validate_edges(graph, ["a", "b", weight])
        _check_weights(graph[weight], weight, "backbone")
        scores = _disparity(graph["a"].to_numpy(str), graph["b"].to_numpy(str),
                            graph[weight].to_numpy(float))
        out = graph.assign(disparity_alpha=scores)[scores < alpha]
        logger.info("backbone: kept %d of %d edges at alpha=%g", len(out), len(graph), alpha)
        return out
    _check_graph(graph)
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
        A graph from :func:`~toolkit.network.to_graph`; weights must be positive.
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
    _check_graph(graph)
    check_number("resolution", resolution, minimum=0, inclusive=False)
    check_int("seed", seed)
    if nx.get_edge_attributes(graph, weight):  # unweighted graphs count every edge as 1
        _edge_frame(graph, weight, "communities")
    found = nx.community.louvain_communities(
        graph, weight=weight, resolution=resolution, seed=seed) if len(graph) else []
    found = sorted((sorted(map(str, c)) for c in found), key=lambda c: (-len(c), c[0]))
    labels = {node: k for k, members in enumerate(found) for node in members}
    index = sorted(labels)
    return pd.Series([labels[n] for n in index], index=pd.Index(index, name="node"),
                     name="community", dtype="int64")


def _leading_eigenvector(adjacency: np.ndarray) -> np.ndarray:
    """Absolute leading eigenvector of a symmetric matrix (Perron vector of a connected graph)."""
    if len(adjacency) > _DENSE_EIGEN_NODES:
        _, vectors = eigsh(adjacency, k=1, which="LA")
        return np.abs(vectors[:, 0])
    _, vectors = np.linalg.eigh(adjacency)
    return np.abs(vectors[:, -1])


def _eigenvector(graph: nx.Graph, weight: str) -> dict:
    """Eigenvector centrality within each connected component, its top node scaled to 1."""
    eigen = dict.fromkeys(graph, 0.0)
    # the leading eigenvector of a graph in pieces is not unique: score each piece alone
    for piece in nx.connected_components(graph):
        if len(piece) > 1:
            members = sorted(piece, key=str)
            values = _leading_eigenvector(nx.to_numpy_array(graph, nodelist=members,
                                                             weight=weight))
            eigen.update(zip(members, values / values.max()))
    return eigen


def centrality(graph: nx.Graph, *, weight: str = "weight") -> pd.DataFrame:
    """Tabulate each node's centrality: degree, strength, betweenness and eigenvector.

    Parameters
    ----------
    graph
        A graph from :func:`~toolkit.network.to_graph` with positive weights.
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
    _check_graph(graph)
    columns = ["name", "degree", "strength", "betweenness", "eigenvector"]
    if len(graph) == 0:
        return pd.DataFrame(columns=columns, index=pd.Index([], name="node"))
    if nx.get_edge_attributes(graph, weight):  # unweighted graphs count every edge as 1
        _edge_frame(graph, weight, "centrality")
    length = {(a, b): 1.0 / d.get(weight, 1.0) for a, b, d in graph.edges(data=True)}
    work = graph.copy()
    nx.set_edge_attributes(work, length, "_length")
    between = nx.betweenness_centrality(work, weight="_length", normalized=True)
    eigen = _eigenvector(graph, weight)
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


def _resolve(graph: nx.Graph, actor: str) -> str:
    """The node an actor id or display name (any case) refers to; KeyError with hints."""
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
        A graph from :func:`~toolkit.network.to_graph`.
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
    _check_graph(graph)
    check_int("radius", radius, minimum=1)
    if actor is None:
        if not graph.number_of_nodes():
            raise ValueError("ego: the network is empty: no pair of actors passed the "
                             "filters (min_count, alpha) on this corpus, so no actor has "
                             "partners to draw; lower min_count or raise alpha, or build "
                             "the graph with network.significant_graph")
        center = min(graph.nodes, key=lambda n: (-graph.degree(n),
                                                 -graph.degree(n, weight="weight"), str(n)))
        logger.info("ego: actor=None, using %r, the actor with the most partners (%d)",
                    center, graph.degree(center))
    else:
        center = _resolve(graph, actor)
    out = nx.ego_graph(graph, center, radius=radius).copy()
    out.graph["center"] = center
    return out
