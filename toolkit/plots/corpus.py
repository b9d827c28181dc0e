"""Figures of the corpus overview: volume over time, sources, document lengths.

Each function takes its data and ``ax=None`` and returns the matplotlib ``Axes``; none
shows or saves anything (save through :func:`toolkit.figures.save`).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import LogFormatter, MaxNLocator

from toolkit._core.checks import check_choice, check_int
from toolkit.plots.marks import time_label
from toolkit.schemas import validate_corpus
from toolkit.style import set_caption

__all__ = ["documents_over_time", "documents_by_source", "length_distribution"]


def _axes(ax: Axes | None, size: tuple[float, float] = (7.0, 3.2)) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=size)
    return ax


def documents_over_time(periods: pd.DataFrame, *, column: str = "documents",
                        ax: Axes | None = None) -> Axes:
    """Plot documents (or words) per calendar period, empty periods drawn as zero.

    Parameters
    ----------
    periods
        The ``"periods"`` table of :func:`toolkit.corpus.summary` (PeriodIndex rows).
    column
        ``"documents"`` or ``"words"``.
    ax
        Axes to draw on; a new figure when None.

    Examples
    --------
    >>> from toolkit.corpus import load, summary
    >>> ax = documents_over_time(summary(load("sample"), duplicates=False)["periods"])
    >>> ax.get_ylabel()
    'documents'
    """
    check_choice("column", column, list(periods.columns))
    ax = _axes(ax)
    is_period = isinstance(periods.index, pd.PeriodIndex)
    x = periods.index.to_timestamp() if is_period else periods.index
    values = periods[column].to_numpy()
    if len(values) > 60:  # many periods: a step line reads better than thin bars
        ax.step(x, values, where="post", linewidth=1.2)
        ax.fill_between(x, values, step="post", alpha=0.25)
    else:
        # positions and labels, not strings as x: matplotlib's category axis logs that
        # labels like "2001-12-01" or "1990" could be dates or numbers, twice per figure
        positions = np.arange(len(values))
        ax.bar(positions, values)
        ax.set_xticks(positions, [str(p) for p in periods.index])
        if len(values) > 12:
            ax.tick_params(axis="x", labelrotation=90)
            step = -(-len(values) // 30)  # at most about 30 labels
            for k, label in enumerate(ax.get_xticklabels()):
                label.set_visible(k % step == 0)
    period = time_label(periods.index.freqstr) if is_period else "period"
    ax.set_ylabel(column)
    ax.set_xlabel(period)
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    empty = int((values == 0).sum())
    span = (f" from {periods.index[0]} to {periods.index[-1]}" if len(periods) else "")
    set_caption(ax, f"{column[0].upper() + column[1:]} per {period}{span}; "
                    f"N = {int(values.sum()):,} {column}"
                + (f"; {empty} {period}s without any, drawn as zero" if empty else "") + ".")
    return ax


def documents_by_source(sources: pd.DataFrame, *, top: int = 20,
                        ax: Axes | None = None) -> Axes:
    """Plot the number of documents of the ``top`` largest sources as horizontal bars.

    Examples
    --------
    >>> from toolkit.corpus import load, summary
    >>> ax = documents_by_source(summary(load("sample"), duplicates=False)["sources"])
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['web news (seed article)']
    >>> documents_by_source(summary(load("sample"), duplicates=False)["sources"], top=0)
    Traceback (most recent call last):
    ...
    ValueError: top=0 is invalid; must be an integer >= 1
    """
    check_int("top", top, minimum=1)
    data = sources.sort_values(["documents"], ascending=False, kind="stable").head(top)
    ax = _axes(ax, (7.0, 0.35 * len(data) + 1.2))
    labels = [str(s) if str(s) else "(no source)" for s in data.index]
    positions = np.arange(len(labels))  # not labels as y: see documents_over_time
    ax.barh(positions, data["documents"].to_numpy()[::-1])
    ax.set_yticks(positions, labels[::-1])
    ax.set_xlabel("documents")
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    total = int(sources["documents"].sum())
    set_caption(ax, f"Documents per source, the {len(data)} largest of {len(sources)} "
                    f"sources; N = {total:,} documents.")
    return ax


class _PlainLog(LogFormatter):
    """Log-axis tick labels as plain numbers (``1,000``, ``200``); the same ticks labelled as
    matplotlib's default log formatter, without its TeX math (``$10^{3}$``)."""

    def _num_to_string(self, x: float, vmin: float, vmax: float) -> str:
        # four significant digits, as the default's 4.834x10^2 (a narrow axis needs them)
        digits = np.format_float_positional(x, precision=4, fractional=False, trim="-")
        whole, _, fraction = digits.partition(".")
        return f"{int(whole):,}" + (f".{fraction}" if fraction else "")


def length_distribution(corpus: pd.DataFrame, *, bins: int = 40,
                        ax: Axes | None = None) -> Axes:
    """Plot the distribution of document lengths in words, on a logarithmic axis.

    Examples
    --------
    >>> from toolkit.corpus import load
    >>> length_distribution(load("sample")).get_xlabel()
    'words per document (log scale)'
    """
    validate_corpus(corpus)
    check_int("bins", bins, minimum=1)
    words = corpus["text"].str.count(r"\S+").to_numpy()
    words = words[words > 0]
    ax = _axes(ax)
    lo, hi = max(words.min(), 1), max(words.max(), 2)
    edges = np.geomspace(lo, hi * 1.0001, bins + 1) if hi > lo else bins
    ax.hist(words, bins=edges)
    ax.set_xscale("log")
    # plain numbers ("1,000"), not 10^3: the house style writes text as given, not TeX math
    ax.xaxis.set_major_formatter(_PlainLog())
    ax.xaxis.set_minor_formatter(_PlainLog(labelOnlyBase=False))
    median = float(np.median(words))
    ax.axvline(median, color="0.2", linestyle="--", linewidth=1,
               label=f"median: {median:,.0f} words")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    ax.set_xlabel("words per document (log scale)")
    ax.set_ylabel("documents")
    set_caption(ax, f"Length of the {len(words):,} non-empty documents in words (runs of "
                    f"non-space characters), {bins} logarithmic bins; dashed line: the median "
                    f"({median:,.0f} words).")
    return ax
