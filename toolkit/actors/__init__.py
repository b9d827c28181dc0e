"""Find the political actors named in texts and resolve each mention to one canonical actor.

The pipeline: an actor dictionary (YAML files, see ``corpus/README.md``, "Actor
dictionary") -> :func:`load_dictionary` -> :func:`find_mentions` -> the Mentions table,
which :mod:`toolkit.network` counts and :func:`kwic` lets a researcher audit.

The Mentions table (one row per resolved mention, in document order, then by ``start``):

==========  =====  ==================================================================
column      dtype  meaning
==========  =====  ==================================================================
doc_id      str    the document (Corpus ``doc_id``)
paragraph   int64  index of the paragraph (:func:`toolkit.text.paragraph_spans`)
sentence    int64  index of the sentence within the whole document
                   (:func:`toolkit.text.sentence_spans`)
start, end  int64  character offsets into the document ``text``: ``text[start:end]``
surface     str    the matched text (a title and the name after it form one mention)
actor       str    canonical actor id (``RUS``, ``isis``, ``barack_obama``)
name        str    display name of the actor
kind        str    state, person, organisation, armed_group or other
country     str    ISO3 of the state the actor belongs to; "" for international bodies
rule        str    what resolved it: alias, alias_nocase, demonym, metonym, historical
                   (a former name), surname, title (the office holder on the document's
                   date), title+name / title+surname (a title followed by the person's
                   name), office (a national title with no known holder that day: the
                   state)
==========  =====  ==================================================================
"""

from __future__ import annotations

import logging
import os
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.actors.dictionary import (
    DEFAULT_DICTIONARY_DIR,
    KINDS,
    ActorDictionary,
    DictionaryError,
    load_dictionary,
)
from toolkit.actors.matcher import HONORIFICS, RULES, compile_dictionary, scan
from toolkit.schemas import validate_corpus

logger = logging.getLogger(__name__)

__all__ = [
    "KINDS",
    "MENTION_COLUMNS",
    "RULES",
    "ActorDictionary",
    "DictionaryError",
    "discover",
    "empty_mentions",
    "find_mentions",
    "kwic",
    "load_dictionary",
]

#: Columns of the Mentions table, in order (see the module docstring).
MENTION_COLUMNS = ("doc_id", "paragraph", "sentence", "start", "end", "surface", "actor",
                   "name", "kind", "country", "rule")
_INT_COLUMNS = ("paragraph", "sentence", "start", "end")
#: Documents are scanned in batches of about this many characters.
BATCH_CHARS = 4_000_000
_DEFAULT: dict[tuple, ActorDictionary] = {}
_WORK: tuple | None = None   # what forked workers read: (matcher, texts, dates)


def _default_dictionary() -> ActorDictionary:
    files = tuple(sorted(DEFAULT_DICTIONARY_DIR.glob("*.y*ml")))
    key = tuple((str(f), f.stat().st_mtime_ns) for f in files)
    if key not in _DEFAULT:
        _DEFAULT.clear()
        _DEFAULT[key] = load_dictionary()
    return _DEFAULT[key]


def _as_dictionary(dictionary: ActorDictionary | str | Path | None) -> ActorDictionary:
    if dictionary is None:
        return _default_dictionary()
    if isinstance(dictionary, ActorDictionary):
        return dictionary
    if isinstance(dictionary, (str, Path)):
        return load_dictionary(dictionary)
    raise TypeError("dictionary must be an ActorDictionary (from load_dictionary), a path or "
                    f"None for the default, not {type(dictionary).__name__}")


def _work(lo: int, hi: int) -> dict[str, np.ndarray]:
    assert _WORK is not None
    matcher, texts, dates = _WORK
    out = scan(matcher, texts[lo:hi], dates[lo:hi])
    out["doc"] = out["doc"] + lo
    return out


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


def _str_column(codes: np.ndarray, categories: list[str]) -> pd.api.extensions.ExtensionArray:
    """``categories[codes]`` as a pandas ``str`` array, without a Python object per row."""
    dtype = pd.Series([""], dtype=str).dtype
    if getattr(dtype, "storage", None) == "pyarrow":
        import pyarrow as pa

        arr = pa.DictionaryArray.from_arrays(pa.array(codes, type=pa.int32()),
                                             pa.array(categories, type=pa.large_string()))
        return pd.array(arr.cast(pa.large_string()), dtype=dtype)
    return pd.array(np.asarray(categories, dtype=object)[codes], dtype=dtype)


def empty_mentions() -> pd.DataFrame:
    """Return a Mentions table with no rows and the right columns and dtypes.

    Examples
    --------
    >>> list(empty_mentions().columns) == list(MENTION_COLUMNS)
    True
    """
    data = {c: pd.Series([], dtype="int64" if c in _INT_COLUMNS else str)
            for c in MENTION_COLUMNS}
    return pd.DataFrame(data)


def find_mentions(corpus: pd.DataFrame,
                  dictionary: ActorDictionary | str | Path | None = None, *,
                  n_jobs: int = 1) -> pd.DataFrame:
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
      "Inter-American", "Central America": ``_actors_match.NOT_ACTORS``) unless the
      dictionary has an actor for them;
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
      they are the one reading of the words.

    Parameters
    ----------
    corpus
        A Corpus table (:mod:`toolkit.corpus`).
    dictionary
        An :class:`ActorDictionary`, a YAML path (merged over the default), or ``None``
        for the default dictionary.
    n_jobs
        Worker processes (forked; results are identical and in the same order). 2 halves
        the wall time of a large corpus on two cores; 1 (default) uses none.

    Returns
    -------
    pandas.DataFrame
        The Mentions table (module docstring), sorted by document order then ``start``.

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
    global _WORK
    validate_corpus(corpus)
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, (int, np.integer)) or n_jobs < 1:
        raise ValueError(f"n_jobs={n_jobs!r} is invalid; must be an int >= 1")
    d = _as_dictionary(dictionary)
    matcher = compile_dictionary(d)
    texts = corpus["text"].tolist()
    dates = corpus["date"].to_numpy(dtype="datetime64[ns]").astype(np.int64)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    batches = _batches(lengths, BATCH_CHARS)
    from tqdm.auto import tqdm

    bar = tqdm(total=int(lengths.sum()), unit="char", unit_scale=True, desc="find_mentions",
               disable=None if lengths.sum() > 2 * BATCH_CHARS else True)
    _WORK = (matcher, texts, dates)
    parts = []
    try:
        if n_jobs > 1 and len(batches) > 1 and os.name == "posix":
            import multiprocessing as mp
            from concurrent.futures import ProcessPoolExecutor

            with ProcessPoolExecutor(max_workers=int(n_jobs),
                                     mp_context=mp.get_context("fork")) as pool:
                for (lo, hi), part in zip(batches, pool.map(_work, *zip(*batches))):
                    parts.append(part)
                    bar.update(int(lengths[lo:hi].sum()))
        else:
            for lo, hi in batches:
                parts.append(_work(lo, hi))
                bar.update(int(lengths[lo:hi].sum()))
    finally:
        _WORK = None
        bar.close()
    if not parts or sum(len(p["doc"]) for p in parts) == 0:
        return empty_mentions()
    cols = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    doc, start, end, actor = cols["doc"], cols["start"], cols["end"], cols["actor"]
    pattern = cols["pattern"]
    sliced = np.flatnonzero(pattern < 0)
    extra = [texts[i][s:e] for i, s, e in zip(doc[sliced].tolist(), start[sliced].tolist(),
                                             end[sliced].tolist())]
    pattern[sliced] = len(matcher.patterns) + np.arange(len(sliced))
    out = pd.DataFrame({
        "doc_id": _str_column(doc, corpus["doc_id"].tolist()),
        "paragraph": cols["paragraph"], "sentence": cols["sentence"],
        "start": start, "end": end,
        "surface": _str_column(pattern, matcher.patterns + extra),
        "actor": _str_column(actor, matcher.actor_ids.tolist()),
        "name": _str_column(actor, matcher.names.tolist()),
        "kind": _str_column(actor, matcher.kinds.tolist()),
        "country": _str_column(actor, matcher.countries.tolist()),
        "rule": _str_column(cols["rule"], list(RULES)),
    })
    logger.info("find_mentions: %d mentions of %d actors in %d of %d documents", len(out),
                out["actor"].nunique(), out["doc_id"].nunique(), len(corpus))
    return out


def kwic(mentions: pd.DataFrame, corpus: pd.DataFrame, *,
         actor: str | Iterable[str] | None = None, width: int = 40) -> pd.DataFrame:
    """List mentions in their context (keyword in context), to audit what was matched.

    Parameters
    ----------
    mentions
        A Mentions table from :func:`find_mentions` on ``corpus``.
    corpus
        The Corpus table the mentions were found in.
    actor
        An actor id or several; ``None`` for every mention.
    width
        Characters of context on each side (line breaks shown as spaces).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, start, end, left, surface, right, actor, rule``, in mention order.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> c = from_frame(pd.DataFrame({"doc_id": ["d"], "text": ["Talks in Moscow ended."]}))
    >>> m = pd.DataFrame({"doc_id": ["d"], "start": [9], "end": [15], "surface": ["Moscow"],
    ...                   "actor": ["RUS"], "rule": ["metonym"]})
    >>> kwic(m, c, actor="RUS", width=6)[["left", "surface", "right"]].values.tolist()
    [['ks in ', 'Moscow', ' ended']]
    """
    validate_corpus(corpus)
    missing = [c for c in ("doc_id", "start", "end", "surface", "actor", "rule")
               if c not in mentions.columns]
    if missing:
        raise ValueError(f"mentions: not a Mentions table; missing columns {missing} (use "
                         "toolkit.actors.find_mentions)")
    if isinstance(width, bool) or not isinstance(width, (int, np.integer)) or width < 0:
        raise ValueError(f"width={width!r} is invalid; must be an int >= 0")
    rows = mentions
    if actor is not None:
        wanted = [actor] if isinstance(actor, str) else list(actor)
        rows = mentions[mentions["actor"].isin(wanted)]
        absent = sorted(set(wanted) - set(rows["actor"]))
        if absent:
            logger.warning("kwic: no mentions of %s", ", ".join(map(repr, absent)))
    text_of = dict(zip(corpus["doc_id"], corpus["text"]))
    unknown = sorted(set(rows["doc_id"]) - set(text_of))
    if unknown:
        raise ValueError(f"mentions: doc_id(s) {unknown[:5]} are not in corpus; pass the "
                         "corpus the mentions were found in")
    left, right = [], []
    for d, s, e in zip(rows["doc_id"], rows["start"].tolist(), rows["end"].tolist()):
        t = text_of[d]
        left.append(t[max(0, s - width):s].replace("\n", " "))
        right.append(t[e:e + width].replace("\n", " "))
    out = pd.DataFrame({"doc_id": rows["doc_id"].to_numpy(), "start": rows["start"].to_numpy(),
                        "end": rows["end"].to_numpy(), "left": left,
                        "surface": rows["surface"].to_numpy(), "right": right,
                        "actor": rows["actor"].to_numpy(), "rule": rows["rule"].to_numpy()})
    return out.reset_index(drop=True)


_CANDIDATE = re.compile(
    r"(?<![\w’'-])(?:[A-Z][\w’'.-]*[\w]|[A-Z])(?:(?:[ \t]+(?:of|the|for|de|del|la|al)){0,2}"
    r"[ \t]+[A-Z][\w’'.-]*[\w])*")
_CONNECTORS = {"of", "the", "for", "de", "del", "la", "al"}
_LEADING = frozenset([
    "The", "A", "An", "In", "On", "At", "For", "And", "But", "Our", "We", "This", "That",
    "These", "His", "Her", "Their", "My", "Excellency", "Excellencies",
])
_CALENDAR = frozenset([
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday",
    "Friday", "Saturday", "Sunday",
])


def discover(corpus: pd.DataFrame, dictionary: ActorDictionary | str | Path | None = None,
             *, min_count: int = 5, top: int | None = 100,
             mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Rank frequent capitalised names that the dictionary does not know.

    A candidate is a run of capitalised words (joined by "of", "the", "for", ...,
    as in "Economic Community of West African States") outside every mention the
    dictionary finds (so "Mr Smith of the African Union" gives "Smith of the African
    Union": check the examples). Dropped: single letters, months and weekdays, leading
    "The"/"His Excellency"/honorifics, and single words that are mostly seen in lower
    case or at the start of a sentence ("However", "Let"). Single words mostly seen in lower case ("The", "However") and
    honorifics are dropped, and a leading "The" is cut.

    Parameters
    ----------
    corpus
        A Corpus table.
    dictionary
        The dictionary whose names are known (default: the default dictionary).
    min_count
        Keep candidates seen at least this often.
    top
        Keep the ``top`` most frequent (``None``: all).
    mentions
        The Mentions table of ``corpus`` when already computed (saves a pass).

    Returns
    -------
    pandas.DataFrame
        ``candidate, n`` (occurrences), ``n_docs``, ``example`` (one occurrence in
        context), most frequent first (ties by name).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from toolkit.corpus import from_frame
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "d.yaml"
    >>> _ = f.write_text("actors:\\n  - {id: FRA, name: France, kind: state}\\n")
    >>> d = load_dictionary(f, replace=True)
    >>> texts = ["France and the African Union met. The talks went on."] * 3
    >>> c = from_frame(pd.DataFrame({"text": texts}))
    >>> discover(c, d, min_count=2)[["candidate", "n", "n_docs"]].values.tolist()
    [['African Union', 3, 3]]
    """
    validate_corpus(corpus)
    if isinstance(min_count, bool) or not isinstance(min_count, (int, np.integer)) \
            or min_count < 1:
        raise ValueError(f"min_count={min_count!r} is invalid; must be an int >= 1")
    if top is not None and (isinstance(top, bool) or not isinstance(top, (int, np.integer))
                            or top < 1):
        raise ValueError(f"top={top!r} is invalid; must be an int >= 1 or None")
    if mentions is None:
        mentions = find_mentions(corpus, dictionary)
    covered: dict[str, list[tuple[int, int]]] = {}
    for d, s, e in zip(mentions["doc_id"], mentions["start"].tolist(),
                       mentions["end"].tolist()):
        covered.setdefault(d, []).append((s, e))
    lower_words: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    initial: Counter[str] = Counter()
    docs: dict[str, set] = {}
    example: dict[str, str] = {}
    skip = {h.lower() for h in HONORIFICS}
    from tqdm.auto import tqdm

    rows_in = zip(corpus["doc_id"], corpus["text"])
    for doc_id, text in tqdm(rows_in, total=len(corpus), desc="discover", unit="doc",
                             disable=None if len(corpus) > 500 else True):
        lower_words.update(re.findall(r"\b[a-z][a-z]+\b", text))
        # known names are blanked out, so a candidate stops where a known name begins
        pieces, pos = [], 0
        for s, e in sorted(covered.get(doc_id, [])):
            if s >= pos:
                pieces += [text[pos:s], "\x00" * (e - s)]
                pos = e
        masked = "".join(pieces) + text[pos:]
        for m in _CANDIDATE.finditer(masked):
            s, e = m.span()
            words = m.group().split()
            while words and (words[0] in _LEADING or words[0].lower().rstrip(".") in skip):
                words = words[1:]
            while words and (words[-1] in _CONNECTORS or words[-1].rstrip(".").lower() in skip):
                words = words[:-1]
            if not words:
                continue
            cand = " ".join(words).rstrip(".")
            if len(cand) < 2 or cand in _CALENDAR:
                continue
            counts[cand] += 1
            # a sentence-initial word is capitalised whatever it is
            before = masked[max(0, s - 3):s].rstrip(" \t")
            if not before or before[-1] in ".!?:;\n\"“‘'(\x00":
                initial[cand] += 1
            docs.setdefault(cand, set()).add(doc_id)
            if cand not in example:
                example[cand] = text[max(0, s - 30):e + 30].replace("\n", " ")
    rows = []
    for cand, n in counts.items():
        if n < min_count:
            continue
        if " " not in cand and (lower_words[cand.lower()] >= n or initial[cand] > n / 2):
            continue   # a common word, capitalised because it starts sentences
        rows.append((cand, n, len(docs[cand]), example[cand]))
    out = pd.DataFrame(rows, columns=["candidate", "n", "n_docs", "example"])
    out = out.sort_values(["n", "candidate"], ascending=[False, True]).reset_index(drop=True)
    if top is not None:
        out = out.head(int(top))
    for c in ("n", "n_docs"):
        out[c] = out[c].astype("int64")
    return out
