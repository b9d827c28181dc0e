"""Figures of topic models: the sweep, top terms, the intertopic map, prevalence.

Each function takes its data (the tables of :mod:`toolkit.topics`) and ``ax=None`` (or
``axes=None`` for panels) and returns what it drew on; none shows or saves anything
(save through :func:`toolkit.figures.save`). Topic ids are the model's, persistent across
K and periods once aligned (:func:`toolkit.topics.align`), and one topic keeps one colour
in every figure (:func:`toolkit.style.topic_color`). Each figure carries a caption
(:func:`toolkit.style.set_caption`): what is shown, the unit, N and the method. Layout
rules: one quantity per y axis (no twin axes), legends and labels off the data, one band
per panel.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from toolkit._core import check_columns, check_int
from toolkit.plots.layout import place_labels, separate_discs
from toolkit.plots.marks import readable_band, time_label
from toolkit.schemas import N_DOCUMENTS
from toolkit.style import MUTED, panel_title, set_caption, topic_color

__all__ = ["prevalence", "prevalence_by", "sweep", "top_terms", "topic_map"]

#: Widest figure (inches): a journal's full text width.
_WIDTH = 7.2


def _label(topic: int, labels: Mapping[int, str] | pd.Series | None) -> str:
    return str(labels[topic]) if labels is not None and topic in labels else f"topic {topic}"


def sweep(table: pd.DataFrame, *, chosen: int | None = None, min_stability: float | None = 0.6,
          note: str = "", axes: Sequence[Axes] | None = None) -> np.ndarray:
    """Plot held-out coherence (top panel) and stability and diversity (bottom) against K.

    One scale per panel: NPMI with its zero line; stability and diversity on [0, 1] with
    the stability rule dotted. When no K reaches the rule, or NPMI is negative for every
    K, the panel says so in words.

    Parameters
    ----------
    table
        :attr:`toolkit.topics.Sweep.table` (index ``num_topics``).
    chosen
        The K used, marked in both panels and named above the top one.
    min_stability
        The stability rule's threshold (``None``: no line).
    note
        Appended to the caption (e.g. :attr:`toolkit.topics.Sweep.reason`).
    axes
        Two Axes to draw on (default: a new figure).

    Returns
    -------
    numpy.ndarray
        The two Axes.

    Examples
    --------
    >>> t = pd.DataFrame({"c_npmi": [0.05, 0.08], "c_npmi_sd": [0.01, 0.01],
    ...                   "stability": [0.9, 0.7], "diversity": [0.95, 0.8]},
    ...                  index=pd.Index([5, 10], name="num_topics"))
    >>> [ax.get_ylabel() for ax in sweep(t, chosen=10)]
    ['held-out NPMI', 'overlap (0-1)']
    """
    check_columns(table, ["c_npmi", "stability", "diversity"], name="table",
                  expected="the table of a sweep (toolkit.topics.sweep(...).table)")
    if axes is None:
        fig, axes = plt.subplots(2, 1, figsize=(5.6, 4.4), sharex=True, layout="constrained")
    top, bottom = axes
    k = table.index.to_numpy()
    npmi = table["c_npmi"].to_numpy(dtype=float)
    err = table["c_npmi_sd"].fillna(0).to_numpy() if "c_npmi_sd" in table else None
    top.errorbar(k, npmi, yerr=err, marker="o", color=topic_color(0), capsize=3, linewidth=1.3)
    top.axhline(0, color=MUTED, linewidth=0.8, zorder=0)
    top.set_ylabel("held-out NPMI")
    stab = table["stability"].to_numpy(dtype=float)
    bottom.plot(k, stab, marker="s", color=topic_color(1), linewidth=1.3,
                label="stability across 80% subsamples and seeds")
    bottom.plot(k, table["diversity"], marker="^", linestyle="--", color=topic_color(2),
                linewidth=1.1, label="topic diversity")
    bottom.set(ylim=(0, 1.05), ylabel="overlap (0-1)", xlabel="number of topics K", xticks=k)
    messages = []  # what the rule could not find, said on the figure and in the caption
    if min_stability is not None:
        bottom.axhline(min_stability, color="#444444", linestyle=":", linewidth=1.0,
                       label=f"stability rule ({min_stability:g})")
        if np.isfinite(stab).any() and not (stab >= min_stability).any():
            messages.append(f"no K reaches the stability rule of {min_stability:g}")
            panel_title(bottom, f"no K reaches stability {min_stability:g}", loc="right",
                        fontsize="x-small", color="#444444")
    if np.isfinite(npmi).any() and (npmi[np.isfinite(npmi)] < 0).all():
        panel_title(top, "NPMI < 0 for every K", loc="right", fontsize="x-small", color="#444444")
        messages.append("held-out NPMI is negative for every K")
    if chosen is not None:
        for ax in axes:
            ax.axvline(chosen, color=MUTED, linestyle="-", linewidth=4, alpha=0.35, zorder=0)
        # above the panel, never on an error bar
        panel_title(top, f"K used: {chosen}", loc="left", fontsize="small")
    bottom.legend(loc="upper center", bbox_to_anchor=(0.5, -0.32), ncol=3, fontsize="x-small",
                  frameon=False)
    pad = 0.5 * (np.diff(k).min() if len(k) > 1 else 1)
    bottom.set_xlim(k.min() - pad, k.max() + pad)
    caption = ("Choosing the number of topics K. Top: held-out NPMI coherence of each "
               "topic's 10 most probable terms (window 10, on held-out documents), mean and "
               "sd over runs. Bottom: stability, the mean Hungarian-matched Jaccard overlap "
               "of top-10 term sets between runs fitted on different 80% subsamples with "
               "different seeds; diversity, the share of distinct terms among all topics' "
               "top 25.")
    if min_stability is not None:
        caption += f" Dotted: the rule's stability threshold ({min_stability:g})."
    if chosen is not None:
        caption += f" Grey band: the K used ({chosen})."
    if messages:
        said = "; ".join(messages)
        caption += f" {said[0].upper()}{said[1:]}."
    set_caption(top, caption + (f" {note.strip()}" if note and note.strip() else ""))
    return np.asarray(axes)


def top_terms(terms: pd.DataFrame, *, labels: Mapping[int, str] | pd.Series | None = None,
              ax: Axes | None = None) -> Axes:
    """Draw every topic's top terms as one row of cells shaded by the term's weight.

    A term too long for its cell is set in a smaller type until it fits.

    Parameters
    ----------
    terms
        :func:`toolkit.topics.top_terms` or :func:`~toolkit.topics.frex_terms` output.
    labels
        Row label per topic (:func:`toolkit.topics.labels`); default ``"topic <id>"``.

    Examples
    --------
    >>> t = pd.DataFrame({"topic": [0, 0, 1, 1], "rank": [0, 1, 0, 1],
    ...                   "term": ["war", "peace", "trade", "market"],
    ...                   "weight": [0.2, 0.1, 0.3, 0.1]})
    >>> [x.get_text() for x in top_terms(t).get_yticklabels()]
    ['topic 0', 'topic 1']
    """
    check_columns(terms, ["topic", "rank", "term", "weight"], name="terms",
                  expected="toolkit.topics.top_terms() or frex_terms() output")
    topics = sorted(terms["topic"].unique())
    n = int(terms["rank"].max()) + 1
    if ax is None:
        _, ax = plt.subplots(figsize=(_WIDTH, 0.27 * len(topics) + 0.9), layout="constrained")
    for row, t in enumerate(topics):
        g = terms[terms["topic"] == t].sort_values("rank")
        w = g["weight"].to_numpy(dtype=float)
        shade = w / w.max() if w.max() > 0 else w
        for r, term, s in zip(g["rank"], g["term"], shade):
            ax.add_patch(plt.Rectangle((r, row - 0.45), 0.96, 0.9, color=topic_color(t),
                                       alpha=0.12 + 0.55 * float(s), linewidth=0))
            ax.text(r + 0.48, row, str(term), ha="center", va="center", fontsize=6.5)
    ax.set_xlim(0, n)
    ax.set_ylim(len(topics) - 0.5, -0.5)
    ax.set_yticks(range(len(topics)), [_label(t, labels) for t in topics], fontsize=6.5)
    ax.set_xticks(np.arange(n) + 0.48, [str(i + 1) for i in range(n)], fontsize=6.5)
    ax.set_xlabel("rank of term within the topic")
    ax.tick_params(length=0)
    ax.spines[:].set_visible(False)
    ax.grid(False)
    _fit_texts(ax)
    set_caption(ax, f"The {n} top terms of each of {len(topics)} topics, one row per topic "
                "(label: topic id and its most distinctive terms); cell shade: the term's "
                "weight relative to the topic's first term.")
    return ax


def _fit_texts(ax: Axes) -> None:
    """Shrink every text drawn in a data cell until it fits its cell's width."""
    fig = ax.figure
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    cell = abs(ax.transData.transform((0.92, 0))[0] - ax.transData.transform((0, 0))[0])
    for text in ax.texts:
        width = text.get_window_extent(renderer).width
        if width > cell:
            text.set_fontsize(max(3.5, text.get_fontsize() * cell / width))


def topic_map(tmap: pd.DataFrame, *, labels: Mapping[int, str] | pd.Series | None = None,
              ax: Axes | None = None) -> Axes:
    """Plot the intertopic distance map: topics as discs sized by prevalence, labelled.

    Discs that would overlap are nudged apart, each gets its label beside it (a label
    without room is left out, counted in the caption), and a legend gives disc sizes.

    Parameters
    ----------
    tmap
        :func:`toolkit.topics.topic_map` output (``x``, ``y``, ``prevalence`` by topic).
    labels
        Text beside each disc (default: the topic id).

    Examples
    --------
    >>> m = pd.DataFrame({"x": [0.0, 0.3], "y": [0.1, -0.1], "prevalence": [0.6, 0.4]},
    ...                  index=pd.Index([0, 1], name="topic"))
    >>> topic_map(m).get_xlabel()
    'MDS dimension 1 (Jensen-Shannon)'
    """
    check_columns(tmap, ["x", "y", "prevalence"], name="tmap",
                  expected="toolkit.topics.topic_map() output")
    if ax is None:
        _, ax = plt.subplots(figsize=(6.0, 5.4), layout="constrained")
    share = tmap["prevalence"].to_numpy(dtype=float)
    scale = 900.0 / max(share.max(), 1e-12)  # marker area (pt^2) per unit of share
    discs = ax.scatter(tmap["x"], tmap["y"], s=scale * share, c=[topic_color(t) for t in tmap.index],
               alpha=0.5, edgecolors="0.25", linewidths=0.6, zorder=2)
    ax.set_xlabel("MDS dimension 1 (Jensen-Shannon)")
    ax.set_ylabel("MDS dimension 2")
    ax.axhline(0, color="0.88", linewidth=0.6, zorder=0)
    ax.axvline(0, color="0.88", linewidth=0.6, zorder=0)
    pad = 0.25 * max(np.ptp(tmap["x"]), np.ptp(tmap["y"]), 1e-3)
    ax.set_xlim(tmap["x"].min() - pad, tmap["x"].max() + pad)
    ax.set_ylim(tmap["y"].min() - pad, tmap["y"].max() + pad)
    nice = np.array([0.01, 0.02, 0.05, 0.1, 0.2, 0.5])
    refs = sorted({float(nice[np.argmin(abs(nice - v))]) for v in
                   np.quantile(share, [0.25, 1.0]) if v > 0})
    handles = [ax.scatter([], [], s=scale * v, color="white", edgecolors="0.25",
                          linewidths=0.6, label=f"{v:.0%}") for v in refs]
    legend = ax.legend(handles=handles, title="share of the corpus", loc="upper left",
                       bbox_to_anchor=(1.01, 1.0), fontsize="x-small", title_fontsize="x-small",
                       labelspacing=2.8, borderpad=1.6, handletextpad=2.2, frameon=False)
    radii = np.sqrt(scale * share / np.pi) * ax.figure.dpi / 72
    xy, nudge = tmap[["x", "y"]].to_numpy(dtype=float), 0.0
    if len(xy) > 1:  # no disc hides another: overlapping discs are nudged apart on the page
        ax.figure.draw_without_rendering()
        ax.set(xlim=ax.get_xlim(), ylim=ax.get_ylim())
        page = ax.transData.transform(xy)
        moved = separate_discs(page, radii)
        nudge = float(np.hypot(*(moved - page).T).max())
        xy = ax.transData.inverted().transform(moved)
        discs.set_offsets(xy)
    order = np.argsort(-share, kind="stable")  # the largest topics get the best spots
    texts = [str(t) if labels is None else _label(int(t), labels) for t in tmap.index]
    placed = place_labels(ax, xy[order], [texts[i] for i in order],
                          radii=radii[order], obstacles=[legend], fontsize=6.5, rings=60)
    missing = sum(p is None for p in placed)
    caption = (f"Intertopic distances: {len(tmap)} topics placed by classical "
               "multidimensional scaling of the Jensen-Shannon distances between their word "
               "distributions; disc area proportional to the topic's share of the corpus.")
    if missing:
        caption += f" {missing} labels without room are left out."
    if nudge > 0.5:
        caption += (f" Overlapping discs are nudged apart (by at most {nudge / ax.figure.dpi:.2f}"
                    " in on the page), so positions are approximate.")
    set_caption(ax, caption)
    return ax


def _topic_stats(prev: pd.DataFrame, name: str) -> pd.DataFrame:
    """The ``(topic, stat)`` columns of a prevalence table, or raise saying what it is not."""
    if not isinstance(prev.columns, pd.MultiIndex) or \
            "share" not in prev.columns.get_level_values(-1):
        raise ValueError(f"{name} must be toolkit.topics.{name}() output, with (topic, stat) "
                         "columns")
    return prev.drop(columns=N_DOCUMENTS, level=0) if N_DOCUMENTS in prev.columns else prev


def prevalence(prev: pd.DataFrame, *, topics: Sequence[int] | None = None,
               labels: Mapping[int, str] | pd.Series | None = None, ncols: int = 3,
               axes: Sequence[Axes] | None = None) -> np.ndarray:
    """Plot topic shares over time, one panel per topic with its bootstrap band.

    Panels share the y scale, so shares compare across topics. Periods without documents
    (``n_documents`` of 0) are left as gaps.

    Parameters
    ----------
    prev
        :func:`toolkit.topics.prevalence` output (PeriodIndex rows, ``(topic, stat)``
        columns with ``stat`` in ``share``, ``lower``, ``upper``, and ``n_documents``).
    topics
        Topics to draw (default: the six most prevalent overall).
    labels
        Panel title per topic (:func:`toolkit.topics.labels`).
    ncols
        Panels per row.
    axes
        Axes to draw on, one per topic (default: a new figure).

    Returns
    -------
    numpy.ndarray
        The panels' Axes (flattened; unused panels are hidden).

    Examples
    --------
    >>> idx = pd.period_range("2001", "2003", freq="Y", name="period")
    >>> cols = pd.MultiIndex.from_product([[0, 1], ["share", "lower", "upper"]])
    >>> p = pd.DataFrame([[.6, .5, .7, .4, .3, .5]] * 3, index=idx, columns=cols)
    >>> p[("n_documents", "")] = [4, 0, 3]
    >>> [len(ax.get_lines()) for ax in prevalence(p) if ax.get_visible()]
    [1, 1]
    """
    stats = _topic_stats(prev, "prevalence")
    shares = stats.xs("share", axis=1, level=1)
    if topics is None:
        topics = list(shares.mean().sort_values(ascending=False, kind="stable").index[:6])
    unknown = [t for t in topics if t not in shares.columns]
    if unknown:
        raise ValueError(f"topics={list(topics)!r} is invalid; {unknown} not in "
                         f"{list(shares.columns)}")
    check_int("ncols", ncols, minimum=1)
    ncols = min(ncols, max(len(topics), 1))
    nrows = -(-len(topics) // ncols)
    if axes is None:
        _, grid = plt.subplots(nrows, ncols, figsize=(_WIDTH, 1.75 * nrows + 0.7), sharex=True,
                               sharey=True, squeeze=False, layout="constrained")
        axes = grid.ravel()
    axes = np.asarray(axes).ravel()
    if len(axes) < len(topics):
        raise ValueError(f"axes has {len(axes)} panels but {len(topics)} topics are drawn")
    x = prev.index.to_timestamp() if isinstance(prev.index, pd.PeriodIndex) else prev.index
    # periods without documents are zero in the table but gaps in the figure: a drop to
    # zero would read as a topic falling silent
    empty = (prev[N_DOCUMENTS].to_numpy() == 0) if N_DOCUMENTS in prev.columns \
        else np.zeros(len(prev), dtype=bool)
    height = float(np.nanmax(shares[list(topics)].to_numpy(dtype=float), initial=0.0))
    top, banded = height, 0
    for ax, t in zip(axes, topics):
        share, lower, upper = (stats[(t, s)].mask(empty) for s in ("share", "lower", "upper"))
        # a band filling much of the (shared) scale hides the line and reads as data
        if readable_band(np.r_[share, height], np.r_[lower, height], np.r_[upper, height],
                         documents=np.r_[~empty, False]):
            ax.fill_between(x, lower, upper, color=topic_color(t), alpha=0.22, linewidth=0)
            banded += 1
            top = max(top, float(np.nanmax(upper.to_numpy(dtype=float), initial=0.0)))
        ax.plot(x, share, color=topic_color(t), linewidth=1.4, marker=".", markersize=3)
        panel_title(ax, _label(t, labels), fontsize=7, loc="left", color="#222222")
        # narrow panels: few date ticks, so that their labels never run into each other
        locator = mdates.AutoDateLocator(minticks=2, maxticks=4)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    for ax in axes[len(topics):]:
        ax.set_visible(False)
    axes[0].set_ylim(0, top * 1.05 if top > 0 else 1)
    unit = prev.attrs.get("unit", "documents")
    fig = axes[0].figure
    fig.supylabel(f"share of {unit}", fontsize=8)
    fig.supxlabel(time_label(prev.attrs.get("freq") or getattr(prev.index, "freqstr", None)),
                  fontsize=8)
    n_boot, level = prev.attrs.get("n_boot"), prev.attrs.get("level", 0.95)
    band = (f"shaded: {level:.0%} bootstrap interval ({n_boot} resamples of whole documents, "
            "then paragraphs within them)" if n_boot else "no interval")
    if n_boot and banded < len(topics):
        band += (f"; interval not drawn in {len(topics) - banded} of {len(topics)} panels, "
                 "where it would fill the panel (few units per period)")
    n = int(prev[N_DOCUMENTS].sum()) if N_DOCUMENTS in prev.columns else None
    set_caption(fig, f"Topic prevalence: the mean share of each topic over the {unit} of "
                f"each period ({'' if n is None else f'{n:,} {unit}; '}{band}); one panel per "
                "topic, all on one scale; gaps: periods without documents.")
    return axes


def prevalence_by(prev: pd.DataFrame, topic: int, *, label: str | None = None,
                  sort: bool = True, ax: Axes | None = None) -> Axes:
    """Plot one topic's share per covariate value with its confidence interval.

    Parameters
    ----------
    prev
        :func:`toolkit.topics.prevalence_by` output.
    topic
        The topic to draw.
    label
        The topic's label, for the x axis (default ``"topic <id>"``).
    sort
        Order groups by share, largest on top (else as in the table).

    Examples
    --------
    >>> cols = pd.MultiIndex.from_product([[0], ["share", "lower", "upper"]])
    >>> p = pd.DataFrame([[.2, .1, .3], [.6, .5, .7]], index=pd.Index(["a", "b"], name="party"),
    ...                  columns=cols)
    >>> [t.get_text() for t in prevalence_by(p, 0).get_yticklabels()]
    ['b', 'a']
    """
    stats = _topic_stats(prev, "prevalence_by")
    if (topic, "share") not in stats.columns:
        raise ValueError(f"topic={topic!r} is invalid; must be one of "
                         f"{list(dict.fromkeys(stats.columns.get_level_values(0)))}")
    share = stats[(topic, "share")]
    order = share.sort_values(ascending=False, kind="stable").index if sort else share.index
    rows = stats.loc[order]
    if ax is None:
        _, ax = plt.subplots(figsize=(5.6, 0.28 * len(rows) + 1.1), layout="constrained")
    y = np.arange(len(rows))
    values = rows[(topic, "share")].to_numpy(dtype=float)
    err = np.vstack([values - rows[(topic, "lower")].to_numpy(dtype=float),
                     rows[(topic, "upper")].to_numpy(dtype=float) - values])
    ax.errorbar(values, y, xerr=np.maximum(err, 0), fmt="o", color=topic_color(topic),
                capsize=2)
    counts = prev.loc[order, N_DOCUMENTS].to_numpy() if N_DOCUMENTS in prev.columns else None
    ticks = [str(v) if counts is None else f"{v} (n={int(c):,})"
             for v, c in zip(rows.index, counts if counts is not None else rows.index)]
    ax.set_yticks(y, ticks, fontsize=7)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    unit = prev.attrs.get("unit", "documents")
    ax.set_xlabel(f"share of {unit}: {label or f'topic {topic}'}", fontsize=7.5)
    ax.set_ylabel(prev.index.name or "")
    ax.set_xlim(left=0)
    n_boot, level = prev.attrs.get("n_boot"), prev.attrs.get("level", 0.95)
    set_caption(ax, f"Share of topic {topic} by {prev.index.name or 'group'}: the mean "
                f"proportion of the topic over each group's {unit} (n per group in brackets), "
                + (f"with a {level:.0%} bootstrap interval ({n_boot} resamples of whole "
                   "documents)" if n_boot else "without interval")
                + ("; groups sorted by share." if sort else "."))
    return ax
