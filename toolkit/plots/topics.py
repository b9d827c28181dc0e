"""Figures of topic models: the sweep, top terms, the intertopic map, prevalence.

Each function takes its data (the tables of :mod:`toolkit.topics`) and ``ax=None`` and
returns the matplotlib ``Axes``; none shows or saves anything (save through
:func:`toolkit.figures.save`). Topic ids are the model's (0 = most prevalent), and one
topic keeps one colour in every figure (``tab20`` by id).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from toolkit._core import check_columns
from toolkit.schemas import N_DOCUMENTS
from toolkit.style import topic_color

__all__ = ["prevalence", "prevalence_by", "sweep", "top_terms", "topic_map"]


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=size)
    return ax


def _label(topic: int, labels: Mapping[int, str] | pd.Series | None) -> str:
    if labels is not None and topic in labels:
        return str(labels[topic])
    return f"topic {topic}"


def sweep(table: pd.DataFrame, *, chosen: int | None = None, ax: Axes | None = None) -> Axes:
    """Plot held-out coherence, stability and diversity against the number of topics.

    Parameters
    ----------
    table
        :attr:`toolkit.topics.Sweep.table` (index ``num_topics``).
    chosen
        The K picked (:attr:`Sweep.chosen`), marked by a vertical line.
    ax
        Axes for the coherence (left scale); stability and diversity share a right scale
        in [0, 1].

    Examples
    --------
    >>> t = pd.DataFrame({"c_npmi": [0.05, 0.08], "c_npmi_sd": [0.01, 0.01],
    ...                   "stability": [0.9, 0.7], "diversity": [0.95, 0.8]},
    ...                  index=pd.Index([5, 10], name="num_topics"))
    >>> sweep(t, chosen=10).get_ylabel()
    'held-out NPMI coherence'
    """
    check_columns(table, ["c_npmi", "stability", "diversity"], name="table",
                  expected="the table of a sweep (toolkit.topics.sweep(...).table)")
    ax = _axes(ax, (6.0, 3.4))
    k = table.index.to_numpy()
    err = table["c_npmi_sd"].fillna(0).to_numpy() if "c_npmi_sd" in table else None
    ax.errorbar(k, table["c_npmi"], yerr=err, marker="o", color="C0", capsize=3,
                label="NPMI (held out)")
    ax.set_xlabel("number of topics K")
    ax.set_ylabel("held-out NPMI coherence")
    ax.set_xticks(k)
    right = ax.twinx()
    right.plot(k, table["stability"], marker="s", color="C1", label="stability across seeds")
    right.plot(k, table["diversity"], marker="^", linestyle="--", color="C2",
               label="topic diversity")
    right.set_ylim(0, 1.05)
    right.set_ylabel("stability, diversity")
    right.grid(False)  # one set of grid lines (the left axis') is enough
    if chosen is not None:
        ax.axvline(chosen, color="0.4", linestyle=":", linewidth=1)
        last = chosen == max(k)  # at the right edge the label goes left of the line
        ax.annotate(f"chosen K = {chosen}", (chosen, 0.0),
                    xycoords=("data", "axes fraction"), xytext=(-4 if last else 4, 6),
                    textcoords="offset points", ha="right" if last else "left",
                    fontsize="small")
    handles = ax.get_legend_handles_labels()[0] + right.get_legend_handles_labels()[0]
    # below the axes: inside, it always hides one of the three curves somewhere
    ax.legend(handles, [h.get_label() for h in handles], loc="upper center",
              bbox_to_anchor=(0.5, -0.18), ncol=3, fontsize="small", frameon=False)
    return ax


def top_terms(terms: pd.DataFrame, *, labels: Mapping[int, str] | pd.Series | None = None,
              ax: Axes | None = None) -> Axes:
    """Draw every topic's top terms as one row of cells shaded by the term's weight.

    Parameters
    ----------
    terms
        :func:`toolkit.topics.top_terms` or :func:`~toolkit.topics.frex_terms` output.
    labels
        Optional name per topic for the row labels (e.g. guided topic names).

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
    ax = _axes(ax, (1.15 * n + 1.2, 0.32 * len(topics) + 0.8))
    for row, t in enumerate(topics):
        g = terms[terms["topic"] == t].sort_values("rank")
        w = g["weight"].to_numpy()
        shade = w / w.max() if w.max() > 0 else w
        color = topic_color(t)
        for (_, r), s in zip(g.iterrows(), shade):
            ax.add_patch(plt.Rectangle((r["rank"], row - 0.45), 0.96, 0.9, color=color,
                                       alpha=0.15 + 0.6 * float(s), linewidth=0))
            ax.text(r["rank"] + 0.48, row, r["term"], ha="center", va="center",
                    fontsize="x-small")
    ax.set_xlim(0, n)
    ax.set_ylim(len(topics) - 0.5, -0.5)
    ax.set_yticks(range(len(topics)), [_label(t, labels) for t in topics])
    ax.set_xticks(np.arange(n) + 0.48, [str(i + 1) for i in range(n)])
    ax.set_xlabel("rank of term")
    ax.tick_params(length=0)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    ax.grid(False)
    return ax


def topic_map(tmap: pd.DataFrame, *, labels: Mapping[int, str] | pd.Series | None = None,
              ax: Axes | None = None) -> Axes:
    """Plot the intertopic distance map: topics as discs sized by prevalence.

    Parameters
    ----------
    tmap
        :func:`toolkit.topics.topic_map` output (``x``, ``y``, ``prevalence`` by topic).
    labels
        Text next to each disc (default: the topic id).

    Examples
    --------
    >>> m = pd.DataFrame({"x": [0.0, 0.3], "y": [0.1, -0.1], "prevalence": [0.6, 0.4]},
    ...                  index=pd.Index([0, 1], name="topic"))
    >>> topic_map(m).get_xlabel()
    'MDS dimension 1 (Jensen-Shannon)'
    """
    check_columns(tmap, ["x", "y", "prevalence"], name="tmap",
                  expected="toolkit.topics.topic_map() output")
    ax = _axes(ax, (5.5, 5.0))
    size = 3000 * tmap["prevalence"] / max(tmap["prevalence"].max(), 1e-12)
    ax.scatter(tmap["x"], tmap["y"], s=size, c=[topic_color(t) for t in tmap.index],
               alpha=0.55, edgecolors="0.3", linewidths=0.5)
    for t, r in tmap.iterrows():
        text = str(t) if labels is None else _label(int(t), labels)
        ax.annotate(text, (r["x"], r["y"]), ha="center", va="center", fontsize="x-small")
    ax.set_xlabel("MDS dimension 1 (Jensen-Shannon)")
    ax.set_ylabel("MDS dimension 2")
    ax.axhline(0, color="0.85", linewidth=0.6, zorder=0)
    ax.axvline(0, color="0.85", linewidth=0.6, zorder=0)
    pad = 0.15 * max(np.ptp(tmap["x"]), np.ptp(tmap["y"]), 1e-3)
    ax.set_xlim(tmap["x"].min() - pad, tmap["x"].max() + pad)
    ax.set_ylim(tmap["y"].min() - pad, tmap["y"].max() + pad)
    return ax


def _topic_stats(prev: pd.DataFrame, name: str) -> pd.DataFrame:
    """The ``(topic, stat)`` columns of a prevalence table, or raise saying what it is not."""
    if not isinstance(prev.columns, pd.MultiIndex) or \
            "share" not in prev.columns.get_level_values(-1):
        raise ValueError(f"{name} must be toolkit.topics.{name}() output, with (topic, stat) "
                         "columns")
    return prev.drop(columns=N_DOCUMENTS, level=0) if N_DOCUMENTS in prev.columns else prev


def prevalence(prev: pd.DataFrame, *, topics: Sequence[int] | None = None,
               labels: Mapping[int, str] | pd.Series | None = None,
               ax: Axes | None = None) -> Axes:
    """Plot topic shares over time with their bootstrap confidence bands.

    Periods without documents (``n_documents`` of 0) are left as gaps.

    Parameters
    ----------
    prev
        :func:`toolkit.topics.prevalence` output (PeriodIndex rows, ``(topic, stat)``
        columns with ``stat`` in ``share``, ``lower``, ``upper``, and ``n_documents``).
    topics
        Topics to draw (default: the six most prevalent overall).
    labels
        Legend text per topic.

    Examples
    --------
    >>> idx = pd.period_range("2001", "2003", freq="Y", name="period")
    >>> cols = pd.MultiIndex.from_product([[0, 1], ["share", "lower", "upper"]])
    >>> p = pd.DataFrame([[.6, .5, .7, .4, .3, .5]] * 3, index=idx, columns=cols)
    >>> p[("n_documents", "")] = [4, 0, 3]
    >>> len(prevalence(p).get_lines())
    2
    """
    stats = _topic_stats(prev, "prevalence")
    shares = stats.xs("share", axis=1, level=1)
    if topics is None:
        topics = list(shares.mean().sort_values(ascending=False, kind="stable").index[:6])
    unknown = [t for t in topics if t not in shares.columns]
    if unknown:
        raise ValueError(f"topics={list(topics)!r} is invalid; {unknown} not in "
                         f"{list(shares.columns)}")
    ax = _axes(ax, (7.0, 3.6))
    x = prev.index.to_timestamp() if isinstance(prev.index, pd.PeriodIndex) else prev.index
    # periods without documents are zero in the table but gaps in the figure: a drop to
    # zero would read as a topic falling silent
    empty = (prev[N_DOCUMENTS].to_numpy() == 0) if N_DOCUMENTS in prev.columns \
        else np.zeros(len(prev), dtype=bool)
    for t in topics:
        color = topic_color(t)
        share, lower, upper = (stats[(t, s)].mask(empty) for s in ("share", "lower", "upper"))
        ax.plot(x, share, color=color, label=_label(t, labels), linewidth=1.4, marker=".")
        ax.fill_between(x, lower, upper, color=color, alpha=0.2, linewidth=0)
    ax.set_ylabel("share of documents")
    ax.set_xlabel(prev.index.name or "period")
    ax.set_ylim(bottom=0)
    ax.legend(fontsize="x-small", loc="upper left", ncol=2)
    return ax


def prevalence_by(prev: pd.DataFrame, topic: int, *, ax: Axes | None = None) -> Axes:
    """Plot one topic's share per covariate value with its confidence interval.

    Parameters
    ----------
    prev
        :func:`toolkit.topics.prevalence_by` output.
    topic
        The topic to draw.

    Examples
    --------
    >>> cols = pd.MultiIndex.from_product([[0], ["share", "lower", "upper"]])
    >>> p = pd.DataFrame([[.6, .5, .7], [.2, .1, .3]], index=pd.Index(["a", "b"], name="party"),
    ...                  columns=cols)
    >>> prevalence_by(p, 0).get_ylabel()
    'party'
    """
    stats = _topic_stats(prev, "prevalence_by")
    if (topic, "share") not in stats.columns:
        raise ValueError(f"topic={topic!r} is invalid; must be one of "
                         f"{list(dict.fromkeys(stats.columns.get_level_values(0)))}")
    ax = _axes(ax, (5.0, 0.3 * len(prev) + 1.0))
    y = np.arange(len(prev))
    share = stats[(topic, "share")].to_numpy()
    err = np.vstack([share - stats[(topic, "lower")].to_numpy(),
                     stats[(topic, "upper")].to_numpy() - share])
    ax.errorbar(share, y, xerr=np.maximum(err, 0), fmt="o", color=topic_color(topic), capsize=2)
    ax.set_yticks(y, [str(v) for v in prev.index])
    ax.set_ylim(len(prev) - 0.5, -0.5)
    ax.set_xlabel(f"share of topic {topic}")
    ax.set_ylabel(prev.index.name or "")
    return ax
