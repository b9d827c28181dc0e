"""The vocabulary of a topic model: gensim's dictionary filters, and the words every speech uses.

Used by :class:`toolkit.topics.TopicModel`, which documents the parameters.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence

from gensim.corpora import Dictionary

logger = logging.getLogger(__name__)

__all__ = ["auto_no_below", "build_dictionary", "check_num_topics", "drop_ubiquitous"]


def auto_no_below(n_docs: int) -> int:
    """Return the ``no_below`` filter for a corpus of ``n_docs`` documents.

    gensim's usual 5 (a term must occur in five documents) keeps topics free of one-off
    words in a corpus of hundreds of documents, but leaves a few dozen short documents
    with almost no vocabulary. So: ``n_docs / 50`` rounded, at least 1 and at most 5.

    Examples
    --------
    >>> [auto_no_below(n) for n in (13, 60, 150, 300, 50_000)]
    [1, 1, 3, 5, 5]
    """
    return int(min(5, max(1, round(n_docs / 50))))


def check_num_topics(num_topics: int, n_docs: int, n_terms: int, *, no_below: int,
                     total: int | None = None, min_tokens: int = 5) -> None:
    """Raise a ``ValueError`` in the researcher's terms when the data cannot give K topics.

    The NNDSVD start needs fewer topics than documents and than terms (a singular value
    decomposition of the document-term matrix), and more topics than documents would not
    mean anything either. ``n_docs`` counts the documents left for training, of ``total``.

    Examples
    --------
    >>> check_num_topics(30, 53, 900, no_below=5)
    Traceback (most recent call last):
    ...
    ValueError: num_topics=30 is more than 53 documents allow; use at most 26 (about two documents per topic), or more documents
    """
    limit_docs = max(1, n_docs // 2)
    if num_topics > limit_docs:
        left = "" if total is None or total == n_docs else (
            f" (of {total}; the others have fewer than min_tokens={min_tokens} tokens after "
            "filtering)")
        raise ValueError(f"num_topics={num_topics} is more than {n_docs} documents{left} "
                         f"allow; use at most {limit_docs} (about two documents per topic), "
                         "or more documents")
    if num_topics >= n_terms:
        raise ValueError(f"num_topics={num_topics} is more than the {n_terms} terms left "
                         f"after filtering (no_below={no_below}) allow; use at most "
                         f"{max(1, n_terms - 1)}, or lower no_below")


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
