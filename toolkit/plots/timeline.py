"""Figures of attention over time: series, bursts shaded, change points and events marked.

Each function takes its data and ``ax=None`` (``axes=None`` for grids) and returns the
Axes; none shows or saves anything (save through :func:`toolkit.figures.save`). The x
axis is a real calendar: values sit at the middle of their period, a burst is shaded
from the first day of its first period to the last day of its last, and an event line
sits on its exact date.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from toolkit._core import check_int
from toolkit.schemas import N_DOCUMENTS, validate_series
from toolkit.timeline import Band

__all__ = [
    "annotate_events",
    "attention",
    "burst_chart",
    "mark_change_points",
    "shade_bursts",
    "small_multiples",
]

_BURST_COLOR = "#E69F00"
_CHANGE_COLOR = "#D55E00"
_EVENT_COLOR = "#555555"


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


def _midpoints(index: pd.PeriodIndex) -> pd.DatetimeIndex:
    start = index.start_time
    return start + (index.end_time - start) / 2


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


def _burst_strips(ax: Axes, bursts: pd.DataFrame, cols: list, colours: dict, *,
                  top: float) -> None:
    """One strip per series under the zero line: several series' bursts stay apart."""
    import matplotlib.dates as mdates

    height = 0.045 * (top if top > 0 else 1.0)
    for i, col in enumerate(cols):
        rows = bursts[(bursts["series"] == col) & (bursts["level"] == 1)] \
            if "level" in bursts.columns else bursts[bursts["series"] == col]
        y0 = -(i + 1) * height * 1.25
        spans = [(mdates.date2num(a.start_time), mdates.date2num(b.end_time)
                  - mdates.date2num(a.start_time)) for a, b in zip(rows["start"], rows["end"])]
        ax.broken_barh(spans, (y0, height), facecolors=colours[col], alpha=0.7, linewidth=0)
        ax.annotate(f"{col} bursts", (0, y0 + height / 2), xycoords=("axes fraction", "data"),
                    xytext=(2, 0), textcoords="offset points", fontsize=5.5, va="center",
                    color="#333333")
    ax.axhline(0, color="#999999", linewidth=0.6)
    ax.set_ylim(bottom=-(len(cols) + 0.4) * height * 1.25)


def shade_bursts(ax: Axes, bursts: pd.DataFrame, *, series: str | None = None,
                 color: str = _BURST_COLOR, alpha: float = 0.25) -> Axes:
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
                       color: str = _CHANGE_COLOR, levels: bool = True) -> Axes:
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
        ax.axvline(at, color=color, linestyle="--", linewidth=1.0,
                   label="change point" if i == 0 else None)
        if levels:
            ax.hlines([row.before, row.after], [row.before_start.start_time, at],
                      [at, row.after_end.end_time], colors=color, linewidth=0.8, alpha=0.6)
    return ax


def annotate_events(ax: Axes, events: pd.DataFrame, *, labels: bool = True,
                    color: str = _EVENT_COLOR, fontsize: float = 6.5, rows: int = 6) -> Axes:
    """Draw each event (from :func:`toolkit.timeline.load_events`) as a dotted line with its label.

    Only events inside the current x range are drawn; each label goes on the highest of
    ``rows`` rows where it does not run into another label. When no row has room, the
    line is drawn without its label (use a wider figure or fewer events).

    Examples
    --------
    >>> from toolkit.timeline import load_events
    >>> fig, ax = plt.subplots()
    >>> _ = ax.plot(pd.to_datetime(["1985-01-01", "1995-01-01"]), [0, 1])
    >>> ax = annotate_events(ax, load_events("sotu"))
    >>> [t.get_text() for t in ax.texts]
    ['Fall of the Berlin Wall', 'Iraq invades Kuwait', 'Dissolution of the Soviet Union']
    """
    import matplotlib.dates as mdates

    lo, hi = ax.get_xlim()
    dates = pd.to_datetime(events["date"])
    x = mdates.date2num(dates.to_numpy())
    inside = (x >= lo) & (x <= hi)
    transform = ax.get_xaxis_transform()
    # place each label on the highest row where it does not run into the previous one
    width_px = max(ax.get_window_extent().width, 1.0)
    # about 0.6 em per character, plus room for the axes to shrink when the layout settles
    per_char = fontsize * 0.6 * 1.25 * ax.figure.dpi / 72 * (hi - lo) / width_px
    rows_end = [-np.inf] * rows
    for when, label in zip(x[inside], events["label"][inside]):
        ax.axvline(when, color=color, linestyle=":", linewidth=0.8, zorder=1)
        if labels:
            width = per_char * (len(label) + 2)
            # near the right edge the label goes to the left of its line
            left = when + width > hi and when - width > lo
            begin, end = (when - width, when) if left else (when, when + width)
            free = [r for r in range(rows) if rows_end[r] < begin]
            if not free:
                continue  # no room: the line stays, the label would only blot out others
            row = free[0]
            rows_end[row] = end
            ax.annotate(label, (when, 0.98 - 0.07 * row), xycoords=transform,
                        xytext=(-2 if left else 2, 0), textcoords="offset points",
                        fontsize=fontsize, color=color, va="top",
                        ha="right" if left else "left", annotation_clip=False, clip_on=True)
    ax.set_xlim(lo, hi)
    return ax


def attention(
    series: pd.DataFrame | pd.Series,
    *,
    columns: Sequence[str] | None = None,
    band: Band | tuple[pd.DataFrame, pd.DataFrame] | None = None,
    bursts: pd.DataFrame | None = None,
    changes: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
    ylabel: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Plot attention over time for several actors (or terms, topics) on one calendar axis.

    Parameters
    ----------
    series
        A period-indexed table from :mod:`toolkit.timeline` (e.g. ``attention``); its
        denominator column ``n_documents`` is never drawn.
    columns
        The columns to draw (default all data columns; keep it to a handful).
    band
        A :class:`~toolkit.timeline.Band` of ``lower`` and ``upper`` tables (e.g. from
        :func:`toolkit.timeline.share_band`), drawn as shaded bands.
    bursts, changes
        Tables from :func:`toolkit.timeline.bursts` and
        :func:`toolkit.timeline.change_points`: bursts are shaded in each line's colour,
        change points drawn as dashed lines.
    events
        An events table (:func:`toolkit.timeline.load_events`) to annotate.
    ylabel
        Label of the y axis (default: from ``series.attrs["value"]``).
    ax
        Axes to draw on; a new figure when None.

    Examples
    --------
    >>> idx = pd.period_range("1988", "1993", freq="Y")
    >>> s = pd.DataFrame({"IRQ": [.1, .2, .9, .8, .3, .2], "KWT": [0, .1, .9, .7, .2, .1]}, index=idx)
    >>> ax = attention(s)
    >>> [line.get_label() for line in ax.get_lines()]
    ['IRQ', 'KWT']
    """
    series = _check_series(series)
    cols = _columns(series, columns)
    lower, upper = band if band is not None else (None, None)
    ax = _axes(ax)
    x = _midpoints(series.index)
    colours = {}
    for col in cols:
        (line,) = ax.plot(x, series[col].to_numpy(dtype=float), label=str(col), linewidth=1.3)
        colours[col] = line.get_color()
        if band is not None:
            ax.fill_between(x, lower[col].to_numpy(dtype=float),
                            upper[col].to_numpy(dtype=float), color=line.get_color(),
                            alpha=0.15, linewidth=0)
    ax.set_xlim(series.index[0].start_time, series.index[-1].end_time)
    drawn = series[cols].to_numpy(dtype=float)
    if band is not None:
        drawn = np.vstack([drawn, upper[cols].to_numpy(dtype=float)])
    finite = drawn[np.isfinite(drawn)]
    if finite.size == 0 or finite.min() >= 0:
        ax.set_ylim(bottom=0)  # shares and counts start at zero; npmi and shifts may not
    if bursts is not None and len(bursts):
        if len(cols) == 1:
            shade_bursts(ax, bursts, series=cols[0], color=colours[cols[0]], alpha=0.18)
        else:
            _burst_strips(ax, bursts, cols, colours, top=float(finite.max()) if finite.size else 1)
    if changes is not None and len(changes):
        for col in cols:
            mark_change_points(ax, changes, series=col, levels=len(cols) == 1)
    value = series.attrs.get("value")
    ax.set_ylabel(ylabel or {"share": "share of documents", "documents": "documents",
                             "mentions": "mentions", "prevalence": "mean topic share"
                             }.get(value, "value"))
    if events is not None and len(events):
        annotate_events(ax, events)
    if len(cols) > 1 or changes is not None:
        # outside the axes, where event labels cannot run into it
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7, frameon=False)
    return ax


def small_multiples(
    series: pd.DataFrame,
    *,
    columns: Sequence[str] | None = None,
    bursts: pd.DataFrame | None = None,
    changes: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
    ncols: int = 3,
    sharey: bool = False,
    axes: np.ndarray | None = None,
) -> np.ndarray:
    """Draw one panel per column, each with its own bursts, change points and events.

    An event is drawn in a panel when it names that panel's actor (events naming no actor
    are drawn nowhere, to keep small panels readable).

    Returns
    -------
    numpy.ndarray
        The panels' Axes (flattened; unused panels are hidden).

    Examples
    --------
    >>> idx = pd.period_range("1988", "1993", freq="Y")
    >>> s = pd.DataFrame({"IRQ": [.1, .2, .9, .8, .3, .2], "KWT": [0, .1, .9, .7, .2, .1],
    ...                   "USA": [.5] * 6}, index=idx)
    >>> axes = small_multiples(s, ncols=2)
    >>> [a.get_title() for a in axes if a.get_visible()]
    ['IRQ', 'KWT', 'USA']
    """
    series = _check_series(series)
    cols = _columns(series, columns)
    check_int("ncols", ncols, minimum=1)
    ncols = min(ncols, max(len(cols), 1))
    nrows = -(-len(cols) // ncols)
    if axes is None:
        _, grid = plt.subplots(nrows, ncols, figsize=(2.6 * ncols + 0.8, 1.9 * nrows + 0.4),
                               sharex=True, sharey=sharey, squeeze=False)
        axes = grid.ravel()
    else:
        axes = np.asarray(axes).ravel()
        if len(axes) < len(cols):
            raise ValueError(f"axes has {len(axes)} panels but {len(cols)} columns are drawn")
    x = _midpoints(series.index)
    for ax, col in zip(axes, cols):
        ax.plot(x, series[col].to_numpy(dtype=float), linewidth=1.1, color="#0072B2")
        if bursts is not None and len(bursts):
            shade_bursts(ax, bursts, series=col)
        if changes is not None and len(changes):
            mark_change_points(ax, changes, series=col)
        ax.set_xlim(series.index[0].start_time, series.index[-1].end_time)
        ax.set_ylim(bottom=0)
        ax.set_title(str(col), fontsize=9)
        if events is not None and len(events):
            mine = events[events["actors"].map(lambda a, c=str(col): c in a)]
            annotate_events(ax, mine, labels=True, fontsize=5.5)
    for ax in axes[len(cols):]:
        ax.set_visible(False)
    return axes


def burst_chart(bursts: pd.DataFrame, *, series: Sequence[str] | None = None,
                events: pd.DataFrame | None = None, ax: Axes | None = None) -> Axes:
    """Draw every burst as a bar on its series' row (darker = stronger): who burst when.

    Examples
    --------
    >>> b = pd.DataFrame({"series": ["KWT", "RWA"], "level": [1, 1],
    ...                   "start": pd.PeriodIndex(["1990", "1994"], freq="Y"),
    ...                   "end": pd.PeriodIndex(["1991", "1994"], freq="Y"),
    ...                   "strength": [80.0, 40.0]})
    >>> ax = burst_chart(b)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['KWT', 'RWA']
    """
    import matplotlib.dates as mdates

    names = list(series) if series is not None else sorted(bursts["series"].unique())
    ax = _axes(ax, size=(7.5, max(2.0, 0.22 * len(names) + 0.8)))
    rows = bursts[(bursts["series"].isin(names)) & (bursts["level"] == 1)]
    top = float(rows["strength"].max()) if len(rows) else 1.0
    cmap = plt.get_cmap("cividis_r")
    where = {name: i for i, name in enumerate(names)}
    for row in rows.itertuples(index=False):
        lo = mdates.date2num(row.start.start_time)
        hi = mdates.date2num(row.end.end_time)
        ax.broken_barh([(lo, hi - lo)], (where[row.series] - 0.4, 0.8),
                       facecolors=cmap(0.25 + 0.75 * row.strength / top))
    ax.set_yticks(range(len(names)), [str(n) for n in names])
    ax.set_ylim(len(names) - 0.5, -0.5)
    ax.xaxis_date()
    if len(rows):
        ax.set_xlim(mdates.date2num(rows["start"].min().start_time) - 365,
                    mdates.date2num(rows["end"].max().end_time) + 365)
    if events is not None and len(events):
        annotate_events(ax, events, labels=False)
    ax.set_xlabel("bursts (darker = stronger)")
    return ax
