"""Figures of covariate effects on topic prevalence (:mod:`toolkit.topics.effects`).

Each function takes a table of expected topic shares (:func:`toolkit.topics.effects.
effect_curve` or :attr:`~toolkit.topics.effects.Effects.table`) and ``ax=None``, returns
the ``Axes``, and attaches a caption (:func:`toolkit.style.set_caption`) saying what the
shares are averaged over and where the intervals come from, read from the table's
``attrs``. One topic keeps one colour (:func:`toolkit.style.topic_color`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from toolkit._core import check_choice, check_columns
from toolkit.style import set_caption, topic_color

__all__ = ["effect_curve", "effects"]

_COLUMNS = ["topic", "covariate", "value", "estimate", "lower", "upper"]
_FROM = "toolkit.topics.effects output (effect_curve or Effects.table)"


def _label(topic: int, labels: Mapping[int, str] | pd.Series | None) -> str:
    if labels is not None and topic in labels:
        return str(labels[topic])
    return f"topic {topic}"


def _topics(table: pd.DataFrame, topics: Sequence[int] | None) -> list[int]:
    present = list(dict.fromkeys(int(t) for t in table["topic"]))
    if topics is None:
        return present
    for t in topics:
        check_choice("topics entry", t, present)
    return [int(t) for t in topics]


def _method(attrs: Mapping[str, Any]) -> str:
    """The sentence of a caption that says where the intervals come from."""
    if not attrs:
        return "Intervals as given in the table."
    level = f"{100 * attrs['level']:g}%"
    if attrs.get("uncertainty") == "global":
        how = (f"{level} intervals from {attrs['n_sims']} draws of every document's topic "
               f"shares from their posterior x {attrs['n_draws']} coefficient draws each "
               "(method of composition, as stm's estimateEffect)")
    else:
        how = f"{level} intervals of the regression on the point estimates of the shares"
    cluster = attrs.get("cluster")
    se = f"; standard errors clustered by {cluster}" if cluster else ""
    return (f"Linear regression of the shares on {attrs['spec']} over "
            f"{attrs['n_documents']:,} documents; {how}{se}.")


def effect_curve(curve: pd.DataFrame, *, topics: Sequence[int] | None = None,
                 labels: Mapping[int, str] | pd.Series | None = None,
                 ax: Axes | None = None) -> Axes:
    """Plot expected topic shares along a covariate (e.g. a smooth of date), with bands.

    Parameters
    ----------
    curve
        :func:`toolkit.topics.effects.effect_curve` output.
    topics
        Topics to draw (default: all in ``curve``).
    labels
        Legend text per topic.

    Examples
    --------
    >>> c = pd.DataFrame({"topic": [0, 0, 1, 1], "covariate": "year",
    ...                   "value": [2000.0, 2010.0] * 2, "estimate": [.2, .4, .8, .6],
    ...                   "lower": [.1, .3, .7, .5], "upper": [.3, .5, .9, .7]})
    >>> ax = effect_curve(c)
    >>> len(ax.get_lines()), ax.get_xlabel()  # two topics and the zero line
    (3, 'year')
    """
    check_columns(curve, _COLUMNS, name="curve", expected=_FROM)
    chosen = _topics(curve, topics)
    if ax is None:
        _, ax = plt.subplots(figsize=(7.0, 3.6))
    for t in chosen:
        rows = curve[curve["topic"] == t]
        x = rows["value"].to_numpy()
        color = topic_color(t)
        ax.plot(x, rows["estimate"].to_numpy(), color=color, linewidth=1.4,
                label=_label(t, labels))
        ax.fill_between(x, rows["lower"].to_numpy(float), rows["upper"].to_numpy(float),
                        color=color, alpha=0.2, linewidth=0)
    covariate = str(curve["covariate"].iloc[0]) if len(curve) else ""
    if len(curve) and pd.api.types.is_datetime64_any_dtype(curve["value"]):
        # short labels ("Dec", "05", "09" under "2001-Dec"): full dates every few days
        # ran into each other at a month's end ("2001-12-29" beside "2002-01-01")
        locator = mdates.AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.axhline(0, color="0.6", linewidth=0.6, zorder=0)
    ax.set_xlabel(covariate)
    ax.set_ylabel("expected share of documents")
    if len(chosen) > 1 or labels is not None:
        ax.legend(fontsize="x-small", loc="upper left", ncol=2)
    names = ", ".join(str(t) for t in chosen)
    set_caption(ax, f"Expected share of topic{'s' if len(chosen) > 1 else ''} {names} by "
                f"{covariate}, other covariates as observed (the average prediction over "
                f"the documents). " + _method(curve.attrs))
    return ax


def effects(table: pd.DataFrame, covariate: str, *, topics: Sequence[int] | None = None,
            labels: Mapping[int, str] | pd.Series | None = None,
            ax: Axes | None = None) -> Axes:
    """Plot expected topic shares per value of a covariate (e.g. party), with intervals.

    One row per value, one marker per topic (offset vertically when several topics).

    Parameters
    ----------
    table
        :attr:`toolkit.topics.effects.Effects.table`.
    covariate
        Which covariate's rows to draw.
    topics
        Topics to draw (default: all in ``table``).
    labels
        Legend text per topic.

    Examples
    --------
    >>> t = pd.DataFrame({"topic": [0, 0], "covariate": "party", "value": ["D", "R"],
    ...                   "estimate": [.2, .4], "lower": [.1, .3], "upper": [.3, .5]})
    >>> [x.get_text() for x in effects(t, "party").get_yticklabels()]
    ['D', 'R']
    """
    check_columns(table, _COLUMNS, name="table", expected=_FROM)
    check_choice("covariate", covariate, list(dict.fromkeys(table["covariate"])))
    rows = table[table["covariate"] == covariate]
    chosen = _topics(rows, topics)
    values = list(dict.fromkeys(rows["value"]))
    if ax is None:
        _, ax = plt.subplots(figsize=(6.5, 0.35 * len(values) * max(1, len(chosen) ** 0.5) + 1.2))
    step = 0.7 / max(len(chosen), 1)
    for i, t in enumerate(chosen):
        part = rows[rows["topic"] == t].set_index("value").reindex(values)
        y = np.arange(len(values)) + (i - (len(chosen) - 1) / 2) * step
        est = part["estimate"].to_numpy(float)
        err = np.vstack([est - part["lower"].to_numpy(float), part["upper"].to_numpy(float) - est])
        ax.errorbar(est, y, xerr=np.maximum(err, 0), fmt="o", markersize=4, capsize=2,
                    color=topic_color(t), label=_label(t, labels))
    ax.set_yticks(range(len(values)), [str(v) for v in values])
    ax.set_ylim(len(values) - 0.5, -0.5)
    ax.set_xlabel("expected share of documents")
    ax.set_ylabel(covariate)
    if len(chosen) > 1 or labels is not None:
        ax.legend(fontsize="x-small", loc="best")
    names = ", ".join(str(t) for t in chosen)
    set_caption(ax, f"Expected share of topic{'s' if len(chosen) > 1 else ''} {names} per "
                f"{covariate}, other covariates as observed (the average prediction over "
                f"the documents). " + _method(table.attrs))
    return ax
