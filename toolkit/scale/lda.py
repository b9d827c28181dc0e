"""Topic models at scale: the dictionary and the bag of words streamed from disk.

:func:`fit_topics` fits the model :func:`toolkit.topics.fit` fits, without holding the
texts or the token lists of the corpus in memory:

1. each partition is split into the units a model reads
   (:func:`toolkit.topics.model_units`) and tokenised (:func:`toolkit.topics.tokenize`);
   its tokens go to a Parquet file and into one gensim ``Dictionary`` built
   incrementally (``add_documents``: the same ids and counts as built at once);
2. the dictionary is filtered as :func:`toolkit.topics.dictionary.build_dictionary`
   filters it (``filter_extremes``, then the words nearly every parent document uses);
3. each partition's bag of words is serialised as a gensim ``MmCorpus`` file;
4. gensim's ``LdaModel`` is trained (by the model's own step, which calls
   :func:`toolkit.topics.training.train_lda`: the same start, settings, and passes and
   offset chosen from the number of chunks) on a corpus that streams those files;
5. each partition's document-topic shares are inferred and written to Parquet.

What still needs memory: the dictionary, the model (K x V), and for the NMF (default) and
NNDSVD starts a sparse matrix of the training documents (about 12 bytes per distinct
word of each document); ``init="random"`` needs none. Tokens depend on the partition in one
respect: a capitalised word is lemmatised when the same word is mostly lowercase *in the
partition* (:func:`toolkit.text.tokens` counts case over the corpus it is given), so
partitions of a few thousand documents give the same tokens but for rare words.
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from gensim.corpora import Dictionary, MmCorpus

from toolkit._core import DEFAULT_SEED, check_choice, check_int, check_number
from toolkit.corpus.stream import DEFAULT_ROWS, stream
from toolkit.topics import TopicModel, model_units, tokenize
from toolkit.topics.dictionary import auto_no_below, check_num_topics
from toolkit.topics.training import infer_shares, permute_topics, prevalence_order
from toolkit.topics.units import LONG_DOCUMENT_CHARS

logger = logging.getLogger("toolkit.scale")

__all__ = ["StreamedCorpus", "StreamedTopics", "fit_topics"]


class StreamedCorpus:
    """The training documents of a run, read from its ``MmCorpus`` files one at a time.

    Iterable any number of times, with a length: what gensim's ``LdaModel`` needs.
    """

    def __init__(self, files: list[Path], weights: list[np.ndarray], min_tokens: int) -> None:
        self.files, self.weights, self.min_tokens = files, weights, min_tokens
        self.length = int(sum(int((w >= min_tokens).sum()) for w in weights))

    def __len__(self) -> int:
        return self.length

    def __iter__(self) -> Iterator[list[tuple[int, float]]]:
        for file, weights in zip(self.files, self.weights):
            for doc, weight in zip(MmCorpus(str(file)), weights.tolist()):
                if weight >= self.min_tokens:
                    yield doc


@dataclass
class StreamedTopics:
    """A topic model fitted on a streamed corpus.

    Attributes
    ----------
    model
        A :class:`toolkit.topics.TopicModel` with ``lda_``, ``dictionary_``,
        ``topic_ids_`` and ``topic_names_``: :func:`toolkit.topics.top_terms` works on it.
    shares_path
        The folder of Parquet files (one per partition) with the document-topic shares,
        as :func:`toolkit.topics.doc_topics` gives them.
    """

    model: TopicModel
    shares_path: Path

    def doc_topics(self) -> pd.DataFrame:
        """Read every partition's document-topic shares (indexed by ``doc_id``)."""
        shares = pd.read_parquet(self.shares_path)
        shares.columns = pd.Index([int(c) for c in shares.columns], name="topic")
        return shares


def _auto_unit(source: str | os.PathLike, rows: int, load: dict[str, Any]) -> str:
    """``unit="auto"`` for the whole corpus: paragraphs when its median text is long."""
    lengths, paragraphs = [], False
    for _, corpus in stream(source, rows=rows, **load):
        paragraphs |= "parent_id" in corpus.columns
        lengths.append(corpus["text"].str.len().to_numpy())
    long = not paragraphs and float(np.median(np.concatenate(lengths))) >= LONG_DOCUMENT_CHARS
    return "paragraph" if long else "document"


def fit_topics(source: str | os.PathLike, num_topics: int = 20, *, out: str | os.PathLike,
               seed: int = DEFAULT_SEED, unit: str = "auto", min_chars: int = 100,
               rows: int = DEFAULT_ROWS, load: dict[str, Any] | None = None,
               **options: Any) -> StreamedTopics:
    """Fit an LDA topic model to a corpus on disk, streaming the bag of words from ``out``.

    Parameters
    ----------
    source
        A corpus on disk (:func:`toolkit.corpus.stream.stream` reads it by partition).
    num_topics, seed, unit, min_chars
        As in :func:`toolkit.topics.fit`.
    out
        A folder for the tokens, the ``MmCorpus`` files and the document-topic shares.
    rows, load
        Documents per partition; options of :func:`toolkit.corpus.load`.
    **options
        Parameters of :class:`toolkit.topics.TopicModel` (``passes``, ``no_below``,
        ``no_above``, ``min_tokens``, ``init``...; not ``seed_words``).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> texts = ["Nuclear weapons, disarmament and the treaty on nuclear arms."] * 6 + [
    ...     "Trade, markets, tariffs and economic growth in the markets."] * 6
    >>> pd.DataFrame({"text": texts}).to_csv(folder / "c.csv", index=False)
    >>> fitted = fit_topics(folder / "c.csv", 2, out=folder / "run", rows=5, passes=5,
    ...                     no_below=1, no_above=1.0, min_tokens=1)
    >>> from toolkit.topics import top_terms
    >>> sorted(top_terms(fitted.model, n=1)["term"])
    ['market', 'nuclear']
    """
    check_int("num_topics", num_topics, minimum=1)
    check_choice("unit", unit, ["auto", "paragraph", "document"])
    if options.get("seed_words"):
        raise ValueError("seed_words are not supported by fit_topics yet; use topics.fit")
    model = TopicModel(num_topics, seed=seed, **options)
    p = model.get_params()
    check_number("no_above", p["no_above"], minimum=0, maximum=1, inclusive=(False, True))
    check_int("min_tokens", p["min_tokens"], minimum=0)
    load = dict(load or {})
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    if unit == "auto":
        unit = _auto_unit(source, rows, load)
    dictionary, n_par, n_parents, n_docs, n_parts, split = _first_pass(
        source, folder, unit, min_chars, rows, load)
    no_below = auto_no_below(n_docs) if p["no_below"] is None else p["no_below"]
    _filter(dictionary, n_par, n_parents, no_below=no_below,
            no_above=p["no_above"], keep_n=p["keep_n"], share=p["no_above_parent"])
    files, weights = [], []
    for k in range(n_parts):
        tokens = pd.read_parquet(folder / "tokens" / f"part-{k:05d}.parquet")["tokens"]
        bow = [dictionary.doc2bow(list(t)) for t in tokens]
        files.append(folder / "bow" / f"part-{k:05d}.mm")
        files[-1].parent.mkdir(exist_ok=True)
        MmCorpus.serialize(str(files[-1]), bow, id2word=dictionary)
        weights.append(np.array([sum(c for _, c in b) for b in bow], dtype=np.int64))
    train = StreamedCorpus(files, weights, p["min_tokens"])
    logger.info("fit_topics: %d of %d units have %d tokens or more and train the model",
                len(train), n_docs, p["min_tokens"])
    if len(train) < 2:
        raise ValueError(f"only {len(train)} documents have min_tokens={p['min_tokens']} "
                         "tokens or more; need at least 2")
    check_num_topics(int(num_topics), len(train), len(dictionary), no_below=no_below)
    # the model's own training step: the same settings, and the same passes and offset
    # chosen from the number of chunks when they are None (the defaults)
    lda, _ = model.train_bow(dictionary, train)
    order = _infer(lda, files, folder, seed, n_parts)
    permute_topics(lda, order)
    _write_shares(folder, files, weights, order, n_parts, split)
    model.dictionary_, model.lda_ = dictionary, lda
    model.topic_ids_ = np.arange(lda.num_topics)
    model.topic_names_ = [f"topic {t}" for t in range(lda.num_topics)]
    # the shares are on disk (StreamedTopics.doc_topics), not in memory: no rows here
    model.theta_ = np.zeros((0, lda.num_topics))
    model.doc_ids_, model.parent_ids_, model.weights_ = [], [], np.zeros(0, np.int64)
    return StreamedTopics(model, folder / "shares")


def _first_pass(source: str | os.PathLike, folder: Path, unit: str, min_chars: int, rows: int,
                load: dict[str, Any]) -> tuple[Dictionary, Counter, int, int, int, bool]:
    """Tokenise every partition, write its tokens, grow the dictionary, count parents."""
    dictionary, n_par = Dictionary(), Counter()
    n_parents = n_docs = n_parts = 0
    split = parents_given = False
    (folder / "tokens").mkdir(exist_ok=True)
    for part, corpus in stream(source, rows=rows, **load):
        units = model_units(corpus, unit, min_chars=min_chars)
        # as topics.fit: parents (for the ubiquitous-word filter) when the units have them,
        # shares added up to documents only when model_units split them here
        split = split or (bool(units.attrs.get("split")) and units is not corpus)
        parents_given = parents_given or "parent_id" in units.columns
        toks = [list(t) for t in tokenize(units)]
        parents = units["parent_id"].astype(str).tolist() if "parent_id" in units else \
            units["doc_id"].astype(str).tolist()
        pd.DataFrame({"doc_id": units["doc_id"].astype(str).tolist(), "parent_id": parents,
                      "tokens": toks}).to_parquet(
            folder / "tokens" / f"part-{part.index:05d}.parquet", index=False)
        dictionary.add_documents(toks)
        words: dict[str, set[str]] = {}
        for doc, parent in zip(toks, parents):
            words.setdefault(parent, set()).update(doc)
        for ws in words.values():
            n_par.update(ws)
        n_parents += len(words)
        n_docs += len(toks)
        n_parts += 1
    return dictionary, n_par, n_parents if parents_given else 0, n_docs, n_parts, split


def _filter(dictionary: Dictionary, n_par: Counter, n_parents: int, *, no_below: int,
            no_above: float, keep_n: int, share: float | None) -> None:
    """Filter as :func:`toolkit.topics.dictionary.build_dictionary` does, in place."""
    before = len(dictionary)
    dictionary.filter_extremes(no_below=no_below, no_above=no_above, keep_n=keep_n)
    logger.info("dictionary: kept %d of %d terms (no_below=%d, no_above=%.2f, keep_n=%d)",
                len(dictionary), before, no_below, no_above, keep_n)
    if len(dictionary) < 2:
        raise ValueError(f"only {len(dictionary)} terms left after filter_extremes("
                         f"no_below={no_below}, no_above={no_above}); lower no_below or raise "
                         "no_above")
    if share is None or n_parents < 2:
        return
    bad = sorted(i for w, i in dictionary.token2id.items() if n_par[w] > share * n_parents)
    if bad:
        logger.info("dictionary: removed %d terms used in more than %.0f%% of the %d parent "
                    "documents: %s", len(bad), 100 * share, n_parents,
                    ", ".join(dictionary[i] for i in bad[:30]))
        dictionary.filter_tokens(bad_ids=bad)


def _infer(lda: Any, files: list[Path], folder: Path, seed: int, n_parts: int) -> np.ndarray:
    """Infer the shares of every partition (one random stream across them, as one call of
    :func:`toolkit.topics.training.infer_shares` over all documents draws), write them
    by position; return the topic order by prevalence."""
    lda.random_state = np.random.RandomState(seed)
    sums, n = np.zeros(lda.num_topics), 0
    for k in range(n_parts):
        bow = list(MmCorpus(str(files[k])))
        theta = infer_shares(lda, bow, seed=None)  # the stream seeded above, continued
        np.save(folder / "bow" / f"theta-{k:05d}.npy", theta)
        sums += theta.sum(axis=0)
        n += len(theta)
    return prevalence_order(sums[None, :] / max(n, 1), 0)


def _write_shares(folder: Path, files: list[Path], weights: list[np.ndarray],
                  order: np.ndarray, n_parts: int, split: bool) -> None:
    """Document shares by topic id; paragraphs added up to their documents, weighted by
    their tokens, as :func:`toolkit.topics.doc_topics` does."""
    (folder / "shares").mkdir(exist_ok=True)
    for k in range(n_parts):
        theta = np.load(folder / "bow" / f"theta-{k:05d}.npy")[:, order]
        meta = pd.read_parquet(folder / "tokens" / f"part-{k:05d}.parquet",
                               columns=["doc_id", "parent_id"])
        columns = [str(t) for t in range(theta.shape[1])]
        if not split:
            out = pd.DataFrame(theta, index=pd.Index(meta["doc_id"], name="doc_id"),
                               columns=columns)
        else:
            codes, uniques = pd.factorize(meta["parent_id"])
            w = weights[k].astype(np.float64)
            empty = np.bincount(codes, weights=w, minlength=len(uniques)) == 0
            w = np.where(empty[codes], 1.0, w)
            sums = np.zeros((len(uniques), theta.shape[1]))
            np.add.at(sums, codes, theta * w[:, None])
            out = pd.DataFrame(sums / sums.sum(axis=1, keepdims=True), columns=columns,
                               index=pd.Index(np.asarray(uniques).astype(str), name="doc_id"))
        out.to_parquet(folder / "shares" / f"part-{k:05d}.parquet")
