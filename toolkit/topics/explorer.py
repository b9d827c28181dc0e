"""An offline topic explorer: one self-contained HTML file per fitted topic model.

The page has three views of one model, linked by the selected topic:

* an **intertopic map**: topics placed by classical MDS of the Jensen-Shannon distances
  between their word distributions (:func:`toolkit.topics.topic_map`), disc area
  proportional to the topic's share of the documents; hovering a term resizes the discs
  to that term's distribution over topics, p(t | w);
* **term bars** ranked by *relevance* (Sievert & Shirley 2014, the measure LDAvis uses),
  with a slider for its weight lambda::

      relevance(w, t) = lambda * log p(w | t) + (1 - lambda) * log(p(w | t) / p(w))

  lambda = 1 ranks by probability within the topic (:func:`toolkit.topics.top_terms`),
  lambda = 0 by lift (how much more often the topic uses the word than the corpus);
  their study found lambda near 0.6 the most useful for reading a topic. Each bar shows
  the term's count in the corpus (grey) and its estimated count in the topic,
  count(w) * p(t | w), with p(t | w) proportional to p(t) p(w | t);
* the topic's **typical documents** (:func:`toolkit.topics.typical_docs`).

A topic is chosen from the list, the arrows or a click on its disc; an address ending
in ``#topic=3&lambda=0.2`` opens that view (a link to share a reading of the model).

The file works offline and makes no request at all: the script and the style sheet are
inlined, the drawing is SVG made by a small script (``toolkit/data/explorer/``), no
font, image or library is loaded, and a Content-Security-Policy of ``default-src 'none'``
forbids the browser any fetch. The same model gives the same bytes: no timestamps, JSON
with sorted keys and floats written with fixed significant digits (9 for the
topic-word weights, which tells any two float32 values apart, 7 elsewhere).
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from toolkit._core import check_int, check_number, check_type, data_path
from toolkit.schemas import validate_corpus
from toolkit.topics.describe import labels, topic_map, typical_docs
from toolkit.topics.model import TopicModel, _fitted, topic_ids

logger = logging.getLogger(__name__)

__all__ = ["explorer_data", "explorer_html", "relevant_terms"]

_DIGITS = 7  # float32 topic-word weights carry about 7 significant digits
_LAMBDAS = np.arange(101) / 100  # the slider's steps: 0.00, 0.01, ..., 1.00
_FLOOR = 1e-12  # log of a zero probability (never reached with LDA's eta > 0)


def _by_id(model: TopicModel) -> tuple[np.ndarray, np.ndarray]:
    """Positions of the model's topics in order of their ids, and those ids."""
    ids = topic_ids(_fitted(model))
    order = np.argsort(ids, kind="stable")
    return order, ids[order]


def _term_stats(model: TopicModel) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """log p(w|t) (K x V, rows in order of topic id), log p(w) (V), corpus counts (V)."""
    beta = _fitted(model).topic_word_[_by_id(model)[0]]
    cfs = model.dictionary_.cfs
    counts = np.array([cfs.get(i, 0) for i in range(beta.shape[1])], dtype=np.int64)
    log_beta = np.log(np.maximum(beta, _FLOOR))
    log_pw = np.log(np.maximum(counts, 1) / max(int(counts.sum()), 1))
    return log_beta, log_pw, counts


def _ranked(log_beta: np.ndarray, log_pw: np.ndarray, lam: float, n: int
            ) -> tuple[np.ndarray, np.ndarray]:
    """Term ids (K x n) by decreasing relevance, ties to the smaller id, and the scores."""
    score = lam * log_beta + (1 - lam) * (log_beta - log_pw)
    order = np.argsort(-score, axis=1, kind="stable")[:, :n]
    return order, np.take_along_axis(score, order, axis=1)


def _check_lambda(lambda_: float) -> None:
    check_number("lambda_", lambda_, minimum=0, maximum=1)


def relevant_terms(model: TopicModel, n: int = 10, *, lambda_: float = 0.6) -> pd.DataFrame:
    """Return the ``n`` most relevant terms of every topic for a relevance weight ``lambda_``.

    Relevance is ``lambda_ * log p(w|t) + (1 - lambda_) * log(p(w|t) / p(w))``, with
    p(w) the term's share of the corpus tokens (see the module notes). ``lambda_=1``
    gives the order of :func:`toolkit.topics.top_terms`.

    Returns
    -------
    pandas.DataFrame
        Columns ``topic``, ``rank``, ``term``, ``weight`` (the relevance), sorted by topic
        then rank; ties go to the term with the smaller dictionary id.

    Examples
    --------
    >>> docs = [["war", "war", "peace", "un"]] * 12 + [["trade", "trade", "market", "un"]] * 8
    >>> m = TopicModel(2, passes=5, no_below=1, no_above=1.0, min_tokens=1).fit(docs)
    >>> relevant_terms(m, n=1, lambda_=1.0)["term"].tolist()
    ['war', 'trade']
    >>> relevant_terms(m, n=3, lambda_=0.0).query("topic == 0")["term"].iloc[-1]  # lift: "un" last
    'un'
    """
    check_int("n", n, minimum=1)
    _check_lambda(lambda_)
    log_beta, log_pw, _ = _term_stats(model)
    order, score = _ranked(log_beta, log_pw, float(lambda_), min(int(n), log_beta.shape[1]))
    words = model.dictionary_
    ids = _by_id(model)[1]
    rows = [(int(ids[t]), r, words[int(i)], float(score[t, r]))
            for t in range(order.shape[0]) for r, i in enumerate(order[t])]
    return pd.DataFrame(rows, columns=["topic", "rank", "term", "weight"])


def _num(x: float, digits: int = _DIGITS) -> float:
    """A float rounded to ``digits`` significant digits (its JSON text is then fixed)."""
    return float(f"{float(x):.{digits}g}")


def _house_colors() -> Callable[[int], str]:
    """Topic k -> colour k of the house style sheet's colour cycle.

    ``toolkit.style.topic_color`` (a higher layer, which this one cannot import) follows
    the same cycle; tests/test_topics_explorer.py checks that the two agree.
    """
    from matplotlib import rc_params_from_file

    rc = rc_params_from_file(str(data_path("house.mplstyle")), use_default_template=False)
    cycle = [str(c) for c in rc["axes.prop_cycle"].by_key()["color"]]
    return lambda topic: cycle[int(topic) % len(cycle)]


def _documents(model: TopicModel, corpus: pd.DataFrame, n_docs: int, snippet: int
               ) -> dict[int, list[dict[str, Any]]]:
    typical = typical_docs(model, corpus, n=n_docs, snippet=snippet)
    out: dict[int, list[dict[str, Any]]] = {}
    for row in typical.itertuples(index=False):
        date = "" if pd.isna(row.date) else pd.Timestamp(row.date).strftime("%Y-%m-%d")
        title = "" if pd.isna(row.title) else str(row.title)
        out.setdefault(int(row.topic), []).append(
            {"doc_id": str(row.doc_id), "title": title, "date": date,
             "share": _num(row.share, 4), "text": str(row.text)})
    return out


def explorer_data(model: TopicModel, corpus: pd.DataFrame, *, n_terms: int = 30,
                  n_docs: int = 3, lambda_: float = 0.6, snippet: int = 300,
                  colors: Callable[[int], str] | None = None) -> dict[str, Any]:
    """Return the data the explorer page embeds (what :func:`explorer_html` serialises).

    For every topic, in order of topic id (:func:`toolkit.topics.model.topic_ids`): its
    id, map position and prevalence, label, colour (by id), typical documents,
    and the candidate terms (``candidates``, indices into ``terms``) that are among its
    ``n_terms`` most relevant for some lambda in 0, 0.01, ..., 1, so the page can rank
    them for any position of the slider. ``terms`` holds each candidate's text, corpus
    count and p(w | t) for every topic (``beta``, one list of K per term, topics in the
    order of ``topics``), in dictionary order.

    Parameters are those of :func:`explorer_html`.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> from toolkit.topics import fit
    >>> c = from_frame(pd.DataFrame({"text": ["war peace treaty", "trade tariff market"] * 5}))
    >>> m = fit(c, 2, passes=5, no_below=1, no_above=1.0, min_tokens=1, cache=False)
    >>> d = explorer_data(m, c, n_terms=2, n_docs=1)
    >>> sorted(d), len(d["topics"]), len(d["topics"][0]["docs"])
    (['initial', 'model', 'terms', 'topics'], 2, 1)
    """
    validate_corpus(corpus)
    check_int("n_terms", n_terms, minimum=1)
    check_int("n_docs", n_docs, minimum=1)
    check_int("snippet", snippet, minimum=0)
    _check_lambda(lambda_)
    if colors is not None and not callable(colors):
        raise TypeError(f"colors={colors!r} has the wrong type {type(colors).__name__}; must "
                        "be a function of the topic id returning a colour string, or None")
    log_beta, log_pw, counts = _term_stats(model)
    k, v = log_beta.shape
    n = min(int(n_terms), v)
    candidates = [set() for _ in range(k)]
    lift = log_beta - log_pw
    for lam in _LAMBDAS:
        # the top n as _ranked orders them (ties to the smaller id), without a full sort:
        # rare words often tie exactly
        score = lam * log_beta + (1 - lam) * lift
        edge = np.partition(score, v - n, axis=1)[:, v - n]
        for t in range(k):
            pool = np.flatnonzero(score[t] >= edge[t])
            candidates[t].update(pool[np.lexsort((pool, -score[t, pool]))[:n]].tolist())
    ids = sorted(set().union(*candidates))
    local = {w: i for i, w in enumerate(ids)}
    positions, topic_id = _by_id(model)
    beta = model.topic_word_[positions]
    tmap = topic_map(model)
    names = labels(model, n=4)
    docs = _documents(model, corpus, n_docs, snippet)
    color = colors or _house_colors()
    topics = []
    for t, (pos, tid) in enumerate(zip(positions.tolist(), topic_id.tolist())):
        topics.append({"id": tid, "name": model.topic_names_[pos], "label": str(names[tid]),
                       "color": str(color(tid)), "x": _num(tmap.at[tid, "x"]),
                       "y": _num(tmap.at[tid, "y"]), "prevalence": _num(tmap.at[tid, "prevalence"]),
                       "candidates": sorted(local[w] for w in candidates[t]),
                       "docs": docs.get(tid, [])})
    terms = {"term": [model.dictionary_[w] for w in ids],
             "count": [int(counts[w]) for w in ids],
             # 9 digits tell any two float32 weights apart, so the page ranks as the model
             "beta": [[_num(beta[t, w], 9) for t in range(k)] for w in ids]}
    logger.info("explorer: %d topics, %d candidate terms of %d", k, len(ids), v)
    return {"model": {"num_topics": k, "n_documents": len(model.doc_ids_), "n_vocabulary": v,
                      "n_tokens": int(counts.sum()), "n_terms": n},
            "initial": {"topic": 0, "lambda": float(lambda_)},  # the smallest id
            "topics": topics, "terms": terms}


def _json(data: dict[str, Any]) -> str:
    """JSON safe inside ``<script>``: no ``<``, ``>``, ``&`` or ``/`` left unescaped."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=True, separators=(",", ":"),
                      allow_nan=False)
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("/", "\\/")):
        text = text.replace(char, code)
    return text


def explorer_html(model: TopicModel, corpus: pd.DataFrame, *, n_terms: int = 30,
                  n_docs: int = 3, lambda_: float = 0.6, snippet: int = 300,
                  title: str | None = None, colors: Callable[[int], str] | None = None) -> str:
    """Return a self-contained HTML page to explore a fitted topic model offline.

    Save it with ``toolkit.figures.save_artifact(page, "topics-explorer.html")`` (or any
    file writer) and open it in a browser; see the module notes for what it shows.

    Parameters
    ----------
    model
        A fitted :class:`~toolkit.topics.TopicModel`.
    corpus
        The Corpus table the model was fitted on, for the typical documents' titles,
        dates and text.
    n_terms
        Terms shown per topic.
    n_docs
        Typical documents shown per topic.
    lambda_
        The relevance weight the slider starts at (1: probability, 0: lift).
    snippet
        Characters of each typical document shown.
    title
        Heading of the page (default: "Topic explorer: K topics").
    colors
        Colour of each topic id (default: the house style's colour cycle, as
        :func:`toolkit.style.topic_color`, so the page matches the figures).

    Returns
    -------
    str
        The page; the same model and arguments give the same string.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> from toolkit.topics import fit
    >>> c = from_frame(pd.DataFrame({"text": ["war peace treaty", "trade tariff market"] * 5}))
    >>> m = fit(c, 2, passes=5, no_below=1, no_above=1.0, min_tokens=1, cache=False)
    >>> page = explorer_html(m, c, n_terms=3)
    >>> page.startswith("<!DOCTYPE html>"), page == explorer_html(m, c, n_terms=3)
    (True, True)
    >>> any(s in page for s in ("http:", "https:", "src=", "href="))
    False
    """
    check_type("title", title, (str, type(None)), "a string or None")
    data = explorer_data(model, corpus, n_terms=n_terms, n_docs=n_docs, lambda_=lambda_,
                         snippet=snippet, colors=colors)
    heading = title if title is not None else \
        f"Topic explorer: {data['model']['num_topics']} topics"
    folder = data_path("explorer")
    parts = {"TITLE": html.escape(heading),
             "CSS": (folder / "explorer.css").read_text(encoding="utf-8"),
             "JS": (folder / "explorer.js").read_text(encoding="utf-8"),
             "DATA": _json(data)}
    template = (folder / "explorer.html").read_text(encoding="utf-8")
    # one pass, so no part can be substituted into another
    return re.sub(r"\{\{(TITLE|CSS|JS|DATA)\}\}", lambda m: parts[m.group(1)], template)
