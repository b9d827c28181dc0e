"""Text preparation: sentence and paragraph spans, tokens, stopwords, lemmas and phrases.

==================================  ================================================
module                              what
==================================  ================================================
:mod:`toolkit.text.tokens`          tokens for models: stopwords, lemmas, actors
:mod:`toolkit.text.encode`          documents to integer ids, ``tokenize``
:mod:`toolkit.text.stopwords`       the shipped English, diplomatic and news lists, lemmas
:mod:`toolkit.text.phrases`         frequent pairs joined as one token
:mod:`toolkit.text.vocabulary`      rare and ubiquitous words filtered out
:mod:`toolkit.text.sentences`       Punkt trained on your own corpus
==================================  ================================================

The rule-based paragraph and sentence spans live in the bottom layer
(:mod:`toolkit._core.segment`) because every stage numbers units with them; they are
re-exported here. Both know news text (issue 11): :func:`tokens` drops news reporting
verbs and agency datelines by default (``toolkit/data/stopwords/news.txt``), and
:func:`sentence_spans` ends a sentence after "U.S.", "p.m." or an initial when the next
word starts one (precision 0.996, recall 0.992 on a gold of 251 news and speech
boundaries, ``tests/data/sentence_gold.json``).
"""

from toolkit._core.segment import ABBREVIATIONS, paragraph_spans, sentence_spans
from toolkit.text.encode import tokenize
from toolkit.text.phrases import apply_phrases, detect_phrases
from toolkit.text.sentences import PunktSplitter, train_sentence_splitter
from toolkit.text.stopwords import STOPWORD_LISTS, lemmatize, load_stopwords
from toolkit.text.tokens import tokens
from toolkit.text.vocabulary import filter_tokens

__all__ = [
    "ABBREVIATIONS",
    "STOPWORD_LISTS",
    "PunktSplitter",
    "apply_phrases",
    "detect_phrases",
    "filter_tokens",
    "lemmatize",
    "load_stopwords",
    "paragraph_spans",
    "sentence_spans",
    "tokenize",
    "tokens",
    "train_sentence_splitter",
]
