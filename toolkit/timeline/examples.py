"""Read a burst before trusting it: a seeded sample of the mentions it is made of."""

from __future__ import annotations

import logging
from typing import Literal

import numpy as np
import pandas as pd

from toolkit._core import DEFAULT_SEED, check_int, random_state
from toolkit._core.calendar import NAT_ORDINAL, period_ordinals
from toolkit.actors import kwic
from toolkit.schemas import validate_corpus, validate_mentions
from toolkit.timeline.binning import document_rows

logger = logging.getLogger(__name__)

__all__ = ["burst_examples"]

_COLUMNS = ["series", "start", "end", "doc_id", "date", "left", "surface", "right"]


def burst_examples(burst_table: pd.DataFrame, mentions: pd.DataFrame, corpus: pd.DataFrame,
                   *, n: int = 3, seed: int = DEFAULT_SEED,
                   level: Literal["actor", "country"] = "country",
                   width: int = 60) -> pd.DataFrame:
    """Draw ``n`` mentions from each burst, in their context, to read what the burst is about.

    A burst says that attention rose; reading a few of its mentions says why (a war, a
    visit, or a word the dictionary mistook for the actor). The mentions are drawn at
    random (seeded: the same seed gives the same sample) from the units of the burst's
    periods, so they are not always the first documents of the period.

    Parameters
    ----------
    burst_table
        Bursts of attention series (:func:`toolkit.timeline.bursts` of
        :func:`toolkit.timeline.attention`): ``series``, ``start``, ``end``.
    mentions, corpus
        The Mentions table and the Corpus table the series was counted from.
    n
        Mentions per burst (fewer when the burst has fewer).
    seed
        Seed of the sample.
    level
        What the series are: actor ids or countries (the ``country`` column).
    width
        Characters of context on each side.

    Returns
    -------
    pandas.DataFrame
        ``series, start, end, doc_id, date, left, surface, right``, by burst then date.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> c = from_frame(pd.DataFrame({"doc_id": ["a", "b", "c"], "date": ["1990-08-02",
    ...     "1990-09-01", "1995-01-01"], "text": ["Iraq invaded.", "Iraq again.", "Iraq."]}))
    >>> m = pd.DataFrame({"doc_id": ["a", "b", "c"], "start": [0, 0, 0], "end": [4, 4, 4],
    ...     "surface": ["Iraq"] * 3, "actor": ["IRQ"] * 3, "rule": ["alias"] * 3,
    ...     "country": ["IRQ"] * 3})
    >>> b = pd.DataFrame({"series": ["IRQ"], "start": [pd.Period("1990", "Y")],
    ...                   "end": [pd.Period("1990", "Y")]})
    >>> burst_examples(b, m, c, n=1, seed=1)[["series", "doc_id", "surface", "right"]]
      series doc_id surface      right
    0    IRQ      a    Iraq   invaded.
    >>> burst_examples(b, m, c, n=2)["doc_id"].tolist()  # 1995 is outside the burst
    ['a', 'b']
    """
    validate_corpus(corpus)
    column = "actor" if level == "actor" else "country"
    validate_mentions(mentions, ["doc_id", "start", "end", "surface", "actor", "rule", column])
    check_int("n", n, minimum=1)
    rng = random_state(seed)
    rows = document_rows(mentions["doc_id"], corpus)
    dates = np.append(corpus["date"].to_numpy(), np.datetime64("NaT"))[rows]
    parts = []
    for burst in burst_table.itertuples(index=False):
        freq = burst.start.freqstr
        ords = period_ordinals(pd.Series(dates), freq=freq)
        inside = ((mentions[column].astype(str) == str(burst.series)).to_numpy()
                  & (ords != NAT_ORDINAL) & (ords >= burst.start.ordinal)
                  & (ords <= burst.end.ordinal))
        where = np.flatnonzero(inside)
        if not len(where):
            continue
        pick = np.sort(rng.choice(where, size=min(n, len(where)), replace=False))
        sample = mentions.iloc[pick]
        context = kwic(sample, corpus, width=width)
        parts.append(pd.DataFrame({
            "series": str(burst.series), "start": burst.start, "end": burst.end,
            "doc_id": context["doc_id"].to_numpy(), "date": dates[pick],
            "left": context["left"].to_numpy(), "surface": context["surface"].to_numpy(),
            "right": context["right"].to_numpy()}))
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in _COLUMNS})
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["series", "start", "date"], kind="stable").reset_index(drop=True)
