"""Fit, label and summarise LDA topic models (gensim) with reproducible, stable defaults.

The path is corpus -> tokens -> dictionary -> bag of words -> LDA. :func:`fit` runs it
for a Corpus table; :class:`TopicModel` runs it for token lists. Three functions are the
public contract: :func:`fit`, :func:`top_terms` and :func:`doc_topics`. The rest label
topics (:func:`frex_terms`, :func:`typical_docs`, :func:`labels`) and measure their
prevalence per period and per covariate with bootstrap intervals. This module gathers
the public names of its modules:

=====================================  ===================================================
module                                 what
=====================================  ===================================================
:mod:`toolkit.topics.tokens`           token lists the topics way (:func:`tokenize`)
:mod:`toolkit.topics.dictionary`       the vocabulary: frequency filters, ubiquitous words
:mod:`toolkit.topics.init`             the NNDSVD start, the priors of guided topics
:mod:`toolkit.topics.model`            :class:`TopicModel`, :func:`fit`, top terms
:mod:`toolkit.topics.describe`         FREX terms, typical documents, labels, topic maps
:mod:`toolkit.topics.prevalence`       shares per period and per group, bootstrap CIs
:mod:`toolkit.topics.cooccur`          window counts of words and pairs in reference texts
:mod:`toolkit.topics.scoring`          gensim's coherence measures (:class:`ReferenceTexts`)
:mod:`toolkit.topics.matching`         pairing topics of two runs, stability across runs
:mod:`toolkit.topics.select`           choosing K: the sweep, held-out scores, the rule
=====================================  ===================================================

:func:`coherence` scores a model (or term lists) as a whole; gensim's per-topic values
for any word lists are :func:`toolkit.topics.scoring.coherence`, and one
:class:`ReferenceTexts` reused across calls reads the reference texts once.

Why the defaults give the same topics run after run and seed after seed:

* ``LdaModel`` (single process), never ``LdaMulticore``: the multicore workers merge
  chunk statistics in whatever order they finish, so the same seed does not give the
  same model twice.
* ``init="nndsvd"``: the topic-word statistics start from a non-negative SVD of the
  TF-IDF document-term matrix (Boutsidis & Gallopoulos 2008), which depends only on the
  data, instead of gensim's random Gamma draw. The seed still multiplies that start by
  Gamma(100, 1/100) noise and draws the per-document starts, but LDA's many local optima
  no longer depend on it. On the UN General Debates 2010-2024 (paragraphs, K = 20) the
  top-10 term sets of different seeds overlap by a matched Jaccard of 0.90; with
  ``init="random"`` (gensim's own start, same preprocessing) by 0.34, and the gensim
  tutorial pipeline by 0.37 (``bench/results/topics.md``).
* Words that nearly every parent document uses (``no_above_parent=0.8``: "country",
  "world", "united", "nations", "peace" in UN speeches) are dropped from the dictionary
  when the corpus has a ``parent_id`` column (paragraphs).
* :func:`tokenize` does not join phrases (``phrases=False``): ``climate_change`` next
  to ``climate`` in one topic splits the word's counts, and held-out NPMI on the UN
  General Debates is 0.090 without them and 0.069 with them (the gensim tutorial: 0.067).
* Topics are renumbered by prevalence (topic 0 is the largest), so ids do not depend on
  the order the optimiser happened to find them; guided topics keep their given order
  and come first.
"""

from toolkit.topics.describe import (
    frex_terms,
    labels,
    topic_distances,
    topic_map,
    typical_docs,
)
from toolkit.topics.ensemble import consensus_fit
from toolkit.topics.fitting import fit
from toolkit.topics.matching import match_topics, stability
from toolkit.topics.model import TopicModel, doc_topics, top_terms, topic_ids
from toolkit.topics.persistent import align, align_models, fit_periods, topic_similarity
from toolkit.topics.plan import num_topics_grid, sweep_possible
from toolkit.topics.prevalence import choose_covariate, prevalence, prevalence_by
from toolkit.topics.quality import coherence, diversity, perplexity
from toolkit.topics.scoring import ReferenceTexts
from toolkit.topics.select import Sweep, choose_num_topics, explain_choice, sweep
from toolkit.topics.tokens import tokenize
from toolkit.topics.units import model_units

__all__ = [
    "ReferenceTexts",
    "Sweep",
    "TopicModel",
    "align",
    "align_models",
    "choose_covariate",
    "choose_num_topics",
    "coherence",
    "consensus_fit",
    "diversity",
    "doc_topics",
    "explain_choice",
    "fit",
    "fit_periods",
    "frex_terms",
    "labels",
    "match_topics",
    "model_units",
    "num_topics_grid",
    "perplexity",
    "prevalence",
    "prevalence_by",
    "stability",
    "sweep",
    "sweep_possible",
    "tokenize",
    "top_terms",
    "topic_ids",
    "topic_map",
    "topic_distances",
    "topic_similarity",
    "typical_docs",
]
