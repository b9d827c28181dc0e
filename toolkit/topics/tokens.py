"""Token lists for topic models: tokenise a Corpus the topics way, check token lists.

Re-exported by :mod:`toolkit.topics`.
"""

from __future__ import annotations

import logging
from typing import Any

import pandas as pd

from toolkit.schemas import validate_corpus
from toolkit.text import tokens as text_tokens

logger = logging.getLogger(__name__)

__all__ = ["check_tokens", "tokenize"]


def tokenize(corpus: pd.DataFrame, **options: Any) -> pd.Series:
    """Turn the texts of a Corpus table into token lists for topic models.

    A thin wrapper of :func:`toolkit.text.tokens` (stop words including diplomatic
    boilerplate, noun lemmas), kept here so that every topic function tokenises the
    same way. One default differs: **phrases are not joined** (``phrases=False``).
    Joining "climate change" into ``climate_change`` splits the counts of "climate",
    so topics list near-twins (``climate``, ``climate_change``; ``nuclear``,
    ``nuclear_weapon``) that rarely stand next to each other: on the UN General
    Debates 2010-2024 (K = 20, ``python -m bench.topics``) held-out NPMI was 0.069
    with phrases and 0.090 without, at the same stability (0.91 and 0.90). Pass
    ``phrases=True`` (or a dict of :func:`toolkit.text.detect_phrases` options) to
    join them anyway.

    Parameters
    ----------
    corpus
        A Corpus table.
    **options
        Passed to :func:`toolkit.text.tokens` (``phrases`` defaults to ``False`` here).

    Returns
    -------
    pandas.Series
        One token list per row of ``corpus``, indexed by ``doc_id``, in order;
        ``attrs["phrases"]`` is the phrase table used (``None`` without phrases): pass
        it as ``phrases=`` when tokenising held-out documents so they are treated the
        same way.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> tokenize(from_frame(pd.DataFrame({"text": ["Nuclear weapons threaten them all."]}))).tolist()
    [['nuclear', 'weapon', 'threaten']]
    """
    validate_corpus(corpus)
    options.setdefault("phrases", False)
    return text_tokens(corpus, **options)


def check_tokens(tokens: Any, *, name: str = "tokens") -> list[list[str]]:
    """Return ``tokens`` as a list of token lists, or raise a ``TypeError`` saying why not.

    The first 50 documents are checked (a list of strings instead of a list of token
    lists is the usual mistake: tokenise each document first).

    Examples
    --------
    >>> check_tokens((("war", "peace"), ["trade"]))
    [['war', 'peace'], ['trade']]
    >>> check_tokens(["war peace", "trade"])
    Traceback (most recent call last):
    ...
    TypeError: tokens[0] must be a list of str tokens, not str (tokenise each document first)
    """
    if isinstance(tokens, str):
        raise TypeError(f"{name} expects a list of token lists, not a single string")
    tokens = list(tokens)
    for i, doc in enumerate(tokens[:50]):
        if isinstance(doc, str) or not isinstance(doc, (list, tuple)):
            raise TypeError(f"{name}[{i}] must be a list of str tokens, not "
                            f"{type(doc).__name__} (tokenise each document first)")
    return [list(d) for d in tokens]
