"""Where things go on a figure: node positions, discs kept apart, labels placed.

All deterministic: :func:`packed_layout` is seeded and independent of ``PYTHONHASHSEED``;
:func:`separate_discs` and :func:`place_labels` (and :func:`repel_labels`, its form for
labels already drawn) use no randomness at all, so the same data and seed always give the
same figure. :mod:`toolkit.plots.checks` measures the result.
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


__all__ = ["packed_layout", "place_labels", "repel_labels", "separate_discs"]


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
    # rows as wide as the main piece, or wider when the other pieces would otherwise make
    # a tall column (a network of many small pieces of similar size)
    area = sum((2 * max(math.sqrt(len(p) / biggest), 0.08) + 0.15) ** 2 for p in pieces[1:])
    right = -1.0 + max(2.0, 1.2 * math.sqrt(area))
    pos: dict[Any, np.ndarray] = {}
    x, y, row_height = -1.0, None, 0.0
    for n, piece in enumerate(pieces):
        size = math.sqrt(len(piece) / biggest)
        if len(piece) == 1:
            local = {piece[0]: np.zeros(2)}
        else:
            # a fresh graph in sorted order: a subgraph view iterates its node set in
            # hash order, which would make the layout depend on PYTHONHASHSEED
            sub = nx.Graph()
            sub.add_nodes_from(piece)
            sub.add_edges_from(sorted(((a, b, d) for a, b, d in work.subgraph(piece).edges(data=True)),
                                      key=lambda e: (str(e[0]), str(e[1]))))
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
            centre = r < 1e-12  # the median node itself: no direction, give it one
            xy[centre], r[centre] = (1.0, 0.0), 1.0
            xy *= (target / r)[:, None]
        extent = max(float(np.abs(xy).max()), 1e-9)
        xy = xy / extent * size
        if n == 0:
            offset = np.zeros(2)
            y = float(xy[:, 1].min()) - 0.2  # rows of smaller pieces start below it
        else:
            radius = max(size, 0.08)
            if x + 2 * radius > right and x > -1.0:  # next row
                x, y = -1.0, y - row_height - 0.15
                row_height = 0.0
            offset = np.array([x + radius, y - radius])
            x += 2 * radius + 0.15
            row_height = max(row_height, 2 * radius)
        pos.update({v: p + offset for v, p in zip(piece, xy)})
    return pos


def separate_discs(xy: np.ndarray, radii: np.ndarray, *, gap: float = 2.0,
                   iterations: int = 200) -> np.ndarray:
    """Move discs (screen coordinates, radii in pixels) apart until none overlaps another.

    A deterministic relaxation: each overlapping pair is pushed apart along the line
    between their centres (coincident centres along a fixed direction), half each, until
    no two discs come closer than ``gap`` pixels or ``iterations`` run out. Nodes that
    already stand apart do not move.

    Examples
    --------
    >>> out = separate_discs(np.array([[0.0, 0.0], [1.0, 0.0], [50.0, 0.0]]), np.full(3, 5.0))
    >>> bool(np.hypot(*(out[0] - out[1])) >= 12 - 1e-6), out[2].tolist()
    (True, [50.0, 0.0])
    """
    xy = np.array(xy, dtype=float).reshape(-1, 2)
    radii = np.asarray(radii, dtype=float)
    need = radii[:, None] + radii[None, :] + gap
    for _ in range(iterations):
        delta = xy[:, None, :] - xy[None, :, :]
        dist = np.hypot(delta[..., 0], delta[..., 1])
        short = (dist < need - 1e-9) & ~np.eye(len(xy), dtype=bool)
        if not short.any():
            break
        i, j = np.nonzero(np.triu(short))
        unit = delta[i, j] / np.maximum(dist[i, j], 1e-9)[:, None]
        unit[dist[i, j] < 1e-9] = [1.0, 0.0]
        move = (need[i, j] - dist[i, j])[:, None] / 2 * unit
        np.add.at(xy, i, move)
        np.add.at(xy, j, -move)
    return xy


def _box_hits_boxes(box: np.ndarray, boxes: np.ndarray) -> bool:
    if not len(boxes):
        return False
    return bool(np.any((box[0] < boxes[:, 2]) & (boxes[:, 0] < box[2])
                       & (box[1] < boxes[:, 3]) & (boxes[:, 1] < box[3])))


def _box_hits_discs(box: np.ndarray, centres: np.ndarray, radii: np.ndarray) -> bool:
    if not len(centres):
        return False
    nearest = np.clip(centres, box[:2], box[2:])
    return bool(np.any(np.hypot(*(centres - nearest).T) < radii))


def _candidates(anchor: np.ndarray, half: np.ndarray, gap: float, step: float,
                rings: int) -> list[np.ndarray]:
    """Label centres around an anchor: beside, above, below, then rings further out."""
    out = []
    for ring in range(rings):
        r = gap + ring * step
        # the first ring: the eight classic spots; further rings: 16 directions
        n_dir = 8 if ring == 0 else 16
        for k in range(n_dir):
            angle = 2 * math.pi * k / n_dir
            dx, dy = math.cos(angle), math.sin(angle)
            # put the box's edge (not its centre) at distance r from the anchor
            out.append(anchor + np.array([dx * (r + half[0]), dy * (r + half[1])]))
    return out


def place_labels(ax: Axes, xy: np.ndarray, labels: Sequence[str], *,
                 radii: np.ndarray | None = None, obstacles: Sequence[Any] = (),
                 fontsize: float = 8.0, pad: float = 2.0, rings: int = 40,
                 leader: bool = True, **text_kw: Any) -> list[Text | None]:
    """Place one label per point, each beside its point, none on another label or point.

    Labels are placed in the order given (put the most important first). Each takes the
    first free spot of a fixed sequence around its point: right, upper right, up, ...
    at the point's radius, then rings further out. A spot is free when the label's box
    lies inside the axes, touches no label placed before, no point (discs of ``radii``
    pixels) and no ``obstacles`` (artists such as a legend). A label that lands beyond the
    first ring gets a thin leader line to its point. The axes limits are frozen first.

    Parameters
    ----------
    ax
        The axes; its limits should already hold every point.
    xy
        Points in data coordinates, shape ``(n, 2)``, one per label.
    labels
        The label texts.
    radii
        Radius in pixels of each point's marker (default 3).
    obstacles
        Artists (legend, colour bar) whose boxes labels must avoid.
    fontsize, text_kw
        Passed to ``ax.text``.
    pad
        Pixels kept free around each label.
    rings
        How far the search goes (rings of candidate spots).
    leader
        Draw leader lines to labels placed away from their point.

    Returns
    -------
    list
        The ``Text`` of each label, or ``None`` where no free spot was found (nothing is
        drawn for it: the caller decides, e.g. to leave its point out).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.set_xlim(0, 1); _ = ax.set_ylim(0, 1)
    >>> texts = place_labels(ax, np.array([[0.5, 0.5], [0.5, 0.5], [0.51, 0.5]]),
    ...                      ["Russia", "Iran", "Syria"])
    >>> from toolkit.plots.checks import text_overlaps, texts_outside
    >>> fig.canvas.draw(); text_overlaps(fig), texts_outside(fig)
    ([], [])
    >>> plt.close(fig)
    """
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    radii = np.full(len(xy), 3.0) if radii is None else np.asarray(radii, dtype=float)
    fig = ax.figure
    fig.draw_without_rendering()  # settle the layout so screen coordinates are final
    ax.set_xlim(ax.get_xlim())
    ax.set_ylim(ax.get_ylim())
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    inside = np.array([frame.x0 + 1, frame.y0 + 1, frame.x1 - 1, frame.y1 - 1])
    blocked = [np.array([b.x0, b.y0, b.x1, b.y1]) for b in
               (o.get_window_extent(renderer) for o in obstacles)]
    anchors = ax.transData.transform(xy) if len(xy) else np.zeros((0, 2))
    to_data = ax.transData.inverted()
    style = {"fontsize": fontsize, "ha": "center", "va": "center", "zorder": 4,
             "color": "#111111", **text_kw}
    step = max(fontsize * fig.dpi / 72 * 0.9, 4.0)
    placed: list[np.ndarray] = list(blocked)
    out: list[Text | None] = []
    for anchor, radius, label in zip(anchors, radii, labels):
        text = ax.text(0, 0, str(label), **style)
        box = text.get_window_extent(renderer)
        half = np.array([box.width / 2 + pad, box.height / 2 + pad])
        spot = None
        for k, centre in enumerate(_candidates(anchor, half, radius + pad + 1.0, step,
                                                rings)):
            cand = np.concatenate([centre - half, centre + half])
            if (cand[0] < inside[0] or cand[1] < inside[1] or cand[2] > inside[2]
                    or cand[3] > inside[3]):
                continue
            if _box_hits_boxes(cand, np.array(placed).reshape(-1, 4)):
                continue
            if _box_hits_discs(cand, anchors, radii + pad):
                continue
            spot = (centre, k)
            break
        if spot is None:
            text.remove()
            out.append(None)
            continue
        centre, k = spot
        text.set_position(to_data.transform(centre))
        placed.append(np.concatenate([centre - half, centre + half]))
        if leader and k >= 8:
            end = np.clip(anchor, centre - half + pad, centre + half - pad)
            direction = end - anchor
            length = math.hypot(*direction)
            start = anchor + direction / max(length, 1e-9) * min(radius, length)
            (x0, y0), (x1, y1) = to_data.transform([start, end])
            ax.add_line(Line2D([x0, x1], [y0, y1], color="#555555", linewidth=0.5,
                               linestyle="-", zorder=3))
        out.append(text)
    return out


def repel_labels(ax: Axes, texts: Sequence[Text], lift: np.ndarray, obstacles: np.ndarray,
                 radii: np.ndarray, *, iterations: int = 300, pad: float = 1.5) -> None:
    """Re-place labels already drawn at their points so that none overlaps (see :func:`place_labels`).

    Each ``ax.text`` artist of ``texts`` sits at its point; it is moved to the first free
    spot around it (``lift``: pixels of the point's marker radius; ``obstacles`` and
    ``radii``: other points in data coordinates and their radii in pixels). A label
    without a free spot is removed from the axes. ``iterations`` is kept for
    compatibility (the placement is a search, not a relaxation).

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
    xy = np.array([t.get_position() for t in texts], dtype=float)
    labels = [t.get_text() for t in texts]
    style = {"fontsize": texts[0].get_fontsize(), "color": texts[0].get_color(),
             "bbox": None}
    for t in texts:
        t.set_visible(False)
    lift = np.broadcast_to(np.asarray(lift, dtype=float), (len(texts),))
    fresh = place_labels(ax, xy, labels, radii=lift, pad=pad, **style)
    # the caller keeps its Text objects: move them where the search put the new ones
    for old, new in zip(texts, fresh):
        if new is None:
            old.remove()
            continue
        old.set_position(new.get_position())
        old.set_ha("center")
        old.set_va("center")
        old.set_visible(True)
        new.remove()
