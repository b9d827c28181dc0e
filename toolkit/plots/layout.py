"""Where things go on a picture of a network: node positions and label placement.

Both are deterministic: :func:`packed_layout` is seeded, :func:`repel_labels` uses no
randomness at all, so the same graph and seed always give the same figure.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import networkx as nx
import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.text import Text

from toolkit._core import DEFAULT_SEED, check_type, random_state

__all__ = ["packed_layout", "repel_labels"]


def packed_layout(graph: nx.Graph, *, weight: str = "weight", seed: int = DEFAULT_SEED
                  ) -> dict[Any, np.ndarray]:
    """Place nodes with a seeded force-directed layout, one connected component at a time.

    Each component starts from a Kamada-Kawai layout (up to 400 nodes) refined by a
    seeded spring layout (``networkx.spring_layout``).

    A spring layout of a graph in pieces flings the small pieces to the corners and
    squeezes the main one; here the largest component fills the top of the picture and
    the others sit in rows below it, each scaled by the square root of its size.
    ``|weight|`` pulls nodes together.

    Parameters
    ----------
    graph
        A graph from :func:`toolkit.network.to_graph`.
    weight
        Edge attribute whose absolute value pulls the two ends together.
    seed
        Seed of the spring layout and of the small nudge of its starting positions.

    Returns
    -------
    dict
        Node -> ``(x, y)`` position; the largest component spans [-1, 1] on its wider
        axis.

    Examples
    --------
    >>> g = nx.Graph([("A", "B"), ("B", "C"), ("D", "E")])
    >>> pos = packed_layout(g)
    >>> bool(pos["D"][1] < min(pos[v][1] for v in "ABC"))
    True
    """
    check_type("graph", graph, nx.Graph, "a networkx.Graph (from toolkit.network.to_graph)")
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


def repel_labels(ax: Axes, texts: Sequence[Text], lift: np.ndarray, obstacles: np.ndarray,
                 radii: np.ndarray, *, iterations: int = 300, pad: float = 1.5) -> None:
    """Move overlapping labels apart in screen space; draw a leader line when moved far.

    Each label starts just above its point (``lift`` pixels). A small deterministic
    relaxation (no randomness) then pushes every overlapping pair of labels apart along
    the axis of least overlap, pushes labels off the points (``obstacles``, with
    ``radii`` in pixels; they do not move), and pulls labels gently back to their start,
    until nothing overlaps or ``iterations`` run out. The axes limits are frozen first,
    so the leader lines do not rescale the axes.

    Parameters
    ----------
    ax
        The axes holding the labels.
    texts
        The labels (``ax.text`` artists), each placed at its point in data coordinates.
    lift
        Pixels above its point where each label starts (e.g. the marker's radius).
    obstacles
        Points (data coordinates, shape ``(k, 2)``) that labels should not cover.
    radii
        Radius in pixels of each obstacle.
    iterations
        Most relaxation steps.
    pad
        Pixels kept free around each label.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> texts = [ax.text(0.5, 0.5, "Russia"), ax.text(0.5, 0.5, "Iran")]
    >>> repel_labels(ax, texts, np.zeros(2), np.zeros((0, 2)), np.zeros(0))
    >>> a, b = (t.get_window_extent() for t in texts)
    >>> bool(a.overlaps(b))
    False
    >>> plt.close(fig)
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
