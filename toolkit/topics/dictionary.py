"""The vocabulary of a topic model: gensim's dictionary filters, and the words every speech uses.

Used by :class:`toolkit.topics.TopicModel`, which documents the parameters.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence

from gensim.corpora import Dictionary

logger = logging.getLogger(__name__)

__all__ = ["build_dictionary", "drop_ubiquitous"]


def build_dictionary(docs: Sequence[Sequence[str]], *, no_below: int, no_above: float,
                     keep_n: int, keep: Collection[str] = (),
                     parents: Sequence[str] | None = None,
                     no_above_parent: float | None = None) -> Dictionary:
    """Build the filtered dictionary of token lists.

    Terms in fewer than ``no_below`` documents or more than ``no_above`` of them are
    dropped (:meth:`gensim.corpora.Dictionary.filter_extremes`, ``keep_n`` most frequent
    at most), then, with ``parents`` and ``no_above_parent``, the terms of more than that
    share of the parent documents (:func:`drop_ubiquitous`). Words in ``keep`` (the seed
    words of guided topics) survive every filter: the researcher asked for them.

    Examples
    --------
    >>> docs = [["war", "peace", "un"], ["trade", "un"], ["war", "un"], ["trade", "un"]]
    >>> d = build_dictionary(docs, no_below=1, no_above=0.9, keep_n=100)
    >>> sorted(d.token2id)
    ['peace', 'trade', 'war']
    """
    dictionary = Dictionary(docs)
    before = len(dictionary)
    protected = sorted(set(keep))
    dictionary.filter_extremes(no_below=no_below, no_above=no_above, keep_n=keep_n,
                               keep_tokens=protected or None)
    logger.info("dictionary: kept %d of %d terms (no_below=%d, no_above=%.2f, keep_n=%d)",
                len(dictionary), before, no_below, no_above, keep_n)
    if len(dictionary) < 2:
        raise ValueError(f"only {len(dictionary)} terms left after filter_extremes("
                         f"no_below={no_below}, no_above={no_above}); lower no_below or raise "
                         "no_above")
    if parents is not None and no_above_parent is not None:
        drop_ubiquitous(dictionary, docs, parents, no_above_parent, keep=protected)
    return dictionary


def drop_ubiquitous(dictionary: Dictionary, docs: Sequence[Sequence[str]],
                    parents: Sequence[str], share: float, *, keep: Collection[str] = ()
                    ) -> list[str]:
    """Remove, in place, the terms used in more than ``share`` of the parent documents.

    Paragraphs are the documents of a topic model, but the words nearly every *speech*
    uses ("country", "world", "united", "nations", "peace" in UN debates) are spread
    thinly over its paragraphs and pass ``no_above``; counted per parent they stand out.
    Nothing is removed with fewer than two parents.

    Returns
    -------
    list of str
        The terms removed.

    Examples
    --------
    >>> docs = [["peace", "war"], ["peace", "trade"], ["peace", "sea"], ["war"]]
    >>> d = Dictionary(docs)
    >>> drop_ubiquitous(d, docs, ["a", "b", "c", "c"], 0.8)
    ['peace']
    >>> sorted(d.token2id)
    ['sea', 'trade', 'war']
    """
    parents = list(parents)
    if len(parents) != len(docs):
        raise ValueError(f"parents has {len(parents)} entries but tokens has {len(docs)}")
    n_parents = len(set(parents))
    if n_parents < 2:
        return []
    protected = set(keep)
    seen: dict[int, set[str]] = {}
    for doc, parent in zip(docs, parents):
        for i in {dictionary.token2id[w] for w in doc if w in dictionary.token2id}:
            seen.setdefault(i, set()).add(parent)
    bad = sorted(i for i, ps in seen.items() if len(ps) > share * n_parents
                 and dictionary[i] not in protected)
    removed = [dictionary[i] for i in bad]
    if bad:
        logger.info("dictionary: removed %d terms used in more than %.0f%% of the %d parent "
                    "documents: %s", len(bad), 100 * share, n_parents, ", ".join(removed[:30]))
        dictionary.filter_tokens(bad_ids=bad)
    return removed
