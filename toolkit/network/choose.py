"""Choose a network's settings from the data, and say why: what a notebook draws by default.

A notebook run on a corpus it has never seen (30 news stories, one article, 10,000
speeches) cannot rely on settings tuned for another. Each function here takes the value
the researcher gave, or derives one from the data, and returns it with the reason as a
:class:`Choice` (``value, reason = choose_...(...)``), so the notebook can print what it
chose and why.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, NamedTuple

import networkx as nx
import pandas as pd

from toolkit._core import check_int, check_number
from toolkit.network.graphs import to_graph
from toolkit.schemas import validate_edges

logger = logging.getLogger(__name__)

__all__ = ["Choice", "choose_ego", "choose_min_count", "significant_graph"]


class Choice(NamedTuple):
    """A setting chosen from the data (or given), and why, in one sentence."""

    value: Any
    reason: str


def choose_min_count(edges: pd.DataFrame, *, given: int | None = None,
                     candidates: Sequence[int] = (5, 3, 2), min_pairs: int = 10) -> Choice:
    """Choose how many shared units a pair needs to be kept (``min_count``).

    Why: a pair seen together once or twice can be a coincidence, and the association
    measures of rare pairs are noisy, so a large corpus keeps pairs seen at least 5
    times. On 30 news stories no pair may reach 5, and the notebook would show nothing:
    the rule takes the largest of ``candidates`` that still keeps ``min_pairs`` pairs
    (else the smallest candidate).

    Parameters
    ----------
    edges
        Edges of every pair seen together at least once
        (``cooccurrence(..., min_count=1)``).
    given
        The researcher's value: returned as it is.
    candidates
        Thresholds to try, largest first.
    min_pairs
        Pairs the chosen threshold should keep.

    Returns
    -------
    Choice
        ``value``: the threshold; ``reason``: why.

    Examples
    --------
    >>> e = pd.DataFrame({"a": ["A", "A", "B"], "b": ["B", "C", "C"], "n_ab": [7, 3, 2]})
    >>> choose_min_count(e, min_pairs=2)
    Choice(value=3, reason='min_count=3: the largest of 5, 3, 2 that keeps at least 2 pairs of actors (2 kept)')
    >>> choose_min_count(e, given=1).value
    1
    """
    validate_edges(edges, ["n_ab"])
    check_int("min_pairs", min_pairs, minimum=1)
    if given is not None:
        check_int("min_count", given, minimum=1)
        kept = int((edges["n_ab"] >= given).sum())
        return Choice(given, f"min_count={given}: set in the parameters ({kept} pairs kept)")
    options = sorted({int(c) for c in candidates}, reverse=True)
    if not options or options[-1] < 1:
        raise ValueError(f"candidates={list(candidates)!r} is invalid; must be integers >= 1")
    listed = ", ".join(map(str, options))
    for c in options:
        kept = int((edges["n_ab"] >= c).sum())
        if kept >= min_pairs:
            return Choice(c, f"min_count={c}: the largest of {listed} that keeps at least "
                             f"{min_pairs} pairs of actors ({kept} kept)")
    c = options[-1]
    kept = int((edges["n_ab"] >= c).sum())
    return Choice(c, f"min_count={c}: no threshold of {listed} keeps {min_pairs} pairs of "
                     f"actors; the smallest keeps {kept}")


def significant_graph(edges: pd.DataFrame, *, weight: str = "npmi", alpha: float = 0.05,
                      nodes: pd.DataFrame | None = None, fallback_top: int = 30) -> Choice:
    """Build the graph of significant associations, or say why there is none and fall back.

    Why: the network of a notebook should show pairs named together more often than
    chance (``p_adjusted <= alpha``). On a small corpus no pair may be significant after
    the correction for testing every pair; an empty figure (or "graph has no nodes" from
    deep inside) tells the researcher nothing. Then the graph holds the ``fallback_top``
    pairs seen together most often among those named together more often than expected
    (counts, not evidence of association), and the reason says so, with the smallest
    ``p_adjusted`` found.

    Parameters
    ----------
    edges
        An Edges table (:func:`~toolkit.network.cooccurrence`).
    weight
        The measure copied into each edge's ``weight`` (:func:`~toolkit.network.to_graph`).
    alpha
        Significance level for ``p_adjusted``.
    nodes
        A node table (:func:`~toolkit.network.actor_table`).
    fallback_top
        Pairs kept when none is significant (0: keep none).

    Returns
    -------
    Choice
        ``value``: a ``networkx.Graph`` (possibly empty, with ``graph.graph["fallback"]``
        True when it holds the fallback pairs); ``reason``: what it holds and why.

    Examples
    --------
    >>> e = pd.DataFrame({"a": ["A", "A"], "b": ["B", "C"], "n_ab": [4, 1], "n_a": [5, 5],
    ...                   "n_b": [4, 9], "expected": [1.0, 2.2], "npmi": [0.6, -0.2],
    ...                   "p_adjusted": [0.2, 1.0]})
    >>> graph, why = significant_graph(e)
    >>> list(graph.edges), why
    ([('A', 'B')], 'no pair of actors is named together significantly more often than chance (alpha=0.05; the smallest adjusted p-value is 0.2, among 2 pairs): the graph shows the 1 pairs named together most often among those above chance, which are counts, not evidence of association')
    """
    validate_edges(edges, ["a", "b", "n_ab", "p_adjusted", weight])
    check_number("alpha", alpha, minimum=0, maximum=1)
    check_int("fallback_top", fallback_top, minimum=0)
    if len(edges) == 0:
        return Choice(to_graph(edges, weight=weight, nodes=nodes),
                      "no pair of actors is named together in the same unit: the graph is "
                      "empty")
    significant = edges["p_adjusted"] <= alpha
    if significant.any():
        graph = to_graph(edges, weight=weight, alpha=alpha, nodes=nodes)
        graph.graph["fallback"] = False
        return Choice(graph, f"{int(significant.sum())} of {len(edges)} pairs of actors are "
                             f"named together significantly more often than chance "
                             f"(alpha={alpha:g})")
    above = edges
    if {"expected"} <= set(edges.columns):
        above = edges[edges["n_ab"] > edges["expected"]]
    top = above.sort_values(["n_ab", "a", "b"], ascending=[False, True, True])
    top = top.head(fallback_top)
    graph = to_graph(top, weight=weight, nodes=nodes) if len(top) else nx.Graph()
    graph.graph["fallback"] = True
    smallest = float(edges["p_adjusted"].min())
    reason = (f"no pair of actors is named together significantly more often than chance "
              f"(alpha={alpha:g}; the smallest adjusted p-value is {smallest:.2g}, among "
              f"{len(edges)} pairs)")
    if len(top):
        reason += (f": the graph shows the {len(top)} pairs named together most often among "
                   "those above chance, which are counts, not evidence of association")
    else:
        reason += ": the graph is empty"
    logger.warning("significant_graph: %s", reason)
    return Choice(graph, reason)


def choose_ego(graph: nx.Graph, *, given: str | None = None) -> Choice:
    """Choose the actor whose neighbourhood is drawn: the given one, or the best connected.

    Why: a notebook cannot know in advance who matters in a new corpus; the actor with
    the most partners in the graph (ties: the larger total weight, then the smaller id)
    has the richest neighbourhood to show.

    Parameters
    ----------
    graph
        A graph from :func:`significant_graph` or :func:`~toolkit.network.to_graph`.
    given
        The researcher's actor (id or name); returned when it is a node of the graph.

    Returns
    -------
    Choice
        ``value``: the node id, or ``None`` when the graph has no edge (the reason says
        why nothing can be drawn).

    Examples
    --------
    >>> g = nx.Graph([("IRN", "RUS"), ("RUS", "SYR")])
    >>> choose_ego(g)
    Choice(value='RUS', reason='RUS: the actor with the most partners (2)')
    >>> choose_ego(nx.Graph()).value is None
    True
    """
    if graph.number_of_edges() == 0:
        return Choice(None, "the graph has no edge, so no actor has partners to draw")
    if given is not None:
        by_name = {str(d.get("name", "")).casefold(): n for n, d in graph.nodes(data=True)}
        node = given if given in graph else by_name.get(str(given).casefold())
        if node is None:
            raise ValueError(f"ego_actor={given!r} is not in the network of this corpus "
                             f"(its {graph.number_of_nodes()} actors include "
                             f"{', '.join(sorted(map(str, graph.nodes))[:8])}); give one of "
                             "them, or None for the actor with the most partners")
        return Choice(node, f"{node}: set in the parameters ({graph.degree(node)} partners)")
    node = min(graph.nodes, key=lambda n: (-graph.degree(n), -graph.degree(n, weight="weight"),
                                           str(n)))
    return Choice(node, f"{node}: the actor with the most partners ({graph.degree(node)})")
