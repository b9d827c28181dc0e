"""Drawing a graph on an Axes: labelled nodes, colours, and the legends of a network figure.

The parts shared by :func:`toolkit.plots.network.network` and
:func:`toolkit.plots.network.ego`: every drawn node is labelled
(:func:`toolkit.plots.layout.place_labels`), a node whose label finds no room is left
out, and one legend outside the data explains colour, node area and line width.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx
import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D

from toolkit.plots.layout import place_labels, separate_discs
from toolkit.style import KIND_COLORS, MUTED, PALETTE, add_caption

__all__: list[str] = []

_EDGE_GREY = "#7f7f7f"
_PLACE_KINDS = frozenset({"other"})
_MIN_AREA, _MAX_AREA = 30.0, 520.0  # node marker areas (points^2)


def _name(graph: nx.Graph, v: Any) -> str:
    return str(graph.nodes[v].get("name", v))


def _size_values(graph: nx.Graph, weight: str) -> tuple[np.ndarray, str]:
    """How big each node is and what that is: mentions, else units, else strength."""
    for attr, what in (("mentions", "mentions"), ("units", "units naming the actor")):
        values = [graph.nodes[v].get(attr) for v in graph]
        if values and all(isinstance(x, (int, float, np.number)) for x in values):
            return np.asarray(values, dtype=float), what
    return np.asarray([graph.degree(v, weight=weight) for v in graph], dtype=float), "strength"


def _strength(graph: nx.Graph, weight: str) -> dict:
    return {v: sum(abs(float(d.get(weight, 1.0))) for *_, d in graph.edges(v, data=True))
            for v in graph}


def _without_places(graph: nx.Graph, places: bool) -> tuple[nx.Graph, list[str]]:
    if places:
        return graph, []
    gone = [v for v in graph if str(graph.nodes[v].get("kind", "")) in _PLACE_KINDS]
    if not gone:
        return graph, []
    return graph.subgraph([v for v in graph if v not in set(gone)]).copy(), \
        sorted(_name(graph, v) for v in gone)


def _community_colours(graph: nx.Graph, communities: Mapping, top: int = 3
                       ) -> tuple[dict, dict]:
    """Node -> colour, and legend label -> colour: communities named by their top members."""
    labels = {v: communities.get(v) for v in graph}
    strength = _strength(graph, "weight")
    groups: dict[Any, list] = {}
    for v, c in labels.items():
        if c is not None and not (isinstance(c, float) and math.isnan(c)):
            groups.setdefault(c, []).append(v)
    ranked = sorted(groups, key=lambda c: (-len(groups[c]), str(min(map(str, groups[c])))))
    colours, legend = {}, {}
    for rank, c in enumerate(ranked):
        members = sorted(groups[c], key=lambda v: (-strength[v], str(v)))
        if rank < len(PALETTE) - 1 and len(members) > 1:
            colour = PALETTE[rank]
            legend[", ".join(_name(graph, v) for v in members[:top])
                   + (", ..." if len(members) > top else "")] = colour
        else:
            colour = MUTED
        colours.update({v: colour for v in members})
    if any(c == MUTED for c in colours.values()) or len(colours) < len(graph):
        legend["smaller groups"] = MUTED
    return {v: colours.get(v, MUTED) for v in graph}, legend


def _colours(graph: nx.Graph, color: str | None, communities: Any) -> tuple[list, dict]:
    nodes = list(graph)
    if color is None:
        return [PALETTE[0]] * len(nodes), {}
    if color == "kind":
        kinds = [str(graph.nodes[v].get("kind", "other") or "other") for v in nodes]
        legend = {k.replace("_", " "): KIND_COLORS[k] for k in KIND_COLORS if k in set(kinds)}
        return [KIND_COLORS.get(k, KIND_COLORS["other"]) for k in kinds], legend
    if communities is None:
        raise ValueError("color='community' needs communities=toolkit.network."
                         "communities(graph)")
    by_node, legend = _community_colours(graph, dict(communities))
    return [by_node[v] for v in nodes], legend


def _nice(values: np.ndarray, n: int = 3) -> list[float]:
    """A few round reference values spanning ``values`` (for size and width legends)."""
    lo, hi = float(np.min(values)), float(np.max(values))
    if hi <= 0 or not np.isfinite(hi):
        return []
    refs = np.unique(np.array([float(f"{v:.1g}") for v in np.geomspace(max(lo, hi / 50), hi, n)]))
    return [r for r in refs if lo * 0.5 <= r <= hi * 1.0001] or [hi]


def _legend(ax: Axes, colours: Mapping[str, str], colour_title: str, areas: list,
            area_title: str, widths: list, width_title: str) -> Any:
    handles, labels = [], []

    def header(text: str) -> None:
        handles.append(Line2D([], [], linestyle="", marker=""))
        labels.append(text)

    if colours:
        header(colour_title)
        for label, c in colours.items():
            handles.append(Line2D([], [], marker="o", linestyle="", markersize=7, color=c))
            labels.append(label)
    if areas:
        header(area_title)
        for value, area in areas:
            handles.append(Line2D([], [], marker="o", linestyle="", color="#bdbdbd",
                                  markersize=math.sqrt(area), markeredgecolor="white"))
            labels.append(f"{value:,.0f}" if value >= 10 else f"{value:.3g}")
    if widths:
        header(width_title)
        for value, width in widths:
            handles.append(Line2D([], [], color=_EDGE_GREY, linewidth=width))
            labels.append(f"{value:,.3g}")
    if not handles:
        return None
    legend = ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0),
                       fontsize=7.5, frameon=False, handlelength=2.2, borderaxespad=0.0,
                       labelspacing=0.7)
    for handle, text in zip(legend.legend_handles, legend.get_texts()):
        if isinstance(handle, Line2D) and not handle.get_marker() and \
                handle.get_linestyle() in ("None", "", " "):
            text.set_fontweight("bold")
    return legend


def _draw(graph: nx.Graph, pos: Mapping, ax: Axes, *, weight: str, color: str | None,
          communities: Any, shown: Sequence, center: Any = None,
          size_values: np.ndarray | None = None, size_title: str | None = None,
          colour_title: str = "", width_title: str | None = None, label: bool = True) -> list:
    """Draw ``shown`` nodes of ``graph`` with a label each; return the nodes drawn."""
    nodes = [v for v in graph if v in set(shown)]
    own_sizes, what = _size_values(graph, weight)
    if size_values is None:
        size_values = own_sizes
    else:
        what = size_title or what
    sizes_all = dict(zip(graph, size_values))
    top = max(max(sizes_all.values(), default=1.0), 1e-12)

    def area(value: float) -> float:
        return _MIN_AREA + (_MAX_AREA - _MIN_AREA) * math.sqrt(max(value, 0.0) / top)

    xy = np.array([pos[v] for v in nodes], dtype=float).reshape(-1, 2)
    if len(xy):
        span = np.ptp(xy, axis=0).max() if len(xy) > 1 else 1.0
        lo, hi = xy.min(axis=0), xy.max(axis=0)
        middle, half = (lo + hi) / 2, max(span, 1e-9) / 2 * 1.25 + 0.08
        ax.set_xlim(middle[0] - half * 1.1, middle[0] + half * 1.1)
        ax.set_ylim(middle[1] - half, middle[1] + half)
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()
    sub = graph.subgraph(nodes)
    edges = sorted(sub.edges(data=True), key=lambda e: (str(e[0]), str(e[1])))
    w_all = np.array([abs(float(d.get(weight, 1.0))) for *_, d in edges])
    w_top = float(w_all.max()) if len(w_all) else 1.0

    def width(value: float) -> float:
        return 0.3 + 3.2 * value / w_top if w_top > 0 else 1.0

    node_colours, colour_legend = _colours(sub, color, communities)
    legend = _legend(ax, colour_legend, colour_title,
                     [(v, area(v)) for v in _nice(np.array(list(sizes_all.values())))],
                     f"node area: {what}",
                     [(v, width(v)) for v in _nice(w_all)] if len(w_all) else [],
                     f"line width: {width_title or weight}")
    radii = np.array([math.sqrt(area(sizes_all[v])) / 2 * ax.figure.dpi / 72 for v in nodes])
    if len(xy) > 1:  # no node on another: push overlapping discs apart on the screen
        ax.figure.draw_without_rendering()
        ax.set_xlim(ax.get_xlim())
        ax.set_ylim(ax.get_ylim())
        frame = ax.get_window_extent()
        low = np.array([frame.x0, frame.y0])[None, :] + radii[:, None] + 1
        high = np.array([frame.x1, frame.y1])[None, :] - radii[:, None] - 1
        moved = ax.transData.transform(xy)
        for _ in range(3):  # apart, but inside the axes
            moved = np.clip(separate_discs(moved, radii), low, np.maximum(high, low))
        xy = ax.transData.inverted().transform(moved)
        pos = {**pos, **dict(zip(nodes, map(tuple, xy)))}
    # every drawn node gets a label: the most important first; a node whose label finds
    # no free spot is left out of the picture (and counted in the caption)
    order = sorted(range(len(nodes)), key=lambda k: (nodes[k] != center, -sizes_all[nodes[k]],
                                                     str(nodes[k])))
    if label:
        texts = place_labels(ax, xy[order], [_name(graph, nodes[k]) for k in order],
                             radii=radii[order], fontsize=7.5,
                             obstacles=[legend] if legend is not None else [])
        kept = {nodes[k] for k, t in zip(order, texts) if t is not None}
    else:
        kept = set(nodes)
    if len(kept) < len(nodes):
        add_caption(ax, f"{len(nodes) - len(kept)} further actors had no room for a label "
                        "and are not drawn.")
    keep_idx = [k for k, v in enumerate(nodes) if v in kept]
    segments, widths, colours = [], [], []
    for (a, b, d), w in sorted(zip(edges, w_all), key=lambda e: e[1]):
        if a in kept and b in kept:
            segments.append((pos[a], pos[b]))
            widths.append(width(w))
            spoke = center is not None and center in (a, b)
            colours.append(to_rgba("#4d4d4d" if spoke else _EDGE_GREY,
                                   0.3 + 0.5 * w / w_top if w_top > 0 else 0.5))
    ax.add_collection(LineCollection(segments, linewidths=widths, colors=colours,
                                     linestyles="solid", capstyle="round", zorder=1))
    ax.scatter(xy[keep_idx, 0], xy[keep_idx, 1],
               s=[area(sizes_all[nodes[k]]) for k in keep_idx],
               c=[node_colours[k] for k in keep_idx], edgecolors="white", linewidths=0.8,
               zorder=2)
    if center is not None and center in kept:
        k = nodes.index(center)
        ax.scatter([xy[k, 0]], [xy[k, 1]], s=[area(sizes_all[center])], facecolors="none",
                   edgecolors="#111111", linewidths=1.6, zorder=2.5)
    return [v for v in nodes if v in kept]


