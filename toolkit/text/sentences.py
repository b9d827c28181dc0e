"""Sentence splitting trained on the researcher's own corpus (nltk's Punkt, no downloads).

The rule-based splitter (:func:`toolkit.text.sentence_spans`) needs no training and is the
default everywhere; :func:`train_sentence_splitter` learns abbreviations and collocations
from a corpus for texts whose conventions the rules miss.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

import pandas as pd

from toolkit._core.progress import tqdm, tqdm_disable
from toolkit._core.segment import ABBREVIATIONS, paragraph_spans
from toolkit.schemas import validate_corpus

logger = logging.getLogger("toolkit.text")

__all__ = ["PunktSplitter", "train_sentence_splitter"]


# --------------------------------------------------------------------------- Punkt


class PunktSplitter:
    """A sentence splitter trained on a corpus with nltk's unsupervised Punkt algorithm.

    Made by :func:`train_sentence_splitter`; :meth:`spans` has the same contract as
    :func:`sentence_spans` (offsets into the text, paragraphs always end a sentence).

    Attributes
    ----------
    tokenizer_
        The trained ``nltk.tokenize.punkt.PunktSentenceTokenizer``.
    """

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer_ = tokenizer

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Return the ``(start, end)`` offsets of the sentences of ``text``."""
        if not isinstance(text, str):
            raise TypeError(f"spans expects a str, not {type(text).__name__}")
        out: list[tuple[int, int]] = []
        for p_start, p_end in paragraph_spans(text):
            for s, e in self.tokenizer_.span_tokenize(text[p_start:p_end]):
                if e > s:
                    out.append((p_start + s, p_start + e))
        return out

    def __repr__(self) -> str:
        n = len(self.tokenizer_._params.abbrev_types)
        return f"PunktSplitter({n} abbreviations)"


def train_sentence_splitter(
    corpus: pd.DataFrame,
    *,
    abbreviations: Iterable[str] = ABBREVIATIONS,
    max_chars: int | None = 20_000_000,
    progress: bool | None = None,
) -> PunktSplitter:
    """Train nltk's Punkt sentence splitter on the corpus itself (no downloaded data).

    Punkt learns abbreviations, collocations and frequent sentence starters from the
    texts; the known :data:`ABBREVIATIONS` are added to what it learns. The rule-based
    :func:`sentence_spans` stays the default: it is faster and, on the seed article and
    the UN General Debates, at least as accurate (see ``tests/test_text.py``); Punkt
    helps on corpora full of abbreviations the rules do not know.

    Parameters
    ----------
    corpus
        A Corpus table.
    abbreviations
        Abbreviations (without the final period) to add to those Punkt learns.
    max_chars
        Train on the documents in corpus order until this many characters (Punkt's
        statistics settle long before 200 million characters); ``None`` for all.
    progress
        Show a progress bar (default: only on a terminal).

    Examples
    --------
    >>> from toolkit.corpus import load
    >>> splitter = train_sentence_splitter(load("sample"))
    >>> t = "Mr. Obama met Gen. Dunford. They spoke."
    >>> [t[s:e] for s, e in splitter.spans(t)]
    ['Mr. Obama met Gen. Dunford.', 'They spoke.']
    """
    from nltk.tokenize.punkt import PunktSentenceTokenizer, PunktTrainer

    validate_corpus(corpus)
    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = True
    used = 0
    for text in tqdm(corpus["text"], desc="punkt", disable=tqdm_disable(progress), leave=False):
        trainer.train(text, finalize=False)
        used += len(text)
        if max_chars is not None and used >= max_chars:
            break
    trainer.finalize_training()
    params = trainer.get_params()
    learned = len(params.abbrev_types)
    params.abbrev_types.update(a.lower() for a in abbreviations)
    logger.info("train_sentence_splitter: trained Punkt on %s characters; %d abbreviations "
                "learned, %d in all", f"{used:,}", learned, len(params.abbrev_types))
    return PunktSplitter(PunktSentenceTokenizer(params))
