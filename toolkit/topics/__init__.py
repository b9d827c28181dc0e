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
:mod:`toolkit.topics.init`             the NMF and NNDSVD starts, priors of guided topics
:mod:`toolkit.topics.model`            :class:`TopicModel`, top terms, document shares
:mod:`toolkit.topics.describe`         FREX terms, typical documents, labels, topic maps
:mod:`toolkit.topics.prevalence`       shares per period and per group, bootstrap CIs
:mod:`toolkit.topics.cooccur`          window counts of words and pairs in reference texts
:mod:`toolkit.topics.scoring`          gensim's coherence measures (:class:`ReferenceTexts`)
:mod:`toolkit.topics.matching`         pairing topics of two runs, stability across runs
:mod:`toolkit.topics.select`           choosing K: the sweep, held-out scores, the rule
:mod:`toolkit.topics.parallel`         the sweep's fits: cached, here, or in worker processes
:mod:`toolkit.topics.ensemble`         consensus topics of fits on resampled documents
:mod:`toolkit.topics.persistent`       topic ids kept across K, seeds and periods
:mod:`toolkit.topics.explorer`         the offline HTML explorer, relevance-ranked terms
:mod:`toolkit.topics.effects`          covariate effects on prevalence, as stm's estimateEffect
=====================================  ===================================================

:func:`coherence` scores a model (or term lists) as a whole; gensim's per-topic values
for any word lists are :func:`toolkit.topics.scoring.coherence`, and one
:class:`ReferenceTexts` reused across calls reads the reference texts once.

Why the defaults give topics that come back when the data change (measured on the UN
General Debates 2010-2024 by the protocol of issue 14: three runs on their own random
80% of the speeches, K = 20, ``bench/results/topics.md``):

* ``init="nmf"``: the topic-word statistics start from a non-negative factorisation
  (HALS) of the TF-IDF matrix, itself started from its non-negative SVD (NNDSVD): no
  randomness, and NMF's topics change little when the documents change. ``offset`` (64
  per chunk after the first) keeps the online learning rate low, so LDA refines that
  start instead of replacing it, and ``passes=None`` takes the passes from the number
  of chunks (2 on the UN debates). Stability across data subsamples (matched top-10
  Jaccard) is 0.66 with held-out NPMI 0.158, against 0.46 and 0.089 with the NNDSVD
  start of before and 0.32 and 0.064 for the gensim tutorial. Agreement across seeds
  on the same data is higher (seed-only agreement, not stability).
* ``LdaModel`` (single process), never ``LdaMulticore``: the multicore workers merge
  chunk statistics in whatever order they finish, so the same seed does not give the
  same model twice.
* Words that nearly every parent document uses (``no_above_parent=0.8``: "country",
  "world", "united", "nations", "peace" in UN speeches) are dropped from the dictionary
  when the corpus has a ``parent_id`` column (paragraphs).
* :func:`tokenize` does not join phrases (``phrases=False``): ``climate_change`` next
  to ``climate`` in one topic splits the word's counts (held-out NPMI 0.090 without
  them and 0.069 with them, NNDSVD start).
* Topics are renumbered by prevalence (topic 0 is the largest), so ids do not depend on
  the order the optimiser happened to find them; guided topics keep their given order
  and come first. :func:`align` gives a model the ids of a reference model's topics.
"""

from toolkit.topics.describe import (
    frex_terms,
    labels,
    topic_distances,
    topic_map,
    typical_docs,
)
from toolkit.topics.effects import Effects, effect_contrast, effect_curve, estimate_effects
from toolkit.topics.ensemble import consensus_fit
from toolkit.topics.explorer import explorer_data, explorer_html, relevant_terms
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
    "Effects",
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
    "effect_contrast",
    "effect_curve",
    "estimate_effects",
    "explain_choice",
    "explorer_data",
    "explorer_html",
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
    "relevant_terms",
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
