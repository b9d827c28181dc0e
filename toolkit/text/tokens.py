"""Token lists for topic models and coherence (part of :mod:`toolkit.text`).

The public names are re-exported by :mod:`toolkit.text`; import them from there.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from toolkit._core import check_choice, data_path
from toolkit._core.encoding import Vocabulary
from toolkit._core.progress import tqdm_disable
from toolkit.schemas import validate_corpus
from toolkit.text.phrases import (  # noqa: F401
    _PHRASE_COLUMNS,
    _decode,
    _detect,
    _join_phrases,
    detect_phrases,
)

# --------------------------------------------------------------------------- tokens
# Everything below prepares token lists for topic models and coherence. It is written
# for corpora of a few hundred million characters in well under 2 GiB: each document is
# turned into small integers as soon as it is read (one id per distinct surface form),
# every later step (case statistics, stop words, lemmas, phrases) works on the distinct
# forms or on one flat int32 array, and strings are only built at the end, each distinct
# token once, so the returned lists share their str objects.

logger = logging.getLogger("toolkit.text")

#: The stop-word lists shipped in ``toolkit/data/stopwords`` (pass their names to
#: :func:`tokens`): ``"english"`` (general English) and ``"diplomatic"`` (forms of
#: address, Assembly procedure, courtesy formulae). Each file documents its groups.
STOPWORD_LISTS: tuple[str, ...] = ("english", "diplomatic")
_STOPWORD_DIR = data_path("stopwords")

# a word: dotted acronyms (U.S., U.N.), or runs of letters/digits joined by inner
# apostrophes or hyphens ("al-Assad", "don't", "non-aligned")
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\d+(?:[.,]\d+)+|\w+(?:['’\-]\w+)*")
_NUMBER = re.compile(r"^[\d.,'’\-]*\d[\d.,'’\-]*(?:st|nd|rd|th|s)?$")
_GAP, _SEP = -1, -2  # removed token (breaks phrases), document separator
_BREAK, _BREAK_ID = "\x00", 0  # the surface form standing for punctuation


def tokenize(text: str) -> list[str]:
    """Split ``text`` into word tokens, keeping case (the first step of :func:`tokens`).

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


def load_stopwords(lists: str | Iterable[str] = STOPWORD_LISTS) -> frozenset[str]:
    """Read stop-word lists by name (see :data:`STOPWORD_LISTS`) or file path.

    Files hold one entry per line; ``#`` starts a comment; an entry with spaces is a
    phrase (its words are removed only in that order). Entries are lowercased.

    Examples
    --------
    >>> words = load_stopwords()
    >>> {"the", "excellency", "general debate"} <= words, "nations" in words
    (True, False)
    >>> load_stopwords("klingon")
    Traceback (most recent call last):
    ...
    ValueError: lists='klingon' is invalid; must be one of 'english', 'diplomatic' or a path to a word-list file
    """
    if isinstance(lists, (str, Path)):
        lists = [lists]
    words: set[str] = set()
    for item in lists:
        path = _STOPWORD_DIR / f"{item}.txt" if item in STOPWORD_LISTS else Path(item)
        if not path.is_file():
            names = ", ".join(repr(n) for n in STOPWORD_LISTS)
            raise ValueError(f"lists={str(item)!r} is invalid; must be one of {names} "
                             "or a path to a word-list file")
        for line in path.read_text(encoding="utf-8").splitlines():
            entry = " ".join(line.split("#", 1)[0].lower().split())
            if entry:
                words.add(entry)
    return frozenset(words)


# Rule-based English noun lemmas (plural folding). WordNet, when its data is installed,
# knows every irregular noun; these rules cover the regular plurals and the irregular
# ones that matter in political text, and leave alone what looks singular.
_IRREGULAR = {
    "children": "child", "men": "man", "women": "woman", "people": "people",
    "crises": "crisis", "analyses": "analysis", "bases": "base", "theses": "thesis",
    "hypotheses": "hypothesis", "criteria": "criterion", "phenomena": "phenomenon",
    "data": "data", "media": "media", "feet": "foot", "teeth": "tooth", "mice": "mouse",
    "lives": "life", "wives": "wife", "knives": "knife", "selves": "self",
    "halves": "half", "thieves": "thief", "leaves": "leaf", "wolves": "wolf",
    "shelves": "shelf", "heroes": "hero", "vetoes": "veto", "echoes": "echo",
    "embargoes": "embargo", "potatoes": "potato", "tomatoes": "tomato",
    "torpedoes": "torpedo", "dies": "die", "ties": "tie", "lies": "lie", "pies": "pie",
    "series": "series", "species": "species", "means": "means", "news": "news",
    "headquarters": "headquarters", "arms": "arms",
    "negotiations": "negotiation", "goods": "goods", "aids": "aids", "alms": "alms",
    "premises": "premises", "thanks": "thanks", "rights": "rights", "affairs": "affairs",
    "talks": "talks", "forces": "forces", "troops": "troops", "customs": "customs",
    "relations": "relations", "politics": "politics", "sanctions": "sanctions", "sometimes": "sometimes",
    "whereas": "whereas", "perhaps": "perhaps", "always": "always", "towards": "towards",
    "afterwards": "afterwards", "besides": "besides", "nevertheless": "nevertheless",
}
# singular words that end like plurals: -ss, -us, -is, -ics, -ous, -ness and these
_NOT_PLURAL = frozenset("""
as gas alias bias atlas canvas christmas pancreas texas kansas arkansas honduras caracas
bahamas barbados comoros seychelles philippines netherlands maldives grenadines nevis
emirates brussels athens paris wales tunis laos lagos cyprus mauritius belarus vanuatu
kiribati tuvalu ares los angeles dallas las vegas carlos marcos jesus moses xerxes habeas
this his its yes was has does goes always perhaps thus us is afterwards
lens series species chaos ethos pathos cosmos kudos rhinoceros
""".split())


# fields of study end in -ics and are singular; other -ics words are plurals (critics)
_ICS_FIELDS = frozenset("""
economics politics geopolitics physics mathematics ethics logistics dynamics genetics
linguistics electronics athletics aeronautics informatics robotics statistics semantics
aesthetics acoustics optics demographics metaphysics gymnastics hydraulics graphics
""".split())


def lemmatize(word: str) -> str:
    """Return the singular of an English noun by rule (no downloaded data needed).

    Folds regular plurals (``nations`` -> ``nation``, ``countries`` -> ``country``,
    ``taxes`` -> ``tax``) and the irregular plurals common in political text
    (``crises`` -> ``crisis``, ``women`` -> ``woman``); leaves words that only look
    plural (``status``, ``crisis``, ``economics``, ``various``, ``bahamas``). Verbs are
    not folded: ``says`` -> ``say`` is right, but the rules cannot tell ``states`` the
    noun from the verb, which is why :func:`tokens` keeps capitalised forms (``United
    States``) as they are.

    Examples
    --------
    >>> [lemmatize(w) for w in ["nations", "countries", "crises", "taxes", "status",
    ...                         "economics", "policies", "processes", "ties", "women"]]
    ['nation', 'country', 'crisis', 'tax', 'status', 'economics', 'policy', 'process', 'tie', 'woman']
    """
    w = word
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) <= 3 or not w.endswith("s") or w in _NOT_PLURAL or "'" in w:
        return w
    if w.endswith(("ss", "us", "is", "ous", "ness", "sis")) or w in _ICS_FIELDS:
        return w
    if w.endswith("ies"):
        return w[:-3] + ("ie" if len(w) <= 5 else "y")
    if w.endswith(("sses", "xes", "zzes", "ches", "shes")):
        return w[:-2]
    if w.endswith("ses") and len(w) > 5 and w[-4] in "aeiou" and w[-5] not in "aeiou":
        # purposes, cases, uses, responses keep their e; buses, gases lose it
        return w[:-1]
    return w[:-1]


def _wordnet_lemmatizer() -> Callable[[str], str] | None:
    """nltk's WordNet noun lemmatiser when its data is installed, else ``None``."""
    # importing nltk takes seconds: look for the data where nltk would, first
    roots = [p for p in os.environ.get("NLTK_DATA", "").split(os.pathsep) if p]
    roots += [str(Path.home() / "nltk_data")] + [
        os.path.join(base, sub) for base in (sys.prefix, "/usr", "/usr/local")
        for sub in ("nltk_data", "share/nltk_data", "lib/nltk_data")]
    if not any(os.path.exists(os.path.join(r, "corpora", name)) for r in roots
               for name in ("wordnet", "wordnet.zip")):
        return None
    try:
        import nltk
        from nltk.stem import WordNetLemmatizer

        nltk.data.find("corpora/wordnet.zip" if not any(
            os.path.exists(os.path.join(r, "corpora", "wordnet")) for r in roots)
            else "corpora/wordnet")
        lemmatizer = WordNetLemmatizer()
        lemmatizer.lemmatize("nations")  # fails here if the data is unreadable
    except (LookupError, OSError):
        return None
    return lemmatizer.lemmatize


def _lemmatizer(kind: str) -> Callable[[str], str] | None:
    check_choice("lemmatize", kind, ["auto", "rules", "wordnet", "none"])
    if kind == "none":
        return None
    if kind == "rules":
        return lemmatize
    wordnet = _wordnet_lemmatizer()
    if wordnet is None and kind == "wordnet":
        raise ValueError("lemmatize='wordnet' needs nltk's WordNet data, which is not "
                         "installed (nltk.download('wordnet')); use 'auto' or 'rules'")
    if wordnet is None:
        logger.debug("nltk WordNet data not installed; using rule-based lemmas")
        return lemmatize
    return wordnet


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


def _encode(corpus: pd.DataFrame, mentions: pd.DataFrame | None,
            progress: bool | None, batch: int = 256
            ) -> tuple[np.ndarray, np.ndarray, Vocabulary, set[int]]:
    """Read every document into one flat int32 array of surface-form ids.

    Each document is followed by ``_SEP``; a mention span becomes one protected id.
    Returns the array, the start of each document in it, the vocabulary and the
    protected ids.
    """
    vocab = Vocabulary()
    vocab[_BREAK]  # id 0
    chunks = _ChunkIds(vocab)
    protected: set[int] = set()
    spans: dict[str, list[tuple[int, int, str]]] = {}
    if mentions is not None:
        spans = _mention_spans(mentions, set(corpus["doc_id"]))
    column = corpus["text"]
    texts = column.array
    arrow = getattr(texts, "_pa_array", None)  # pandas' Arrow-backed strings
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
    tok = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int32)
    del pieces
    per_doc = np.concatenate(counts) if counts else np.zeros(0, dtype=np.int64)
    # lay the documents out with one separator after each
    starts = np.r_[0, np.cumsum(per_doc + 1)[:-1]].astype(np.int64)
    flat = np.full(len(tok) + len(per_doc), _SEP, dtype=np.int32)
    flat[np.arange(len(tok)) + np.repeat(np.arange(len(per_doc)), per_doc)] = tok
    return flat, starts, vocab, protected


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


def _compact(ids: np.ndarray, starts: np.ndarray
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Drop removed tokens and separators from a flat id array.

    Returns the kept ids, ``adjacent`` (``adjacent[i]``: token ``i + 1`` directly
    followed token ``i`` in the document, nothing removed between) and the number of
    kept tokens per document.
    """
    pos = np.flatnonzero(ids >= 0)
    tok = ids[pos]
    adjacent = np.diff(pos) == 1
    doc = np.searchsorted(starts, pos, side="right") - 1
    lengths = np.bincount(doc, minlength=len(starts)).astype(np.int64)
    return tok, adjacent, lengths


def _mention_spans(mentions: pd.DataFrame, doc_ids: set[str]
                   ) -> dict[str, list[tuple[int, int, str]]]:
    """Per document, the non-overlapping mention spans and their ``@actor`` tokens."""
    if not isinstance(mentions, pd.DataFrame):
        raise TypeError(f"mentions must be a Mentions DataFrame, not {type(mentions).__name__}")
    missing = [c for c in ("doc_id", "start", "end", "actor") if c not in mentions.columns]
    if missing:
        raise ValueError(f"mentions is missing columns {missing}; expected the Mentions "
                         "table of toolkit.actors.find_mentions")
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


def _case_key(form: str) -> str:
    """The lowercase key of a surface form: dots of acronyms and possessives removed."""
    key = form.lower().replace("’", "'")
    key = key.removesuffix("'s")
    if "." in key and not key[:1].isdigit():  # U.S. -> us, but 3.5 stays
        key = key.replace(".", "")
    return key.strip("'")


def tokens(
    corpus: pd.DataFrame,
    *,
    stopwords: str | Iterable[str] | None = STOPWORD_LISTS,
    extra_stopwords: Iterable[str] = (),
    keep: Iterable[str] = (),
    lemmatize: Literal["auto", "rules", "wordnet", "none"] = "auto",
    numbers: Literal["drop", "keep", "token"] = "drop",
    min_length: int = 2,
    phrases: bool | Mapping[str, Any] | pd.DataFrame | None = True,
    mentions: pd.DataFrame | None = None,
    progress: bool | None = None,
) -> pd.Series:
    """Turn every document of ``corpus`` into a list of normalised tokens.

    The steps, each reported through logging (what was removed and how much):

    1. tokenise with :func:`tokenize` (punctuation dropped); with ``mentions``, each
       mention span becomes one token ``"@" + actor`` (``@RUS``, ``@barack_obama``) that
       is never lemmatised, dropped as a stop word or joined into a phrase;
    2. lowercase; dotted acronyms lose their dots (``U.S.`` -> ``us``), possessives their
       ``'s``; numbers are dropped, kept, or replaced by ``"#num"`` (``numbers``);
    3. drop stop words, checked on the word and on its lemma; phrase entries (``"like
       to"``, ``"general debate"``) are removed where their words occur in that order.
       All-caps words of 2 to 4 letters are acronyms and never stop words (``US``,
       ``UN``, ``WHO``, ``IS``);
    4. lemmatise nouns (WordNet when its data is installed, else :func:`lemmatize`'s
       rules). A capitalised form is lemmatised only when the same word is mostly
       lowercase in the corpus, so sentence-initial "Countries" folds to ``country``
       while "United States" and "Nations" stay as written;
    5. join frequent bigrams into phrases (``united_nations``, ``security_council``,
       ``human_rights``) with :func:`detect_phrases`; a removed word or a punctuation
       mark between two tokens keeps them from being joined.

    Parameters
    ----------
    corpus
        A Corpus table.
    stopwords
        Stop-word list names (:data:`STOPWORD_LISTS`), file paths, or ``None`` for none.
    extra_stopwords
        More stop words (or phrases with spaces), e.g. ``["sotu", "congress"]``.
    keep
        Words never removed as stop words (checked on the lowercase word).
    lemmatize
        ``"auto"`` (WordNet if installed, else rules), ``"rules"``, ``"wordnet"`` or
        ``"none"``.
    numbers
        ``"drop"`` pure numbers (``2015``, ``3.5``, ``21st``), ``"keep"`` them, or
        replace each by the token ``"#num"``.
    min_length
        Shorter words are dropped (actor tokens are kept whatever their length).
    phrases
        ``True`` detects phrases with :func:`detect_phrases` defaults; a dict of its
        options (``{"min_count": 20, "threshold": 10}``); a phrase table from an earlier
        :func:`detect_phrases` or ``tokens(...).attrs["phrases"]`` to apply as it is; or
        ``False`` (``None``, the ``attrs["phrases"]`` of tokens made without phrases, too).
    mentions
        A Mentions table (``doc_id``, ``start``, ``end``, ``actor``; see
        :func:`toolkit.actors.find_mentions`).
    progress
        Show a progress bar (default: only on a terminal).

    Returns
    -------
    pandas.Series
        One list of str per document, indexed by ``doc_id`` in corpus order (documents
        left without tokens keep an empty list). ``attrs["phrases"]`` holds the phrase
        table used and ``attrs["report"]`` the counts of what was removed.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> c = from_frame(pd.DataFrame({"doc_id": ["a"], "text": [
    ...     "Mr. President, I would like to thank the Member States of the United "
    ...     "Nations: 193 countries stand for human rights."]}))
    >>> tokens(c, phrases=False)["a"]
    ['member', 'states', 'united', 'nations', 'country', 'stand', 'human', 'rights']
    """
    validate_corpus(corpus)
    check_choice("numbers", numbers, ["drop", "keep", "token"])
    if phrases is None:  # ``attrs["phrases"]`` of tokens made without phrases
        phrases = False
    if not isinstance(phrases, (bool, Mapping, pd.DataFrame)):
        raise TypeError(f"phrases must be True, False, a dict of detect_phrases options or "
                        f"a phrase table, not {type(phrases).__name__}")
    if isinstance(min_length, bool) or not isinstance(min_length, int) or min_length < 1:
        raise ValueError(f"min_length={min_length!r} is invalid; must be an int >= 1")
    lemma_of = _lemmatizer(lemmatize)
    stop = load_stopwords(stopwords) if stopwords is not None else frozenset()
    stop = stop | {" ".join(str(w).lower().split()) for w in extra_stopwords}
    keep_set = {str(w).lower() for w in keep}
    stop_single = {w for w in stop if " " not in w} - keep_set
    stop_multi = [tuple(w.split()) for w in stop if " " in w]

    flat, starts, vocab, protected = _encode(corpus, mentions, progress)
    forms = list(vocab)
    nform = len(forms)
    flat[flat == _SEP] = nform  # so that lookups below need no masking
    counts = np.bincount(flat, minlength=nform + 1)[:nform]
    counts[_BREAK_ID] = 0

    # case statistics per lowercase key: how often the word is written in lowercase
    keys = [_case_key(f) for f in forms]
    lower_n: dict[str, int] = {}
    upper_n: dict[str, int] = {}
    for form, key, n in zip(forms, keys, counts.tolist()):
        target = lower_n if form[:1].islower() else upper_n
        target[key] = target.get(key, 0) + n

    out_vocab = Vocabulary()
    final = np.full(nform + 1, _GAP, dtype=np.int32)
    final[nform] = _SEP
    reasons = np.zeros(nform, dtype=np.int8)  # 1 stop word, 2 number, 3 short
    lemma_cache: dict[str, str] = {}
    for i, (form, key) in enumerate(zip(forms, keys)):
        if i == _BREAK_ID:
            continue
        if i in protected:
            final[i] = out_vocab[form]
            continue
        if _NUMBER.match(key):
            if numbers == "drop":
                reasons[i] = 2
            else:
                final[i] = out_vocab["#num" if numbers == "token" else key]
            continue
        if len(key) < min_length:
            reasons[i] = 3
            continue
        acronym = 2 <= len(key) <= 4 and form.replace(".", "").isupper()
        if key in stop_single and not acronym:
            reasons[i] = 1
            continue
        word = key
        if lemma_of is not None and not acronym and (
                form[:1].islower() or lower_n.get(key, 0) >= upper_n.get(key, 0)):
            word = lemma_cache.get(key) or lemma_cache.setdefault(key, lemma_of(key))
            if word in stop_single:
                reasons[i] = 1
                continue
        final[i] = out_vocab[word]
    del lower_n, upper_n, lemma_cache

    report = {"documents": len(corpus), "tokens_read": int(counts.sum())}
    for code, name in ((1, "stop_words"), (2, "numbers"), (3, "short_words")):
        report[f"{name}_removed"] = int(counts[reasons == code].sum())
    ids = final[flat]
    if stop_multi:
        key_ids = Vocabulary()
        key_of = np.array([key_ids[k] for k in keys] + [-1], dtype=np.int32)
        report["stop_phrase_tokens_removed"] = _remove_sequences(
            ids, key_of[flat], stop_multi, key_ids)
    del flat, keys, forms
    tok, adjacent, lengths = _compact(ids, starts)
    del ids
    strings = list(out_vocab)

    phrase_table = None
    if phrases is not False:
        eligible = np.ones(len(strings), dtype=bool)
        if protected:
            eligible[final[sorted(protected)]] = False  # actor tokens never join phrases
        if isinstance(phrases, pd.DataFrame):
            phrase_table = phrases
        else:
            options = {} if phrases is True else dict(phrases)
            phrase_table = _detect(tok, adjacent, eligible, strings, **options)
        tok, lengths, joined = _join_phrases(tok, adjacent, lengths, eligible, strings,
                                             phrase_table)
        report["phrases"] = len(phrase_table)
        report["phrase_tokens_joined"] = joined

    lists = _decode(tok, lengths, strings)
    report["tokens_kept"] = int(lengths.sum())
    report["vocabulary"] = int(np.count_nonzero(np.bincount(tok, minlength=len(strings))))
    report["empty_documents"] = int((lengths == 0).sum())
    _log_report(report)
    result = pd.Series(lists, index=pd.Index(corpus["doc_id"].to_numpy(), name="doc_id"),
                       name="tokens", dtype=object)
    result.attrs["report"] = report
    result.attrs["phrases"] = phrase_table
    return result


def _log_report(r: Mapping[str, int]) -> None:
    read = max(r["tokens_read"], 1)
    parts = [f"{r[k]:,} {k.replace('_removed', '').replace('_', ' ')} ({r[k] / read:.1%})"
             for k in r if k.endswith("_removed") and r[k]]
    logger.info("tokens: %d documents, %s tokens read; removed %s; kept %s tokens%s; "
                "%d documents left empty", r["documents"], f"{r['tokens_read']:,}",
                ", ".join(parts) or "nothing", f"{r['tokens_kept']:,}",
                f" ({r['phrases']:,} phrases joined {r['phrase_tokens_joined']:,} times)"
                if "phrases" in r else "", r["empty_documents"])


def _remove_sequences(ids: np.ndarray, keyseq: np.ndarray, sequences: list[tuple[str, ...]],
                      key_ids: Mapping[str, int]) -> int:
    """Mark as removed (in place, on our own array) every run of ``keyseq`` spelling a sequence."""
    removed = 0
    n = len(keyseq)
    for seq in sequences:
        codes = [key_ids.get(w) for w in seq]
        if any(c is None for c in codes) or len(codes) > n:
            continue
        hit = keyseq[: n - len(codes) + 1] == codes[0]
        for j, c in enumerate(codes[1:], start=1):
            hit &= keyseq[j: n - len(codes) + 1 + j] == c
        where = np.flatnonzero(hit)
        for j in range(len(codes)):
            pos = where + j
            removed += int((ids[pos] >= 0).sum())
            ids[pos] = _GAP
    return removed


