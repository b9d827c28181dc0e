"""The keyness figure: the terms or actors most over-used by a target group, and by its reference.

:func:`keyness` draws the table of :func:`toolkit.actors.keyness` as quanteda's
``textplot_keyness`` does: horizontal bars of the signed score, the target's key features
on top (one colour), the reference's below (another), the count of each beside its bar.
It takes ``ax=None`` and returns the ``Axes``, and shows or saves nothing.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from toolkit._core import check_choice, check_columns, check_int
from toolkit.actors import KEYNESS_COLUMNS
from toolkit.style import PALETTE, set_caption

__all__ = ["keyness"]

_MEASURE_NAMES = {"chi2": "signed chi-squared (Yates)", "g2": "signed G2 (Williams)",
                  "log_ratio": "log ratio (log2 of the ratio of relative frequencies)"}


def keyness(table: pd.DataFrame, *, n: int = 15, measure: str = "chi2",
            labels: tuple[str, str] = ("target", "reference"), what: str = "terms",
            ax: Axes | None = None) -> Axes:
    """Plot the ``n`` most key features of the target and of the reference.

    Parameters
    ----------
    table
        A keyness table from :func:`toolkit.actors.keyness`.
    n
        Features per side (fewer when fewer are key on that side).
    measure
        The bar length: ``"chi2"``, ``"g2"`` or ``"log_ratio"``.
    labels
        Names of the two groups, for the legend and caption ("2014-2016", "before").
    what
        What the features are, for the caption ("terms", "actors").
    ax
        Axes to draw on (default: a new figure).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from toolkit.actors import keyness as key
    >>> from toolkit.corpus import from_frame
    >>> from toolkit.style import get_caption
    >>> c = from_frame(pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [
    ...     "oil oil war", "oil peace", "trade trade peace"]}))
    >>> table = key(c, ["a", "b"], tokens=[t.split() for t in c["text"]], min_count=1)
    >>> ax = keyness(table, n=2, measure="log_ratio", labels=("energy", "trade"))
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['oil', 'war', 'peace', 'trade']
    >>> get_caption(ax).split(":")[0]
    'Keyness of terms in energy against trade'
    >>> plt.close(ax.figure)
    """
    check_columns(table, KEYNESS_COLUMNS, name="table",
                  expected="a keyness table from toolkit.actors.keyness")
    check_int("n", n, minimum=1)
    check_choice("measure", measure, tuple(_MEASURE_NAMES))
    score = table[measure].to_numpy(dtype=float)
    order = np.argsort(-score, kind="mergesort")
    top = [i for i in order if score[i] > 0][:n]
    bottom = [i for i in order[::-1] if score[i] < 0][:n][::-1]
    rows = top + bottom
    if ax is None:
        _, ax = plt.subplots(figsize=(6.4, 1.2 + 0.26 * max(len(rows), 1)))
    y = np.arange(len(rows))[::-1]
    colors = [PALETTE[0]] * len(top) + [PALETTE[1]] * len(bottom)
    ax.barh(y, score[rows], color=colors, height=0.7)
    ax.set_yticks(y, [str(table["feature"].iloc[i]) for i in rows])
    ax.axvline(0, color="#555555", linewidth=0.8)
    for yy, i in zip(y, rows):
        count = table["n_target"].iloc[i] if score[i] > 0 else table["n_reference"].iloc[i]
        ax.annotate(f"{int(count)}", (score[i], yy), xytext=(3 if score[i] > 0 else -3, 0),
                    textcoords="offset points", va="center", fontsize=7, color="#555555",
                    ha="left" if score[i] > 0 else "right")
    ax.set_xlabel(_MEASURE_NAMES[measure])
    handles = [plt.Rectangle((0, 0), 1, 1, color=PALETTE[k]) for k in (0, 1)]
    ax.legend(handles, list(labels), loc="lower right", frameon=False, fontsize=8)
    set_caption(ax, f"Keyness of {what} in {labels[0]} against {labels[1]}: the {len(top)} "
                    f"most over-represented in {labels[0]} (top) and {len(bottom)} in "
                    f"{labels[1]} (bottom), by {_MEASURE_NAMES[measure]}; the number beside a "
                    f"bar is its count in that group. Features: {len(table)} seen at least "
                    "the minimum count (toolkit.actors.keyness, after quanteda's "
                    "textstat_keyness).")
    return ax
