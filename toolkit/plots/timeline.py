"""Figures of attention over time: series, bursts, change points, events, source mix, pairs.

Data and ``ax=None`` (``axes=None`` for grids) in, Axes out; nothing shown or saved. The
x axis is a calendar (values at the middle of their period, events on their date). Each
actor keeps its colour (:func:`toolkit.style.actor_colors`); a band is drawn for one
series at a time and only when readable (:func:`toolkit.plots.marks.readable_band`);
bursts are a pale stroke under their line; event labels sit in rows above the data and an
event without room for its label is not drawn (:func:`toolkit.plots.marks.event_rows`);
the caption (:func:`toolkit.style.set_caption`) says what was left out.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from toolkit._core import check_int
from toolkit.plots.marks import (_VALUE_LABELS, _axes, _check_series, _columns, _composition,
                                 _events_note, _largest_changes, _midpoints, _spans, _stacked,
                                 _thin_note, _unit, annotate_events, burst_halo, event_rows,
                                 mark_change_points, readable_band, shade_bursts, thin_periods,
                                 time_label)
from toolkit.schemas import N_DOCUMENTS, validate_series
from toolkit.style import MUTED, actor_colors, panel_title, set_caption
from toolkit.timeline import Band

__all__ = ["attention", "burst_chart", "pair", "small_multiples"]

_CHANGE_COLOR = "#333333"


def attention(
    series: pd.DataFrame | pd.Series,
    *,
    columns: Sequence[str] | None = None,
    band: Band | tuple[pd.DataFrame, pd.DataFrame] | None = None,
    bursts: pd.DataFrame | None = None,
    changes: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
    ylabel: str | None = None,
    max_changes: int | None = 3,
    ax: Axes | None = None,
) -> Axes:
    """Plot attention over time for a few actors (or terms, topics) on one calendar axis.

    Parameters
    ----------
    series
        A period-indexed table from :mod:`toolkit.timeline` (e.g. ``attention``); its
        denominator column ``n_documents`` is never drawn. A table whose columns split
        each period (rows sum to 1, e.g. :func:`toolkit.timeline.source_mix`) is drawn
        stacked: one line would only mirror the other.
    columns
        The columns to draw (default all data columns; keep it to a handful).
    band
        A :class:`~toolkit.timeline.Band` (e.g. :func:`toolkit.timeline.share_band`),
        drawn only for a single series and only when readable (on average at most 30% of
        the plot's height); with several series use :func:`small_multiples`.
    bursts, changes
        Tables from :func:`toolkit.timeline.bursts` and
        :func:`toolkit.timeline.change_points`: bursts are a pale thick stroke under
        their line, change points dashed lines (the ``max_changes`` largest shifts per
        series; None: all).
    events
        An events table (:func:`toolkit.timeline.load_events`) to annotate.
    ylabel
        Label of the y axis (default: from ``series.attrs["value"]``).
    max_changes
        Most change points drawn per series.
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
    check_int("max_changes", max_changes, minimum=0, allow_none=True)
    ax = _axes(ax)
    ax.set_xlim(series.index[0].start_time, series.index[-1].end_time)
    ax.set_xlabel(time_label(series.index.freqstr))
    if _composition(series, cols):
        _stacked(series, cols, ax)
        ax.set_ylabel(ylabel or f"share of {_unit(series)}s")
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7.5, frameon=False)
        if events is not None and len(events):
            annotate_events(ax, events)
        return ax
    x = _midpoints(series.index)
    colours = actor_colors([str(c) for c in cols])
    thin = thin_periods(series)
    drawn = np.where(thin[:, None], np.nan, series[cols].to_numpy(dtype=float))
    n_docs = series[N_DOCUMENTS].to_numpy() if N_DOCUMENTS in series else None
    notes = _thin_note(series, thin)
    for i, col in enumerate(cols):
        values = drawn[:, i]
        colour = colours[str(col)]
        ax.plot(x, values, label=str(col), linewidth=1.4, color=colour, zorder=2)
        if band is not None and len(cols) == 1:
            lower, upper = (np.where(thin, np.nan, np.asarray(b[col], dtype=float))
                            for b in band)
            if readable_band(values, lower, upper, documents=n_docs):
                ax.fill_between(x, lower, upper, color=colour, alpha=0.18, linewidth=0,
                                zorder=1)
                notes.append("shaded: 95% Wilson interval")
            else:
                notes.append("95% band not drawn: on average it would span over 30% of the "
                             "plot's height")
    for i, col in enumerate(cols):  # after the series, so that ax.get_lines() starts with them
        burst_halo(ax, x, drawn[:, i], _spans(bursts, col), colours[str(col)])
        found = _largest_changes(changes, col, max_changes)
        if found is not None and len(found):
            mark_change_points(ax, found, levels=len(cols) == 1, label=None,
                               color=colours[str(col)] if len(cols) > 1 else _CHANGE_COLOR)
    if band is not None and len(cols) > 1:
        notes.append("95% bands not drawn with several series (see the small multiples)")
    finite = drawn[np.isfinite(drawn)]
    if finite.size and finite.min() >= 0:  # shares and counts start at zero
        ax.set_ylim(0, max(float(finite.max()) * 1.05, 1e-9))
    value = series.attrs.get("value")
    ax.set_ylabel(ylabel or _VALUE_LABELS.get(value, "value").format(unit=_unit(series)))
    handles, labels = ax.get_legend_handles_labels()
    if bursts is not None and len(bursts):
        handles.append(plt.Line2D([], [], color=MUTED, alpha=0.5, linewidth=6))
        labels.append("burst")
        notes.append("thick pale stroke: Kleinberg burst")
    if changes is not None and len(changes):
        handles.append(plt.Line2D([], [], color=_CHANGE_COLOR, linestyle="--", linewidth=0.9))
        labels.append("change point")
        notes.append("dashed: change points (PELT)"
                     + (f", the {max_changes} largest shifts per series"
                        if max_changes is not None else ""))
    if len(handles) > 1:
        ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7.5,
                  frameon=False)
    n = int(series[N_DOCUMENTS].sum()) if N_DOCUMENTS in series else None
    what = _VALUE_LABELS.get(value, "value").format(unit=_unit(series))
    set_caption(ax, f"{what[0].upper() + what[1:]} per {time_label(series.index.freqstr)} "
                    f"for {', '.join(map(str, cols))}"
                + (f"; N = {n:,} {_unit(series)}s" if n is not None else "")
                + (f"; {'; '.join(notes)}" if notes else "") + ".")
    if events is not None and len(events):
        annotate_events(ax, events)
    return ax


def small_multiples(
    series: pd.DataFrame,
    *,
    columns: Sequence[str] | None = None,
    band: Band | tuple[pd.DataFrame, pd.DataFrame] | None = None,
    bursts: pd.DataFrame | None = None,
    changes: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
    ncols: int = 3,
    sharey: bool = False,
    max_changes: int | None = 3,
    axes: np.ndarray | None = None,
) -> np.ndarray:
    """Draw one panel per column, each with its band, bursts, largest change points, events.

    An event is drawn in a panel when it names that panel's actor, with its label in the
    panel (or not at all, when there is no room). Without ``sharey`` each panel has its
    own y scale, and the figure says so.

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
    import matplotlib.dates as mdates

    series = _check_series(series)
    cols = _columns(series, columns)
    check_int("ncols", ncols, minimum=1)
    check_int("max_changes", max_changes, minimum=0, allow_none=True)
    ncols = min(ncols, max(len(cols), 1))
    nrows = -(-len(cols) // ncols)
    if axes is None:
        fig, grid = plt.subplots(nrows, ncols, figsize=(2.7 * ncols + 0.9, 1.9 * nrows + 0.6),
                                 sharex=True, sharey=sharey, squeeze=False)
        axes = grid.ravel()
    else:
        axes = np.asarray(axes).ravel()
        if len(axes) < len(cols):
            raise ValueError(f"axes has {len(axes)} panels but {len(cols)} columns are drawn")
        fig = axes[0].figure
    x = _midpoints(series.index)
    # the first eight as in attention(); past the palette, each its own colour
    colours = dict(zip(map(str, cols), actor_colors([str(c) for c in cols]).values()))
    colours.update({str(c): actor_colors([str(c)])[str(c)] for c in cols[8:]})
    n_docs = series[N_DOCUMENTS].to_numpy() if N_DOCUMENTS in series else None
    banded = drawn_events = left_events = 0
    thin = thin_periods(series)
    for ax, col in zip(axes, cols):
        values = np.where(thin, np.nan, series[col].to_numpy(dtype=float))
        ax.plot(x, values, linewidth=1.1, color=colours[str(col)], zorder=2)
        if band is not None:
            lower, upper = (np.where(thin, np.nan, np.asarray(b[col], dtype=float))
                            for b in band)
            if readable_band(values, lower, upper, documents=n_docs):
                ax.fill_between(x, lower, upper, color=colours[str(col)], alpha=0.12,
                                linewidth=0, zorder=1)
                banded += 1
        if bursts is not None and len(bursts):
            shade_bursts(ax, bursts[bursts.get("level", 1) == 1] if "level" in bursts
                         else bursts, series=col, color=MUTED, alpha=0.22)
        found = _largest_changes(changes, col, max_changes)
        if found is not None and len(found):
            mark_change_points(ax, found)
        ax.set_xlim(series.index[0].start_time, series.index[-1].end_time)
        # narrow panels: few date ticks, so their labels never run into each other
        locator = mdates.AutoDateLocator(minticks=2, maxticks=4)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        finite = values[np.isfinite(values)]
        ax.set_ylim(0, max(float(finite.max()) * 1.08, 1e-9) if finite.size else 1)
        panel_title(ax, str(col), fontsize=9)
    for ax in axes[len(cols):]:
        ax.set_visible(False)
    value = series.attrs.get("value")
    what = _VALUE_LABELS.get(value, "value").format(unit=_unit(series))
    import textwrap  # wrapped to the figure's height: a longer vertical label is cut off

    per_line = max(12, int(fig.get_figheight() * 72 * 0.85 / (8.5 * 0.62)))
    fig.supylabel(textwrap.fill(what + ("" if sharey else " (each panel on its own scale)"),
                                per_line), fontsize=8.5)
    fig.supxlabel(time_label(series.index.freqstr), fontsize=8.5)
    if events is not None and len(events):
        fig.draw_without_rendering()  # one layout for every panel's labels
        for ax, col in zip(axes, cols):
            mine = events[events["actors"].map(lambda a, c=str(col): c in a)]
            if len(mine):
                d, left = event_rows(ax, mine, rows=2, fontsize=5.5, layout=False)
                drawn_events, left_events = drawn_events + d, left_events + left
    notes = [f"{what[0].upper() + what[1:]} per {time_label(series.index.freqstr)}, one panel "
             f"per series" + ("" if sharey else ", each on its own y scale"),
             *_thin_note(series, thin)]
    if band is not None:
        notes.append(f"shaded: 95% Wilson interval ({banded} of {len(cols)} panels; not drawn "
                     "where on average it would span over 30% of the panel's height)")
    if bursts is not None and len(bursts):
        notes.append("grey spans: Kleinberg bursts")
    if changes is not None and len(changes):
        notes.append("dashed: change points (PELT)" + (
            f", the {max_changes} largest shifts per panel" if max_changes is not None else ""))
    set_caption(fig, "; ".join(notes) + ".")
    _events_note(axes[0], drawn_events, left_events)
    return axes


def burst_chart(bursts: pd.DataFrame, *, series: Sequence[str] | None = None,
                events: pd.DataFrame | None = None, ax: Axes | None = None) -> Axes:
    """Draw every burst as a bar on its series' row, coloured by strength: who burst when.

    Examples
    --------
    >>> b = pd.DataFrame({"series": ["KWT", "RWA"], "level": [1, 1],
    ...                   "start": pd.PeriodIndex(["1990", "1994"], freq="Y"),
    ...                   "end": pd.PeriodIndex(["1991", "1994"], freq="Y"),
    ...                   "strength": [80.0, 40.0]})
    >>> ax = burst_chart(b)
    >>> [t.get_text() for t in ax.get_yticklabels()], ax.get_xlabel()
    (['KWT', 'RWA'], 'year')
    """
    import matplotlib.dates as mdates
    from matplotlib.cm import ScalarMappable
    from matplotlib.colors import Normalize

    names = list(series) if series is not None else sorted(bursts["series"].unique())
    ax = _axes(ax, size=(7.5, max(2.0, 0.22 * len(names) + 0.8)))
    rows = bursts[(bursts["series"].isin(names)) & (bursts["level"] == 1)]
    top = float(rows["strength"].max()) if len(rows) else 1.0
    cmap = plt.get_cmap("cividis_r")
    norm = Normalize(0, top)
    where = {name: i for i, name in enumerate(names)}
    for row in rows.itertuples(index=False):
        lo = mdates.date2num(row.start.start_time)
        hi = mdates.date2num(row.end.end_time)
        ax.broken_barh([(lo, hi - lo)], (where[row.series] - 0.4, 0.8),
                       facecolors=cmap(norm(row.strength)))
    ax.set_yticks(range(len(names)), [str(n) for n in names])
    ax.set_ylim(len(names) - 0.5, -0.5)
    ax.grid(axis="y", visible=False)
    ax.xaxis_date()
    freq = rows["start"].iloc[0].freqstr if len(rows) else "Y"
    if len(rows):
        pad = 0.02 * (mdates.date2num(rows["end"].max().end_time)
                      - mdates.date2num(rows["start"].min().start_time))
        ax.set_xlim(mdates.date2num(rows["start"].min().start_time) - pad,
                    mdates.date2num(rows["end"].max().end_time) + pad)
    ax.set_xlabel(time_label(freq))
    ax.figure.colorbar(ScalarMappable(norm, cmap), ax=ax, shrink=0.9, pad=0.01,
                       label="burst strength")
    set_caption(ax, f"Kleinberg bursts (level 1) of {len(names)} series, {len(rows)} bursts; "
                    "colour: strength (the cost saved by the burst state).")
    if events is not None and len(events):
        annotate_events(ax, events, rows=3)
    return ax


def pair(together: pd.DataFrame, *, events: pd.DataFrame | None = None,
         measure: str = "npmi", axes: np.ndarray | None = None) -> np.ndarray:
    """Draw one pair's association over time with its uncertainty, and the counts behind it.

    The upper panel is ``measure`` (from :func:`toolkit.timeline.pair_series`) with a 95%
    band: the measure recomputed at the ends of the exact Poisson interval of ``n_ab``
    (the units naming both), the other counts held fixed; periods with fewer than five
    such units are drawn as open circles. The lower panel is ``n_ab`` itself. Only events
    naming one of the two actors are drawn.

    Returns
    -------
    numpy.ndarray
        The two Axes (measure, counts).

    Examples
    --------
    >>> idx = pd.period_range("2001", "2004", freq="Y")
    >>> t = pd.DataFrame({"n_ab": [1, 6, 9, 0], "n_a": [9, 20, 30, 5], "n_b": [5, 9, 12, 4],
    ...                   "n": [100, 120, 150, 90]}, index=idx)
    >>> t["npmi"] = [0.3, 0.5, 0.55, np.nan]
    >>> t.attrs = {"a": "CHN", "b": "RUS", "unit": "sentence", "window": 1}
    >>> top, bottom = pair(t)
    >>> top.get_ylabel(), bottom.get_ylabel()
    ('npmi', 'sentences\\nwith both')
    """
    from scipy import stats

    from toolkit.network import measures

    validate_series(together[[c for c in together.columns if c != N_DOCUMENTS]])
    a, b = together.attrs.get("a", "a"), together.attrs.get("b", "b")
    unit = together.attrs.get("unit", "unit")
    window = int(together.attrs.get("window", 1))
    if axes is None:
        fig, axes = plt.subplots(2, 1, figsize=(9, 3.8), sharex=True,
                                 gridspec_kw={"height_ratios": [3, 1]})
    top, bottom = np.asarray(axes).ravel()[:2]
    x = _midpoints(together.index)
    n_ab = together["n_ab"].to_numpy(dtype=float)
    value = together[measure].to_numpy(dtype=float)
    lo_n = np.where(n_ab > 0, stats.chi2.ppf(0.025, 2 * n_ab) / 2, 0.0)
    hi_n = stats.chi2.ppf(0.975, 2 * (n_ab + 1)) / 2
    args = [together[c].to_numpy(dtype=float) for c in ("n_a", "n_b", "n")]
    with np.errstate(divide="ignore", invalid="ignore"):
        hi_n = np.minimum(hi_n, np.minimum(args[0], args[1]))
        bounds = [np.asarray(measures(k, *args[:2], np.maximum(args[2], 1))[measure], float)
                  for k in (np.maximum(lo_n, 1e-9), np.maximum(hi_n, 1e-9))]
    lower, upper = np.fmin(*bounds), np.fmax(*bounds)
    lower = np.where(np.isfinite(value), lower, np.nan)
    upper = np.where(np.isfinite(value), upper, np.nan)
    colour = actor_colors([a])[a]
    top.fill_between(x, lower, upper, color=colour, alpha=0.18, linewidth=0)
    top.plot(x, value, color=colour, linewidth=1.4)
    few = (n_ab < 5) & np.isfinite(value)
    top.plot(x[few], value[few], linestyle="", marker="o", markersize=3.5,
             markerfacecolor="white", markeredgecolor=colour)
    top.axhline(0, color="#999999", linewidth=0.6)
    top.set_ylabel(measure)
    top.set_xlim(together.index[0].start_time, together.index[-1].end_time)
    bottom.bar(x, n_ab, width=(together.index.end_time - together.index.start_time) * 0.9,
               color=MUTED, linewidth=0)
    bottom.set_ylabel(f"{unit}s\nwith both", fontsize=8)
    bottom.yaxis.set_major_locator(MaxNLocator(nbins=3, integer=True))  # counts: no 2.5
    bottom.set_xlabel(time_label(together.index.freqstr))
    windows = f"rolling windows of {window} periods" if window > 1 else "each period"
    set_caption(top, f"{a} and {b} named in the same {unit}: {measure} over {windows}, "
                     f"with a 95% band from the Poisson interval of the {unit}s naming both "
                     f"(open circles: fewer than five); lower panel: those {unit}s in "
                     f"each window (at most {int(np.nanmax(n_ab, initial=0)):,}).")
    if events is not None and len(events):
        mine = events[events["actors"].map(lambda e: bool({a, b} & set(e)))]
        annotate_events(top, mine, rows=3)
    return np.array([top, bottom])
