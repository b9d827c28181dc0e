"""Find every actor the dictionary names in a corpus: the Mentions table.

:func:`find_mentions` scans the corpus in batches (:func:`toolkit.actors.scan.scan`),
in this process or in forked worker processes, and builds the Mentions table
(:data:`toolkit.schemas.MENTION_COLUMNS`).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
from toolkit._core.progress import tqdm

from toolkit._core import check_type, resolve_n_jobs
from toolkit.actors.dictionary import ActorDictionary, default_dictionary, load_dictionary
from toolkit.actors.matcher import NEVER_END, NEVER_START, RULES, Matcher, compile_dictionary
from toolkit.actors.ner import check_ner, load_ner, review
from toolkit.actors.scan import scan
from toolkit.schemas import MENTION_COLUMNS, empty_mentions, validate_corpus

logger = logging.getLogger("toolkit.actors")

__all__ = ["BATCH_CHARS", "find_mentions"]

#: Documents are scanned in batches of about this many characters.
BATCH_CHARS = 4_000_000

# What a forked worker scans: (matcher, texts, dates). Set only in worker processes, by
# _start_worker (the pool's initializer); the parent never sets it.
_worker_data: tuple[Matcher, list[str], np.ndarray, bool] | None = None


def find_mentions(corpus: pd.DataFrame,
                  dictionary: ActorDictionary | str | Path | None = None, *,
                  n_jobs: int | None = None, keep_rejected: bool = False,
                  ner: Any = None) -> pd.DataFrame:
    """Find every actor the dictionary names in the corpus and resolve it.

    Rules, in the order they apply:

    * names match whole words only, case-sensitively as written ("US" and "IS" are
      actors, "us" and "is" never are; a hit inside "USAID" or "Busan" is no hit);
      possessives ("Russia's", "Putin’s") and hyphen compounds ("U.S.-led",
      "Iran-Iraq war") end a word; names of four letters or more also match in capitals
      ("RUSSIA"), and ``aliases_nocase`` in lower, UPPER, Title and Capitalised case;
      short acronyms that are English words ("US", "IS") are not read in a line with no
      lower-case letter around them (a shouted "THIS IS FOR US") unless they start it or
      follow a colon or dash ("US TROOPS LEAVE", "SYRIA: IS SEIZES TOWN");
    * the longest match wins, leftmost first ("South Sudan" is not "Sudan", "U.S.
      President" is a title, not "U.S.");
    * currencies are not actors: "US dollars", "US$", "$US", "Canadian dollar" give no
      mention; nor do regions named after a continent ("Latin American",
      "Inter-American", "Central America": :data:`toolkit.actors.matcher.NOT_ACTORS`)
      unless the dictionary has an actor for them;
    * a title followed by a name ("U.S. President Barack Obama", "Foreign Secretary
      Philip Hammond") is one mention of the person, resolved by the name;
    * a bare title ("the Secretary-General", "the Russian President", "President of
      France") resolves to the holder on the document's date; not when dated ``NaT``,
      when preceded by "former", "Deputy", "Under-", ... or, for an international
      office, followed by "of" (another body's officer); a national title with no known
      holder that day is a mention of the state (rule ``office``);
    * a surname ("Assad", "Mr Rouhani", "President Putin") resolves to the person with
      that surname named earlier in the same document (in full, or as "Mr Annan" /
      "Secretary-General Annan"), else to the only one in office on the document's date;
      with a title or "Mr"/"Mrs"/... in front, a surname only one person has is that
      person even out of office; surnames that are common words
      (``surname_needs_title``) need such a title;
    * dated names (``{name: ..., from: ..., to: ...}`` in any list, as former names in
      ``historical``) apply only within their dates; in an undated document only when
      they are the one reading of the words;
    * qualified names win over their base ("Congo DR", "D.P.R. Korea", "Korea Republic",
      "Yemen People's Republic", "Sudan (South)", "Hong Kong, China": rule
      ``qualified``); compounds named after a place are no mention ("French fries",
      "Danish pastry", "Panama hat", "Lake Chad"); the word lists are in
      ``toolkit/data/actors/context/`` (:mod:`toolkit.actors.wordlists`);
    * context decides what a name means (:mod:`toolkit.actors.context`): a first name
      before a state's name, or a surname after one that is also a first name, makes a
      person ("Michael Jordan", "Chad Smith"); "City, Region" and US contexts make a place
      in the US or Canada ("Paris, Texas", "Jamaica, Queens", "Atlanta, Georgia",
      "Washington state"); "Soviet" in a republic's name is no USSR; a capital as the
      object of in/at/to is a ``venue`` (a place: leave out ``rule == "venue"`` to count
      governments only), as the subject or possessive of a statement, decision or action
      the government (``metonym``), otherwise ``metonym_unclear``; where context is
      unclear the state is kept and the rule says so (``..._unclear``).

    Each mention also carries the ``sovereign`` of its ``country`` on the document's date
    (the state itself; ``NLD`` for the Netherlands Antilles, ``USA`` for the US Virgin
    Islands, ``GBR`` then ``CHN`` for Hong Kong), so that territories are actors of their
    own and can still be counted with their sovereign.

    Parameters
    ----------
    corpus
        A Corpus table (:mod:`toolkit.corpus`).
    dictionary
        An :class:`ActorDictionary`, a YAML path (merged over the default), or ``None``
        for the default dictionary (:func:`toolkit.actors.dictionary.default_dictionary`).
    n_jobs
        Worker processes (forked; results are identical and in the same order), with
        joblib's meaning (:func:`toolkit._core.resolve_n_jobs`): ``None`` (default) or -1
        every available core, -2 all but one, 1 none (all in this process). A corpus of
        less than two batches (:data:`BATCH_CHARS`) is always scanned in this process.
    keep_rejected
        Also return the readings a context rule rejected, with that rule in ``rule``
        (``first_name``, ``city_region``, ``us_state``, ``compound``, ``currency``,
        ``shouted``, ``part_of_name``, ``ner``) and the actor they would have had: to
        audit the rules (:data:`toolkit.actors.REJECTED_RULES`).
    ner
        Optional second opinion from a statistical named-entity recogniser on the mentions
        whose context is unclear (:func:`toolkit.actors.ner.review`): ``None`` (default:
        none), ``"auto"`` (an installed spaCy model, if any; else none, logged) or a
        loaded spaCy pipeline with an ``ner`` component. Nothing is ever downloaded.

    Returns
    -------
    pandas.DataFrame
        The Mentions table (:mod:`toolkit.actors`), sorted by document order then ``start``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from toolkit.corpus import from_frame
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "d.yaml"
    >>> _ = f.write_text('''
    ... actors:
    ...   - {id: USA, name: United States, kind: state, aliases: [US, U.S.], demonyms: [American]}
    ...   - {id: RUS, name: Russia, kind: state, metonyms: [Moscow]}
    ... ''')
    >>> d = load_dictionary(f, replace=True)
    >>> c = from_frame(pd.DataFrame({"text": ["Moscow told us the U.S.-led plan is Russia's."]}))
    >>> find_mentions(c, d)[["start", "end", "surface", "actor", "rule"]].values.tolist()
    [[0, 6, 'Moscow', 'RUS', 'metonym'], [19, 23, 'U.S.', 'USA', 'alias'], [36, 42, 'Russia', 'RUS', 'alias']]
    """
    validate_corpus(corpus)
    n_procs = resolve_n_jobs(n_jobs)
    check_type("keep_rejected", keep_rejected, bool, "True or False")
    nlp = load_ner() if isinstance(ner, str) and ner == "auto" else ner
    if nlp is not None:
        check_ner(nlp)
    matcher = compile_dictionary(_as_dictionary(dictionary))
    texts = corpus["text"].tolist()
    dates = corpus["date"].to_numpy(dtype="datetime64[ns]").astype(np.int64)
    parts = _scan_all(matcher, texts, dates, n_procs, keep_rejected)
    if not parts or sum(len(p["doc"]) for p in parts) == 0:
        return empty_mentions()
    out = _table({k: np.concatenate([p[k] for p in parts]) for k in parts[0]}, matcher, texts,
                 corpus["doc_id"].tolist(), dates)
    if nlp is not None:
        out = review(out, corpus, nlp, keep_rejected=keep_rejected)
    logger.info("find_mentions: %d mentions of %d actors in %d of %d documents", len(out),
                out["actor"].nunique(), out["doc_id"].nunique(), len(corpus))
    return out


def _as_dictionary(dictionary: ActorDictionary | str | Path | None) -> ActorDictionary:
    if dictionary is None:
        return default_dictionary()
    check_type("dictionary", dictionary, (ActorDictionary, str, Path),
               "an ActorDictionary (from load_dictionary), a path or None for the default")
    if isinstance(dictionary, ActorDictionary):
        return dictionary
    return load_dictionary(dictionary)


def _batches(lengths: np.ndarray, size: int) -> list[tuple[int, int]]:
    out, lo, acc = [], 0, 0
    for i, n in enumerate(lengths.tolist()):
        acc += n
        if acc >= size:
            out.append((lo, i + 1))
            lo, acc = i + 1, 0
    if lo < len(lengths):
        out.append((lo, len(lengths)))
    return out


def _scan_batch(matcher: Matcher, texts: list[str], dates: np.ndarray, keep_rejected: bool,
                lo: int, hi: int) -> dict[str, np.ndarray]:
    out = scan(matcher, texts[lo:hi], dates[lo:hi], keep_rejected=keep_rejected)
    out["doc"] = out["doc"] + lo
    return out


def _start_worker(matcher: Matcher, texts: list[str], dates: np.ndarray,
                  keep_rejected: bool) -> None:
    """A worker's initializer: keep what it scans (inherited through the fork, not pickled)."""
    global _worker_data
    _worker_data = (matcher, texts, dates, keep_rejected)


def _scan_in_worker(lo: int, hi: int) -> dict[str, np.ndarray]:
    assert _worker_data is not None, "only in a worker started by _start_worker"
    return _scan_batch(*_worker_data, lo, hi)


def _scan_all(matcher: Matcher, texts: list[str], dates: np.ndarray, n_jobs: int,
              keep_rejected: bool) -> list[dict[str, np.ndarray]]:
    """Scan every batch, in order; in ``n_jobs`` forked workers when there are several."""
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    batches = _batches(lengths, BATCH_CHARS)
    parts = []
    with tqdm(total=int(lengths.sum()), unit="char", unit_scale=True, desc="find_mentions",
              disable=None if lengths.sum() > 2 * BATCH_CHARS else True) as bar:
        if n_jobs > 1 and len(batches) > 1 and os.name == "posix":
            # fork: the workers inherit the initializer's arguments instead of unpickling them
            with ProcessPoolExecutor(max_workers=n_jobs,
                                     mp_context=multiprocessing.get_context("fork"),
                                     initializer=_start_worker,
                                     initargs=(matcher, texts, dates, keep_rejected)) as pool:
                for (lo, hi), part in zip(batches, pool.map(_scan_in_worker, *zip(*batches))):
                    parts.append(part)
                    bar.update(int(lengths[lo:hi].sum()))
        else:
            for lo, hi in batches:
                parts.append(_scan_batch(matcher, texts, dates, keep_rejected, lo, hi))
                bar.update(int(lengths[lo:hi].sum()))
    return parts


def _sovereign(matcher: Matcher, actor: np.ndarray, doc: np.ndarray,
               dates: np.ndarray) -> np.ndarray:
    """The actor index of each mention's sovereign on its document's date (-1: none)."""
    out = matcher.sov_static[actor].copy()
    for who, periods in matcher.sov_periods.items():
        rows = np.flatnonzero(actor == who)
        if len(rows) == 0:
            continue
        when = dates[doc[rows]]
        found = np.full(len(rows), -1, dtype=np.int64)
        for sov, since, until in periods:
            undated_today = (when == NEVER_START) & (until == NEVER_END)
            found[((since <= when) & (when <= until) & (when != NEVER_START))
                  | undated_today] = sov
        out[rows] = found
    return out


def _table(cols: dict[str, np.ndarray], matcher: Matcher, texts: list[str],
           doc_ids: list[str], dates: np.ndarray) -> pd.DataFrame:
    """The Mentions table of the concatenated :func:`toolkit.actors.scan.scan` arrays."""
    doc, start, end, actor = cols["doc"], cols["start"], cols["end"], cols["actor"]
    pattern = cols["pattern"]
    # surfaces that are no pattern (a title or "Mr" joined a name) are sliced from the text
    sliced = np.flatnonzero(pattern < 0)
    extra = [texts[i][s:e] for i, s, e in zip(doc[sliced].tolist(), start[sliced].tolist(),
                                             end[sliced].tolist())]
    pattern[sliced] = len(matcher.patterns) + np.arange(len(sliced))
    data = {
        "doc_id": _str_column(doc, doc_ids),
        "paragraph": cols["paragraph"], "sentence": cols["sentence"],
        "start": start, "end": end,
        "surface": _str_column(pattern, matcher.patterns + extra),
        "actor": _str_column(actor, matcher.actor_ids.tolist()),
        "name": _str_column(actor, matcher.names.tolist()),
        "kind": _str_column(actor, matcher.kinds.tolist()),
        "country": _str_column(actor, matcher.countries.tolist()),
        "rule": _str_column(cols["rule"], list(RULES)),
        "sovereign": _str_column(_sovereign(matcher, actor, doc, dates) + 1,
                                 [""] + matcher.actor_ids.tolist()),
    }
    return pd.DataFrame({c: data[c] for c in MENTION_COLUMNS})


def _str_column(codes: np.ndarray, categories: list[str]) -> pd.api.extensions.ExtensionArray:
    """``categories[codes]`` as a pandas ``str`` array, without a Python object per row."""
    dtype = pd.Series([""], dtype=str).dtype
    if getattr(dtype, "storage", None) == "pyarrow":
        arr = pa.DictionaryArray.from_arrays(pa.array(codes, type=pa.int32()),
                                             pa.array(categories, type=pa.large_string()))
        return pd.array(arr.cast(pa.large_string()), dtype=dtype)
    return pd.array(np.asarray(categories, dtype=object)[codes], dtype=dtype)
