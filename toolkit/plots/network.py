"""Figures of actor networks: the whole network, an association heatmap, an ego network.

Each function takes its data and ``ax=None`` and returns the matplotlib ``Axes``; none
shows or saves anything (save through :func:`toolkit.figures.save`). Node positions and
label placement come from :mod:`toolkit.plots.layout`: seeded, so the same graph and seed
always give the same picture.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.colors import TwoSlopeNorm, to_rgba
from matplotlib.lines import Line2D
from scipy.cluster.hierarchy import leaves_list, linkage
from scipy.spatial.distance import pdist

from toolkit import network as net
from toolkit._core import DEFAULT_SEED, check_choice, check_int, check_type
from toolkit.plots.layout import packed_layout, repel_labels
from toolkit.schemas import validate_edges
from toolkit.style import DIVERGING_CMAP, PALETTE, SEQUENTIAL_CMAP

__all__ = ["KIND_COLORS", "ego", "heatmap", "network"]

#: Colour of each actor kind (Okabe-Ito, colour-blind safe).
KIND_COLORS: dict[str, str] = {"state": PALETTE[0], "person": PALETTE[1],
                               "organisation": PALETTE[2], "armed_group": PALETTE[3],
                               "other": PALETTE[4]}
_GREY = "#9a9a9a"
_EDGE_GREY = "#8c8c8c"
_BLANK = "#e3e3e3"  # heatmap cells of pairs never seen together


def _axes(ax: Axes | None, size: tuple[float, float] = (7.0, 6.0)) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=size)
    return ax


def _check_graph(graph: Any) -> None:
    check_type("graph", graph, nx.Graph, "a networkx.Graph (from toolkit.network.to_graph)")


def _node_values(graph: nx.Graph, weight: str) -> np.ndarray:
    """How big each node is: its mentions, else the units it appears in, else strength."""
    for attr in ("mentions", "units"):
        values = [graph.nodes[v].get(attr) for v in graph]
        if values and all(isinstance(x, (int, float, np.number)) for x in values):
            return np.asarray(values, dtype=float)
    return np.asarray([graph.degree(v, weight=weight) for v in graph], dtype=float)


def _colors(graph: nx.Graph, color: str | None, communities: pd.Series | Mapping | None
            ) -> tuple[list[str], dict[str, str]]:
    """Node colours and the legend entries (label -> colour)."""
    nodes = list(graph)
    if color is None:
        return [PALETTE[0]] * len(nodes), {}
    if color == "kind":
        kinds = [str(graph.nodes[v].get("kind", "other") or "other") for v in nodes]
        colors = [KIND_COLORS.get(k, KIND_COLORS["other"]) for k in kinds]
        legend = {k: KIND_COLORS.get(k, KIND_COLORS["other"])
                  for k in KIND_COLORS if k in set(kinds)}
        return colors, legend
    if communities is None:
        raise ValueError("color='community' needs communities=toolkit.network."
                         "communities(graph)")
    labels = dict(communities)
    # the palette's last colours (yellow, black) read badly as fills: seven at most
    palette = list(PALETTE[:6])
    colors = [palette[labels[v]] if labels.get(v, -1) in range(len(palette)) else _GREY
              for v in nodes]
    used = sorted({labels[v] for v in nodes if v in labels})
    legend = {f"community {c}": palette[c] for c in used if c < len(palette)}
    if any(labels.get(v, len(palette)) >= len(palette) for v in nodes):
        legend["smaller communities"] = _GREY
    return colors, legend


def _draw(graph: nx.Graph, pos: Mapping, ax: Axes, *, weight: str, color: str | None,
          communities: pd.Series | Mapping | None, labels: int | Sequence[str],
          highlight: str | None = None) -> Axes:
    nodes = list(graph)
    size_values = _node_values(graph, weight)
    top = size_values.max() if size_values.size and size_values.max() > 0 else 1.0
    sizes = 20 + 480 * np.sqrt(size_values / top)
    colors, legend = _colors(graph, color, communities)
    edges = list(graph.edges(data=True))
    if edges:
        w = np.array([abs(float(d.get(weight, 1.0))) for *_, d in edges])
        span = w.max() - w.min()
        widths = 0.4 + 3.6 * ((w - w.min()) / span if span > 0 else np.ones_like(w))
        alphas = 0.25 + 0.5 * ((w - w.min()) / span if span > 0 else np.ones_like(w))
        order = np.argsort(w, kind="stable")  # strong edges drawn last, on top
        segments = [(pos[edges[k][0]], pos[edges[k][1]]) for k in order]
        if highlight is not None:  # an ego figure: spokes dark, the rest faint
            spoke = np.array([highlight in (a, b) for a, b, _ in edges])
            alphas = np.where(spoke, 0.35 + 0.55 * alphas, 0.12)
        colors_rgba = [to_rgba("#4d4d4d" if highlight in edges[k][:2] else _EDGE_GREY,
                               alphas[k]) for k in order]
        ax.add_collection(LineCollection(segments, linewidths=widths[order],
                                         colors=colors_rgba, linestyles="solid",
                                         capstyle="round", zorder=1))
    xy = np.array([pos[v] for v in nodes]) if nodes else np.zeros((0, 2))
    ax.scatter(xy[:, 0], xy[:, 1], s=sizes, c=colors, edgecolors="white", linewidths=0.8,
               zorder=2)
    if highlight is not None and highlight in graph:
        k = nodes.index(highlight)
        ax.scatter([xy[k, 0]], [xy[k, 1]], s=[sizes[k]], facecolors="none",
                   edgecolors="#111111", linewidths=1.6, zorder=2.5)
    if isinstance(labels, (int, np.integer)):
        ranked = np.lexsort((np.array([str(v) for v in nodes]), -size_values))
        shown = [nodes[k] for k in ranked[: max(int(labels), 0)]]
    else:
        shown = [v for v in labels if v in graph]
    if highlight is not None and highlight in graph and highlight not in shown:
        shown.append(highlight)
    texts = [ax.text(*pos[v], str(graph.nodes[v].get("name", v)), fontsize=8, zorder=4,
                     color="#111111",
                     bbox={"boxstyle": "round,pad=0.15", "facecolor": "white",
                           "edgecolor": "none", "alpha": 0.75})
             for v in shown]
    ax.set_aspect("equal", adjustable="datalim")
    ax.margins(0.1)
    ax.set_axis_off()
    # scatter sizes are areas in points^2: radius in pixels
    radii = np.sqrt(sizes) / 2 * ax.figure.dpi / 72
    lift = np.array([radii[nodes.index(v)] for v in shown])
    if legend:
        handles = [Line2D([], [], marker="o", linestyle="", markersize=6, color=c, label=k)
                   for k, c in legend.items()]
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0),
                  fontsize=7.5, frameon=False)
    repel_labels(ax, texts, lift, xy, radii)
    return ax


def network(
    graph: nx.Graph,
    *,
    ax: Axes | None = None,
    weight: str = "weight",
    color: Literal["kind", "community"] | None = "kind",
    communities: pd.Series | Mapping | None = None,
    labels: int | Sequence[str] = 25,
    seed: int = DEFAULT_SEED,
    layout: Mapping[Any, Sequence[float]] | None = None,
    title: str | None = None,
) -> Axes:
    """Draw an actor network: node size by mentions, edge width by strength, labels apart.

    Parameters
    ----------
    graph
        A graph from :func:`toolkit.network.to_graph` (optionally through
        :func:`toolkit.network.backbone`).
    ax
        Axes to draw on; a new figure when None.
    weight
        Edge attribute that sets edge width and pulls nodes together in the layout
        (its absolute value; default ``"weight"``, the measure chosen in ``to_graph``).
    color
        Colour nodes by ``"kind"`` (state, person, organisation, ...), by
        ``"community"`` (give ``communities``), or ``None`` (one colour). Okabe-Ito
        palette; communities past the sixth are grey.
    communities
        Community per node, e.g. :func:`toolkit.network.communities`.
    labels
        Label the ``labels`` largest nodes (default 25), or exactly the nodes listed.
        Overlapping labels are pushed apart, with a thin line back to their node.
    seed
        Seed of the spring layout.
    layout
        Node positions to use instead of the spring layout (e.g. one layout shared by
        the networks of several periods).
    title
        Axes title.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_weighted_edges_from([("IRN", "RUS", 0.6), ("RUS", "SYR", 0.4)])
    >>> ax = network(g, labels=2)
    >>> sorted(t.get_text() for t in ax.texts)
    ['IRN', 'RUS']
    """
    _check_graph(graph)
    check_choice("color", color, ["kind", "community", None])
    if weight not in {k for *_, d in graph.edges(data=True) for k in d} and \
            graph.number_of_edges():
        raise ValueError(f"weight={weight!r} is not an edge attribute of graph")
    ax = _axes(ax)
    if layout is None:
        layout = packed_layout(graph, weight=weight, seed=seed)
    else:
        missing = [v for v in graph if v not in layout]
        if missing:
            raise ValueError(f"layout has no position for nodes {missing[:5]}")
    _draw(graph, layout, ax, weight=weight, color=color, communities=communities,
          labels=labels)
    if title:
        ax.set_title(title)
    return ax


def heatmap(
    edges: pd.DataFrame,
    *,
    measure: str = "npmi",
    top: int = 20,
    nodes: pd.DataFrame | None = None,
    order: Literal["cluster", "count"] = "cluster",
    ax: Axes | None = None,
) -> Axes:
    """Draw the association between the most mentioned actors as a matrix.

    Parameters
    ----------
    edges
        An Edges table (:func:`toolkit.network.cooccurrence`).
    measure
        The column shown (default ``"npmi"``). PMI and NPMI use a diverging colour map
        centred on 0 (attraction vs avoidance); other measures a sequential one.
        Pairs not in ``edges`` (never together, or below ``min_count``) are light grey.
    top
        How many actors: those in the most units (``n_a``).
    nodes
        A node table (:func:`toolkit.network.actor_table`) for display names.
    order
        ``"cluster"`` (default) puts actors that associate alike next to each other
        (average-linkage clustering of their rows); ``"count"`` by units, descending.
    ax
        Axes to draw on; a new figure when None.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> e = pd.DataFrame({"a": ["IRN", "IRN", "RUS"], "b": ["RUS", "USA", "USA"],
    ...                   "n_a": [5, 5, 4], "n_b": [4, 3, 3], "npmi": [0.5, -0.2, 0.1]})
    >>> ax = heatmap(e, order="count")
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['IRN', 'RUS', 'USA']
    """
    validate_edges(edges, ["a", "b", "n_a", "n_b", measure])
    check_choice("order", order, ["cluster", "count"])
    check_int("top", top, minimum=2)
    units = pd.concat([pd.Series(edges["n_a"].to_numpy(), index=edges["a"].astype(str)),
                       pd.Series(edges["n_b"].to_numpy(), index=edges["b"].astype(str))])
    units = units.groupby(level=0).max()
    ranked = sorted(units.index, key=lambda v: (-units[v], v))[:top]
    sub = edges[edges["a"].isin(ranked) & edges["b"].isin(ranked)]
    matrix = pd.DataFrame(np.nan, index=ranked, columns=ranked)
    for a, b, v in zip(sub["a"].astype(str), sub["b"].astype(str), sub[measure]):
        matrix.loc[a, b] = matrix.loc[b, a] = v
    if order == "cluster" and len(ranked) > 2:
        filled = matrix.fillna(0.0).to_numpy()
        leaves = leaves_list(linkage(pdist(filled), method="average"))
        matrix = matrix.iloc[leaves, leaves]
    ax = _axes(ax, (6.4, 5.6))
    values = matrix.to_numpy(dtype=float)
    finite = values[np.isfinite(values)]
    if measure in ("pmi", "npmi"):
        # symmetric around 0, as wide as the data (rounded up to a tenth)
        bound = math.ceil(10 * float(np.abs(finite).max())) / 10 if finite.size else 1.0
        bound = max(bound, 0.1)
        image = ax.imshow(values, cmap=plt.get_cmap(DIVERGING_CMAP).with_extremes(bad=_BLANK),
                          norm=TwoSlopeNorm(vcenter=0.0, vmin=-bound, vmax=bound))
    else:
        image = ax.imshow(values, cmap=plt.get_cmap(SEQUENTIAL_CMAP).with_extremes(bad=_BLANK))
    names = [str(nodes["name"].get(v, v)) if nodes is not None and "name" in nodes
             else v for v in matrix.index]
    ax.set_xticks(range(len(names)), names, rotation=90)
    ax.set_yticks(range(len(names)), names)
    ax.grid(False)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.figure.colorbar(image, ax=ax, shrink=0.7, label=measure)
    return ax


def ego(
    graph: nx.Graph,
    actor: str | None,
    *,
    ax: Axes | None = None,
    radius: int = 1,
    weight: str = "weight",
    top: int | None = 20,
    color: Literal["kind", "community"] | None = "kind",
    communities: pd.Series | Mapping | None = None,
    seed: int = DEFAULT_SEED,
) -> Axes:
    """Draw one actor's neighbourhood: the actor in the middle, partners around by strength.

    Parameters
    ----------
    graph
        A graph from :func:`toolkit.network.to_graph`.
    actor
        Node id or display name of the centre; ``None``: the actor with the most
        partners (see :func:`toolkit.network.ego`).
    ax
        Axes to draw on; a new figure when None.
    radius
        Steps from the actor (default 1: its direct partners, placed on a circle,
        strongest first, clockwise from the top).
    weight
        Edge attribute for the ranking and the widths.
    top
        Keep only the ``top`` strongest direct partners (None: all).
    color, communities
        As in :func:`network`.
    seed
        Seed of the layout when ``radius > 1``.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_weighted_edges_from([("IRN", "RUS", 0.6), ("IRN", "SYR", 0.4), ("RUS", "USA", 0.2)])
    >>> ax = ego(g, "IRN")
    >>> sorted(t.get_text() for t in ax.texts), ax.get_title()
    (['IRN', 'RUS', 'SYR'], 'IRN and its partners')
    """
    _check_graph(graph)
    check_int("top", top, minimum=1, allow_none=True)
    sub = net.ego(graph, actor, radius=radius)
    center = sub.graph["center"]
    partners = sorted(sub.neighbors(center),
                      key=lambda v: (-abs(float(sub.edges[center, v].get(weight, 1.0))),
                                     str(v)))
    if top is not None:
        drop = set(partners[top:])
        sub = sub.subgraph([v for v in sub if v not in drop]).copy()
        partners = partners[:top]
    if radius == 1:
        angles = math.pi / 2 - 2 * math.pi * np.arange(len(partners)) / max(len(partners), 1)
        pos = {center: (0.0, 0.0)}
        pos.update({v: (math.cos(t), math.sin(t)) for v, t in zip(partners, angles)})
    else:
        start = {center: (0.0, 0.0)}
        pos = nx.spring_layout(sub, pos=start, fixed=[center], seed=seed,
                               k=1.6 / math.sqrt(len(sub)))
    ax = _axes(ax, (6.0, 6.0))
    _draw(sub, pos, ax, weight=weight, color=color, communities=communities,
          labels=list(sub), highlight=center)
    ax.set_title(f"{sub.nodes[center].get('name', center)} and its partners")
    return ax
