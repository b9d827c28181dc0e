"""What a reader would see: text boxes that overlap, labels that leave their axes or the figure.

:func:`text_overlaps` and :func:`texts_outside` look at a drawn figure as it is rendered
(``get_window_extent`` of every visible text: titles, axis and tick labels, legend
entries, annotations, labels placed on the data). The tests run them on every figure of
the toolkit; a figure that reads has neither.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.text import Text

__all__ = ["text_overlaps", "texts_outside"]

#: Text boxes closer than this (pixels at the figure's dpi) count as touching.
_TOUCH = 0.5


def _tick_labels(fig: Any) -> tuple[set[int], list[Text]]:
    """Ids of every tick label, and the tick labels actually drawn (ticks in view)."""
    every, drawn = set(), []
    for ax in fig.axes:
        drawn_axes = ax.get_visible() and ax.axison
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            span = (high - low) * 1e-9
            for tick in [*axis.get_major_ticks(), *axis.get_minor_ticks()]:
                labels = (tick.label1, tick.label2)
                every.update(id(t) for t in labels)
                loc = tick.get_loc()
                if drawn_axes and loc is not None and low - span <= loc <= high + span \
                        and axis.get_visible() and tick.get_visible():
                    drawn.extend(t for t in labels if t.get_visible())
    return every, drawn


def _drawn_texts(fig: Any) -> list[tuple[Text, Any]]:
    """Every visible, non-empty text of the figure, with the Axes it labels (or None)."""
    ticks, drawn_ticks = _tick_labels(fig)
    found, seen = [], set()
    for artist in [*fig.findobj(Text), *drawn_ticks]:
        if id(artist) in seen or not artist.get_visible() or not artist.get_text().strip():
            continue
        if id(artist) in ticks and artist not in drawn_ticks:
            continue
        if artist.axes is not None and not artist.axes.get_visible():
            continue
        box = artist.get_window_extent()
        if not np.isfinite([box.x0, box.y0, box.x1, box.y1]).all():
            continue  # a tick label at the edge of a scale's domain: not drawn
        seen.add(id(artist))
        found.append(artist)
    return [(t, t.axes if t.axes is not None and t in t.axes.texts else None)
            for t in found]


def text_overlaps(fig: Any, *, tolerance: float = _TOUCH) -> list[tuple[str, str]]:
    """Return the pairs of texts whose boxes overlap in a drawn figure (empty: none).

    Every visible, non-empty text counts: titles, axis and tick labels, legend entries,
    annotations and labels placed on the data. Call after ``fig.canvas.draw()``.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.text(0.5, 0.5, "Russia"); _ = ax.text(0.5, 0.5, "Iran")
    >>> fig.canvas.draw(); text_overlaps(fig)
    [('Russia', 'Iran')]
    >>> plt.close(fig)
    """
    renderer = fig.canvas.get_renderer()
    texts = [t for t, _ in _drawn_texts(fig)]
    boxes = np.array([[b.x0, b.y0, b.x1, b.y1] for b in
                      (t.get_window_extent(renderer) for t in texts)]).reshape(-1, 4)
    pairs = []
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            a, b = boxes[i], boxes[j]
            if (min(a[2], b[2]) - max(a[0], b[0]) > tolerance
                    and min(a[3], b[3]) - max(a[1], b[1]) > tolerance):
                pairs.append((texts[i].get_text(), texts[j].get_text()))
    return pairs


def texts_outside(fig: Any, *, tolerance: float = _TOUCH) -> list[str]:
    """Return the texts that leave the figure, or (labels placed on data) their axes.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.text(0.98, 0.5, "Dissolution of the Soviet Union", transform=ax.transAxes)
    >>> fig.canvas.draw(); texts_outside(fig)
    ['Dissolution of the Soviet Union']
    >>> plt.close(fig)
    """
    renderer = fig.canvas.get_renderer()
    page = fig.bbox
    out = []
    for text, ax in _drawn_texts(fig):
        box = text.get_window_extent(renderer)
        frames = [page] + ([ax.get_window_extent(renderer)] if ax is not None else [])
        if any(box.x0 < f.x0 - tolerance or box.y0 < f.y0 - tolerance
               or box.x1 > f.x1 + tolerance or box.y1 > f.y1 + tolerance for f in frames):
            out.append(text.get_text())
    return out
