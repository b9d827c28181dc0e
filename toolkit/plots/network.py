"""Figures of actor networks: the whole network, an association heatmap, an ego network.

Each function takes its data and ``ax=None`` and returns the matplotlib ``Axes``; none
shows or saves anything (save through :func:`toolkit.figures.save`). Layouts are seeded,
so the same graph and seed always give the same picture.
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

from toolkit._core import DEFAULT_SEED, check_choice, random_state
from toolkit.style import DIVERGING_CMAP, PALETTE, SEQUENTIAL_CMAP

__all__ = ["KIND_COLORS", "network", "heatmap", "ego", "packed_layout"]

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
    if not isinstance(graph, nx.Graph):
        raise TypeError(f"graph must be a networkx.Graph (from toolkit.network.to_graph), "
                        f"not {type(graph).__name__}")


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


def _repel(ax: Axes, texts: list, lift: np.ndarray, obstacles: np.ndarray,
           radii: np.ndarray, *, iterations: int = 300, pad: float = 1.5) -> None:
    """Move overlapping labels apart in screen space; draw a leader line when moved far.

    Each label starts just above its node (``lift`` pixels). A small deterministic
    relaxation (no randomness) then pushes every overlapping pair of labels apart along
    the axis of least overlap, pushes labels off the nodes (``obstacles``, with
    ``radii`` in pixels; they do not move), and pulls labels gently back to their start,
    until nothing overlaps or ``iterations`` run out.
    """
    if not texts:
        return
    fig = ax.figure
    fig.draw_without_rendering()  # settle the layout so screen coordinates are final
    # freeze the limits: leader lines added below must not rescale the axes
    ax.set_xlim(ax.get_xlim())
    ax.set_ylim(ax.get_ylim())
    renderer = fig.canvas.get_renderer()
    to_data = ax.transData.inverted()
    anchor = ax.transData.transform(np.array([t.get_position() for t in texts]))
    for t in texts:  # positions below are label centres
        t.set_ha("center")
        t.set_va("center")
    boxes = [t.get_window_extent(renderer) for t in texts]
    half = np.array([[b.width / 2 + pad, b.height / 2 + pad] for b in boxes])
    start = anchor + np.column_stack([np.zeros(len(texts)), lift + half[:, 1]])
    pos = start.copy()
    nodes = ax.transData.transform(obstacles) if len(obstacles) else np.zeros((0, 2))
    frame = ax.get_window_extent(renderer)
    low, high = np.array([frame.x0, frame.y0]) + half, np.array([frame.x1, frame.y1]) - half
    for step in range(iterations):
        push = np.zeros_like(pos)
        delta = pos[:, None, :] - pos[None, :, :]
        overlap = half[:, None, :] + half[None, :, :] - np.abs(delta)
        clash = (overlap[..., 0] > 0) & (overlap[..., 1] > 0)
        np.fill_diagonal(clash, False)
        i, j = np.nonzero(clash)
        if i.size:
            axis = np.where(overlap[i, j, 0] < overlap[i, j, 1], 0, 1)  # least overlap
            sign = np.sign(delta[i, j, axis])
            sign[sign == 0] = np.where(i[sign == 0] < j[sign == 0], 1.0, -1.0)
            np.add.at(push, (i, axis), sign * (overlap[i, j, axis] / 2 + 0.5))
        k = np.zeros(0, dtype=int)
        if step < iterations // 2:
            # nodes as fixed square obstacles, for the first half only: a label over a
            # node is legible (white box), two labels on each other are not
            d_node = pos[:, None, :] - nodes[None, :, :]
            over = half[:, None, :] + radii[None, :, None] - np.abs(d_node)
            k, q = np.nonzero((over[..., 0] > 0) & (over[..., 1] > 0))
            if k.size:
                axis = np.where(over[k, q, 0] < over[k, q, 1], 0, 1)
                sign = np.sign(d_node[k, q, axis])
                sign[sign == 0] = 1.0
                np.add.at(push, (k, axis), 0.5 * sign * (over[k, q, axis] + 0.5))
        if not i.size and not k.size:
            break
        pull = 0.01 if step < iterations // 2 else 0.0
        pos = np.clip(pos + push * 0.5 + (start - pos) * pull, low,
                      np.maximum(high, low))
    for t, p, a, h, node in zip(texts, pos, start, half, anchor):
        t.set_position(to_data.transform(p))
        if math.hypot(*(p - a)) > 2 * h[1]:
            # a leader line from the node to the nearest point of the label's box
            end = np.clip(node, p - h, p + h)
            (x0, y0), (x1, y1) = to_data.transform([node, end])
            ax.add_line(Line2D([x0, x1], [y0, y1], color="#555555", linewidth=0.5,
                               linestyle="-", zorder=3))


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
    _repel(ax, texts, lift, xy, radii)
    return ax


def packed_layout(graph: nx.Graph, *, weight: str = "weight", seed: int = DEFAULT_SEED
                  ) -> dict[Any, np.ndarray]:
    """Place nodes with a seeded force-directed layout, one connected component at a time.

    Each component starts from a Kamada-Kawai layout (up to 400 nodes) refined by a
    seeded spring layout (``networkx.spring_layout``).

    A spring layout of a graph in pieces flings the small pieces to the corners and
    squeezes the main one; here the largest component fills the top of the picture and
    the others sit in rows below it, each scaled by the square root of its size.
    ``|weight|`` pulls nodes together.

    Examples
    --------
    >>> g = nx.Graph([("A", "B"), ("B", "C"), ("D", "E")])
    >>> pos = packed_layout(g)
    >>> bool(pos["D"][1] < min(pos[v][1] for v in "ABC"))
    True
    """
    _check_graph(graph)
    work = graph.copy()
    for *_, d in work.edges(data=True):
        d["_pull"] = abs(float(d.get(weight, 1.0)))
    pieces = sorted((sorted(c, key=str) for c in nx.connected_components(work)),
                    key=lambda c: (-len(c), str(c[0])))
    if not pieces:
        return {}
    biggest = len(pieces[0])
    pos: dict[Any, np.ndarray] = {}
    x, y, row_height = -1.0, None, 0.0
    for n, piece in enumerate(pieces):
        size = math.sqrt(len(piece) / biggest)
        if len(piece) == 1:
            local = {piece[0]: np.zeros(2)}
        else:
            sub = work.subgraph(piece)
            # Kamada-Kawai (deterministic) spreads hubs and clusters apart; a short seeded
            # spring run from there lets strong ties pull their ends together. k is a
            # bit looser than the default, to leave room for labels.
            start = None
            if len(piece) <= 400:
                start = nx.kamada_kawai_layout(sub, weight=None)
                # a seeded nudge, so another seed offers another (equally valid) picture
                jitter = random_state(seed).normal(scale=0.03, size=(len(piece), 2))
                start = {v: start[v] + d for v, d in zip(piece, jitter)}
            local = nx.spring_layout(sub, pos=start, weight="_pull", seed=seed,
                                     iterations=50 if start else 200,
                                     k=1.6 / math.sqrt(len(piece)))
        xy = np.array([local[v] for v in piece], dtype=float)
        xy -= np.median(xy, axis=0)
        if len(piece) > 10:
            # even out the density: a dense core and long chains at the rim make both
            # unreadable. Each node keeps its direction from the centre; its distance
            # becomes sqrt(rank / n), which spreads nodes evenly over a disc.
            r = np.hypot(xy[:, 0], xy[:, 1])
            rank = np.argsort(np.argsort(r, kind="stable"), kind="stable")
            target = np.sqrt((rank + 0.5) / len(piece))
            xy *= (target / np.maximum(r, 1e-12))[:, None]
        extent = max(float(np.abs(xy).max()), 1e-9)
        xy = xy / extent * size
        if n == 0:
            offset = np.zeros(2)
            y = float(xy[:, 1].min()) - 0.2  # rows of smaller pieces start below it
        else:
            radius = max(size, 0.08)
            if x + 2 * radius > 1.0:  # next row
                x, y = -1.0, y - row_height - 0.15
                row_height = 0.0
            offset = np.array([x + radius, y - radius])
            x += 2 * radius + 0.15
            row_height = max(row_height, 2 * radius)
        pos.update({v: p + offset for v, p in zip(piece, xy)})
    return pos


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
    if not isinstance(edges, pd.DataFrame):
        raise TypeError(f"edges must be a DataFrame (an Edges table), not "
                        f"{type(edges).__name__}")
    missing = [c for c in ("a", "b", "n_a", "n_b", measure) if c not in edges.columns]
    if missing:
        raise ValueError(f"edges is missing columns {missing} (measure={measure!r})")
    check_choice("order", order, ["cluster", "count"])
    if isinstance(top, bool) or not isinstance(top, (int, np.integer)) or top < 2:
        raise ValueError(f"top={top!r} is invalid; must be an int >= 2")
    units = pd.concat([pd.Series(edges["n_a"].to_numpy(), index=edges["a"].astype(str)),
                       pd.Series(edges["n_b"].to_numpy(), index=edges["b"].astype(str))])
    units = units.groupby(level=0).max()
    ranked = sorted(units.index, key=lambda v: (-units[v], v))[:top]
    sub = edges[edges["a"].isin(ranked) & edges["b"].isin(ranked)]
    matrix = pd.DataFrame(np.nan, index=ranked, columns=ranked)
    for a, b, v in zip(sub["a"].astype(str), sub["b"].astype(str), sub[measure]):
        matrix.loc[a, b] = matrix.loc[b, a] = v
    if order == "cluster" and len(ranked) > 2:
        from scipy.cluster.hierarchy import leaves_list, linkage
        from scipy.spatial.distance import pdist

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
    from toolkit import network as net

    _check_graph(graph)
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
