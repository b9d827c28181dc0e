"""Split texts into paragraphs and sentences, with no downloaded data.

Spans are ``(start, end)`` character offsets into the original text, so every later
table (tokens, mentions) can point back at the exact characters it came from.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from toolkit._util import check_choice
from toolkit.corpus import validate

__all__ = [
    "ABBREVIATIONS", "paragraph_spans", "sentence_spans",
    # token preparation (below the sentence splitter)
    "STOPWORD_LISTS", "tokenize", "load_stopwords", "lemmatize", "tokens", "detect_phrases",
    "apply_phrases", "filter_tokens", "PunktSplitter", "train_sentence_splitter",
]

#: Words that end with a period but do not end a sentence (compared without the period,
#: case-sensitively). Single capital letters (initials, "U.S.", "U.N.") are handled apart.
ABBREVIATIONS: frozenset[str] = frozenset("""
Mr Mrs Ms Messrs Mmes Dr Prof Sr Jr St Mt Ft Hon Rev Amb Ambs Gen Lt Col Maj Capt Cmdr Adm
Sgt Cpl Gov Sen Rep Pres Sec Dept Sens Reps Supt Insp Brig Gens No Nos Art Arts Vol Vols
Fig Figs pp p para paras Ch ch sec Inc Ltd Co Corp Bros vs etc al cf ca approx Jan Feb Mar
Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thurs Fri Sat Sun Op Res Doc Ref
Rt Excl Est Univ Assn Intl Govt Min Sr Sra Mme Mlle
""".split())

_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
_TERMINAL = tuple('.!?:;"\'”’)]')
# a candidate sentence end: terminal punctuation, closing quotes/brackets, then white
# space and something that can start a sentence
_SENT_END = re.compile(r"""([.!?]+)["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])""")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.\-]*)$")
# in the reversed "\x01"-joined windows before periods: the run of word characters that
# ends each window (the word _WORD_BEFORE finds, once reversed and stripped of [.-]; its
# "$" also matches before a final newline, hence the optional "\n")
_RUNS_BEFORE = re.compile(r"\x01\n?([A-Za-z.\-]*)[^\x01]*")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` offsets of the paragraphs of ``text``.

    Three layouts are recognised, in this order:

    1. blank lines separate paragraphs (lines within a block are one paragraph);
    2. hard-wrapped text (most lines end mid-sentence, as in the UN General Debate
       transcripts): lines are joined, and a paragraph ends at a line that ends a
       sentence and is clearly shorter than the wrap width;
    3. otherwise one paragraph per line (the usual web-news export).

    Examples
    --------
    >>> t = "First para.\\nSecond para."
    >>> [t[s:e] for s, e in paragraph_spans(t)]
    ['First para.', 'Second para.']
    >>> t = "A long line that\\nwraps here.\\n\\nNext."
    >>> [t[s:e] for s, e in paragraph_spans(t)]
    ['A long line that\\nwraps here.', 'Next.']
    """
    if not isinstance(text, str):
        raise TypeError(f"paragraph_spans expects a str, not {type(text).__name__}")
    if _BLANK_LINE.search(text):
        raw, start = [], 0
        for m in _BLANK_LINE.finditer(text):
            raw.append((start, m.start()))
            start = m.end()
        raw.append((start, len(text)))
    else:
        parts = text.split("\n")
        body = [line for line in map(str.rstrip, parts) if line]
        open_ends = sum(not line.endswith(_TERMINAL) for line in body)
        if len(body) >= 5 and open_ends > 0.5 * len(body):
            lines = _line_spans(text)
            widths = sorted(map(len, body))
            short = 0.85 * widths[int(0.9 * (len(widths) - 1))]
            raw, start = [], None
            for s, e in lines:
                line = text[s:e].rstrip()
                if start is None:
                    if not line.strip():
                        continue
                    start = s
                if not line.strip() or (line.endswith(_TERMINAL) and len(line) < short):
                    raw.append((start, e))
                    start = None
            if start is not None:
                raw.append((start, len(text)))
        else:
            # one paragraph per line, trimmed with str methods (the common layout: fast)
            out, s = [], 0
            for part in parts:
                core = part.strip()
                if core:
                    lead = s + len(part) - len(part.lstrip())
                    out.append((lead, lead + len(core)))
                s += len(part) + 1
            return out
    spans = [_trim(text, s, e) for s, e in raw]
    return [(s, e) for s, e in spans if e > s]


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the period at ``dot`` closes an abbreviation or initial, not a sentence."""
    m = _WORD_BEFORE.search(text, max(0, dot - 20), dot)
    return m is not None and _abbreviation_word(m.group(1))


#: reversed word run before a period -> whether it closes an abbreviation (a cache)
_RUN_VERDICTS: dict[str, bool] = {}


def _abbreviation_word(word: str) -> bool:
    """Whether ``word`` (letters, periods, hyphens; "" for none) is an abbreviation."""
    if not word:
        return False
    if word in ABBREVIATIONS or word.rstrip(".") in ABBREVIATIONS:
        return True
    # initials and dotted acronyms: "J.", "U.S", "U.N", "e.g"
    parts = word.split(".")
    return all(len(p) <= 1 for p in parts) and any(parts)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` offsets of the sentences of ``text``.

    Rule-based and data-free: a sentence ends at ``.``, ``!`` or ``?`` (with any closing
    quotes or brackets) followed by white space and a capital, a digit or an opening
    quote, unless the period closes a known abbreviation (``Mr.``, ``Gen.``, ``No.``, see
    :data:`ABBREVIATIONS`) or an initial / dotted acronym (``U.S.``, ``J. F.``).
    Paragraph boundaries (:func:`paragraph_spans`) always end a sentence. Decimal numbers
    never split because a split needs white space after the period.

    Examples
    --------
    >>> t = "Mr. Obama met U.S. officials. It cost $3.5 bn. “Good,” he said. No. 10 agreed!"
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['Mr. Obama met U.S. officials.', 'It cost $3.5 bn.', '“Good,” he said.', 'No. 10 agreed!']
    """
    spans: list[tuple[int, int]] = []
    for p_start, p_end in paragraph_spans(text):
        start = p_start
        for m in _SENT_END.finditer(text, p_start, p_end):
            if m.group(1) == "." and _is_abbreviation(text, m.start(1)):
                continue
            spans.append(_trim(text, start, m.end()))
            start = m.end()
        spans.append(_trim(text, start, p_end))
    return [(s, e) for s, e in spans if e > s]


def _span_starts(texts: Sequence[str], joined: str, doc_start: Any,
                 codes: Any = None) -> tuple:
    """Return the start offsets of every paragraph and sentence of ``texts``, in ``joined``.

    ``joined`` is ``texts`` joined by one character that is neither white space nor a
    letter (``"\\x00"``), and ``doc_start`` the offset of each text in it; ``codes`` may
    give the code points of ``joined + "\\x00"`` (uint32) when the caller has them. The
    boundaries are those of :func:`paragraph_spans` and :func:`sentence_spans`, computed
    for a whole batch at once (``_SENT_END``'s matches found with numpy on the code
    points instead of one match object per sentence), as sorted int64 arrays of offsets
    into ``joined``: ``searchsorted`` then gives the paragraph and sentence of any offset
    (``toolkit.actors`` uses it for every mention).

    Examples
    --------
    >>> texts = ["One. Two.\\nThree.", "Mr. X came. Go!"]
    >>> p, s = _span_starts(texts, "\\x00".join(texts), np.array([0, 17]))
    >>> p.tolist(), s.tolist()
    ([0, 10, 17], [0, 5, 10, 17, 29])
    """
    if codes is None:
        codes = np.frombuffer((joined + "\x00").encode("utf-32-le"), dtype=np.uint32)
    run_start, match_end, next_start, lone_dot = _sentence_end_candidates(codes)
    # a lone period closes a sentence unless it closes an abbreviation: one findall over
    # the 20 characters before every such period finds the words _is_abbreviation reads
    dots = np.flatnonzero(lone_dot).tolist()
    at = run_start[dots].tolist()
    lo = np.maximum(run_start[dots] - 20, 0).tolist()
    keep = np.ones(len(run_start), dtype=bool)
    if "\x01" in joined:   # the separator below must not occur in the text
        abbreviation = [_is_abbreviation(joined, a) for a in at]
    else:
        windows = "\x01".join(map(joined.__getitem__, map(slice, lo, at)))
        runs = _RUNS_BEFORE.findall("\x01" + windows[::-1]) if dots else []
        verdicts = _RUN_VERDICTS
        if len(verdicts) > 1 << 16:   # bounded: the runs of a corpus repeat a lot
            verdicts.clear()
        for run in set(runs).difference(verdicts):
            verdicts[run] = _abbreviation_word(run[::-1].lstrip(".-"))
        abbreviation = list(map(verdicts.__getitem__, reversed(runs)))
    keep[np.array(dots, dtype=np.int64)] = ~np.array(abbreviation, dtype=bool)
    next_start = next_start[keep]
    match_end = match_end[keep]
    p_starts, p_ends = [], []
    for text, offset in zip(texts, np.asarray(doc_start).tolist()):
        for s, e in paragraph_spans(text):
            p_starts.append(s + offset)
            p_ends.append(e + offset)
    p_start = np.array(p_starts, dtype=np.int64)
    p_end = np.array(p_ends, dtype=np.int64)
    # a sentence starts after an accepted end only if that is still inside the paragraph
    k = np.searchsorted(p_start, match_end - 1, side="right") - 1
    inside = (k >= 0) & (next_start < p_end[np.maximum(k, 0)])
    # disjoint (a sentence start after an end lies inside its paragraph) and each sorted
    s_start = np.sort(np.concatenate([p_start, next_start[inside]]), kind="stable")
    return p_start, s_start


_TABLES: dict[str, Any] = {}


def _code_table(name: str) -> Any:
    """A bool lookup table over the Basic Multilingual Plane: white space, or a set."""
    if name not in _TABLES:
        if name == "space":
            table = np.fromiter((chr(i).isspace() for i in range(0x10000)), dtype=bool,
                                count=0x10000)
        else:
            # the character classes of _SENT_END
            chars = {"close": "\"'”’)]", "open": "\"'“‘([",
                     "capital": "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"}[name]
            table = np.zeros(0x10000, dtype=bool)
            table[[ord(c) for c in chars]] = True
        _TABLES[name] = table
    return _TABLES[name]


def _sentence_end_candidates(codes: Any) -> tuple:
    """Find what ``_SENT_END.finditer`` matches, from code points (last one must be 0).

    Returns, per match: where its ``[.!?]+`` run starts, where the match ends (after the
    closers), where the next sentence starts (after the white space), and whether the run
    is a lone period. ``_SENT_END`` cannot backtrack into a success: closers and periods
    are not white space, so a match exists iff the run, then its closers, are followed by
    white space and then an optional opener and a capital or digit.
    """
    bmp = np.minimum(codes, 0xFFFF)
    term = np.flatnonzero((codes == 46) | (codes == 33) | (codes == 63))   # . ! ?
    if len(term) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, np.zeros(0, dtype=bool)
    cut = np.flatnonzero(np.diff(term) != 1)
    run_start = term[np.concatenate([[0], cut + 1])]
    end = term[np.concatenate([cut, [len(term) - 1]])] + 1
    lone_dot = (end - run_start == 1) & (codes[run_start] == 46)
    close, space = _code_table("close"), _code_table("space")
    last = len(codes) - 1
    active = np.flatnonzero(close[bmp[end]])
    while len(active):
        end[active] += 1
        active = active[close[bmp[np.minimum(end[active], last)]]]
    np.minimum(end, last, out=end)
    ok = space[bmp[end]]
    nxt = end + 1
    active = np.flatnonzero(ok & space[bmp[np.minimum(nxt, last)]])
    while len(active):
        nxt[active] += 1
        active = active[space[bmp[np.minimum(nxt[active], last)]]]
    np.minimum(nxt, last, out=nxt)
    first = bmp[nxt]
    second = bmp[np.minimum(nxt + 1, last)]
    capital = _code_table("capital")
    ok &= capital[first] | (_code_table("open")[first] & capital[second])
    return (run_start[ok].astype(np.int64), end[ok].astype(np.int64),
            nxt[ok].astype(np.int64), lone_dot[ok])


# --------------------------------------------------------------------------- tokens
# Everything below prepares token lists for topic models and coherence. It is written
# for corpora of a few hundred million characters in well under 2 GiB: each document is
# turned into small integers as soon as it is read (one id per distinct surface form),
# every later step (case statistics, stop words, lemmas, phrases) works on the distinct
# forms or on one flat int32 array, and strings are only built at the end, each distinct
# token once, so the returned lists share their str objects.

logger = logging.getLogger(__name__)

#: The stop-word lists shipped in ``toolkit/data/stopwords`` (pass their names to
#: :func:`tokens`): ``"english"`` (general English) and ``"diplomatic"`` (forms of
#: address, Assembly procedure, courtesy formulae). Each file documents its groups.
STOPWORD_LISTS: tuple[str, ...] = ("english", "diplomatic")
_STOPWORD_DIR = Path(__file__).resolve().parent / "data" / "stopwords"

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


def _progress(progress: bool | None) -> bool | None:
    """tqdm's ``disable`` for a ``progress`` option (None: only on a terminal)."""
    return None if progress is None else not progress


class _Vocab(dict):
    """str -> consecutive int id, adding unseen strings as they come."""

    def __missing__(self, key: str) -> int:
        value = self[key] = len(self)
        return value


class _ChunkIds(dict):
    """Whitespace-separated chunk -> its surface-form ids, computed once per chunk.

    Splitting on white space and finding the distinct chunks of a batch of documents
    is done by Arrow in C++, and most chunks repeat ("nations,"), so the regular
    expression runs once per distinct chunk instead of once per token. The ids of all
    chunks live in one growing array (``flat``, with ``start``/``length`` per chunk) so
    that a batch is expanded to token ids with numpy.
    """

    def __init__(self, vocab: _Vocab) -> None:
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
            ) -> tuple[np.ndarray, np.ndarray, _Vocab, set[int]]:
    """Read every document into one flat int32 array of surface-form ids.

    Each document is followed by ``_SEP``; a mention span becomes one protected id.
    Returns the array, the start of each document in it, the vocabulary and the
    protected ids.
    """
    vocab = _Vocab()
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
    bar = tqdm(total=len(corpus), desc="tokens", disable=_progress(progress), leave=False)
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
                          vocab: _Vocab, protected: set[int]) -> list[int]:
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
    phrases: bool | Mapping[str, Any] | pd.DataFrame = True,
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
        ``False``.
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
    validate(corpus)
    check_choice("numbers", numbers, ["drop", "keep", "token"])
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

    out_vocab = _Vocab()
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
        key_ids = _Vocab()
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


# --------------------------------------------------------------------------- phrases

_PHRASE_COLUMNS = ["phrase", "a", "b", "count", "score"]


def _detect(tok: np.ndarray, adjacent: np.ndarray, eligible: np.ndarray, strings: list[str],
            *, min_count: int = 5, threshold: float = 10.0,
            scoring: Literal["default", "npmi"] = "default",
            delimiter: str = "_") -> pd.DataFrame:
    """Score every bigram of adjacent eligible tokens the way gensim's Phrases does.

    gensim's "sentences" here are the runs of adjacent eligible tokens, so its word
    count and its vocabulary size (distinct words plus distinct bigrams, both in the
    default score) are those of the runs.
    """
    check_choice("scoring", scoring, ["default", "npmi"])
    if isinstance(min_count, bool) or not isinstance(min_count, (int, np.integer)) \
            or min_count < 1:
        raise ValueError(f"min_count={min_count!r} is invalid; must be an int >= 1")
    vsize = max(len(strings), 1)
    ok_tok = eligible[tok]
    pair = adjacent & ok_tok[:-1] & ok_tok[1:]
    codes = tok[:-1][pair].astype(np.int64) * vsize + tok[1:][pair]
    del pair
    codes.sort()
    if len(codes):
        first = np.r_[True, codes[1:] != codes[:-1]]
        uniq = codes[first]
        n_ab = np.diff(np.r_[np.flatnonzero(first), len(codes)])
    else:
        uniq = codes
        n_ab = np.zeros(0, dtype=np.int64)
    del codes
    unigram = np.bincount(tok[ok_tok], minlength=vsize)
    len_vocab = int(np.count_nonzero(unigram)) + len(uniq)
    word_count = float(ok_tok.sum())
    del ok_tok
    # only bigrams that can pass are scored; the others keep their place in len_vocab
    if scoring == "npmi" or threshold >= 0:
        cand = n_ab >= (min_count if scoring == "npmi" else min_count + 1)
        uniq, n_ab = uniq[cand], n_ab[cand]
    a, b = uniq // vsize, uniq % vsize
    na, nb = unigram[a].astype(np.float64), unigram[b].astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        if scoring == "default":
            # gensim.models.phrases.original_scorer: same operations in the same order
            score = (n_ab - min_count) / (na * nb) * len_vocab
        else:
            pa, pb, pab = na / word_count, nb / word_count, n_ab / word_count
            score = np.log(pab / (pa * pb)) / -np.log(pab)
            score[n_ab < min_count] = -np.inf
    ok = score > threshold
    words_a = [strings[i] for i in a[ok].tolist()]
    words_b = [strings[i] for i in b[ok].tolist()]
    table = pd.DataFrame({
        "phrase": pd.Series([x + delimiter + y for x, y in zip(words_a, words_b)], dtype=object),
        "a": pd.Series(words_a, dtype=object), "b": pd.Series(words_b, dtype=object),
        "count": n_ab[ok].astype(np.int64), "score": score[ok].astype(np.float64)})
    table = table.sort_values(["score", "phrase"], ascending=[False, True], ignore_index=True)
    logger.info("phrases: %d bigrams scored above %s (%s, min_count=%d; %d distinct bigrams)",
                len(table), threshold, scoring, min_count, len_vocab - np.count_nonzero(unigram))
    return table[_PHRASE_COLUMNS]


def _join_phrases(tok: np.ndarray, adjacent: np.ndarray, lengths: np.ndarray,
                  eligible: np.ndarray, strings: list[str], table: pd.DataFrame
                  ) -> tuple[np.ndarray, np.ndarray, int]:
    """Join accepted bigrams greedily left to right (as gensim's ``Phrases[...]`` does).

    Appends the phrase strings to ``strings``; returns the new ids, the new lengths
    per document and the number of joins.
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"phrases must be True, False, a dict of detect_phrases options or "
                        f"a phrase table, not {type(table).__name__}")
    missing = [c for c in _PHRASE_COLUMNS[:3] if c not in table.columns]
    if missing:
        raise ValueError(f"phrases table is missing columns {missing}; expected the "
                         f"table of detect_phrases with columns {_PHRASE_COLUMNS}")
    index = {s: i for i, s in enumerate(strings)}
    vsize = max(len(strings), 1)
    code_to_phrase: dict[int, str] = {}
    for a, b, phrase in zip(table["a"], table["b"], table["phrase"]):
        ia, ib = index.get(a), index.get(b)
        if ia is not None and ib is not None and eligible[ia] and eligible[ib]:
            code_to_phrase[ia * vsize + ib] = phrase
    del index
    if not code_to_phrase or len(tok) < 2:
        return tok, lengths, 0
    accepted = np.array(sorted(code_to_phrase), dtype=np.int64)
    where = np.flatnonzero(adjacent)
    codes = tok[where].astype(np.int64) * vsize + tok[where + 1]
    at = np.minimum(np.searchsorted(accepted, codes), len(accepted) - 1)
    hit = accepted[at] == codes
    flag = np.zeros(len(tok) - 1, dtype=bool)
    flag[where[hit]] = True
    codes_at = np.zeros(len(tok) - 1, dtype=np.int64)
    codes_at[where[hit]] = codes[hit]
    del where, codes, at, hit
    # greedy: in a run of consecutive joinable pairs take the 1st, 3rd, ...
    idx = np.arange(len(flag))
    run_start = flag & ~np.r_[False, flag[:-1]]
    first = np.maximum.accumulate(np.where(run_start, idx, 0))
    chosen = np.flatnonzero(flag & ((idx - first) % 2 == 0))
    del idx, run_start, first, flag
    if not len(chosen):
        return tok, lengths, 0
    chosen_codes = codes_at[chosen]
    del codes_at
    phrase_ids = {}
    for code in np.unique(chosen_codes).tolist():
        phrase_ids[code] = len(strings)
        strings.append(code_to_phrase[code])
    out = tok.copy()
    out[chosen] = np.array([phrase_ids[c] for c in chosen_codes.tolist()], dtype=np.int32)
    keep = np.ones(len(tok), dtype=bool)
    keep[chosen + 1] = False
    ends = np.cumsum(lengths)
    lost = np.bincount(np.searchsorted(ends, chosen + 1, side="right"), minlength=len(lengths))
    return out[keep], lengths - lost[: len(lengths)], len(chosen)


def _encode_lists(token_lists: Iterable[Sequence[str]]
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """Flatten token lists into ids, adjacency, lengths and the strings of the ids."""
    vocab = _Vocab()
    getter = vocab.__getitem__
    chunks, lengths = [], []
    for i, toks in enumerate(token_lists):
        if isinstance(toks, str):
            raise TypeError(f"expected lists of tokens, but item {i} is a single string "
                            f"({toks[:40]!r}); split it first, e.g. with tokens()")
        arr = np.fromiter(map(getter, toks), dtype=np.int32, count=len(toks))
        chunks.append(arr)
        lengths.append(len(arr))
    tok = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int32)
    lengths_arr = np.asarray(lengths, dtype=np.int64)
    adjacent = np.ones(max(len(tok) - 1, 0), dtype=bool)
    ends = np.cumsum(lengths_arr)
    breaks = ends[(ends > 0) & (ends < len(tok))] - 1
    adjacent[breaks] = False
    return tok, adjacent, lengths_arr, list(vocab)


def _decode(tok: np.ndarray, lengths: np.ndarray, strings: list[str]) -> list[list[str]]:
    """Token lists from ids, each distinct string shared by all its occurrences."""
    lookup = np.array(strings + [""], dtype=object)
    ends = np.cumsum(lengths).tolist()
    starts = [0] + ends[:-1]
    return [lookup[tok[s:e]].tolist() for s, e in zip(starts, ends)]


def _as_series(token_lists: pd.Series | Iterable[Sequence[str]], name: str) -> pd.Series:
    if isinstance(token_lists, pd.Series):
        return token_lists
    if isinstance(token_lists, (str, pd.DataFrame)):
        raise TypeError(f"{name} must be a Series of token lists (from tokens()), not "
                        f"{type(token_lists).__name__}")
    return pd.Series(list(token_lists), dtype=object)


def _not_actor(strings: list[str]) -> np.ndarray:
    return np.array([not s.startswith("@") for s in strings], dtype=bool)


def detect_phrases(
    token_lists: pd.Series | Iterable[Sequence[str]],
    *,
    min_count: int = 5,
    threshold: float = 10.0,
    scoring: Literal["default", "npmi"] = "default",
) -> pd.DataFrame:
    """Find the bigrams that gensim's ``Phrases`` would join, with the same scores.

    Counts every pair of adjacent tokens with numpy (gensim counts them in a Python
    dict, which takes several GB on a large corpus), then scores them with gensim's
    formulas: ``"default"`` is Mikolov et al.'s ``(n_ab - min_count) / (n_a * n_b) *
    vocabulary size`` (the vocabulary counting words and bigrams, as gensim does) and
    ``"npmi"`` the normalised PMI (threshold in -1..1). Tokens starting with ``@`` (actor
    tokens) are never part of a phrase.

    Parameters
    ----------
    token_lists
        Lists of tokens, e.g. ``tokens(corpus, phrases=False)``.
    min_count, threshold, scoring
        As in ``gensim.models.Phrases`` (defaults too).

    Returns
    -------
    pandas.DataFrame
        Columns ``phrase`` (``"a_b"``), ``a``, ``b``, ``count`` (of the bigram),
        ``score``; best first. Pass it to :func:`apply_phrases` or ``tokens(...,
        phrases=table)``.

    Examples
    --------
    >>> docs = [["united", "nations", "security", "council"]] * 5 + [["nations", "peace"]]
    >>> detect_phrases(docs, min_count=2, threshold=0.5)[["phrase", "count", "score"]]
                 phrase  count  score
    0  security_council      5   1.08
    1  nations_security      5   0.90
    2    united_nations      5   0.90
    """
    series = _as_series(token_lists, "token_lists")
    tok, adjacent, _, strings = _encode_lists(series)
    return _detect(tok, adjacent, _not_actor(strings), strings, min_count=min_count,
                   threshold=threshold,
                   scoring=scoring)


def apply_phrases(token_lists: pd.Series | Iterable[Sequence[str]],
                  phrases: pd.DataFrame) -> pd.Series:
    """Join the bigrams of a phrase table into single tokens, greedily left to right.

    Examples
    --------
    >>> table = detect_phrases([["human", "rights", "council"]] * 5, min_count=2, threshold=0.5)
    >>> apply_phrases([["human", "rights", "council", "human", "rights"]], table).tolist()
    [['human_rights', 'council', 'human_rights']]
    """
    series = _as_series(token_lists, "token_lists")
    tok, adjacent, lengths, strings = _encode_lists(series)
    tok, lengths, joined = _join_phrases(tok, adjacent, lengths, _not_actor(strings), strings,
                                         phrases)
    logger.info("apply_phrases: joined %d bigrams into phrases", joined)
    out = pd.Series(_decode(tok, lengths, strings), index=series.index,
                    name=series.name, dtype=object)
    out.attrs = dict(series.attrs)
    out.attrs["phrases"] = phrases
    return out


# --------------------------------------------------------------------------- filtering


def filter_tokens(
    token_lists: pd.Series,
    *,
    no_below: int = 5,
    no_above: float = 0.5,
    keep_n: int | None = None,
    keep: Iterable[str] = (),
    keep_actors: bool = True,
    min_tokens: int = 1,
) -> pd.Series:
    """Drop rare and ubiquitous words, then documents left too short; log what went.

    The same vocabulary rules as gensim's ``Dictionary.filter_extremes`` (document
    frequencies), applied to the token lists so that every later step (dictionary,
    coherence) sees the same texts.

    Parameters
    ----------
    token_lists
        Lists of tokens indexed by ``doc_id`` (from :func:`tokens`).
    no_below
        Keep words found in at least this many documents.
    no_above
        Keep words found in at most this fraction of documents.
    keep_n
        Then keep only the ``keep_n`` most frequent words (by document frequency).
    keep
        Words kept whatever their frequency.
    keep_actors
        Keep actor tokens (``@...``) whatever their frequency.
    min_tokens
        Drop documents left with fewer tokens than this.

    Returns
    -------
    pandas.Series
        The filtered token lists (documents dropped from the index);
        ``attrs["filter_report"]`` counts what was removed.

    Examples
    --------
    >>> s = pd.Series([["peace", "war", "rare"], ["peace", "war"], ["peace"], ["war"]],
    ...               index=pd.Index(list("abcd"), name="doc_id"))
    >>> filter_tokens(s, no_below=2, no_above=0.9, min_tokens=2).to_dict()
    {'a': ['peace', 'war'], 'b': ['peace', 'war']}
    """
    series = _as_series(token_lists, "token_lists")
    if not 0 < no_above <= 1:
        raise ValueError(f"no_above={no_above!r} is invalid; must be a fraction in (0, 1]")
    for name, value in (("no_below", no_below), ("min_tokens", min_tokens)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
            raise ValueError(f"{name}={value!r} is invalid; must be an int >= 0")
    tok, _, lengths, strings = _encode_lists(series)
    n_docs = len(series)
    vsize = max(len(strings), 1)
    doc_of = np.repeat(np.arange(n_docs, dtype=np.int64), lengths)
    df = np.bincount(np.unique(doc_of * vsize + tok) % vsize, minlength=len(strings))
    del doc_of
    good = (df >= no_below) & (df <= no_above * n_docs)
    if keep_n is not None and good.sum() > keep_n:
        order = np.argsort(-df, kind="stable")
        ranked = order[good[order]][:keep_n]
        good = np.zeros_like(good)
        good[ranked] = True
    forced = {str(w) for w in keep}
    for i, s in enumerate(strings):
        if s in forced or (keep_actors and s.startswith("@")):
            good[i] = True
    drop_tok = ~good[tok]
    ends = np.cumsum(lengths)
    lost = np.bincount(np.searchsorted(ends, np.flatnonzero(drop_tok), side="right"),
                       minlength=n_docs)[:n_docs]
    lengths = lengths - lost
    lists = _decode(tok[~drop_tok], lengths, strings)
    keep_doc = lengths >= min_tokens
    out = pd.Series([x for x, k in zip(lists, keep_doc) if k], index=series.index[keep_doc],
                    name=series.name, dtype=object)
    report = {"words_removed": int((~good).sum()), "words_kept": int(good.sum()),
              "tokens_removed": int(drop_tok.sum()), "tokens_kept": int(lengths[keep_doc].sum()),
              "documents_removed": int((~keep_doc).sum()), "documents_kept": int(keep_doc.sum())}
    total = max(len(tok), 1)
    logger.info(
        "filter_tokens: removed %d of %d words (in < %d documents or > %.0f%% of them%s), "
        "%d tokens (%.1f%%), and %d of %d documents left with < %d tokens",
        report["words_removed"], len(strings), no_below, 100 * no_above,
        f", beyond the {keep_n} most frequent" if keep_n is not None else "",
        report["tokens_removed"], 100 * report["tokens_removed"] / total,
        report["documents_removed"], n_docs, min_tokens)
    out.attrs = dict(series.attrs)
    out.attrs["filter_report"] = report
    return out


# --------------------------------------------------------------------------- Punkt


class PunktSplitter:
    """A sentence splitter trained on a corpus with nltk's unsupervised Punkt algorithm.

    Made by :func:`train_sentence_splitter`; :meth:`spans` has the same contract as
    :func:`sentence_spans` (offsets into the text, paragraphs always end a sentence).

    Attributes
    ----------
    tokenizer_
        The trained ``nltk.tokenize.punkt.PunktSentenceTokenizer``.
    """

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer_ = tokenizer

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Return the ``(start, end)`` offsets of the sentences of ``text``."""
        if not isinstance(text, str):
            raise TypeError(f"spans expects a str, not {type(text).__name__}")
        out: list[tuple[int, int]] = []
        for p_start, p_end in paragraph_spans(text):
            for s, e in self.tokenizer_.span_tokenize(text[p_start:p_end]):
                if e > s:
                    out.append((p_start + s, p_start + e))
        return out

    def __repr__(self) -> str:
        n = len(self.tokenizer_._params.abbrev_types)
        return f"PunktSplitter({n} abbreviations)"


def train_sentence_splitter(
    corpus: pd.DataFrame,
    *,
    abbreviations: Iterable[str] = ABBREVIATIONS,
    max_chars: int | None = 20_000_000,
    progress: bool | None = None,
) -> PunktSplitter:
    """Train nltk's Punkt sentence splitter on the corpus itself (no downloaded data).

    Punkt learns abbreviations, collocations and frequent sentence starters from the
    texts; the known :data:`ABBREVIATIONS` are added to what it learns. The rule-based
    :func:`sentence_spans` stays the default: it is faster and, on the seed article and
    the UN General Debates, at least as accurate (see ``tests/test_text.py``); Punkt
    helps on corpora full of abbreviations the rules do not know.

    Parameters
    ----------
    corpus
        A Corpus table.
    abbreviations
        Abbreviations (without the final period) to add to those Punkt learns.
    max_chars
        Train on the documents in corpus order until this many characters (Punkt's
        statistics settle long before 200 million characters); ``None`` for all.
    progress
        Show a progress bar (default: only on a terminal).

    Examples
    --------
    >>> from toolkit.corpus import load
    >>> splitter = train_sentence_splitter(load("sample"))
    >>> t = "Mr. Obama met Gen. Dunford. They spoke."
    >>> [t[s:e] for s, e in splitter.spans(t)]
    ['Mr. Obama met Gen. Dunford.', 'They spoke.']
    """
    from nltk.tokenize.punkt import PunktSentenceTokenizer, PunktTrainer

    validate(corpus)
    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = True
    used = 0
    for text in tqdm(corpus["text"], desc="punkt", disable=_progress(progress), leave=False):
        trainer.train(text, finalize=False)
        used += len(text)
        if max_chars is not None and used >= max_chars:
            break
    trainer.finalize_training()
    params = trainer.get_params()
    learned = len(params.abbrev_types)
    params.abbrev_types.update(a.lower() for a in abbreviations)
    logger.info("train_sentence_splitter: trained Punkt on %s characters; %d abbreviations "
                "learned, %d in all", f"{used:,}", learned, len(params.abbrev_types))
    return PunktSplitter(PunktSentenceTokenizer(params))
