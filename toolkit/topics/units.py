"""What a topic model reads: paragraphs of long documents, whole short ones.

A speech or a long article covers many themes, a paragraph usually one. LDA fitted on
whole UN General Debate speeches gives topics whose top terms hardly co-occur in unseen
text (held-out NPMI -0.074, against 0.090 for the same pipeline on their paragraphs,
``bench/results/topics.md``): each "topic" is a blend of everything a speech touches.
So :func:`toolkit.topics.fit` and :func:`toolkit.topics.sweep` model long documents as
paragraphs by default (:func:`model_units`), and :func:`toolkit.topics.doc_topics` adds
the paragraphs' shares back up to the documents they were given.
"""

from __future__ import annotations

import logging
from typing import Literal

import numpy as np
import pandas as pd

from toolkit._core import check_choice, check_int
from toolkit.corpus import split_paragraphs
from toolkit.schemas import validate_corpus

logger = logging.getLogger(__name__)

__all__ = ["LONG_DOCUMENT_CHARS", "Unit", "is_long", "model_units"]

#: What a topic model reads: ``"auto"`` (paragraphs of long documents), or one of the two.
Unit = Literal["auto", "paragraph", "document"]
#: Documents whose median length reaches this many characters (about 300 words, a few
#: paragraphs) are long: ``unit="auto"`` models their paragraphs.
LONG_DOCUMENT_CHARS = 2000


def is_long(corpus: pd.DataFrame) -> bool:
    """Say whether a corpus of whole documents is long enough to be modelled as paragraphs.

    True when the corpus has no ``parent_id`` column (it is not paragraphs already) and
    its median text has at least :data:`LONG_DOCUMENT_CHARS` characters.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> is_long(from_frame(pd.DataFrame({"text": ["Short news item."] * 3})))
    False
    """
    validate_corpus(corpus)
    if "parent_id" in corpus.columns or not len(corpus):
        return False
    return bool(corpus["text"].str.len().median() >= LONG_DOCUMENT_CHARS)


def model_units(corpus: pd.DataFrame, unit: Unit = "auto", *, min_chars: int = 100
                ) -> pd.DataFrame:
    """Return the documents a topic model should read: paragraphs of long documents.

    Parameters
    ----------
    corpus
        A Corpus table of documents, or of paragraphs (with ``parent_id``: returned as is).
    unit
        ``"auto"``: paragraphs when the documents are long (:func:`is_long`), else the
        documents; ``"paragraph"``: always paragraphs; ``"document"``: the documents as
        given (then nothing is split, and nothing is said).
    min_chars
        Shortest paragraph kept (:func:`toolkit.corpus.split_paragraphs`). A document
        none of whose paragraphs is that long stays one unit, whole, so no document is
        lost.

    Returns
    -------
    pandas.DataFrame
        ``corpus`` itself, or its paragraphs: a Corpus table with ``parent_id``, and
        ``attrs["split"] = True``.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> long = "\\n\\n".join(["Nuclear arms and treaties. " * 20, "Trade and tariffs. " * 30])
    >>> corpus = from_frame(pd.DataFrame({"doc_id": ["a"], "text": [long]}))
    >>> model_units(corpus) is corpus  # 1,110 characters: not long
    True
    >>> units = model_units(corpus, "paragraph")
    >>> units["doc_id"].tolist(), units.attrs["split"]
    (['a#p0', 'a#p1'], True)
    """
    validate_corpus(corpus)
    check_choice("unit", unit, ["auto", "paragraph", "document"])
    check_int("min_chars", min_chars, minimum=0)
    if "parent_id" in corpus.columns or unit == "document" or (
            unit == "auto" and not is_long(corpus)):
        return corpus
    paras = split_paragraphs(corpus, min_chars=min_chars)
    lost = ~corpus["doc_id"].isin(paras["parent_id"])
    if lost.any():  # every paragraph too short: the document stays whole
        whole = corpus[lost].drop(columns="text").assign(
            parent_id=corpus.loc[lost, "doc_id"], paragraph=np.int64(0),
            text=corpus.loc[lost, "text"])
        paras = pd.concat([paras, whole[paras.columns]], ignore_index=True)
        order = corpus["doc_id"].reset_index(drop=True)
        rank = pd.Series(np.arange(len(order)), index=order.to_numpy())
        paras = paras.iloc[np.lexsort((paras["paragraph"].to_numpy(),
                                       rank[paras["parent_id"]].to_numpy()))]
        paras = paras.reset_index(drop=True)
    counts = paras["parent_id"].value_counts()
    whole_long = int(((corpus["text"].str.len() >= LONG_DOCUMENT_CHARS)
                      & corpus["doc_id"].map(counts).fillna(0).le(1)).sum())
    if whole_long:
        logger.warning("topics: %d long documents have no paragraph breaks and are modelled "
                       "whole; topics of whole long documents mix their themes (put one "
                       "paragraph per line or blank lines between paragraphs)", whole_long)
    logger.info("topics: modelling %d paragraphs of %d documents (unit=%r; document shares "
                "are their paragraphs' shares weighted by tokens)", len(paras), len(corpus),
                unit)
    paras.attrs = {**corpus.attrs, "split": True}
    return paras
