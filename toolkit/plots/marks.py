"""Marks on a time axis: event labels in rows above the data, bursts, change points, bands.

The parts shared by the timeline figures (:mod:`toolkit.plots.timeline`):

- :func:`event_rows` puts each event's label in a row above the data, measured on the
  rendered text, so that no label overlaps another, leaves the axes, or is struck through
  by another event's line; an event whose label finds no room is not drawn at all (no
  unlabelled lines), and the caller says how many in the caption.
- :func:`readable_band` decides whether an uncertainty band is worth drawing: not when it
  is wider than the series itself moves (monthly bins on a small corpus).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from toolkit.schemas import N_DOCUMENTS, validate_series
from toolkit.style import actor_colors, add_caption, set_caption

__all__ = ["MIN_UNITS", "annotate_events", "burst_halo", "event_rows", "mark_change_points",
           "readable_band", "shade_bursts", "thin_periods", "time_label"]

_EVENT_COLOR = "#555555"
_CHANGE_COLOR = "#333333"
_VALUE_LABELS = {"share": "share of {unit}s", "documents": "{unit}s", "mentions": "mentions",
                 "prevalence": "mean topic share"}


#: Fewest units a drawn share rests on: 1 of 1 or 1 of 2 is noise (notebook 04 bins time
#: so that a typical period holds this many; an edge period may still hold one).
MIN_UNITS = 3


def thin_periods(series: pd.DataFrame) -> np.ndarray:
    """Which periods of a share series rest on 1 to ``MIN_UNITS - 1`` units: their shares
    are not drawn (the figures set them to NaN and say how many in the caption).

    Only shares with their denominator (``n_documents``) have such periods; a period
    without units keeps its zero, as every series does.

    Examples
    --------
    >>> s = pd.DataFrame({"USA": [.2, .3, 1.0], N_DOCUMENTS: [10, 12, 1]},
    ...                  index=pd.period_range("2001", periods=3, freq="Y"))
    >>> s.attrs = {"value": "share"}
    >>> thin_periods(s)
    array([False, False,  True])
    """
    if series.attrs.get("value") != "share" or N_DOCUMENTS not in series:
        return np.zeros(len(series), dtype=bool)
    units = series[N_DOCUMENTS].to_numpy()
    return (units > 0) & (units < MIN_UNITS)


def _thin_note(series: pd.DataFrame, thin: np.ndarray) -> list[str]:
    """The caption's note on :func:`thin_periods` (none when no period was left out)."""
    n = int(thin.sum())
    period = time_label(series.index.freqstr)
    return [f"{n} {period}{'s' if n != 1 else ''} with fewer than {MIN_UNITS} "
            f"{_unit(series)}s not drawn"] if n else []


def _midpoints(index: pd.PeriodIndex) -> pd.DatetimeIndex:
    start = index.start_time
    return start + (index.end_time - start) / 2


def time_label(freqstr: str | None) -> str:
    """Name of the x axis for a period frequency (``"Y-DEC"`` -> ``"year"``).

    Examples
    --------
    >>> time_label("Y-DEC"), time_label("5Y-DEC"), time_label("M"), time_label(None)
    ('year', 'year', 'month', 'date')
    """
    code = "".join(c for c in str(freqstr or "") if c.isalpha()).upper()
    for prefix, name in (("Y", "year"), ("A", "year"), ("Q", "quarter"), ("M", "month"),
                         ("W", "week"), ("D", "day")):
        if code.startswith(prefix):
            return name
    return "date"


def readable_band(values: np.ndarray, lower: np.ndarray, upper: np.ndarray, *,
                  documents: np.ndarray | None = None, ratio: float = 0.3) -> bool:
    """Whether a band can be read: on average it spans at most ``ratio`` of the plot's height.

    The mean width of the band over the periods (periods without documents count as
    width 0 when ``documents`` is given) is compared with the height the series needs
    (from 0, or its minimum if negative, to its maximum). Few units per period (monthly
    bins on a small corpus) give bands as tall as the plot, which hide the line and read
    as data; they are not drawn.

    Examples
    --------
    >>> v = np.array([0.1, 0.2, 0.4, 0.2])
    >>> readable_band(v, v - 0.02, v + 0.02), readable_band(v, v * 0, v * 0 + 1)
    (True, False)
    """
    values, lower, upper = (np.asarray(a, dtype=float) for a in (values, lower, upper))
    width = np.where(np.isfinite(lower) & np.isfinite(upper), upper - lower, 0.0)
    if documents is not None:
        width = np.where(np.asarray(documents, dtype=float) > 0, width, 0.0)
    finite = values[np.isfinite(values)]
    if not finite.size:
        return False
    height = float(finite.max() - min(finite.min(), 0.0))
    return height > 0 and float(width.mean()) <= ratio * height


def _text_width(ax: Axes, text: str, fontsize: float) -> float:
    renderer = ax.figure.canvas.get_renderer()
    probe = ax.text(0, 0, text, fontsize=fontsize, transform=None)
    width = probe.get_window_extent(renderer).width
    probe.remove()
    return width


def _below(ax: Axes, height: float) -> None:
    """Shorten full-height vertical lines and spans (change points, bursts) to the data part."""
    from matplotlib.patches import Rectangle

    xaxis = ax.get_xaxis_transform()
    for line in ax.lines:
        if line.get_transform() == xaxis and list(line.get_ydata()) == [0, 1]:
            line.set_ydata([0, height])
    for patch in ax.patches:
        if isinstance(patch, Rectangle) and patch.get_transform() == xaxis and \
                patch.get_y() == 0 and patch.get_height() == 1:
            patch.set_height(height)


def event_rows(ax: Axes, events: pd.DataFrame, *, rows: int = 4, fontsize: float = 6.5,
               color: str = _EVENT_COLOR, gap: float = 4.0, layout: bool = True
               ) -> tuple[int, int]:
    """Draw events as lines with their labels in rows above the data; return (drawn, left out).

    Only events inside the current x range are considered. Each label goes in the
    highest row where it fits: inside the axes, apart from the labels of that row, on no
    line of an event placed higher up, and not on top of a lower label's event line. The
    y axis gets the headroom the rows need, so labels never sit on the data. Each line
    runs from the bottom of the axes to its label.

    Parameters
    ----------
    ax
        The axes, with its x range and data already drawn.
    events
        Events table (``date``, ``label``), e.g. :func:`toolkit.timeline.load_events`.
    rows
        Most rows of labels.
    fontsize, color
        Of labels and lines.
    gap
        Pixels kept free between labels.
    layout
        Lay the figure out first, so that the axes have their final size (``True``).
        ``False`` when the caller has just done it (``fig.draw_without_rendering()``):
        on a figure of many panels each layout costs most of a second.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from toolkit.timeline import load_events
    >>> fig, ax = plt.subplots(figsize=(8, 3))
    >>> _ = ax.plot(pd.to_datetime(["1985-01-01", "1995-01-01"]), [0, 1])
    >>> event_rows(ax, load_events("sotu"))
    (3, 0)
    >>> plt.close(fig)
    """
    import matplotlib.dates as mdates
    from matplotlib.transforms import blended_transform_factory

    fig = ax.figure
    if layout:
        fig.draw_without_rendering()  # final axes size before measuring
    lo, hi = ax.get_xlim()
    ax.set_xlim(lo, hi)
    dates = pd.to_datetime(events["date"])
    x = mdates.date2num(dates.to_numpy())
    inside = (x >= lo) & (x <= hi)
    frame = ax.get_window_extent()
    to_px = ax.transData.transform
    line_h = fontsize * fig.dpi / 72 * 1.45
    if not inside.any() or frame.height < 4 * line_h:
        return 0, int(inside.sum())
    max_rows = max(1, min(rows, int(0.45 * frame.height // line_h)))
    placed: list[tuple[float, int, float, float]] = []  # line x, row, label start, end (px)
    plan = []
    for when, label in sorted(zip(x[inside], events["label"][inside]), key=lambda e: e[0]):
        px = float(to_px([[when, 0.0]])[0, 0])
        width = _text_width(ax, str(label), fontsize) + gap
        spot = None
        for row in range(max_rows):
            for side in (1, -1):
                start, end = (px + 3, px + 3 + width) if side > 0 else (px - 3 - width, px - 3)
                if start < frame.x0 + 1 or end > frame.x1 - 1:
                    continue
                clash = any(r == row and start < e_ and s_ < end for _, r, s_, e_ in placed)
                struck = any(r < row and start - 1 <= lx <= end + 1 for lx, r, _, _ in placed)
                strikes = any(r > row and s_ - 1 <= px <= e_ + 1 for _, r, s_, e_ in placed)
                if not (clash or struck or strikes):
                    spot = (row, side, start, end)
                    break
            if spot:
                break
        if spot is None:
            continue
        placed.append((px, spot[0], spot[2], spot[3]))
        plan.append((when, str(label), spot[0], spot[1]))
    # headroom: the data keep the lower part of the axes, the label rows the top
    used = 1 + max((r for _, _, r, _ in plan), default=-1)
    bottom, top = ax.get_ylim()
    share = min(0.5, (used * line_h + 2) / frame.height)
    if used:
        ax.set_ylim(bottom, bottom + (top - bottom) / (1 - share))
        _below(ax, 1 - share)
    blend = blended_transform_factory(ax.transData, ax.transAxes)
    for when, label, row, side in plan:
        y = 1 - (row + 0.5) * line_h / frame.height
        ax.plot([when, when], [0, y - 0.5 * line_h / frame.height], transform=blend,
                color=color, linestyle=":", linewidth=0.8, zorder=2.5)
        ax.annotate(label, (when, y), xycoords=blend, xytext=(3 * side, 0),
                    textcoords="offset pixels", fontsize=fontsize, color=color,
                    va="center", ha="left" if side > 0 else "right", annotation_clip=False)
    return len(plan), int(inside.sum()) - len(plan)


def burst_halo(ax: Any, x: pd.DatetimeIndex, values: np.ndarray, spans: list, color: str
               ) -> None:
    """Draw a thick pale stroke under a line where it bursts (periods within ``spans``).

    Several series' bursts stay apart this way (each on its own line), with no strip
    below the zero line and no negative tick on a share axis.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> x = pd.date_range("1990", periods=4, freq="YS")
    >>> burst_halo(ax, x, np.array([0.1, 0.5, 0.4, 0.1]), [(x[1], x[2])], "#0072B2")
    >>> len(ax.lines)
    1
    >>> plt.close(fig)
    """
    mask = np.zeros(len(x), dtype=bool)
    for start, end in spans:
        mask |= (x >= start) & (x <= end)
    if mask.any():
        y = np.where(mask, values, np.nan)
        ax.plot(x, y, color=color, alpha=0.28, linewidth=7, solid_capstyle="butt",
                linestyle="-", zorder=1.5)
        alone = mask & ~np.r_[False, mask[:-1]] & ~np.r_[mask[1:], False]
        if alone.any():  # one-period bursts: a line of one point would not show
            ax.plot(x[alone], values[alone], color=color, alpha=0.28, linestyle="",
                    marker="o", markersize=7, zorder=1.5)


def _unit(series: pd.DataFrame) -> str:
    return str(series.attrs.get("unit") or "document")


def _spans(bursts: pd.DataFrame | None, col: object) -> list:
    if bursts is None or not len(bursts):
        return []
    rows = bursts[bursts["series"] == col]
    if "level" in rows.columns:
        rows = rows[rows["level"] == 1]
    return [(a.start_time, b.end_time) for a, b in zip(rows["start"], rows["end"])]


def _largest_changes(changes: pd.DataFrame | None, col: object, most: int | None
                     ) -> pd.DataFrame | None:
    if changes is None or not len(changes):
        return None
    rows = changes[changes["series"] == col]
    if most is not None and len(rows) > most and "shift" in rows.columns:
        rows = rows.reindex(rows["shift"].abs().sort_values(ascending=False, kind="stable")
                            .index[:most]).sort_values("period")
    return rows


def _events_note(ax: Axes, drawn: int, left: int) -> None:
    if drawn or left:
        add_caption(ax, f"Dotted lines: {drawn} events" + (
            f" ({left} more without room for a label not drawn)." if left else "."))


def _composition(series: pd.DataFrame, cols: list) -> bool:
    """Columns that split every period's documents (rows sum to 1): a source mix."""
    if len(cols) < 2 or "value" in series.attrs:
        return False
    sums = series[cols].to_numpy(dtype=float).sum(axis=1)
    return bool(np.all(np.isclose(sums, 1.0) | np.isclose(sums, 0.0)))


def _stacked(series: pd.DataFrame, cols: list, ax: Axes) -> None:
    colours = actor_colors([str(c) for c in cols])
    x = _midpoints(series.index)
    base = np.zeros(len(series))
    empty = series[cols].to_numpy(dtype=float).sum(axis=1) == 0
    for col in cols:
        share = np.where(empty, np.nan, series[col].to_numpy(dtype=float))
        ax.fill_between(x, base, base + np.nan_to_num(share), where=~empty, step="mid",
                        color=colours[str(col)], alpha=0.85, linewidth=0, label=str(col))
        base = base + np.nan_to_num(share)
    ax.set_ylim(0, 1)
    n = int(series[N_DOCUMENTS].sum()) if N_DOCUMENTS in series else None
    set_caption(ax, f"Share of each period's {_unit(series)}s from each "
                    f"{series.columns.name or 'source'} (stacked; the shares add up to 1)"
                + (f"; N = {n:,} {_unit(series)}s" if n is not None else "")
                + (f"; {int(empty.sum())} periods without {_unit(series)}s left blank"
                   if empty.any() else "") + ".")


def _axes(ax: Axes | None, size: tuple[float, float] = (7.5, 3.6)) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=size)
    return ax


def _check_series(series: pd.DataFrame | pd.Series) -> pd.DataFrame:
    attrs = dict(getattr(series, "attrs", {}))
    if isinstance(series, pd.Series) and series.name is None:
        series = series.rename("series")
    series = validate_series(series)
    series.attrs = attrs
    return series


def _columns(series: pd.DataFrame, columns: Sequence[str] | None) -> list:
    """The data columns to draw: never the denominator ``n_documents``."""
    data = [c for c in series.columns if c != N_DOCUMENTS]
    if columns is None:
        return data
    missing = [c for c in columns if c not in data]
    if missing:
        raise ValueError(f"columns {missing} are not data columns of the series "
                         f"({N_DOCUMENTS!r} is the denominator); available: {data[:20]}")
    return list(columns)


def shade_bursts(ax: Axes, bursts: pd.DataFrame, *, series: str | None = None,
                 color: str = "#E69F00", alpha: float = 0.18) -> Axes:
    """Shade the bursts of a :func:`toolkit.timeline.bursts` table (of one ``series``).

    Examples
    --------
    >>> b = pd.DataFrame({"series": ["KWT"], "start": [pd.Period("1990", "Y")],
    ...                   "end": [pd.Period("1991", "Y")]})
    >>> ax = shade_bursts(plt.subplots()[1], b)
    >>> len(ax.patches)
    1
    """
    rows = bursts if series is None else bursts[bursts["series"] == series]
    for i, (start, end) in enumerate(zip(rows["start"], rows["end"])):
        ax.axvspan(start.start_time, end.end_time, color=color, alpha=alpha, linewidth=0,
                   label="burst" if i == 0 else None, zorder=0)
    return ax


def mark_change_points(ax: Axes, changes: pd.DataFrame, *, series: str | None = None,
                       color: str = _CHANGE_COLOR, levels: bool = True,
                       label: str | None = "change point") -> Axes:
    """Draw change points (dashed lines) and, with ``levels``, the segment means around them.

    Examples
    --------
    >>> c = pd.DataFrame({"series": ["x"], "period": [pd.Period("1911", "Y")],
    ...                   "before": [1.0], "after": [3.0],
    ...                   "before_start": [pd.Period("1901", "Y")],
    ...                   "after_end": [pd.Period("1920", "Y")]})
    >>> ax = mark_change_points(plt.subplots()[1], c)
    >>> len(ax.lines), len(ax.collections)
    (1, 1)
    """
    rows = changes if series is None else changes[changes["series"] == series]
    for i, row in enumerate(rows.itertuples(index=False)):
        at = row.period.start_time
        ax.axvline(at, color=color, linestyle="--", linewidth=0.9, alpha=0.8,
                   label=label if i == 0 else None)
        if levels:
            ax.hlines([row.before, row.after], [row.before_start.start_time, at],
                      [at, row.after_end.end_time], colors=color, linewidth=0.8, alpha=0.6)
    return ax


def annotate_events(ax: Axes, events: pd.DataFrame, *, labels: bool = True,
                    color: str = _EVENT_COLOR, fontsize: float = 6.5, rows: int = 4) -> Axes:
    """Draw events as dotted lines with their labels in rows above the data.

    Only events inside the current x range are drawn, each with its label (measured,
    placed apart from the others and inside the axes); an event whose label finds no
    room in ``rows`` rows is left out and counted in the caption. With ``labels=False``
    nothing is drawn: an unlabelled line cannot be read.

    Examples
    --------
    >>> from toolkit.timeline import load_events
    >>> fig, ax = plt.subplots(figsize=(8, 3))
    >>> _ = ax.plot(pd.to_datetime(["1985-01-01", "1995-01-01"]), [0, 1])
    >>> ax = annotate_events(ax, load_events("sotu"))
    >>> [t.get_text() for t in ax.texts]
    ['Fall of the Berlin Wall', 'Iraq invades Kuwait', 'Dissolution of the Soviet Union']
    """
    if labels and events is not None and len(events):
        _events_note(ax, *event_rows(ax, events, rows=rows, fontsize=fontsize, color=color))
    return ax
