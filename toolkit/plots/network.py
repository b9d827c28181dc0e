"""Figures of actor networks: the whole network, an association heatmap, an ego network.

Each function takes its data and ``ax=None`` and returns the matplotlib ``Axes``; none
shows or saves anything (save through :func:`toolkit.figures.save`). A network figure
draws only what it can label: the actors with the highest strength (``labels``), every
one of them labelled beside its node (:func:`toolkit.plots.layout.place_labels`), with
legends for colour, node size and edge width outside the data, and a caption
(:func:`toolkit.style.set_caption`) saying what was left out. Places and regions (actor
kind ``other``) are left out unless ``places=True``. Positions are seeded
(:func:`toolkit.plots.layout.packed_layout`): the same graph and seed give the same picture.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import TwoSlopeNorm
from scipy.cluster.hierarchy import leaves_list, linkage
from scipy.spatial.distance import pdist

from toolkit import network as net
from toolkit._core import DEFAULT_SEED, check_choice, check_int, check_type
from toolkit.plots.drawing import _PLACE_KINDS, _draw, _name, _size_values, _strength, \
    _without_places
from toolkit.plots.layout import packed_layout
from toolkit.schemas import validate_edges
from toolkit import style as house
from toolkit.style import DIVERGING_CMAP, SEQUENTIAL_CMAP, get_caption, set_caption

logger = logging.getLogger(__name__)

__all__ = ["KIND_COLORS", "ego", "heatmap", "network"]

#: Colour of each actor kind (the same object as :data:`toolkit.style.KIND_COLORS`).
KIND_COLORS: dict[str, str] = house.KIND_COLORS
_BLANK = "#e3e3e3"  # heatmap cells of pairs never seen together


def _axes(ax: Axes | None, size: tuple[float, float] = (7.5, 6.0)) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=size)
    return ax


def _measure(graph: nx.Graph, weight: str) -> str:
    """The measure behind ``weight``: ``to_graph`` records it as ``graph.graph["weight"]``."""
    return str(graph.graph.get("weight", weight)) if weight == "weight" else weight


_MEASURES = {"npmi": "normalised PMI", "pmi": "PMI", "n_ab": "co-occurrence count",
             "g2": "log-likelihood G2", "jaccard": "Jaccard"}


def _check_graph(graph: Any) -> None:
    check_type("graph", graph, nx.Graph, "a networkx.Graph (from toolkit.network.to_graph)")


def network(
    graph: nx.Graph,
    *,
    ax: Axes | None = None,
    weight: str = "weight",
    color: Literal["kind", "community"] | None = "kind",
    communities: pd.Series | Mapping | None = None,
    labels: int | Sequence[str] = 25,
    places: bool = False,
    seed: int = DEFAULT_SEED,
    layout: Mapping[Any, Sequence[float]] | None = None,
    title: str | None = None,
) -> Axes:
    """Draw an actor network: the strongest actors, each labelled, with size and width legends.

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
        ``"community"`` (give ``communities``; each named in the legend by its three
        strongest members; the seventh and smaller ones grey), or ``None``.
    communities
        Community per node, e.g. :func:`toolkit.network.communities`.
    labels
        Draw the ``labels`` actors of highest strength (sum of ``|weight|`` over their
        ties; default 25), or exactly the nodes listed. Every node drawn is labelled;
        ``0`` draws every node without labels (the shape of the network only).
    places
        Also draw places and regions (actor kind ``other``: "Middle East", "Central
        America"); left out by default, as they are where things happen, not actors.
    seed
        Seed of the layout.
    layout
        Node positions to use instead of the seeded layout (e.g. one layout shared by
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
    check_type("places", places, bool, "True or False")
    if weight not in {k for *_, d in graph.edges(data=True) for k in d} and \
            graph.number_of_edges():
        raise ValueError(f"weight={weight!r} is not an edge attribute of graph")
    ax = _axes(ax)
    full, dropped = _without_places(graph, places)
    strength = _strength(full, weight)
    sketch = isinstance(labels, (int, np.integer)) and int(labels) == 0
    if isinstance(labels, (int, np.integer)):
        check_int("labels", int(labels), minimum=0)
        ranked = sorted(full, key=lambda v: (-strength[v], str(v)))
        shown = ranked if sketch else ranked[: int(labels)]
    else:
        shown = [v for v in labels if v in full]
    sub = full.subgraph(shown).copy()
    if layout is None:
        layout = packed_layout(sub, weight=weight, seed=seed)
    else:
        missing = [v for v in sub if v not in layout]
        if missing:
            raise ValueError(f"layout has no position for nodes {missing[:5]}")
    drawn = _draw(full, layout, ax, weight=weight, color=color, communities=communities,
                  shown=list(sub), colour_title="community" if color == "community"
                  else "kind" if color == "kind" else "",
                  width_title=_measure(graph, weight), label=not sketch)
    what = _MEASURES.get(_measure(graph, weight), _measure(graph, weight))
    unit = graph.graph.get("unit")
    text = (("Actor network, unlabelled: " if sketch else "Actor network: ")
            + f"the {len(drawn)} actors of highest strength (sum of tie "
            f"weights) of {full.number_of_nodes()}"
            + (f", tied by co-occurrence in the same {unit}" if unit else "")
            + (" (a capital named as a place, 'talks in Vienna', not counted)"
               if graph.graph.get("venues") is False else "")
            + f"; line width: {what}; node area: {_size_values(full, weight)[1]}"
            + (f"; colour: {'community (named by its strongest members)' if color == 'community' else color}"
               if color else "") + f"; {sub.number_of_edges()} of {full.number_of_edges()} ties "
            f"drawn. Layout seed {seed}.")
    if dropped:
        text += (f" {len(dropped)} places and regions left out ("
                 + ", ".join(dropped[:4]) + (", ..." if len(dropped) > 4 else "") + ").")
    note = get_caption(ax)  # what _draw had to leave out
    set_caption(ax, text + (" " + note if note else ""))
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
    places: bool = False,
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
        A node table (:func:`toolkit.network.actor_table`) for display names and kinds.
    order
        ``"cluster"`` (default) puts actors that associate alike next to each other
        (average-linkage clustering of their rows); ``"count"`` by units, descending.
    places
        Keep places and regions (kind ``other`` in ``nodes``); left out by default.
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
    dropped = []
    if not places and nodes is not None and "kind" in nodes:
        kinds = nodes["kind"].reindex(units.index).fillna("").astype(str)
        dropped = sorted(units.index[kinds.isin(_PLACE_KINDS)])
        units = units.drop(dropped)
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
                          norm=TwoSlopeNorm(vcenter=0.0, vmin=-bound, vmax=bound),
                          aspect="auto")
    else:
        image = ax.imshow(values, cmap=plt.get_cmap(SEQUENTIAL_CMAP).with_extremes(bad=_BLANK),
                          aspect="auto")  # square cells would fight the layout for room
    names = [str(nodes["name"].get(v, v)) if nodes is not None and "name" in nodes
             else v for v in matrix.index]
    ax.set_xticks(range(len(names)), names, rotation=90)
    ax.set_yticks(range(len(names)), names)
    ax.grid(False)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.figure.colorbar(image, ax=ax, shrink=0.7, label=measure)
    set_caption(ax, f"Association ({measure}) between the {len(ranked)} actors named in "
                    f"the most units; grey: pairs never together or below the minimum "
                    f"count; order: {'clustered (average linkage)' if order == 'cluster' else 'by units'}."
                + (f" {len(dropped)} places and regions left out." if dropped else ""))
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
    places: bool = False,
    seed: int = DEFAULT_SEED,
) -> Axes:
    """Draw one actor's partners around it: order, line width and node size all explained.

    With ``radius=1`` the partners sit on a circle clockwise from the top in decreasing
    order of ``weight`` (e.g. NPMI); line width is that weight and node area the number
    of units naming both actors (``n_ab``), so a partner with a high NPMI from a handful
    of sentences shows as a thick line to a small node. Ties between partners are not
    drawn.

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
        Steps from the actor (default 1: its direct partners on a circle).
    weight
        Edge attribute for the ranking and the widths.
    top
        Keep only the ``top`` strongest direct partners (None: all).
    color, communities, places
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
    >>> sorted(t.get_text() for t in ax.texts)
    ['IRN', 'RUS', 'SYR']
    >>> [ax.get_title(loc) for loc in ("left", "center") if ax.get_title(loc)]  # any style
    ['IRN and its partners']
    """
    _check_graph(graph)
    check_int("top", top, minimum=1, allow_none=True)
    full, dropped = _without_places(graph, places)
    sub = net.ego(full if (actor is None or actor in full or any(
        str(d.get("name", "")).lower() == str(actor).lower() for _, d in full.nodes(data=True)))
        else graph, actor, radius=radius)
    center = sub.graph["center"]
    partners = sorted(sub.neighbors(center),
                      key=lambda v: (-abs(float(sub.edges[center, v].get(weight, 1.0))),
                                     str(v)))
    total = len(partners)
    if top is not None:
        drop = set(partners[top:])
        sub = sub.subgraph([v for v in sub if v not in drop]).copy()
        partners = partners[:top]
    if radius == 1:
        sub.remove_edges_from([(a, b) for a, b in list(sub.edges) if center not in (a, b)])
        angles = math.pi / 2 - 2 * math.pi * np.arange(len(partners)) / max(len(partners), 1)
        pos = {center: (0.0, 0.0)}
        pos.update({v: (math.cos(t), math.sin(t)) for v, t in zip(partners, angles)})
    else:
        start = {center: (0.0, 0.0)}
        pos = nx.spring_layout(sub, pos=start, fixed=[center], seed=seed,
                               k=1.6 / math.sqrt(len(sub)))
    together = "n_ab" in {k for *_, d in sub.edges(data=True) for k in d}
    sizes = None
    if together and radius == 1:
        sizes = np.array([float(sub.edges[center, v].get("n_ab", 0)) if v != center else
                          max((float(sub.edges[center, u].get("n_ab", 0)) for u in partners),
                              default=1.0) for v in sub])
    ax = _axes(ax, (7.0, 6.0))
    unit = graph.graph.get("unit") or "unit"
    drawn = _draw(sub, pos, ax, weight=weight, color=color, communities=communities,
                  shown=list(sub), center=center, size_values=sizes,
                  size_title=f"{unit}s naming both" if sizes is not None else None,
                  colour_title="kind" if color == "kind" else "community",
                  width_title=_measure(graph, weight))
    name = _name(sub, center)
    ax.set_title(f"{name} and its partners")
    note = get_caption(ax)
    measure = _measure(graph, weight)
    set_caption(ax, f"{name} and its {len(drawn) - 1} strongest partners of {total} "
                    f"(by {measure}), clockwise from the top in decreasing order; line width: "
                    f"{measure}" + (f"; node area: {unit}s naming both actors (the centre: "
                                   "scaled to the largest partner)" if sizes is not None else "")
                + "." + (f" {len(dropped)} places and regions left out." if dropped else "")
                + (" " + note if note else ""))
    return ax
