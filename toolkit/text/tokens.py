"""Token lists for topic models and coherence (part of :mod:`toolkit.text`).

:func:`tokens` runs the steps in order: documents to ids (:mod:`toolkit.text.encode`),
then, once per distinct surface form, case, numbers, stop words and lemmas
(:mod:`toolkit.text.stopwords`), then stop phrases and phrases
(:mod:`toolkit.text.phrases`) on one flat id array. The public names are re-exported by
:mod:`toolkit.text`; import them from there.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal

import numpy as np
import pandas as pd

from toolkit._core import check_choice, check_columns, check_int, check_type
from toolkit._core.encoding import Vocabulary
from toolkit.schemas import validate_corpus
from toolkit.text.encode import _BREAK_ID, _GAP, _SEP, _encode_documents
from toolkit.text.phrases import (
    _PHRASE_COLUMNS,
    _PHRASES_FROM,
    _decode,
    _detect,
    _join_phrases,
)
from toolkit.text.stopwords import (
    STOPWORD_LISTS,
    _capital_stopwords,
    _lemmatizer,
    load_stopwords,
)

logger = logging.getLogger("toolkit.text")

__all__ = ["tokens"]

_NUMBER = re.compile(r"^[\d.,'’\-]*\d[\d.,'’\-]*(?:st|nd|rd|th|s)?$")
# why a surface form was removed (0: kept), in the order of the report
_STOP, _NUMERIC, _SHORT = 1, 2, 3
_REASONS = ((_STOP, "stop_words"), (_NUMERIC, "numbers"), (_SHORT, "short_words"))


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

    1. tokenise with :func:`~toolkit.text.tokenize` (punctuation dropped); with
       ``mentions``, each mention span becomes one token ``"@" + actor`` (``@RUS``,
       ``@barack_obama``) that is never lemmatised, dropped as a stop word or joined into
       a phrase;
    2. lowercase; dotted acronyms lose their dots (``U.S.`` -> ``us``), possessives their
       ``'s``; numbers are dropped, kept, or replaced by ``"#num"`` (``numbers``);
    3. drop stop words, checked on the word and on its lemma; phrase entries (``"like
       to"``, ``"general debate"``) are removed where their words occur in that order.
       All-caps words of 2 to 4 letters are acronyms and never stop words (``US``,
       ``UN``, ``WHO``, ``IS``) unless a list writes them in capitals (the news
       agencies ``AFP``, ``AP`` of the ``"news"`` list);
    4. lemmatise nouns (WordNet when its data is installed, else the rules of
       :func:`~toolkit.text.lemmatize`). A capitalised form is lemmatised only when the
       same word is mostly lowercase in the corpus, so sentence-initial "Countries" folds
       to ``country`` while "United States" and "Nations" stay as written;
    5. join frequent bigrams into phrases (``united_nations``, ``security_council``,
       ``human_rights``) with :func:`~toolkit.text.detect_phrases`; a removed word or a
       punctuation mark between two tokens keeps them from being joined.

    Parameters
    ----------
    corpus
        A Corpus table.
    stopwords
        Stop-word list names (:data:`~toolkit.text.STOPWORD_LISTS`), file paths, or
        ``None`` for none. The default uses all three shipped lists: general English,
        diplomatic boilerplate, and news reporting (``said``, ``told``, ``according``,
        Reuters, AFP: ``toolkit/data/stopwords/news.txt``).
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
        ``True`` detects phrases with :func:`~toolkit.text.detect_phrases` defaults; a
        dict of its options (``{"min_count": 20, "threshold": 10}``); a phrase table from
        an earlier :func:`~toolkit.text.detect_phrases` or ``tokens(...).attrs["phrases"]``
        to apply as it is; or ``False`` (``None``, the ``attrs["phrases"]`` of tokens made
        without phrases, too).
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
    check_int("min_length", min_length, minimum=1)
    phrases = _phrase_option(phrases)
    lemma_of = _lemmatizer(lemmatize)
    stop_single, stop_multi = _stop_sets(stopwords, extra_stopwords, keep)
    capitals = _capital_stopwords(stopwords) - {str(w).lower() for w in keep}

    flat, starts, vocab, protected = _encode_documents(corpus, mentions, progress)
    forms = list(vocab)
    flat[flat == _SEP] = len(forms)  # so that lookups below need no masking
    counts = np.bincount(flat, minlength=len(forms) + 1)[:len(forms)]
    counts[_BREAK_ID] = 0
    keys = [_case_key(f) for f in forms]
    final, reasons, out_vocab = _normalise_forms(
        forms, keys, counts, protected, numbers=numbers, min_length=min_length,
        stop=stop_single, capitals=capitals, lemma_of=lemma_of)

    report = {"documents": len(corpus), "tokens_read": int(counts.sum())}
    for code, name in _REASONS:
        report[f"{name}_removed"] = int(counts[reasons == code].sum())
    ids = final[flat]
    if stop_multi:
        report["stop_phrase_tokens_removed"] = _remove_stop_phrases(ids, flat, keys, stop_multi)
    del flat, keys, forms
    tok, adjacent, lengths = _compact(ids, starts)
    del ids
    strings = list(out_vocab)
    phrase_table = None
    if phrases is not False:
        eligible = np.ones(len(strings), dtype=bool)
        if protected:
            eligible[final[sorted(protected)]] = False  # actor tokens never join phrases
        tok, lengths, phrase_table = _phrase_step(tok, adjacent, lengths, eligible, strings,
                                                  phrases, report)
    return _token_series(corpus, tok, lengths, strings, report, phrase_table)


def _phrase_option(phrases: Any) -> bool | Mapping[str, Any] | pd.DataFrame:
    """Check ``tokens(phrases=...)``; ``None`` (no phrases were made) means ``False``."""
    if phrases is None:  # ``attrs["phrases"]`` of tokens made without phrases
        return False
    check_type("phrases", phrases, (bool, Mapping, pd.DataFrame),
               "True, False, a dict of detect_phrases options or a phrase table")
    if isinstance(phrases, pd.DataFrame):
        check_columns(phrases, _PHRASE_COLUMNS[:3], name="phrases", expected=_PHRASES_FROM)
    return phrases


def _stop_sets(stopwords: str | Iterable[str] | None, extra: Iterable[str],
               keep: Iterable[str]) -> tuple[set[str], list[tuple[str, ...]]]:
    """The single stop words (minus ``keep``) and the stop phrases, as word tuples."""
    stop = load_stopwords(stopwords) if stopwords is not None else frozenset()
    stop = stop | {" ".join(str(w).lower().split()) for w in extra}
    keep_set = {str(w).lower() for w in keep}
    single = {w for w in stop if " " not in w} - keep_set
    multi = [tuple(w.split()) for w in stop if " " in w]
    return single, multi


def _case_key(form: str) -> str:
    """The lowercase key of a surface form: dots of acronyms and possessives removed."""
    key = form.lower().replace("’", "'")
    key = key.removesuffix("'s")
    if "." in key and not key[:1].isdigit():  # U.S. -> us, but 3.5 stays
        key = key.replace(".", "")
    return key.strip("'")


def _case_counts(forms: list[str], keys: list[str], counts: np.ndarray
                 ) -> tuple[dict[str, int], dict[str, int]]:
    """Per lowercase key, how often the word is written in lowercase and otherwise."""
    lower_n: dict[str, int] = {}
    upper_n: dict[str, int] = {}
    for form, key, n in zip(forms, keys, counts.tolist()):
        target = lower_n if form[:1].islower() else upper_n
        target[key] = target.get(key, 0) + n
    return lower_n, upper_n


def _normalise_forms(forms: list[str], keys: list[str], counts: np.ndarray, protected: set[int],
                     *, numbers: str, min_length: int, stop: set[str],
                     capitals: frozenset[str], lemma_of: Callable[[str], str] | None
                     ) -> tuple[np.ndarray, np.ndarray, Vocabulary]:
    """Decide, once per distinct surface form, its output token or why it is removed.

    Returns ``final`` (output id per form id, ``_GAP`` if removed, ``_SEP`` for the
    separator id ``len(forms)``), the reason per removed form (:data:`_REASONS`) and the
    output vocabulary.
    """
    lower_n, upper_n = _case_counts(forms, keys, counts)
    nform = len(forms)
    out_vocab = Vocabulary()
    final = np.full(nform + 1, _GAP, dtype=np.int32)
    final[nform] = _SEP
    reasons = np.zeros(nform, dtype=np.int8)
    lemma_cache: dict[str, str] = {}
    for i, (form, key) in enumerate(zip(forms, keys)):
        if i == _BREAK_ID:
            continue
        if i in protected:
            final[i] = out_vocab[form]
            continue
        if _NUMBER.match(key):
            if numbers == "drop":
                reasons[i] = _NUMERIC
            else:
                final[i] = out_vocab["#num" if numbers == "token" else key]
            continue
        if len(key) < min_length:
            reasons[i] = _SHORT
            continue
        acronym = 2 <= len(key) <= 4 and form.replace(".", "").isupper()
        if key in stop and (not acronym or key in capitals):
            reasons[i] = _STOP
            continue
        word = key
        if lemma_of is not None and not acronym and (
                form[:1].islower() or lower_n.get(key, 0) >= upper_n.get(key, 0)):
            word = lemma_cache.get(key) or lemma_cache.setdefault(key, lemma_of(key))
            if word in stop:
                reasons[i] = _STOP
                continue
        final[i] = out_vocab[word]
    return final, reasons, out_vocab


def _remove_stop_phrases(ids: np.ndarray, flat: np.ndarray, keys: list[str],
                         stop_multi: list[tuple[str, ...]]) -> int:
    """Remove (in place) the stop phrases spelled by the lowercase keys; count the tokens."""
    key_ids = Vocabulary()
    key_of = np.array([key_ids[k] for k in keys] + [-1], dtype=np.int32)
    return _remove_sequences(ids, key_of[flat], stop_multi, key_ids)


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


def _phrase_step(tok: np.ndarray, adjacent: np.ndarray, lengths: np.ndarray,
                 eligible: np.ndarray, strings: list[str],
                 phrases: bool | Mapping[str, Any] | pd.DataFrame, report: dict[str, int]
                 ) -> tuple[np.ndarray, np.ndarray, pd.DataFrame]:
    """Detect phrases (or take the given table) and join them; count into ``report``."""
    if isinstance(phrases, pd.DataFrame):
        phrase_table = phrases
    else:
        options = {} if phrases is True else dict(phrases)
        phrase_table = _detect(tok, adjacent, eligible, strings, **options)
    tok, lengths, joined = _join_phrases(tok, adjacent, lengths, eligible, strings,
                                         phrase_table)
    report["phrases"] = len(phrase_table)
    report["phrase_tokens_joined"] = joined
    return tok, lengths, phrase_table


def _token_series(corpus: pd.DataFrame, tok: np.ndarray, lengths: np.ndarray,
                  strings: list[str], report: dict[str, int],
                  phrase_table: pd.DataFrame | None) -> pd.Series:
    """The token lists as a Series on ``doc_id``, with the report logged and in ``attrs``."""
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
