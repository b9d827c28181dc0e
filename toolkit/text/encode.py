"""Documents to integer ids, fast: the first step of :func:`toolkit.text.tokens`.

Token lists for topic models and coherence are prepared for corpora of a few hundred
million characters in well under 2 GiB: each document is turned into small integers as
soon as it is read (one id per distinct surface form), every later step (case
statistics, stop words, lemmas, phrases) works on the distinct forms or on one flat int32
array, and strings are only built at the end, each distinct token once, so the returned
lists share their str objects. :func:`tokenize` is the same split for one string.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import numpy as np
import pandas as pd

from toolkit._core.encoding import Vocabulary
from toolkit._core.progress import tqdm, tqdm_disable
from toolkit.schemas import validate_mentions

logger = logging.getLogger("toolkit.text")

__all__ = ["tokenize"]

# a word: dotted acronyms (U.S., U.N.), or runs of letters/digits joined by inner
# apostrophes or hyphens ("al-Assad", "don't", "non-aligned")
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\d+(?:[.,]\d+)+|\w+(?:['’\-]\w+)*")
_GAP, _SEP = -1, -2  # removed token (breaks phrases), document separator
_BREAK, _BREAK_ID = "\x00", 0  # the surface form standing for punctuation


def tokenize(text: str) -> list[str]:
    """Split ``text`` into word tokens, keeping case (the first step of ``tokens``).

    A token is a dotted acronym (``U.S.``) or a run of letters and digits with inner
    apostrophes or hyphens (``al-Assad``, ``don't``); punctuation is dropped. Plain
    :mod:`re` is used: nltk 3.10's regexp tokenizers route every pattern through a safety
    wrapper that is about 6 times slower.

    Examples
    --------
    >>> tokenize("U.S.-led strikes on al-Assad's forces cost $3.5 bn.")
    ['U.S.', 'led', 'strikes', 'on', "al-Assad's", 'forces', 'cost', '3.5', 'bn']
    """
    if not isinstance(text, str):
        raise TypeError(f"tokenize expects a str, not {type(text).__name__}")
    return _TOKEN.findall(text)


class _ChunkIds(dict):
    """Whitespace-separated chunk -> its surface-form ids, computed once per chunk.

    Splitting on white space and finding the distinct chunks of a batch of documents
    is done by Arrow in C++, and most chunks repeat ("nations,"), so the regular
    expression runs once per distinct chunk instead of once per token. The ids of all
    chunks live in one growing array (``flat``, with ``start``/``length`` per chunk) so
    that a batch is expanded to token ids with numpy.
    """

    def __init__(self, vocab: Vocabulary) -> None:
        super().__init__()
        self.getter = vocab.__getitem__
        self.flat: list[int] = []
        self.start: list[int] = []
        self.length: list[int] = []
        self._arrays = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int32))

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``start``, ``length`` and ``flat`` as numpy arrays (extended, not rebuilt)."""
        start, length, flat = self._arrays
        if len(start) < len(self.start) or len(flat) < len(self.flat):
            start = np.r_[start, np.asarray(self.start[len(start):], dtype=np.int64)]
            length = np.r_[length, np.asarray(self.length[len(length):], dtype=np.int64)]
            flat = np.r_[flat, np.asarray(self.flat[len(flat):], dtype=np.int32)]
            self._arrays = (start, length, flat)
        return start, length, flat

    def ids(self, chunk: str) -> list[int]:
        # OCR hyphens: "reso¬lution" (a not sign) and soft hyphens
        clean = chunk.replace("\u00ac", "").replace("\u00ad", "")
        ids = list(map(self.getter, _TOKEN.findall(clean)))
        # punctuation before or after a word ("met.", "(IS", "“Strong") ends a phrase
        if clean and not clean[-1].isalnum():
            ids.append(_BREAK_ID)
        if clean and not clean[0].isalnum():
            ids.insert(0, _BREAK_ID)
        return ids

    def __missing__(self, chunk: str) -> int:
        ids = self.ids(chunk)
        value = self[chunk] = len(self.start)
        self.start.append(len(self.flat))
        self.length.append(len(ids))
        self.flat.extend(ids)
        return value


def _encode_batch(texts: Any, chunks: _ChunkIds) -> tuple[np.ndarray, np.ndarray]:
    """Surface-form ids of a batch of texts (one flat array) and the count per text."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = texts if isinstance(texts, (pa.Array, pa.ChunkedArray)) else pa.array(
        list(texts), type=pa.large_string())
    split = pc.utf8_split_whitespace(arr)
    if isinstance(split, pa.ChunkedArray):
        split = split.combine_chunks()
    per_text = np.diff(np.asarray(split.offsets, dtype=np.int64))
    encoded = pc.dictionary_encode(split.flatten())
    local = np.fromiter(map(chunks.__getitem__, encoded.dictionary.to_pylist()),
                        dtype=np.int64, count=len(encoded.dictionary))
    chunk = local[np.asarray(encoded.indices, dtype=np.int64)] if len(local) else \
        np.zeros(0, dtype=np.int64)
    all_start, all_length, all_flat = chunks.arrays()
    start, length = all_start[chunk], all_length[chunk]
    # ragged gather: token k of chunk c is flat[start[c] + k]
    ends = np.cumsum(length)
    total = int(ends[-1]) if len(ends) else 0
    take = np.arange(total, dtype=np.int64) + np.repeat(start - (ends - length), length)
    ids = all_flat[take]
    chunk_ends = np.cumsum(per_text)
    token_ends = np.r_[0, ends][chunk_ends]
    return ids, np.diff(np.r_[0, token_ends])


def _encode_documents(corpus: pd.DataFrame, mentions: pd.DataFrame | None,
                      progress: bool | None, batch: int = 256
                      ) -> tuple[np.ndarray, np.ndarray, Vocabulary, set[int]]:
    """Read every document into one flat int32 array of surface-form ids.

    Each document is followed by ``_SEP``; id 0 stands for punctuation (it breaks phrases);
    a mention span becomes one protected id. Returns the array, the start of each document
    in it, the vocabulary (surface form -> id) and the protected ids.
    """
    vocab = Vocabulary()
    vocab[_BREAK]  # id 0
    chunks = _ChunkIds(vocab)
    protected: set[int] = set()
    spans = {} if mentions is None else _mention_spans(mentions, set(corpus["doc_id"]))
    column = corpus["text"]
    arrow = getattr(column.array, "_pa_array", None)  # pandas' Arrow-backed strings
    pieces: list[np.ndarray] = []
    counts: list[np.ndarray] = []
    bar = tqdm(total=len(corpus), desc="tokens", disable=tqdm_disable(progress), leave=False)
    for lo in range(0, len(corpus), batch):
        hi = min(lo + batch, len(corpus))
        ids = corpus["doc_id"].iloc[lo:hi]
        if spans and any(d in spans for d in ids):
            for doc_id, text in zip(ids, column.iloc[lo:hi]):
                arr = np.asarray(_encode_with_mentions(text, spans.get(doc_id, []), chunks,
                                                       vocab, protected), dtype=np.int32)
                pieces.append(arr)
                counts.append(np.array([len(arr)], dtype=np.int64))
        else:
            part = arrow.slice(lo, hi - lo) if arrow is not None else column.iloc[lo:hi]
            arr, per_text = _encode_batch(part, chunks)
            pieces.append(arr)
            counts.append(per_text)
        bar.update(hi - lo)
    bar.close()
    logger.debug("tokens: %d distinct chunks, %d distinct forms", len(chunks), len(vocab))
    del chunks
    flat, starts = _with_separators(pieces, counts)
    return flat, starts, vocab, protected


def _with_separators(pieces: list[np.ndarray], counts: list[np.ndarray]
                     ) -> tuple[np.ndarray, np.ndarray]:
    """Lay the documents' ids out in one array with ``_SEP`` after each; return its starts."""
    tok = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int32)
    pieces.clear()  # the caller's list: free the pieces as soon as they are copied
    per_doc = np.concatenate(counts) if counts else np.zeros(0, dtype=np.int64)
    starts = np.r_[0, np.cumsum(per_doc + 1)[:-1]].astype(np.int64)
    flat = np.full(len(tok) + len(per_doc), _SEP, dtype=np.int32)
    flat[np.arange(len(tok)) + np.repeat(np.arange(len(per_doc)), per_doc)] = tok
    return flat, starts


def _encode_with_mentions(text: str, doc_spans: list[tuple[int, int, str]], chunks: _ChunkIds,
                          vocab: Vocabulary, protected: set[int]) -> list[int]:
    """Ids of one text whose mention spans become single protected ids."""
    out: list[int] = []
    prev = 0
    for start, end, token in doc_spans + [(len(text), len(text), "")]:
        for chunk in text[prev:start].split():
            c = chunks[chunk]
            out.extend(chunks.flat[chunks.start[c]:chunks.start[c] + chunks.length[c]])
        if token:
            tid = vocab[token]
            protected.add(tid)
            # a mention is a unit of its own: nothing joins it to its neighbours
            out.append(tid)
        prev = end
    return out


def _mention_spans(mentions: pd.DataFrame, doc_ids: set[str]
                   ) -> dict[str, list[tuple[int, int, str]]]:
    """Per document, the non-overlapping mention spans and their ``@actor`` tokens."""
    validate_mentions(mentions, ["doc_id", "start", "end", "actor"])
    m = mentions[mentions["doc_id"].isin(doc_ids)].sort_values(["doc_id", "start", "end"])
    out: dict[str, list[tuple[int, int, str]]] = {}
    overlapping = 0
    for doc_id, start, end, actor in zip(m["doc_id"], m["start"].astype(int),
                                         m["end"].astype(int), m["actor"].astype(str)):
        spans = out.setdefault(doc_id, [])
        if spans and start < spans[-1][1]:
            overlapping += 1  # keep the first (longest-first order is the engine's job)
            continue
        spans.append((start, end, "@" + actor.replace(" ", "_")))
    if overlapping:
        logger.info("tokens: ignored %d mentions overlapping an earlier mention", overlapping)
    return out
