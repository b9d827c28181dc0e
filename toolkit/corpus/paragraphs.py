"""Split documents into paragraphs: one row per paragraph, the parent's metadata kept."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from toolkit._core import check_int
from toolkit._core.segment import paragraph_spans
from toolkit.schemas import CORPUS_SCHEMA, validate_corpus

logger = logging.getLogger("toolkit.corpus")

__all__ = ["split_paragraphs"]


def split_paragraphs(corpus: pd.DataFrame, *, min_chars: int = 1) -> pd.DataFrame:
    """Split every document into paragraph documents that keep the parent's metadata.

    Paragraphs are found by :func:`toolkit.text.paragraph_spans` (blank lines, or one
    paragraph per line, with hard-wrapped lines such as the UN General Debates joined).

    Parameters
    ----------
    corpus
        A Corpus table.
    min_chars
        Paragraphs shorter than this (after stripping) are dropped and counted; 1 keeps
        every non-empty paragraph. Speeches carry many one-line salutations, so topic
        models often want ``min_chars=100``.

    Returns
    -------
    pandas.DataFrame
        A Corpus table with ``doc_id`` ``"<parent>#p<k>"``, plus ``parent_id`` and
        ``paragraph`` (0-based index of the paragraph within its parent, counting all
        paragraphs, including those dropped as too short).

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> c = from_frame(pd.DataFrame({"doc_id": ["d"], "text": ["One.\\nTwo here."]}))
    >>> split_paragraphs(c)[["doc_id", "parent_id", "paragraph", "text"]].values.tolist()
    [['d#p0', 'd', 0, 'One.'], ['d#p1', 'd', 1, 'Two here.']]
    """
    validate_corpus(corpus)
    check_int("min_chars", min_chars, minimum=0)
    parents, numbers, texts = [], [], []
    dropped = 0
    for i, text in enumerate(corpus["text"]):
        for k, (start, end) in enumerate(paragraph_spans(text)):
            para = text[start:end]
            if len(para.strip()) < min_chars:
                dropped += 1
                continue
            parents.append(i)
            numbers.append(k)
            texts.append(para)
    if dropped:
        logger.info("split_paragraphs: dropped %d paragraphs shorter than %d characters",
                    dropped, min_chars)
    # take the metadata only: copying each parent's full text per paragraph costs gigabytes
    out = corpus.drop(columns="text").iloc[parents].reset_index(drop=True)
    out.insert(0, "parent_id", out["doc_id"])
    out["doc_id"] = [f"{p}#p{k}" for p, k in zip(out["parent_id"], numbers)]
    out["text"] = texts
    out["paragraph"] = np.asarray(numbers, dtype="int64")
    order = list(CORPUS_SCHEMA) + ["parent_id", "paragraph"] + [
        c for c in out.columns if c not in CORPUS_SCHEMA and c not in ("parent_id", "paragraph")]
    out = out[order]
    out.attrs = dict(corpus.attrs)
    return out
