"""An optional second opinion from statistical named-entity recognition (spaCy), never required.

Everything in :mod:`toolkit.actors` works without it. When a spaCy pipeline with an entity
recogniser is installed, it can

* :func:`review` the mentions whose context rules left them unclear (``..._unclear``): a
  span the model calls a person, an organisation, a facility name, a product or a work is
  no state (rejected, rule ``ner``); a place or nationality confirms an unclear alias or
  demonym; a facility or location makes an unclear capital a ``venue``;
* list :func:`entities`, the candidates :func:`toolkit.actors.discover` adds to its own
  when given ``ner=``.

:func:`load_ner` finds an installed model; nothing is ever downloaded (install one with
``pip`` yourself if you want this, e.g. spaCy's ``en_core_web_sm``).
"""

from __future__ import annotations

import logging
from typing import Any

import numpy as np
import pandas as pd

from toolkit._core import check_type
from toolkit.schemas import validate_corpus, validate_mentions

logger = logging.getLogger("toolkit.actors")

__all__ = ["NER_LABELS", "PREFERRED_MODELS", "check_ner", "entities", "load_ner", "review"]

#: Installed spaCy packages tried by :func:`load_ner`, in this order, before any other.
PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_trf")
#: Entity labels (OntoNotes, as spaCy's English models use them) :func:`entities` keeps.
NER_LABELS = ("GPE", "NORP", "LOC", "FAC", "ORG", "PERSON")
_NOT_A_STATE = frozenset({"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW",
                          "LANGUAGE"})
_CONFIRMS = frozenset({"GPE", "NORP", "LOC"})
_PLACE = frozenset({"FAC", "LOC"})
_WINDOW = 300   # characters of context either side of a mention given to the model


def load_ner(model: str | None = None) -> Any | None:
    """Return an installed spaCy pipeline with an entity recogniser, or ``None``.

    ``model`` names an installed package; ``None`` tries :data:`PREFERRED_MODELS`, then
    any installed model. Returns ``None`` (and logs why) when spaCy or a model is missing:
    nothing is downloaded.

    Examples
    --------
    >>> nlp = load_ner("no_such_model_xyz")
    >>> nlp is None
    True
    """
    try:
        import spacy
    except ImportError:
        logger.info("load_ner: spaCy is not installed; no statistical NER")
        return None
    installed = list(spacy.util.get_installed_models())
    names = [model] if model else [m for m in PREFERRED_MODELS if m in installed] + sorted(
        m for m in installed if m not in PREFERRED_MODELS)
    for name in names:
        try:
            nlp = spacy.load(name, exclude=["lemmatizer"])
        except OSError:
            continue
        if "ner" in nlp.pipe_names:
            logger.info("load_ner: using %s %s", name, nlp.meta.get("version", ""))
            return nlp
    logger.info("load_ner: no installed spaCy model with an entity recogniser (%s)",
                model or "none installed")
    return None


def check_ner(nlp: Any) -> None:
    """Raise a ``TypeError`` unless ``nlp`` is a spaCy pipeline that sets entities.

    Examples
    --------
    >>> check_ner("en_core_web_sm")
    Traceback (most recent call last):
    ...
    TypeError: ner='en_core_web_sm' has the wrong type str; must be None, 'auto' or a loaded spaCy pipeline with an 'ner' or 'entity_ruler' component
    """
    what = "None, 'auto' or a loaded spaCy pipeline with an 'ner' or 'entity_ruler' component"
    check_type("ner", nlp, object, what)
    names = getattr(nlp, "pipe_names", None)
    if not hasattr(nlp, "pipe") or names is None:
        raise TypeError(f"ner={nlp!r} has the wrong type {type(nlp).__name__}; must be {what}")
    if not {"ner", "entity_ruler"} & set(names):
        raise TypeError(f"ner: the pipeline has no entity recogniser (components {names}); "
                        f"must be {what}")


def _windows(mentions: pd.DataFrame, corpus: pd.DataFrame) -> tuple[list[str], list[int]]:
    text_of = dict(zip(corpus["doc_id"], corpus["text"]))
    texts, offsets = [], []
    for d, s, e in zip(mentions["doc_id"], mentions["start"].tolist(), mentions["end"].tolist()):
        t = text_of[d]
        lo = max(0, s - _WINDOW)
        texts.append(t[lo:e + _WINDOW])
        offsets.append(lo)
    return texts, offsets


def review(mentions: pd.DataFrame, corpus: pd.DataFrame, nlp: Any, *,
           keep_rejected: bool = False) -> pd.DataFrame:
    """Let a NER model decide the mentions the context rules left unclear.

    Only rows whose ``rule`` ends in ``_unclear`` are looked at (the model sees 300
    characters either side). Label of the entity covering the mention: PERSON, ORG,
    PRODUCT, WORK_OF_ART, EVENT, LAW, LANGUAGE -> rejected (dropped; with
    ``keep_rejected`` kept with rule ``ner``); GPE, NORP, LOC -> an unclear alias or
    demonym becomes ``alias``/``demonym``; FAC, LOC -> an unclear capital becomes
    ``venue``; anything else leaves the row as it was.

    Examples
    --------
    >>> import pytest
    >>> spacy = pytest.importorskip("spacy")   # a blank pipeline with rules stands in for a model
    >>> from toolkit.corpus import from_frame
    >>> from toolkit.actors import find_mentions
    >>> nlp = spacy.blank("en")
    >>> _ = nlp.add_pipe("entity_ruler").add_patterns(
    ...     [{"label": "PERSON", "pattern": "Chad Ochocinco"}])
    >>> c = from_frame(pd.DataFrame({"text": ["Chad Ochocinco scored twice."]}))
    >>> find_mentions(c)["rule"].tolist(), review(find_mentions(c), c, nlp)["rule"].tolist()
    (['alias_unclear'], [])
    """
    validate_mentions(mentions, ("doc_id", "start", "end", "rule"))
    validate_corpus(corpus)
    check_ner(nlp)
    unclear = np.flatnonzero(mentions["rule"].str.endswith("_unclear").to_numpy())
    if len(unclear) == 0:
        return mentions
    rows = mentions.iloc[unclear]
    texts, offsets = _windows(rows, corpus)
    rules = mentions["rule"].to_numpy(dtype=object).copy()
    drop = np.zeros(len(mentions), dtype=bool)
    starts, ends = rows["start"].tolist(), rows["end"].tolist()
    for k, doc in enumerate(nlp.pipe(texts, batch_size=64)):
        s, e = starts[k] - offsets[k], ends[k] - offsets[k]
        labels = [ent.label_ for ent in doc.ents if ent.start_char < e and ent.end_char > s]
        if not labels:
            continue
        i, label = int(unclear[k]), labels[0]
        base = rules[i][: -len("_unclear")]
        if label in _NOT_A_STATE:
            rules[i], drop[i] = "ner", not keep_rejected
        elif base == "metonym" and label in _PLACE:
            rules[i] = "venue"
        elif base != "metonym" and label in _CONFIRMS:
            rules[i] = base
    out = mentions.assign(rule=pd.array(rules, dtype=mentions["rule"].dtype))
    logger.info("ner review: %d unclear mentions, %d rejected, %d decided otherwise",
                len(unclear), int((rules[unclear] == "ner").sum()),
                int(sum(not r.endswith("_unclear") and r != "ner" for r in rules[unclear])))
    return out[~drop].reset_index(drop=True)


def entities(corpus: pd.DataFrame, nlp: Any, *,
             labels: tuple[str, ...] = NER_LABELS) -> pd.DataFrame:
    """List the named entities a NER model finds: ``doc_id, start, end, text, label``.

    Examples
    --------
    >>> import pytest
    >>> spacy = pytest.importorskip("spacy")
    >>> from toolkit.corpus import from_frame
    >>> nlp = spacy.blank("en")
    >>> _ = nlp.add_pipe("entity_ruler").add_patterns([{"label": "ORG", "pattern": "Hamas"}])
    >>> entities(from_frame(pd.DataFrame({"text": ["Hamas said no."]})), nlp).values.tolist()
    [['doc-000000', 0, 5, 'Hamas', 'ORG']]
    """
    validate_corpus(corpus)
    check_ner(nlp)
    longest = int(corpus["text"].str.len().max()) if len(corpus) else 0
    nlp.max_length = max(nlp.max_length, longest + 1)
    rows = []
    for doc_id, doc in zip(corpus["doc_id"], nlp.pipe(corpus["text"].tolist(), batch_size=16)):
        rows += [(doc_id, ent.start_char, ent.end_char, ent.text, ent.label_)
                 for ent in doc.ents if ent.label_ in labels]
    out = pd.DataFrame(rows, columns=["doc_id", "start", "end", "text", "label"])
    return out.astype({"start": "int64", "end": "int64"})
