"""What the data allow: the K grid of a sweep, and whether a sweep can run at all.

A sweep over K that suits 20,000 paragraphs (10, 20, 30 topics) fails on 50 news
articles, and a held-out split needs documents to hold out. The defaults here come from
the corpus and say why (:func:`num_topics_grid`, :func:`sweep_possible`).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence

import pandas as pd

from toolkit.schemas import validate_corpus

logger = logging.getLogger(__name__)

__all__ = ["MIN_SWEEP_DOCUMENTS", "MIN_SWEEP_UNITS", "NICE_K", "fallback_num_topics",
           "num_topics_grid", "sweep_possible"]

#: A sweep holds out 20% of the documents (whole parents): with fewer than this many there
#: are too few held-out documents to score coherence on.
MIN_SWEEP_DOCUMENTS = 10
#: ... and fewer modelled units (paragraphs) than this leave too little to fit three runs.
MIN_SWEEP_UNITS = 30
#: The values of K a grid is rounded to.
NICE_K: tuple[int, ...] = (2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50)


def _nice(value: float) -> int:
    return min(NICE_K, key=lambda k: (abs(k - value), k))


def num_topics_grid(corpus: pd.DataFrame) -> list[int]:
    """Return the candidate numbers of topics for a corpus, from its size.

    The largest K is ``sqrt(units / 2)`` (units: the paragraphs or documents modelled),
    rounded to a value of :data:`NICE_K` and kept between 2 and 30: about 30 topics
    for 20,000 paragraphs, 10-12 for 300 news stories, 3 for 20 paragraphs. More topics
    than that split themes into fragments a reader cannot tell apart, and each run of the
    sweep trains on 64% of the units (80% of the 80% not held out). The grid is that K,
    two thirds and one third of it, rounded to :data:`NICE_K`.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> def corpus(n):
    ...     return from_frame(pd.DataFrame({"text": ["a text"] * n}))
    >>> num_topics_grid(corpus(21_683)), num_topics_grid(corpus(300)), num_topics_grid(corpus(20))
    ([10, 20, 30], [4, 8, 12], [2, 3])
    """
    validate_corpus(corpus)
    top = max(2, min(30, _nice(math.sqrt(len(corpus) / 2))))
    grid = sorted({max(2, _nice(top / 3)), max(2, _nice(2 * top / 3)), top})
    return grid


def fallback_num_topics(grid: Sequence[int]) -> int:
    """Return the K of the one model fitted when no sweep can run: the grid's middle value
    (the lower of the two middle values of an even grid).

    Examples
    --------
    >>> fallback_num_topics([4, 8, 12]), fallback_num_topics([2, 3])
    (8, 2)
    """
    grid = sorted(int(k) for k in grid)
    return grid[(len(grid) - 1) // 2]


def sweep_possible(corpus: pd.DataFrame) -> tuple[bool, str]:
    """Say whether a corpus can be swept over K, and if not, why (one sentence).

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> ok, why = sweep_possible(from_frame(pd.DataFrame({"text": ["a text"] * 13})))
    >>> ok, why
    (False, 'a sweep holds out 20% of the documents and needs at least 10 documents and 30 paragraphs or documents to model; this corpus has 13 documents (13 documents modelled whole)')
    """
    validate_corpus(corpus)
    groups = corpus["parent_id"] if "parent_id" in corpus.columns else corpus["doc_id"]
    n_docs, n_units = int(groups.nunique()), len(corpus)
    if n_docs >= MIN_SWEEP_DOCUMENTS and n_units >= MIN_SWEEP_UNITS:
        return True, ""
    units = "paragraphs" if "parent_id" in corpus.columns else "documents modelled whole"
    return False, (f"a sweep holds out 20% of the documents and needs at least "
                   f"{MIN_SWEEP_DOCUMENTS} documents and {MIN_SWEEP_UNITS} paragraphs or "
                   f"documents to model; this corpus has {n_docs} "
                   f"document{'s' if n_docs != 1 else ''} ({n_units} {units})")
